"""The benchmark game of gen_pack.py, written as a ChoiceScript game: the same 10 chapters × 60
decisions × 3 options, each option with the same two fair-math changes and one conditional
change (drawn from the same generator), and the same three endings.

ChoiceScript is not part of this project (its licence is its own): bench_vs_choicescript.py
runs its random tester from a checkout you give it, on the game this writes.

    python benchmarks/gen_choicescript.py OUT_DIR     # writes OUT_DIR/scenes/*.txt
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from gen_pack import CHAPTERS, DECISIONS, METERS, options


def chapter_scene(chapter: int, rnd: random.Random, last: bool) -> str:
    lines = []
    for i in range(DECISIONS):
        lines += [f"*label d{i}", f"Chapter {chapter}, decision {i}.", "*choice"]
        for k, (a, amount_a, b, amount_b, c, d, threshold) in enumerate(options(rnd)):
            lines += [
                f"  #Option {k}",
                f"    *set m{a} %{'+' if amount_a > 0 else '-'} {abs(amount_a)}",
                f"    *set m{b} %{'+' if amount_b > 0 else '-'} {abs(amount_b)}",
                f"    *if m{d} > {threshold}",
                f"      *set m{c} +2",
                f"      *if m{c} > 100",  # the pack's meters are bounded: 0 to 100
                f"        *set m{c} 100",
                f"    *goto d{i + 1}",
            ]
    lines.append(f"*label d{DECISIONS}")
    if not last:
        return "\n".join([*lines, "*finish", ""])
    return "\n".join(
        [
            *lines,
            "*if (m0 >= 60) and (m1 < 40)",
            "  Meter 0 ended high.",
            "  *ending",
            "*if m0 < 30",
            "  Meter 0 ended low.",
            "  *ending",
            "Nothing decisive.",
            "*ending",
            "",
        ]
    )


def generate(out: Path, seed: int = 1) -> Path:
    """Write the game's scenes into `out`/scenes; returns `out`."""
    rnd = random.Random(seed)
    scenes = out / "scenes"
    scenes.mkdir(parents=True, exist_ok=True)
    names = [f"chapter_{c:02d}" for c in range(CHAPTERS)]
    startup = [
        "*scene_list",
        "  startup",
        *(f"  {n}" for n in names),
        *(f"*create m{i} {40 + 2 * i}" for i in range(METERS)),
        "Benchmark.",
        "*finish",
        "",
    ]
    (scenes / "startup.txt").write_text("\n".join(startup), encoding="utf-8")
    for c, name in enumerate(names):
        text = chapter_scene(c, rnd, last=c == CHAPTERS - 1)
        (scenes / f"{name}.txt").write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to write the game into")
    args = parser.parse_args(argv)
    print(generate(Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
