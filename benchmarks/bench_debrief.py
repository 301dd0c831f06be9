"""What the end of a game costs: why it ended, the decisions that mattered, the report.

    python benchmarks/bench_debrief.py [--games 10] [--pack PATH ...]

For random finished games of every role it prints the median and the slowest time of
`why_ending` and of `decisive` (which replays the rest of the game once per alternative of every
decision: the debrief runs it in a worker thread, plain mode and the report inline), and of the
whole report. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.compiler import load_pack  # noqa: E402
from game.engine.counterfactual import decisive  # noqa: E402
from game.engine.explain import why_ending  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.report.build import build_report  # noqa: E402

PACKS = [ROOT / "content" / "korean-theater", ROOT / "tests" / "fixtures" / "packs" / "example"]


def finished(pack, role: str, seed: str) -> Session:
    rnd = random.Random(seed)
    session = Session.start(pack, role, seed)
    while not session.over:
        briefing = rnd.choice(session.agenda())
        session = session.submit(rnd.choice(briefing.open_options).decision)
    return session


def ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10, help="games per role (default 10)")
    parser.add_argument("--pack", action="append", type=Path, help="default: shipped, example")
    args = parser.parse_args(argv)
    for path in args.pack or PACKS:
        pack = load_pack(path).pack
        if pack is None:
            print(f"{path.name}: skipped (it does not check clean)")
            continue
        times: dict[str, list[float]] = {"why_ending": [], "decisive": [], "report": []}
        turns = []
        for role in pack.roles:
            for g in range(args.games):
                session = finished(pack, role, f"bench-{g}")
                turns.append(len(session.steps))
                times["why_ending"].append(ms(lambda s=session: why_ending(s)))
                times["decisive"].append(ms(lambda s=session: decisive(s)))
                times["report"].append(ms(lambda s=session: build_report(s)))
        print(f"{path.name}: {len(turns)} games, median {statistics.median(turns):.0f} decisions")
        for name, values in times.items():
            print(
                f"  {name:<11} median {statistics.median(values):7.1f} ms   "
                f"slowest {max(values):7.1f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
