"""`korean-theater graph [PACK]`: the pack's events, choices, delayed consequences and state."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands.common import emit, fail, load_or_report


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(
        name,
        help=help,
        description=help + ". Boxes are events, rounded boxes their choices; dashed arrows are "
        "delayed consequences (`later`), green arrows write a flag or meter, dotted arrows read "
        "one.",
    )
    p.add_argument("pack", nargs="?", help="the pack folder (default: the shipped pack)")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    p.add_argument(
        "--state",
        choices=["all", "flags", "none"],
        default="all",
        help="state to draw: flags, situations and meters (all), flags and situations only "
        "(flags), or none",
    )
    p.add_argument("--no-choices", action="store_true", help="fold choices into their events")
    p.add_argument("--role", help="only what this role can see")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")


def run(args: argparse.Namespace) -> int:
    if args.output:
        out = Path(args.output)
        if out.is_dir() or not (out.parent if str(out.parent) else Path(".")).is_dir():
            return fail(f"cannot write {args.output}: no such folder, or it is a folder")
    pack = load_or_report(args.pack)
    if pack is None:
        return 1
    if args.role is not None and args.role not in pack.roles:
        return fail(f"unknown role {args.role!r}; choose from: {', '.join(pack.roles)}")
    from game.graph import render

    text = render(pack, args.format, state=args.state, choices=not args.no_choices, role=args.role)
    return emit(text, args.output)
