"""The memory functions: what actors and rules may know of the government's past decisions.

    tagged("hawkish")        how many decisions tagged `hawkish` the government took this game
    tagged("hawkish", 4)     … in the last 4 turns (the decisions of turns turn-4 … turn-1)
    chose("summit/arms")     whether it ever took that choice of that event
    set_by("treaty")         who last set the flag: "player", an actor's id, "world", or ""

They read two slots the engine keeps (see ``game.engine.pack.Pack.memory_slot``): the decisions
as ``(turn, "event/choice", tags)`` and the flags' setters as ``(flag id, who)``. Their first
argument is a string literal checked against the pack, so a typo is an error, not a silent 0.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from game.engine.expr.errors import ExprError
from game.engine.expr.nodes import Call, Str
from game.engine.expr.scope import Env, Fn, Type, Value

SIGNATURES = {
    "tagged": 'tagged("tag") or tagged("tag", turns)',
    "chose": 'chose("event-id/choice-id")',
    "set_by": 'set_by("flag_id")',
}
MEMORY_HINT = "memory functions: " + ", ".join(SIGNATURES.values())


@dataclass(frozen=True)
class MemoryNames:
    """What the memory functions may name in one pack, and where the engine keeps memory."""

    decisions_slot: int
    setters_slot: int
    turn_slot: int
    tags: frozenset[str]
    choices: frozenset[str]  # "event-id/choice-id"
    flags: frozenset[str]
    # Names that may exist in items the checker could not read (a broken event, a file that did
    # not parse): accepted, so that one mistake is reported once, where it is.
    maybe: frozenset[str] = frozenset()
    lenient: bool = False


def _literal(node: Call, known: frozenset[str], what: str, memory: MemoryNames) -> str:
    arg = node.args[0]
    if not isinstance(arg, Str):
        raise ExprError(
            "X004",
            f"`{node.func}` needs the {what} as a quoted name, e.g. {SIGNATURES[node.func]}",
            arg.pos,
            arg.end,
        )
    head = arg.value.split("/", 1)[0]
    if memory.lenient or head in memory.maybe:
        return arg.value
    if arg.value not in known:
        close = difflib.get_close_matches(arg.value, sorted(known), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"no {what} of the pack is named so"
        raise ExprError("X002", f"unknown {what} {arg.value!r}", arg.pos, arg.end, hint)
    return arg.value


def compile_memory(
    node: Call, memory: MemoryNames | None, number_arg: Callable[[int], Fn]
) -> tuple[Type, Fn]:
    """The type and closure of a memory call; `number_arg(i)` compiles argument i as a number."""
    name = node.func
    if memory is None:
        raise ExprError(
            "X004", f"`{name}` cannot be used here: it reads a game's history", node.pos, node.end
        )
    n = len(node.args)
    if not (n in (1, 2) if name == "tagged" else n == 1):
        raise ExprError(
            "X004",
            f"wrong number of arguments for `{name}`: got {n}, usage is {SIGNATURES[name]}",
            node.pos,
            node.end,
            MEMORY_HINT,
        )
    decisions, setters, turn = memory.decisions_slot, memory.setters_slot, memory.turn_slot
    if name == "tagged":
        tag = _literal(node, memory.tags, "tag", memory)
        if n == 1:

            def count(env: Env) -> float:
                found = 0
                for d in env[decisions]:  # a loop, not sum(genexpr): it runs every turn
                    if tag in d[2]:
                        found += 1
                return float(found)

            return Type.NUMBER, count
        window = number_arg(1)

        def recent(env: Env) -> float:
            since = env[turn] - window(env)
            n = 0
            for d in reversed(env[decisions]):  # in turn order: stop at the window's start
                if d[0] < since:
                    break
                if tag in d[2]:
                    n += 1
            return float(n)

        return Type.NUMBER, recent
    if name == "chose":
        key = _literal(node, memory.choices, "choice", memory)

        def chose(env: Env) -> bool:
            for d in env[decisions]:  # noqa: SIM110 - a loop, not any(genexpr): it runs every turn
                if d[1] == key:
                    return True
            return False

        return Type.BOOL, chose
    flag = _literal(node, memory.flags, "flag", memory)

    def who(env: Env) -> Value:
        for f, agent in reversed(env[setters]):
            if f == flag:
                return agent
        return ""

    return Type.STRING, who
