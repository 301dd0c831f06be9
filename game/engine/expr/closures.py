"""Closures specialised for common shapes (N = a name's slot, C = a constant, F = any closure),
so that compiled expressions do as little work per evaluation as possible."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.expr.functions import safe_div, safe_floordiv, safe_mod
from game.engine.expr.scope import Env, Fn, Value

CMP_NC: dict[str, Callable[[int, object], Fn]] = {
    "<": lambda s, c: lambda env: env[s] < c,
    "<=": lambda s, c: lambda env: env[s] <= c,
    ">": lambda s, c: lambda env: env[s] > c,
    ">=": lambda s, c: lambda env: env[s] >= c,
    "==": lambda s, c: lambda env: env[s] == c,
    "!=": lambda s, c: lambda env: env[s] != c,
}
CMP_CN: dict[str, Callable[[object, int], Fn]] = {
    "<": lambda c, s: lambda env: c < env[s],
    "<=": lambda c, s: lambda env: c <= env[s],
    ">": lambda c, s: lambda env: c > env[s],
    ">=": lambda c, s: lambda env: c >= env[s],
    "==": lambda c, s: lambda env: c == env[s],
    "!=": lambda c, s: lambda env: c != env[s],
}
CMP_NN: dict[str, Callable[[int, int], Fn]] = {
    "<": lambda a, b: lambda env: env[a] < env[b],
    "<=": lambda a, b: lambda env: env[a] <= env[b],
    ">": lambda a, b: lambda env: env[a] > env[b],
    ">=": lambda a, b: lambda env: env[a] >= env[b],
    "==": lambda a, b: lambda env: env[a] == env[b],
    "!=": lambda a, b: lambda env: env[a] != env[b],
}
CMP_FC: dict[str, Callable[[Fn, object], Fn]] = {
    "<": lambda f, c: lambda env: f(env) < c,
    "<=": lambda f, c: lambda env: f(env) <= c,
    ">": lambda f, c: lambda env: f(env) > c,
    ">=": lambda f, c: lambda env: f(env) >= c,
    "==": lambda f, c: lambda env: f(env) == c,
    "!=": lambda f, c: lambda env: f(env) != c,
}
CMP_CF: dict[str, Callable[[object, Fn], Fn]] = {
    "<": lambda c, f: lambda env: c < f(env),
    "<=": lambda c, f: lambda env: c <= f(env),
    ">": lambda c, f: lambda env: c > f(env),
    ">=": lambda c, f: lambda env: c >= f(env),
    "==": lambda c, f: lambda env: c == f(env),
    "!=": lambda c, f: lambda env: c != f(env),
}
CMP_NF: dict[str, Callable[[int, Fn], Fn]] = {
    "<": lambda s, g: lambda env: env[s] < g(env),
    "<=": lambda s, g: lambda env: env[s] <= g(env),
    ">": lambda s, g: lambda env: env[s] > g(env),
    ">=": lambda s, g: lambda env: env[s] >= g(env),
    "==": lambda s, g: lambda env: env[s] == g(env),
    "!=": lambda s, g: lambda env: env[s] != g(env),
}
CMP_FN: dict[str, Callable[[Fn, int], Fn]] = {
    "<": lambda f, s: lambda env: f(env) < env[s],
    "<=": lambda f, s: lambda env: f(env) <= env[s],
    ">": lambda f, s: lambda env: f(env) > env[s],
    ">=": lambda f, s: lambda env: f(env) >= env[s],
    "==": lambda f, s: lambda env: f(env) == env[s],
    "!=": lambda f, s: lambda env: f(env) != env[s],
}
CMP_FF: dict[str, Callable[[Fn, Fn], Fn]] = {
    "<": lambda f, g: lambda env: f(env) < g(env),
    "<=": lambda f, g: lambda env: f(env) <= g(env),
    ">": lambda f, g: lambda env: f(env) > g(env),
    ">=": lambda f, g: lambda env: f(env) >= g(env),
    "==": lambda f, g: lambda env: f(env) == g(env),
    "!=": lambda f, g: lambda env: f(env) != g(env),
}
CMP_PY: dict[str, Callable[[object, object], bool]] = {
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}

# "+", "-", "*" with the finite-result guard inlined.
AR_NC: dict[str, Callable[[int, float], Fn]] = {
    "+": lambda s, c: lambda env: r if (r := env[s] + c) - r == 0.0 else 0.0,
    "-": lambda s, c: lambda env: r if (r := env[s] - c) - r == 0.0 else 0.0,
    "*": lambda s, c: lambda env: r if (r := env[s] * c) - r == 0.0 else 0.0,
    "/": lambda s, c: lambda env: r if (r := env[s] / c) - r == 0.0 else 0.0,
}
AR_CN: dict[str, Callable[[float, int], Fn]] = {
    "+": lambda c, s: lambda env: r if (r := c + env[s]) - r == 0.0 else 0.0,
    "-": lambda c, s: lambda env: r if (r := c - env[s]) - r == 0.0 else 0.0,
    "*": lambda c, s: lambda env: r if (r := c * env[s]) - r == 0.0 else 0.0,
}
AR_FC: dict[str, Callable[[Fn, float], Fn]] = {
    "+": lambda f, c: lambda env: r if (r := f(env) + c) - r == 0.0 else 0.0,
    "-": lambda f, c: lambda env: r if (r := f(env) - c) - r == 0.0 else 0.0,
    "*": lambda f, c: lambda env: r if (r := f(env) * c) - r == 0.0 else 0.0,
    "/": lambda f, c: lambda env: r if (r := f(env) / c) - r == 0.0 else 0.0,
}
AR_CF: dict[str, Callable[[float, Fn], Fn]] = {
    "+": lambda c, f: lambda env: r if (r := c + f(env)) - r == 0.0 else 0.0,
    "-": lambda c, f: lambda env: r if (r := c - f(env)) - r == 0.0 else 0.0,
    "*": lambda c, f: lambda env: r if (r := c * f(env)) - r == 0.0 else 0.0,
}
AR_NN: dict[str, Callable[[int, int], Fn]] = {
    "+": lambda a, b: lambda env: r if (r := env[a] + env[b]) - r == 0.0 else 0.0,
    "-": lambda a, b: lambda env: r if (r := env[a] - env[b]) - r == 0.0 else 0.0,
    "*": lambda a, b: lambda env: r if (r := env[a] * env[b]) - r == 0.0 else 0.0,
}
AR_NF: dict[str, Callable[[int, Fn], Fn]] = {
    "+": lambda s, g: lambda env: r if (r := env[s] + g(env)) - r == 0.0 else 0.0,
    "-": lambda s, g: lambda env: r if (r := env[s] - g(env)) - r == 0.0 else 0.0,
    "*": lambda s, g: lambda env: r if (r := env[s] * g(env)) - r == 0.0 else 0.0,
}
AR_FN: dict[str, Callable[[Fn, int], Fn]] = {
    "+": lambda f, s: lambda env: r if (r := f(env) + env[s]) - r == 0.0 else 0.0,
    "-": lambda f, s: lambda env: r if (r := f(env) - env[s]) - r == 0.0 else 0.0,
    "*": lambda f, s: lambda env: r if (r := f(env) * env[s]) - r == 0.0 else 0.0,
}
AR_FF: dict[str, Callable[[Fn, Fn], Fn]] = {
    "+": lambda f, g: lambda env: r if (r := f(env) + g(env)) - r == 0.0 else 0.0,
    "-": lambda f, g: lambda env: r if (r := f(env) - g(env)) - r == 0.0 else 0.0,
    "*": lambda f, g: lambda env: r if (r := f(env) * g(env)) - r == 0.0 else 0.0,
    "/": lambda f, g: lambda env: safe_div(f(env), g(env)),
    "//": lambda f, g: lambda env: safe_floordiv(f(env), g(env)),
    "%": lambda f, g: lambda env: safe_mod(f(env), g(env)),
}
BOOL2: dict[str, Callable[[Fn, Fn], Fn]] = {
    "and": lambda f, g: lambda env: f(env) and g(env),
    "or": lambda f, g: lambda env: f(env) or g(env),
}
# `and` / `or` whose first operand compares a name with a constant (the usual `x >= 60 and ...`):
# the comparison inline, one call fewer. Keyed by the boolean operator, then the comparison's.
BOOL2_NC: dict[str, dict[str, Callable[[int, object, Fn], Fn]]] = {
    "and": {
        "<": lambda s, c, g: lambda env: env[s] < c and g(env),
        "<=": lambda s, c, g: lambda env: env[s] <= c and g(env),
        ">": lambda s, c, g: lambda env: env[s] > c and g(env),
        ">=": lambda s, c, g: lambda env: env[s] >= c and g(env),
        "==": lambda s, c, g: lambda env: env[s] == c and g(env),
        "!=": lambda s, c, g: lambda env: env[s] != c and g(env),
    },
    "or": {
        "<": lambda s, c, g: lambda env: env[s] < c or g(env),
        "<=": lambda s, c, g: lambda env: env[s] <= c or g(env),
        ">": lambda s, c, g: lambda env: env[s] > c or g(env),
        ">=": lambda s, c, g: lambda env: env[s] >= c or g(env),
        "==": lambda s, c, g: lambda env: env[s] == c or g(env),
        "!=": lambda s, c, g: lambda env: env[s] != c or g(env),
    },
}
BOOL3: dict[str, Callable[[Fn, Fn, Fn], Fn]] = {
    "and": lambda f, g, h: lambda env: f(env) and g(env) and h(env),
    "or": lambda f, g, h: lambda env: f(env) or g(env) or h(env),
}


def const_fn(value: object) -> Fn:
    return lambda env: value


def not_name(slot: int) -> Fn:
    return lambda env: not env[slot]


def not_fn(f: Fn) -> Fn:
    return lambda env: not f(env)


def neg_name(slot: int) -> Fn:
    return lambda env: -env[slot]


def neg_fn(f: Fn) -> Fn:
    return lambda env: -f(env)


def finite_fn(f: Fn) -> Fn:
    return lambda env: r if (r := f(env)) - r == 0.0 else 0.0


def all_fn(fs: tuple[Fn, ...]) -> Fn:
    return lambda env: all(f(env) for f in fs)


def any_fn(fs: tuple[Fn, ...]) -> Fn:
    return lambda env: any(f(env) for f in fs)


def cond_fn(t: Fn, a: Fn, b: Fn) -> Fn:
    return lambda env: a(env) if t(env) else b(env)


def clamp_fn(f: Fn, lo: float, hi: float) -> Fn:
    """`min(max(f, lo), hi)` without the builtins' calls: the same value, NaN and -0.0 too
    (each keeps its first argument on a tie)."""

    def clamp(env: Env) -> Value:
        x = f(env)
        x = lo if lo > x else x
        return hi if hi < x else x

    return clamp


def fair_add_nc(slot: int, amount: float) -> Fn:
    """`fair_add(name, constant)`, the usual bounded step: `_fair_add` with its bounds 0 and 100
    and the constant's branch settled once, the same operations on the same numbers."""
    if amount > 0.0:
        up = amount if amount < 100.0 else 100.0

        def toward_hi(env: Env) -> Value:
            x = env[slot]
            r = x + (100.0 - x) * up / 100
            if x <= 100.0:
                r = x if r < x else 100.0 if r > 100.0 else r
            elif x > 100.0:
                r = x if r > x else 100.0 if r < 100.0 else r
            return r if r - r == 0.0 else 0.0

        return toward_hi
    if amount < 0.0:
        down = amount if amount > -100.0 else -100.0

        def toward_lo(env: Env) -> Value:
            x = env[slot]
            r = x + (x - 0.0) * down / 100
            if x <= 0.0:
                r = x if r < x else 0.0 if r > 0.0 else r
            elif x > 0.0:
                r = x if r > x else 0.0 if r < 0.0 else r
            return r if r - r == 0.0 else 0.0

        return toward_lo
    return lambda env: x if (x := env[slot]) - x == 0.0 else 0.0  # zero (or NaN): no step


def call_nc_fn(impl: Callable[..., float], slot: int, c: object) -> Fn:
    """`f(name, constant)` (`fair_add(support, 5)`): the arguments read inline."""
    return lambda env: impl(env[slot], c)


def call_fn(impl: Callable[..., float], fs: tuple[Fn, ...]) -> Fn:
    if len(fs) == 1:
        (f,) = fs
        return lambda env: impl(f(env))
    if len(fs) == 2:
        f, g = fs
        return lambda env: impl(f(env), g(env))
    if len(fs) == 3:
        f, g, h = fs
        return lambda env: impl(f(env), g(env), h(env))
    return lambda env: impl(*[f(env) for f in fs])
