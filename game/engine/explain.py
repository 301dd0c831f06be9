"""Why a game ended as it did: the conditions that held, the higher endings missed and by how
much, and who took each step up the escalation ladder. Pure, read from a finished session."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.expr import BoolOp, Compare, Compiled, Node, compile_expr
from game.engine.expr.scope import Env
from game.engine.pack import Ending, Pack
from game.engine.resolve import OPEN_ENDING
from game.engine.session import Session


@dataclass(frozen=True, slots=True)
class Clause:
    """One condition of an ending (a part of a top-level `and`), judged on the end state."""

    text: str
    holds: bool
    readings: tuple[tuple[str, object], ...]  # (name, value) of what it reads
    gap: float | None = None  # for a failed comparison of numbers: how far it was from holding


@dataclass(frozen=True, slots=True)
class Miss:
    """A higher-priority ending that was not reached, and the conditions that failed."""

    ending: Ending
    failed: tuple[Clause, ...]
    held: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class LadderStep:
    turn: int
    before: float
    after: float
    kind: str  # the cause's kind: choice, default, actor, rule …
    agent: str  # "player", an actor's id, or "world"
    label: str  # what did it


@dataclass(frozen=True)
class EndingWhy:
    ending: Ending
    held: tuple[Clause, ...]
    missed: tuple[Miss, ...]  # in the order the game checked them (highest priority first)
    ladder: tuple[LadderStep, ...]
    by_ladder: bool  # the escalation ladder's last rung ended the game


def clauses(pack: Pack, condition: Compiled, values: Env) -> tuple[Clause, ...]:
    """The parts of a condition's top-level `and`, each judged on `values`."""
    node = condition.node
    parts = node.items if isinstance(node, BoolOp) and node.op == "and" else (node,)
    return tuple(_clause(pack, condition.src, part, values) for part in parts)


def _sub(pack: Pack, src: str, node: Node) -> Compiled:
    return compile_expr(src[node.pos : node.end], pack.scope)


def _clause(pack: Pack, src: str, node: Node, values: Env) -> Clause:
    c = _sub(pack, src, node)
    holds = bool(c.fn(values))
    readings = tuple(
        (name, values[sym.slot])
        for name in sorted(c.reads)
        if (sym := pack.scope.get(name)) is not None
    )
    gap = None
    if not holds and isinstance(node, Compare) and node.op in ("<", "<=", ">", ">="):
        left = _sub(pack, src, node.left).fn(values)
        right = _sub(pack, src, node.right).fn(values)
        if isinstance(left, float) and isinstance(right, float):
            gap = abs(right - left)
    return Clause(src[node.pos : node.end], holds, readings, gap)


def ladder_steps(session: Session) -> tuple[LadderStep, ...]:
    """Every step up the escalation ladder in the game, with who took it."""
    esc = session.pack.escalation
    if esc is None:
        return ()
    out = []
    for step in session.steps:
        for ch in step.report.changes_to(esc.variable):
            if ch.delta > 0:
                cause = ch.cause
                out.append(
                    LadderStep(
                        step.report.turn,
                        float(ch.before),
                        float(ch.after),
                        cause.kind,
                        cause.agent,
                        cause.label,
                    )
                )
    return tuple(out)


def why_ending(session: Session) -> EndingWhy | None:
    """Why the game ended as it did; None while it goes on."""
    pack, state = session.pack, session.state
    ending = session.ending()
    if ending is None:
        return None
    values = state.values
    esc = pack.escalation
    by_ladder = esc is not None and values[esc.slot] >= esc.rungs[-1].at
    held: tuple[Clause, ...] = ()
    missed: list[Miss] = []
    if by_ladder:
        assert esc is not None
        text = f"{esc.variable} >= {esc.rungs[-1].at:g}"
        held = (Clause(text, True, ((esc.variable, values[esc.slot]),)),)
    else:
        if ending.id != OPEN_ENDING.id:
            held = clauses(pack, ending.when, values)
        last = state.turn > pack.meta.turns
        for other in pack.endings:
            if other.id == ending.id:
                break
            if other.at == "any" or last:
                judged = clauses(pack, other.when, values)
                missed.append(
                    Miss(
                        other,
                        tuple(c for c in judged if not c.holds),
                        tuple(c for c in judged if c.holds),
                    )
                )
    return EndingWhy(ending, held, tuple(missed), ladder_steps(session), by_ladder)
