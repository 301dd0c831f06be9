"""What a list of saves shows of a save (role, turn, game date, when it was saved), read from
its document without validating the whole of it: the title screen's Continue line needs it
before pydantic and the engine are imported.

The file is checked as any save is (game.saves.document: size, JSON, marker, strict numbers,
version, checksum, migrations), and the fields shown here are checked by hand. The rest of the
save (its decisions, its classroom part) is validated when the game is opened
(game.saves.store), which may still find a problem the header does not show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.saves.document import SaveError, parse, read_raw
from game.saves.slots import SUFFIX, slot_of


@dataclass(frozen=True)
class Header:
    slot: str
    path: Path
    pack_id: str
    role: str
    turn: int
    date: dt.date  # the game date of the turn on the desk
    saved_at: dt.datetime
    over: bool
    player: str = ""  # the student of a classroom game


def read_header(path: Path) -> Header:
    """The header of the save at `path`; raises SaveError naming the file and what is wrong."""
    doc = parse(read_raw(path), path)

    def field(where: str, *kinds: type) -> Any:
        value: Any = doc
        for key in where.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise SaveError(f"{path}: the save is damaged: {where} is missing or wrong", path)
        return value

    turn = field("state.turn", int)
    if turn < 1:
        raise SaveError(f"{path}: the save is damaged: state.turn is below 1", path)
    try:
        date = dt.date.fromisoformat(field("state.date", str))
        saved_at = dt.datetime.fromisoformat(field("saved_at", str))
    except ValueError as e:
        raise SaveError(f"{path}: the save is damaged: a date: {e}", path) from None
    classroom = field("classroom", dict, type(None))
    return Header(
        slot=slot_of(path),
        path=path,
        pack_id=field("pack.id", str),
        role=field("role", str),
        turn=turn,
        date=date,
        saved_at=saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=dt.UTC),
        over=field("state.ending", str, type(None)) is not None,
        player=field("classroom.player", str) if classroom is not None else "",
    )


def newest(root: Path) -> Header | None:
    """The newest readable save in the folder `root` (by when it was saved, then by its file's
    time, as game.saves.store lists them), or None. Unreadable files are passed over: the
    saves screen lists them, with what is wrong."""
    stamped = []
    try:
        paths = sorted(root.glob(f"*{SUFFIX}")) if root.is_dir() else []
    except OSError:
        return None
    for path in paths:
        if path.name.startswith("."):
            continue
        try:
            header = read_header(path)
            mtime = path.stat().st_mtime
        except (SaveError, OSError):
            continue
        stamped.append((header.saved_at, mtime, header))
    return max(stamped, key=lambda t: (t[0], t[1]))[2] if stamped else None
