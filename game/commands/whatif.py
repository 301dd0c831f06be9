"""`korean-theater whatif SAVE --turn N --choice ID --runs 500`: a counterfactual.

With everything else the same (the position on the desk at turn N, the assumptions, the player's
later choices where they still apply, and paired dice), how the endings would have been
distributed had the player chosen otherwise at that turn. Without --choice, every other option.
Exit status: 0 done, 1 the save cannot be used, 2 a usage problem (no such turn or option).
"""

from __future__ import annotations

import argparse
import json
import sys

from game.classroom.whatif import MAX_RUNS
from game.commands.common import add_teacher_options, say
from game.commands.report import load_for_teacher, runs_argument


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("save", help="a save file or the name of a save slot")
    p.add_argument("--turn", type=int, required=True, help="the turn of the decision to change")
    p.add_argument(
        "--choice",
        action="append",
        metavar="ID",
        help="the option to try instead (repeatable; default: every other open option)",
    )
    p.add_argument(
        "--runs",
        type=runs_argument(1),
        default=500,
        help=f"games per choice, at most {MAX_RUNS} (default 500)",
    )
    p.add_argument(
        "--dice",
        choices=("fresh", "same"),
        default="fresh",
        help="fresh dice for each game from that turn on (default), or the game's own",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--saves", metavar="DIR", help="the saves folder, for a slot name")
    add_teacher_options(p)


def run(args: argparse.Namespace) -> int:
    from game.classroom.whatif import WhatIfError, whatif

    game = load_for_teacher(args)
    if game is None:
        return 1
    try:
        w = whatif(game.session, args.turn, args.choice, args.runs, args.dice)
    except WhatIfError as e:
        say(f"korean-theater: {e}", sys.stderr)
        return 2
    if args.format == "json":
        say(json.dumps(as_dict(w), indent=2))
    else:
        say("\n".join(text_lines(w)))
    return 0


def as_dict(w) -> dict:
    def branch(b) -> dict:
        return {
            "choice": b.choice,
            "label": b.label,
            "runs": b.runs,
            "endings": {k: v / b.runs for k, v in b.endings.items()},
            "mean_score": round(b.mean_score, 2),
            "own_dice": b.own_dice,
            "own_dice_score": round(b.own_dice_score, 2),
        }

    return {
        "turn": w.turn,
        "event": w.event,
        "title": w.title,
        "chosen": w.chosen,
        "runs": w.runs,
        "dice": w.dice,
        "played_ending": w.played_ending,
        "actual": branch(w.actual),
        "alternatives": [branch(b) for b in w.alternatives],
        "ending_titles": w.ending_titles,
    }


def text_lines(w) -> list[str]:
    titles = w.ending_titles
    dice = "each with fresh dice from that turn on" if w.dice == "fresh" else "on the game's dice"
    lines = [
        f"Turn {w.turn}: {w.title}",
        f"You chose: {w.actual.label}"
        + (
            f" — the game ended in “{titles.get(w.played_ending, w.played_ending)}”"
            if w.played_ending
            else " (the game is unfinished)"
        ),  # fmt: skip
        f"{w.runs} games per choice from that position, {dice}; later decisions follow yours "
        "where the same event comes up, random otherwise.",
    ]
    ids = w.ending_ids()
    width = max((len(titles.get(k, k)) for k in ids), default=10)
    for b in w.branches:
        mine = " (your choice)" if b is w.actual else ""
        lines += ["", f"{b.label}{mine}:"]
        for k in ids:
            share = b.endings.get(k, 0) / b.runs
            base = w.actual.endings.get(k, 0) / w.actual.runs
            diff = "" if b is w.actual else f"  ({100 * (share - base):+.0f} points)"
            bar = "█" * round(share * 30)
            lines.append(f"  {titles.get(k, k):<{width}}  {100 * share:5.1f}%  {bar}{diff}")
        lines.append(
            f"  mean score {b.mean_score:.1f}; on your own dice: "
            f"{titles.get(b.own_dice, b.own_dice)} ({b.own_dice_score:.0f})"
        )
    return lines
