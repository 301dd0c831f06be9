"""The world's per-turn loops (the actors' moves and the rules) specialised to one game: its role
and its assumptions never change while it plays, so every expression of the loops is compiled
again with them as constants. A move or a rule whose condition or chance rules it out is dropped,
a condition that always holds is not evaluated, a move after one always taken is never reached.

Only unexplained turns (the simulator) play these rows, and of their effects only the plans
(effects that set a variable at once): effects that wait for a later turn stay the pack's own,
so a state holds the same whichever way it was played."""

from __future__ import annotations

import math

from game.engine.expr import Compiled
from game.engine.expr.compiler import specialise, specialise_effect
from game.engine.expr.scope import Env, Fn, Scope, Value
from game.engine.pack import Effect, Pack
from game.engine.tables import MoveRow, Plan, Row, Tables, World, fused


def world(pack: Pack, t: Tables, role: str, env: Env) -> World:
    """The specialised rows for the role and the assumptions `env` holds, built once per pair
    and kept on the pack's tables."""
    fixed = _fixed(pack, role, env)
    key = tuple(sorted(fixed.items()))
    found = t.worlds.get(key)
    if found is None:
        found = t.worlds[key] = _build(pack, t, pack.scope.with_fixed(fixed))
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


def _build(pack: Pack, t: Tables, scope: Scope) -> World:
    moves = []
    for (name, rows), actor in zip(t.moves, pack.actors, strict=True):
        kept: list[MoveRow] = []
        for (_, _, effects, plan, stream, cause, news), move in zip(rows, actor.moves, strict=True):
            when, chance = specialise(move.when, scope), specialise(move.chance, scope)
            if _never(when, chance):
                continue
            plan = _plan(effects, plan, scope)
            kept.append((_condition(when), _chance(chance), effects, plan, stream, cause, news))
            if kept[-1][:2] == (None, None):
                break  # always taken: the actor never looks further down its list
        if kept:
            moves.append((name, kept))
    rules: list[Row] = []
    for (every, _, _, effects, plan, stream, cause, news), rule in zip(
        t.rules, pack.rules, strict=True
    ):
        when, chance = specialise(rule.when, scope), specialise(rule.chance, scope)
        if not _never(when, chance):
            plan = _plan(effects, plan, scope)
            rules.append(
                (every, _condition(when), _chance(chance), effects, plan, stream, cause, news)
            )
    return World(moves, fused(rules))


def _never(when: Compiled, chance: Compiled) -> bool:
    """Whether a move or rule can never be taken (its dice need not be rolled: they are pure)."""
    return when.const is False or (chance.const is not None and not chance.const > 0)


def _condition(when: Compiled) -> Fn | None:
    return None if when.const is True else when.fn


def _chance(chance: Compiled) -> Fn | None:
    return None if chance.const is not None and chance.const >= 1 else chance.fn


def _plan(effects: tuple[Effect, ...], plan: Plan | None, scope: Scope) -> Plan | None:
    """The specialised `plan` of `effects` (its rows, one per effect, give the bounds)."""
    if plan is None:
        return None
    rows: list[tuple[Fn | None, int, Fn, float, float]] = []
    for eff, (_, slot, _, low, high) in zip(effects, plan, strict=True):
        when = None if eff.when is None else specialise(eff.when, scope)
        if when is not None and when.const is False:
            continue
        fn = specialise_effect(eff.stmt, scope).fn
        rows.append((None if when is None else _condition(when), slot, fn, low, high))
    return tuple(rows)
