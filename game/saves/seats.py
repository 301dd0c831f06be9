"""Which save each browser seat is playing, so that a reload, a dropped connection or a restarted
server puts the student back where they were.

A seat is the random name a browser tab keeps for itself (`korean-theater serve`); its game
writes the slot it saves in to `SAVES/.seats/SEAT`, and a game started for that seat again opens
that slot. A seat file holds only a slot name, read as untrusted as any file in the folder: a
name that is not a valid slot is ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.saves.atomic import write_atomic
from game.saves.store import slot_problem

SEAT = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
FOLDER = ".seats"


def valid_seat(seat: str | None) -> bool:
    return seat is not None and SEAT.match(seat) is not None


class SeatBook:
    """The seats of one saves folder."""

    def __init__(self, saves: Path | str) -> None:
        self.root = Path(saves) / FOLDER

    def slot(self, seat: str) -> str | None:
        """The slot the seat last saved in, or None."""
        if not valid_seat(seat):
            return None
        try:
            name = (self.root / seat).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name if name and slot_problem(name) is None else None

    def remember(self, seat: str, slot: str) -> None:
        """Record that the seat plays `slot` (raises OSError when the folder cannot be written)."""
        if not valid_seat(seat) or slot_problem(slot) is not None or self.slot(seat) == slot:
            return
        write_atomic(self.root / seat, slot.encode("utf-8"))
