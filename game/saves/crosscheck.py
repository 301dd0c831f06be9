"""What a save says about its game, checked against what its decisions produce.

Besides the decisions themselves, a save stores fields derived from them: each decision's turn,
event, state digest and choice fingerprint, the summary of the last state (turn, date, event,
ending, digest, values: what listings and reports show without a pack), and a header naming the
pack. Anyone can edit those and recompute the checksum, so a save whose replay went through is
also checked field by field: a save that contradicts itself is never 'ok'.
"""

from __future__ import annotations

from typing import Any

from game.engine.pack import Pack
from game.engine.session import Session
from game.saves.format import SaveData
from game.saves.replay import choice_spec, summarize

MAX_LISTED = 6


def contradictions(data: SaveData, pack: Pack, session: Session, same_pack: bool) -> list[str]:
    """Every stored field the replayed `session` contradicts, as short phrases. `same_pack`:
    the pack's files are those the save was made with (fingerprints must then match too).
    The replay has checked the digests; a version-1 save, migrated, knows no events, digests,
    fingerprints or values."""
    out: list[str] = []
    states = session.states()
    for d, before in zip(data.decisions, states, strict=False):
        if d.turn != before.turn:
            out.append(
                f"decision {d.choice!r} says turn {d.turn}, it was made at turn {before.turn}"
            )
        if (d.digest or d.event is not None) and d.event != before.event:
            out.append(f"turn {before.turn} says event {d.event!r}, it was {before.event!r}")
        if same_pack and d.spec and d.spec != choice_spec(pack, before.event, d.choice):
            out.append(f"turn {before.turn} says choice {d.choice!r} was another one")
    saved, now = data.state, summarize(pack, session.state)
    for field in ("turn", "date", "event", "ending"):
        if getattr(saved, field) != getattr(now, field):
            out.append(f"its {field} is {_show(getattr(saved, field))}, the decisions give "
                       f"{_show(getattr(now, field))}")  # fmt: skip
    for name in sorted(saved.values.keys() | now.values.keys()) if saved.values else ():
        if name not in now.values:
            out.append(f"it has a value {name!r} the game does not have")
        elif name not in saved.values:
            out.append(f"it lacks the value {name!r}")
        elif not _same(saved.values[name], now.values[name]):
            out.append(f"its {name} is {_show(saved.values[name])}, the decisions give "
                       f"{_show(now.values[name])}")  # fmt: skip
    out += _classroom_contradictions(data)
    if same_pack:
        for field, theirs in (("version", pack.meta.version), ("title", pack.meta.title)):
            mine = getattr(data.pack, field)
            if mine and mine != theirs:
                out.append(f"it names pack {field} {mine!r}, its pack's files are {theirs!r}")
    if len(out) > MAX_LISTED:
        out = [*out[:MAX_LISTED], f"and {len(out) - MAX_LISTED} more"]
    return out


def _classroom_contradictions(data: SaveData) -> list[str]:
    """A classroom game is played with its classroom's seed and assumptions (reports show the
    game as the class's): its copy of the settings must say what the game was played with."""
    if data.classroom is None:
        return []
    settings = data.classroom.settings
    table = settings.get("classroom")
    seed = table.get("seed") if isinstance(table, dict) else None
    out = []
    if seed is not None and seed != data.seed:
        out.append(f"its classroom plays the seed {seed!r}, the game was played with {data.seed!r}")
    assumptions = settings.get("assumptions")
    if assumptions is not None and assumptions != data.assumptions:
        out.append("its classroom's assumptions are not those the game was played with")
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 1e-9
    return bool(a == b)


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)
