"""`korean-theater simulate [PACK]`: many headless games, and how the pack plays over them."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from game.commands.common import fail, load_or_report, say

STRATEGY_NAMES = ("random", "cautious", "hawkish", "objective")  # game.sim.strategies.STRATEGIES


def _count(name: str, least: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number, not {text!r}"
            ) from None
        if value < least:
            raise argparse.ArgumentTypeError(f"{name} must be at least {least}, not {value}")
        return value

    return parse


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(
        name,
        help=help,
        description=help + ". Game i plays with seed SEED-i, so results repeat exactly and "
        "do not depend on --jobs.",
    )
    p.add_argument("pack", nargs="?", help="the pack folder (default: the shipped pack)")
    p.add_argument("--role", help="the role to advise (default: the pack's first role)")
    p.add_argument(
        "--runs", type=_count("--runs", 1), default=1000, help="games to play (default 1000)"
    )
    p.add_argument("--seed", default="sim", help="base seed (default 'sim')")
    p.add_argument(
        "--strategy",
        choices=STRATEGY_NAMES,
        default="random",
        help="how the simulated advisor chooses (default random)",
    )
    p.add_argument(
        "--jobs",
        type=_count("--jobs", 1),
        default=1,
        help=f"worker processes (default 1; this machine has {os.cpu_count() or 1} cores)",
    )
    p.add_argument(
        "--lookahead",
        type=_count("--lookahead", 0),
        default=100,
        metavar="GAMES",
        help="probe every option one step ahead in the first GAMES games, to find options that "
        "are never better than a sibling (default 100; all games under --strategy objective)",
    )
    p.add_argument("--json", action="store_true", help="write the report as JSON to stdout")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _writable(path: str) -> str | None:
    """Why `path` cannot be written, or None."""
    target = Path(path)
    if target.is_dir():
        return f"{path} is a folder"
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        return f"no such folder: {parent}"
    if target.exists() and not os.access(target, os.W_OK):
        return f"{path} is not writable"
    if not target.exists() and not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot create files in {parent}"
    return None


def run(args: argparse.Namespace) -> int:
    if args.html and (why := _writable(args.html)):
        return fail(f"cannot write the HTML report: {why}")
    pack_path = args.pack
    pack = load_or_report(pack_path)
    if pack is None:
        return 1
    role = args.role or next(iter(pack.roles))
    if role not in pack.roles:
        return fail(f"unknown role {role!r}; choose from: {', '.join(pack.roles)}")

    from game import paths
    from game.inert import scrub
    from game.sim.report import summarise
    from game.sim.runner import SimConfig, Simulation

    config = SimConfig(role, args.runs, args.seed, args.strategy, args.jobs, args.lookahead)
    path = pack_path or str(paths.default_pack())
    with Simulation(pack, config, path) as sim:
        result = _run_with_progress(sim, config, args.quiet)
    report = summarise(pack, result)
    scrub(report)  # the pack's text reaches a terminal, a page or a pipe: inert, whatever it holds
    if args.html:
        from game.sim.html import render_html

        try:
            Path(args.html).write_text(render_html(report), encoding="utf-8")
        except OSError as e:
            return fail(f"cannot write {args.html}: {e.strerror}")
    if args.json:
        say(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        from game.sim.render import print_report

        print_report(report)
        if args.html:
            say(f"HTML report: {args.html}")
    return 0


def _run_with_progress(sim, config, quiet: bool):
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        return sim.run()
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(f"{config.strategy} × {config.role}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("games", total=config.runs)
        return sim.run(lambda done: bar.update(task, completed=done))
