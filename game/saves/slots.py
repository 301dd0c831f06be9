"""Slot names: the one check of every name a command, the game or a classroom gives, and how a
slot maps to its files (`NAME.json`, its backup `NAME.json.bak`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.saves.document import SaveError

AUTOSAVE = "autosave"
SUFFIX = ".json"
BACKUP_SUFFIX = ".bak"
MAX_SLOT = 64
MAX_SLOT_BYTES = 200  # with `.NAME.json.bak.PID.RANDOM.tmp`, under the usual 255-byte limit
_SLOT = re.compile(r"\w[\w .\-]*")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


class SlotNameError(SaveError):
    """A slot name that cannot be a file name in the saves folder."""


def slot_problem(name: str) -> str | None:
    """What is wrong with `name` as a slot name, or None when it is fine: the one check of
    every name a command, the game or a classroom gives."""
    if not name or not name.strip():
        return "a save name cannot be empty"
    if len(name) > MAX_SLOT:
        return f"a save name has at most {MAX_SLOT} characters (this one has {len(name)})"
    if not name.isprintable():  # also a lone surrogate, which no file name can hold
        return "a save name cannot hold line breaks, tabs or other invisible characters"
    if len(name.encode("utf-8")) > MAX_SLOT_BYTES:
        return f"a save name is too long for a file name (at most {MAX_SLOT_BYTES} bytes of UTF-8)"
    if "/" in name or "\\" in name or (os.altsep and os.altsep in name):
        return "a save name cannot contain '/' or '\\'"
    if ".." in name:
        return "a save name cannot contain '..'"
    if name.startswith(".") or name[-1] in ". ":
        return "a save name cannot start with '.' or end with '.' or a space"
    if not _SLOT.fullmatch(name):
        return "a save name has only letters, digits, spaces, '-', '_' and '.'"
    if name.split(".")[0].strip().lower() in _RESERVED:
        return f"{name!r} is reserved by Windows"
    return None


def slot_of(path: Path) -> str:
    name = path.name
    for suffix in (BACKUP_SUFFIX, SUFFIX):
        name = name.removesuffix(suffix)
    return name


def backup_of(path: Path) -> Path:
    return path if path.name.endswith(BACKUP_SUFFIX) else path.with_name(path.name + BACKUP_SUFFIX)
