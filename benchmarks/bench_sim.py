"""Simulator benchmarks: full playthroughs per second, scaling over processes, the shipped pack.

    .venv/bin/python benchmarks/bench_sim.py            # everything (about a minute)
    .venv/bin/python benchmarks/bench_sim.py --quick    # fewer games

Figures:

1. The generated "10 chapters × 60 decisions × 3 options" pack (600 events, each pinned to one
   turn, so a playthrough is 600 decisions), random strategy, no lookahead probes: playthroughs
   and decisions per second on one process, through the simulator (every game tallied), and the
   bare engine loop for reference. The bar: 2 × 66 = 132 playthroughs per second (a widely used
   narrative engine's random tester reaches about 66 on that shape on this machine).
2. The same with ``--jobs 2``: the speed-up over one job (bar: close to 2×).
3. 10,000 games of the shipped pack with ``korean-theater simulate --runs 10000 --jobs 2``, wall
   clock of the whole command (bar: under 10 s on this machine's two cores).
4. Load and check time of generated packs of 1,000 and 10,000 events (with the analysis).

Timings are best-of-N wall clock; the machine's other load shows up in them, so run it on a quiet
machine and read the figures as such.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_pack import generate  # noqa: E402

from game.content.compiler import load_pack  # noqa: E402
from game.engine.resolve import QUIET, initial_state, open_choices, resolve  # noqa: E402
from game.sim.runner import SimConfig, simulate  # noqa: E402


def best(times: int, fn) -> float:
    return min(fn() for _ in range(times))


def bare_engine(pack, role: str, games: int) -> tuple[float, int]:
    """The engine alone: a random open option each turn, nothing tallied."""
    start = time.perf_counter()
    decisions = 0
    for i in range(games):
        rnd = random.Random(i)
        state = initial_state(pack, role, f"bare-{i}")
        while state.ending is None:
            options = [c.id for c, ok in open_choices(pack, state) if ok] or [QUIET]
            state = resolve(pack, state, rnd.choice(options), explain=False)[0]
            decisions += 1
    return time.perf_counter() - start, decisions


def sim_rate(pack, games: int, jobs: int, repeat: int) -> tuple[float, float]:
    """(playthroughs per second, decisions per second), best of `repeat`."""
    best_time, decisions = float("inf"), 0
    for _ in range(repeat):
        result = simulate(pack, SimConfig("player", games, "bench", "random", jobs, lookahead=0))
        if result.elapsed < best_time:
            best_time, decisions = result.elapsed, result.tally.decisions
    return games / best_time, decisions / best_time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer games, one repeat")
    parser.add_argument("--skip-load", action="store_true", help="skip the 10,000-event load")
    args = parser.parse_args(argv)
    games = 200 if args.quick else 600
    repeat = 1 if args.quick else 3
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "bench600")
        start = time.perf_counter()
        result = load_pack(folder)
        load_s = time.perf_counter() - start
        pack = result.pack
        assert pack is not None and not result.problems, result.problems
        print(
            f"\n1. 10 chapters × 60 decisions × 3 options ({len(pack.events)} events, "
            f"{pack.meta.turns} turns); load + check {load_s:.2f} s"
        )
        elapsed, decisions = bare_engine(pack, "player", max(50, games // 4))
        bare = max(50, games // 4) / elapsed
        print(
            f"   bare engine loop:        {bare:7.1f} playthroughs/s "
            f"{decisions / elapsed:9.0f} decisions/s"
        )
        one, one_d = sim_rate(pack, games, 1, repeat)
        print(
            f"   simulate, 1 job:         {one:7.1f} playthroughs/s {one_d:9.0f} decisions/s"
            f"   ({one / 66:.2f}× the 66/s reference; bar 2×)"
        )
        two, two_d = sim_rate(pack, games * 2, 2, repeat)
        print(
            f"2. simulate, 2 jobs:        {two:7.1f} playthroughs/s {two_d:9.0f} decisions/s"
            f"   ({two / one:.2f}× one job)"
        )

    runs = 2000 if args.quick else 10_000
    shipped = ROOT / "content" / "korean-theater"
    cmd = [
        sys.executable,
        "-m",
        "game",
        "simulate",
        str(shipped),
        "--runs",
        str(runs),
        "--jobs",
        "2",
        "--json",
        "--quiet",
    ]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if out.returncode == 0:
        import json

        timing = json.loads(out.stdout)["timing"]
        print(
            f"3. shipped pack, {runs} games, --jobs 2: {wall:.2f} s for the whole command "
            f"({timing['seconds']:.2f} s playing, {timing['games_per_second']:.0f} games/s)"
        )
    else:
        print(f"3. shipped pack: simulate exited {out.returncode}: {out.stderr.strip()[:300]}")

    sizes = [1000] if args.skip_load or args.quick else [1000, 10_000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(Path(tmp) / f"bench{n}", events=n)
            took = best(1 if n > 1000 else repeat, lambda f=folder: _load_time(f))
            print(f"4. load + check, {n:>6} events: {took:.2f} s")
    return 0


def _load_time(folder: Path) -> float:
    start = time.perf_counter()
    result = load_pack(folder)
    took = time.perf_counter() - start
    assert result.pack is not None
    return took


if __name__ == "__main__":
    sys.exit(main())
