"""`korean-theater play`: the game, full screen or `--plain`."""

from __future__ import annotations

import argparse
import secrets
import sys

from game.commands.common import fail, load_or_report


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("--pack", help="a pack folder (default: the shipped pack)")
    p.add_argument("--role", help="the role to advise, e.g. us, rok, russia")
    p.add_argument("--seed", help="a word or number: the same seed gives the same world")
    p.add_argument("--plain", action="store_true", help="line-oriented mode, no full screen")


def run(args: argparse.Namespace) -> int:
    pack = load_or_report(args.pack)
    if pack is None:
        return 1
    if args.role is not None and args.role not in pack.roles:
        return fail(f"unknown role {args.role!r}; choose from: {', '.join(pack.roles)}")
    seed = args.seed or secrets.token_hex(3)
    return play_plain(pack, args.role, seed)


def play_plain(pack, role: str | None, seed: str) -> int:
    from game.engine.session import Session
    from game.plain import PlainGame

    def read() -> str | None:
        line = sys.stdin.readline()
        return line if line else None

    game = PlainGame(pack, sys.stdout, read)
    role = game.choose_role(role)
    if role is None:
        return 0
    game.run(Session.start(pack, role, seed))
    return 0
