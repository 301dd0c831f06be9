"""A screen built ahead: composed while the player reads the screen before it, so that the key
that opens it only has to show it (the title builds the new game screen: TitleScreen.prepare_next).

Textual composes a screen only when it is pushed: this one is pushed and popped at once, within
one frame, and kept (installed under AHEAD) until it is taken. It must settle before the app
ends: closed half-composed, its widgets fail (Textual's Header among them) and the game ends with
their tracebacks; and once `App.exit` is called Textual mounts nothing more. The app therefore
waits for it (`settled`) before it ends.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual.app import App
from textual.screen import Screen

from game.tui.keys import handled

AHEAD = "built-ahead"  # the name the screen is installed under until it is taken
SETTLE = 1.0  # seconds an ending app waits at most for it


def build_ahead(app: App, screen: Screen) -> None:
    """Compose `screen` now, unseen (at most one at a time)."""
    if app.is_screen_installed(AHEAD):
        return
    app.install_screen(screen, AHEAD)
    app.push_screen(screen)
    app.pop_screen()


def take(app: App) -> Screen | None:
    """The screen built ahead, from now on an ordinary screen (gone once closed); None if
    there is none."""
    if not app.is_screen_installed(AHEAD):
        return None
    screen = app.get_screen(AHEAD)
    app.uninstall_screen(AHEAD)
    return screen


def pending(app: App) -> bool:
    return app.is_screen_installed(AHEAD)


async def settled(app: App) -> None:
    """Until the screen built ahead (if any) is composed and every widget of it has handled
    what its mount sent it, SETTLE seconds at most."""
    if not app.is_screen_installed(AHEAD):
        return
    screen = app.get_screen(AHEAD)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(SETTLE):
            while not screen.is_mounted:
                await asyncio.sleep(0.01)
            for node in (screen, *screen.walk_children()):
                await handled(node)
