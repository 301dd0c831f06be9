"""The title builds the new game screen ahead when the pack is loaded already (serve's games,
whose pack the server loaded), so that `n` only has to show it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import messages
from tui_support import make_app, wait_for, wait_screen

from game.tui.ahead import AHEAD
from game.tui.screens.new_game import NewGameScreen

SEAT = "seat-aaaaaaaaaaaaaaaa"


async def installed(app) -> None:
    """Until the title has begun building the screen (no pause for the screen to settle)."""
    async with asyncio.timeout(10):
        while not app.is_screen_installed(AHEAD):
            await asyncio.sleep(0.001)


async def test_n_shows_the_screen_built_ahead_and_later_a_new_one(tmp_path: Path) -> None:
    app = make_app(tmp_path, seat=SEAT)  # a browser seat: the pack loads with the app
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.is_screen_installed(AHEAD))
        ahead = app.get_screen(AHEAD)
        await wait_for(pilot, lambda: ahead.is_mounted and bool(ahead.query("#seed")))
        assert type(app.screen).__name__ == "TitleScreen"  # built unseen
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        assert app.screen is ahead
        assert not app.is_screen_installed(AHEAD)  # an ordinary screen now
        assert app.screen.query_one("#roles").option_count == 2  # the example pack's roles
        assert app.focused is app.screen.query_one("#roles")
        await pilot.press("escape")
        await wait_screen(pilot, "TitleScreen")
        assert not ahead.is_attached  # closed for good, as any screen that is not installed
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        assert app.screen is not ahead
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DeskScreen")


async def test_n_typed_as_the_title_appears_starts_a_game(tmp_path: Path) -> None:
    """A key that comes before the screen built ahead has been composed waits for it."""
    app = make_app(tmp_path, seat=SEAT)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.is_screen_installed(AHEAD))
        await pilot.press("n", "ctrl+s")
        await wait_screen(pilot, "DeskScreen")
        assert not app.return_code


async def test_the_title_does_not_load_the_pack_to_build_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)  # `play`: the pack loads when a game is first opened
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        await pilot.pause(0.3)
        assert not app.is_screen_installed(AHEAD)
        assert app.packs.cached(app.settings.pack) is None
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        assert isinstance(app.screen, NewGameScreen)


async def test_an_author_watching_the_pack_gets_a_screen_made_when_asked(tmp_path: Path) -> None:
    app = make_app(tmp_path, watch=True)  # the pack loads at once, and may change
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.pack_result is not None)
        await pilot.pause(0.3)
        assert not app.is_screen_installed(AHEAD)


async def test_a_game_closed_while_it_builds_the_screen_ends_cleanly(tmp_path: Path) -> None:
    """A browser tab closed as the title appears: the app waits for the screen it is building
    (closed half-composed, its widgets would fail and the test raise their error)."""
    app = make_app(tmp_path, seat=SEAT)
    async with app.run_test(size=(100, 32)):
        await installed(app)
        assert not app.get_screen(AHEAD).is_mounted  # still being built as the app closes
    assert not app.return_code


@pytest.mark.parametrize("end", ["quit", "tab closed"])
async def test_a_game_ended_while_it_builds_the_screen_ends_cleanly(tmp_path: Path, end) -> None:
    """A quit (`exit`: Textual then mounts nothing more), or the browser's driver ending the
    app (its ExitApp)."""
    app = make_app(tmp_path, seat=SEAT)
    async with app.run_test(size=(100, 32)) as pilot:
        await installed(app)
        if end == "quit":
            app.exit(return_code=0)
        else:
            app.post_message(messages.ExitApp())
        await wait_for(pilot, lambda: not app.is_running)
    assert not app.return_code


async def test_the_screen_built_ahead_is_drawn_as_one_built_when_asked(tmp_path: Path) -> None:
    async def drawn(app, built_ahead: bool) -> str:
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for(pilot, lambda: app.pack_about is not None)
            if built_ahead:
                await wait_for(pilot, lambda: app.is_screen_installed(AHEAD))
                await wait_for(pilot, lambda: app.get_screen(AHEAD).is_mounted)
            await pilot.press("n")
            await wait_screen(pilot, "NewGameScreen")
            await wait_for(pilot, lambda: app.screen.query_one("#roles").option_count == 2)
            await pilot.pause(0.2)
            return app.export_screenshot()

    asked = await drawn(make_app(tmp_path / "asked"), built_ahead=False)
    assert await drawn(make_app(tmp_path / "ahead", seat=SEAT), built_ahead=True) == asked
