"""The game's text fields (game.tui.widgets.field): typing repaints the field without laying out
the screen, and the field shows, scrolls and holds exactly what Textual's own Input would."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import Input
from tui_support import options_ready, wait_for, wait_screen

from game.tui.widgets.field import TextField


async def test_typing_a_memo_on_the_desk_does_not_lay_out_the_screen(app_factory) -> None:
    app = app_factory(role="us")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        await pilot.press("r")
        desk = app.screen
        memo = desk.query_one("#rationale", Input)
        await wait_for(pilot, lambda: memo.has_focus)
        reflows = 0
        reflow = desk._compositor.reflow

        def counted(*args, **kwargs):
            nonlocal reflows
            reflows += 1
            return reflow(*args, **kwargs)

        desk._compositor.reflow = counted
        await pilot.press(*"a memo")
        await wait_for(pilot, lambda: memo.value == "a memo")
        await pilot.pause()
        assert reflows == 0


class Fields(App):
    """Textual's Input above the game's TextField, of one width."""

    CSS = "Input { width: 24; }"

    def compose(self) -> ComposeResult:
        yield Input(id="stock")
        yield TextField(id="ours")


KEYS = st.lists(
    st.sampled_from(
        [*"abcdeXYZ", "space", "backspace", "left", "right", "home", "end", "delete", "ctrl+u"]
    ),
    max_size=50,  # longer than the field is wide: it scrolls
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(keys=KEYS)
def test_a_field_holds_and_scrolls_as_textuals_input_does(keys: list[str]) -> None:
    async def run() -> None:
        app = Fields()
        async with app.run_test(size=(40, 8)) as pilot:
            stock, ours = app.query_one("#stock", Input), app.query_one("#ours", Input)
            for key in keys:
                for field in (stock, ours):
                    field.focus()
                    await pilot.press(key)
                await pilot.pause()
                assert ours.value == stock.value
                assert ours.cursor_position == stock.cursor_position
                assert ours.virtual_size == stock.virtual_size
                assert (ours.scroll_x, ours.max_scroll_x) == (stock.scroll_x, stock.max_scroll_x)
            assert ours.region.size == stock.region.size

    asyncio.run(run())
