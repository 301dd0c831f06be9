"""The classroom record: what a classroom game adds to its save.

The save (game.saves) holds the pack, role, seed, assumptions and every decision with its
rationale. A classroom game also has the classroom's settings (turn limit, hidden numbers …),
the student's name and their predictions; until the save format has room for them, they live in
a small JSON file beside the save: `NAME.json` → `NAME.classroom`. A record names the game it
belongs to (pack, role, seed and its decisions so far), so a record left beside another game's
save is recognised and ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.classroom.predict import Prediction

FORMAT = "korean-theater-classroom-record"
SUFFIX = ".classroom"
MAX_BYTES = 2 * 1024 * 1024


class ClassroomRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["korean-theater-classroom-record"] = FORMAT
    version: Literal[1] = 1
    pack: str
    role: str
    seed: str
    choices: list[str] = Field(default_factory=list, description="the game's decisions so far")
    player: str = Field(default="", max_length=200)
    classroom: dict[str, Any] = Field(description="ClassroomSettings.to_dict()")
    pack_path: str = Field(default="", description="the pack folder the game was played from")
    predictions: list[Prediction] = Field(default_factory=list)
    saved_at: dt.datetime | None = None

    def matches(self, pack_id: str, role: str, seed: str, choices: list[str] | tuple) -> bool:
        """Whether this record belongs to that game (its decisions continue the record's)."""
        if (self.pack, self.role, self.seed) != (pack_id, role, seed):
            return False
        n = min(len(self.choices), len(choices))
        return list(self.choices[:n]) == list(choices[:n])


def record_path(save_path: str | Path) -> Path:
    """`saves/alice.json` → `saves/alice.classroom`."""
    p = Path(save_path)
    name = p.name
    for suffix in (".bak", ".json"):
        name = name.removesuffix(suffix)
    return p.with_name(name + SUFFIX)


def make_record(session, settings, player: str = "", predictions=()) -> ClassroomRecord:
    """The record of a classroom game as it stands."""
    return ClassroomRecord(
        pack=session.pack.meta.id,
        role=session.role,
        seed=session.seed,
        choices=list(session.choices),
        player=player,
        classroom=settings.to_dict(),
        pack_path=settings.pack_path,
        predictions=list(predictions),
        saved_at=dt.datetime.now(dt.UTC),
    )


def write_record(save_path: str | Path, record: ClassroomRecord) -> Path:
    """Write the record beside the save, atomically (a crash leaves the old one or the new)."""
    target = record_path(save_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = record.model_dump_json(indent=2).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o644)  # mkstemp's 0600 would hide it from a teacher's account
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def read_record(save_path: str | Path) -> tuple[ClassroomRecord | None, str]:
    """The record beside a save, or (None, why not). No record at all is (None, '')."""
    path = record_path(save_path)
    if not path.exists():
        return None, ""
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
        if len(raw) > MAX_BYTES:
            return None, f"{path}: too large to be a classroom record"
        return ClassroomRecord.model_validate(json.loads(raw.decode("utf-8"))), ""
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, f"{path}: cannot be read ({e}); predictions and name are left out"
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "(top level)"
        return None, f"{path}: damaged at {where}: {first['msg']}; predictions are left out"
