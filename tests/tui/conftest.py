"""Fixtures of the TUI tests: an app on the example pack, with saves in a temporary folder."""

from __future__ import annotations

import asyncio
import inspect
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


def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin is needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True
