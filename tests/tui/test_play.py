"""Pilot tests: whole games played through the UI, checked against the engine."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_support import EXAMPLE, SEED, on_screen, open_new_game, wait_for, wait_screen

from game.content.compiler import load_pack
from game.engine.session import Session
from game.tui.widgets.choices import ChoiceItem, ChoiceList


def example():
    pack = load_pack(EXAMPLE).pack
    assert pack is not None
    return pack


async def play_to_end(pilot, keys: list[str], rationale_at: int | None = None) -> list[str]:
    """Decide with `keys` (cycled) until the debrief; returns the option ids chosen."""
    app = pilot.app
    chosen: list[str] = []
    turn = 0
    while type(app.screen).__name__ == "DeskScreen":
        key = keys[turn % len(keys)]
        desk = app.screen
        options = desk.session.briefing().options
        option = next((o for o in options if str(o.key) == key and o.open), options[0])
        await pilot.press(str(option.key))
        if rationale_at == turn:
            await pilot.press("r")
            await pilot.press(*"because")
        await pilot.press("enter")
        await wait_screen(pilot, "ConsequencesScreen")
        chosen.append(option.id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen"))
        turn += 1
        assert turn < 50, "the game does not end"
    return chosen


async def test_full_game_through_the_title(app_factory, tmp_path: Path) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot, roles=2)
        seed = app.screen.query_one("#seed", Input)
        seed.value = "classroom-7"
        await pilot.press("down", "enter")  # the second role: Russia
        await wait_screen(pilot, "DeskScreen")
        assert app.screen.session.role == "russia"
        chosen = await play_to_end(pilot, ["2", "1"], rationale_at=0)
        await wait_screen(pilot, "DebriefScreen")
        session = app.screen.session
        assert session.over
        assert list(session.choices) == chosen
        assert session.rationales[0] == "because"
        # the UI's game is the engine's game: same seed and choices give the same state
        again = Session.replay(example(), "russia", "classroom-7", chosen)
        assert again.state.digest() == session.state.digest()
        # the debrief names the ending and scores the objectives
        ending = app.screen.query_one("#ending-title", Static)
        assert session.ending().title in str(ending.content)
        assert "Overall" in str(app.screen.query_one("#scorecard", Static).content)
        # every turn was autosaved: the newest save is the finished game
        assert app.saves.latest() is not None and app.saves.latest().over
        await pilot.press("q")
        await wait_screen(pilot, "TitleScreen")


async def test_start_with_role_keys_timeline_and_continue(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        assert desk.session.seed == SEED
        # 2 highlights the second option; Enter decides it
        await pilot.press("2")
        assert desk.query_one(ChoiceList).current.key == 2
        await pilot.press("enter")
        await wait_screen(pilot, "ConsequencesScreen")
        assert desk.session.choices == ("quiet",)
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        # the desk shows the next turn
        assert "Turn 2 of" in desk.title
        # the timeline lists the decision and its consequences
        await pilot.press("t")
        await wait_screen(pilot, "TimelineScreen")
        assert app.screen.query_one("#decisions").option_count == 1
        await pilot.press("escape")
        await wait_screen(pilot, "DeskScreen")
        # back to the title; Continue resumes the autosave at the same turn
        await pilot.press("q")
        await wait_screen(pilot, "TitleScreen")
        await wait_for(pilot, lambda: app.latest_save is not None)
        await pilot.press("c")
        await wait_screen(pilot, "DeskScreen")
        assert app.screen is not desk
        assert app.screen.session.choices == ("quiet",)
        assert app.screen.session.state.digest() == desk.session.state.digest()


async def test_save_and_load_a_named_slot(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        played = app.screen.session
        await pilot.press("s")
        await wait_screen(pilot, "SaveScreen")
        field = app.screen.query_one("#slot", Input)
        field.value = "before-treasury"
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        assert "before-treasury" in [i.slot for i in app.saves.list()]
        await pilot.press("q")
        await wait_screen(pilot, "TitleScreen")
        await pilot.press("l")
        await wait_screen(pilot, "SaveScreen")
        await wait_for(pilot, lambda: len(app.screen.infos) == 2)
        table = app.screen.query_one("#slots")
        row = [i.slot for i in app.screen.infos].index("before-treasury")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        assert app.screen.session.choices == played.choices


async def test_closed_option_says_why_and_cannot_be_chosen(app_factory) -> None:
    app = app_factory(role="russia")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        # play until the Treasury event, where "veto" is closed below cooperation 40
        for _ in range(6):
            b = desk.session.briefing()
            if b.event is not None and b.event.id == "treasury":
                break
            await pilot.press("1", "enter")
            await wait_screen(pilot, "ConsequencesScreen")
            await pilot.press("enter")
            await wait_screen(pilot, "DeskScreen")
        b = desk.session.briefing()
        assert b.event is not None and b.event.id == "treasury"
        closed = next(o for o in b.options if not o.open)
        choices = desk.query_one(ChoiceList)
        await pilot.press(str(closed.key))
        assert choices.current is None
        assert any("Needs deeper cooperation" in str(n.message) for n in app._notifications)
        steps = len(desk.session.steps)
        await pilot.press("enter")  # nothing is picked: nothing is decided
        assert type(app.screen).__name__ == "DeskScreen" and len(desk.session.steps) == steps
        await pilot.press(str(b.open_options[0].key), "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        assert desk.session.choices[steps] != closed.id


async def test_pack_text_is_never_markup(pack_copy, app_factory) -> None:
    pack = pack_copy(
        {
            "events.toml": [
                ('title = "Satellite images at Tumangang–Khasan"', 'title = "[bold red]Images[/]"'),
                ('label = "Declassify the imagery"', 'label = "Declassify [link=x]now[/link]"'),
            ]
        }
    )
    app = app_factory(pack=pack, role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        head = app.screen.query_one("#event-head", Static)
        assert "[bold red]Images[/]" in str(head.content)
        await wait_for(pilot, lambda: bool(app.screen.query(ChoiceItem)))
        await pilot.pause()
        option = app.screen.query(ChoiceItem).first()
        assert "Declassify [link=x]now[/link]" in on_screen(option)
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")


async def test_broken_pack_exits_1_with_the_problems(pack_copy, app_factory) -> None:
    """A game started at once (a role given) on a broken pack ends with its problems; without
    a role they show when a game is opened (test_title_light)."""
    pack = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "turn >= "')]})
    app = app_factory(pack=pack, role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app._exit)
    assert app.return_code == 1
    assert app.problems and "events.toml:" in app.problems[0]
    assert "X001" in "\n".join(app.problems)


async def test_terminal_too_small_then_big_enough(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.resize_terminal(50, 15)
        await wait_screen(pilot, "TooSmallScreen")
        text = str(app.screen.query_one("#too-small", Static).content)
        assert "too small" in text and "50×15" in text
        await pilot.press("1")  # keys do not reach the desk underneath
        await pilot.resize_terminal(120, 40)
        await wait_screen(pilot, "DeskScreen")
        assert app.screen.session.steps == ()
        assert app.screen.has_class("-wide")


async def test_help_lists_every_screen(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("question_mark")
        await wait_screen(pilot, "HelpScreen")
        text = str(app.screen.query_one("#help-text", Static).content)
        for title in ("DESK  (this screen)", "TIMELINE", "DEBRIEF", "SAVE / LOAD", "Rationale"):
            assert title in text
        await pilot.press("escape")
        await wait_screen(pilot, "DeskScreen")


async def test_command_palette_offers_the_desk_actions(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Decide", "Timeline", "Save game", "Help", "Theme"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ != "CommandPalette")
        # no decision yet: the timeline says so instead of opening empty
        assert type(app.screen).__name__ == "DeskScreen"


async def test_a_screen_comes_with_the_breakpoint_classes_of_the_terminal(app_factory) -> None:
    """A screen pushed has the classes of the terminal's size (`-wide`, `-short` …) before its
    first resize (setting them then restyled every widget on it), and a resize across a
    breakpoint still changes them."""
    from game.tui.screens.desk import DeskScreen

    app = app_factory(role="us")
    async with app.run_test(size=(120, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        desk = DeskScreen(app.screen.session)
        app.push_screen(desk)
        assert {"-wide", "-short"} <= desk.classes and not {"-narrow", "-tall"} & desk.classes
        await wait_for(pilot, lambda: desk.is_current)
        await pilot.resize_terminal(100, 40)
        await wait_for(pilot, lambda: {"-narrow", "-tall"} <= desk.classes)
        assert not {"-wide", "-short"} & desk.classes
