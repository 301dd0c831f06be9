"""`korean-theater check PATH`: every problem of a pack, as file:line:col: CODE message.

PATH may also be a classroom file (a TOML file with a [classroom] table): it is then checked as
`play --classroom` would check it, against the pack it names."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("path", help="the pack folder, or a classroom file")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="treat warnings as problems too")


def run(args: argparse.Namespace) -> int:
    from game.commands.common import say
    from game.content.compiler import LoadResult, load_pack
    from game.inert import inert_line

    if is_classroom_file(Path(args.path)):
        settings, problems = load_classroom(args.path)
        result = LoadResult(None, problems)
        summary = settings and classroom_summary(args.path, settings)
    else:
        result = load_pack(args.path)
        summary = result.pack and pack_summary(args.path, result.pack)
    failing = result.problems if args.strict else result.errors
    if args.format == "json":
        payload = {
            "ok": not failing,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "problems": [p.as_dict() for p in result.problems],
        }
        say(json.dumps(payload, indent=2, ensure_ascii=False))
        return 1 if failing else 0
    for p in result.problems:
        say(p.format())
    if summary and not result.problems:
        say(inert_line(summary))  # a title or path cannot start a line of its own
    else:
        say(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)")
    return 1 if failing else 0


def is_classroom_file(path: Path) -> bool:
    """A file other than pack.toml that has a [classroom] table (or, not being a folder, cannot
    be read: reading it as a classroom file says why)."""
    from game import userfile

    if path.name == "pack.toml" or path.is_dir() or not path.exists():
        return False
    try:
        head = userfile.read_head(path, 65536).decode("utf-8", "replace")
    except userfile.FileRefused:
        return path.suffix == ".toml"
    head = head.removeprefix(userfile.BOM)
    return re.search(r"^\s*\[\s*classroom\s*\]", head, re.MULTILINE | re.IGNORECASE) is not None


def load_classroom(path: str):
    from game.classroom.load import load_classroom

    return load_classroom(path)


def pack_summary(path: str, pack) -> str:
    n_choices = sum(len(e.choices) for e in pack.events)
    counts = [
        (len(pack.roles), "role"),
        (len(pack.events), "event"),
        (n_choices, "choice"),
        (len(pack.rules), "rule"),
        (len(pack.endings), "ending"),
    ]
    listed = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
    return f"{path}: ok — {pack.meta.title}: {listed}"


def classroom_summary(path: str, settings) -> str:
    c = settings.classroom
    roles = ", ".join(c.roles) if c.roles else "all roles"
    turns = f"{c.turns} turns" if c.turns else "the pack's turns"
    rules = [f"seed {c.seed!r}", roles, turns]
    if settings.rationale.required:
        rules.append(f"rationale of at least {settings.rationale.min_length} characters")
    if settings.predicting:
        rules.append("predictions of " + ", ".join(settings.predicting))
    if c.hide_numbers:
        rules.append("numbers hidden")
    if c.forecast is not None:
        rules.append(f"forecast: {c.forecast}")
    if settings.assumptions:
        rules.append(f"{len(settings.assumptions)} assumption(s) set")
    if settings.rubric.criteria:
        rules.append(f"a memo rubric of {len(settings.rubric.criteria)} criteria")
    named = sum(len(a.students) for a in settings.assign)
    if named:
        rules.append(f"roles given to {named} student(s)")
    if settings.group:
        rules.append("groups " + ", ".join(repr(g.name) for g in settings.group))
    return f"{path}: ok — classroom {settings.title!r} on {settings.pack_path}: " + "; ".join(rules)
