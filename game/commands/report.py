"""`korean-theater report SAVE --format md|html|json`: the debrief of a saved game.

The decisions with their rationales, what happened and why, the meters over time, the objective
scorecard, what really happened (with sources), counterfactuals and the discussion questions.
Exit status: 0 written, 1 the save or the classroom file cannot be used, 2 a usage problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.classroom.whatif import MAX_RUNS
from game.commands.common import add_teacher_options, emit, say


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument(
        "save",
        help="a save file (saves/NAME.json), the name of a save slot, or a report a classroom "
        "game wrote (saves/reports/NAME.json)",
    )
    p.add_argument("--format", choices=("md", "html", "json"), default="md", help="default: md")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of to stdout")
    p.add_argument("--saves", metavar="DIR", help="the saves folder, for a slot name")
    add_teacher_options(p)
    p.add_argument(
        "--whatif-runs",
        type=runs_argument(0),
        default=None,
        metavar="N",
        help=f"games per alternative in the counterfactuals, at most {MAX_RUNS} (default: your "
        "classroom file's, else 100; 0 leaves them out)",
    )
    p.add_argument(
        "--dice",
        choices=("fresh", "same"),
        default="fresh",
        help="counterfactual dice: fresh for each game (default) or the game's own",
    )


def runs_argument(least: int):
    """An argparse type: a number of what-if games, from `least` to MAX_RUNS."""

    def runs(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
        if not least <= value <= MAX_RUNS:
            raise argparse.ArgumentTypeError(f"must be between {least} and {MAX_RUNS}, not {value}")
        return value

    return runs


def load_for_teacher(args: argparse.Namespace):
    """The save named on the command line, replayed on the teacher's pack (`--pack`,
    `--classroom`); None after saying why it cannot be. Notes go to stderr."""
    from game.report.debrief import GameLoadError, Teacher, load_game

    try:
        game = load_game(save_path(args.save, args.saves), Teacher.load(args.pack, args.classroom))
    except GameLoadError as e:
        say(f"korean-theater: {e}", sys.stderr)
        return None
    for note in game.notes:
        say(f"korean-theater: note: {note}", sys.stderr)
    if game.saved_pack is not None:
        say(
            f"korean-theater: warning: the save was made on {game.saved_pack.id} "
            f"{game.saved_pack.version} with files {game.saved_pack.digest}, which differ from "
            f"your pack's ({game.session.pack.digest}); it is replayed and scored on yours",
            sys.stderr,
        )
    return game


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


def handed_in(args: argparse.Namespace):
    """The report file a student handed in (SAVES/reports/NAME.json), as written: the Report,
    False after saying why it cannot be read, or None when `args.save` is not a report."""
    from game.report.load import read_report, sniff

    path = save_path(args.save, args.saves)
    if not path.is_file() or sniff(path) != "report":
        return None
    report, problems = read_report(path)
    if report is None:
        say(f"korean-theater: the report {path} cannot be used:", sys.stderr)
        for problem in problems:
            say("  " + problem.format(), sys.stderr)
        return False
    say(
        "korean-theater: note: a report is shown as its game wrote it; give the save to replay "
        "and score it on your pack",
        sys.stderr,
    )
    return report


def run(args: argparse.Namespace) -> int:
    from game.report import render
    from game.report.debrief import game_report

    report = handed_in(args)
    if report is None:
        game = load_for_teacher(args)
        if game is None:
            return 1
        report = game_report(game, whatif_runs=args.whatif_runs, dice=args.dice)
    elif report is False:
        return 1
    text = render(report, args.format)
    status = emit(text, args.output, error_status=1)
    if status == 0 and args.output:
        say(f"Wrote {args.output}", sys.stderr)
    return status
