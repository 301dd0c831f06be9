"""Where a classroom game's files go, in plain mode and in the full-screen game alike: the save
slot `CLASSROOM-NAME-ROLE` (never over another student's game: `SaveStore.save_own` takes the
next free `-2`, `-3` …) and the JSON report in `SAVES/reports/SLOT.json` that the teacher
collects."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from game.inert import inert_json, inert_line

if TYPE_CHECKING:
    from game.classroom.settings import ClassroomSettings

MAX_NAME = 60
MAX_SLOT = 56


def clean_name(text: str) -> str:
    """A student's name as typed, on one inert line and not too long."""
    return inert_line(" ".join(text.split())[:MAX_NAME])


def slug(text: str) -> str:
    """A name as a slot part: letters, digits and '-'."""
    words = re.sub(r"[^\w]+", "-", text.strip(), flags=re.UNICODE).strip("-_")
    return words[:MAX_NAME].strip("-_")


def student_id(name: str) -> str:
    """The key a class knows a student by, from the name as typed: "Ada  Kim" and "ada kim"
    are both `ada-kim` (the id column of `class --csv`)."""
    return slug(clean_name(name)).casefold()


def same_student(a: str, b: str) -> bool:
    """Whether two names, as typed, name the same student of a class ("ada  kim", "Ada Kim")."""
    key = student_id(a)
    return bool(key) and key == student_id(b)


def slot_base(settings: ClassroomSettings, player: str, role: str) -> str:
    """`CLASSROOM-NAME-ROLE`, the slot a student's game is saved in: a valid slot name (with
    room for the `-2`, `-3` … of a second game) whatever the name and the classroom's id."""
    from game.saves.store import MAX_SLOT_BYTES, slot_problem

    base = "-".join(x for x in (settings.id, slug(player) or "player", role) if x)
    base = re.sub(r"\.{2,}", ".", base)[:MAX_SLOT]
    while len(base.encode("utf-8")) > MAX_SLOT_BYTES - 8:
        base = base[:-1]
    base = base.strip("-. ") or "classroom"
    if slot_problem(base):  # e.g. an id that Windows reserves, like `nul.week6`
        base = f"classroom-{base}"[:MAX_SLOT].strip("-. ")
    return base


def write_report(saves: Path, slot: str, report_json: str) -> Path:
    """Write a report to SAVES/reports/SLOT.json, atomically; returns the file."""
    from game.saves.atomic import write_atomic

    target = Path(saves) / "reports" / f"{slot}.json"
    write_atomic(target, inert_json(report_json).encode("utf-8"))
    return target
