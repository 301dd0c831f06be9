"""The footer of key bindings, compact when the terminal is narrow."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 100


class KeyFooter(Footer):
    """Textual's Footer, with less space between keys on narrow terminals so all of them fit;
    a screen with many keys (the desk) may also drop the ^p palette hint there (`crowded`).

    Textual rebuilds the footer's keys whenever the screen's bindings may have changed (a
    screen coming back, the focus moving), often several times in a row: here only when the
    keys it shows did change, so the desk that comes back after the consequences does not
    rebuild and restyle them all."""

    def __init__(self, crowded: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.crowded = crowded
        self._composed: tuple | None = None  # what the keys on show were made from

    def on_resize(self, event: events.Resize) -> None:
        palette = self.show_command_palette
        self._fit(event.size.width)
        if self.show_command_palette != palette:  # Textual's footer does not remake its keys
            self.call_later(self.recompose)

    def _fit(self, width: int) -> None:
        self.compact = width < COMPACT_BELOW
        self.show_command_palette = not (self.crowded and self.compact)

    def _shown(self, screen: Screen) -> tuple:
        """What `compose` makes the keys from."""
        app = self.app
        active = screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        return (
            tuple((b, on, tip) for _, b, on, tip in active.values() if b.show),
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
            palette[1:] if palette else None,
        )

    def bindings_changed(self, screen: Screen) -> None:
        """As Textual's footer, but the keys are made as soon as the screen's bindings change,
        not after the next refresh: a new screen's first layout then has them (Textual's way,
        the keys came after it, and the whole screen was laid out again for them)."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_later(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached or self._composed != self._shown(self.screen):
            await super().recompose()

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.width)  # the keys are made for the width they will have
        self._composed = self._shown(self.screen) if self._bindings_ready else None
        for child in super().compose():
            if isinstance(child, FooterKey):
                self._settle(child)
            yield child

    def _settle(self, key: FooterKey) -> None:
        """Give a key its compact look before it mounts. Textual's keys start as compact and
        then take the footer's value, each change a restyle of the key: two restyles of every
        key each time the keys are rebuilt (5% of a browser game's CPU on its way to the desk).
        The palette key is not bound to the footer: it stays compact, as in Textual."""
        compact = self.compact or key.has_class("-command-palette")
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)
