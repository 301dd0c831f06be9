"""Type-checking against a scope and compiling to closures, with constant folding."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from operator import itemgetter

from game.engine.expr.closures import (
    AR_CF,
    AR_CN,
    AR_FC,
    AR_FF,
    AR_FN,
    AR_NC,
    AR_NF,
    AR_NN,
    BOOL2,
    BOOL2_NC,
    BOOL3,
    CMP_CF,
    CMP_CN,
    CMP_FC,
    CMP_FF,
    CMP_FN,
    CMP_NC,
    CMP_NF,
    CMP_NN,
    CMP_PY,
    all_fn,
    any_fn,
    call_fn,
    call_nc_fn,
    clamp_fn,
    cond_fn,
    const_fn,
    fair_add_nc,
    finite_fn,
    neg_fn,
    neg_name,
    not_fn,
    not_name,
)
from game.engine.expr.errors import ExprError
from game.engine.expr.functions import ARITH, FUNC_HINT, FUNCTIONS, finite, round_to
from game.engine.expr.memory import SIGNATURES as MEMORY_FUNCTIONS
from game.engine.expr.memory import compile_memory
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
from game.engine.expr.parser import parse_effect, parse_expr
from game.engine.expr.scope import TYPE_WORDS, Env, Fn, Scope, Symbol, Type, Value

MEMORY = "(memory)"  # in `reads`: the expression reads the government's past decisions

# How a number-valued closure computes its value, when it is arithmetic on names and constants
# alone: ("N", slot) reads a slot, ("C", c) is a constant, (op, a, b) applies "+", "-", "*" or
# "/" (by a constant other than 0) to the values of the trees a and b. Each closure makes its
# value 0 when it is not finite; one whose operands are bounded may be computed without those
# guards (game.engine.inline).
Tree = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Compiled:
    src: str
    type: Type
    fn: Fn = field(repr=False, compare=False)
    reads: frozenset[str]
    node: Node = field(repr=False)
    const: Value | None = None
    # (source, closure) of every divisor that is not a non-zero constant: evaluation makes
    # x / 0 a 0, and an explained turn says so (game.engine.resolve)
    divisors: tuple[tuple[str, Fn], ...] = field(default=(), repr=False, compare=False)
    tree: Tree | None = field(default=None, repr=False, compare=False)  # how `fn` computes


@dataclass(frozen=True, slots=True)
class CompiledEffect:
    src: str
    target: Symbol
    op: str
    value: Compiled
    reads: frozenset[str]
    fn: Fn = field(repr=False, compare=False)
    tree: Tree | None = field(default=None, repr=False, compare=False)  # how `fn` computes

    def apply(self, env: Env) -> Value:
        """The new raw value for the target (not stored and not clamped)."""
        return self.fn(env)


class _C:
    """A compiled sub-expression."""

    __slots__ = ("type", "fn", "known", "value", "slot", "reads", "name_vs_const", "tree")

    def __init__(
        self,
        type_: Type,
        fn: Fn,
        reads: frozenset[str],
        *,
        known: bool = False,
        value: Value = None,
        slot: int = -1,
        name_vs_const: tuple[str, int, Value] | None = None,
        tree: Tree | None = None,
    ) -> None:
        self.type = type_
        self.fn = fn
        self.reads = reads
        self.known = known  # value is known at compile time (pure, so safe to fold)
        self.value = value
        self.slot = slot  # >= 0 for a bare name
        # (operator, slot, constant) of a comparison of a name with a constant, to fuse it
        self.name_vs_const = name_vs_const
        self.tree = tree  # a number's, when `fn` computes one (`Tree`)


def _known(type_: Type, value: Value, reads: frozenset[str]) -> _C:
    tree = ("C", value) if type_ is Type.NUMBER else None
    return _C(type_, const_fn(value), reads, known=True, value=value, tree=tree)


_EMPTY: frozenset[str] = frozenset()


def _type_error(node: Node, message: str, hint: str | None = None) -> ExprError:
    return ExprError("X003", message, node.pos, node.end, hint)


def _assignment_hint(name: str, want: Type, value: Node) -> str:
    """How to give `name` a value of its type (a quoted number or true/false is a string)."""
    if isinstance(value, Str):
        bare = value.value.strip()
        if want is Type.NUMBER and re.fullmatch(r"-?\d+(\.\d+)?", bare):
            return f"write {bare} without quotes: in quotes it is a string"
        if want is Type.BOOL and bare in ("true", "false"):
            return f"write {bare} without quotes: in quotes it is a string"
    example = {Type.NUMBER: f"{name} += 5", Type.BOOL: f"{name} = true"}.get(want, f'{name} = "…"')
    return f"give '{name}' {TYPE_WORDS[want]}, e.g. `{example}`"


def _tw(t: Type) -> str:
    return t.value


# What declares the names of each namespace, for "declare it" hints.
_DECLARED_BY = {"flags": "[[flag]]", "assume": "[[assumption]]", "situation": "[[situation]]"}


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
        hint = _closest_name(name, names)
    return ExprError("X002", f"unknown name '{name}'", node.pos, node.end, hint)


def _closest_name(name: str, names: list[str]) -> str:
    """ "did you mean …?" within the name's namespace (a flag for a flag: the shared `flags.`
    does not make two flags alike), else where to declare it."""
    prefix, dot, rest = name.partition(".")
    if dot:
        spaces = sorted({n.split(".", 1)[0] for n in names if "." in n} | set(_DECLARED_BY))
        space = next(iter(difflib.get_close_matches(prefix, spaces, n=1)), prefix)
        members = [n.split(".", 1)[1] for n in names if n.startswith(space + ".")]
        same = [m for m in members if m.lower() == rest.lower()]
        close = same or difflib.get_close_matches(rest, members, n=3, cutoff=0.75)
        if close:
            return "did you mean " + " or ".join(f"'{space}.{m}'" for m in close) + "?"
        if space in _DECLARED_BY:
            return (
                f"no {_DECLARED_BY[space][2:-2]} is named '{rest}': declare it, "
                f'{_DECLARED_BY[space]} with id = "{rest}", or use one that is declared'
            )
        return f"names with a dot start with {', '.join(s + '.' for s in spaces)}"
    plain = [n for n in names if "." not in n]
    same = [n for n in plain if n.lower() == name.lower()]
    nearest = same or difflib.get_close_matches(name, plain, n=3)
    if nearest:
        return "did you mean " + " or ".join(f"'{m}'" for m in nearest) + "?"
    listed = ", ".join(plain[:12]) + (", ..." if len(plain) > 12 else "")
    dotted = "".join(f", {s}.NAME" for s in sorted({n.split(".")[0] for n in names if "." in n}))
    return (
        f"no variable is named '{name}': declare it, [[variable]] with id = \"{name}\", or use "
        f"one of: {listed}{dotted}"
    )


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
        if sym.slot in scope.fixed:
            return _known(sym.type, scope.fixed[sym.slot], _EMPTY)
        tree = ("N", sym.slot) if sym.type is Type.NUMBER else None
        return _C(sym.type, itemgetter(sym.slot), frozenset((node.name,)), slot=sym.slot, tree=tree)
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
        fn = not_name(c.slot) if c.slot >= 0 else not_fn(c.fn)
        return _C(Type.BOOL, fn, c.reads)
    _need(c, node.operand, Type.NUMBER, f"unary `{node.op}`", _BOOLNUM_HINT)
    if node.op == "+":
        return c
    if c.known:
        assert isinstance(c.value, float)
        return _known(Type.NUMBER, -c.value, c.reads)
    return _C(Type.NUMBER, neg_name(c.slot) if c.slot >= 0 else neg_fn(c.fn), c.reads)


def _compile_binary(node: Binary, scope: Scope) -> _C:
    a = _compile(node.left, scope)
    b = _compile(node.right, scope)
    op = node.op
    _need(a, node.left, Type.NUMBER, f"`{op}`", _BOOLNUM_HINT)
    _need(b, node.right, Type.NUMBER, f"`{op}`", _BOOLNUM_HINT)
    reads = a.reads | b.reads
    if a.known and b.known:
        return _known(Type.NUMBER, ARITH[op](a.value, b.value), reads)
    if b.known and op in ("/", "//", "%") and b.value == 0:
        return _known(Type.NUMBER, 0.0, reads)
    fn: Fn
    if b.known and op in AR_FC:
        fn = AR_NC[op](a.slot, b.value) if a.slot >= 0 else AR_FC[op](a.fn, b.value)
    elif a.known and op in AR_CF:
        fn = AR_CN[op](a.value, b.slot) if b.slot >= 0 else AR_CF[op](a.value, b.fn)
    elif a.slot >= 0 and b.slot >= 0 and op in AR_NN:
        fn = AR_NN[op](a.slot, b.slot)
    elif a.slot >= 0 and op in AR_NF:
        fn = AR_NF[op](a.slot, b.fn)
    elif b.slot >= 0 and op in AR_FN:
        fn = AR_FN[op](a.fn, b.slot)
    else:
        fn = AR_FF[op](a.fn, b.fn)
    tree = None
    if (
        a.tree is not None
        and b.tree is not None
        and (op in ("+", "-", "*") or op == "/" and b.known)
    ):
        tree = (op, a.tree, b.tree)  # AR_FF's "/" (safe_div) and "//", "%" are left out
    return _C(Type.NUMBER, fn, reads, tree=tree)


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
        return _known(Type.BOOL, CMP_PY[op](a.value, b.value), reads)
    fn: Fn
    if b.known and a.slot >= 0:
        return _C(
            Type.BOOL, CMP_NC[op](a.slot, b.value), reads, name_vs_const=(op, a.slot, b.value)
        )
    if b.known:
        fn = CMP_FC[op](a.fn, b.value)
    elif a.known:
        fn = CMP_CN[op](a.value, b.slot) if b.slot >= 0 else CMP_CF[op](a.value, b.fn)
    elif a.slot >= 0 and b.slot >= 0:
        fn = CMP_NN[op](a.slot, b.slot)
    elif a.slot >= 0:
        fn = CMP_NF[op](a.slot, b.fn)
    elif b.slot >= 0:
        fn = CMP_FN[op](a.fn, b.slot)
    else:
        fn = CMP_FF[op](a.fn, b.fn)
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
    first = live[0].name_vs_const
    if len(fns) == 2 and first is not None:
        fn = BOOL2_NC[op][first[0]](first[1], first[2], fns[1])
    elif len(fns) == 2:
        fn = BOOL2[op](*fns)
    elif len(fns) == 3:
        fn = BOOL3[op](*fns)
    else:
        fn = any_fn(fns) if absorbing else all_fn(fns)
    return _C(Type.BOOL, fn, reads)


def _compile_cond(node: Cond, scope: Scope) -> _C:
    t = _compile(node.test, scope)
    a = _compile(node.then, scope)
    b = _compile(node.orelse, scope)
    if t.type is not Type.BOOL:
        raise _type_error(
            node.test,
            f"the condition after `if` must be true/false, this is {TYPE_WORDS[t.type]}",
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
    return _C(a.type, cond_fn(t.fn, a.fn, b.fn), reads)


def _compile_call(node: Call, scope: Scope) -> _C:
    if node.func in MEMORY_FUNCTIONS:
        numbers: dict[int, _C] = {}

        def number_arg(i: int) -> Fn:
            c = numbers[i] = _compile(node.args[i], scope)
            _need(c, node.args[i], Type.NUMBER, f"`{node.func}`", _BOOLNUM_HINT)
            return c.fn

        type_, fn = compile_memory(node, scope.memory, number_arg)
        reads = frozenset({MEMORY}).union(*(c.reads for c in numbers.values()))
        return _C(type_, fn, reads)
    spec = FUNCTIONS.get(node.func)
    name_end = node.pos + len(node.func)
    if spec is None:
        if node.func in scope:
            message = f"'{node.func}' is not a function"
        else:
            message = f"unknown function '{node.func}'"
        close = difflib.get_close_matches(node.func, [*FUNCTIONS, *MEMORY_FUNCTIONS], n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ExprError("X004", message, node.pos, name_end, hint + FUNC_HINT)
    n = len(node.args)
    if not spec.arity_ok(n):
        raise ExprError(
            "X004",
            f"wrong number of arguments for `{spec.name}`: got {n}, usage is {spec.signature}",
            node.pos,
            node.end,
            FUNC_HINT,
        )
    args = [_compile(arg, scope) for arg in node.args]
    reads = _EMPTY
    for c, arg in zip(args, node.args, strict=True):
        _need(c, arg, Type.NUMBER, f"`{spec.name}`", _BOOLNUM_HINT)
        reads = reads | c.reads
    impl = spec.impl
    if spec.name == "round" and n == 2:
        impl = round_to
    if all(c.known for c in args):
        return _known(Type.NUMBER, finite(float(impl(*[c.value for c in args]))), reads)
    if spec.name == "clamp" and args[1].known and args[2].known:
        # the objectives' usual form, clamp(x, 0, 100): one closure instead of four calls
        f, lo, hi = args[0].fn, args[1].value, args[2].value
        return _C(Type.NUMBER, clamp_fn(f, lo, hi), reads)
    if n == 2 and args[0].slot >= 0 and args[1].known:
        if spec.name == "fair_add":
            return _C(Type.NUMBER, fair_add_nc(args[0].slot, args[1].value), reads)
        return _C(Type.NUMBER, call_nc_fn(impl, args[0].slot, args[1].value), reads)
    return _C(Type.NUMBER, call_fn(impl, tuple(c.fn for c in args)), reads)


def _guarded(node: Node) -> bool:
    """Whether a number-valued node's closure already guarantees a finite result."""
    if isinstance(node, Num | Binary):
        return True
    if isinstance(node, Call):
        spec = FUNCTIONS.get(node.func)
        return spec is not None and spec.guarded
    return False


def _divisors(src: str, node: Node, scope: Scope) -> tuple[tuple[str, Fn], ...]:
    """The divisors of `node` that could be zero, each compiled on its own."""
    out: list[tuple[str, Fn]] = []
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, Binary) and n.op in ("/", "//", "%"):
            d = _compile(n.right, scope)
            if not (d.known and d.value != 0):
                out.append((src[n.right.pos : n.right.end], d.fn))
        todo.extend(children(n))
    return tuple(out)


def _finish(src: str, node: Node, c: _C, scope: Scope) -> Compiled:
    fn = c.fn
    if c.type is Type.NUMBER and not c.known and not _guarded(node):
        fn = finite_fn(fn)
    const = c.value if c.known and not c.reads else None
    divisors = () if c.known else _divisors(src, node, scope)
    return Compiled(src, c.type, fn, c.reads, node, const, divisors, c.tree)


def compile_expr(src: str, scope: Scope, expect: Type | None = None) -> Compiled:
    """Parse, type-check and compile an expression; raises :class:`ExprError`."""
    node = parse_expr(src)
    c = _compile(node, scope)
    if expect is not None and c.type is not expect:
        if expect is Type.BOOL:
            message = f"a condition must be true/false, this is {TYPE_WORDS[c.type]}"
            hint: str | None = _CMP_HINT if c.type is Type.NUMBER else None
        else:
            message = f"expected {TYPE_WORDS[expect]} here, this is {TYPE_WORDS[c.type]}"
            hint = _BOOLNUM_HINT if c.type is Type.BOOL and expect is Type.NUMBER else None
        raise _type_error(node, message, hint)
    return _finish(src, node, c, scope)


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
            f"`{eff.op}` only works on numbers, but '{target.name}' is {TYPE_WORDS[sym.type]}",
            op_pos,
            op_pos + len(eff.op),
            f"use `{target.name} = ...`",
        )
    c = _compile(eff.value, scope)
    if c.type is not sym.type:
        raise _type_error(
            eff.value,
            f"'{target.name}' is {TYPE_WORDS[sym.type]}, but the value is {TYPE_WORDS[c.type]}",
            _assignment_hint(target.name, sym.type, eff.value),
        )
    value = _finish(src, eff.value, c, scope)  # whole source, so node offsets stay valid
    return _effect(src, sym, eff.op, c, value)


def _effect(src: str, sym: Symbol, op: str, c: _C, value: Compiled) -> CompiledEffect:
    s = sym.slot
    fn: Fn
    tree = value.tree
    if op == "=":
        fn = value.fn
    else:
        arith = op[0]
        tree = None if tree is None else (arith, ("N", s), tree)
        if c.known:
            fn = AR_NC[arith](s, c.value)
        elif arith in AR_NF:
            fn = AR_NF[arith](s, value.fn)
        else:
            fn = AR_FF[arith](itemgetter(s), value.fn)
    reads = value.reads if op == "=" else value.reads | {sym.name}
    return CompiledEffect(src, sym, op, value, frozenset(reads), fn, tree)


def specialise(expr: Compiled, scope: Scope) -> Compiled:
    """`expr` compiled again in a scope `with_fixed` values: what reads only fixed names and
    constants folds to a constant. Evaluated on an environment that holds those values, it
    gives what `expr` gives (the same operations in the same order on the same numbers)."""
    c = _compile(expr.node, scope)
    special = _finish(expr.src, expr.node, c, scope)
    # `false and x` is known though it reads x: a constant all the same
    return replace(special, const=c.value) if c.known else special


def specialise_effect(effect: CompiledEffect, scope: Scope) -> CompiledEffect:
    """`specialise` for an effect statement."""
    value = effect.value
    c = _compile(value.node, scope)
    return _effect(
        effect.src, effect.target, effect.op, c, _finish(value.src, value.node, c, scope)
    )
