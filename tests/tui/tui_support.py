"""Helpers of the TUI tests (a module with its own name, so test folders cannot shadow it)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from game.tui.app import KoreanTheaterApp
from game.tui.services import PackLibrary, SaveShelf, Settings
from tests.classroom.conftest import GOOD

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


# the classroom tests' file, with the counterfactuals the debrief's Classroom tab shows
CLASSROOM = GOOD.replace("whatif_runs = 0", "whatif_runs = 3")


def make_classroom_app(saves: Path, folder: Path, *edits: tuple[str, str]) -> KoreanTheaterApp:
    """The app in classroom mode (`play --classroom`), with CLASSROOM edited by `edits`."""
    from game.classroom.settings import load_classroom
    from game.tui.classroom import classroom_loader

    text = CLASSROOM
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / "class.toml"
    path.write_text(text, encoding="utf-8")
    settings, problems = load_classroom(path)
    assert settings is not None, [p.format() for p in problems]
    pack = Path(settings.pack_path)
    return KoreanTheaterApp(
        PackLibrary([pack], loader=classroom_loader(settings)),
        SaveShelf(saves),
        Settings(pack=pack, seed=settings.seed, classroom=settings),
    )
