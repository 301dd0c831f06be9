"""A plan's steps store exactly what its general rows stored (`_general`, the loop the engine ran
before): the value of the effect's own closure clamped to the bounds, for every value the slots
may hold, the bounds' edges, -0.0 and huge constants included. Where an inline step could
overflow, it must not be taken."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.expr.closures import AR_NC
from game.engine.expr.compiler import compile_effect, specialise_effect
from game.engine.expr.scope import Scope, Symbol, Type
from game.engine.inline import LIMIT, inline
from game.engine.steps import applier

X, Y, A, K = 0, 1, 2, 3  # two variables, and two read-only numbers a game may fix

HUGE = [1e308, -1e308, 1.7976931348623157e308, -1.7976931348623157e308, 1e200, -1e200]
EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, 1e-300, -1e-300, 5e-324, 1e150, LIMIT, -LIMIT, *HUGE]
consts = st.sampled_from(EDGES) | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def bounds(draw: st.DrawFn) -> tuple[float, float]:
    a = draw(st.sampled_from(EDGES) | st.floats(-1e12, 1e12) | st.floats(allow_nan=False))
    b = draw(st.sampled_from(EDGES) | st.floats(-1e12, 1e12) | st.floats(allow_nan=False))
    low, high = (a, b) if a <= b else (b, a)
    return (-1e12, 1e12) if math.isinf(low) or math.isinf(high) else (low, high)


def within(draw: st.DrawFn, low: float, high: float) -> float:
    """A value within the bounds (a variable's value always is): often an edge."""
    inside = st.floats(low, high) if low < high else st.nothing()
    return draw(st.sampled_from([low, high, 0.0, -0.0]).filter(lambda v: low <= v <= high) | inside)


def _general(plan, env):  # the rows as the engine applied them before steps
    for when, at, fn, low, high, _ in plan:
        if when is None or when(env):
            x = fn(env)
            env[at] = low if x < low else high if x > high else x


def _bits(values: list) -> list[tuple[type, str]]:
    return [(type(v), repr(v)) for v in values]


def _same(rows, env) -> None:
    """`rows`: (the plan's row, the general row of the same effect)."""
    fused, plain = list(env), list(env)
    applier(tuple(row for row, _ in rows))(fused)
    _general([general for _, general in rows], plain)
    assert _bits(fused) == _bits(plain)


SCOPE = Scope(
    [
        Symbol("x", Type.NUMBER, X),
        Symbol("y", Type.NUMBER, Y),
        Symbol("a", Type.NUMBER, A, writable=False),
        Symbol("k", Type.NUMBER, K, writable=False),
    ]
)
# Every shape `inline` knows, some near ones it does not, and plain steps. `a` and `k` are fixed
# to the drawn constants as a game's assumptions are (so they may be huge, or -0.0).
SOURCES = [
    "x += a",
    "x -= a",
    "x *= a",
    "x = a",
    "x = y",
    "x += y",
    "x += (a - x) * k",
    "x -= (a - x) * k",
    "x += (a - y) * k",
    "x -= (a - y) * k",
    "x += (y - a) * k",
    "x -= (y - a) * k",
    "x += (a - y) / k",
    "x -= (a - y) / k",
    "x += (y - a) / k",
    "x -= (y - a) / k",
    "x += y * k",
    "x -= y * k",
    "x += y / k",
    "x -= y / k",
    "x = y + (a - x) * k",
    "x += (a + y) * k",
    "x += (a - y) * k * k",
    "x += (a - y) // k",
    "x += k / y",
]
sources = st.sampled_from(SOURCES)


def _row(src: str, a: float, k: float, lo: list, hi: list, when=None):
    fixed = SCOPE.with_fixed({A: a, K: k})
    stmt = specialise_effect(compile_effect(src, SCOPE), fixed)
    at = stmt.target.slot
    fn, add = inline(stmt.tree, at, lo, hi)
    row = (when, at, stmt.fn if fn is None else fn, lo[at], hi[at], add)
    return row, (when, at, stmt.fn, lo[at], hi[at], None)


@st.composite
def cases(draw: st.DrawFn):
    (xl, xh), (yl, yh) = draw(bounds()), draw(bounds())
    lo, hi = [xl, yl, None, None], [xh, yh, None, None]
    env = [within(draw, xl, xh), within(draw, yl, yh), 0.0, 0.0]
    return lo, hi, env


@given(sources, consts, consts, cases(), st.booleans())
def test_a_step_stores_what_the_general_row_stores(src, a, k, case, guarded) -> None:
    lo, hi, env = case
    when = (lambda env: env[Y] > 0) if guarded else None
    _same((_row(src, a, k, lo, hi, when),), env)


@given(st.lists(st.tuples(sources, consts, consts, st.booleans()), max_size=5), cases())
def test_a_plan_applies_its_steps_in_order(rows, case) -> None:
    lo, hi, env = case
    _same(
        [_row(src, a, k, lo, hi, (lambda env: env[Y] > 0) if g else None) for src, a, k, g in rows],
        env,
    )


INLINE = [*SOURCES[:2], *SOURCES[6:21], "y += a", "y -= a"]
usual = st.floats(-200, 200) | st.sampled_from([0.0, -0.0, 45.0, 100.0])
scales = st.floats(0.001, 20) | st.floats(-20, -0.001) | st.sampled_from([0.03, 12.0, -0.0])


@settings(max_examples=1000)
@given(
    st.lists(
        st.tuples(st.sampled_from(INLINE), usual, scales, st.booleans()), min_size=1, max_size=3
    ),
    st.floats(0, 100) | st.sampled_from([0.0, 100.0]),
    st.floats(-50, 50) | st.sampled_from([-50.0, 0.0, -0.0, 50.0]),
)
def test_the_inline_shapes_on_usual_numbers(rows, x: float, y: float) -> None:
    """A game's usual numbers, bounds 0–100 and -50–50: rounding shows any change of operation."""
    lo, hi = [0.0, -50.0, None, None], [100.0, 50.0, None, None]
    when = lambda env: env[Y] > 0  # noqa: E731
    _same([_row(src, a, k, lo, hi, when if g else None) for src, a, k, g in rows], [x, y, 0.0, 0.0])


@given(
    st.lists(
        st.tuples(st.sampled_from(["x += a", "x -= a", "y += a", "y -= a"]), usual), max_size=4
    ),
    st.floats(0, 100),
    st.floats(-50, 50),
)
def test_a_plan_of_constant_steps_applies_them_in_order(rows, x: float, y: float) -> None:
    lo, hi = [0.0, -50.0, None, None], [100.0, 50.0, None, None]
    _same([_row(src, a, 0.0, lo, hi) for src, a in rows], [x, y, 0.0, 0.0])


def test_huge_operands_keep_the_guard() -> None:
    """Beyond LIMIT a sum may overflow: the expression makes it 0, clamped to the bounds."""
    lo, hi = [-1.7e308, -1.7e308, None, None], [1.7e308, 1.7e308, None, None]
    for src in ["x += a", "x -= a", "x += (a - y) * k", "x -= y / k"]:
        row, general = _row(src, 1.7e308 if "+" in src else -1.7e308, 1e-300, lo, hi)
        assert row == general, src
        _same([(row, general)], [1.7e308, 1.5e308, 0.0, 0.0])


def test_negative_zero_is_kept() -> None:
    lo, hi = [-1.0, -1.0, None, None], [1.0, 1.0, None, None]
    for src, a, k in [("x += a", -0.0, 0.0), ("x -= a", 0.0, 0.0), ("x += (a - y) * k", 0.0, -0.0)]:
        _same([_row(src, a, k, lo, hi)], [-0.0, 0.0, 0.0, 0.0])


def test_the_usual_shapes_are_inline() -> None:
    lo, hi = [0.0, 0.0, None, None], [100.0, 100.0, None, None]
    assert _row("x += a", 5.0, 0.0, lo, hi)[0][5] == 5.0
    assert _row("x -= a", 5.0, 0.0, lo, hi)[0][5] == -5.0
    for src in SOURCES[6:21]:
        assert _row(src, 45.0, 0.03, lo, hi)[0][2].__module__ == "game.engine.inline", src
    for src in SOURCES[21:]:
        row, general = _row(src, 45.0, 0.03, lo, hi)
        assert row == general, src


def test_the_guards_are_idle_only_within_known_bounds() -> None:
    # `y` unbounded (a number no step clamps): nothing is inline
    unbounded = ([0.0, None, None, None], [1.0, None, None, None])
    row, general = _row("x += (a - y) * k", 45.0, 0.03, *unbounded)
    assert row == general


def test_an_effect_on_constants_adds_them_as_the_closure_does() -> None:
    env = [3.0, 4.0, 0.0, 0.0]
    for src, c in [("x += 2 * 3", 6.0), ("x -= 2.5", -2.5)]:
        row, _ = _row(src, 0.0, 0.0, [0.0, 0.0, None, None], [10.0, 10.0, None, None])
        assert row[5] == c and env[X] + c == AR_NC[src[2]](X, abs(c))(env), src
