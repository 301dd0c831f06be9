"""Qualitative readings: "high, rising" instead of "62 (+4)", for classes that hide numbers.

A level comes from the variable's own threshold labels when it has them ("alert", "polarised"),
else from where the value sits in its range ("very low" … "very high"). A trend compares the
value with the previous one, relative to the range: under 1% is steady, under 5% edging, under
15% rising or falling, more is sharp. A variable the class predicts is steady by the class's own
rule instead (a change smaller than `[predict] steady`), so that the words never contradict the
verdict on a prediction ("edging up" beside "it went steady — wrong").
"""

from __future__ import annotations

from typing import Literal

from game.engine.pack import Variable

LEVELS = ((0.2, "very low"), (0.4, "low"), (0.6, "moderate"), (0.8, "high"))
STEADY, SLIGHT, SHARP = 0.01, 0.05, 0.15


def level(variable: Variable, value: float) -> str:
    """The variable's threshold label for `value`, else a word for its place in the range."""
    label = variable.reading(value)
    if label:
        return label
    span = variable.max - variable.min
    share = (value - variable.min) / span if span > 0 else 0.5
    return next((word for top, word in LEVELS if share < top), "very high")


Direction = Literal["up", "down", "steady"]


def direction(delta: float, steady: float) -> Direction:
    """Which way a change went, as a prediction is scored: under `steady` it stayed steady."""
    if abs(delta) < max(steady, 1e-9):
        return "steady"
    return "up" if delta > 0 else "down"


def trend(
    variable: Variable, value: float, previous: float | None, steady: float | None = None
) -> str:
    """'steady', 'edging up', 'rising', 'rising sharply' (or down), '' without a previous value.
    `steady`: the prediction's threshold for this variable, which then decides what is steady
    (`direction`, as the predictions are scored)."""
    if previous is None:
        return ""
    span = variable.max - variable.min
    change = (value - previous) / span if span > 0 else 0.0
    size = abs(change)
    if steady is not None:
        if direction(value - previous, steady) == "steady":
            return "steady"
    elif size < STEADY:
        return "steady"
    if change > 0:
        return "edging up" if size < SLIGHT else "rising" if size < SHARP else "rising sharply"
    return "edging down" if size < SLIGHT else "falling" if size < SHARP else "falling sharply"


def qualitative(
    variable: Variable, value: float, previous: float | None = None, steady: float | None = None
) -> str:
    """A reading without numbers: 'high, rising', 'alert, steady', 'negligible'."""
    words = level(variable, value)
    moving = trend(variable, value, previous, steady)
    return f"{words}, {moving}" if moving else words


def score_word(score: float) -> str:
    """An objective's 0–100 score in words."""
    if score >= 80:
        return "excellent"
    if score >= 60:
        return "good"
    if score >= 40:
        return "mixed"
    if score >= 20:
        return "poor"
    return "very poor"


def chance_word(p: float) -> str:
    """A probability in words (for rolls, when numbers are hidden)."""
    if p >= 0.9:
        return "almost certain"
    if p >= 0.65:
        return "likely"
    if p >= 0.35:
        return "even odds"
    if p >= 0.1:
        return "unlikely"
    return "remote"
