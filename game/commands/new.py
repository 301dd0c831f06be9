"""`korean-theater new PATH` (a new pack) and `korean-theater new event PACK [ID]` (a new event)."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import fail

USAGE = """korean-theater new [-h] [--title TITLE] [--id ID] PATH
       korean-theater new event [-h] [--title TITLE] [--file FILE] PACK [ID]"""


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(
        name,
        help=help,
        usage=USAGE,
        description="Scaffold a new pack that checks clean and plays (`new PATH`), or add an "
        "event skeleton to a pack (`new event PACK [ID]`). Files name the JSON Schema, written "
        "beside them, so TOML editors complete keys.",
    )
    p.add_argument("target", nargs="+", metavar="PATH", help="PATH, or: event PACK [ID]")
    p.add_argument("--title", help="title of the new pack or event")
    p.add_argument("--id", dest="pack_id", help="id of the new pack (default: from PATH)")
    p.add_argument("--file", help="for `new event`: the file to add it to (default events.toml)")


def run(args: argparse.Namespace) -> int:
    from game.scaffold import ScaffoldError

    target = list(args.target)
    try:
        if target[0] == "event":
            if len(target) not in (2, 3):
                return fail("usage: korean-theater new event PACK [ID]")
            return _event(target[1], target[2] if len(target) == 3 else None, args)
        if target[0] == "pack":
            target = target[1:]
        if len(target) != 1:
            return fail("usage: korean-theater new PATH  (or: new event PACK [ID])")
        return _pack(target[0], args)
    except ScaffoldError as e:
        return fail(str(e))


def _pack(path: str, args: argparse.Namespace) -> int:
    from game.content.compiler import load_pack
    from game.scaffold import new_pack

    if args.file:
        return fail("--file is for `new event`")
    root = new_pack(path, args.title, args.pack_id)
    result = load_pack(root)
    for p in result.problems:  # a scaffold that does not check clean is a bug; say so
        print(p.format(), file=sys.stderr)
    print(f"A new pack in {root}: pack.toml, events.toml, world.toml and the JSON Schema.")
    from game.invocation import kt

    print(f"  check it:    {kt('check', str(root))}")
    print(f"  play it:     {kt('play', '--pack', str(root))}")
    print(f"  simulate it: {kt('simulate', str(root))}")
    print(f"  add events:  {kt('new', 'event', str(root), 'my-event')}")
    return 1 if result.errors else 0


def _event(pack_path: str, event_id: str | None, args: argparse.Namespace) -> int:
    from game.commands.common import load_or_report
    from game.content.compiler import load_pack
    from game.scaffold import add_event, free_event_id, slug

    if args.pack_id:
        return fail("--id is for a new pack; give the event id after the pack")
    pack = load_or_report(pack_path)
    if pack is None:
        return 1
    existing = {e.id for e in pack.events}
    eid = event_id or free_event_id(existing, slug(args.title) if args.title else "new-event")
    variable = pack.variables[0].id if pack.variables else None
    target = add_event(pack_path, eid, existing, list(pack.roles), variable, args.title, args.file)
    result = load_pack(pack_path)
    for p in result.problems:
        if eid in p.message or p.file == str(target):
            print(p.format(), file=sys.stderr)
    print(f"Added event {eid!r} to {target}.")
    return 1 if result.errors else 0
