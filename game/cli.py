"""`korean-theater`: one command with subcommands.

Each subcommand lives in its own module under `game.commands` with `add_parser(subparsers)` and
`run(args) -> int`; modules are imported only when their command runs, so `check` and `simulate`
start fast and only `play` pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

# name -> (module under game.commands, one-line help). The order is the order of `--help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("play", "play the game (the default command)"),
    "check": ("check", "check a pack and report every problem"),
    "schema": ("schema", "write the JSON Schema of the content format"),
    "saves": ("saves", "list, show, verify or delete saved games"),
    "simulate": ("simulate", "play many headless games and report how the pack plays"),
    "graph": ("graph", "draw the pack's events and consequences as a graph"),
    "new": ("new", "scaffold a new pack or event"),
    "report": ("report", "write a debrief report of a saved game"),
    "whatif": ("whatif", "replay a saved game with another choice at one turn"),
    "class": ("classroom", "summarise a class's reports"),
    "serve": ("serve", "serve the game to browsers with textual-serve"),
}


def _module(name: str):
    return importlib.import_module(f"game.commands.{COMMANDS[name][0]}")


def _available() -> list[str]:
    return [
        n for n, (mod, _) in COMMANDS.items() if importlib.util.find_spec(f"game.commands.{mod}")
    ]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="korean-theater",
        description="A strategy game of foreign-policy advice, and the tools to write its content.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _available():
        if only is None or name == only:
            _module(name).add_parser(sub, name, COMMANDS[name][1])
        else:
            sub.add_parser(name, help=COMMANDS[name][1], add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["play", *argv]  # `korean-theater --seed x` plays
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    try:
        return int(_module(args.command).run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
