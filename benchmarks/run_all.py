"""Every benchmark, one after the other: `python3 run.py bench [--quick] [--choicescript DIR]`.

    engine and checker     benchmarks/bench_engine.py
    simulator              benchmarks/bench_sim.py
    beside ChoiceScript    benchmarks/bench_vs_choicescript.py (with --choicescript DIR only)
    the leverage report    benchmarks/bench_leverage.py (the shipped pack)
    the end of a game      benchmarks/bench_debrief.py
    the TUI                benchmarks/tui_startup.py (the shipped pack)

Figures are printed, never asserted: they go in the notes. With --quick each uses fewer runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    tui = ["--runs", "5", "--turns", "5"] if quick else []
    fewer = ["--quick"] if quick else []
    shipped = str(HERE.parent / "content" / "korean-theater")
    runs = [
        ("Engine and checker", ["bench_engine.py", *fewer]),
        ("Simulator", ["bench_sim.py", *fewer]),
        ("Leverage report", ["bench_leverage.py", *fewer]),
        ("Debrief", ["bench_debrief.py", *(["--games", "3"] if quick else [])]),
        ("TUI", ["tui_startup.py", "--pack", shipped, *tui]),
    ]
    if "--choicescript" in argv:  # a ChoiceScript checkout: not ours to ship, so only if given
        checkout = argv[argv.index("--choicescript") + 1]
        games = ["--games", "50"] if quick else []
        runs.insert(2, ("Beside ChoiceScript", ["bench_vs_choicescript.py", "--choicescript",
                                                checkout, *games]))  # fmt: skip
    failed = 0
    for title, (script, *args) in runs:
        print(f"\n== {title} ({script}) ==", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / script), *args])
    return failed


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
