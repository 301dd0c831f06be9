"""How well a role met its objectives in a given state."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.pack import Objective, Pack
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Score:
    objective: Objective
    value: float  # 0–100


@dataclass(frozen=True, slots=True)
class Scorecard:
    role: str
    scores: tuple[Score, ...]

    @property
    def total(self) -> float:
        """The weighted mean of the objectives' scores, 0–100."""
        weight = sum(s.objective.weight for s in self.scores)
        if not weight:
            return 0.0
        return sum(s.value * s.objective.weight for s in self.scores) / weight


def scorecard(pack: Pack, role: str, state: GameState) -> Scorecard:
    env = list(state.values)
    scores = []
    for objective in pack.roles[role].objectives:
        value = float(objective.score.fn(env))
        scores.append(Score(objective, min(100.0, max(0.0, value))))
    return Scorecard(role, tuple(scores))
