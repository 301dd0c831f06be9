"""The budget in words or numbers: where the meter stands, what the next turn adds, what an
option costs and why an option the budget cannot afford is closed."""

from __future__ import annotations

from game.engine.pack import Event, Pack
from game.engine.session import Option
from game.engine.state import GameState
from game.views.policy import Policy
from game.views.readings import level
from game.views.rules import condition_text
from game.views.words import number

SOME, MUCH = 0.15, 0.4  # a cost's share of the budget's range that reads "some", "much"


def standing(pack: Pack, state: GameState) -> tuple[float, float, float]:
    """(value, maximum, what the next turn adds) of the budget; its refill is capped at the
    maximum, as the engine caps it."""
    budget = pack.budget
    assert budget is not None
    var = pack.variable(budget.variable)
    value = float(state.values[budget.slot])
    refill = float(budget.refill.fn(state.values))
    return value, var.max, max(0.0, min(refill, var.max - value))


def budget_text(pack: Pack, state: GameState, numbers: bool = True) -> str:
    """`Political capital 3.2 / 4 · +1.2 next month` (words: `…: moderate · a little more …`)."""
    if pack.budget is None:
        return ""
    label = pack.variable(pack.budget.variable).label
    return f"{label}{' ' if numbers else ': '}{budget_reading(pack, state, numbers)}"


def budget_reading(pack: Pack, state: GameState, numbers: bool = True) -> str:
    """`3.2 / 4 · +1.2 next month` (words: `moderate · a little more next month`)."""
    assert pack.budget is not None
    var = pack.variable(pack.budget.variable)
    value, top, gain = standing(pack, state)
    step = pack.meta.step
    if numbers:
        coming = f"+{number(gain)} next {step}" if gain >= 0.05 else "full"
        return f"{number(value)} / {number(top)} · {coming}"
    coming = f"{_amount(pack, gain)} more next {step}" if gain >= 0.05 else "full"
    return f"{level(var, value)} · {coming}"


def cost_text(pack: Pack, cost: float, numbers: bool = True) -> str:
    """`2 capital` (words: `some capital`); '' for a free option."""
    budget = pack.budget
    if budget is None or cost <= 0:
        return ""
    if numbers:
        return f"{number(cost)} {budget.noun}"
    return f"{_amount(pack, cost)} {budget.noun}"


def _amount(pack: Pack, amount: float) -> str:
    assert pack.budget is not None
    var = pack.variable(pack.budget.variable)
    share = amount / (var.max - var.min) if var.max > var.min else 1.0
    return "a little" if share < SOME else "some" if share < MUCH else "much"


def closed_text(
    pack: Pack, state: GameState, event: Event, option: Option, numbers: bool = True
) -> str:
    """Why an option of `event` is closed: the pack's `closed_text`, else its condition in words
    (never the expression the author wrote); without numbers, the budget's reason is in words."""
    budget = pack.budget
    choice = next(c for c in event.choices if c.id == option.id)
    if not choice.when.fn(state.values):
        policy = Policy(numbers=numbers)
        return choice.closed_text or f"requires {condition_text(pack, choice.when.src, policy)}"
    if numbers or budget is None:
        return option.why_closed
    return f"costs more {budget.noun} than you have"
