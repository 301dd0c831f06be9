"""Fixtures of the TUI tests: an app on the example pack, with saves in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tui_support import make_app

from game.tui.app import KoreanTheaterApp


@pytest.fixture
def app_factory(tmp_path: Path) -> Callable[..., KoreanTheaterApp]:
    def make(**kwargs) -> KoreanTheaterApp:
        kwargs.setdefault("saves", tmp_path / "saves")
        return make_app(**kwargs)

    return make
