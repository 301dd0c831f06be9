"""Snapshots of the main screens at 80×24 and 120×40, on the example pack with a fixed seed.

Regenerate after a deliberate change with `pytest tests/tui --snapshot-update`, then look at
the report before committing the new SVGs.
"""

from __future__ import annotations

import pytest
from tui_support import make_classroom_app, wait_for, wait_screen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def settle(pilot) -> None:
    """Let workers, screen switches and layout finish, with no cursor blinking mid-shot."""
    await pilot.pause(0.05)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def to_desk(pilot) -> None:
    await wait_screen(pilot, "DeskScreen")
    await settle(pilot)


async def decide(pilot, key: str) -> None:
    await pilot.press(key, "enter")
    await wait_screen(pilot, "ConsequencesScreen")
    await settle(pilot)


async def play_to_debrief(pilot) -> None:
    await wait_screen(pilot, "DeskScreen")
    while type(pilot.app.screen).__name__ == "DeskScreen":
        await decide(pilot, "1")
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: type(pilot.app.screen).__name__ in ("DeskScreen", "DebriefScreen")
        )
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, app_factory, size) -> None:
    async def ready(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.pack_about is not None)
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_desk(snap_compare, app_factory, size) -> None:
    async def second_turn(pilot) -> None:
        await to_desk(pilot)
        await decide(pilot, "1")
        await pilot.press("enter")
        await to_desk(pilot)

    assert snap_compare(app_factory(role="us"), terminal_size=size, run_before=second_turn)


@pytest.mark.parametrize("size", SIZES)
def test_desk_on_an_agenda_turn(snap_compare, app_factory, size) -> None:
    """Two briefings: their tabs, what the other is left to, costs, the default, the forecast."""

    async def agenda(pilot) -> None:
        await to_desk(pilot)
        while len(pilot.app.screen.session.state.desk) < 2:
            await decide(pilot, "1")
            await pilot.press("enter")
            await to_desk(pilot)

    assert snap_compare(app_factory(role="us"), terminal_size=size, run_before=agenda)


@pytest.mark.parametrize("size", SIZES)
def test_consequences(snap_compare, app_factory, size) -> None:
    async def first_decision(pilot) -> None:
        await to_desk(pilot)
        await decide(pilot, "1")

    assert snap_compare(app_factory(role="us"), terminal_size=size, run_before=first_decision)


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare, app_factory, size) -> None:
    assert snap_compare(app_factory(role="us"), terminal_size=size, run_before=play_to_debrief)


@pytest.mark.parametrize("size", SIZES)
def test_debrief_why_after_a_war(snap_compare, app_factory, size) -> None:
    """The game of test_debrief ends in war: why, who climbed, the decisions that mattered."""

    async def why(pilot) -> None:
        await play_to_debrief(pilot)
        await pilot.press("2")
        pane = pilot.app.screen.query_one("WhyPane")
        await wait_for(pilot, lambda: pane.pivots is not None, timeout=30)
        await settle(pilot)

    assert snap_compare(app_factory(role="us"), terminal_size=size, run_before=why)


def test_too_small(snap_compare, app_factory) -> None:
    async def ready(pilot) -> None:
        await wait_screen(pilot, "TooSmallScreen")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=(50, 14), run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_classroom_prediction(snap_compare, tmp_path, size) -> None:
    """Classroom mode: the memo on the desk and the predict-then-reveal modal over it."""

    async def predicting(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.pack_about is not None)
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        await pilot.press(*"Ada", "enter", "enter")
        await to_desk(pilot)
        await pilot.press("1")
        pilot.app.screen.query_one("#rationale").value = "Deterrence is cheap now"
        await pilot.press("enter")
        await wait_screen(pilot, "PredictScreen")
        await pilot.press("u")
        await settle(pilot)

    app = make_classroom_app(tmp_path / "saves", tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=predicting)
