"""`korean-theater check PATH`: every problem of a pack, as file:line:col: CODE message."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("path", help="the pack folder")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="treat warnings as problems too")


def run(args: argparse.Namespace) -> int:
    from game.content.compiler import load_pack

    result = load_pack(args.path)
    failing = result.problems if args.strict else result.errors
    if args.format == "json":
        payload = {
            "ok": not failing,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "problems": [p.as_dict() for p in result.problems],
        }
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 1 if failing else 0
    for p in result.problems:
        print(p.format())
    if result.pack is not None and not result.problems:
        pack = result.pack
        n_choices = sum(len(e.choices) for e in pack.events)
        print(
            f"{args.path}: ok — {pack.meta.title}: {len(pack.roles)} roles, {len(pack.events)} "
            f"events, {n_choices} choices, {len(pack.rules)} rules, {len(pack.endings)} endings"
        )
    else:
        print(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)")
    return 1 if failing else 0
