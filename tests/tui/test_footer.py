"""The footer of key bindings (game.tui.widgets.footer): its keys follow the screen and the
focus, and are rebuilt only when the keys to show change."""

from __future__ import annotations

from textual.widgets import Input
from textual.widgets._footer import FooterKey
from tui_support import options_ready, wait_for, wait_screen

from game.tui.widgets.footer import KeyFooter


def keys(screen) -> list[FooterKey]:
    return list(screen.query_one(KeyFooter).query(FooterKey))


def descriptions(screen) -> list[str]:
    return [k.description for k in keys(screen)]


async def on_the_desk(pilot):
    await wait_screen(pilot, "DeskScreen")
    await options_ready(pilot)
    return pilot.app.screen


async def test_the_footer_follows_the_focus(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(120, 40)) as pilot:
        desk = await on_the_desk(pilot)
        await wait_for(pilot, lambda: "Rationale" in descriptions(desk))
        await pilot.press("r")
        await wait_for(pilot, lambda: desk.query_one("#rationale", Input).has_focus)
        await wait_for(pilot, lambda: "Back to options" in descriptions(desk))
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Back to options" not in descriptions(desk))
        assert "Rationale" in descriptions(desk)


async def test_the_desk_keeps_its_footer_keys_when_it_comes_back(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(120, 40)) as pilot:
        desk = await on_the_desk(pilot)
        await wait_for(pilot, lambda: bool(keys(desk)))
        before = keys(desk)
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        await pilot.pause(0.1)
        assert keys(desk) == before  # the same widgets: nothing was rebuilt


async def test_footer_keys_are_born_with_their_look(app_factory, monkeypatch) -> None:
    """Keys get the footer's compact look before they mount, not by a restyle after it."""
    restyled: list[FooterKey] = []
    restyle = FooterKey.update_node_styles

    def counted(self: FooterKey, animate: bool = True) -> None:
        restyled.append(self)
        restyle(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: a compact footer
        desk = await on_the_desk(pilot)
        await wait_for(pilot, lambda: bool(keys(desk)))
        assert restyled == []
        for key in keys(desk):
            assert key.compact and key.has_class("-compact")
        await pilot.resize_terminal(120, 40)  # wide: the keys follow the footer
        await wait_for(pilot, lambda: not desk.query_one(KeyFooter).compact)
        await pilot.pause(0.1)
        bound = [k for k in keys(desk) if not k.has_class("-command-palette")]
        assert bound and all(not k.compact and not k.has_class("-compact") for k in bound)


async def test_the_crowded_desk_gets_its_palette_key_back_when_widened(app_factory) -> None:
    """Narrow, the desk drops the ^p palette key so its own keys fit; widened, it comes back
    (it used to wait for the keys' next rebuild, a change of focus)."""
    app = app_factory(role="us")
    async with app.run_test(size=(80, 24)) as pilot:
        desk = await on_the_desk(pilot)
        await wait_for(pilot, lambda: bool(keys(desk)))
        palette = [k for k in keys(desk) if k.has_class("-command-palette")]
        assert palette == []
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: any(k.has_class("-command-palette") for k in keys(desk)))
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: not any(k.has_class("-command-palette") for k in keys(desk)))
