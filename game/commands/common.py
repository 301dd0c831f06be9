"""Helpers shared by the subcommands."""

from __future__ import annotations

import sys
from pathlib import Path

from game.engine.pack import Pack
from game.inert import inert, inert_json


def say(text: str = "", file=None) -> None:
    """Print a line that may hold untrusted text (a pack's, a save's, a file name): inert."""
    print(inert(text), file=file or sys.stdout)


def load_or_report(pack_path: str | None) -> Pack | None:
    """The compiled pack, or None after printing the checker's problems to stderr."""
    from game.content.packs import load_or_say

    return load_or_say(pack_path, sys.stderr)


def add_teacher_options(p) -> None:
    """--pack and --classroom of the teacher's tools (report, whatif, class): what a save is
    replayed on (game.classroom.teacher), never what the save names."""
    p.add_argument(
        "--pack",
        metavar="DIR",
        help="your copy of the pack, to replay saves on (default: your classroom file's pack, "
        "else the shipped pack of the save's id; never a folder a save names)",
    )
    p.add_argument(
        "--classroom",
        metavar="FILE",
        help="your classroom file: the settings to replay saves with, and the what-if runs "
        "(default: the settings kept in each save, and 100 what-if runs)",
    )


def fail(message: str, status: int = 2) -> int:
    """Print a usage problem the way argparse does and return its exit status."""
    say(f"korean-theater: {message}", sys.stderr)
    return status


def emit(text: str, output: str | None, error_status: int = 2) -> int:
    """Write `text` to the file `output`, or to standard output; the exit status (0, or
    `error_status` after saying why the file cannot be written). Control characters in `text`
    are written out (in JSON, as the escape they are)."""
    text = inert_json(text)
    if not output:
        sys.stdout.write(text)
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as e:
        return fail(f"cannot write {output}: {e.strerror or e}", error_status)
    return 0
