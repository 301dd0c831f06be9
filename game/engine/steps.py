"""Plans, and the closures that apply them unexplained (the simulator's hot path).

A plan holds the effects of a rule, a move, a choice, an outcome or a situation when each one
sets a variable at once. `applier` makes it one closure, each of its effects one step that
evaluates, clamps and stores, so that a turn runs no loop over rows; the commonest statements
(`x += 5`, `x -= 5`, `x *= 0.9`, `x = 5`) are done inline, with no call to their expression's
closure. Each step does the same operations on the same numbers as the general one
(`_general`), so it stores the same value, -0.0 and clamping included."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.expr.scope import Fn, Value

# What an effect's closure does, when a step may do it inline (CompiledEffect.shape): ("=", c)
# gives c; ("+", c), ("-", c), ("*", c) give the target's value plus, minus or times c, made 0 if
# not finite.
Shape = tuple[str, float] | None
# An effect of a plan: its condition (None: always), the variable's slot, the value's closure,
# the variable's bounds and the closure's shape.
PlanRow = tuple[Fn | None, int, Fn, float, float, Shape]
Plan = tuple[PlanRow, ...]
Apply = Callable[[list[Value]], None]  # a plan as one closure: applies it to the slots

# A variable's value lies within its bounds (its start is checked against them, and each store
# clamps to them). Both bounds and the constant within ±SAFE, the target's value plus, minus or
# times the constant is finite: the expression's guard against infinity and NaN never acts.
SAFE = 1e150


def applier(plan: Plan) -> Apply:
    """`plan` as one closure applying its effects in order."""
    steps = tuple(step(*row) for row in plan)
    if not steps:
        return _nothing
    if len(steps) == 1:
        return steps[0]
    if len(steps) == 2:
        a, b = steps

        def two(env: list[Value]) -> None:
            a(env)
            b(env)

        return two
    if len(steps) == 3:
        a, b, c = steps

        def three(env: list[Value]) -> None:
            a(env)
            b(env)
            c(env)

        return three

    def every(env: list[Value]) -> None:
        for s in steps:
            s(env)

    return every


def _nothing(env: list[Value]) -> None:
    return None


def step(when: Fn | None, at: int, fn: Fn, low: float, high: float, shape: Shape) -> Apply:
    """One effect of a plan: if `when` holds (or is None), `fn`'s value clamped to `low`–`high`
    and stored at `at`."""
    if shape is not None:
        op, c = shape
        if op == "=":
            return _put(when, at, low if c < low else high if c > high else c)
        if abs(low) <= SAFE and abs(high) <= SAFE and abs(c) <= SAFE:
            make = _INLINE.get(op)
            if make is not None:
                return make(when, at, c, low, high)
    return _general(when, at, fn, low, high)


def _general(when: Fn | None, at: int, fn: Fn, low: float, high: float) -> Apply:
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


def _put(when: Fn | None, at: int, value: float) -> Apply:
    """`x = c`, its constant clamped once."""
    if when is None:

        def put(env: list[Value]) -> None:
            env[at] = value

        return put

    def put_when(env: list[Value]) -> None:
        if when(env):
            env[at] = value

    return put_when


def _add(when: Fn | None, at: int, c: float, low: float, high: float) -> Apply:
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


def _sub(when: Fn | None, at: int, c: float, low: float, high: float) -> Apply:
    if when is None:

        def sub(env: list[Value]) -> None:
            x = env[at] - c
            env[at] = low if x < low else high if x > high else x

        return sub

    def sub_when(env: list[Value]) -> None:
        if when(env):
            x = env[at] - c
            env[at] = low if x < low else high if x > high else x

    return sub_when


def _mul(when: Fn | None, at: int, c: float, low: float, high: float) -> Apply:
    if when is None:

        def mul(env: list[Value]) -> None:
            x = env[at] * c
            env[at] = low if x < low else high if x > high else x

        return mul

    def mul_when(env: list[Value]) -> None:
        if when(env):
            x = env[at] * c
            env[at] = low if x < low else high if x > high else x

    return mul_when


_INLINE: dict[str, Callable[[Fn | None, int, float, float, float], Apply]] = {
    "+": _add,
    "-": _sub,
    "*": _mul,
}
