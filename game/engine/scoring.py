"""How well a role did: its objectives' scores, and at the end the ending's result.

The final score is the weighted mean of the objectives (0–100), blended with the result the
ending gives the role (win 100, draw 50, loss 0) by the pack's `[scoring] result_weight`. With
no ending yet, or a weight of 0, it is the objectives' mean alone. The catastrophe (the last rung
of the escalation ladder) is scored by its result alone, a weight of 1: whatever a role had
gained, a war on the peninsula scores below every other future.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.expr.scope import Env
from game.engine.pack import RESULT_VALUES, Objective, Pack
from game.engine.resolve import OPEN_ENDING
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Score:
    objective: Objective
    value: float  # 0–100


@dataclass(frozen=True, slots=True)
class Scorecard:
    role: str
    scores: tuple[Score, ...]
    result: str | None = None  # win | draw | loss, once the game has ended
    result_weight: float = 0.0

    @property
    def objectives(self) -> float:
        """The weighted mean of the objectives' scores, 0–100."""
        weight = sum(s.objective.weight for s in self.scores)
        if not weight:
            return 0.0
        return sum(s.value * s.objective.weight for s in self.scores) / weight

    @property
    def total(self) -> float:
        """The final score, 0–100: the objectives blended with the ending's result."""
        if self.result is None or not self.result_weight:
            return self.objectives
        w = self.result_weight
        return (1 - w) * self.objectives + w * RESULT_VALUES[self.result]


def result_of(pack: Pack, role: str, ending: str | None) -> str | None:
    """The result an ending gives a role (None while the game goes on)."""
    if ending is None:
        return None
    found = next((e for e in pack.endings if e.id == ending), OPEN_ENDING)
    return found.result_for(role)


def scores(pack: Pack, role: str, values: Env) -> tuple[Score, ...]:
    out = []
    for objective in pack.roles[role].objectives:
        value = float(objective.score.fn(values))
        out.append(Score(objective, min(100.0, max(0.0, value))))
    return tuple(out)


def objective_score(pack: Pack, role: str, values: Env) -> float:
    """The weighted mean of the role's objectives on these values, 0–100 (as
    ``Scorecard.objectives``, without building one: forecasts call it for every option)."""
    objectives = pack.roles[role].objectives
    weight = total = 0.0
    for o in objectives:
        v = float(o.score.fn(values))
        total += (0.0 if v < 0.0 else 100.0 if v > 100.0 else v) * o.weight
        weight += o.weight
    return total / weight if weight else 0.0


def result_weight(pack: Pack, ending: str | None) -> float:
    """The share of the final score that this ending's result gives: the pack's, or all of it
    at the catastrophe."""
    esc = pack.escalation
    if esc is not None and ending is not None and ending == esc.ending:
        return 1.0
    return pack.result_weight


def scorecard(pack: Pack, role: str, state: GameState) -> Scorecard:
    return Scorecard(
        role,
        scores(pack, role, state.values),
        result_of(pack, role, state.ending),
        result_weight(pack, state.ending),
    )
