"""The processes behind `korean-theater serve`: the zygote, and a browser's game where the
system cannot fork.

    python -m game.commands.browser_game zygote --control FD [--pack DIR] [--classroom F]
    python -m game.commands.browser_game game --saves DIR --seat SEAT [--pack DIR] [--classroom F]

Both prepare the game as `play` would (the classroom file checked, the pack loaded: what every
game of the server shares). The zygote then loads every screen too and forks a game for each
browser (game.web.zygote); `game` plays one game on textual-serve's web driver.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import pkgutil
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from game.commands.play import TuiGame, prepare_tui

ENTRY = [sys.executable, "-m", "game.commands.browser_game"]


def prepare(pack: str | None, classroom: str | None) -> TuiGame | int:
    """The game every browser plays, or an exit status after saying what is wrong."""
    args = argparse.Namespace(
        pack=pack, role=None, seed=None, saves=None, watch=False, plain=False, classroom=classroom
    )
    return prepare_tui(args)


# What a game imports on its way to the desk and its first save, once each in the zygote rather
# than in every game (about 50 ms of a game's start): the terminal driver of a browser's game,
# Textual's layouts, the save store (with the pydantic models of a save), rich's cell widths.
FIRST_USE = ("textual.drivers.web_driver", "textual.scrollbar", "game.saves.store")
PACKAGES = ("game.tui.screens", "game.tui.widgets", "game.saves", "textual.layouts")


def warm(tui: TuiGame) -> None:
    """Load now what each game would load at its start: the pack, the modules of every screen
    and widget and of the saves, and what else a game imports on its way to the desk."""
    from rich.cells import cell_len

    importlib.import_module("game.tui.app")
    for name in FIRST_USE:
        importlib.import_module(name)
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{name}.{module.name}")
    cell_len("—")  # rich's table of character widths (the game's text is not all ASCII)
    tui.library.load(tui.pack)


def keep_current(tui: TuiGame) -> Callable[[], None]:
    """What the zygote does before it forks a game: load the pack again if its files have
    changed since (a teacher's fix during the lesson reaches the next browser that opens; the
    games already open keep the pack they started with). A pack edited into problems is not
    served: the games go on with the last good version, and the server's window says why."""

    def check() -> None:
        before = tui.library.cached(tui.pack)
        now = tui.library.current(tui.pack)
        if now is before:
            return
        if now.pack is None and before is not None and before.pack is not None:
            tui.library.keep(tui.pack, before)
            say_kept(tui.pack, now)
            return
        # the games share the new pack as they shared the old one, which may now go
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    return check


def say_kept(pack: Path, broken) -> None:
    lines = [p.format().splitlines()[0] for p in broken.errors[:8]]
    more = len(broken.errors) - len(lines)
    print(
        f"korean-theater serve: the pack at {pack} has changed and now has "
        f"{len(broken.errors)} problem(s); new games get the last good version until it is "
        "fixed:",
        *lines,
        *([f"…and {more} more"] if more > 0 else []),
        sep="\n",
        file=sys.stderr,
        flush=True,
    )


@contextlib.contextmanager
def start_gate(tui: TuiGame) -> Iterator[None]:
    """The server's start gate (game.tui.gate) for the games forked while this runs: one core's
    worth of desks built at a time, the other cores left to the keys of those playing."""
    from game.tui.gate import StartGate

    if not StartGate.available():
        yield
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    folder = tempfile.mkdtemp(prefix="korean-theater-serve-gate-")
    tui.gate = StartGate(Path(folder), slots=max(1, (cores or 2) - 1))
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m game.commands.browser_game")
    p.add_argument("mode", choices=("zygote", "game"))
    p.add_argument("--control", type=int, help="zygote: the server's socket")
    p.add_argument("--saves", help="game: its saves folder")
    p.add_argument("--seat", help="game: its browser seat")
    p.add_argument("--pack")
    p.add_argument("--classroom")
    a = p.parse_args(argv)
    if a.mode == "zygote" and a.control is None or a.mode == "game" and a.saves is None:
        p.error("zygote needs --control, game needs --saves")
    from game.web.zygote import serve_forks, tell_failure

    control = socket.socket(fileno=a.control) if a.mode == "zygote" else None
    try:
        game = prepare(a.pack, a.classroom)
        if isinstance(game, int):
            if control is not None:
                tell_failure(control, game)
            return game
        if control is None:
            return game.run(Path(a.saves), a.seat)
        warm(game)
        with start_gate(game):
            return serve_forks(control, game, keep_current(game))
    finally:
        if control is not None:
            control.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
