"""Effects whose values a plan computes inline: the arithmetic of an effect on bounded variables
and constants, done in one closure (or, for `x += c`, in the plan's own step) without the
finite-value guards of each operation, when the operands' bounds prove that no guard can act.

A variable's value lies within its bounds: its start is checked against them (the content's
V301) and every store clamps to them. So each operation's result has a bound (`magnitude`); at
most LIMIT, it is finite, its guard gives it back unchanged, and the same operations in the same
order without the guards give the same number, -0.0 included."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from game.engine.expr.compiler import Tree
from game.engine.expr.scope import Fn

LIMIT = 1e300  # the sum of two numbers this large is still finite

# A tree's shape ("N" a slot, "C" a constant) -> the closure of its value without the guards,
# made from its slots and constants in order. The shapes of the usual drifts and pulls, as
# `x += (50 - x) * 0.03` or `x -= (y - 40) / 12`.
_FUSED: dict[object, Callable[..., Fn]] = {
    ("+", "N", ("*", ("-", "C", "N"), "C")): lambda s, a, y, k: (
        lambda env: env[s] + (a - env[y]) * k
    ),
    ("-", "N", ("*", ("-", "C", "N"), "C")): lambda s, a, y, k: (
        lambda env: env[s] - (a - env[y]) * k
    ),
    ("+", "N", ("*", ("-", "N", "C"), "C")): lambda s, y, a, k: (
        lambda env: env[s] + (env[y] - a) * k
    ),
    ("-", "N", ("*", ("-", "N", "C"), "C")): lambda s, y, a, k: (
        lambda env: env[s] - (env[y] - a) * k
    ),
    ("+", "N", ("/", ("-", "C", "N"), "C")): lambda s, a, y, k: (
        lambda env: env[s] + (a - env[y]) / k
    ),
    ("-", "N", ("/", ("-", "C", "N"), "C")): lambda s, a, y, k: (
        lambda env: env[s] - (a - env[y]) / k
    ),
    ("+", "N", ("/", ("-", "N", "C"), "C")): lambda s, y, a, k: (
        lambda env: env[s] + (env[y] - a) / k
    ),
    ("-", "N", ("/", ("-", "N", "C"), "C")): lambda s, y, a, k: (
        lambda env: env[s] - (env[y] - a) / k
    ),
    ("+", "N", ("*", "N", "C")): lambda s, y, k: lambda env: env[s] + env[y] * k,
    ("-", "N", ("*", "N", "C")): lambda s, y, k: lambda env: env[s] - env[y] * k,
    ("+", "N", ("/", "N", "C")): lambda s, y, k: lambda env: env[s] + env[y] / k,
    ("-", "N", ("/", "N", "C")): lambda s, y, k: lambda env: env[s] - env[y] / k,
}


def inline(
    tree: Tree | None, at: int, lo: Sequence[float | None], hi: Sequence[float | None]
) -> tuple[Fn | None, float | None]:
    """For an effect on the slot `at` computed as `tree`: a closure of its value without the
    guards (None: none is known to be the same), and the constant it adds to the target's
    value (None: it is not `x += c`, or `x -= c` as `x += -c`, IEEE subtraction being the
    addition of the negated operand)."""
    if tree is None or not magnitude(tree, lo, hi) <= LIMIT:
        return None, None
    if tree[0] in ("+", "-") and tree[1] == ("N", at) and tree[2][0] == "C":  # type: ignore[index]
        c = float(tree[2][1])  # type: ignore[index]
        return None, c if tree[0] == "+" else -c
    args: list[object] = []
    make = _FUSED.get(_shape(tree, args))
    return (None if make is None else make(*args)), None


def magnitude(tree: Tree, lo: Sequence[float | None], hi: Sequence[float | None]) -> float:
    """A bound on the magnitude of `tree`'s value and of each of its operations' (infinity:
    none is known, or one may exceed LIMIT)."""
    kind = tree[0]
    if kind == "N":
        slot = tree[1]
        assert isinstance(slot, int)
        low, high = lo[slot], hi[slot]
        if low is None or high is None:
            return math.inf
        m = max(abs(low), abs(high))
    elif kind == "C":
        c = tree[1]
        m = abs(c) if isinstance(c, float) else math.inf
    else:
        a = magnitude(tree[1], lo, hi)  # type: ignore[arg-type]
        b = magnitude(tree[2], lo, hi)  # type: ignore[arg-type]
        if kind == "*":
            m = a * b
        elif kind == "/":
            m = a / b if 0.0 < b < math.inf else math.inf  # b: the constant divisor's own
        else:
            m = a + b
    return m if m <= LIMIT else math.inf


def _shape(tree: Tree, args: list[object]) -> object:
    """`tree` with each slot and constant as "N" or "C", which go to `args` in order."""
    kind = tree[0]
    if kind in ("N", "C"):
        args.append(tree[1])
        return kind
    return (kind, _shape(tree[1], args), _shape(tree[2], args))  # type: ignore[arg-type]
