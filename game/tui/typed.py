"""Screens of this game: `self.app` is the game's app (its packs, saves, settings …) to the
type checker too. The annotation changes no behaviour: Textual's `app` property still answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from game.tui.app import KoreanTheaterApp

ResultT = TypeVar("ResultT")


class _StyledOnce:
    """A screen's first resume follows its compose: every widget on it was styled as it
    mounted, so Textual's restyle of the whole screen on resume (there for screens coming back,
    which may have missed a change of theme) would style them all a second time — a quarter of
    the work of putting the desk on screen. Later resumes restyle as Textual does. (Textual
    calls this handler before its own `Screen._on_screen_resume`: subclass first.)"""

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False


class GameScreen(_StyledOnce, Screen[ResultT]):
    app: KoreanTheaterApp


class GameModal(_StyledOnce, ModalScreen[ResultT]):
    app: KoreanTheaterApp
