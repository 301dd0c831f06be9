"""Helpers of the TUI tests (a module with its own name, so test folders cannot shadow it)."""

from __future__ import annotations

import asyncio
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from game.tui.app import KoreanTheaterApp
from game.tui.services import PackLibrary, SaveShelf, Settings
from tests.support import GOOD

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
    seat: str | None = None,
) -> KoreanTheaterApp:
    return KoreanTheaterApp(
        PackLibrary([pack]),
        SaveShelf(saves),
        Settings(pack=pack, role=role, seed=seed, watch=watch, poll=poll, seat=seat),
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


async def open_new_game(pilot: Pilot, roles: int) -> None:
    """From the title, `n`, and wait until the new-game screen lists the pack's `roles` (the
    pack loads there, in a worker)."""
    app = pilot.app
    await wait_for(pilot, lambda: getattr(app, "pack_about", None) is not None)
    await pilot.press("n")
    await wait_screen(pilot, "NewGameScreen")
    await wait_for(pilot, lambda: app.screen.query_one("#roles").option_count == roles)


def on_screen(widget) -> str:
    """A widget's text as drawn, its wrapped lines joined again by spaces."""
    return " ".join(line.strip() for line in widget.render().plain.splitlines())


async def options_ready(pilot: Pilot) -> None:
    """Pause until the desk lists the options of the briefing on show (the list is filled by a
    worker; nothing is highlighted until the player picks)."""
    from game.tui.widgets.choices import ChoiceItem, ChoiceList

    def ready() -> bool:
        desk = pilot.app.screen
        choices = desk.query_one(ChoiceList)
        wanted = desk.session.agenda()[desk.shown].options
        items = [c.option for c in choices.query(ChoiceItem)]
        return choices.briefing_options == wanted and items == list(wanted)

    await wait_for(pilot, ready)


# the classroom tests' file, with the counterfactuals the debrief's Classroom tab shows
CLASSROOM = GOOD.replace("whatif_runs = 0", "whatif_runs = 3")


def make_classroom_app(
    saves: Path, folder: Path, *edits: tuple[str, str], seat: str | None = None
) -> KoreanTheaterApp:
    """The app in classroom mode (`play --classroom`), with CLASSROOM edited by `edits`."""
    from game.classroom.load import load_classroom
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
        Settings(pack=pack, seed=settings.seed, classroom=settings, seat=seat),
    )


def run_in_pty(args: list[str], steps: list[tuple[bytes, bytes]], saves: Path) -> tuple[int, str]:
    """Run the game in an 80×24 pty; each time the next step's text has been drawn, type its
    keys. The exit status and everything written to the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", KOREAN_THEATER_SAVES=str(saves))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "play", *args],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen, done, since = b"", 0, 0
    deadline = time.monotonic() + 60
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if done < len(steps) and steps[done][0] in seen[since:]:
                os.write(master, steps[done][1])
                done += 1
                since = len(seen)  # the next step must be drawn after these keys
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return proc.returncode, seen.decode("utf-8", "replace")
