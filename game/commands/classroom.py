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
    p.add_argument(
        "--grades",
        metavar="FILE",
        help="write a gradebook CSV here: one row per student (id, score, memos) and a column "
        "per --rubric criterion to fill in",
    )
    p.add_argument(
        "--rubric",
        metavar="A,B,…",
        default="",
        help="the rubric's criteria, comma-separated: an empty column each in --grades",
    )
    p.add_argument(
        "--debriefs",
        metavar="DIR",
        help="write every game's HTML debrief here (default with --html: PAGE-debriefs/ beside "
        "the page, which links to them)",
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


def write_debriefs(entries, folder: Path) -> dict[str, str] | None:
    """Every game's HTML debrief in `folder`, one file per game named after its report or save;
    {the game's file: its debrief}, or None after saying why the folder cannot be written."""
    from game.classroom.files import slug
    from game.report import render

    made: dict[str, str] = {}
    taken: set[str] = set()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for entry in entries:
            stem = slug(Path(entry.file).stem) or "game"
            name, n = stem, 1
            while name.casefold() in taken:
                n += 1
                name = f"{stem}-{n}"
            taken.add(name.casefold())
            target = folder / f"{name}.html"
            target.write_text(render(entry.report, "html"), encoding="utf-8")
            made[entry.file] = str(target.resolve())
    except OSError as e:
        say(f"korean-theater: cannot write the debriefs in {folder}: {e.strerror or e}", sys.stderr)
        return None
    say(f"Wrote {len(made)} debrief(s) in {folder}", sys.stderr)
    return made


def run(args: argparse.Namespace) -> int:
    from game.classroom.teacher import GameLoadError, Teacher
    from game.report.classpage import render_class_html, render_class_text
    from game.report.summary import (
        decisions_csv,
        gather,
        grades_csv,
        students_csv,
        summarize,
    )

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
    debriefs: dict[str, str] = {}
    folder = args.debriefs or (
        str(Path(args.html).with_suffix("")) + "-debriefs" if args.html else None
    )
    if folder and entries:
        made = write_debriefs(entries, Path(folder))
        ok &= made is not None
        debriefs = made or {}
    if args.html:
        base = str(Path(args.html).resolve().parent)
        ok &= _write(args.html, render_class_html(summary, base, debriefs))
    if args.csv:
        ok &= _write(args.csv, students_csv(summary), CSV)
    if args.decisions_csv:
        ok &= _write(args.decisions_csv, decisions_csv(summary), CSV)
    if args.grades:
        rubric = [c.strip() for c in args.rubric.split(",") if c.strip()]
        ok &= _write(args.grades, grades_csv(summary, rubric), CSV)
    say("\n".join(render_class_text(summary)))  # last: a closed pipe loses no file
    if not entries:
        say("korean-theater: no report could be read", sys.stderr)
        return 1
    return 0 if ok else 1
