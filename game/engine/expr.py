"""A tiny, safe expression language for the conditions, weights, chances and effects of packs.

Content files are untrusted, so nothing here uses ``eval``, ``exec``, ``compile()`` or ``ast``.
Source text goes through a hand-written tokenizer and a Pratt parser into an AST of frozen
dataclasses (each node carries ``pos``/``end`` character offsets), is type-checked against a
:class:`Scope`, and is compiled into nested Python closures with constant folding.

The language::

    12   3.5   .5   true   false   "us"           literals (strings: <= 64 chars, no escapes)
    tension   flags.treaty_signed                 names (at most one dot; looked up whole)
    if C then A else B                            conditional (lowest precedence)
    or   and   not                                boolean logic, short-circuiting
    <  <=  >  >=  ==  !=                          comparisons (cannot be chained)
    +  -     *  /  //  %     -x  +x               arithmetic
    min(a, b, ...)  max(a, b, ...)  clamp(x, lo, hi)  abs(x)  round(x[, ndigits])
    floor(x)  ceil(x)  fair_add(x, amount[, lo, hi])

Effects are statements ``NAME = EXPR``, ``NAME += EXPR``, ``NAME -= EXPR``, ``NAME *= EXPR``.

Types are number, boolean and string; booleans are not numbers. Evaluation never raises:
division, ``//`` and ``%`` by zero give 0.0, and any arithmetic or function result that would
be infinite or NaN becomes 0.0 (a number-valued expression always returns a finite float).

Limits (error X006): 1,000 characters, 256 tokens, nesting depth 32 (parentheses, calls,
unary and binary operators all count), so no input can cause deep recursion, a hang or
unbounded memory use.

Error codes: X001 syntax, X002 unknown name, X003 type, X004 unknown function or wrong
number of arguments, X005 bad effect target or operator, X006 too long or too deeply nested.
"""

from __future__ import annotations

import difflib
import enum
import math
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_STRING",
    "MAX_TOKENS",
    "FUNCTIONS",
    "Type",
    "Symbol",
    "Scope",
    "ExprError",
    "Num",
    "Bool",
    "Str",
    "Name",
    "Unary",
    "Binary",
    "Compare",
    "BoolOp",
    "Cond",
    "Call",
    "Node",
    "EffectNode",
    "Compiled",
    "CompiledEffect",
    "children",
    "parse_expr",
    "parse_effect",
    "compile_expr",
    "compile_effect",
    "interval",
    "can_be_true",
]

MAX_LENGTH = 1000
MAX_TOKENS = 256
MAX_DEPTH = 32
MAX_STRING = 64
MAX_NUMBER_CHARS = 32

Fn = Callable[[list], object]


# --------------------------------------------------------------------------- types & scope


class Type(enum.Enum):
    NUMBER = "number"
    BOOL = "boolean"
    STRING = "string"


_WORD = {Type.NUMBER: "a number", Type.BOOL: "true/false", Type.STRING: "a string"}


@dataclass(frozen=True)
class Symbol:
    name: str
    type: Type
    slot: int
    writable: bool = True


class Scope:
    """The names an expression may use, each bound to a slot of the evaluation environment."""

    def __init__(self, symbols: Iterable[Symbol]) -> None:
        self._symbols: dict[str, Symbol] = {}
        for sym in symbols:
            if sym.name in self._symbols:
                raise ValueError(f"duplicate name in scope: {sym.name!r}")
            self._symbols[sym.name] = sym

    def get(self, name: str) -> Symbol | None:
        return self._symbols.get(name)

    def names(self) -> list[str]:
        return list(self._symbols)

    def __contains__(self, name: object) -> bool:
        return name in self._symbols

    def __len__(self) -> int:
        return len(self._symbols)

    def __repr__(self) -> str:
        return f"Scope({len(self._symbols)} names)"


class ExprError(Exception):
    """A problem in an expression, with a stable code and the character span it concerns."""

    def __init__(
        self, code: str, message: str, pos: int, end: int, hint: str | None = None
    ) -> None:
        super().__init__(code, message, pos, end, hint)
        self.code = code
        self.message = message
        self.pos = pos
        self.end = max(end, pos + 1)
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.code} at {self.pos}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


# --------------------------------------------------------------------------- AST


@dataclass(frozen=True, slots=True)
class Num:
    value: float
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-", "+" or "not"
    operand: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # "+", "-", "*", "/", "//", "%"
    left: Node
    right: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Compare:
    op: str  # "<", "<=", ">", ">=", "==", "!="
    left: Node
    right: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and" or "or"; chains are flattened: a and b and c -> one node
    items: tuple[Node, ...]
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Cond:
    test: Node
    then: Node
    orelse: Node
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Node, ...]
    pos: int
    end: int


Node = Num | Bool | Str | Name | Unary | Binary | Compare | BoolOp | Cond | Call


@dataclass(frozen=True, slots=True)
class EffectNode:
    target: Name
    op: str  # "=", "+=", "-=", "*="
    value: Node
    pos: int
    end: int


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary | Compare):
        return (node.left, node.right)
    if isinstance(node, BoolOp):
        return node.items
    if isinstance(node, Cond):
        return (node.test, node.then, node.orelse)
    if isinstance(node, Call):
        return node.args
    return ()


# --------------------------------------------------------------------------- tokenizer


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "num", "str", "name", "kw", "op", "eof"
    text: str
    pos: int
    end: int
    value: object = None


_DIGITS = frozenset(string.digits)
_IDENT_START = frozenset(string.ascii_letters + "_")
_IDENT = _IDENT_START | _DIGITS
_SPACE = frozenset(" \t\r\n")
_KEYWORDS = frozenset({"true", "false", "and", "or", "not", "if", "then", "else"})
_OPS2 = frozenset({"<=", ">=", "==", "!=", "//", "+=", "-=", "*="})
_OPS1 = frozenset("<>+-*/%(),=")
_CHAR_HINTS = {
    "!": "use `not` to negate and `!=` for not-equal",
    "&": "use `and`",
    "|": "use `or`",
    "'": 'strings use double quotes, like "us"',
    "[": "only round parentheses are allowed",
    "]": "only round parentheses are allowed",
    "{": "only round parentheses are allowed",
    "}": "only round parentheses are allowed",
    "^": "there is no power operator; multiply instead",
}


def _check_text(src: object) -> str:
    if not isinstance(src, str):
        raise ExprError("X001", f"expected an expression as text, got {type(src).__name__}", 0, 1)
    if len(src) > MAX_LENGTH:
        raise ExprError(
            "X006",
            f"expression is {len(src)} characters long; the limit is {MAX_LENGTH}",
            MAX_LENGTH,
            len(src),
            "split it into simpler parts",
        )
    return src


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    n = len(src)
    i = 0
    while True:
        while i < n and src[i] in _SPACE:
            i += 1
        if i >= n:
            break
        if len(toks) >= MAX_TOKENS:
            raise ExprError(
                "X006",
                f"expression has more than {MAX_TOKENS} tokens",
                i,
                n,
                "split it into simpler parts",
            )
        start = i
        c = src[i]
        if c in _DIGITS or (c == "." and i + 1 < n and src[i + 1] in _DIGITS):
            while i < n and src[i] in _DIGITS:
                i += 1
            if i < n and src[i] == ".":
                i += 1
                if i >= n or src[i] not in _DIGITS:
                    raise ExprError(
                        "X001",
                        "expected digits after the decimal point",
                        start,
                        i,
                        "write numbers like 12, 3.5 or .5",
                    )
                while i < n and src[i] in _DIGITS:
                    i += 1
            if i < n and (src[i] in _IDENT or src[i] == "."):
                j = i
                while j < n and (src[j] in _IDENT or src[j] == "."):
                    j += 1
                raise ExprError(
                    "X001",
                    f"bad number {src[start:j]!r}",
                    start,
                    j,
                    "write numbers like 12, 3.5 or .5 (no exponents or units)",
                )
            text = src[start:i]
            if len(text) > MAX_NUMBER_CHARS:
                raise ExprError(
                    "X001",
                    f"number literal is too long (more than {MAX_NUMBER_CHARS} characters)",
                    start,
                    i,
                )
            toks.append(_Tok("num", text, start, i, float(text)))
        elif c == '"':
            close = src.find('"', i + 1)
            if close < 0:
                raise ExprError(
                    "X001", "unterminated string", start, n, 'close it with a double quote (")'
                )
            body = src[i + 1 : close]
            bad = next((k for k, ch in enumerate(body) if ch in "\\\n\r"), None)
            if bad is not None:
                raise ExprError(
                    "X001",
                    "strings cannot contain backslashes or line breaks",
                    start + 1 + bad,
                    start + 2 + bad,
                )
            if len(body) > MAX_STRING:
                raise ExprError(
                    "X001",
                    f"string literal is longer than {MAX_STRING} characters",
                    start,
                    close + 1,
                )
            i = close + 1
            toks.append(_Tok("str", src[start:i], start, i, body))
        elif c in _IDENT_START:
            while i < n and src[i] in _IDENT:
                i += 1
            if i < n and src[i] == ".":
                if i + 1 < n and src[i + 1] in _IDENT_START:
                    i += 1
                    while i < n and src[i] in _IDENT:
                        i += 1
                    if i < n and src[i] == ".":
                        j = i
                        while j < n and (src[j] in _IDENT or src[j] == "."):
                            j += 1
                        raise ExprError(
                            "X001",
                            f"a name can contain at most one dot: {src[start:j]!r}",
                            start,
                            j,
                        )
                else:
                    raise ExprError(
                        "X001", "expected a name after '.'", i, i + 1, "e.g. flags.treaty_signed"
                    )
            text = src[start:i]
            toks.append(_Tok("kw" if text in _KEYWORDS else "name", text, start, i))
        elif src[i : i + 2] in _OPS2:
            i += 2
            toks.append(_Tok("op", src[start:i], start, i))
        elif c in _OPS1:
            i += 1
            toks.append(_Tok("op", c, start, i))
        else:
            shown = c if c.isprintable() and not c.isspace() else repr(c)
            raise ExprError("X001", f"unexpected character {shown!r}", i, i + 1, _CHAR_HINTS.get(c))
    toks.append(_Tok("eof", "", n, n + 1))
    return toks


# --------------------------------------------------------------------------- parser

_BP_OR = 1
_BP_AND = 2
_BP_NOT = 3
_BP_CMP = 4
_BP_ADD = 5
_BP_MUL = 6
_BP_UNARY = 7

_INFIX: dict[tuple[str, str], int] = {
    ("kw", "or"): _BP_OR,
    ("kw", "and"): _BP_AND,
    **{("op", o): _BP_CMP for o in ("<", "<=", ">", ">=", "==", "!=")},
    ("op", "+"): _BP_ADD,
    ("op", "-"): _BP_ADD,
    ("op", "*"): _BP_MUL,
    ("op", "/"): _BP_MUL,
    ("op", "//"): _BP_MUL,
    ("op", "%"): _BP_MUL,
}


def _describe(t: _Tok) -> str:
    if t.kind == "eof":
        return "the end of the expression"
    if t.kind == "num":
        return f"the number {t.text}"
    if t.kind == "str":
        return f"the string {t.text}"
    if t.kind == "name":
        return f"the name '{t.text}'"
    return f"'{t.text}'"


def _too_deep(pos: int, end: int) -> ExprError:
    return ExprError(
        "X006",
        f"expression is nested too deeply (more than {MAX_DEPTH} levels)",
        pos,
        end,
        "simplify it or split it into several parts",
    )


class _Parser:
    def __init__(self, src: str, toks: list[_Tok]) -> None:
        self.src = src
        self.toks = toks
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def advance(self) -> _Tok:
        t = self.toks[self.i]
        if t.kind != "eof":
            self.i += 1
        return t

    def at(self, kind: str, text: str) -> bool:
        t = self.toks[self.i]
        return t.kind == kind and t.text == text

    def unexpected(self, t: _Tok, expected: str, hint: str | None = None) -> ExprError:
        if hint is None and t.kind == "op":
            if t.text == "=":
                hint = "use '==' to compare"
            elif t.text in ("+=", "-=", "*="):
                hint = "assignments are only allowed in effects"
        if hint is None and t.kind == "eof":
            return ExprError("X001", f"expression ended early; expected {expected}", t.pos, t.end)
        return ExprError("X001", f"expected {expected}, found {_describe(t)}", t.pos, t.end, hint)

    def finish(self) -> None:
        t = self.peek()
        if t.kind != "eof":
            if t.kind == "op" and t.text == ")":
                raise ExprError("X001", "unmatched ')'", t.pos, t.end, "remove it or add '('")
            raise self.unexpected(t, "an operator or the end of the expression")

    def expr(self, min_bp: int) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            t = self.peek()
            raise _too_deep(t.pos, t.end)
        if min_bp == 0 and self.at("kw", "if"):
            node = self.conditional()
            self.depth -= 1
            return node
        left = self.prefix()
        made_cmp = False
        while True:
            t = self.peek()
            bp = _INFIX.get((t.kind, t.text))
            if bp is None or bp <= min_bp:
                break
            self.advance()
            if bp == _BP_CMP:
                if made_cmp:
                    assert isinstance(left, Compare)
                    first = self.src[left.pos : left.end]
                    middle = self.src[left.right.pos : left.right.end]
                    raise ExprError(
                        "X001",
                        "comparisons cannot be chained",
                        t.pos,
                        t.end,
                        f"write `{first} and {middle} {t.text} ...`",
                    )
                made_cmp = True
            right = self.expr(bp)
            if bp == _BP_CMP:
                left = Compare(t.text, left, right, left.pos, right.end)
            elif bp in (_BP_AND, _BP_OR):
                if isinstance(left, BoolOp) and left.op == t.text:
                    left = BoolOp(t.text, (*left.items, right), left.pos, right.end)
                else:
                    left = BoolOp(t.text, (left, right), left.pos, right.end)
            else:
                left = Binary(t.text, left, right, left.pos, right.end)
        self.depth -= 1
        return left

    def conditional(self) -> Node:
        start = self.advance()  # "if"
        test = self.expr(0)
        if not self.at("kw", "then"):
            raise self.unexpected(self.peek(), "'then' after the condition of 'if'")
        self.advance()
        then = self.expr(0)
        if not self.at("kw", "else"):
            raise self.unexpected(self.peek(), "'else' (every 'if' needs 'then' and 'else' parts)")
        self.advance()
        orelse = self.expr(0)
        return Cond(test, then, orelse, start.pos, orelse.end)

    def prefix(self) -> Node:
        t = self.advance()
        kind = t.kind
        if kind == "num":
            assert isinstance(t.value, float)
            return Num(t.value, t.pos, t.end)
        if kind == "str":
            assert isinstance(t.value, str)
            return Str(t.value, t.pos, t.end)
        if kind == "name":
            if self.at("op", "("):
                return self.call(t)
            return Name(t.text, t.pos, t.end)
        if kind == "kw":
            if t.text in ("true", "false"):
                return Bool(t.text == "true", t.pos, t.end)
            if t.text == "not":
                operand = self.expr(_BP_NOT)
                return Unary("not", operand, t.pos, operand.end)
            if t.text == "if":
                raise ExprError(
                    "X001",
                    "an 'if ... then ... else ...' inside a larger expression needs parentheses",
                    t.pos,
                    t.end,
                    "wrap it in parentheses: (if ... then ... else ...)",
                )
        if kind == "op":
            if t.text in ("-", "+"):
                operand = self.expr(_BP_UNARY)
                return Unary(t.text, operand, t.pos, operand.end)
            if t.text == "(":
                inner = self.expr(0)
                close = self.peek()
                if close.kind == "op" and close.text == ")":
                    self.advance()
                    return inner
                if close.kind == "eof":
                    raise ExprError("X001", "unclosed '('", t.pos, t.end, "add a matching ')'")
                raise self.unexpected(close, "')'")
        raise self.unexpected(t, "a value")

    def call(self, name: _Tok) -> Node:
        opening = self.advance()  # "("
        args: list[Node] = []
        if self.at("op", ")"):
            close = self.advance()
            return Call(name.text, (), name.pos, close.end)
        while True:
            args.append(self.expr(0))
            t = self.peek()
            if t.kind == "op" and t.text == ",":
                self.advance()
                continue
            if t.kind == "op" and t.text == ")":
                self.advance()
                return Call(name.text, tuple(args), name.pos, t.end)
            if t.kind == "eof":
                raise ExprError(
                    "X001",
                    f"unclosed '(' in the call to {name.text}",
                    opening.pos,
                    opening.end,
                    "add a matching ')'",
                )
            raise self.unexpected(t, f"',' or ')' in the call to {name.text}")


def _check_depth(node: Node) -> None:
    stack: list[tuple[Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(current.pos, current.end)
        for child in children(current):
            stack.append((child, depth + 1))


def parse_expr(src: str) -> Node:
    """Parse an expression; raises :class:`ExprError` (X001 or X006)."""
    src = _check_text(src)
    parser = _Parser(src, _tokenize(src))
    node = parser.expr(0)
    parser.finish()
    _check_depth(node)
    return node


_ASSIGN_OPS = ("=", "+=", "-=", "*=")


def parse_effect(src: str) -> EffectNode:
    """Parse an effect ``NAME op EXPR``; raises :class:`ExprError` (X001, X005 or X006)."""
    src = _check_text(src)
    toks = _tokenize(src)
    first = toks[0]
    example = "e.g. `tension += 5` or `flags.treaty_signed = true`"
    if first.kind == "eof":
        raise ExprError("X005", "empty effect; expected `NAME = value`", 0, 1, example)
    if first.kind != "name":
        raise ExprError(
            "X005",
            f"an effect must start with the name to change, found {_describe(first)}",
            first.pos,
            first.end,
            example,
        )
    op = toks[1]
    if op.kind != "op" or op.text not in _ASSIGN_OPS:
        hint = example
        if op.kind == "op" and op.text == "==":
            hint = "use '=' to assign; '==' compares"
        elif op.kind == "op" and op.text in ("/", "//", "%", "("):
            hint = "only '=', '+=', '-=' and '*=' are supported"
        raise ExprError(
            "X005",
            f"expected '=', '+=', '-=' or '*=' after '{first.text}', found {_describe(op)}",
            op.pos,
            op.end,
            hint,
        )
    parser = _Parser(src, toks)
    parser.i = 2
    value = parser.expr(0)
    parser.finish()
    _check_depth(value)
    return EffectNode(Name(first.text, first.pos, first.end), op.text, value, first.pos, value.end)


# --------------------------------------------------------------------------- runtime helpers


def _fin(x: float) -> float:
    return x if x - x == 0.0 else 0.0


def _div(a: float, b: float) -> float:
    try:
        r = a / b
    except ArithmeticError:
        return 0.0
    return r if r - r == 0.0 else 0.0


def _floordiv(a: float, b: float) -> float:
    try:
        r = a // b
    except ArithmeticError:
        return 0.0
    return r if r - r == 0.0 else 0.0


def _mod(a: float, b: float) -> float:
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


_ARITH: dict[str, Callable[[float, float], float]] = {
    "+": _add,
    "-": _sub,
    "*": _mul,
    "/": _div,
    "//": _floordiv,
    "%": _mod,
}


def _clamp(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _round1(x: float) -> float:
    return float(round(x)) if x - x == 0.0 else 0.0


def _round2(x: float, ndigits: float) -> float:
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
_FUNC_HINT = "functions: " + ", ".join(f.signature for f in FUNCTIONS.values())


# --------------------------------------------------------------------------- closure tables
# Specialised closures for common shapes: N = name (slot), C = constant, F = any closure.

_CMP_NC: dict[str, Callable[[int, object], Fn]] = {
    "<": lambda s, c: lambda env: env[s] < c,
    "<=": lambda s, c: lambda env: env[s] <= c,
    ">": lambda s, c: lambda env: env[s] > c,
    ">=": lambda s, c: lambda env: env[s] >= c,
    "==": lambda s, c: lambda env: env[s] == c,
    "!=": lambda s, c: lambda env: env[s] != c,
}
_CMP_CN: dict[str, Callable[[object, int], Fn]] = {
    "<": lambda c, s: lambda env: c < env[s],
    "<=": lambda c, s: lambda env: c <= env[s],
    ">": lambda c, s: lambda env: c > env[s],
    ">=": lambda c, s: lambda env: c >= env[s],
    "==": lambda c, s: lambda env: c == env[s],
    "!=": lambda c, s: lambda env: c != env[s],
}
_CMP_NN: dict[str, Callable[[int, int], Fn]] = {
    "<": lambda a, b: lambda env: env[a] < env[b],
    "<=": lambda a, b: lambda env: env[a] <= env[b],
    ">": lambda a, b: lambda env: env[a] > env[b],
    ">=": lambda a, b: lambda env: env[a] >= env[b],
    "==": lambda a, b: lambda env: env[a] == env[b],
    "!=": lambda a, b: lambda env: env[a] != env[b],
}
_CMP_FC: dict[str, Callable[[Fn, object], Fn]] = {
    "<": lambda f, c: lambda env: f(env) < c,
    "<=": lambda f, c: lambda env: f(env) <= c,
    ">": lambda f, c: lambda env: f(env) > c,
    ">=": lambda f, c: lambda env: f(env) >= c,
    "==": lambda f, c: lambda env: f(env) == c,
    "!=": lambda f, c: lambda env: f(env) != c,
}
_CMP_CF: dict[str, Callable[[object, Fn], Fn]] = {
    "<": lambda c, f: lambda env: c < f(env),
    "<=": lambda c, f: lambda env: c <= f(env),
    ">": lambda c, f: lambda env: c > f(env),
    ">=": lambda c, f: lambda env: c >= f(env),
    "==": lambda c, f: lambda env: c == f(env),
    "!=": lambda c, f: lambda env: c != f(env),
}
_CMP_FF: dict[str, Callable[[Fn, Fn], Fn]] = {
    "<": lambda f, g: lambda env: f(env) < g(env),
    "<=": lambda f, g: lambda env: f(env) <= g(env),
    ">": lambda f, g: lambda env: f(env) > g(env),
    ">=": lambda f, g: lambda env: f(env) >= g(env),
    "==": lambda f, g: lambda env: f(env) == g(env),
    "!=": lambda f, g: lambda env: f(env) != g(env),
}
_CMP_PY: dict[str, Callable[[object, object], bool]] = {
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}

# "+", "-", "*" with the finite-result guard inlined.
_AR_NC: dict[str, Callable[[int, float], Fn]] = {
    "+": lambda s, c: lambda env: r if (r := env[s] + c) - r == 0.0 else 0.0,
    "-": lambda s, c: lambda env: r if (r := env[s] - c) - r == 0.0 else 0.0,
    "*": lambda s, c: lambda env: r if (r := env[s] * c) - r == 0.0 else 0.0,
    "/": lambda s, c: lambda env: r if (r := env[s] / c) - r == 0.0 else 0.0,
}
_AR_CN: dict[str, Callable[[float, int], Fn]] = {
    "+": lambda c, s: lambda env: r if (r := c + env[s]) - r == 0.0 else 0.0,
    "-": lambda c, s: lambda env: r if (r := c - env[s]) - r == 0.0 else 0.0,
    "*": lambda c, s: lambda env: r if (r := c * env[s]) - r == 0.0 else 0.0,
}
_AR_FC: dict[str, Callable[[Fn, float], Fn]] = {
    "+": lambda f, c: lambda env: r if (r := f(env) + c) - r == 0.0 else 0.0,
    "-": lambda f, c: lambda env: r if (r := f(env) - c) - r == 0.0 else 0.0,
    "*": lambda f, c: lambda env: r if (r := f(env) * c) - r == 0.0 else 0.0,
    "/": lambda f, c: lambda env: r if (r := f(env) / c) - r == 0.0 else 0.0,
}
_AR_CF: dict[str, Callable[[float, Fn], Fn]] = {
    "+": lambda c, f: lambda env: r if (r := c + f(env)) - r == 0.0 else 0.0,
    "-": lambda c, f: lambda env: r if (r := c - f(env)) - r == 0.0 else 0.0,
    "*": lambda c, f: lambda env: r if (r := c * f(env)) - r == 0.0 else 0.0,
}
_AR_NN: dict[str, Callable[[int, int], Fn]] = {
    "+": lambda a, b: lambda env: r if (r := env[a] + env[b]) - r == 0.0 else 0.0,
    "-": lambda a, b: lambda env: r if (r := env[a] - env[b]) - r == 0.0 else 0.0,
    "*": lambda a, b: lambda env: r if (r := env[a] * env[b]) - r == 0.0 else 0.0,
}
_AR_FF: dict[str, Callable[[Fn, Fn], Fn]] = {
    "+": lambda f, g: lambda env: r if (r := f(env) + g(env)) - r == 0.0 else 0.0,
    "-": lambda f, g: lambda env: r if (r := f(env) - g(env)) - r == 0.0 else 0.0,
    "*": lambda f, g: lambda env: r if (r := f(env) * g(env)) - r == 0.0 else 0.0,
    "/": lambda f, g: lambda env: _div(f(env), g(env)),
    "//": lambda f, g: lambda env: _floordiv(f(env), g(env)),
    "%": lambda f, g: lambda env: _mod(f(env), g(env)),
}
_BOOL2: dict[str, Callable[[Fn, Fn], Fn]] = {
    "and": lambda f, g: lambda env: f(env) and g(env),
    "or": lambda f, g: lambda env: f(env) or g(env),
}
_BOOL3: dict[str, Callable[[Fn, Fn, Fn], Fn]] = {
    "and": lambda f, g, h: lambda env: f(env) and g(env) and h(env),
    "or": lambda f, g, h: lambda env: f(env) or g(env) or h(env),
}


def _const_fn(value: object) -> Fn:
    return lambda env: value


def _not_name(slot: int) -> Fn:
    return lambda env: not env[slot]


def _not_fn(f: Fn) -> Fn:
    return lambda env: not f(env)


def _neg_name(slot: int) -> Fn:
    return lambda env: -env[slot]


def _neg_fn(f: Fn) -> Fn:
    return lambda env: -f(env)


def _fin_fn(f: Fn) -> Fn:
    return lambda env: r if (r := f(env)) - r == 0.0 else 0.0


def _all_fn(fs: tuple[Fn, ...]) -> Fn:
    return lambda env: all(f(env) for f in fs)


def _any_fn(fs: tuple[Fn, ...]) -> Fn:
    return lambda env: any(f(env) for f in fs)


def _cond_fn(t: Fn, a: Fn, b: Fn) -> Fn:
    return lambda env: a(env) if t(env) else b(env)


def _call_fn(impl: Callable[..., float], fs: tuple[Fn, ...]) -> Fn:
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


# --------------------------------------------------------------------------- compiler


@dataclass(frozen=True, slots=True)
class Compiled:
    src: str
    type: Type
    fn: Callable[[list], object] = field(repr=False, compare=False)
    reads: frozenset[str]
    node: Node = field(repr=False)
    const: object | None = None


@dataclass(frozen=True, slots=True)
class CompiledEffect:
    src: str
    target: Symbol
    op: str
    value: Compiled
    reads: frozenset[str]
    fn: Callable[[list], object] = field(repr=False, compare=False)

    def apply(self, env: list) -> object:
        """The new raw value for the target (not stored and not clamped)."""
        return self.fn(env)


class _C:
    """A compiled sub-expression."""

    __slots__ = ("type", "fn", "known", "value", "slot", "reads")

    def __init__(
        self,
        type_: Type,
        fn: Fn,
        reads: frozenset[str],
        *,
        known: bool = False,
        value: object = None,
        slot: int = -1,
    ) -> None:
        self.type = type_
        self.fn = fn
        self.reads = reads
        self.known = known  # value is known at compile time (pure, so safe to fold)
        self.value = value
        self.slot = slot  # >= 0 for a bare name


def _known(type_: Type, value: object, reads: frozenset[str]) -> _C:
    return _C(type_, _const_fn(value), reads, known=True, value=value)


_EMPTY: frozenset[str] = frozenset()


def _type_error(node: Node, message: str, hint: str | None = None) -> ExprError:
    return ExprError("X003", message, node.pos, node.end, hint)


def _tw(t: Type) -> str:
    return t.value


def _unknown_name(node: Name, scope: Scope) -> ExprError:
    name = node.name
    names = scope.names()
    hint: str | None = None
    lowered = name.lower()
    if name in FUNCTIONS:
        hint = f"'{name}' is a function; call it like {FUNCTIONS[name].signature}"
    elif lowered in ("true", "false"):
        hint = f"booleans are written `{lowered}`"
    elif lowered in ("and", "or", "not", "if", "then", "else"):
        hint = f"keywords are lower-case: `{lowered}`"
    if hint is None:
        matches = difflib.get_close_matches(name, names, n=3)
        if not matches and "." in name:
            prefix, rest = name.split(".", 1)
            prefixes = sorted({n.split(".", 1)[0] for n in names if "." in n})
            for p in difflib.get_close_matches(prefix, prefixes, n=1):
                # e.g. `flag.treaty`: fix the namespace, then look for the closest member
                members = [n for n in names if n.startswith(p + ".")]
                matches = difflib.get_close_matches(f"{p}.{rest}", members, n=3)
        if matches:
            hint = "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
        else:
            plain = [n for n in names if "." not in n]
            spaces = sorted({n.split(".", 1)[0] for n in names if "." in n})
            shown = ", ".join(plain[:12]) + (", ..." if len(plain) > 12 else "")
            parts = []
            if shown:
                parts.append(f"variables: {shown}")
            parts.extend(f"{p}.NAME" for p in spaces)
            hint = "known names are " + "; ".join(parts) if parts else "no names are available"
    return ExprError("X002", f"unknown name '{name}'", node.pos, node.end, hint)


def _need(c: _C, node: Node, want: Type, what: str, hint: str | None = None) -> None:
    if c.type is not want:
        raise _type_error(node, f"{what} needs {_plural(want)}, got {_tw(c.type)}", hint)


def _plural(t: Type) -> str:
    return {Type.NUMBER: "numbers", Type.BOOL: "booleans", Type.STRING: "strings"}[t]


_CMP_HINT = "compare it, e.g. `tension > 50`"
_BOOLNUM_HINT = "booleans are not numbers; use `if COND then 1 else 0`"


def _compile(node: Node, scope: Scope) -> _C:
    if isinstance(node, Num):
        return _known(Type.NUMBER, node.value, _EMPTY)
    if isinstance(node, Bool):
        return _known(Type.BOOL, node.value, _EMPTY)
    if isinstance(node, Str):
        return _known(Type.STRING, node.value, _EMPTY)
    if isinstance(node, Name):
        sym = scope.get(node.name)
        if sym is None:
            raise _unknown_name(node, scope)
        return _C(sym.type, itemgetter(sym.slot), frozenset((node.name,)), slot=sym.slot)
    if isinstance(node, Unary):
        return _compile_unary(node, scope)
    if isinstance(node, Binary):
        return _compile_binary(node, scope)
    if isinstance(node, Compare):
        return _compile_compare(node, scope)
    if isinstance(node, BoolOp):
        return _compile_boolop(node, scope)
    if isinstance(node, Cond):
        return _compile_cond(node, scope)
    if isinstance(node, Call):
        return _compile_call(node, scope)
    raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover


def _compile_unary(node: Unary, scope: Scope) -> _C:
    c = _compile(node.operand, scope)
    if node.op == "not":
        _need(c, node.operand, Type.BOOL, "`not`", _CMP_HINT)
        if c.known:
            return _known(Type.BOOL, not c.value, c.reads)
        fn = _not_name(c.slot) if c.slot >= 0 else _not_fn(c.fn)
        return _C(Type.BOOL, fn, c.reads)
    _need(c, node.operand, Type.NUMBER, f"unary `{node.op}`", _BOOLNUM_HINT)
    if node.op == "+":
        return c
    if c.known:
        assert isinstance(c.value, float)
        return _known(Type.NUMBER, -c.value, c.reads)
    return _C(Type.NUMBER, _neg_name(c.slot) if c.slot >= 0 else _neg_fn(c.fn), c.reads)


def _compile_binary(node: Binary, scope: Scope) -> _C:
    a = _compile(node.left, scope)
    b = _compile(node.right, scope)
    op = node.op
    _need(a, node.left, Type.NUMBER, f"`{op}`", _BOOLNUM_HINT)
    _need(b, node.right, Type.NUMBER, f"`{op}`", _BOOLNUM_HINT)
    reads = a.reads | b.reads
    if a.known and b.known:
        return _known(Type.NUMBER, _ARITH[op](a.value, b.value), reads)  # type: ignore[arg-type]
    if b.known and op in ("/", "//", "%") and b.value == 0:
        return _known(Type.NUMBER, 0.0, reads)
    fn: Fn
    if b.known and op in _AR_FC:
        fn = _AR_NC[op](a.slot, b.value) if a.slot >= 0 else _AR_FC[op](a.fn, b.value)
    elif a.known and op in _AR_CF:
        fn = _AR_CN[op](a.value, b.slot) if b.slot >= 0 else _AR_CF[op](a.value, b.fn)
    elif a.slot >= 0 and b.slot >= 0 and op in _AR_NN:
        fn = _AR_NN[op](a.slot, b.slot)
    else:
        fn = _AR_FF[op](a.fn, b.fn)
    return _C(Type.NUMBER, fn, reads)


def _compile_compare(node: Compare, scope: Scope) -> _C:
    a = _compile(node.left, scope)
    b = _compile(node.right, scope)
    op = node.op
    if op in ("==", "!="):
        if a.type is not b.type:
            raise _type_error(
                node,
                f"cannot compare {_tw(a.type)} with {_tw(b.type)} using `{op}`",
                "both sides of a comparison must have the same type",
            )
    else:
        _need(a, node.left, Type.NUMBER, f"`{op}`")
        _need(b, node.right, Type.NUMBER, f"`{op}`")
    reads = a.reads | b.reads
    if a.known and b.known:
        return _known(Type.BOOL, _CMP_PY[op](a.value, b.value), reads)
    fn: Fn
    if b.known:
        fn = _CMP_NC[op](a.slot, b.value) if a.slot >= 0 else _CMP_FC[op](a.fn, b.value)
    elif a.known:
        fn = _CMP_CN[op](a.value, b.slot) if b.slot >= 0 else _CMP_CF[op](a.value, b.fn)
    elif a.slot >= 0 and b.slot >= 0:
        fn = _CMP_NN[op](a.slot, b.slot)
    else:
        fn = _CMP_FF[op](a.fn, b.fn)
    return _C(Type.BOOL, fn, reads)


def _compile_boolop(node: BoolOp, scope: Scope) -> _C:
    op = node.op
    absorbing = op == "or"  # the value that decides the result: false for and, true for or
    items = [_compile(item, scope) for item in node.items]
    reads = _EMPTY
    for c, item in zip(items, node.items, strict=True):
        _need(c, item, Type.BOOL, f"`{op}`", _CMP_HINT)
        reads = reads | c.reads
    # Expressions are pure and total, so constant items can be folded away wherever they are.
    if any(c.known and bool(c.value) is absorbing for c in items):
        return _known(Type.BOOL, absorbing, reads)
    live = [c for c in items if not c.known]
    if not live:
        return _known(Type.BOOL, not absorbing, reads)
    if len(live) == 1:
        only = live[0]
        return _C(Type.BOOL, only.fn, reads, slot=only.slot)
    fns = tuple(c.fn for c in live)
    if len(fns) == 2:
        fn = _BOOL2[op](*fns)
    elif len(fns) == 3:
        fn = _BOOL3[op](*fns)
    else:
        fn = _any_fn(fns) if absorbing else _all_fn(fns)
    return _C(Type.BOOL, fn, reads)


def _compile_cond(node: Cond, scope: Scope) -> _C:
    t = _compile(node.test, scope)
    a = _compile(node.then, scope)
    b = _compile(node.orelse, scope)
    if t.type is not Type.BOOL:
        raise _type_error(
            node.test,
            f"the condition after `if` must be true/false, this is {_WORD[t.type]}",
            _CMP_HINT,
        )
    if a.type is not b.type:
        raise _type_error(
            node,
            f"both branches of `if` must have the same type, got {_tw(a.type)} and {_tw(b.type)}",
        )
    reads = t.reads | a.reads | b.reads
    if t.known:
        chosen = a if t.value else b
        if chosen.known:
            return _known(chosen.type, chosen.value, reads)
        return _C(chosen.type, chosen.fn, reads, slot=chosen.slot)
    return _C(a.type, _cond_fn(t.fn, a.fn, b.fn), reads)


def _compile_call(node: Call, scope: Scope) -> _C:
    spec = FUNCTIONS.get(node.func)
    name_end = node.pos + len(node.func)
    if spec is None:
        if node.func in scope:
            message = f"'{node.func}' is not a function"
        else:
            message = f"unknown function '{node.func}'"
        close = difflib.get_close_matches(node.func, list(FUNCTIONS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ExprError("X004", message, node.pos, name_end, hint + _FUNC_HINT)
    n = len(node.args)
    if not spec.arity_ok(n):
        raise ExprError(
            "X004",
            f"wrong number of arguments for `{spec.name}`: got {n}, usage is {spec.signature}",
            node.pos,
            node.end,
            _FUNC_HINT,
        )
    args = [_compile(arg, scope) for arg in node.args]
    reads = _EMPTY
    for c, arg in zip(args, node.args, strict=True):
        _need(c, arg, Type.NUMBER, f"`{spec.name}`", _BOOLNUM_HINT)
        reads = reads | c.reads
    impl = spec.impl
    if spec.name == "round" and n == 2:
        impl = _round2
    if all(c.known for c in args):
        return _known(Type.NUMBER, _fin(float(impl(*[c.value for c in args]))), reads)
    return _C(Type.NUMBER, _call_fn(impl, tuple(c.fn for c in args)), reads)


def _guarded(node: Node) -> bool:
    """Whether a number-valued node's closure already guarantees a finite result."""
    if isinstance(node, Num | Binary):
        return True
    if isinstance(node, Call):
        spec = FUNCTIONS.get(node.func)
        return spec is not None and spec.guarded
    return False


def _finish(src: str, node: Node, c: _C) -> Compiled:
    fn = c.fn
    if c.type is Type.NUMBER and not c.known and not _guarded(node):
        fn = _fin_fn(fn)
    const = c.value if c.known and not c.reads else None
    return Compiled(src, c.type, fn, c.reads, node, const)


def compile_expr(src: str, scope: Scope, expect: Type | None = None) -> Compiled:
    """Parse, type-check and compile an expression; raises :class:`ExprError`."""
    node = parse_expr(src)
    c = _compile(node, scope)
    if expect is not None and c.type is not expect:
        if expect is Type.BOOL:
            message = f"a condition must be true/false, this is {_WORD[c.type]}"
            hint: str | None = _CMP_HINT if c.type is Type.NUMBER else None
        else:
            message = f"expected {_WORD[expect]} here, this is {_WORD[c.type]}"
            hint = _BOOLNUM_HINT if c.type is Type.BOOL and expect is Type.NUMBER else None
        raise _type_error(node, message, hint)
    return _finish(src, node, c)


def compile_effect(src: str, scope: Scope) -> CompiledEffect:
    """Parse, check and compile an effect statement; raises :class:`ExprError`."""
    eff = parse_effect(src)
    target = eff.target
    sym = scope.get(target.name)
    if sym is None:
        raise _unknown_name(target, scope)
    if not sym.writable:
        raise ExprError(
            "X005",
            f"'{target.name}' is read-only and cannot be changed by an effect",
            target.pos,
            target.end,
        )
    op_pos = src.find(eff.op, target.end)
    if eff.op != "=" and sym.type is not Type.NUMBER:
        raise ExprError(
            "X005",
            f"`{eff.op}` only works on numbers, but '{target.name}' is {_WORD[sym.type]}",
            op_pos,
            op_pos + len(eff.op),
            f"use `{target.name} = ...`",
        )
    c = _compile(eff.value, scope)
    if c.type is not sym.type:
        raise _type_error(
            eff.value,
            f"'{target.name}' is {_WORD[sym.type]}, but the value is {_WORD[c.type]}",
        )
    value = _finish(src, eff.value, c)  # whole source, so node offsets stay valid
    s = sym.slot
    fn: Fn
    if eff.op == "=":
        fn = value.fn
    else:
        arith = eff.op[0]
        fn = (
            _AR_NC[arith](s, c.value)  # type: ignore[arg-type]
            if c.known
            else _AR_FF[arith](itemgetter(s), value.fn)
        )
    reads = value.reads if eff.op == "=" else value.reads | {target.name}
    return CompiledEffect(src, sym, eff.op, value, frozenset(reads), fn)


# --------------------------------------------------------------------------- static analysis

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


def _call_iv(node: Call, bounds: dict[str, tuple[float, float]]) -> Interval | None:
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
        lo, hi = ivs[0]
        if lo >= 0.0:
            return (lo, hi)
        if hi <= 0.0:
            return (-hi, -lo)
        return (0.0, max(-lo, hi))
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
        return bool(_CMP_PY[op](node.left.value, node.right.value))
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


def can_be_true(node: Node | Compiled, bounds: dict[str, tuple[float, float]]) -> bool | None:
    """For a true/false expression: False if it can provably never hold when each name stays
    within ``bounds``, True if it provably can (assuming every value within a name's bounds is
    reachable), None when unknown."""
    if isinstance(node, Compiled):
        node = node.node
    return _possible(node, True, bounds)
