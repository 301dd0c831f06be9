"""Where an expression can divide by zero (warning W409), for the static analysis.

The language gives 0 for `x / 0`, `x // 0` and `x % 0` rather than failing, so a divisor that
reaches 0 silently changes the result. A divisor is reported when its interval under the
reachable ranges contains 0 and is attained (every value in it can occur), or is exactly 0; a
division guarded by a test that excludes 0 (`if d != 0 then x / d else 0`, `d > 0 and x / d > 1`)
is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.engine import expr as X

Bounds = dict[str, tuple[float, float]]
_DIVIDE = ("/", "//", "%")
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


def zero_divisors(
    node: X.Node, src: str, bounds: Bounds, exact: Callable[[X.Node], bool]
) -> Iterator[tuple[X.Node, tuple[float, float]]]:
    """Each divisor of `node` (parsed from `src`) that can be 0, with its interval; `exact`
    tells whether a node's interval is attained."""
    yield from _walk(node, src, bounds, exact, frozenset())


def _walk(
    node: X.Node,
    src: str,
    bounds: Bounds,
    exact: Callable[[X.Node], bool],
    nonzero: frozenset[str],
) -> Iterator[tuple[X.Node, tuple[float, float]]]:
    if isinstance(node, X.Binary) and node.op in _DIVIDE and _key(src, node.right) not in nonzero:
        iv = X.interval(node.right, bounds)
        if iv is not None and iv[0] <= 0.0 <= iv[1] and (iv == (0.0, 0.0) or exact(node.right)):
            yield node.right, iv
    if isinstance(node, X.Cond):
        yield from _walk(node.test, src, bounds, exact, nonzero)
        yield from _walk(node.then, src, bounds, exact, nonzero | _guards(node.test, True, src))
        yield from _walk(node.orelse, src, bounds, exact, nonzero | _guards(node.test, False, src))
        return
    if isinstance(node, X.BoolOp):
        # later items run only when the earlier ones gave `and` true (`or` false)
        known = nonzero
        for item in node.items:
            yield from _walk(item, src, bounds, exact, known)
            known = known | _guards(item, node.op == "and", src)
        return
    for child in X.children(node):
        yield from _walk(child, src, bounds, exact, nonzero)


def _key(src: str, node: X.Node) -> str:
    """The node's text without spaces: the same subexpression written twice has one key."""
    return "".join(src[node.pos : node.end].split())


def _guards(test: X.Node, truth: bool, src: str) -> frozenset[str]:
    """Subexpressions that cannot be 0 when `test` gives `truth`."""
    if isinstance(test, X.Unary) and test.op == "not":
        return _guards(test.operand, not truth, src)
    if isinstance(test, X.BoolOp):
        if (test.op == "and") is truth:  # every item gave `truth`
            return frozenset().union(*(_guards(i, truth, src) for i in test.items))
        return frozenset()
    if not isinstance(test, X.Compare):
        return frozenset()
    if isinstance(test.right, X.Num):
        side, op, c = test.left, test.op, test.right.value
    elif isinstance(test.left, X.Num):
        side, op, c = test.right, _FLIP[test.op], test.left.value
    else:
        return frozenset()
    if not truth:
        op = _NEGATE[op]
    excludes_zero = {
        "!=": c == 0,
        "==": c != 0,
        ">": c >= 0,
        ">=": c > 0,
        "<": c <= 0,
        "<=": c < 0,
    }[op]
    return frozenset({_key(src, side)}) if excludes_zero else frozenset()
