"""Plans, and the closures that apply them unexplained (the simulator's hot path).

A plan holds the effects of a rule, a move, a choice, an outcome or a situation when each one
sets a variable at once. `applier` makes it one closure that evaluates, clamps and stores each
effect in turn; the commonest statements (`x += 5`, `x -= 5`) it does inline, with no call to
their expression's closure, and a plan of one or two it does with no loop. A call costs more than
the rest of a step: a step that calls its closure pays only as part of a plan's loop. Each step
does the same operations on the same numbers as the general one, so it stores the same value,
-0.0 and clamping included."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.expr.scope import Fn, Value

# An effect of a plan: its condition (None: always), the variable's slot, the value's closure,
# the variable's bounds, and the constant the value adds to the variable's own, when a step may
# add it inline (game.engine.inline; None: it calls the closure).
PlanRow = tuple[Fn | None, int, Fn, float, float, float | None]
Plan = tuple[PlanRow, ...]
Apply = Callable[[list[Value]], None]  # a plan as one closure: applies it to the slots


# A step as `applier` runs it: its condition, its target, and either its closure (`fn`) or, with
# `fn` None, the constant it adds to the target; then the bounds.
_Step = tuple[Fn | None, int, Fn | None, float, float, float]


def applier(plan: Plan) -> Apply:
    """`plan` as one closure applying its effects in order. A step that adds a constant to its
    target is done inline, with no call; the others call their closure."""
    rows: tuple[_Step, ...] = tuple(
        (when, at, fn, 0.0, low, high) if add is None else (when, at, None, add, low, high)
        for when, at, fn, low, high, add in plan
    )
    if not rows:
        return _nothing
    if len(rows) == 1:
        return _one(*rows[0])
    if all(when is None and fn is None for when, _, fn, _, _, _ in rows):
        adds = tuple((at, c, low, high) for _, at, _, c, low, high in rows)
        if len(adds) == 2:
            return _add2(*adds[0], *adds[1])
        return _adds(adds)
    if all(when is None for when, *_ in rows):
        unguarded = tuple(row[1:] for row in rows)

        def each(env: list[Value]) -> None:
            for at, fn, c, low, high in unguarded:
                x = env[at] + c if fn is None else fn(env)
                env[at] = low if x < low else high if x > high else x

        return each

    def every(env: list[Value]) -> None:
        for when, at, fn, c, low, high in rows:
            if when is None or when(env):
                x = env[at] + c if fn is None else fn(env)
                env[at] = low if x < low else high if x > high else x

    return every


def _nothing(env: list[Value]) -> None:
    return None


def _one(when: Fn | None, at: int, fn: Fn | None, c: float, low: float, high: float) -> Apply:
    if fn is None:
        if when is None:

            def add(env: list[Value]) -> None:
                x = env[at] + c
                env[at] = low if x < low else high if x > high else x

            return add

        def add_when(env: list[Value]) -> None:
            if when(env):
                x = env[at] + c
                env[at] = low if x < low else high if x > high else x

        return add_when
    if when is None:

        def store(env: list[Value]) -> None:
            x = fn(env)
            env[at] = low if x < low else high if x > high else x

        return store

    def store_when(env: list[Value]) -> None:
        if when(env):
            x = fn(env)
            env[at] = low if x < low else high if x > high else x

    return store_when


def _add2(
    a: int, c: float, low: float, high: float, b: int, d: float, low2: float, high2: float
) -> Apply:
    def add2(env: list[Value]) -> None:
        x = env[a] + c
        env[a] = low if x < low else high if x > high else x
        x = env[b] + d
        env[b] = low2 if x < low2 else high2 if x > high2 else x

    return add2


def _adds(adds: tuple[tuple[int, float, float, float], ...]) -> Apply:
    def adds_(env: list[Value]) -> None:
        for at, c, low, high in adds:
            x = env[at] + c
            env[at] = low if x < low else high if x > high else x

    return adds_
