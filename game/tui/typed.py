"""Screens of this game: `self.app` is the game's app (its packs, saves, settings …) to the
type checker too. The annotation changes no behaviour: Textual's `app` property still answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from game.tui.app import KoreanTheaterApp

ResultT = TypeVar("ResultT")


class _StyledOnce:
    """No restyle of the whole screen when it resumes, unless the app's stylesheet changed
    since it was last styled.

    Textual restyles every widget of a screen each time it resumes, in case it missed a change
    while it was suspended. A screen's first resume follows its compose: when its stylesheets
    were read before it was made (the app reads those of every screen a game visits at its
    start), each widget was styled as it mounted, with its final rules — a quarter of the work
    of putting the desk on screen. When a screen comes back (the desk, after a modal) nothing has
    changed either, unless the theme or the stylesheet did (`App._invalidate_css`): then it is
    restyled as in Textual. A widget's own changes (classes, focus, hover) restyle it as they
    happen. (Textual calls this handler before its own `Screen._on_screen_resume`.)"""

    _styled_for: int | None = None  # the app's stylesheet version the screen was styled with

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A screen whose stylesheet Textual reads only as it is pushed was styled without it.
        self._styled_once = _read_already(self)  # type: ignore[arg-type]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        version = self.app._css_update_count  # type: ignore[attr-defined]
        first = self._styled_for is None
        if (first and self._styled_once) or self._styled_for == version:
            event.refresh_styles = False
        self._styled_for = version


def _read_already(screen: Screen) -> bool:
    try:
        sheet = screen.app.stylesheet
    except RuntimeError:  # made with no app running (Textual's NoActiveAppError)
        return False
    return not screen.CSS and all(sheet.has_source(str(path), "") for path in screen.css_path)


class GameScreen(_StyledOnce, Screen[ResultT]):
    app: KoreanTheaterApp

    def prepare_next(self) -> None:
        """Build, while the player reads this screen, the screen they are likely to open next
        (called once the app has started up; nothing unless a screen says)."""


class GameModal(_StyledOnce, ModalScreen[ResultT]):
    app: KoreanTheaterApp
