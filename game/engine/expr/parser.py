"""A Pratt parser: tokens to the syntax tree of an expression or an effect statement."""

from __future__ import annotations

from game.engine.expr.errors import MAX_DEPTH, ExprError
from game.engine.expr.lexer import Token, check_text, tokenize
from game.engine.expr.nodes import (
    Binary,
    Bool,
    BoolOp,
    Call,
    Compare,
    Cond,
    EffectNode,
    Name,
    Node,
    Num,
    Str,
    Unary,
    children,
)

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


def _describe(t: Token) -> str:
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
    def __init__(self, src: str, toks: list[Token]) -> None:
        self.src = src
        self.toks = toks
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.toks[self.i]

    def advance(self) -> Token:
        t = self.toks[self.i]
        if t.kind != "eof":
            self.i += 1
        return t

    def at(self, kind: str, text: str) -> bool:
        t = self.toks[self.i]
        return t.kind == kind and t.text == text

    def unexpected(self, t: Token, expected: str, hint: str | None = None) -> ExprError:
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

    def call(self, name: Token) -> Node:
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
    src = check_text(src)
    parser = _Parser(src, tokenize(src))
    node = parser.expr(0)
    parser.finish()
    _check_depth(node)
    return node


_ASSIGN_OPS = ("=", "+=", "-=", "*=")


def parse_effect(src: str) -> EffectNode:
    """Parse an effect ``NAME op EXPR``; raises :class:`ExprError` (X001, X005 or X006)."""
    src = check_text(src)
    toks = tokenize(src)
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
