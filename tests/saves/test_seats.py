"""Seat files (game.saves.seats): only a well-formed seat is looked up, and only a valid slot
name read back from its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.saves.seats import FOLDER, SeatBook, valid_seat

SEAT = "A" * 16


def test_a_seat_remembers_its_slot(tmp_path: Path) -> None:
    book = SeatBook(tmp_path)
    assert book.slot(SEAT) is None
    book.remember(SEAT, "week6-Ada-us")
    assert SeatBook(tmp_path).slot(SEAT) == "week6-Ada-us"


@pytest.mark.parametrize("seat", ["", "short", "../" * 8 + "etc", "a/b" * 8, "x" * 65, None])
def test_a_malformed_seat_is_never_a_file(tmp_path: Path, seat) -> None:
    book = SeatBook(tmp_path)
    book.remember(seat, "slot")
    assert book.slot(seat) is None
    assert not (tmp_path / FOLDER).exists()


@given(text=st.text(max_size=80))
def test_whatever_a_seat_file_holds_only_a_valid_slot_comes_back(text: str) -> None:
    import tempfile

    from game.saves.store import slot_problem

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / FOLDER).mkdir()
        (Path(folder) / FOLDER / SEAT).write_text(text, encoding="utf-8", errors="replace")
        slot = SeatBook(folder).slot(SEAT)
        assert slot is None or slot_problem(slot) is None


def test_seat_names() -> None:
    assert valid_seat("abc_DEF-123456789") and not valid_seat("abc def 123456789")
