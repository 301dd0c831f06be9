"""Keys that arrive together — from a browser, over a slow link, from a fast typist — reach the
game in order, each once the one before it has settled (game.tui.keys): a text field that has
the focus gets every printable key, and no key is lost or misrouted.

The keys are sent in one burst, without the pause the Textual pilot makes after each key."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input
from tui_support import make_classroom_app, wait_for, wait_screen

from tests.tui.test_classroom import start_as

MEMO = "sanctions must squeeze quietly"


NAMED = {"space": " ", "question_mark": "?", "enter": "\r"}


def burst(app, keys: list[str]) -> None:
    """Send every key to the app at once, as a terminal or a browser does."""
    for key in keys:
        event = events.Key(key, NAMED.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)


def letters(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def test_a_memo_typed_after_r_stays_in_the_memo(tmp_path: Path) -> None:
    """`r` opens the memo; the letters right behind it (s for Save, q for the menu) are text."""
    app = make_classroom_app(
        tmp_path / "saves", tmp_path, ("[predict]", "[predict]\nenabled = false")
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot)
        desk = app.screen
        desk.query_one("#choices").focus()
        await pilot.pause()
        burst(app, ["2", "r", *letters(MEMO)])
        await wait_for(pilot, lambda: desk.query_one("#rationale", Input).value == MEMO)
        assert app.screen is desk  # neither Save (s) nor the menu (q) opened
        burst(app, ["enter"])
        await wait_screen(pilot, "ConsequencesScreen")
        assert app.screen.session.steps[0].rationale == MEMO


async def test_prediction_keys_in_one_burst_each_reach_their_row(tmp_path: Path) -> None:
    app = make_classroom_app(
        tmp_path / "saves",
        tmp_path,
        ('variables = ["tension"]', 'variables = ["tension", "sanctions", "cooperation"]'),
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await start_as(pilot)
        app.screen.query_one("#rationale", Input).value = "a memo long enough"
        app.screen.query_one("#choices").focus()
        await pilot.pause()
        burst(app, ["1", "enter", "u", "d", "s", "enter"])  # the modal opens behind Enter
        await wait_screen(pilot, "ConsequencesScreen")
        [prediction] = app.classroom.predictions
        assert prediction.expect == {"tension": "up", "sanctions": "down", "cooperation": "steady"}


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz sqr?123", min_size=1, max_size=24))
def test_every_printable_key_goes_to_the_focused_field(tmp_path: Path, text: str) -> None:
    """Whatever the letters (shortcut keys among them) typed right behind `r`, which puts the
    focus in the memo, they are all text, in order."""

    async def scenario() -> None:
        app = make_classroom_app(tmp_path / "saves", tmp_path)
        async with app.run_test(size=(100, 32)) as pilot:
            await start_as(pilot)
            memo = app.screen.query_one("#rationale", Input)
            app.screen.query_one("#choices").focus()
            await pilot.pause()
            burst(app, ["r", *({"?": "question_mark"}.get(c, c) for c in letters(text))])
            await wait_for(pilot, lambda: memo.value == text)
            assert type(app.screen).__name__ == "DeskScreen"

    asyncio.run(scenario())


async def test_a_key_waits_for_a_slow_one_before_it(tmp_path: Path, monkeypatch) -> None:
    """On a busy server opening the memo can take over a second; the letters behind `r` still
    wait for it and go to the memo."""
    from game.tui.screens.desk import DeskScreen

    opened = DeskScreen.action_rationale

    async def slowly(self) -> None:
        await asyncio.sleep(1.5)  # a busy machine: over a second before the memo has the focus
        opened(self)

    monkeypatch.setattr(DeskScreen, "action_rationale", slowly)
    app = make_classroom_app(tmp_path / "saves", tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot)
        desk = app.screen
        desk.query_one("#choices").focus()
        await pilot.pause()
        burst(app, ["r", *letters("so quiet")])
        memo = desk.query_one("#rationale", Input)
        await wait_for(pilot, lambda: memo.value == "so quiet", timeout=30)
        assert app.screen is desk
