"""`korean-theater`: one command with subcommands.

Each subcommand lives in its own module under `game.commands` with `add_parser(subparsers)` and
`run(args) -> int`; modules are imported only when their command runs, so `check` and `simulate`
start fast and only `play` pays for Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import importlib.util
import io
import os
import signal
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
    "guide": ("guide", "write the teacher's guide of a pack"),
    "serve": ("serve", "serve the game to browsers with textual-serve"),
    "lsp": ("lsp", "a language server for packs, for editors (over stdio)"),
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


class OutputClosed(OSError):
    """Standard output was closed before the program started (`korean-theater … >&-`)."""


class _ClosedOutput(io.TextIOBase):
    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        raise OutputClosed(errno.EBADF, "standard output is closed")


def _reader_gone() -> int:
    """The end of a run whose reader closed the pipe (`… | head`): quietly, with the status of a
    program ended by SIGPIPE, as a shell reports it. Output still buffered is thrown away, so
    that the interpreter's last flush does not fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return 128 + getattr(signal, "SIGPIPE", 13)


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stdin is None:  # input closed: it ends at once, as piped input that ends early
        sys.stdin = io.StringIO()
    try:
        return _run(argv)
    except BrokenPipeError:
        return _reader_gone()
    except OutputClosed:
        with contextlib.suppress(OSError, AttributeError):
            print(
                "korean-theater: standard output is closed; nothing could be shown", file=sys.stderr
            )
        return 1


def _run(argv: list[str] | None) -> int:
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
