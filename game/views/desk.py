"""What the desk says beside the briefing itself, for both front ends: the objectives as they
stand (never one that would give a hidden meter away), labels fitted to a narrow panel, and
what the player has already read this game (a source passage is quoted once per game; a
briefing that comes back says so)."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.session import Briefing, Session
from game.views.agenda import handled
from game.views.policy import Policy
from game.views.words import short_month

FOLDED_WORDS = 14  # a passage quoted before is shown by its first words


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    label: str
    short: str
    weight: float
    value: float | None  # None: it reads what the player cannot see


def objective_rows(session: Session, policy: Policy) -> list[ObjectiveRow]:
    """The role's objectives, each with its score if the game ended now."""
    return [
        ObjectiveRow(
            s.objective.label,
            s.objective.short,
            s.objective.weight,
            s.value if policy.sees(s.objective.score.reads) else None,
        )
        for s in session.scorecard().scores
    ]


def fit(label: str, short: str, room: int) -> str:
    """The label if it fits in `room` characters, else the pack's short one, else the label
    cut with an ellipsis."""
    for text in (label, short):
        if text and len(text) <= room:
            return text
    text = short or label
    return text[: max(room - 1, 0)].rstrip() + "…" if room > 0 else ""


def first_desk(session: Session, event_id: str) -> int | None:
    """The turn on which this event was first on the desk before this one, or None."""
    for state in session.states()[:-1]:
        if event_id in state.desk:
            return state.turn
    return None


def quoted_on(session: Session, briefing: Briefing) -> int | None:
    """The turn on which the briefing's source passage was first on the desk, if it was before
    this turn (a passage is quoted in full once a game)."""
    source = briefing.event.source if briefing.event is not None else None
    if not source or briefing.source is None or not briefing.source.quote:
        return None
    pack = session.pack
    for state in session.states()[:-1]:
        if any(pack.events_by_id[e].source == source for e in state.desk):
            return state.turn
    return None


def folded_quote(quote: str) -> str:
    """`“Recently, Russian Foreign Minister Sergey Lavrov paid a working visit…”`."""
    words = quote.split()
    cut = " ".join(words[:FOLDED_WORDS]) + ("…" if len(words) > FOLDED_WORDS else "")
    return f"“{cut}”"


def quoted_note(session: Session, turn: int) -> str:
    return f"quoted in full in {short_month(session.pack, turn)}"


def returning_note(session: Session, briefing: Briefing) -> str:
    """`Back on your desk: you saw it first in Mar 2024, and chose “Hold the line”.`"""
    if briefing.event is None:
        return ""
    turn = first_desk(session, briefing.event.id)
    if turn is None:
        return ""
    pack = session.pack
    step = session.steps[turn - session.start_state.turn]
    event, choice = handled(pack, step.report)
    when = short_month(pack, turn)
    if event is not None and event.id == briefing.event.id and choice is not None:
        return f"Back on your desk: you saw it first in {when}, and chose “{choice.label}”."
    return f"Back on your desk: it was first on it in {when}."
