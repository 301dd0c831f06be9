"""What the decision-leverage report costs on the shipped pack, and what it finds.

    python benchmarks/bench_leverage.py [--runs 2000] [--probes 120] [--jobs 2] [--quick]

Runs `simulate --leverage` for every role, as an author would (the defaults are the command's),
and prints the wall time and CPU time, then each role's headline figures. Figures are printed,
never asserted; the machine's other work moves them by about 10%.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.compiler import load_pack  # noqa: E402
from game.sim.leverage import LeverageConfig, leverage_all  # noqa: E402


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=2000)
    p.add_argument("--probes", type=int, default=120)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--quick", action="store_true", help="200 games and 20 probes per role")
    args = p.parse_args(argv)
    runs, probes = (200, 20) if args.quick else (args.runs, args.probes)
    pack = load_pack(ROOT / "content" / "korean-theater", analyse_pack=False).pack
    assert pack is not None
    start = time.perf_counter()
    report = leverage_all(
        pack, list(pack.roles), LeverageConfig("", runs, probes, "bench", args.jobs)
    )
    wall = time.perf_counter() - start
    cpu = sum(
        resource.getrusage(who).ru_utime for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(f"{runs} games per strategy, {probes} probe games, {args.jobs} process(es)")
    print(f"wall {wall:.1f} s, CPU {cpu:.1f} s")
    for r in report["roles"]:
        d = r["decisions"]
        print(
            f"  {r['role']:7} best fair {r['best_fair']['vs_random_sd']:+.2f} SD · cosmetic "
            f"{d['cosmetic_share']:.0%} · moved > 5 {d['moved_share']:.0%} · dominant "
            f"{r['dominant_share']:.0%} of {len(r['events'])} events"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
