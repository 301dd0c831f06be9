"""The footer of key bindings, compact when the terminal is narrow."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

COMPACT_BELOW = 100


class KeyFooter(Footer):
    """Textual's Footer, with less space between keys on narrow terminals so all of them fit;
    a screen with many keys (the desk) may also drop the ^p palette hint there (`crowded`)."""

    def __init__(self, crowded: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.crowded = crowded

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        self.show_command_palette = not (self.crowded and self.compact)
