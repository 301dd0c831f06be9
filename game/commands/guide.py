"""`korean-theater guide [PACK]`: the teacher's guide generated from a pack, as Markdown or as
one printable HTML page. With `--classroom`, it includes that class's memo rubric.
Exit status: 0 written, 1 the pack or the classroom file cannot be used."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from game.commands.common import emit, load_or_report, say

if TYPE_CHECKING:
    from game.classroom.settings import Criterion


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("pack", nargs="?", help="the pack folder (default: the shipped pack)")
    p.add_argument("--classroom", metavar="FILE", help="a classroom file: its pack and rubric")
    p.add_argument("--format", choices=("md", "html"), default="md", help="default: md")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of to stdout")


def run(args: argparse.Namespace) -> int:
    from game.report.guide import build_guide, guide_html, guide_markdown

    rubric: tuple[Criterion, ...] = ()
    pack_path = args.pack
    if args.classroom:
        from game.classroom.load import load_classroom

        settings, problems = load_classroom(args.classroom)
        if settings is None:
            for p in problems:
                say(p.format(), sys.stderr)
            return 1
        rubric = tuple(settings.rubric.criteria)
        pack_path = pack_path or settings.pack_path or None
    pack = load_or_report(pack_path)
    if pack is None:
        return 1
    sections = build_guide(pack, rubric)
    text = guide_html(sections) if args.format == "html" else guide_markdown(sections)
    return emit(text, args.output, error_status=1)
