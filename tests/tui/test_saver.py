"""The autosave thread never waits for the event loop, so the loop may wait for the saver."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.screen import Screen
from tui_support import wait_for, wait_screen

from game.saves import read_save
from game.saves.lock import FileLock


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


async def test_a_game_started_while_another_autosaves_here_says_where_it_saves(
    app_factory, tmp_path: Path
) -> None:
    """Two terminals on one saves folder: the second game autosaves beside the first (whose
    hold on `autosave` is taken here as another game's would be), and says so."""
    saves = tmp_path / "saves"
    other_game = FileLock(saves / ".autosave.lease")
    assert other_game.acquire(wait=0)
    app = app_factory(role="us")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await wait_for(pilot, lambda: bool(app._notifications))
        (note,) = list(app._notifications)
        assert "this game autosaves to autosave-2.json" in str(note.message)
    app.flush_saves()
    other_game.release()
    assert not (saves / "autosave.json").exists()
    assert read_save(saves / "autosave-2.json").state.turn == 2
    # the app has let its slot go: another game may autosave there now
    assert FileLock(saves / ".autosave-2.lease").acquire(wait=0)


async def test_the_save_screen_refuses_a_name_the_store_refuses(app_factory, tmp_path) -> None:
    from textual.widgets import Input

    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        for name in ("a\tb", "line\nbreak", "../x", "a\u200bb", "𝐀" * 60):
            await pilot.press("s")
            await wait_screen(pilot, "SaveScreen")
            app.screen.query_one("#slot", Input).value = name
            await pilot.press("enter")
            await wait_for(pilot, lambda: bool(app._notifications))
            assert type(app.screen).__name__ == "SaveScreen", name
            (note,) = list(app._notifications)
            assert str(note.message).startswith("A save name"), note.message
            app.clear_notifications()
            await pilot.press("escape")
            await wait_screen(pilot, "DeskScreen")
    app.flush_saves()
    assert list((tmp_path / "saves").glob("*.json")) == []


async def test_an_autosave_is_made_when_the_game_ends_before_the_next_frame(
    app_factory, tmp_path: Path
) -> None:
    """The decision's save waits for the frame that follows it; the game ends first (the
    browser closed at once, as a reload does): the save is still made. (The screen the
    decision opened closing first, Enter on the consequences at once: the Chromium reload
    test, tests/browser.)"""
    app = app_factory(role="us")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        app.autosave(desk.session.submit(desk.session.briefing().open_options[0].decision))
        app.push_screen(Screen())  # the save's after-frame callback goes to this screen
        app.call_later(app.exit)
    app.flush_saves()
    assert read_save(tmp_path / "saves" / "autosave.json").state.turn == 2
