"""Effects over time written as one string: `"tension -= 6 over 2 turns"`.

    STATEMENT over N turns       mode "smooth": the change is spread over N turns
    STATEMENT after N turns      mode "lag": it lands N turns later
    STATEMENT fading F           mode "decay": it lands now and fades, keeping F a turn
    … when CONDITION             it applies only if the condition holds (at once)

The same as the table `{ do = "…", mode = "…", turns = N, factor = F, when = "…" }`, which
stays the way to write anything longer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.content.schema import EffectMode

_MODE = re.compile(
    r"\s+(?:(?P<mode>over|after)\s+(?P<turns>\d+)\s+turns?|fading\s+(?P<factor>\d*\.?\d+))\s*$"
)
_MODES: dict[str, EffectMode] = {"over": "smooth", "after": "lag"}


@dataclass(frozen=True)
class Timed:
    stmt: str
    mode: EffectMode
    turns: int
    factor: float
    when: str | None
    when_at: int  # offset of the condition in the string


_NEAR = re.compile(r"\s(over|after|fading)\s")
NEAR_MISS_HINT = (
    'an effect over time is written "x -= 6 over 2 turns", "x += 4 after 2 turns" or '
    '"x += 10 fading 0.5": a number of turns, or a factor below 1'
)


def near_miss(src: str) -> bool:
    """Whether a statement that does not compile looks like an effect over time mistyped."""
    return _NEAR.search(src) is not None


def split(src: str) -> Timed | None:
    """The parts of an effect written with `over`, `after`, `fading` or `when`, or None for a
    plain statement."""
    head, when, when_at = src, None, -1
    at = _top_level_when(src)
    if at is not None:
        head, when, when_at = src[:at], src[at + len(" when ") :], at + len(" when ")
    # _MODE needs one of its words: testing for them spares most statements its scan
    timed = "over" in head or "after" in head or "fading" in head
    m = _MODE.search(head) if timed else None
    if m is None:
        return None if when is None else Timed(head, "immediate", 1, 0.5, when, when_at)
    if m.group("factor") is not None:
        return Timed(head[: m.start()], "decay", 1, float(m.group("factor")), when, when_at)
    mode = _MODES[m.group("mode")]
    return Timed(head[: m.start()], mode, int(m.group("turns")), 0.5, when, when_at)


def _top_level_when(src: str) -> int | None:
    """Where ` when ` stands outside strings and parentheses."""
    if " when " not in src:
        return None
    depth, quote = 0, False
    for i, ch in enumerate(src):
        if ch == '"':
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        elif not quote and depth == 0 and src.startswith(" when ", i):
            return i
    return None
