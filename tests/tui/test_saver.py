"""The autosave thread never waits for the event loop, so the loop may wait for the saver."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tui_support import wait_for, wait_screen

from game.saves import read_save


@pytest.mark.timeout(60)
async def test_waiting_on_the_event_loop_for_a_pending_autosave_never_deadlocks(
    app_factory, tmp_path: Path
) -> None:
    """The save is still being written when the app closes (a busy machine), and the event
    loop's thread then waits for it, as `play` and the tests do with `flush_saves`."""
    app = app_factory(role="us")
    started, gate = threading.Event(), threading.Event()
    autosave = app.saves.autosave

    def slow_autosave(session):
        started.set()
        gate.wait()
        return autosave(session)

    app.saves.autosave = slow_autosave
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await wait_for(pilot, started.is_set)
    gate.set()
    app.flush_saves()  # on the loop's thread: the saver must not need the loop to finish
    assert read_save(tmp_path / "saves" / "autosave.json").state.turn == 2
