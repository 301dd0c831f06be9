"""How the desk comes on screen from the new-game screen: whole in its first layout, and each
widget styled once (putting the desk on screen is the costliest thing a game does: in a
classroom of thirty on one server, each restyle and layout is paid thirty times at once)."""

from __future__ import annotations

from collections import Counter

from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets._footer import FooterKey
from tui_support import open_new_game, options_ready, wait_screen

from game.tui.widgets.choices import ChoiceItem, ChoiceList
from game.tui.widgets.meters import MeterRow


async def test_each_widget_of_a_new_desk_is_styled_once(app_factory, monkeypatch) -> None:
    """Only the option list is styled again, when it takes the focus (its look changes)."""
    styled: Counter = Counter()
    apply = Stylesheet.apply

    def counted(self, node, *args, **kwargs):
        styled[node] += 1
        return apply(self, node, *args, **kwargs)

    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_new_game(pilot, roles=2)
        await pilot.pause(0.1)
        monkeypatch.setattr(Stylesheet, "apply", counted)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        await pilot.pause(0.2)
        desk = app.screen
        focused = set(desk.query_one(ChoiceList).walk_children(with_self=True))
        twice = [
            f"{type(node).__name__}#{node.id}"
            for node in desk.walk_children(with_self=True)
            if node not in focused and styled[node] != 1
        ]
        assert not twice, twice
        assert all(styled[node] <= 2 for node in focused)


async def test_the_desk_has_its_options_meters_and_keys_in_its_first_layout(
    app_factory, monkeypatch
) -> None:
    first: dict[str, int] = {}
    refresh_layout = Screen._refresh_layout

    def recorded(self, *args, **kwargs):
        if type(self).__name__ == "DeskScreen" and not first:
            first.update(
                options=len(self.query(ChoiceItem)),
                meters=len(self.query(MeterRow)),
                keys=len(self.query(FooterKey)),
            )
        return refresh_layout(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", recorded)
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_new_game(pilot, roles=2)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        await pilot.pause(0.2)
        desk = app.screen
        assert first == {
            "options": len(desk.session.agenda()[0].options),
            "meters": len(desk.query(MeterRow)),
            "keys": len(desk.query(FooterKey)),
        }
        assert first["options"] and first["meters"] and first["keys"]


async def test_an_option_is_one_widget(app_factory) -> None:
    """The options are most of what the desk lays out and styles: each is drawn by one."""
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        choices = app.screen.query_one(ChoiceList)
        items = list(choices.query(ChoiceItem))
        assert items and list(choices.walk_children()) == items


async def test_a_screen_whose_stylesheet_comes_with_it_is_styled_by_it(app_factory) -> None:
    """The help's stylesheet is read only as it opens, after the screen itself was styled:
    that screen is restyled on its first resume (as Textual does), so its own rules hold."""
    app = app_factory(role="us")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("question_mark")
        await wait_screen(pilot, "HelpScreen")
        await pilot.pause(0.1)
        align = app.screen.styles.align
        assert (align[0], align[1]) == ("center", "middle")  # game/tui/screens/help.tcss
