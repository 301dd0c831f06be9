"""Static analysis for the checker: the range an expression can take, and whether a condition
can be true at all, given each name's bounds."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from game.engine.expr.closures import CMP_PY
from game.engine.expr.compiler import Compiled
from game.engine.expr.functions import FUNCTIONS
from game.engine.expr.nodes import (
    Binary,
    Bool,
    BoolOp,
    Call,
    Compare,
    Cond,
    Name,
    Node,
    Num,
    Str,
    Unary,
    children,
)

Interval = tuple[float, float]


def _iv(lo: float, hi: float) -> Interval | None:
    if lo != lo or hi != hi:  # NaN: give up
        return None
    if lo - lo != 0.0 or hi - hi != 0.0:
        # An infinite end means some results may overflow, and those evaluate to 0.0.
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    return (lo, hi)


def _hull(*ivs: Interval | None) -> Interval | None:
    if any(iv is None for iv in ivs):
        return None
    return (min(iv[0] for iv in ivs if iv), max(iv[1] for iv in ivs if iv))


def _corners(op: Callable[[float, float], float], a: Interval, b: Interval) -> Interval | None:
    vals = [op(x, y) for x in a for y in b]
    if any(v != v for v in vals):
        return None
    return _iv(min(vals), max(vals))


def _floor_iv(iv: Interval, f: Callable[[float], int]) -> Interval:
    lo, hi = iv
    return (
        float(f(lo)) if lo - lo == 0.0 else lo,
        float(f(hi)) if hi - hi == 0.0 else hi,
    )


def interval(node: Node | Compiled, bounds: dict[str, tuple[float, float]]) -> Interval | None:
    """A conservative interval containing every value a number-valued expression can take when
    each name lies within its ``bounds``; None when that cannot be determined."""
    if isinstance(node, Compiled):
        node = node.node
    if isinstance(node, Num):
        return (node.value, node.value)
    if isinstance(node, Name):
        b = bounds.get(node.name)
        if b is None:
            return None
        lo, hi = float(b[0]), float(b[1])
        if lo != lo or hi != hi or lo > hi:
            return None
        return (lo, hi)
    if isinstance(node, Unary):
        inner = interval(node.operand, bounds)
        if inner is None or node.op == "not":
            return None
        return inner if node.op == "+" else (-inner[1], -inner[0])
    if isinstance(node, Binary):
        return _binary_iv(node, bounds)
    if isinstance(node, Cond):
        return _hull(interval(node.then, bounds), interval(node.orelse, bounds))
    if isinstance(node, Call):
        return _call_iv(node, bounds)
    return None


def _binary_iv(node: Binary, bounds: dict[str, tuple[float, float]]) -> Interval | None:
    op = node.op
    b = interval(node.right, bounds)
    if op == "%":
        # Python's float % has the sign of the divisor and |result| <= |divisor|; x % 0 is 0.
        return None if b is None else _iv(min(b[0], 0.0), max(b[1], 0.0))
    a = interval(node.left, bounds)
    if a is None or b is None:
        return None
    if op == "+":
        return _iv(a[0] + b[0], a[1] + b[1])
    if op == "-":
        return _iv(a[0] - b[1], a[1] - b[0])
    if op == "*":
        return _corners(lambda x, y: x * y, a, b)
    if b[0] == 0.0 and b[1] == 0.0:
        return (0.0, 0.0)
    if b[0] <= 0.0 <= b[1]:
        return None
    q = _corners(lambda x, y: x / y, a, b)
    if q is None or op == "/":
        return q
    # "//": Python's floor division may differ from floor(a / b) by one; widen generously.
    lo = q[0] - 1.0 - abs(q[0]) * 1e-9
    hi = q[1] + 1.0 + abs(q[1]) * 1e-9
    fl = _floor_iv((lo, hi), math.floor)
    return _iv(fl[0], fl[1])


# At most this many decisions a turn (an agenda's briefings) and turns a game: what tagged()
# can count when the turn is not bounded.
_DECISIONS_A_TURN, _TURNS = 3, 1000


def _call_iv(node: Call, bounds: dict[str, tuple[float, float]]) -> Interval | None:
    if node.func == "tagged":  # a count of the decisions of the turns before this one
        turns = bounds.get("turn", (1.0, _TURNS))[1] - 1
        return (0.0, max(0.0, _DECISIONS_A_TURN * float(turns)))
    spec = FUNCTIONS.get(node.func)
    if spec is None or not spec.arity_ok(len(node.args)):
        return None
    args = [interval(arg, bounds) for arg in node.args]
    if any(iv is None for iv in args):
        return None
    ivs: list[Interval] = [iv for iv in args if iv is not None]
    name = node.func
    if name == "min":
        return (min(iv[0] for iv in ivs), min(iv[1] for iv in ivs))
    if name == "max":
        return (max(iv[0] for iv in ivs), max(iv[1] for iv in ivs))
    if name == "clamp":
        x, lo, hi = ivs
        return (min(max(x[0], lo[0]), hi[0]), min(max(x[1], lo[1]), hi[1]))
    if name == "abs":
        low, high = ivs[0]
        if low >= 0.0:
            return (low, high)
        if high <= 0.0:
            return (-high, -low)
        return (0.0, max(-low, high))
    if name in ("round", "floor", "ceil"):
        fl = _floor_iv(ivs[0], math.ceil if name == "ceil" else math.floor)
        if name == "round":
            fl = (fl[0], _floor_iv(ivs[0], math.ceil)[1])
        return _iv(fl[0], fl[1])
    if name == "fair_add":
        # The result lies between x and the target bound it moves toward.
        parts = [ivs[0]] + (ivs[2:] if len(ivs) == 4 else [(0.0, 0.0), (100.0, 100.0)])
        return _hull(*parts)
    return None  # pragma: no cover


def _names_in(node: Node) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name):
            found.add(current.name)
        stack.extend(children(current))
    return found


_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


def _exact_side(node: Node, bounds: dict[str, tuple[float, float]]) -> bool:
    return isinstance(node, Num) or (isinstance(node, Name) and node.name in bounds)


def _compare_possible(
    node: Compare, op: str, bounds: dict[str, tuple[float, float]]
) -> bool | None:
    if isinstance(node.left, Bool | Str) and isinstance(node.right, Bool | Str):
        return bool(CMP_PY[op](node.left.value, node.right.value))
    a = interval(node.left, bounds)
    b = interval(node.right, bounds)
    if a is None or b is None:
        return None
    if op == "<":
        impossible = a[0] >= b[1]
    elif op == "<=":
        impossible = a[0] > b[1]
    elif op == ">":
        impossible = a[1] <= b[0]
    elif op == ">=":
        impossible = a[1] < b[0]
    elif op == "==":
        impossible = a[1] < b[0] or b[1] < a[0]
    else:
        impossible = a[0] == a[1] == b[0] == b[1]
    if impossible:
        return False
    # With a constant or a bounded name on each side (and not the same name twice), every
    # value of each side's interval is attainable independently, so the test can pass.
    exact = _exact_side(node.left, bounds) and _exact_side(node.right, bounds)
    if exact and not (
        isinstance(node.left, Name)
        and isinstance(node.right, Name)
        and node.left.name == node.right.name
    ):
        return True
    return None


def _possible(node: Node, want: bool, bounds: dict[str, tuple[float, float]]) -> bool | None:
    """Can ``node`` evaluate to ``want``? False: provably never; True: provably can; None."""
    if isinstance(node, Bool):
        return node.value is want
    if isinstance(node, Unary) and node.op == "not":
        return _possible(node.operand, not want, bounds)
    if isinstance(node, Compare):
        return _compare_possible(node, node.op if want else _NEGATE[node.op], bounds)
    if isinstance(node, BoolOp):
        # `and` wants True (or `or` wants False) only if every item can; else one item suffices.
        every = (node.op == "and") is want
        if every:
            parts = list(_conjuncts(node, want))
            narrowed = _narrow(parts, bounds)
            if narrowed is None:
                return False
            if narrowed is not bounds and any(
                _possible(part, wanted, narrowed) is False for part, wanted in parts
            ):
                return False
        results = [_possible(item, want, bounds) for item in node.items]
        if every:
            if any(r is False for r in results):
                return False
            if all(r is True for r in results):
                name_sets = [_names_in(item) for item in node.items]
                total = sum(len(s) for s in name_sets)
                if len(set().union(*name_sets)) == total:  # independent items
                    return True
            return None
        if any(r is True for r in results):
            return True
        if all(r is False for r in results):
            return False
        return None
    if isinstance(node, Cond):
        first = _possible(node.test, True, bounds) is False or (
            _possible(node.then, want, bounds) is False
        )
        second = _possible(node.test, False, bounds) is False or (
            _possible(node.orelse, want, bounds) is False
        )
        return False if first and second else None
    return None


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _conjuncts(node: Node, want: bool) -> Iterator[tuple[Node, bool]]:
    """The parts that must each give their value for `node` to give `want`, as (part, value):
    the items of nested `and`s wanted true (of `or`s wanted false), through `not`."""
    if isinstance(node, Unary) and node.op == "not":
        yield from _conjuncts(node.operand, not want)
    elif isinstance(node, BoolOp) and (node.op == "and") is want:
        for item in node.items:
            yield from _conjuncts(item, want)
    else:
        yield node, want


def _narrow(
    parts: list[tuple[Node, bool]], bounds: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]] | None:
    """`bounds` narrowed by the parts of a conjunction that compare a name with a number:
    None if no value is left for some name. What is left holds every value that passes."""
    out = bounds
    for item, wanted in parts:
        if not isinstance(item, Compare):
            continue
        op = item.op if wanted else _NEGATE[item.op]
        if isinstance(item.left, Name) and isinstance(item.right, Num):
            name, value = item.left.name, item.right.value
        elif isinstance(item.right, Name) and isinstance(item.left, Num):
            name, value, op = item.right.name, item.left.value, _FLIP[op]
        else:
            continue
        if name not in out:
            continue
        lo, hi = out[name]
        if op == ">":
            lo = max(lo, math.nextafter(value, math.inf))  # no float lies between
        elif op == ">=":
            lo = max(lo, value)
        elif op == "<":
            hi = min(hi, math.nextafter(value, -math.inf))
        elif op == "<=":
            hi = min(hi, value)
        elif op == "==":
            lo, hi = max(lo, value), min(hi, value)
        if lo > hi:
            return None
        if (lo, hi) != out[name]:
            out = {**out, name: (lo, hi)}
    return out


def can_be_true(node: Node | Compiled, bounds: dict[str, tuple[float, float]]) -> bool | None:
    """For a true/false expression: False if it can provably never hold when each name stays
    within ``bounds``, True if it provably can (assuming every value within a name's bounds is
    reachable), None when unknown."""
    if isinstance(node, Compiled):
        node = node.node
    return _possible(node, True, bounds)
