"""Balance of the shipped pack: many games per role with random (or stance-biased) choices.

Usage::

    .venv/bin/python benchmarks/balance.py [--games 1000] [--strategy random] [--pack PATH]
                                           [--role ROLE ...] [--assume NAME=VALUE ...]

For every role it prints the distribution of endings, the median game length, the mean final
score, and the events never drawn or drawn in fewer than 5% of games. A summary then checks the
targets of the shipped pack:

- no ending above 50% of games for any role;
- every ending reached in at least 1% of games for at least one role;
- every event drawn in at least 5% of games for at least one role;
- median game length between 18 and 24 turns.

Strategies: ``random`` picks uniformly among the open options; ``hawkish``, ``cautious``,
``diplomatic`` and ``economic`` pick an option with that tag when one is open (at random among
them), and otherwise fall back to a uniform pick.

The script exits with status 1 when a target is missed, so it can be used as a check by hand.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.compiler import load_pack  # noqa: E402
from game.engine.pack import Pack  # noqa: E402
from game.engine.resolve import QUIET, initial_state, open_choices, resolve  # noqa: E402
from game.engine.scoring import scorecard  # noqa: E402

DEFAULT_PACK = ROOT / "content" / "korean-theater"
STRATEGIES = ("random", "hawkish", "cautious", "diplomatic", "economic")
MAX_ENDING_SHARE = 0.50
MIN_ENDING_SHARE = 0.01
MIN_EVENT_SHARE = 0.05
LENGTH_RANGE = (18, 24)


def play(
    pack: Pack,
    role: str,
    seed: str,
    rng: random.Random,
    strategy: str = "random",
    assumptions: dict[str, bool | float] | None = None,
) -> tuple[str, int, set[str], float]:
    """One game: (ending, turns played, events drawn, total score)."""
    state = initial_state(pack, role, seed, assumptions)
    drawn: set[str] = set()
    turns = 0
    while state.ending is None:
        if state.event is None:
            choice = QUIET
        else:
            drawn.add(state.event)
            options = [c for c, is_open in open_choices(pack, state) if is_open]
            if strategy != "random":
                preferred = [c for c in options if strategy in c.tags]
                options = preferred or options
            choice = rng.choice(options).id
        state, _ = resolve(pack, state, choice, explain=False)
        turns += 1
    total = scorecard(pack, role, state).total
    return state.ending, turns, drawn, total


def run_role(
    pack: Pack,
    role: str,
    games: int,
    strategy: str,
    assumptions: dict[str, bool | float] | None,
) -> dict:
    endings: Counter[str] = Counter()
    events: Counter[str] = Counter()
    lengths: list[int] = []
    scores: list[float] = []
    for i in range(games):
        seed = f"balance-{role}-{i}"
        rng = random.Random(f"{strategy}:{seed}")
        ending, turns, drawn, score = play(pack, role, seed, rng, strategy, assumptions)
        endings[ending] += 1
        events.update(drawn)
        lengths.append(turns)
        scores.append(score)
    return {
        "endings": endings,
        "events": events,
        "median": statistics.median(lengths),
        "lengths": lengths,
        "score": statistics.mean(scores),
    }


def seen_by(pack: Pack, role: str) -> list[str]:
    return [e.id for e in pack.events if role in e.roles]


def parse_assume(items: list[str]) -> dict[str, bool | float]:
    out: dict[str, bool | float] = {}
    for item in items:
        name, _, value = item.partition("=")
        low = value.strip().lower()
        out[name.strip()] = low == "true" if low in ("true", "false") else float(value)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=1000, help="games per role (default 1000)")
    ap.add_argument("--strategy", choices=STRATEGIES, default="random")
    ap.add_argument("--pack", default=str(DEFAULT_PACK))
    ap.add_argument("--role", action="append", default=[], help="only this role (repeatable)")
    ap.add_argument("--assume", action="append", default=[], help="NAME=VALUE (repeatable)")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args(argv)

    result = load_pack(args.pack)
    if result.pack is None:
        for p in result.problems:
            print(p.format())
        return 2
    pack = result.pack
    assumptions = parse_assume(args.assume) or None
    roles = args.role or list(pack.roles)
    ending_ids = [e.id for e in pack.endings]

    t0 = time.perf_counter()
    stats = {role: run_role(pack, role, args.games, args.strategy, assumptions) for role in roles}
    elapsed = time.perf_counter() - t0
    n_games = args.games * len(roles)
    print(
        f"{pack.meta.title}: {len(pack.events)} events, {len(pack.endings)} endings; "
        f"{args.games} games per role, strategy {args.strategy!r}"
        + (f", assumptions {assumptions}" if assumptions else "")
        + f" ({n_games / elapsed:,.0f} games/s)"
    )

    problems: list[str] = []
    for role in roles:
        s = stats[role]
        n = args.games
        print(f"\n== {role} ({pack.roles[role].name}) ==")
        print(f"median length {s['median']:g} turns; mean score {s['score']:.1f}")
        lo, hi = min(s["lengths"]), max(s["lengths"])
        print(f"length range {lo}–{hi}")
        print("endings:")
        for ending, count in s["endings"].most_common():
            print(f"  {ending:24} {count / n:6.1%}")
            if count / n > MAX_ENDING_SHARE:
                problems.append(f"{role}: ending {ending!r} in {count / n:.0%} of games (> 50%)")
        if not LENGTH_RANGE[0] <= s["median"] <= LENGTH_RANGE[1]:
            problems.append(f"{role}: median length {s['median']:g} outside {LENGTH_RANGE}")
        never = [e for e in seen_by(pack, role) if s["events"][e] == 0]
        rare = [
            f"{e} ({s['events'][e] / n:.1%})"
            for e in seen_by(pack, role)
            if 0 < s["events"][e] / n < MIN_EVENT_SHARE
        ]
        if not args.quiet:
            print("events never drawn: " + (", ".join(never) or "none"))
            print("events drawn in <5% of games: " + (", ".join(rare) or "none"))
            print("event draw rates:")
            for e in seen_by(pack, role):
                print(f"  {e:34} {s['events'][e] / n:6.1%}")

    print("\n== summary ==")
    for ending in ending_ids + ["open"]:
        best = max((stats[r]["endings"][ending] / args.games, r) for r in roles)
        row = "  ".join(f"{r}={stats[r]['endings'][ending] / args.games:5.1%}" for r in roles)
        print(f"  {ending:24} {row}")
        if ending != "open" and best[0] < MIN_ENDING_SHARE:
            problems.append(f"ending {ending!r} reached in <1% of games for every role")
    for event in pack.events:
        rates = [stats[r]["events"][event.id] / args.games for r in roles if r in event.roles]
        if rates and max(rates) < MIN_EVENT_SHARE:
            share = max(rates)
            problems.append(
                f"event {event.id!r} drawn in <5% of games for every role ({share:.1%})"
            )
    if problems:
        print("\nTargets missed:")
        for missed in problems:
            print("  - " + missed)
        return 1
    print("\nAll balance targets met.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
