"""Pilot tests of the mechanisms that give decisions weight, on the desk and in the debrief:
the budget and the costs, the agenda's briefings and their defaults, the staff forecast at each
fog level, and the result and why this ending came."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Static, TabbedContent
from tui_support import make_classroom_app, on_screen, options_ready, wait_for, wait_screen

from game.tui.widgets.agenda import AgendaTab, AgendaTabs
from game.tui.widgets.budget import BudgetPanel
from game.tui.widgets.choices import ChoiceItem, ChoiceList
from game.tui.widgets.ending_why import WhyPane
from game.tui.widgets.forecast import ForecastPanel
from game.tui.widgets.report import ReportBody

DIGIT = "0123456789"


def shown(widget) -> str:
    return str(widget.render())


async def next_turn(pilot, key: str = "1") -> None:
    app = pilot.app
    await pilot.press(key, "enter")
    await wait_screen(pilot, "ConsequencesScreen")
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen"))


async def to_agenda(pilot) -> None:
    """Play option 1 until a turn with more than one briefing (seed snap: turn 4)."""
    await wait_screen(pilot, "DeskScreen")
    while len(pilot.app.screen.session.state.desk) < 2:
        await next_turn(pilot)
    await options_ready(pilot)


async def test_switch_briefings_and_decide_the_second_one(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_agenda(pilot)
        desk = app.screen
        agenda = desk.session.agenda()
        tabs = desk.query_one(AgendaTabs)
        assert tabs.display and len(tabs.query(AgendaTab)) == len(agenda) == 2
        first, second = agenda
        note = shown(desk.query_one("#agenda-note", Static))
        default = next(o for o in second.options if o.default)
        assert f"{second.title} — {default.label}" in note
        # ] shows the second briefing, its options and what the first is then left to
        await pilot.press("right_square_bracket")
        assert desk.shown == 1
        assert second.title in shown(desk.query_one("#event-head", Static))
        await wait_for(pilot, lambda: desk.query_one(ChoiceList).briefing_options == second.options)
        note = shown(desk.query_one("#agenda-note", Static))
        assert f"{first.title} — {next(o for o in first.options if o.default).label}" in note
        # a, a click on a tab, and b again
        await pilot.press("a")
        assert desk.shown == 0
        await pilot.click(AgendaTab, offset=(2, 0))  # the first tab
        assert desk.shown == 0
        await pilot.click("#agenda-tabs AgendaTab:last-child", offset=(2, 0))
        assert desk.shown == 1
        await options_ready(pilot)
        # deciding takes the option picked on the briefing shown
        await pilot.press(str(second.open_options[0].key))
        option = desk.query_one(ChoiceList).current
        assert option is not None and option.decision == f"{second.event.id}/{option.id}"
        steps = len(desk.session.steps)
        await pilot.press("enter")
        await wait_screen(pilot, "ConsequencesScreen")
        report = desk.session.steps[steps].report
        assert (report.event, report.choice) == (second.event.id, option.id)
        assert report.defaults == ((first.event.id, "note"),)
        text = shown(app.screen.query_one(ReportBody))
        assert second.title in text and option.label in text
        assert "LEFT TO OTHERS" in text and "Take note through the usual channels" in text
        if option.cost:
            assert f"Spent: {option.cost:g} capital" in text
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        assert desk.shown == 0 and not desk.query_one(AgendaTabs).display


async def test_an_option_the_budget_cannot_afford_is_closed_and_says_why(
    pack_copy, app_factory
) -> None:
    pack = pack_copy(
        {"strategy.toml": [("start = 2", "start = 0"), ('"0.5 + sanctions / 100"', '"0.1"')]}
    )
    app = app_factory(pack=pack, role="us")
    async with app.run_test(size=(100, 30)) as pilot:
        await to_agenda(pilot)
        desk = app.screen
        assert "0.3 / 4" in shown(desk.query_one(BudgetPanel))
        b = desk.session.agenda()[0]
        closed = next(o for o in b.options if not o.open)
        assert closed.why_closed == "costs 2 capital; you have 0.3"
        assert "closed: costs 2 capital; you have 0.3" in "\n".join(
            on_screen(w) for w in desk.query(ChoiceItem)
        )
        await pilot.press(str(closed.key))
        assert any("costs 2 capital; you have 0.3" in str(n.message) for n in app._notifications)
        assert desk.query_one(ChoiceList).current is None  # a closed option is never picked
        steps = len(desk.session.steps)
        await pilot.press("enter")
        assert type(app.screen).__name__ == "DeskScreen" and len(desk.session.steps) == steps
        await pilot.press(str(b.open_options[0].key), "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        assert desk.session.steps[steps].report.choice != closed.id


FOGS = {
    "words": 'forecast = "words"',
    "numbers": 'forecast = "numbers"',
    "none": 'forecast = "none"',
}


@pytest.mark.parametrize("fog", sorted(FOGS))
async def test_the_forecast_panel_at_each_fog_level(fog, pack_copy, app_factory) -> None:
    line = 'description = "Six months, two advisors, one rail bridge."'
    pack = pack_copy({"pack.toml": [(line, f"{line}\n{FOGS[fog]}")]})
    app = app_factory(pack=pack, role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_agenda(pilot)
        desk = app.screen
        panel = desk.query_one(ForecastPanel)
        if fog == "none":
            assert not panel.display
            return
        await pilot.press("1")
        assert panel.display and panel.border_title == "Staff forecast · option 1"
        first = shown(panel)
        await pilot.press("2")  # the panel follows the highlight
        assert panel.border_title == "Staff forecast · option 2" and shown(panel) != first
        if fog == "words":
            assert "for your objectives" in first and not any(d in first for d in DIGIT)
        else:
            assert "Your objectives +" in first and "Peninsula tension −8" in first


async def test_a_classroom_that_hides_numbers_forecasts_in_words(tmp_path) -> None:
    app = make_classroom_app(
        tmp_path / "saves",
        tmp_path,
        ("whatif_runs = 3", 'whatif_runs = 3\nhide_numbers = true\nforecast = "numbers"'),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        await pilot.press(*"Ada", "enter", "enter")
        await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        await options_ready(pilot)
        await pilot.press(str(desk.session.briefing().open_options[0].key))
        text = shown(desk.query_one(ForecastPanel)) + shown(desk.query_one(BudgetPanel))
        assert "objectives" in text and not any(d in text for d in DIGIT)


async def play_to_debrief(pilot) -> None:
    await wait_screen(pilot, "DeskScreen")
    while type(pilot.app.screen).__name__ == "DeskScreen":
        await next_turn(pilot)
    await wait_screen(pilot, "DebriefScreen")


async def test_the_debrief_gives_the_result_and_why_after_a_war(app_factory) -> None:
    app = app_factory(role="us", seed="b")
    async with app.run_test(size=(100, 30)) as pilot:
        await play_to_debrief(pilot)
        debrief = app.screen
        assert debrief.session.state.ending == "war"
        assert "DEFEAT" in shown(debrief.query_one("#ending-title", Static))
        card = shown(debrief.query_one("#scorecard", Static))
        assert "Result  DEFEAT" in card and "all of the score" in card and "Overall" in card
        assert "not counted at a catastrophe" in card
        await pilot.press("2")
        assert debrief.query_one(TabbedContent).active == "why"
        pane = debrief.query_one(WhyPane)
        why = shown(pane.query_one("#why-text", ReportBody))
        assert "The escalation ladder reached its last rung, War" in why
        assert "North Korea: Answers repeated pressure (Crisis → War)" in why
        await wait_for(pilot, lambda: pane.pivots is not None, timeout=30)
        mattered = shown(pane.query_one("#mattered", ReportBody))
        assert "THE DECISIONS THAT MATTERED" in mattered
        best = pane.pivots[0]
        assert f"You chose: {best.label}" in mattered
        assert f"“{best.alternatives[0].label}”" in mattered


async def test_the_decisions_that_mattered_never_hold_up_the_screen(
    app_factory, monkeypatch
) -> None:
    """The replays run in a worker: while they go on, the debrief answers keys."""
    import game.tui.widgets.ending_why as ending_why

    release = threading.Event()
    real = ending_why.decisive

    def slow(session):
        release.wait(timeout=20)
        return real(session)

    monkeypatch.setattr(ending_why, "decisive", slow)
    app = app_factory(role="us", seed="b")
    async with app.run_test(size=(100, 30)) as pilot:
        await play_to_debrief(pilot)
        debrief = app.screen
        await pilot.press("2")
        pane = debrief.query_one(WhyPane)
        assert "Replaying" in shown(pane.query_one("#mattered", ReportBody))
        await pilot.press("3")  # the loop is free: the tabs still switch
        assert debrief.query_one(TabbedContent).active == "charts"
        release.set()
        await wait_for(pilot, lambda: pane.pivots is not None, timeout=30)
        assert "Replaying" not in shown(pane.query_one("#mattered", ReportBody))


async def test_pack_text_on_the_new_panels_is_never_markup(pack_copy, app_factory) -> None:
    pack = pack_copy(
        {
            "strategy.toml": [
                ('label = "Political capital"', 'label = "[b]Capital[/b]"'),
                ('title = "A summit offer"', 'title = "[red]Summit[/]"'),
                ('label = "Decline for now"', 'label = "Decline [link=x]now[/link]"'),
            ]
        }
    )
    app = app_factory(pack=pack, role="us")
    async with app.run_test(size=(100, 30)) as pilot:
        await to_agenda(pilot)
        desk = app.screen
        assert desk.query_one(BudgetPanel)._border_title.plain == "[b]Capital[/b]"
        tabs = " ".join(shown(t) for t in desk.query(AgendaTab))
        assert "[red]Summit[/]" in tabs
        assert "Decline [link=x]now[/link]" in shown(desk.query_one("#agenda-note", Static))
