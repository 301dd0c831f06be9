"""The simulator beside ChoiceScript's random tester, in one run, on the same game: 10 chapters ×
60 decisions × 3 options (gen_pack.py and gen_choicescript.py write it from the same draws).

    .venv/bin/python benchmarks/bench_vs_choicescript.py --choicescript ~/src/choicescript
    .venv/bin/python benchmarks/bench_vs_choicescript.py --choicescript DIR --games 300

ChoiceScript (https://github.com/dfabulich/choicescript, under its own licence) is not part of
this project: give a checkout of it and have `node` on the PATH. Its random tester runs as its
README says (`node randomtest.js num=N game=NAME seed=0`), with the per-choice and coverage
output turned off (that only makes it faster). The simulator plays the same number of games on
one process, random strategy, no lookahead probes, every game tallied.

Both figures are printed as CPU time (what the program itself used, the fair figure on a busy
machine) and wall time; games per second and the ratio of the two.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_choicescript  # noqa: E402
import gen_pack  # noqa: E402

from game.content.packs import for_play  # noqa: E402
from game.sim.runner import SimConfig, simulate  # noqa: E402

RUNTIME = ("randomtest.js", "headless.js", "seedrandom.js", "web/scene.js", "web/navigator.js",
           "web/util.js")  # fmt: skip


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def choicescript(checkout: Path, games: int, tmp: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the random tester playing `games` games."""
    run = tmp / "choicescript"
    for name in RUNTIME:
        (run / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(checkout / name, run / name)
    gen_choicescript.generate(run / "web" / "bench")
    cmd = ["node", "randomtest.js", f"num={games}", "game=bench", "seed=0",
           "showChoices=false", "showCoverage=false"]  # fmt: skip
    cpu, wall = children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, cwd=run, capture_output=True, text=True)
    cpu, wall = children_cpu() - cpu, time.perf_counter() - wall
    if done.returncode != 0 or "RANDOMTEST PASSED" not in done.stdout:
        raise SystemExit(f"randomtest failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return cpu, wall


def simulator(games: int, tmp: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the simulator loading the pack and playing `games` games
    (the random tester's time includes reading its scenes, too)."""
    folder = gen_pack.generate(tmp / "pack")
    cpu, wall = time.process_time(), time.perf_counter()
    pack = for_play(folder).pack
    assert pack is not None
    result = simulate(pack, SimConfig("player", games, "bench", "random", 1, lookahead=0))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert result.tally.games == games and result.tally.decisions == games * 600
    return cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choicescript", type=Path, required=True, help="a ChoiceScript checkout")
    parser.add_argument("--games", type=int, default=300, help="games for each (default 300)")
    args = parser.parse_args(argv)
    if shutil.which("node") is None:
        parser.error("node is not on the PATH")
    missing = [n for n in RUNTIME if not (args.choicescript / n).is_file()]
    if missing:
        parser.error(f"{args.choicescript} is no ChoiceScript checkout (no {', '.join(missing)})")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"python {sys.version.split()[0]}, node {node}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}; {args.games} games of 10 × 60 × 3 each")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        cs_cpu, cs_wall = choicescript(args.choicescript, args.games, Path(tmp))
        kt_cpu, kt_wall = simulator(args.games, Path(tmp))
    n = args.games
    for name, cpu, wall in (("ChoiceScript randomtest", cs_cpu, cs_wall),
                            ("korean-theater simulate", kt_cpu, kt_wall)):  # fmt: skip
        print(f"  {name}:  CPU {cpu:6.2f} s ({n / cpu:6.1f} games/s)   "
              f"wall {wall:6.2f} s ({n / wall:6.1f} games/s)")  # fmt: skip
    print(f"  simulator / randomtest: {cs_cpu / kt_cpu:.2f}× by CPU time, "
          f"{cs_wall / kt_wall:.2f}× by wall time (bar: 5×)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
