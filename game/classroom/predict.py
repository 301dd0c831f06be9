"""Predict, then reveal: before a decision's consequences show, the student says which way each
chosen variable will move; the debrief scores the predictions against what happened.

A prediction is a direction: up, down or steady. What happened is the variable's change over the
turn (the decision and the world's answer, as the consequences show it); a change smaller than
the classroom's `steady` threshold counts as steady. A hit scores 1, a miss 0; with three
directions, guessing scores about a third.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from game.engine.pack import Pack
from game.engine.session import Session
from game.views.readings import Direction, direction

DIRECTIONS: tuple[Direction, ...] = ("up", "down", "steady")
_WORDS: dict[str, Direction] = {
    "u": "up", "up": "up", "+": "up", "rise": "up", "rises": "up", "higher": "up", "↑": "up",
    "d": "down", "down": "down", "-": "down", "fall": "down", "falls": "down", "lower": "down",
    "↓": "down", "s": "steady", "steady": "steady", "same": "steady", "=": "steady",
    "0": "steady", "flat": "steady", "unchanged": "steady",
}  # fmt: skip


class Prediction(BaseModel):
    """What a student expected before seeing the consequences of the decision at `turn`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    turn: int = Field(ge=1)
    choice: str = ""
    expect: dict[str, Direction]


def parse_direction(text: str) -> Direction | None:
    """'u', 'up', '+', 'rise' … → 'up'; None when the text is not a direction."""
    return _WORDS.get(text.strip().lower())


@dataclass(frozen=True, slots=True)
class Scored:
    turn: int
    variable: str
    label: str
    expected: Direction
    actual: Direction
    delta: float

    @property
    def hit(self) -> bool:
        return self.expected == self.actual


@dataclass(frozen=True)
class PredictionScore:
    items: tuple[Scored, ...]

    @property
    def hits(self) -> int:
        return sum(1 for s in self.items if s.hit)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.total if self.items else None

    def by_variable(self) -> dict[str, tuple[int, int]]:
        """variable -> (hits, predictions)."""
        out: dict[str, tuple[int, int]] = {}
        for s in self.items:
            h, n = out.get(s.variable, (0, 0))
            out[s.variable] = (h + s.hit, n + 1)
        return out


def score_predictions(
    session: Session, predictions: list[Prediction] | tuple[Prediction, ...], steady: float = 1.0
) -> PredictionScore:
    """Each prediction against the change over its turn. Predictions for turns not played (or
    whose decision differs from the one recorded) are left out."""
    pack: Pack = session.pack
    states = session.states()
    variables = {v.id: v for v in pack.variables}
    items: list[Scored] = []
    for p in predictions:
        k = p.turn - session.start_state.turn  # index of the decision
        if not 0 <= k < len(session.steps):
            continue
        if p.choice and session.steps[k].choice != p.choice:
            continue
        before, after = states[k], states[k + 1]
        for vid, expected in p.expect.items():
            var = variables.get(vid)
            if var is None:
                continue
            delta = float(after.values[var.slot]) - float(before.values[var.slot])
            items.append(Scored(p.turn, vid, var.label, expected, direction(delta, steady), delta))
    return PredictionScore(tuple(items))
