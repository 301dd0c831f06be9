"""`korean-theater class REPORTS… --html FILE`: one page over a class's games.

REPORTS are reports written by `korean-theater report --format json` (or at the end of a
classroom game, in SAVES/reports/), save files, or folders of either. Files that cannot be read
are skipped and named, with what is wrong and where; the summary covers the rest.
Exit status: 0 at least one game summarised, 1 none could be read, 2 a usage problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import add_teacher_options, say


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("reports", nargs="+", metavar="REPORT", help="report or save files, or folders")
    p.add_argument("--html", metavar="FILE", help="write the summary page here")
    p.add_argument("--csv", metavar="FILE", help="write one row per game here")
    p.add_argument(
        "--decisions-csv", metavar="FILE", help="write one row per decision here (long format)"
    )
    add_teacher_options(p)


CSV = "utf-8-sig"  # with a byte-order mark: Excel then reads accents as they were written


def _write(path: str, text: str, encoding: str = "utf-8") -> bool:
    try:
        Path(path).write_text(text, encoding=encoding, newline="")
    except OSError as e:
        say(f"korean-theater: cannot write {path}: {e.strerror or e}", sys.stderr)
        return False
    say(f"Wrote {path}", sys.stderr)
    return True


def run(args: argparse.Namespace) -> int:
    from game.classroom.summary import decisions_csv, gather, students_csv, summarize
    from game.classroom.teacher import GameLoadError, Teacher
    from game.report.classpage import render_class_html, render_class_text

    try:
        teacher = Teacher.load(args.pack, args.classroom)
    except GameLoadError as e:
        say(f"korean-theater: {e}", sys.stderr)
        return 1
    entries, skipped = gather(args.reports, teacher)
    for s in skipped:
        say(f"korean-theater: skipped {s.file}:", sys.stderr)
        for line in s.lines():
            say("  " + line.replace("\n", "\n  "), sys.stderr)
    summary = summarize(entries, skipped)
    ok = True
    if args.html:
        base = str(Path(args.html).resolve().parent)
        ok &= _write(args.html, render_class_html(summary, base))
    if args.csv:
        ok &= _write(args.csv, students_csv(summary), CSV)
    if args.decisions_csv:
        ok &= _write(args.decisions_csv, decisions_csv(summary), CSV)
    say("\n".join(render_class_text(summary)))  # last: a closed pipe loses no file
    if not entries:
        say("korean-theater: no report could be read", sys.stderr)
        return 1
    return 0 if ok else 1
