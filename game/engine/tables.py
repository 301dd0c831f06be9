"""Per-pack lookups, built once and kept on the pack: bounds and labels of every slot, the
streams of rules and moves, the events each role can see at each turn, choices and defaults."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import rng
from game.engine.expr.scope import Fn
from game.engine.pack import Choice, Effect, Ending, Event, Pack
from game.engine.report import Cause


@dataclass(slots=True)
class Tables:
    """Per-pack lookups built once: bounds and labels of every slot, streams of rules."""

    lo: list[float | None]
    hi: list[float | None]
    names: list[str]
    labels: list[str]
    # per rule: every, when, chance (None when it is always 1), effects, stream, cause, news
    rules: list[tuple[int, Fn, Fn | None, tuple[Effect, ...], int, Cause, str]]
    # per actor: its name and, per move in order, the same as a rule's row but `every`
    moves: list[tuple[str, list[tuple[Fn, Fn | None, tuple[Effect, ...], int, Cause, str]]]]
    candidates: dict[tuple[str, int], tuple[Event, ...]]
    any_endings: tuple[Ending, ...]
    choices: dict[tuple[str, str], tuple[Choice, ...]]  # (event id, role) -> the role's choices
    always_open: frozenset[
        tuple[str, str]
    ]  # (event id, role) with a choice open whatever the state
    defaults: dict[tuple[str, str], Choice]  # (event id, role) -> the role's default choice
    default_streams: dict[str, int]  # event id -> the roll stream of its default's outcomes
    flag_ids: dict[int, str]  # flag slot -> flag id, to remember who set a flag


def tables(pack: Pack) -> Tables:
    """The pack's lookup tables, built on first use and kept on the pack."""
    t = pack.__dict__.get("_tables")
    if t is None:
        n = pack.n_slots
        lo: list[float | None] = [None] * n
        hi: list[float | None] = [None] * n
        names = [""] * n
        labels = [""] * n
        for v in pack.variables:
            lo[v.slot], hi[v.slot], names[v.slot], labels[v.slot] = v.min, v.max, v.id, v.label
        for f in pack.flags:
            names[f.slot], labels[f.slot] = f"flags.{f.id}", f.label
        world = "world"
        for s in pack.situations:
            names[s.slot], labels[s.slot] = f"situation.{s.id}", s.label
        t = Tables(
            lo,
            hi,
            names,
            labels,
            [
                (
                    r.every,
                    r.when.fn,
                    None if r.chance.const == 1 else r.chance.fn,
                    r.effects,
                    rng.stream("rule:" + r.id),
                    Cause("rule", r.id, r.label, "", world),
                    r.news,
                )
                for r in pack.rules
            ],
            [
                (
                    a.name,
                    [
                        (
                            m.when.fn,
                            None if m.chance.const == 1 else m.chance.fn,
                            m.effects,
                            rng.stream(f"move:{a.id}:{m.id}"),
                            Cause("actor", f"{a.id}/{m.id}", f"{a.name}: {m.label}", "", a.id),
                            m.news,
                        )
                        for m in a.moves
                    ],
                )
                for a in pack.actors
            ],
            {},
            tuple(e for e in pack.endings if e.at == "any"),
            {(e.id, r): e.choices_for(r) for e in pack.events for r in e.roles},
            frozenset(
                (e.id, r)
                for e in pack.events
                for r in e.roles
                if any(c.when.const is True and _free(c) for c in e.choices_for(r))
            ),
            {
                (e.id, r): d
                for e in pack.events
                for r in e.roles
                if (d := e.default_for(r)) is not None
            },
            {e.id: rng.stream("default:" + e.id) for e in pack.events},
            {f.slot: f.id for f in pack.flags} if pack.uses_memory else {},
        )
        object.__setattr__(pack, "_tables", t)
    return t


def _free(choice: Choice) -> bool:
    return choice.cost is None or choice.cost.const == 0


def candidates(pack: Pack, role: str, turn: int) -> tuple[Event, ...]:
    """Events this role could see at this turn by window alone, highest priority first."""
    t = tables(pack)
    found = t.candidates.get((role, turn))
    if found is None:
        found = tuple(
            sorted(
                (e for e in pack.events if role in e.roles and e.turn_min <= turn <= e.turn_max),
                key=lambda e: -e.priority,
            )
        )
        t.candidates[(role, turn)] = found
    return found
