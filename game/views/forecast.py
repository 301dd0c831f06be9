"""The staff forecast of an option, worded for a fog level: none, words or numbers.

Words give the direction and rough size of each change relative to the meter's range ("raises
Peninsula tension sharply"), odds in words ("unlikely: Monitors get access") and whether the
option is good or bad for the role's objectives; numbers give the expected change with its
range, the odds in percent and the expected change of the objective score.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.forecast import Forecast, MeterForecast, forecast
from game.engine.pack import Event, Pack
from game.engine.session import Option
from game.engine.state import GameState
from game.views.readings import SHARP, SLIGHT, STEADY, chance_word
from game.views.words import signed

# an expected change of the objective score (0–100) that reads slight, plain, large
OBJ_SLIGHT, OBJ_PLAIN, OBJ_LARGE = 0.5, 3.0, 10.0


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # starts in lower case: the desk capitalises it, plain mode joins the lines
    tone: str = ""  # "good" or "bad" for the role's objectives, else ""


def option_forecast(pack: Pack, state: GameState, event: Event, option: Option) -> Forecast:
    choice = next(c for c in event.choices if c.id == option.id)
    return forecast(pack, state, choice)


def forecast_lines(pack: Pack, fc: Forecast, fog: str) -> list[Line]:
    """The forecast as lines: what the option does for the role's objectives, each watched
    meter, and the odds of its chance outcomes. (Its cost is certain: the desk shows it with
    the option, in numbers unless a classroom hides them.)"""
    if fog not in ("words", "numbers"):
        return []
    numbers = fog == "numbers"
    lines = [objectives_line(fc.objectives, numbers)]
    lines += [Line(meter_text(m, numbers)) for m in fc.meters]
    for o in fc.outcomes:
        odds = f"{o.chance:.0%} chance" if numbers else chance_word(o.chance)
        lines.append(Line(f"{odds}: {o.label}"))
    if not fc.meters and not fc.outcomes:
        lines.append(Line("no change the staff can foresee"))
    return lines


def meter_text(m: MeterForecast, numbers: bool) -> str:
    """`raises Peninsula tension sharply` (numbers: `Peninsula tension +8 (+5 to +11)`)."""
    later = " (some of it later)" if m.later else ""
    if numbers:
        spread = f" ({signed(m.low)} to {signed(m.high)})" if m.high - m.low >= 0.05 else ""
        return f"{m.label} {signed(m.expected)}{spread}{later}"
    if m.low < 0 < m.high and abs(m.expected) < SLIGHT * (m.span or 1):
        return f"may raise or lower {m.label}{later}"
    size = abs(m.expected) / (m.span or 1)
    verb = "raises" if m.expected > 0 else "lowers"
    if size < STEADY:
        return f"barely {verb} {m.label}{later}"
    how = " slightly" if size < SLIGHT else "" if size < SHARP else " sharply"
    return f"{verb} {m.label}{how}{later}"


def objectives_line(change: float, numbers: bool) -> Line:
    tone = "good" if change >= OBJ_SLIGHT else "bad" if change <= -OBJ_SLIGHT else ""
    if numbers:
        return Line(f"your objectives {'+' if change >= 0 else '−'}{abs(change):.1f}", tone)
    size = abs(change)
    if size < OBJ_SLIGHT:
        return Line("hardly changes your objectives")
    word = "good" if change > 0 else "bad"
    how = "slightly " if size < OBJ_PLAIN else "" if size < OBJ_LARGE else "very "
    return Line(f"{how}{word} for your objectives", tone)


def forecast_summary(pack: Pack, fc: Forecast, fog: str) -> str:
    """The forecast on one line, for plain mode: `good for your objectives; raises …`."""
    return "; ".join(line.text for line in forecast_lines(pack, fc, fog))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
