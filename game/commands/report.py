"""`korean-theater report SAVE --format md|html|json`: the debrief of a saved game.

The decisions with their rationales, what happened and why, the meters over time, the objective
scorecard, what really happened (with sources), counterfactuals and the discussion questions.
Exit status: 0 written, 1 the save or the classroom file cannot be used, 2 a usage problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import emit, say


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("save", help="a save file (saves/NAME.json) or the name of a save slot")
    p.add_argument("--format", choices=("md", "html", "json"), default="md", help="default: md")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of to stdout")
    p.add_argument("--pack", metavar="DIR", help="the pack (default: the shipped pack of the save)")
    p.add_argument("--saves", metavar="DIR", help="the saves folder, for a slot name")
    p.add_argument(
        "--classroom",
        metavar="FILE",
        help="the classroom file the game was played with (default: the settings kept in the save)",
    )
    p.add_argument(
        "--whatif-runs",
        type=_runs,
        default=None,
        metavar="N",
        help="games per alternative in the counterfactuals (default: the classroom's, else 100; "
        "0 leaves them out)",
    )
    p.add_argument(
        "--dice",
        choices=("fresh", "same"),
        default="fresh",
        help="counterfactual dice: fresh for each game (default) or the game's own",
    )


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if not 0 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"must be between 0 and 100000, not {value}")
    return value


def save_path(save: str, saves: str | None) -> Path:
    """A path as given if it exists, else a slot of the saves folder."""
    given = Path(save)
    if given.exists() or "/" in save or "\\" in save:
        return given
    from game import paths
    from game.saves import SaveError, SaveStore

    try:
        return SaveStore(paths.saves_dir(saves)).resolve(save)
    except SaveError:
        return given


def run(args: argparse.Namespace) -> int:
    from game.classroom.debrief import GameLoadError, game_report, load_game
    from game.report import render

    path = save_path(args.save, args.saves)
    try:
        game = load_game(path, pack_path=args.pack, classroom=args.classroom)
    except GameLoadError as e:
        say(f"korean-theater: {e}", sys.stderr)
        return 1
    for note in game.notes:
        say(f"korean-theater: note: {note}", sys.stderr)
    report = game_report(game, whatif_runs=args.whatif_runs, dice=args.dice)
    text = render(report, args.format)
    status = emit(text, args.output, error_status=1)
    if status == 0 and args.output:
        say(f"Wrote {args.output}", sys.stderr)
    return status
