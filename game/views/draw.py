"""Why a briefing reached the desk, in words: "one of 4 briefings that fit this month: a 23%
chance". The scheduler's own terms (priority tiers, weights) are for the curious (`detail`),
and never shown where numbers are hidden."""

from __future__ import annotations

from game.engine.report import Draw
from game.views.policy import Policy
from game.views.readings import chance_word

AGENDA = "also on your desk this month: several briefings share it"


def draw_text(draw: Draw | None, reason: str, policy: Policy) -> str:
    """Why the briefing is on the desk; `reason` is the engine's, for a briefing whose draw is
    not known (one that shares the desk with the first)."""
    if draw is None:
        return AGENDA if reason else ""
    if draw.how == "set":
        cause = draw.cause
        if cause is None:
            return "set in motion earlier in the game"
        when = f" ({cause.detail})" if cause.detail else ""
        return f"set in motion by “{cause.label}”{when}"
    if draw.how == "only":
        return "the only briefing that fits the situation this month"
    if draw.how == "drawn":
        n = len(draw.candidates)
        if not policy.numbers:
            odds = chance_word(draw.probability)
            return f"one of several briefings that fit this month, drawn by chance ({odds})"
        many = f"one of {n} briefings" if n else "one of the briefings"
        return f"{many} that fit this month, drawn by chance: a {draw.probability:.0%} chance"
    if draw.how == "quiet":
        return "nothing called for a decision this month"
    return reason if policy.numbers else ""


def draw_detail(draw: Draw | None, reason: str, policy: Policy) -> str:
    """The scheduler's own account, for the curious ('' where numbers are hidden, or when the
    words already say all)."""
    if not policy.numbers or draw is None or draw.how not in ("only", "drawn"):
        return ""
    return f"The scheduler's account: {reason}."
