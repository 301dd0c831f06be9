"""Per-pack lookups, built once and kept on the pack: bounds and labels of every slot, the
streams of rules and moves, the events each role can see at each turn, choices and defaults."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from game.engine import rng
from game.engine.expr import Compiled
from game.engine.expr.compiler import CompiledEffect
from game.engine.expr.scope import Fn, Scope
from game.engine.inline import inline
from game.engine.pack import Choice, Effect, Ending, Event, Pack
from game.engine.report import Cause
from game.engine.steps import Apply, Plan, PlanRow, applier

# A rule: every, when (None when it always holds), chance (`Chance`), effects, their plan (the
# effects when each one sets a variable at once: game.engine.steps), stream, cause, news
Chance = Fn | float | None  # a closure, a constant (read, not called) or None: always taken
Row = tuple[int, Fn | None, Chance, tuple[Effect, ...], Plan | None, int, Cause, str]
# An actor's move: the same as a rule's row but `every`
MoveRow = tuple[Fn | None, Chance, tuple[Effect, ...], Plan | None, int, Cause, str]
# The rows a World plays: their plans as the closures that apply them (`steps.applier`)
RuleRun = tuple[int, Fn | None, Chance, tuple[Effect, ...], Apply | None, int, Cause, str]
MoveRun = tuple[Fn | None, Chance, tuple[Effect, ...], Apply | None, int, Cause, str]


def chance_of(chance: Compiled) -> Chance:
    """A chance as the rows hold it."""
    if chance.const is None:
        return chance.fn
    return None if chance.const >= 1 else float(chance.const)


# An event the draw may pick, as the draw reads it: the event, its id, once, cooldown and
# priority; its condition (None: it always holds); the conditions and costs of its choices
# (None: one is open whatever the state); its weight, a constant or (None) its closure's.
DrawRow = tuple[
    Event, str, bool, int, int, Fn | None, tuple[tuple[Fn, Fn | None], ...] | None, float | None, Fn
]


@dataclass(frozen=True, slots=True)
class World:
    """What the turns of one role's games play (game.engine.specialised): unexplained, under
    fixed assumptions, their rows compiled with them as constants; explained, the pack's own."""

    moves: list[tuple[str, list[MoveRun]]]
    # explained: `Tables.rules`; unexplained: consecutive rules that only set variables fused
    # into one row, the same effects in the same order (`fused`)
    rules: list[RuleRun]
    role: str
    scope: Scope  # the scope the rows are compiled in (the pack's own when explained)
    defaultable: frozenset[str]  # the briefings the role may leave to a default (`Tables.defaults`)
    draws: dict[int, tuple[DrawRow, ...]] = field(default_factory=dict)  # turn -> candidates
    rows: dict[str, DrawRow | None] = field(default_factory=dict)  # event id -> its row


@dataclass(slots=True)
class Tables:
    """Per-pack lookups built once: bounds and labels of every slot, streams of rules."""

    lo: list[float | None]
    hi: list[float | None]
    names: list[str]
    labels: list[str]
    rules: list[Row]
    moves: list[tuple[str, list[MoveRow]]]  # per actor: its name and its moves in order
    candidates: dict[tuple[str, int], tuple[Event, ...]]
    any_endings: tuple[Ending, ...]
    choices: dict[tuple[str, str], tuple[Choice, ...]]  # (event id, role) -> the role's choices
    always_open: frozenset[
        tuple[str, str]
    ]  # (event id, role) with a choice open whatever the state
    # (event id, role) -> per choice its condition and cost (None: free, or no budget)
    open_tests: dict[tuple[str, str], tuple[tuple[Fn, Fn | None], ...]]
    defaults: dict[tuple[str, str], Choice]  # (event id, role) -> the role's default choice
    default_streams: dict[str, int]  # event id -> the roll stream of its default's outcomes
    scheduled: dict[tuple[str, int], Event]  # (role, turn) -> the event scheduled then
    flag_ids: dict[int, str]  # flag slot -> flag id, to remember who set a flag
    plans: Plans  # id(choice, outcome or situation) -> its plan, applied
    # id(choice) -> its decision id ("event/choice"), and its causes when the advisor takes it and
    # when it settles a briefing left to others
    causes: dict[int, tuple[str, Cause, Cause]]
    by_id: dict[tuple[str, str], Choice]  # (event id, choice id) -> the choice
    refill: Cause  # the cause of the budget's refill, each turn
    # (role, explained, the fixed slots and their values) -> the World games play, built as
    # games ask (specialised.world)
    worlds: dict[tuple[str, bool, tuple[tuple[int, object], ...]], World] = field(
        default_factory=dict
    )


PLAYER = "player"  # the agent of what the advisor decides


class Plans(dict[int, Apply | None]):
    """id(choice, outcome or situation) -> its effects' plan, applied (`applier`; None: not
    every effect sets a variable at once). Each is built when a game first takes it: a large
    pack's games take few of its thousands of choices."""

    def __init__(
        self,
        effects: dict[int, tuple[Effect, ...]],
        lo: list[float | None],
        hi: list[float | None],
    ) -> None:
        super().__init__()
        self.effects, self.lo, self.hi = effects, lo, hi

    def __missing__(self, key: int) -> Apply | None:
        plan = self[key] = applied(plan_of(self.effects[key], self.lo, self.hi))
        return plan


def plan_of(
    effects: tuple[Effect, ...], lo: list[float | None], hi: list[float | None]
) -> Plan | None:
    rows: list[PlanRow] = []
    for eff in effects:
        stmt = eff.stmt
        slot = stmt.target.slot
        low, high = lo[slot], hi[slot]
        if eff.mode != "immediate" or low is None or high is None:
            return None
        rows.append(row(None if eff.when is None else eff.when.fn, slot, stmt, low, high, lo, hi))
    return tuple(rows)


def row(
    when: Fn | None,
    slot: int,
    stmt: CompiledEffect,
    low: float,
    high: float,
    lo: list[float | None],
    hi: list[float | None],
) -> PlanRow:
    """A plan's row of an effect: its value computed inline when it can be (game.engine.inline)."""
    fn, add = inline(stmt.tree, slot, lo, hi)
    return (when, slot, stmt.fn if fn is None else fn, low, high, add)


def applied(plan: Plan | None) -> Apply | None:
    return None if plan is None else applier(plan)


_FUSED = Cause("rule", "", "", "", "world")  # never told: an unexplained turn tells nothing


# Fused, a rule's condition is evaluated before each of its effects: cheaper than the rule's own
# loop step for up to about this many effects.
GUARDED_EFFECTS = 3


def fused(rules: list[Row], reads: list[frozenset[int]]) -> list[Row]:
    """The rules of an unexplained turn: each run of consecutive rules that hold every turn, with
    no chance, that only set variables at once, and whose condition (if any) `guards` their
    effects, becomes one row of their effects in order, each guarded by its rule's condition.
    Evaluated in the same order on the same values, it gives the same numbers, with a loop step
    per rule fewer. `reads`: per rule, the slots its condition reads."""
    out: list[Row] = []
    run: list[PlanRow] = []
    for row, read in zip(rules, reads, strict=True):
        every, when, chance, _, plan, _, _, _ = row
        if every == 1 and chance is None and plan is not None:
            if when is None:
                run.extend(plan)
                continue
            if guards(plan, read):
                run.extend((when, *effect[1:]) for effect in plan)
                continue
        if run:
            out.append((1, None, None, (), tuple(run), 0, _FUSED, ""))
            run = []
        out.append(row)
    if run:
        out.append((1, None, None, (), tuple(run), 0, _FUSED, ""))
    return out


def guards(plan: Plan, read: frozenset[int]) -> bool:
    """Whether a rule's condition, which reads the slots `read`, can guard each of its effects
    in a fused row: they have no condition of their own, and it holds before each as it held
    before the first (none but the last sets what it reads)."""
    if len(plan) > GUARDED_EFFECTS or any(when is not None for when, *_ in plan):
        return False
    return all(at not in read for _, at, *_ in plan[:-1])


def slots_read(scope: Scope, expr: Compiled) -> frozenset[int]:
    """The slots of the names `expr` reads."""
    return frozenset(sym.slot for name in expr.reads if (sym := scope.get(name)) is not None)


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
        rules: list[Row] = [
            (
                r.every,
                None if r.when.const is True else r.when.fn,
                chance_of(r.chance),
                r.effects,
                plan_of(r.effects, lo, hi),
                rng.stream("rule:" + r.id),
                Cause("rule", r.id, r.label, "", world),
                r.news,
            )
            for r in pack.rules
        ]
        t = Tables(
            lo,
            hi,
            names,
            labels,
            rules,
            [
                (
                    a.shown,
                    [
                        (
                            None if m.when.const is True else m.when.fn,
                            chance_of(m.chance),
                            m.effects,
                            plan_of(m.effects, lo, hi),
                            rng.stream(f"move:{a.id}:{m.id}"),
                            Cause("actor", f"{a.id}/{m.id}", f"{a.shown}: {m.label}", "", a.id),
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
                (e.id, r): tuple(
                    (c.when.fn, None if c.cost is None or pack.budget is None else c.cost.fn)
                    for c in e.choices_for(r)
                )
                for e in pack.events
                for r in e.roles
            },
            {
                (e.id, r): d
                for e in pack.events
                for r in e.roles
                if (d := e.default_for(r)) is not None
            },
            {e.id: rng.stream("default:" + e.id) for e in pack.events},
            {(r, e.on_turn): e for e in pack.events if e.on_turn is not None for r in e.roles},
            {f.slot: f.id for f in pack.flags} if pack.uses_memory else {},
            Plans(
                {id(c): c.effects for e in pack.events for c in e.choices}
                | {id(o): o.effects for e in pack.events for c in e.choices for o in c.outcomes}
                | {id(s): s.effects for s in pack.situations},
                lo,
                hi,
            ),
            {id(c): _causes(e, c) for e in pack.events for c in e.choices},
            {(e.id, c.id): c for e in pack.events for c in reversed(e.choices)},
            Cause(
                "budget", "refill", f"{pack.budget.noun} renewed" if pack.budget else "", "", world
            ),
        )
        object.__setattr__(pack, "_tables", t)
    return t


def _causes(event: Event, choice: Choice) -> tuple[str, Cause, Cause]:
    cid = f"{event.id}/{choice.id}"
    return (
        cid,
        Cause("choice", cid, choice.label, "", PLAYER),
        Cause("default", cid, choice.label, "left to others", PLAYER),
    )


def _free(choice: Choice) -> bool:
    return choice.cost is None or choice.cost.const == 0


def candidates(pack: Pack, role: str, turn: int) -> tuple[Event, ...]:
    """Events this role could see at this turn by window alone, highest priority first (in
    pack order within a priority)."""
    t = tables(pack)
    found = t.candidates.get((role, turn))
    if found is None:
        if 1 <= turn <= pack.meta.turns:  # the role's first ask: list every turn at once
            _index_turns(pack, role, t.candidates)
            return t.candidates[(role, turn)]
        found = _by_priority(e for e in _drawn_by(pack, role) if e.turn_min <= turn <= e.turn_max)
        t.candidates[(role, turn)] = found
    return found


def _drawn_by(pack: Pack, role: str) -> Iterator[Event]:
    """The events the draw may give `role` on their own, in pack order."""
    return (e for e in pack.events if role in e.roles and e.drawn_on_its_own)


def _by_priority(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda e: -e.priority))  # stable: pack order within one


def _index_turns(pack: Pack, role: str, found: dict[tuple[str, int], tuple[Event, ...]]) -> None:
    """`candidates` of every turn of the calendar for `role`, in one pass over the events by
    their windows: asked turn by turn, a long game of a large pack read every event every turn."""
    last = pack.meta.turns
    by_turn: list[list[Event]] = [[] for _ in range(last + 1)]
    for e in _drawn_by(pack, role):
        for turn in range(max(1, e.turn_min), min(last, e.turn_max) + 1):
            by_turn[turn].append(e)
    for turn in range(1, last + 1):
        found[(role, turn)] = _by_priority(by_turn[turn])
