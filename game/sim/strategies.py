"""How a simulated advisor chooses among the decisions open to it.

A strategy sees the open decisions of the desk (as :class:`Option`: every open option of every
briefing on it), a random generator seeded from the game's seed, and, for the strategies that
judge options, a score for each decision from the runner. Every strategy is deterministic given
the seed, and none sees the dice of the turn it decides in: a *fair* strategy knows only what a
player could know (the state on the desk, the pack's rules, what is already in motion).

- ``random``: uniform among the open decisions.
- ``cautious`` / ``hawkish``: uniform among the open options tagged so, else uniform among all.
- ``objective``: the decision whose outcome, one turn ahead, gives the best final score were
  the game to end then (its objectives, blended with the result of the ending that would hold),
  averaged over dice the game does not use and counting the consequences already in motion.
- ``forecast``: the decision whose staff forecast (what the desk shows) promises the most for
  the role's objectives.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.engine.expr.scope import Fn
from game.engine.pack import Choice

STRATEGIES: dict[str, str] = {
    "random": "uniform among the open options",
    "cautious": "prefers options tagged `cautious`, else random",
    "hawkish": "prefers options tagged `hawkish`, else random",
    "objective": "best expected objective score one turn ahead, judged without this turn's dice",
    "forecast": "the option the staff forecast rates best for the role's objectives",
}
FAIR = ("objective", "forecast")  # the strategies that judge options, fairly
NEEDS_LOOKAHEAD = frozenset(FAIR)
TIE = 1e-9


@dataclass(frozen=True, slots=True)
class Option:
    """A choice as the runner sees it: its tally index, its condition and its id."""

    index: int  # into the tally's choice counters
    when: Fn | None  # the compiled `when`, called with the state's values (None: always open)
    id: str
    tags: frozenset[str]
    choice: Choice
    event: str
    cost: Fn | None = None  # the compiled cost, when the pack has a budget to pay it from


Chooser = Callable[[Sequence[Option], random.Random, "list[float] | None"], int]


def _uniform(n: int, rnd: random.Random) -> int:
    return 0 if n == 1 else int(rnd.random() * n)


def choose_random(options: Sequence[Option], rnd: random.Random, scores: list[float] | None) -> int:
    return _uniform(len(options), rnd)


def _tagged(tag: str) -> Chooser:
    def choose(options: Sequence[Option], rnd: random.Random, scores: list[float] | None) -> int:
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


def choose_best(options: Sequence[Option], rnd: random.Random, scores: list[float] | None) -> int:
    if scores is None:  # pragma: no cover - the runner always provides them
        raise ValueError("this strategy needs the runner's scores")
    return best_of(scores, rnd)


CHOOSERS: dict[str, Chooser] = {
    "random": choose_random,
    "cautious": _tagged("cautious"),
    "hawkish": _tagged("hawkish"),
    "objective": choose_best,
    "forecast": choose_best,
}
