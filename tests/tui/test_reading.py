"""The desk and the debrief as a player reads them at 80×24, by keyboard (issue 13): no key meant
for one screen spends a turn on the next, the objectives stay on the desk, the debrief scrolls
at once, the meters' meanings and the scheduler's figures are a key away, the screenshot lands
somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static
from tui_support import EXAMPLE, open_new_game, options_ready, wait_for, wait_screen

from game.content.compiler import load_pack
from game.tui.widgets.objectives import ObjectivesPanel

SHIPPED = Path(__file__).resolve().parents[2] / "content" / "korean-theater"


def drawn(widget) -> str:
    """What a widget draws on the screen, line by line."""
    region = Region(0, 0, *widget.outer_size)
    return "\n".join(strip.text for strip in widget.render_lines(region))


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def decide_first(pilot) -> None:
    """Pick the first open option and decide; waits for the consequences."""
    await options_ready(pilot)
    desk = pilot.app.screen
    b = desk.session.agenda()[desk.shown]
    await pilot.press(str(b.open_options[0].key), "enter")
    await wait_screen(pilot, "ConsequencesScreen")


async def test_enter_pressed_again_after_the_consequences_never_decides(app_factory) -> None:
    app = app_factory(role="us", seed="keys")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await decide_first(pilot)
        await pilot.press("enter", "enter", "enter")  # one to leave, two more at the desk
        await wait_screen(pilot, "DeskScreen")
        await pilot.pause()
        desk = app.screen
        assert len(desk.session.steps) == 1, "a key meant for the consequences spent a turn"
        assert type(app.screen).__name__ == "DeskScreen"
        await decide_first(pilot)  # a deliberate pick still decides
        assert len(app.screen.session.steps) == 2


async def test_enter_pressed_twice_on_the_new_game_never_decides(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot, roles=2)
        await pilot.press("enter", "enter", "enter")
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen"
        assert app.screen.session.steps == ()


async def test_the_objectives_stay_on_the_desk_at_80x24_all_game(app_factory) -> None:
    app = app_factory(role="russia", seed="keys")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        while type(app.screen).__name__ == "DeskScreen":
            desk = app.screen
            panel = desk.query_one(ObjectivesPanel)
            await wait_for(pilot, lambda p=panel, d=desk: p.session is d.session)
            screen = Region(0, 0, 80, 24)
            assert panel.display and panel.region.height >= 1
            assert screen.contains_region(panel.region), panel.region
            rows = [line for line in drawn(panel).splitlines() if line.strip()]
            objectives = desk.session.pack.roles["russia"].objectives
            assert len(rows) >= len(objectives), rows
            await decide_first(pilot)
            await pilot.press("enter")
            await wait_for(
                pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen")
            )


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
async def test_the_forecast_and_the_rationale_stay_on_the_desk_on_every_briefing(
    app_factory, size
) -> None:
    """A long list of options scrolls rather than push the staff forecast, or the rationale
    being typed, off the screen: on every briefing of the agendas of a shipped-pack game's first
    months, with the last option highlighted (the list scrolled furthest)."""
    app = app_factory(pack=SHIPPED, role="rok", seed="onyx-884")
    crowded = 0
    async with app.run_test(size=size) as pilot:
        await wait_screen(pilot, "DeskScreen")
        while type(app.screen).__name__ == "DeskScreen" and app.screen.session.state.turn <= 6:
            desk = app.screen
            column = desk.query_one("#desk-left")
            for tab in range(len(desk.session.agenda())):
                await pilot.press("abc"[tab])
                await options_ready(pilot)
                assert desk.query_one("#choices").scroll_y == 0, "options shown from the middle"
                options = desk.session.agenda()[tab].options
                await pilot.press(str(options[-1].key), "r")
                await pilot.pause()
                crowded += desk.query_one("#choices").max_scroll_y > 0  # the list scrolls
                for part in ("#forecast", "#rationale"):
                    region = desk.query_one(part).region
                    assert column.region.contains_region(region), (desk.session.state.turn, part)
                await pilot.press("escape")
            await decide_first(pilot)
            await pilot.press("enter")
            await wait_for(
                pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen")
            )
    assert crowded, "no list of options had to scroll: the test saw no crowded desk"


async def test_a_desk_resumed_on_an_agenda_at_80x24_gives_its_options_room(app_factory) -> None:
    """Continue onto a month of several briefings: the tabs settle after the first layout, and
    the options take the room they leave (they were squeezed to one row)."""
    app = app_factory(pack=SHIPPED, role="rok", seed="onyx-884")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await decide_first(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.screen.session.agenda()) > 1)
        await pilot.press("q")
        await wait_screen(pilot, "TitleScreen")
        await wait_for(pilot, lambda: app.latest_save is not None)
        await pilot.press("c")
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        await pilot.pause(0.3)
        choices, column = app.screen.query_one("#choices"), app.screen.query_one("#desk-left")
        shown = choices.outer_size.height
        assert choices.max_scroll_y == 0 or shown >= column.size.height // 3, shown


async def test_a_fit_that_comes_after_the_desk_left_does_nothing(app_factory) -> None:
    """A refit queued for after a refresh may run once the desk is gone (to the debrief, the
    title): it finds nothing to fit, and says nothing."""
    app = app_factory(role="us", seed="keys")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        column = app.screen.query_one("#desk-left")
        await pilot.press("q")
        await wait_screen(pilot, "TitleScreen")
        await pilot.pause()
        column.fit()
        for child in list(column.children):
            await child.remove()
        column.fit()


async def test_the_debrief_scrolls_by_keyboard_and_shows_the_overall_score(app_factory) -> None:
    app = app_factory(role="us", seed="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        while type(app.screen).__name__ == "DeskScreen":
            await decide_first(pilot)
            await pilot.press("enter")
            await wait_for(
                pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen")
            )
        await wait_screen(pilot, "DebriefScreen")
        debrief = app.screen
        total = f"{debrief.session.scorecard().total:.0f}/100"
        title = debrief.query_one("#ending-title", Static)
        assert "Overall" in drawn(title) and total in drawn(title)
        assert Region(0, 0, 80, 24).contains_region(title.region)
        scrolled = []
        for key in ("1", "2", "4"):  # the ending, why this ending, the decisions
            await pilot.press(key)
            await pilot.pause()
            scroller = app.focused
            assert scroller is not None and scroller.has_class("pane"), (key, scroller)
            if scroller.max_scroll_y > 0:
                await pilot.press("pagedown")
                await pilot.pause()
                assert scroller.scroll_y > 0, f"tab {key} did not scroll by keyboard"
                scrolled.append(key)
        assert "4" in scrolled


async def test_what_the_meters_mean_is_a_key_away(app_factory) -> None:
    pack = load_pack(EXAMPLE).pack
    var = next(v for v in pack.variables if v.low and not v.hidden)
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("i")
        await wait_screen(pilot, "MeaningsScreen")
        text = "\n".join(str(s.content) for s in app.screen.query(Static))
        text += "\n".join(drawn(w) for w in app.screen.query("ReportBody"))
        assert var.label in text and var.low in text
        assert pack.roles["us"].objectives[0].label in text
        await pilot.press("escape")
        await wait_screen(pilot, "DeskScreen")


async def test_why_a_briefing_came_in_words_and_the_figures_on_w(app_factory) -> None:
    app = app_factory(role="us", seed="keys")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        seen = False
        while type(app.screen).__name__ == "DeskScreen" and not seen:
            desk = app.screen
            b = desk.session.briefing()
            why = str(desk.query_one("#event-why", Static).content)
            assert "tier" not in why and "weight" not in why
            if b.draw is not None and b.draw.how == "drawn":
                app._notifications.clear()
                await pilot.press("w")
                await pilot.pause()
                assert "weight" in notices(app), notices(app)
                seen = True
                break
            await decide_first(pilot)
            await pilot.press("enter")
            await wait_for(
                pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen")
            )
        assert seen, "no briefing of the game was drawn by weight"


async def test_trend_lines_are_drawn_on_the_meters_range(pack_copy, app_factory) -> None:
    """A meter that drifts by a hair draws a flat line, not a collapse."""
    pack = pack_copy(
        {
            "pack.toml": [
                (
                    "",
                    '\n[[rule]]\nid = "hair"\nlabel = "A hair of drift"\n'
                    'effects = ["cooperation -= 0.2"]\n',
                )
            ]
        }
    )
    app = app_factory(pack=pack, role="us", seed="keys")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        for _ in range(3):
            await decide_first(pilot)
            await pilot.press("enter")
            await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        slot = next(v.slot for v in desk.session.pack.variables if v.id == "cooperation")
        values = [s.values[slot] for s in
                  desk.session.states()]  # fmt: skip
        if max(values) - min(values) > 1:
            return  # not a hair's drift in this game: nothing to see
        row = next(r for r in desk.query(".meter") if r.var.id == "cooperation")
        await pilot.pause()
        # the trend: the row's first line ends with it, 14 cells on a wide screen, then padding
        line = drawn(row).splitlines()[0][-15:-1].strip()
        assert line and len(set(line)) == 1, line


async def test_a_screenshot_without_a_downloads_folder_lands_and_says_where(
    app_factory, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    saves = tmp_path / "shots"
    app = app_factory(role="us", saves=saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        app.deliver_screenshot()
        await wait_for(pilot, lambda: "Saved to" in notices(app) or "could not" in notices(app))
        assert "Saved to" in notices(app), notices(app)
        assert list(saves.glob("*.svg")), list(saves.iterdir())


async def test_an_objective_that_reads_an_announced_flag_has_its_score(app_factory) -> None:
    """Russia's first objective in the shipped pack reads a flag the game announces openly."""
    app = app_factory(pack=SHIPPED, role="russia", seed="keys")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        panel = app.screen.query_one(ObjectivesPanel)
        await wait_for(pilot, lambda: panel.session is not None)
        await pilot.pause()
        text = drawn(panel)
        assert "not visible" not in text, text
        assert text.count("/100") == len(app.screen.session.pack.roles["russia"].objectives)


@pytest.mark.parametrize("role", ["us", "russia", "rok"])
async def test_the_shipped_labels_fit_the_desk_at_120x40(app_factory, role) -> None:
    """Where a label is too long for its panel, the pack's short one is used, never a cut."""
    app = app_factory(pack=SHIPPED, role=role, seed="keys")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        panel = desk.query_one(ObjectivesPanel)
        await wait_for(pilot, lambda: panel.session is not None and bool(desk.query(".meter")))
        await pilot.pause()
        cut = [line for line in drawn(panel).splitlines() if "…" in line]
        heads = [drawn(row).splitlines()[0] for row in desk.query(".meter")]  # label first
        cut += [head for head in heads if "…" in head]
        assert cut == [], cut
