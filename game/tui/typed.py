"""Screens of this game: `self.app` is the game's app (its packs, saves, settings …) to the
type checker too. The annotation changes no behaviour: Textual's `app` property still answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from game.tui.app import KoreanTheaterApp

ResultT = TypeVar("ResultT")


class GameScreen(Screen[ResultT]):
    app: KoreanTheaterApp


class GameModal(ModalScreen[ResultT]):
    app: KoreanTheaterApp
