"""The pack's rules in the player's words: a condition or an effect said with the labels of what
it reads ("Peninsula tension at least 60", "Escalation ladder: one rung up"), never as the code
the author wrote (`tension >= 60`, `escalation += 1`).

With numbers hidden (game.views.policy) a comparison gives the meter's reading at the figure
("Peninsula tension at least “tense”") and an effect its direction ("raises Peninsula tension");
an effect on a meter the player cannot see says only that something unseen changes.
"""

from __future__ import annotations

from game.engine.expr import (
    Binary,
    Bool,
    BoolOp,
    Call,
    Compare,
    CompiledEffect,
    Cond,
    ExprError,
    Name,
    Node,
    Num,
    Str,
    Unary,
    parse_expr,
)
from game.engine.pack import Assumption, Flag, Pack, Situation
from game.views.ladder import rung_text
from game.views.policy import Policy
from game.views.readings import level
from game.views.words import number, signed

COMPARE = {
    ">=": "at least",
    ">": "above",
    "<=": "at most",
    "<": "below",
    "==": "at",
    "!=": "not at",
}
LADDER = {">=": "on {} or above", ">": "above {}", "<=": "on {} or below", "<": "below {}"}
ARITH = {"+": "+", "-": "−", "*": "×", "/": "÷", "//": "÷", "%": "mod"}
UNSEEN = "something you cannot see changes"


def label_of(pack: Pack, name: str) -> str:
    """The label of a name an expression reads: a meter, a flag, an assumption, a situation."""
    kind, _, rest = name.partition(".")
    if not rest:
        if name == "turn":
            return "the turn"
        meter = next((v for v in pack.variables if v.id == name), None)
        return meter.label if meter is not None else name
    table: dict[str, tuple[Flag, ...] | tuple[Assumption, ...] | tuple[Situation, ...]] = {
        "flags": pack.flags,
        "assume": pack.assumptions,
        "situation": pack.situations,
    }
    found = next((x for x in table.get(kind, ()) if x.id == rest), None)
    if found is None:
        return name
    return found.label if kind == "assume" else f"“{found.label}”"


def condition_text(pack: Pack, src: str, policy: Policy) -> str:
    """A condition's source, in words (the source itself if it does not parse)."""
    try:
        return words(pack, parse_expr(src), policy)
    except ExprError:
        return src


def words(pack: Pack, node: Node, policy: Policy) -> str:
    """An expression in words, with the pack's labels."""
    return _Words(pack, policy).say(node)


class _Words:
    def __init__(self, pack: Pack, policy: Policy) -> None:
        self.pack, self.policy = pack, policy

    def say(self, node: Node, inner: bool = False) -> str:
        if isinstance(node, Num):
            return number(node.value)
        if isinstance(node, Bool):
            return "yes" if node.value else "no"
        if isinstance(node, Str):
            return node.value
        if isinstance(node, Name):
            return "your role" if node.name == "role" else label_of(self.pack, node.name)
        if isinstance(node, Unary):
            operand = self.say(node.operand, True)
            return f"not {operand}" if node.op == "not" else f"{ARITH.get(node.op, '')}{operand}"
        if isinstance(node, Binary):
            text = f"{self.say(node.left, True)} {ARITH[node.op]} {self.say(node.right, True)}"
            return f"({text})" if inner else text
        if isinstance(node, Compare):
            return self.compare(node)
        if isinstance(node, BoolOp):
            text = f" {node.op} ".join(self.say(item, True) for item in node.items)
            return f"({text})" if inner and len(node.items) > 1 else text
        if isinstance(node, Cond):
            return (
                f"{self.say(node.then, True)} if {self.say(node.test, True)}, "
                f"else {self.say(node.orelse, True)}"
            )
        return self.call(node)

    def compare(self, node: Compare) -> str:
        pack = self.pack
        left, right, op = node.left, node.right, node.op
        if isinstance(right, Name) and isinstance(left, Num | Str):  # 40 < tension
            flipped = {">": "<", "<": ">", ">=": "<=", "<=": ">="}.get(op, op)
            left, right, op = right, left, flipped
        if isinstance(left, Name) and left.name == "role" and isinstance(right, Str):
            role = pack.roles.get(right.value)
            name = role.name if role is not None else right.value
            return f"you advise {name}" if op == "==" else f"you do not advise {name}"
        if isinstance(left, Name) and isinstance(right, Num):
            esc = pack.escalation
            if esc is not None and left.name == esc.variable:
                rung = rung_text(esc, right.value)
                return "the escalation ladder " + LADDER.get(op, "on {}").format(rung)
            var = next((v for v in pack.variables if v.id == left.name), None)
            if var is not None and not self.policy.numbers:
                return f"{var.label} {COMPARE[op]} “{level(var, right.value)}”"
        return f"{self.say(left, True)} {COMPARE[op]} {self.say(right, True)}"

    def call(self, node: Call) -> str:
        args = [self.say(a, True) for a in node.args]
        f = node.func
        if f in ("min", "max"):
            which = "lowest" if f == "min" else "highest"
            return f"the {which} of " + ", ".join(args[:-1]) + f" and {args[-1]}"
        if f == "clamp":
            return f"{args[0]} (kept within {args[1]} to {args[2]})"
        if f == "abs":
            return f"the size of {args[0]}"
        if f in ("round", "floor", "ceil"):
            return f"{args[0]}, rounded"
        if f == "fair_add":
            return f"{args[0]}, moved {args[1]}% of the way to its limit"
        if f == "tagged":
            lately = f" in the last {args[1]} turns" if len(args) > 1 else ""
            return f"your decisions tagged “{args[0]}”{lately}"
        if f == "chose":
            return f"you chose {self.choice(node.args[0])}"
        if f == "set_by":
            return f"who set {label_of(self.pack, 'flags.' + args[0])}"
        return f"{f}({', '.join(args)})"

    def choice(self, arg: Node) -> str:
        event_id, _, choice_id = (arg.value if isinstance(arg, Str) else "").partition("/")
        event = self.pack.events_by_id.get(event_id)
        choice = next((c for c in event.choices if c.id == choice_id), None) if event else None
        if event is None or choice is None:
            return f"“{event_id}/{choice_id}”"
        return f"“{choice.label}” on “{event.title}”"


def effect_text(pack: Pack, stmt: CompiledEffect, policy: Policy) -> str:
    """`Escalation ladder: one rung up`, `DPRK missile capability −2`, `“Treaty signed”: yes`
    (words: `raises DPRK missile capability`)."""
    target = stmt.target.name
    if not policy.sees_name(target):
        return UNSEEN
    label = label_of(pack, target)
    value, op = stmt.value.const, stmt.op
    if isinstance(value, bool):
        return f"{label}: {'yes' if value else 'no'}"
    if isinstance(value, str):
        return f"{label}: {value}"
    esc = pack.escalation
    if esc is not None and target == esc.variable and op in ("+=", "-=") and value is not None:
        steps = float(value) if op == "+=" else -float(value)
        return f"the escalation ladder: {_rungs(steps)}"
    if not policy.numbers:
        return f"{_direction(op, value)} {label}"
    if value is None:
        amount = words(pack, stmt.value.node, policy)
        if op == "=":
            return f"{label} set to {amount}"
        return f"{label} {ARITH.get(op[0], op[0])} ({amount})"
    if op == "=":
        return f"{label} set to {number(float(value))}"
    if op == "*=":
        return f"{label} ×{number(float(value))}"
    return f"{label} {signed(float(value) if op == '+=' else -float(value))}"


def _rungs(steps: float) -> str:
    n = abs(steps)
    size = "one rung" if abs(n - 1) < 1e-9 else f"{number(n)} rungs"
    return f"{size} {'up' if steps > 0 else 'down'}" if n else "no change"


def _direction(op: str, value: object) -> str:
    if op == "+=" and isinstance(value, float):
        return "raises" if value >= 0 else "lowers"
    if op == "-=" and isinstance(value, float):
        return "lowers" if value >= 0 else "raises"
    if op == "*=" and isinstance(value, float):
        return "raises" if value > 1 else "lowers"
    return "changes"
