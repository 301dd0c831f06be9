"""What the turns of one game play, specialised to it: its role and its assumptions never change
while it plays, so the expressions of the world's loops (the actors' moves, the rules) and of the
draw are compiled again with them as constants. A move, a rule or an event whose condition rules
it out is dropped, a condition that always holds is not evaluated, a move after one always taken
is never reached.

Only unexplained turns (the simulator) play specialised rows, and of their effects only the plans
(effects that set a variable at once): effects that wait for a later turn stay the pack's own, so
a state holds the same whichever way it was played. Explained turns play the pack's own rows."""

from __future__ import annotations

import math
from collections.abc import Callable

from game.engine.expr import Compiled
from game.engine.expr.compiler import specialise, specialise_effect
from game.engine.expr.scope import Env, Fn, Scope, Value
from game.engine.pack import Effect, Event, Pack
from game.engine.steps import Plan, PlanRow
from game.engine.tables import (
    DrawRow,
    MoveRow,
    MoveRun,
    Row,
    RuleRun,
    Tables,
    World,
    applied,
    candidates,
    chance_of,
    fused,
    row,
    slots_read,
)

MAX_WORLDS = 64  # kept on a pack at once: enough for a game's settings and its classroom's groups


def world(pack: Pack, t: Tables, role: str, env: Env, explain: bool) -> World:
    """The rows the turns of a game of `role` play: unexplained, specialised to the role and
    the assumptions `env` holds. Built once per case and kept on the pack's tables."""
    fixed = {} if explain else _fixed(pack, role, env)
    key = (role, explain, tuple(sorted(fixed.items())))
    found = t.worlds.get(key)
    if found is None:
        if len(t.worlds) >= MAX_WORLDS:  # a tool trying settings by the thousand
            t.worlds.clear()
        if explain:
            found = World(_moves(t.moves), _rules(t.rules), role, pack.scope, defaultable(t, role))
        else:
            found = _build(pack, t, role, pack.scope.with_fixed(fixed))
        t.worlds[key] = found
    return found


def _fixed(pack: Pack, role: str, env: Env) -> dict[int, Value]:
    """The slots that hold the same value for a whole game: the role, and every assumption (but
    one given as infinity or NaN, which the language's arithmetic keeps apart)."""
    fixed: dict[int, Value] = {pack.role_slot: role}
    for a in pack.assumptions:
        value = env[a.slot]
        if isinstance(value, bool) or math.isfinite(value):
            fixed[a.slot] = value
    return fixed


def _build(pack: Pack, t: Tables, role: str, scope: Scope) -> World:
    moves = []
    for (name, rows), actor in zip(t.moves, pack.actors, strict=True):
        kept: list[MoveRow] = []
        for (_, _, effects, plan, stream, cause, news), move in zip(rows, actor.moves, strict=True):
            when, chance = specialise(move.when, scope), specialise(move.chance, scope)
            if _never(when, chance):
                continue
            plan = _plan(effects, plan, scope, t)
            kept.append((_condition(when), chance_of(chance), effects, plan, stream, cause, news))
            if kept[-1][:2] == (None, None):
                break  # always taken: the actor never looks further down its list
        if kept:
            moves.append((name, kept))
    rules: list[Row] = []
    reads: list[frozenset[int]] = []
    for (every, _, _, effects, plan, stream, cause, news), rule in zip(
        t.rules, pack.rules, strict=True
    ):
        when, chance = specialise(rule.when, scope), specialise(rule.chance, scope)
        if not _never(when, chance):
            plan = _plan(effects, plan, scope, t)
            rules.append(
                (every, _condition(when), chance_of(chance), effects, plan, stream, cause, news)
            )
            reads.append(slots_read(scope, when))
    return World(_moves(moves), _rules(fused(rules, reads)), role, scope, defaultable(t, role))


def _moves(moves: list[tuple[str, list[MoveRow]]]) -> list[tuple[str, list[MoveRun]]]:
    """The moves with their plans as the closures that apply them."""
    return [(name, [(*m[:3], applied(m[3]), *m[4:]) for m in rows]) for name, rows in moves]


def _rules(rules: list[Row]) -> list[RuleRun]:
    return [(*r[:4], applied(r[4]), *r[5:]) for r in rules]


def defaultable(t: Tables, role: str) -> frozenset[str]:
    return frozenset(event for event, r in t.defaults if r == role)


def _never(when: Compiled, chance: Compiled) -> bool:
    """Whether a move or rule can never be taken (its dice need not be rolled: they are pure)."""
    return when.const is False or (chance.const is not None and not chance.const > 0)


def _condition(when: Compiled) -> Fn | None:
    return None if when.const is True else when.fn


def _plan(effects: tuple[Effect, ...], plan: Plan | None, scope: Scope, t: Tables) -> Plan | None:
    """The specialised `plan` of `effects` (its rows, one per effect, give the bounds)."""
    if plan is None:
        return None
    lo, hi = t.lo, t.hi
    rows: list[PlanRow] = []
    for eff, (_, slot, _, low, high, _) in zip(effects, plan, strict=True):
        when = None if eff.when is None else specialise(eff.when, scope)
        if when is not None and when.const is False:
            continue
        stmt = specialise_effect(eff.stmt, scope)
        rows.append(row(None if when is None else _condition(when), slot, stmt, low, high, lo, hi))
    return tuple(rows)


def draw_rows(pack: Pack, w: World, turn: int) -> tuple[DrawRow, ...]:
    """The events the draw may pick at `turn` (`candidates`), as `DrawRow`s: the events that
    can never be open left out. Built once per turn and kept on the world."""
    rows = w.draws.get(turn)
    if rows is None:
        rows = w.draws[turn] = tuple(
            row for e in candidates(pack, w.role, turn) if (row := _draw_row(pack, w, e))
        )
    return rows


def _draw_row(pack: Pack, w: World, event: Event) -> DrawRow | None:
    if event.id not in w.rows:
        w.rows[event.id] = _new_draw_row(pack, w, event)
    return w.rows[event.id]


def _new_draw_row(pack: Pack, w: World, event: Event) -> DrawRow | None:
    fold = _folder(w.scope)
    when = fold(event.when)
    if when.const is False:
        return None
    tests: list[tuple[Fn, Fn | None]] = []
    for c in event.choices_for(w.role):
        open_ = fold(c.when)
        cost = None if c.cost is None or pack.budget is None else fold(c.cost)
        if open_.const is True and (cost is None or cost.const == 0):
            tests = []  # open whatever the state
            break
        if open_.const is not False:
            tests.append((open_.fn, None if cost is None else cost.fn))
    else:
        if not tests:
            return None  # no choice is ever open
    weight = fold(event.weight)
    const = None if weight.const is None else float(weight.const)
    return (event, event.id, event.once, event.cooldown, event.priority, _condition(when),
            tuple(tests) or None, const, weight.fn)  # fmt: skip


def _folder(scope: Scope) -> Callable[[Compiled], Compiled]:
    """How rows compiled in `scope` read an expression: the pack's own unless values are fixed."""
    if not scope.fixed:
        return lambda expr: expr
    return lambda expr: specialise(expr, scope)
