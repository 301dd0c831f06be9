"""A browser seat (`serve`) gets its game back: a reload, a closed tab or a restarted server
starts the game for the same seat again, and it opens where the seat was playing."""

from __future__ import annotations

from pathlib import Path

from tui_support import make_app, make_classroom_app, wait_for, wait_screen

from tests.tui.test_classroom import decide, start_as

SEAT = "seat-aaaaaaaaaaaaaaaa"
OTHER = "seat-bbbbbbbbbbbbbbbb"


async def test_a_classroom_seat_resumes_its_game_with_the_student(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    app = make_classroom_app(saves, tmp_path, seat=SEAT)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot, "Ada")
        await decide(pilot, predict="d")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
    app.flush_saves()

    again = make_classroom_app(saves, tmp_path, seat=SEAT)  # the page reloaded
    async with again.run_test(size=(100, 32)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        assert len(again.screen.session.steps) == 1
        assert again.classroom.player == "Ada"
        assert [p.expect for p in again.classroom.predictions] == [{"tension": "down"}]

    stranger = make_classroom_app(saves, tmp_path, seat=OTHER)  # another tab: the title
    async with stranger.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: stranger.pack_about is not None)
        await pilot.pause(0.3)
        assert type(stranger.screen).__name__ == "TitleScreen"


async def test_a_seat_without_a_classroom_resumes_its_autosave(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    app = make_app(saves, role="us", seat=SEAT)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
    app.flush_saves()

    again = make_app(saves, seat=SEAT)
    async with again.run_test(size=(100, 32)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        assert len(again.screen.session.steps) == 1
