"""The full-screen game explains the briefing's terms (g), gives each capital's view (v), and its
debrief sets the game against what happened (tab 6) with verdicts and sources."""

from __future__ import annotations

from textual.widgets import Static, TabbedContent
from tui_support import wait_for, wait_screen


async def to_treasury(pilot) -> None:
    """Decide until the briefing on the desk is the one that names OFAC."""
    app = pilot.app
    for _ in range(10):
        await wait_screen(pilot, "DeskScreen")
        if "OFAC" in app.screen.session.agenda()[app.screen.shown].text:
            return
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await pilot.press("enter")
    raise AssertionError("the OFAC briefing never came")


async def test_g_and_v_on_the_desk(app_factory) -> None:
    app = app_factory(role="us", seed="class-3")
    async with app.run_test(size=(100, 30)) as pilot:
        await to_treasury(pilot)
        terms = str(app.screen.query_one("#event-terms", Static).content)
        assert terms.startswith("Terms: OFAC — g glossary")
        await pilot.press("g")
        await wait_screen(pilot, "ReadingScreen")
        text = str(app.screen.query_one("#reading-text", Static).content)
        assert text.startswith("IN THIS BRIEFING") and "Office of Foreign Assets Control" in text
        await pilot.press("escape")
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("v")
        await wait_screen(pilot, "ReadingScreen")
        text = str(app.screen.query_one("#reading-text", Static).content)
        assert "Moscow" in text and "NHK World, 21 Jan 2023 <https://" in text
        await pilot.press("escape")
        await wait_screen(pilot, "DeskScreen")


async def test_the_debrief_sets_the_game_against_what_happened(app_factory) -> None:
    app = app_factory(role="us", seed="class-3")
    async with app.run_test(size=(100, 30)) as pilot:
        while True:
            await wait_for(
                pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen")
            )
            if type(app.screen).__name__ == "DebriefScreen":
                break
            await pilot.press("1", "enter")
            await wait_screen(pilot, "ConsequencesScreen")
            await pilot.press("enter")
        tabs = [str(tab.label) for tab in app.screen.query("Tab")]
        assert tabs[-2:] == ["4 Decisions", "5 Then and now"], tabs  # no gap without a class
        await pilot.press("5")
        await wait_for(pilot, lambda: app.screen.query_one(TabbedContent).active == "then-now")
        lines = [str(s.content) for s in app.screen.query("#then-now-list Static")]
        assert any(line.startswith("In reality, 16 Aug 2023") for line in lines)
        assert any("Your desk:" in line for line in lines)
        decisions = [str(s.content) for s in app.screen.query("#decision-list Static")]
        assert any("Yonhap, 17 Aug 2023 <https://" in d or "NHK World" in d for d in decisions)
        await pilot.press("g")
        await wait_screen(pilot, "ReadingScreen")


def test_the_debriefs_decisions_give_the_verdict(example_pack) -> None:
    from game.engine.session import Session
    from game.views.debrief import decision_blocks, then_and_now_blocks

    for n in range(200):
        session = Session.start(example_pack, "us", f"truth-{n}")
        while not session.over:
            session = session.submit(session.briefing().open_options[0].id)
        blocks = [b.text for b in decision_blocks(session)]
        if any(b.startswith("Verdict on the article's prediction") for b in blocks):
            break
    else:
        raise AssertionError("no game met the prediction event")
    verdict = next(b for b in blocks if b.startswith("Verdict"))
    assert verdict.endswith("(as of February 2026): Partly borne out")
    assert any(b.kind == "sub" for b in then_and_now_blocks(session))
