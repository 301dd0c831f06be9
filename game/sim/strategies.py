"""How a simulated advisor chooses among the options open to it.

A strategy sees the open options of the event on the desk (as :class:`Option`), a random
generator seeded from the game's seed, and, for `objective` (or when the runner probes a game),
the role's weighted objective score one step ahead for each option. Every strategy is
deterministic given the seed.

- ``random``: uniform among the open options.
- ``cautious`` / ``hawkish``: uniform among the open options tagged so, else uniform among all.
- ``objective``: greedy one-step lookahead: the option whose resolution gives the best weighted
  objective score for the role (ties broken at random).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

STRATEGIES: dict[str, str] = {
    "random": "uniform among the open options",
    "cautious": "prefers options tagged `cautious`, else random",
    "hawkish": "prefers options tagged `hawkish`, else random",
    "objective": "greedy one-step lookahead on the role's weighted objectives",
}
NEEDS_LOOKAHEAD = frozenset({"objective"})
TIE = 1e-9


@dataclass(frozen=True, slots=True)
class Option:
    """A choice as the runner sees it: its tally index, its condition and its id."""

    index: int  # into the tally's choice counters
    when: Callable[[object], object]  # the compiled `when`, called with the state's values
    id: str
    tags: frozenset[str]


Chooser = Callable[[list[Option], random.Random, "list[float] | None"], int]


def _uniform(n: int, rnd: random.Random) -> int:
    return 0 if n == 1 else int(rnd.random() * n)


def choose_random(options: list[Option], rnd: random.Random, scores: list[float] | None) -> int:
    return _uniform(len(options), rnd)


def _tagged(tag: str) -> Chooser:
    def choose(options: list[Option], rnd: random.Random, scores: list[float] | None) -> int:
        preferred = [k for k, o in enumerate(options) if tag in o.tags]
        if preferred:
            return preferred[_uniform(len(preferred), rnd)]
        return _uniform(len(options), rnd)

    choose.__name__ = f"choose_{tag}"
    return choose


def best_of(scores: list[float], rnd: random.Random) -> int:
    """The index of the highest score; ties are broken at random."""
    top = max(scores)
    best = [k for k, s in enumerate(scores) if s >= top - TIE]
    return best[_uniform(len(best), rnd)]


def choose_objective(options: list[Option], rnd: random.Random, scores: list[float] | None) -> int:
    if scores is None:  # pragma: no cover - the runner always provides them
        raise ValueError("the objective strategy needs lookahead scores")
    return best_of(scores, rnd)


CHOOSERS: dict[str, Chooser] = {
    "random": choose_random,
    "cautious": _tagged("cautious"),
    "hawkish": _tagged("hawkish"),
    "objective": choose_objective,
}
