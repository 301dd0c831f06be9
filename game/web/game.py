"""One browser's game: the full-screen game on textual-serve's web driver, saving in the folder
the server gives it, for the browser seat it names.

`prepare` does what every game of the server shares (the classroom file checked, the pack
loaded); the zygote (game.web.zygote) does it once and forks a game from it for each browser.
Where it cannot fork (Windows), `python -m game.web.game` runs one game per process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.play import TuiGame, prepare_tui


def prepare(pack: str | None, classroom: str | None) -> TuiGame | int:
    """The game every browser plays, or an exit status after saying what is wrong."""
    args = argparse.Namespace(
        pack=pack, role=None, seed=None, saves=None, watch=False, plain=False, classroom=classroom
    )
    return prepare_tui(args)


def warm(tui: TuiGame) -> None:
    """Load now what each game would load at its start: the pack, and every screen's module."""
    import importlib
    import pkgutil

    importlib.import_module("game.tui.app")
    screens = importlib.import_module("game.tui.screens")
    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"game.tui.screens.{module.name}")
    tui.library.load(tui.pack)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m game.web.game")
    p.add_argument("--saves", required=True)
    p.add_argument("--seat")
    p.add_argument("--pack")
    p.add_argument("--classroom")
    a = p.parse_args(argv)
    game = prepare(a.pack, a.classroom)
    if isinstance(game, int):
        return game
    return game.run(Path(a.saves), a.seat)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
