"""Turn resolution: the rules engine proper.

A turn goes: the chosen option's cost, effects, chance outcome and delayed consequences, and the
default choice of every other briefing on the desk (an agenda); then the world moves to the next
turn: what was scheduled for it lands, the budget refills, each actor takes its first move that
holds, the rules run in order, situations start or stop; then the endings are checked and the
next briefings are drawn. Everything is a pure function of (pack, state, decision).

A decision is a choice id of the first briefing on the desk, or ``"event-id/choice-id"`` for any
briefing on it (ids never contain a slash).
"""

from __future__ import annotations

from game.engine import rng
from game.engine.choices import AFFORD, affordable, cost_of, is_open
from game.engine.expr.scope import Env, Value
from game.engine.pack import OPEN_ENDING, Choice, Pack
from game.engine.report import Draw, TurnReport
from game.engine.state import GameState
from game.engine.tables import candidates, tables
from game.engine.turn import Turn

__all__ = [
    "AFFORD",
    "OPEN_ENDING",
    "QUIET",
    "ChoiceError",
    "affordable",
    "candidates",
    "cost_of",
    "decision_id",
    "decisions",
    "ending_now",
    "initial_state",
    "is_open",
    "open_choices",
    "opening",
    "resolve",
    "resume",
    "split_decision",
    "start",
    "tables",
]

QUIET = "continue"  # the one option of a turn with no event


class ChoiceError(ValueError):
    """The choice is not one the player can make now."""


def split_decision(state: GameState, decision: str) -> tuple[str | None, str]:
    """(event id, choice id) of a decision: ``"choice"`` is of the first briefing on the desk."""
    if "/" in decision:
        event, _, choice = decision.partition("/")
        return event, choice
    return state.event, decision


def decision_id(state: GameState, event: str, choice: str) -> str:
    """The decision string for a choice of a briefing on the desk (plain for the first one)."""
    return choice if event == state.event else f"{event}/{choice}"


def ending_now(pack: Pack, values: Env) -> str:
    """The ending the game would reach if its turns ran out with these values."""
    esc = pack.escalation
    if esc is not None and values[esc.slot] >= esc.rungs[-1].at:
        return esc.ending
    for ending in pack.endings:
        if ending.when.fn(values):
            return ending.id
    return OPEN_ENDING.id


def initial_state(
    pack: Pack, role: str, seed: str, assumptions: dict[str, bool | float] | None = None
) -> GameState:
    """The state at turn 1, with the first event on the desk."""
    return opening(pack, role, seed, assumptions, explain=False)[0]


def opening(
    pack: Pack,
    role: str,
    seed: str,
    assumptions: dict[str, bool | float] | None = None,
    explain: bool = True,
) -> tuple[GameState, Draw | None]:
    """The state at turn 1 and why its event was drawn (unless not `explain`: the same state,
    and no draw)."""
    if role not in pack.roles:
        raise ChoiceError(f"unknown role {role!r}; roles: {', '.join(pack.roles)}")
    values: list[Value] = [None] * pack.n_slots
    for v in pack.variables:
        values[v.slot] = float(v.start)
    for f in pack.flags:
        values[f.slot] = f.start
    for a in pack.assumptions:
        given = (assumptions or {}).get(a.id, a.default)
        values[a.slot] = float(given) if isinstance(a.default, float) else bool(given)
    for s in pack.situations:
        values[s.slot] = False
    values[pack.turn_slot] = 1.0
    values[pack.role_slot] = role
    values[pack.memory_slot] = values[pack.setters_slot] = ()
    state = GameState(role, seed, rng.seed_key(seed), 1, tuple(values), None, {})
    ctx = Turn(pack, state, explain)
    ctx.update_situations()
    draw = ctx.draw()
    return ctx.finish(), draw


def start(pack: Pack, role: str, seed: str) -> Turn:
    """A game at turn 1, as one working copy to play unexplained (`resume`)."""
    return resume(pack, initial_state(pack, role, seed))


def resume(pack: Pack, state: GameState) -> Turn:
    """A working copy of `state` to play unexplained to the game's end with `Turn.step`: the
    simulator's fast path. It reaches the same states as `resolve` on the same decisions
    (`Turn.finish` builds one), without checking that a decision is open: its caller takes
    only options it has found open on the desk (`open_choices`)."""
    return Turn(pack, state, False)


def open_choices(
    pack: Pack, state: GameState, event: str | None = None
) -> list[tuple[Choice, bool]]:
    """The options of a briefing on the desk (default: the first) for the state's role, each
    with whether it is open (its condition holds and the budget affords it)."""
    event = event or state.event
    if event is None:
        return []
    env = state.values
    choices = tables(pack).choices.get((event, state.role))
    if choices is None:  # a briefing the role does not see
        choices = pack.events_by_id[event].choices_for(state.role)
    return [(c, is_open(pack, c, env)) for c in choices]


def decisions(pack: Pack, state: GameState) -> list[str]:
    """Every decision the advisor can take now, as decision strings (see the module's doc)."""
    if state.ending is not None:
        return []
    if state.event is None:
        return [QUIET]
    return [
        decision_id(state, e, c.id)
        for e in state.desk
        for c, ok in open_choices(pack, state, e)
        if ok
    ]


def resolve(
    pack: Pack, state: GameState, choice_id: str, explain: bool = True, draw: bool = True
) -> tuple[GameState, TurnReport | None]:
    """Apply a decision and move the world one turn on. `draw=False` leaves the next briefings
    undrawn: the state's values are the turn's outcome, but it is no state to play on (for
    judging an option at a fraction of the cost)."""
    if state.ending is not None:
        raise ChoiceError("the game is over")
    handled: str | None = None
    taken = choice_id
    choice = None
    if state.event is None:
        if choice_id != QUIET:
            raise ChoiceError(f"nothing to decide this turn; the only option is {QUIET!r}")
    else:
        handled, taken = split_decision(state, choice_id)
        if handled not in state.desk:
            raise ChoiceError(f"{handled!r} is not on the desk this turn")
        choice = tables(pack).by_id.get((handled, taken))
        if choice is None or state.role not in choice.roles:
            raise ChoiceError(f"{taken!r} is not an option of {handled!r} for {state.role!r}")
        if not choice.when.fn(state.values):
            raise ChoiceError(f"{taken!r} is closed now")
        if not affordable(pack, choice, state.values):
            raise ChoiceError(f"{taken!r} costs more than the budget holds")
    ctx = Turn(pack, state, explain)
    drawn = ctx.step(handled, choice, draw)
    new_state = ctx.finish()
    if not explain:
        return new_state, None
    report = TurnReport(
        turn=state.turn,
        event=handled,
        choice=taken,
        changes=tuple(ctx.changes),
        rolls=tuple(ctx.rolls),
        news=tuple(ctx.news),
        scheduled=tuple(ctx.scheduled),
        arrived=tuple(ctx.arrived),
        draw=drawn,
        ending=ctx.ending,
        defaults=tuple(ctx.defaults),
        cost=ctx.spent,
        notes=tuple(ctx.notes),
    )
    return new_state, report
