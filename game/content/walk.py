"""Every effect and every read expression of a compiled pack, and which names can move which."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from game.engine import expr as X
from game.engine import pack as P


def effects(pack: P.Pack) -> Iterator[P.Effect]:
    def later(items: tuple[P.Later, ...]) -> Iterator[P.Effect]:
        for item in items:
            yield from item.effects

    for e in pack.events:
        for c in e.choices:
            yield from c.effects
            yield from later(c.later)
            for o in c.outcomes:
                yield from o.effects
                yield from later(o.later)
    for r in pack.rules:
        yield from r.effects
    for a in pack.actors:
        for m in a.moves:
            yield from m.effects
    for s in pack.situations:
        yield from s.effects


def distinct(effects: Iterator[P.Effect]) -> Iterable[P.Effect]:
    """Each effect once: the effects written alike are one object (game.content.context), and
    most of a large pack's are."""
    return {id(eff): eff for eff in effects}.values()


def influence(pack: P.Pack) -> dict[str, set[str]]:
    """name -> the names whose values it can move (through an effect's value, its condition, or
    the condition of the rule, move, situation or choice the effect belongs to)."""
    feeds: dict[str, set[str]] = {}

    def site(effects: Iterator[P.Effect] | tuple[P.Effect, ...], context: frozenset[str]) -> None:
        for eff in effects:
            reads = eff.stmt.value.reads | context
            if eff.when is not None:
                reads |= eff.when.reads
            for name in reads:
                feeds.setdefault(name, set()).add(eff.stmt.target.name)

    def laters(items: tuple[P.Later, ...]) -> Iterator[P.Effect]:
        for item in items:
            yield from item.effects

    for e in pack.events:
        for c in e.choices:
            context = c.when.reads | (c.cost.reads if c.cost else frozenset())
            site(c.effects, context)
            if c.later:
                site(laters(c.later), context)
            for o in c.outcomes:
                site(o.effects, context | o.chance.reads)
                site(laters(o.later), context | o.chance.reads)
    for r in pack.rules:
        site(r.effects, r.when.reads | r.chance.reads)
    for a in pack.actors:
        for m in a.moves:
            site(m.effects, m.when.reads | m.chance.reads)
    for s in pack.situations:
        site(s.effects, s.start.reads | s.stop.reads | {f"situation.{s.id}"})
        for name in s.start.reads | s.stop.reads:
            feeds.setdefault(name, set()).add(f"situation.{s.id}")
    if pack.budget is not None:
        for name in pack.budget.refill.reads:
            feeds.setdefault(name, set()).add(pack.budget.variable)
    return feeds


def closure(sinks: set[str], feeds: dict[str, set[str]]) -> set[str]:
    """Every name that can move one of `sinks`, directly or through others."""
    matter = set(sinks)
    changed = True
    while changed:
        changed = False
        for name, targets in feeds.items():
            if name not in matter and targets & matter:
                matter.add(name)
                changed = True
    return matter


def expressions(pack: P.Pack) -> Iterator[X.Compiled]:
    """Every compiled expression that is read (not effects; see :func:`effects`)."""
    if pack.budget is not None:
        yield pack.budget.refill
    if pack.agenda is not None:
        yield pack.agenda.when
    for e in pack.events:
        yield e.when
        yield e.weight
        for c in e.choices:
            yield c.when
            if c.cost is not None:
                yield c.cost
            for o in c.outcomes:
                yield o.chance
    for r in pack.rules:
        yield r.when
        yield r.chance
    for a in pack.actors:
        for m in a.moves:
            yield m.when
            yield m.chance
    for s in pack.situations:
        yield s.start
        yield s.stop
    for en in pack.endings:
        yield en.when
    for role in pack.roles.values():
        for objective in role.objectives:
            yield objective.score
