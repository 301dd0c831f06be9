"""The save file: a small, readable JSON document, its checksum and its migrations.

A save records what is needed to rebuild the game (pack, role, seed, assumptions and the list of
decisions) and what is needed to check the rebuild (a digest of the state after every decision,
a fingerprint of every choice made, a summary of the last state). The file ends with a checksum
of everything else, so any damage to it, even one flipped bit inside a rationale, is detected.

Reading goes: size → bytes → text → JSON → the format marker → strict numbers → the version →
the checksum → migrations up to the current version (game.saves.document) → validation (here).
Each step fails with a `SaveError` that names the file and says what is wrong.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.inert import inert, inert_json, scrub
from game.saves.document import (
    FORMAT,
    FORMAT_VERSION,
    MAX_BYTES,
    MIGRATIONS,
    SaveError,
    checksum,
    migrate,
    nonfinite,
    parse,
    read_raw,
)
from game.seeds import MAX_SEED

__all__ = [  # the document's names, for the modules that read them from here
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_BYTES",
    "MIGRATIONS",
    "SaveError",
    "checksum",
    "migrate",
]

MAX_TEXT = 50_000  # characters in one rationale
MAX_DECISIONS = 10_000


# -- the model (version 3) -------------------------------------------------------------------

# What a person wrote (a rationale, a name, a title) is shown to others: it is made inert when a
# save is made or read. Ids and the seed are data, kept exact: the seed is the game's dice, and
# ids mean something only where they match the pack's. Whatever shows those passes them through
# game.inert itself.
Text = Annotated[str, AfterValidator(inert)]


class _Model(BaseModel):
    # validators are built on the first save or load, not when the game starts
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PackRef(_Model):
    id: str
    title: Text = ""
    version: str
    digest: str = Field(description="hash of the pack's files when the save was made")


class Decision(_Model):
    turn: int = Field(ge=1)
    event: str | None = Field(description="the event on the desk; null for a quiet month")
    choice: str
    rationale: Text = Field(default="", max_length=MAX_TEXT)
    digest: str = Field(default="", description="digest of the state after it; '' if unknown")
    spec: str = Field(default="", description="fingerprint of the choice's rules; '' if unknown")


class StateSummary(_Model):
    turn: int = Field(ge=1)
    date: dt.date
    event: str | None
    ending: str | None
    digest: str
    values: dict[str, bool | float | str] = Field(default_factory=dict)

    @property
    def over(self) -> bool:
        return self.ending is not None


class ClassroomPart(_Model):
    """What a classroom game adds to its save (written and read by game.classroom, kept here
    as plain data): the settings it was played with, the student and their predictions."""

    settings: dict[str, Any] = Field(description="the classroom's settings, as plain data")
    pack_path: str = Field(default="", description="the pack folder the game was played from")
    player: Text = Field(default="", max_length=200)
    predictions: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_DECISIONS)

    @field_validator("settings")
    @classmethod
    def _inert(cls, value: dict[str, Any]) -> dict[str, Any]:
        value = copy.deepcopy(value)  # the classroom's title, questions and prompts
        scrub(value)
        return value


class SaveData(_Model):
    format: Literal["korean-theater-save"] = FORMAT
    version: Literal[3] = FORMAT_VERSION
    game_version: str
    pack: PackRef
    role: str
    seed: str = Field(max_length=MAX_SEED)
    assumptions: dict[str, bool | float] = Field(default_factory=dict)
    started_at: dt.datetime
    saved_at: dt.datetime
    decisions: list[Decision] = Field(max_length=MAX_DECISIONS)
    state: StateSummary
    classroom: ClassroomPart | None = None

    @field_validator("started_at", "saved_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    @property
    def choices(self) -> list[str]:
        return [d.choice for d in self.decisions]

    @property
    def rationales(self) -> list[str]:
        return [d.rationale for d in self.decisions]


# -- encoding --------------------------------------------------------------------------------


def encode(data: SaveData) -> bytes:
    """The file's bytes: indented strict JSON, then the checksum as the last key. Control
    characters are JSON escapes, so that showing the file on a terminal is safe. Raises
    ValueError for a NaN or an infinity, which strict JSON cannot hold."""
    doc = data.model_dump(mode="json")
    where = nonfinite(doc)
    if where:
        raise ValueError(f"{where}, not a finite number; a save holds only finite numbers")
    doc["checksum"] = checksum(doc)
    text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)
    return (inert_json(text) + "\n").encode("utf-8")


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def decode(raw: bytes, path: Path | str) -> SaveData:
    """Parse and check the bytes of a save; raises SaveError naming `path`."""
    doc = parse(raw, path)
    try:
        return SaveData.model_validate(doc)
    except ValidationError as e:
        errors = e.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        where = f"{_where(first['loc'])}: {first['msg']}{more}"
        raise SaveError(f"{path}: the save is damaged: {where}", path) from None


def read_save(path: Path | str) -> SaveData:
    """The parsed, checked and migrated save at `path`; raises SaveError."""
    return decode(read_raw(path), path)
