"""The agenda in words: which briefing a decision handled, what happens to the briefings the
advisor leaves to others, and what the decision spent."""

from __future__ import annotations

from game.engine.pack import Choice, Event, Pack
from game.engine.report import TurnReport
from game.engine.session import Briefing
from game.engine.state import GameState
from game.views.budget import cost_text

LETTERS = "abcdefghi"


def handled(pack: Pack, report: TurnReport) -> tuple[Event | None, Choice | None]:
    """The briefing a decision handled and the option taken (None, None on a quiet turn).
    On an agenda turn it need not be the first briefing on the desk."""
    event = pack.events_by_id.get(report.event or "")
    if event is None:
        return None, None
    return event, next((c for c in event.choices if c.id == report.choice), None)


def default_of(pack: Pack, state: GameState, event: Event) -> Choice | None:
    """What the government does with `event` if the advisor handles another briefing: its
    default choice, when that is open (the engine takes a default only if its condition holds)."""
    choice = event.default_for(state.role)
    if choice is None or not choice.when.fn(state.values):
        return None
    return choice


def default_text(pack: Pack, state: GameState, event: Event) -> str:
    """What the default of `event` does: its label, or that nothing is done."""
    choice = default_of(pack, state, event)
    return choice.label if choice is not None else "nothing is done (it has no open default)"


def left_text(pack: Pack, state: GameState, event: Event) -> str:
    """`A request for food aid — Decline for now`."""
    return f"{event.title} — {default_text(pack, state, event)}"


def others_note(
    pack: Pack, state: GameState, agenda: tuple[Briefing, ...], shown: int, short: bool = False
) -> str:
    """What deciding on briefing `shown` leaves to others, in one sentence (`short`: one line
    that names the briefings by letter; each marks its default among its options)."""
    others = [b.event for i, b in enumerate(agenda) if i != shown and b.event is not None]
    if not others:
        return ""
    if short:
        letters = " and ".join(LETTERS[i] for i in range(len(agenda)) if i != shown)
        whose = "its default" if len(others) == 1 else "their defaults"
        return f"Deciding here leaves {letters} to {whose}"
    listed = "; ".join(left_text(pack, state, e) for e in others)
    whose = "its default" if len(others) == 1 else "their defaults"
    return f"Left to {whose} if you decide here: {listed}"


def left_items(pack: Pack, report: TurnReport) -> list[str]:
    """`A request for food aid — Decline for now`, one per briefing the decision left."""
    items = []
    for event_id, choice_id in report.defaults:
        event = pack.events_by_id[event_id]
        choice = next((c for c in event.choices if c.id == choice_id), None)
        what = choice.label if choice is not None else "nothing was done (no default was open)"
        items.append(f"{event.title} — {what}")
    return items


def spent_text(pack: Pack, report: TurnReport, numbers: bool = True) -> str:
    """`Spent: 2 capital` ('' when the decision was free)."""
    if not report.cost:
        return ""
    return f"Spent: {cost_text(pack, report.cost, numbers)}"
