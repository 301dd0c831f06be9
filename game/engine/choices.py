"""Whether the advisor can take a choice now, and what it would cost."""

from __future__ import annotations

from game.engine.expr.scope import Env
from game.engine.pack import Choice, Pack

AFFORD = 1e-9  # a budget this close to a cost affords it (sums of tenths are not exact)


def cost_of(choice: Choice, env: Env) -> float:
    """What the choice would spend from the budget now (never negative)."""
    if choice.cost is None:
        return 0.0
    c = float(choice.cost.fn(env))
    return c if c > 0 else 0.0


def affordable(pack: Pack, choice: Choice, env: Env) -> bool:
    if choice.cost is None or pack.budget is None:
        return True
    return bool(cost_of(choice, env) <= env[pack.budget.slot] + AFFORD)


def is_open(pack: Pack, choice: Choice, env: Env) -> bool:
    """Whether the advisor can take the choice now: its condition holds and it is affordable."""
    return bool(choice.when.fn(env)) and affordable(pack, choice, env)
