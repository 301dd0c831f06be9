"""Arithmetic that never raises and never returns infinity or NaN, and the built-in functions."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


def finite(x: float) -> float:
    return x if x - x == 0.0 else 0.0


def safe_div(a: float, b: float) -> float:
    try:
        r = a / b
    except ArithmeticError:
        return 0.0
    return r if r - r == 0.0 else 0.0


def safe_floordiv(a: float, b: float) -> float:
    try:
        r = a // b
    except ArithmeticError:
        return 0.0
    return r if r - r == 0.0 else 0.0


def safe_mod(a: float, b: float) -> float:
    try:
        r = a % b
    except ArithmeticError:
        return 0.0
    return r if r - r == 0.0 else 0.0


def _add(a: float, b: float) -> float:
    r = a + b
    return r if r - r == 0.0 else 0.0


def _sub(a: float, b: float) -> float:
    r = a - b
    return r if r - r == 0.0 else 0.0


def _mul(a: float, b: float) -> float:
    r = a * b
    return r if r - r == 0.0 else 0.0


ARITH: dict[str, Callable[[float, float], float]] = {
    "+": _add,
    "-": _sub,
    "*": _mul,
    "/": safe_div,
    "//": safe_floordiv,
    "%": safe_mod,
}


def _clamp(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _round1(x: float) -> float:
    return float(round(x)) if x - x == 0.0 else 0.0


def round_to(x: float, ndigits: float) -> float:
    """Python's round with ``ndigits`` clamped to [0, 6] and truncated to an integer."""
    if x - x != 0.0:
        return 0.0
    nd = int(min(max(ndigits, 0.0), 6.0)) if ndigits - ndigits == 0.0 else 0
    r = round(x, nd)
    return r if r - r == 0.0 else 0.0


def _floor(x: float) -> float:
    return float(math.floor(x)) if x - x == 0.0 else 0.0


def _ceil(x: float) -> float:
    return float(math.ceil(x)) if x - x == 0.0 else 0.0


def _fair_add(x: float, amount: float, lo: float = 0.0, hi: float = 100.0) -> float:
    """Move ``x`` toward ``hi`` (amount > 0) or ``lo`` (amount < 0) by ``|amount|`` percent
    (clamped to 100) of the remaining distance. The result never overshoots the target nor
    moves away from it, so it stays in [lo, hi] whenever ``x`` does."""
    if amount > 0.0:
        target = hi
        r = x + (hi - x) * (amount if amount < 100.0 else 100.0) / 100
    elif amount < 0.0:
        target = lo
        r = x + (x - lo) * (amount if amount > -100.0 else -100.0) / 100
    else:  # zero (or NaN)
        return x if x - x == 0.0 else 0.0
    if x <= target:
        if r < x:
            r = x
        elif r > target:
            r = target
    elif x > target:
        if r > x:
            r = x
        elif r < target:
            r = target
    return r if r - r == 0.0 else 0.0


@dataclass(frozen=True)
class _Func:
    name: str
    signature: str
    min_args: int
    max_args: int | None  # None: unlimited
    impl: Callable[..., float]
    guarded: bool  # result is always finite

    def arity_ok(self, n: int) -> bool:
        if n < self.min_args or (self.max_args is not None and n > self.max_args):
            return False
        return not (self.name == "fair_add" and n == 3)


FUNCTIONS: dict[str, _Func] = {
    f.name: f
    for f in (
        _Func("min", "min(a, b, ...)", 2, None, min, False),
        _Func("max", "max(a, b, ...)", 2, None, max, False),
        _Func("clamp", "clamp(x, lo, hi)", 3, 3, _clamp, False),
        _Func("abs", "abs(x)", 1, 1, abs, False),
        _Func("round", "round(x) or round(x, ndigits)", 1, 2, _round1, True),
        _Func("floor", "floor(x)", 1, 1, _floor, True),
        _Func("ceil", "ceil(x)", 1, 1, _ceil, True),
        _Func(
            "fair_add", "fair_add(x, amount) or fair_add(x, amount, lo, hi)", 2, 4, _fair_add, True
        ),
    )
}
FUNC_HINT = "functions: " + ", ".join(f.signature for f in FUNCTIONS.values())
