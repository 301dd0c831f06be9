"""Shown instead of a broken layout when the terminal is too small to play in."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from game.tui.typed import GameScreen

MIN_WIDTH = 60
MIN_HEIGHT = 18


def message(width: int, height: int) -> Content:
    from game.invocation import kt

    return Content.assemble(
        ("Terminal too small", "bold $warning"),
        "\n\n",
        f"Korean Theater needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {width}×{height}.",
        "\n",
        ("Enlarge the window (80×24 or more is best), or press ctrl+q to quit.", "dim"),
        "\n",
        (f"For a screen reader or a script, try: {kt('play', '--plain')}", "dim"),
    )


class TooSmallScreen(GameScreen[None]):
    """Covers the app until the terminal is big enough again (the app watches the size)."""

    CSS_PATH = "too_small.tcss"
    BINDINGS = [Binding("q", "app.quit", "Quit", show=False)]

    def compose(self) -> ComposeResult:
        yield Static(message(*self.app.size), id="too-small")

    def on_resize(self, event: events.Resize) -> None:
        # the app removes this screen once the terminal is big enough
        self.query_one("#too-small", Static).update(message(*event.size))
