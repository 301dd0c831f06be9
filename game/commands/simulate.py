"""`korean-theater simulate [PACK]`: many headless games, and how the pack plays over them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.commands.common import fail, load_or_report, say

# game.sim.strategies.STRATEGIES (not imported here: `--help` must stay fast)
STRATEGY_NAMES = ("random", "cautious", "hawkish", "objective", "forecast")


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
        "--runs",
        type=_count("--runs", 1),
        default=None,
        help="games to play (default 1000; with --leverage, 2000 per strategy)",
    )
    p.add_argument("--seed", default="sim", help="base seed (default 'sim')")
    p.add_argument(
        "--strategy",
        choices=STRATEGY_NAMES,
        default="random",
        help="how the simulated advisor chooses (default random). objective and forecast are "
        "fair: they see only what a player could know (the desk, the pack's rules, what is in "
        "motion), never the dice of the turn; objective judges each option one turn ahead on "
        "dice the game does not use, forecast follows the staff forecast the desk shows",
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
        help="probe every option one step ahead on the game's own dice in the first GAMES games, "
        "to find options that are never better than a sibling (default 100)",
    )
    p.add_argument(
        "--leverage",
        action="store_true",
        help="the decision-leverage report: how much decisions matter, per role (every role "
        "unless --role): each strategy against random play, the spread between options, "
        "cosmetic decisions, dominant options, endings by result",
    )
    p.add_argument(
        "--probes",
        type=_count("--probes", 1),
        default=120,
        metavar="GAMES",
        help="with --leverage: random games of which about a third of the decisions are replayed "
        "with each option (default 120)",
    )
    p.add_argument(
        "--classroom",
        metavar="FILE",
        help="play as the class in this classroom file does: its turn limit, assumptions and "
        "roles (how a 12-turn lesson plays, say)",
    )
    p.add_argument(
        "--group",
        metavar="NAME",
        help="with --classroom: play that [[group]]'s world (its assumptions over the class's), "
        "to see what an A/B comparison will compare",
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
    if args.group and not args.classroom:
        return fail("--group needs --classroom FILE: the groups are the classroom file's")
    if args.classroom:
        from game.classroom.load import load_classroom
        from game.classroom.settings import apply_to_pack

        settings, problems = load_classroom(args.classroom, pack)
        if settings is None:
            for p in problems:
                say(p.format(), sys.stderr)
            return 1
        if args.group:
            group = next((g for g in settings.group if g.name == args.group), None)
            if group is None:
                names = ", ".join(repr(g.name) for g in settings.group) or "none"
                return fail(
                    f"no [[group]] named {args.group!r} in {args.classroom}; its groups: {names}"
                )
            assumptions = {**settings.assumptions, **group.assumptions}
            settings = settings.model_copy(update={"assumptions": assumptions})
        pack = apply_to_pack(pack, settings)
    if args.role is not None and args.role not in pack.roles:
        return fail(f"unknown role {args.role!r}; choose from: {', '.join(pack.roles)}")
    if args.leverage:
        return _leverage(pack, args)
    role = args.role or next(iter(pack.roles))

    from game.content.packs import folder_of
    from game.sim.report import summarise
    from game.sim.runner import SimConfig, Simulation

    runs = args.runs or 1000
    config = SimConfig(role, runs, args.seed, args.strategy, args.jobs, args.lookahead)
    path = str(folder_of(pack_path))
    with Simulation(pack, config, path) as sim:
        result = _run_with_progress(sim, config, args.quiet)
    return _write(summarise(pack, result), args, _html, _tables)


# Imported when used: a run with --json renders neither, and only --html writes a page.
def _html(report: dict) -> str:
    from game.sim.html import render_html

    return render_html(report)


def _tables(report: dict) -> None:
    from game.sim.render import print_report

    print_report(report)


def _write(report: dict, args: argparse.Namespace, html, show) -> int:
    """The report as HTML (--html), JSON (--json) or tables, its pack text made inert first:
    it reaches a terminal, a page or a pipe, whatever the pack holds."""
    from game.inert import scrub

    scrub(report)
    if args.html:
        try:
            Path(args.html).write_text(html(report), encoding="utf-8")
        except OSError as e:
            return fail(f"cannot write {args.html}: {e.strerror}")
    if args.json:
        say(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        show(report)
        if args.html:
            say(f"HTML report: {args.html}")
    return 0


def _leverage(pack, args: argparse.Namespace) -> int:
    from rich.console import Console

    from game.content.packs import folder_of
    from game.sim.leverage import LeverageConfig, leverage_all

    roles = [args.role] if args.role else list(pack.roles)
    config = LeverageConfig(roles[0], args.runs or 2000, args.probes, args.seed, args.jobs)
    console = Console(stderr=True)
    show = not args.quiet and console.is_terminal
    path = str(folder_of(args.pack))
    with console.status("") if show else _nothing() as status:

        def progress(text: str) -> None:
            if status is not None:
                status.update(text)

        report = leverage_all(pack, roles, config, path, progress)
    from game.sim.leverage_view import print_leverage, render_leverage_html

    return _write(report, args, render_leverage_html, print_leverage)


def _nothing():
    from contextlib import nullcontext

    return nullcontext(None)


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
