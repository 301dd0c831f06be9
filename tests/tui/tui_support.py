"""Helpers of the TUI tests (a module with its own name, so test folders cannot shadow it)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from game.tui.app import KoreanTheaterApp
from game.tui.services import PackLibrary, SaveShelf, Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
SEED = "snap"


def make_app(
    saves: Path,
    pack: Path = EXAMPLE,
    role: str | None = None,
    seed: str | None = SEED,
    watch: bool = False,
    poll: float = 0.5,
) -> KoreanTheaterApp:
    return KoreanTheaterApp(
        PackLibrary([pack]),
        SaveShelf(saves),
        Settings(pack=pack, role=role, seed=seed, watch=watch, poll=poll),
    )


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Pause until `condition()` holds (screens switch and workers finish asynchronously)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; screen is {type(pilot.app.screen).__name__}")
        await pilot.pause(0.01)
    await pilot.pause()


async def wait_screen(pilot: Pilot, name: str, timeout: float = 5.0) -> None:
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == name, timeout)
    await asyncio.sleep(0)
