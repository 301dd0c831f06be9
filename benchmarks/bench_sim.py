"""Simulator benchmarks: full playthroughs per second, scaling over processes, the shipped pack.

    .venv/bin/python benchmarks/bench_sim.py            # everything (about a minute)
    .venv/bin/python benchmarks/bench_sim.py --quick    # fewer games

Figures:

1. The generated "10 chapters × 60 decisions × 3 options" pack (600 events, each pinned to one
   turn, so a playthrough is 600 decisions), random strategy, no lookahead probes: playthroughs
   and decisions per second on one process, through the simulator (every game tallied), and the
   bare engine loop for reference. Beside ChoiceScript's random tester on the same game, in one
   run: bench_vs_choicescript.py (it needs a ChoiceScript checkout).
2. The same with ``--jobs 2``: the speed-up over one job (bar: close to 2×).
3. 10,000 games of the shipped pack with ``korean-theater simulate --runs 10000 --jobs 2``, wall
   clock and CPU time of the whole command (bar: 5 s wall on this machine's two cores).
4. Load and check time of generated packs of 1,000 and 10,000 events (with the analysis), wall
   and CPU (bar: 2 s at 10,000 events, and linear).
5. Python function calls per simulated decision (cProfile over `Player.chunk`, random play, no
   lookahead) on the generated pack and the shipped pack: a count, so it compares two versions
   of the code even on a busy machine, where times do not.

Timings are best-of-N; the machine's other load shows up in wall clock, less in CPU time, so run
it on a quiet machine and read the figures as such.
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
from game.sim.runner import Player, SimConfig, simulate  # noqa: E402


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


def calls_per_decision(pack, role: str, games: int) -> float:
    """Function calls the profiler counts per decision of `games` simulated games. Summed over
    the profiler's own entries: pstats keeps one entry per (file, line, name) and drops the
    counts of the others, such as closures compiled while the games play."""
    import cProfile

    player = Player(pack, SimConfig(role, games, "bench", "random", 1, lookahead=0))
    profile = cProfile.Profile()
    profile.enable()
    tally = player.chunk(0, games)
    profile.disable()
    calls = sum(entry.callcount for entry in profile.getstats())
    return float(calls) / tally.decisions


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
        print(f"   simulate, 1 job:         {one:7.1f} playthroughs/s {one_d:9.0f} decisions/s")
        two, two_d = sim_rate(pack, games * 2, 2, repeat)
        print(
            f"2. simulate, 2 jobs:        {two:7.1f} playthroughs/s {two_d:9.0f} decisions/s"
            f"   ({two / one:.2f}× one job)"
        )
        generated_calls = calls_per_decision(pack, "player", 20)

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
    start, cpu = time.perf_counter(), _children_cpu()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if out.returncode == 0:
        import json

        timing = json.loads(out.stdout)["timing"]
        print(
            f"3. shipped pack, {runs} games, --jobs 2: {wall:.2f} s for the whole command, "
            f"CPU {cpu:.2f} s ({timing['seconds']:.2f} s playing, "
            f"{timing['games_per_second']:.0f} games/s)"
        )
    else:
        print(f"3. shipped pack: simulate exited {out.returncode}: {out.stderr.strip()[:300]}")

    sizes = [1000] if args.skip_load or args.quick else [1000, 10_000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(Path(tmp) / f"bench{n}", events=n)
            times = [_load_time(folder) for _ in range(1 if n > 1000 else repeat)]
            wall, cpu = min(w for w, _ in times), min(c for _, c in times)
            print(
                f"4. load + check, {n:>6} events: {wall:.2f} s wall, CPU {cpu:.2f} s "
                f"({cpu / n * 1e6:.0f} µs per event)"
            )
    shipped_pack = load_pack(shipped).pack
    assert shipped_pack is not None
    first_role = next(iter(shipped_pack.roles))
    print(
        f"5. function calls per simulated decision: {generated_calls:.1f} (generated pack), "
        f"{calls_per_decision(shipped_pack, first_role, 300):.1f} (shipped pack, {first_role})"
    )
    return 0


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load_time(folder: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of loading and checking the pack, without the pack cache."""
    start, cpu = time.perf_counter(), time.process_time()
    result = load_pack(folder)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.pack is not None
    return took, cpu


if __name__ == "__main__":
    sys.exit(main())
