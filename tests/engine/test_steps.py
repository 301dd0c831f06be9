"""A plan's fused steps store exactly what its general rows store: the value of the effect's own
closure clamped to the bounds, for every value the slots may hold, the bounds' edges, -0.0 and
huge constants included (where the inline step would overflow, it must not be taken)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from game.engine.expr.closures import AR_NC, const_fn
from game.engine.expr.compiler import compile_effect
from game.engine.expr.scope import Scope, Symbol, Type
from game.engine.steps import SAFE, applier

AT, OTHER = 0, 1  # the target's slot, and a slot a condition reads

HUGE = [1e308, -1e308, 1.7976931348623157e308, -1.7976931348623157e308, 1e200, -1e200]
EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, -1e-300, 5e-324, SAFE, -SAFE, *HUGE]
consts = st.sampled_from(EDGES) | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def bounds_and_value(draw: st.DrawFn) -> tuple[float, float, float]:
    """Bounds, and a value within them (a variable's value always is): often an edge."""
    a = draw(st.sampled_from(EDGES) | st.floats(-1e12, 1e12) | st.floats(allow_nan=False))
    b = draw(st.sampled_from(EDGES) | st.floats(-1e12, 1e12) | st.floats(allow_nan=False))
    low, high = (a, b) if a <= b else (b, a)
    if math.isinf(low) or math.isinf(high):
        low, high = -1e12, 1e12
    x = draw(st.sampled_from([low, high]) | (st.floats(low, high) if low < high else st.nothing()))
    return low, high, x


def _general(when, at, fn, low, high):  # the row as `_run` applied it before fusion
    def store(env):
        if when is None or when(env):
            x = fn(env)
            env[at] = low if x < low else high if x > high else x

    return store


def _bits(values: list) -> list[tuple[type, str]]:
    return [(type(v), repr(v)) for v in values]


def _check(op: str, c: float, low: float, high: float, x: float, other: float, guarded: bool):
    when = (lambda env: env[OTHER] > 0) if guarded else None
    if op == "=":
        fn, shape = const_fn(c), ("=", c)
    else:
        fn, shape = AR_NC[op](AT, c), (op, c)
    fused, general = [x, other], [x, other]
    applier(((when, AT, fn, low, high, shape),))(fused)
    _general(when, AT, fn, low, high)(general)
    assert _bits(fused) == _bits(general)


@given(st.sampled_from(["=", "+", "-", "*"]), consts, bounds_and_value(), st.booleans())
def test_a_fused_step_stores_what_the_general_row_stores(op, c, bounds, guarded) -> None:
    low, high, x = bounds
    _check(op, c, low, high, x, 1.0, guarded)


@given(st.sampled_from(["=", "+", "-", "*"]), consts, bounds_and_value())
def test_a_fused_step_whose_condition_fails_stores_nothing(op, c, bounds) -> None:
    low, high, x = bounds
    _check(op, c, low, high, x, -1.0, True)


def test_huge_operands_keep_the_guard() -> None:
    """Beyond SAFE the sum overflows: the expression makes it 0, clamped to the bounds."""
    for op, c in [("+", 1.7e308), ("-", -1.7e308), ("*", 1e300)]:
        _check(op, c, -1.7e308, 1.7e308, 1.7e308, 1.0, False)
        _check(op, c, 1.0, 1.7e308, 1.7e308, 1.0, False)


def test_negative_zero_is_kept() -> None:
    for op, c in [("+", -0.0), ("-", 0.0), ("*", 1.0), ("=", -0.0)]:
        _check(op, c, -1.0, 1.0, -0.0, 1.0, False)


rows = st.tuples(
    st.sampled_from(["=", "+", "-", "*", None]),
    consts,
    st.sampled_from([AT, OTHER]),
    st.booleans(),
)


@given(st.lists(rows, max_size=6), st.floats(-100, 100), st.floats(-100, 100))
def test_a_plan_applies_its_steps_in_order(plan, a: float, b: float) -> None:
    built, general = [], []
    for op, c, at, guarded in plan:
        when = (lambda env: env[OTHER] > 0) if guarded else None
        if op is None:  # a value of any shape: the general row
            fn, shape = (lambda env, c=c: env[OTHER] * 0.5 - c / 2), None
        elif op == "=":
            fn, shape = const_fn(c), ("=", c)
        else:
            fn, shape = AR_NC[op](at, c), (op, c)
        built.append((when, at, fn, -100.0, 100.0, shape))
        general.append(_general(when, at, fn, -100.0, 100.0))
    fused, plain = [a, b], [a, b]
    applier(tuple(built))(fused)
    for g in general:
        g(plain)
    assert _bits(fused) == _bits(plain)


@given(
    st.lists(
        st.tuples(st.sampled_from(["+", "-"]), consts, st.sampled_from([AT, OTHER])), max_size=4
    ),
    st.floats(-100, 100),
    st.floats(-100, 100),
)
def test_a_plan_of_constant_steps_applies_them_in_order(plan, a: float, b: float) -> None:
    built = tuple((None, at, AR_NC[op](at, c), -100.0, 100.0, (op, c)) for op, c, at in plan)
    fused, plain = [a, b], [a, b]
    applier(built)(fused)
    for when, at, fn, low, high, _ in built:
        _general(when, at, fn, low, high)(plain)
    assert _bits(fused) == _bits(plain)


SCOPE = Scope([Symbol("x", Type.NUMBER, AT), Symbol("y", Type.NUMBER, OTHER)])


def test_the_compiler_tells_the_shapes_its_closures_have() -> None:
    for src, shape in [
        ("x += 5", ("+", 5.0)),
        ("x -= 2.5", ("-", 2.5)),
        ("x *= 0.9", ("*", 0.9)),
        ("x = 7", ("=", 7.0)),
        ("x += 2 * 3", ("+", 6.0)),
        ("x += y", None),
        ("x = y + 1", None),
        ("x = x + 1", None),
    ]:
        eff = compile_effect(src, SCOPE)
        assert eff.shape == shape, src
        if shape is not None:
            env = [3.0, 4.0]
            op, c = shape
            expected = c if op == "=" else AR_NC[op](AT, c)(env)
            assert eff.fn(env) == expected, src
