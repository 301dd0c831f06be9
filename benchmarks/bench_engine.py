"""Engine and checker benchmarks (run by hand; figures go in notes, never in tests).

    python benchmarks/bench_engine.py            # all of it
    python benchmarks/bench_engine.py --quick    # fewer repeats

Measures, each as the best of several runs on one core, in CPU time of this process (so the
load of a shared machine does not count):
- load + check of generated packs of 1,000 and 10,000 events (target: 10k in <= 2 s, linear),
  and of 10,000 once-only events open on every turn of 1,000 (the checker's worst case);
- the cycle collector's time that a load of 10,000 events leaves behind, in the work that
  follows it (a program that goes on allocating): in the young generations, which a load's
  objects should skip, and in the oldest;
- load + check of the shipped pack (target: <= 100 ms);
- decisions per second of random play on the "10 chapters x 60 decisions x 3 options" pack
  (target: >= 80,000), through the fast path `resolve(..., explain=False)`;
- one evaluation of a typical condition, `tension >= 60 and not flags.treaty` (target: well
  under 5 us).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_pack import generate  # noqa: E402

from game.content.compiler import load_pack  # noqa: E402
from game.engine.expr import Scope, Symbol, Type, compile_expr  # noqa: E402
from game.engine.resolve import QUIET, initial_state, open_choices, resolve  # noqa: E402


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def load_checked(path: Path):
    result = load_pack(path)
    assert result.pack is not None, [p.format() for p in result.errors[:5]]
    return result.pack


def collector_after_load(folder: Path) -> tuple[float, float]:
    """Seconds the cycle collector spends, in the young generations and in the oldest, while
    a pack loads and then 3 million small objects are made (a tenth of them kept)."""
    spent = [0.0, 0.0, 0.0]
    started = [0.0]

    def clock(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[info["generation"]] += time.perf_counter() - started[0]

    gc.collect()
    gc.callbacks.append(clock)
    try:
        load_checked(folder)
        kept = []
        for i in range(3_000_000):
            made = [i]
            if i % 10 == 0:
                kept.append(made)
    finally:
        gc.callbacks.remove(clock)
    return spent[0] + spent[1], spent[2]


def random_play(pack, games: int, seed: int = 1) -> int:
    rnd = random.Random(seed)
    role = next(iter(pack.roles))
    decisions = 0
    for g in range(games):
        state = initial_state(pack, role, f"bench-{g}")
        while state.ending is None:
            options = [c.id for c, is_open in open_choices(pack, state) if is_open] or [QUIET]
            state, _ = resolve(pack, state, rnd.choice(options), explain=False)
            decisions += 1
    return decisions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    repeats = 2 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for n in (1_000, 10_000):
            folder = generate(tmp_path / f"g{n}", events=n)
            t = best_of(max(1, repeats - 2), lambda f=folder: load_checked(f))
            print(f"load+check {n:>6} events: {t * 1000:8.1f} ms  ({t / n * 1e6:.1f} us/event)")
        wide = generate(tmp_path / "open", events=10_000, open_=True)
        t = best_of(1, lambda: load_checked(wide))
        print(f"load+check  10000 open:   {t * 1000:8.1f} ms  (each open on every turn)")
        young, oldest = collector_after_load(folder)
        print(
            f"collector after that load:  {young * 1000:8.1f} ms young generations, "
            f"{oldest * 1000:.1f} ms the oldest"
        )
        shipped = ROOT / "content" / "korean-theater"
        if load_pack(shipped).pack is None:
            print("load+check shipped pack:    skipped (it does not check clean)")
        else:
            t = best_of(repeats, lambda: load_checked(shipped))
            print(f"load+check shipped pack:    {t * 1000:8.1f} ms")
        pack = load_checked(generate(tmp_path / "g600"))
        games = 20 if args.quick else 60
        random_play(pack, 2)  # warm the per-pack tables
        start = time.process_time()
        decisions = random_play(pack, games)
        elapsed = time.process_time() - start
        print(
            f"random play, 600x3 pack:   {decisions / elapsed:8.0f} decisions/s "
            f"({games / elapsed:.1f} playthroughs/s, {decisions} decisions)"
        )
    print(f"typical condition:          {condition_ns(repeats):8.0f} ns per evaluation")
    return 0


def condition_ns(repeats: int, n: int = 100_000) -> float:
    scope = Scope([Symbol("tension", Type.NUMBER, 0), Symbol("flags.treaty", Type.BOOL, 1)])
    fn = compile_expr("tension >= 60 and not flags.treaty", scope).fn
    env = [65.0, False]

    def run() -> None:
        for _ in range(n):
            fn(env)

    return best_of(repeats, run) / n * 1e9


if __name__ == "__main__":
    raise SystemExit(main())
