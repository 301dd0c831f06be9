"""Deterministic, portable random numbers for the engine.

Every roll is a pure function of the game's seed, the turn and a *stream* (a stable number for the
thing being rolled: the event draw, a choice's outcomes, a rule). So a replay needs no saved
generator state, and two games that differ only in one choice face the same dice on the other
rolls (common random numbers), which keeps counterfactual comparisons fair.
"""

from __future__ import annotations

import hashlib
import zlib

_MASK = (1 << 64) - 1


def seed_key(seed: str) -> int:
    """A 64-bit key from any seed text ("week-3", "42")."""
    return int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big")


def stream(name: str) -> int:
    """A stable stream number for a named roll (not Python's salted hash)."""
    return zlib.crc32(name.encode("utf-8"))


def roll(key: int, turn: int, stream_id: int) -> float:
    """A uniform number in [0, 1): splitmix64 over the seed, turn and stream."""
    z = (key ^ (turn * 0x9E3779B97F4A7C15) ^ (stream_id * 0xD1B54A32D192ED03)) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    return (z >> 11) / 9007199254740992.0


def variant(key: int, k: int) -> int:
    """Another game's key, the k-th of a family derived from `key`: dice nobody has seen, for
    judging an option without knowing how this game's rolls fall."""
    return int.from_bytes(hashlib.sha256(f"{key}/{k}".encode()).digest()[:8], "big")
