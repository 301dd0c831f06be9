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
    tagged("tag"[, turns])  chose("event/choice")  set_by("flag")   the game's memory

The memory functions (``memory``) read what the government decided earlier in the game; they
are available where the scope carries a :class:`MemoryNames` (every expression of a pack).

Effects are statements ``NAME = EXPR``, ``NAME += EXPR``, ``NAME -= EXPR``, ``NAME *= EXPR``.

Types are number, boolean and string; booleans are not numbers. Evaluation never raises:
division, ``//`` and ``%`` by zero give 0.0, and any arithmetic or function result that would
be infinite or NaN becomes 0.0 (a number-valued expression always returns a finite float).

Limits (error X006): 1,000 characters, 256 tokens, nesting depth 32 (parentheses, calls,
unary and binary operators all count), so no input can cause deep recursion, a hang or
unbounded memory use.

Error codes: X001 syntax, X002 unknown name, X003 type, X004 unknown function or wrong
number of arguments, X005 bad effect target or operator, X006 too long or too deeply nested.

The package, one job per module: ``lexer`` and ``parser`` (text to the tree of ``nodes``),
``scope`` (types and names), ``compiler`` (type-checking and closures, with ``functions`` and
``closures``, and ``memory``), ``intervals`` (the checker's static analysis) and ``errors``.
"""

from __future__ import annotations

from game.engine.expr.compiler import (
    MEMORY,
    Compiled,
    CompiledEffect,
    compile_effect,
    compile_expr,
)
from game.engine.expr.errors import MAX_DEPTH, MAX_LENGTH, MAX_STRING, MAX_TOKENS, ExprError
from game.engine.expr.functions import FUNCTIONS
from game.engine.expr.intervals import can_be_true, interval
from game.engine.expr.memory import MemoryNames
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
from game.engine.expr.parser import parse_effect, parse_expr
from game.engine.expr.scope import Scope, Symbol, Type

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_STRING",
    "MAX_TOKENS",
    "FUNCTIONS",
    "MEMORY",
    "MemoryNames",
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
