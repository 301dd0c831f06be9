"""The tokenizer: source text to tokens, with the limits on length and size checked first."""

from __future__ import annotations

import string
from dataclasses import dataclass

from game.engine.expr.errors import MAX_LENGTH, MAX_NUMBER_CHARS, MAX_STRING, MAX_TOKENS, ExprError


@dataclass(frozen=True, slots=True)
class Token:
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


def check_text(src: object) -> str:
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


def tokenize(src: str) -> list[Token]:
    toks: list[Token] = []
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
            toks.append(Token("num", text, start, i, float(text)))
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
            toks.append(Token("str", src[start:i], start, i, body))
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
            toks.append(Token("kw" if text in _KEYWORDS else "name", text, start, i))
        elif src[i : i + 2] in _OPS2:
            i += 2
            toks.append(Token("op", src[start:i], start, i))
        elif c in _OPS1:
            i += 1
            toks.append(Token("op", c, start, i))
        else:
            shown = c if c.isprintable() and not c.isspace() else repr(c)
            raise ExprError("X001", f"unexpected character {shown!r}", i, i + 1, _CHAR_HINTS.get(c))
    toks.append(Token("eof", "", n, n + 1))
    return toks
