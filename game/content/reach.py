"""What a compiled pack can reach, for the static analysis (game.content.analysis).

It computes an over-approximation of every state the game can reach, as a least fixpoint:

- each number variable gets a reachable range: it starts at its `start` and grows with what the
  effects that can apply are able to do to it (`+=` with a positive amount reaches the declared
  maximum, an assignment adds the range of its value, and so on), always within the declared
  `min`–`max`;
- each flag gets the set of values it can hold (its `start`, and what effects assign to it);
- each situation is possibly active only if its `start` can hold;
- an event is reachable for a role if it can be drawn in its window, or arrive through a `later`
  of a reachable choice; only reachable choices, rules, moves and active situations contribute
  effects.

Everything starts as small as it can be and only grows, until nothing changes; ranges that keep
growing through self-referring assignments (`x = x + 5`) are widened to their declared bounds
after a few rounds, which keeps the result sound and the run short.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from game.content.firsts import Firsts
from game.content.loader import Item, Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.engine import expr as X
from game.engine import pack as P

Bounds = dict[str, tuple[float, float]]
TurnRange = tuple[float, float]

WIDEN_AFTER = 6  # rounds before growing ranges jump to their declared bounds
MAX_ROUNDS = 400  # a safety net: if the fixpoint is not reached, report nothing


class GiveUp(Exception):
    """The approximation did not settle, or the pack's items and compiled structures do not line
    up: the analysis says nothing."""


def _subst(node: X.Node, consts: dict[str, X.Node]) -> X.Node:
    """`node` with the names in `consts` replaced by constant nodes."""
    if isinstance(node, X.Name):
        c = consts.get(node.name)
        return node if c is None else dataclasses.replace(c, pos=node.pos, end=node.end)
    kids = X.children(node)
    if not kids:
        return node
    new = tuple(_subst(k, consts) for k in kids)
    if all(a is b for a, b in zip(new, kids, strict=True)):
        return node
    if isinstance(node, X.Unary):
        return dataclasses.replace(node, operand=new[0])
    if isinstance(node, X.Binary | X.Compare):
        return dataclasses.replace(node, left=new[0], right=new[1])
    if isinstance(node, X.BoolOp):
        return dataclasses.replace(node, items=new)
    if isinstance(node, X.Cond):
        return dataclasses.replace(node, test=new[0], then=new[1], orelse=new[2])
    if isinstance(node, X.Call):
        return dataclasses.replace(node, args=new)
    return node  # pragma: no cover


EXACT_CALLS = frozenset({"min", "max", "clamp", "abs", "round", "floor", "ceil"})


def exact(node: X.Node, bounds: Bounds, seen: set[str]) -> bool:
    """Whether the interval of `node` is attained: every name bounded and used once, and only
    operations that are continuous and monotone in each argument on the box."""
    if isinstance(node, X.Num):
        return True
    if isinstance(node, X.Name):
        if node.name not in bounds or node.name in seen:
            return False
        seen.add(node.name)
        return True
    if isinstance(node, X.Unary):
        return node.op != "not" and exact(node.operand, bounds, seen)
    if isinstance(node, X.Binary):
        return node.op in ("+", "-", "*", "/") and all(
            exact(k, bounds, seen) for k in (node.left, node.right)
        )
    if isinstance(node, X.Call):
        return node.func in EXACT_CALLS and all(exact(a, bounds, seen) for a in node.args)
    return False


def _can(node: X.Node, want: bool, bounds: Bounds) -> bool | None:
    """Can `node` evaluate to `want`? False: provably never; True: provably can; None."""
    if not want:
        node = X.Unary("not", node, node.pos, node.end)
    return X.can_be_true(node, bounds)


@dataclass
class Places:
    """Where each compiled item was written."""

    events: list[Item]
    rules: list[Item]
    actors: list[Item]
    situations: list[Item]
    endings: dict[str, Item]
    variables: dict[str, Item]
    flags: dict[str, Item]
    assumptions: dict[str, Item]


@dataclass(slots=True)
class Site:
    """A list of effects that applies in some context, with where it is written."""

    effects: tuple[P.Effect, ...]
    file: SourceFile
    path: KeyPath  # of the `effects` array
    turns: TurnRange  # when they apply
    earliest: float  # earliest turn of the context, for `lag`
    visible: float  # earliest turn a condition can see what they change


@dataclass
class State:
    lo: dict[str, float] = field(default_factory=dict)
    hi: dict[str, float] = field(default_factory=dict)
    flags: dict[str, set[bool]] = field(default_factory=dict)
    situations: set[str] = field(default_factory=set)  # possibly active
    roles_of: dict[str, set[str]] = field(default_factory=dict)  # event id -> roles reaching it
    normal: set[tuple[str, str]] = field(default_factory=set)  # (role, event) drawn in its window
    event_turns: dict[str, TurnRange] = field(default_factory=dict)  # when it can be drawn
    later_turns: dict[str, TurnRange] = field(default_factory=dict)  # when a `later` brings it
    # variable or flag -> the earliest turn a condition can see it differ from its start
    first_change: dict[str, float] = field(default_factory=dict)


class Reach:
    """The reachable states of a pack, once `solve` has run: `s` (ranges, flag values, active
    situations, who reaches which event when) and the queries on them (`possible`, `interval`,
    `sites`)."""

    def __init__(
        self,
        pack: P.Pack,
        loaded: Loaded,
        role: str | None = None,
        deadlines: dict[str, float] | None = None,
    ) -> None:
        self.pack = pack
        self.loaded = loaded
        self.role = role
        self.deadlines = deadlines or {}  # event id -> the turn by which it is surely drawn
        self.turns = float(pack.meta.turns)
        self.all_turns: TurnRange = (1.0, self.turns + 1)
        self.vars = {v.id: v for v in pack.variables}
        self.forced: set[str] = set()  # events some `later` forces onto the desk
        self.later_targets: set[str] = set()
        for _, _, laters in self._laters():
            for item in laters:
                if item.event is not None:
                    self.later_targets.add(item.event)
                    if item.force:
                        self.forced.add(item.event)
        self.s = State()
        never = self.turns + 2  # later than any turn a condition is evaluated on
        for v in pack.variables:
            self.s.lo[v.id] = self.s.hi[v.id] = float(v.start)
            self.s.first_change[v.id] = never
        if pack.budget is not None:  # costs spend it and the refill tops it up: anything goes
            v = self.vars[pack.budget.variable]
            self.s.lo[v.id], self.s.hi[v.id] = float(v.min), float(v.max)
            self.s.first_change[v.id] = 1.0
        self.starts: dict[str, X.Node] = {}  # what a variable or flag is before it can change
        for v in pack.variables:
            self.starts[v.id] = X.Num(float(v.start), 0, 0)
        for f in pack.flags:
            self.s.flags[f"flags.{f.id}"] = {f.start}
            self.s.first_change[f"flags.{f.id}"] = never
            self.starts[f"flags.{f.id}"] = X.Bool(f.start, 0, 0)
        self._reset_caches()
        items = loaded.items
        self.places = Places(
            events=items["event"],
            rules=items["rule"],
            actors=items["actor"],
            situations=items["situation"],
            endings={i.model.id: i for i in items["ending"]},
            variables={i.model.id: i for i in items["variable"]},
            flags={i.model.id: i for i in items["flag"]},
            assumptions={i.model.id: i for i in items["assumption"]},
        )
        if not (
            len(self.places.events) == len(pack.events)
            and len(self.places.rules) == len(pack.rules)
            and len(self.places.actors) == len(pack.actors)
            and len(self.places.situations) == len(pack.situations)
        ):
            raise GiveUp  # items and compiled structures do not line up: say nothing

    # -- abstract values
    def _reset_caches(self) -> None:
        consts: dict[str, X.Node] = {}
        for name, values in self.s.flags.items():
            if len(values) == 1:
                consts[name] = X.Bool(next(iter(values)), 0, 0)
        for sit in self.pack.situations:
            name = f"situation.{sit.id}"
            if name not in self.s.situations:
                consts[name] = X.Bool(False, 0, 0)
        if self.role is not None:
            consts["role"] = X.Str(self.role, 0, 0)
        self.consts = consts
        self._nodes: dict[tuple[int, frozenset[str]], X.Node] = {}
        self._possible: dict[tuple[object, ...], bool] = {}
        self._intervals: dict[tuple[object, ...], tuple[float, float] | None] = {}
        self._applied: set[tuple[object, ...]] = set()
        self._bounds: dict[TurnRange, Bounds] = {}
        self._unchanged: dict[TurnRange, frozenset[str]] = {}
        self._sites: list[Site] | None = None

    def unchanged(self, turns: TurnRange) -> frozenset[str]:
        """The variables and flags that cannot have left their start on any of `turns`."""
        found = self._unchanged.get(turns)
        if found is None:
            found = self._unchanged[turns] = frozenset(
                name for name, first in self.s.first_change.items() if first > turns[1]
            )
        return found

    def _key(self, c: X.Compiled, turns: TurnRange) -> tuple[object, ...]:
        """What the value of `c` on `turns` depends on, besides the current ranges."""
        return (c.src, turns if "turn" in c.reads else None, self.unchanged(turns) & c.reads)

    def node(self, c: X.Compiled | X.Node, turns: TurnRange | None = None) -> X.Node:
        """`c` with what is known on `turns` put in: flags that always hold one value, the
        role, and the variables and flags that cannot have changed yet."""
        n = c.node if isinstance(c, X.Compiled) else c
        fixed = self.unchanged(turns) if turns is not None else frozenset()
        if isinstance(c, X.Compiled):
            fixed &= c.reads
        found = self._nodes.get((id(n), fixed))
        if found is None:
            consts = self.consts | {name: self.starts[name] for name in fixed}
            found = self._nodes[(id(n), fixed)] = _subst(n, consts)
        return found

    def bounds(self, turns: TurnRange) -> Bounds:
        # Cached for the round: within a round the ranges may grow behind the cache, which only
        # delays a conclusion to the next round (the fixpoint ends after a round with no change).
        b = self._bounds.get(turns)
        if b is None:
            b = {k: (self.s.lo[k], self.s.hi[k]) for k in self.s.lo}
            b["turn"] = turns
            self._bounds[turns] = b
        return b

    def possible(self, c: X.Compiled | None, turns: TurnRange, want: bool = True) -> bool:
        """False only if `c` provably never evaluates to `want` on `turns`."""
        if c is None:
            return True
        if c.const is not None:
            return bool(c.const) is want
        key = (*self._key(c, turns), want)
        found = self._possible.get(key)
        if found is None:
            found = _can(self.node(c, turns), want, self.bounds(turns)) is not False
            self._possible[key] = found
        return found

    def timeless(self, c: X.Compiled, turns: TurnRange) -> bool:
        """Whether `c` never holds on `turns` even if what it reads could have changed."""
        return _can(self.node(c), True, self.bounds(turns)) is False

    def interval(self, c: X.Compiled, turns: TurnRange) -> tuple[float, float] | None:
        if c.const is not None and not isinstance(c.const, bool | str):
            v = float(c.const)
            return (v, v)
        key = self._key(c, turns)
        if key not in self._intervals:
            self._intervals[key] = X.interval(self.node(c, turns), self.bounds(turns))
        return self._intervals[key]

    def roles(self, roles: frozenset[str]) -> frozenset[str]:
        """Of `roles`, those this analysis plays."""
        if self.role is None:
            return roles
        return roles & {self.role}

    # -- walking the pack
    def _laters(self) -> Iterator[tuple[P.Event, P.Choice, tuple[P.Later, ...]]]:
        for e in self.pack.events:
            for c in e.choices:
                yield e, c, c.later
                for o in c.outcomes:
                    yield e, c, o.later

    def choice_sites(self, e: P.Event, turns: TurnRange) -> Iterator[tuple[int, P.Choice]]:
        """Choices of `e` that a role reaching it can take."""
        roles = self.s.roles_of.get(e.id, set())
        for k, c in enumerate(e.choices):
            if roles & c.roles and self.possible(c.when, turns):
                yield k, c

    def _later_sites(
        self,
        laters: tuple[P.Later, ...],
        file: SourceFile,
        base: KeyPath,
        turns: TurnRange,
        paths: bool,
    ) -> Iterator[Site]:
        """The effects of `later` entries that can land before the game ends."""
        for j, later in enumerate(laters):
            at = turns[0] + later.delay
            if later.effects and at <= self.turns:
                path = (*base, "later", j, "effects") if paths else ()
                yield Site(later.effects, file, path, (at, self.all_turns[1]), at, at + 1)

    def sites(self, paths: bool = True) -> Iterator[Site]:
        """Every list of effects that can apply, given the current approximation (with where it
        is written only if `paths`: the fixpoint does not need it). With their paths they are
        listed once per approximation (a round of `step` starts a new one): the warnings walk
        them more than once."""
        if not paths:
            return self._sites_of(False)
        if self._sites is None:
            self._sites = list(self._sites_of(True))
        return iter(self._sites)

    def _sites_of(self, paths: bool) -> Iterator[Site]:
        pack = self.pack
        last = self.all_turns
        no: KeyPath = ()
        reached = self.s.event_turns
        for n, e in enumerate(pack.events):
            turns = reached.get(e.id)
            if turns is None:
                continue
            item = self.places.events[n]
            # A decision's effects see what the decisions of the same turn changed before them.
            during: TurnRange = (turns[0], turns[1] + 1)
            for k, c in self.choice_sites(e, turns):
                base = (*item.path, "choice", k) if paths else no
                if c.effects:
                    path = (*base, "effects") if paths else no
                    yield Site(c.effects, item.file, path, during, turns[0], turns[0] + 1)
                if c.later:
                    yield from self._later_sites(c.later, item.file, base, turns, paths)
                for i, o in enumerate(c.outcomes):
                    chance = self.interval(o.chance, turns)
                    if chance is not None and chance[1] <= 0:
                        continue
                    ob = (*base, "outcomes", i) if paths else no
                    path = (*ob, "effects") if paths else no
                    yield Site(o.effects, item.file, path, during, turns[0], turns[0] + 1)
                    yield from self._later_sites(o.later, item.file, ob, turns, paths)
        world: TurnRange = (2.0, last[1])
        for n, r in enumerate(pack.rules):
            item = self.places.rules[n]
            if self.fires(r.when, r.chance, world):
                yield Site(r.effects, item.file, (*item.path, "effects"), world, 2.0, 2.0)
        for n, a in enumerate(pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                if self.fires(m.when, m.chance, world):
                    path = (*item.path, "move", k, "effects")
                    yield Site(m.effects, item.file, path, world, 2.0, 2.0)
        for n, sit in enumerate(pack.situations):
            if f"situation.{sit.id}" in self.s.situations:
                item = self.places.situations[n]
                yield Site(sit.effects, item.file, (*item.path, "effects"), last, 1.0, 1.0)

    def fires(self, when: X.Compiled, chance: X.Compiled, turns: TurnRange) -> bool:
        if not self.possible(when, turns):
            return False
        iv = self.interval(chance, turns)
        return iv is None or iv[1] > 0

    # -- the fixpoint
    def solve(self) -> int:
        """Grow the approximation until nothing changes; the rounds it took. GiveUp if it does
        not settle."""
        for round_ in range(MAX_ROUNDS):
            self._reset_caches()
            if not self.step(widen=round_ >= WIDEN_AFTER):
                break
        else:
            raise GiveUp
        self._reset_caches()
        return round_ + 1

    @property
    def _reached(self) -> set[str]:
        return self.s.event_turns.keys()  # type: ignore[return-value]

    def reach(self, role: str, event: P.Event, turns: TurnRange) -> bool:
        deadline = self.deadlines.get(event.id)
        if deadline is not None:  # drawn by then, and once only
            if turns[0] > deadline:
                return False
            turns = (turns[0], min(turns[1], deadline))
        changed = False
        roles = self.s.roles_of.setdefault(event.id, set())
        if role not in roles:
            roles.add(role)
            changed = True
        old = self.s.event_turns.get(event.id)
        new = turns if old is None else (min(old[0], turns[0]), max(old[1], turns[1]))
        if new != old:
            self.s.event_turns[event.id] = new
            changed = True
        return changed

    def window(self, e: P.Event) -> TurnRange:
        """The turns the draw may pick `e` on its own: empty for one a `later` brings only."""
        if e.later_only:
            return (1.0, 0.0)
        if e.on_turn is not None:
            return (float(e.on_turn), float(e.on_turn))
        return (float(e.turn_min), float(min(e.turn_max, self.turns)))

    def drawable(self, role: str, e: P.Event, turns: TurnRange) -> bool:
        return any(role in c.roles and self.possible(c.when, turns) for c in e.choices)

    def normal_draw(self, role: str, e: P.Event) -> bool:
        window = self.window(e)
        if window[0] > window[1] or not self.possible(e.when, window):
            return False
        weight = self.interval(e.weight, window)
        if weight is not None and weight[1] <= 0:
            return False
        return self.drawable(role, e, window)

    def step(self, widen: bool) -> bool:
        pack = self.pack
        changed = False
        self._sites = None
        for e in pack.events:
            for role in self.roles(e.roles):
                if (role, e.id) in self.s.normal:
                    continue
                window = self.window(e)
                if self.normal_draw(role, e):
                    self.s.normal.add((role, e.id))
                    changed |= self.reach(role, e, window)
        # Events set in motion by reachable choices.
        for e in pack.events:
            turns = self.s.event_turns.get(e.id)
            if turns is None:
                continue
            roles = self.s.roles_of[e.id]
            for c in e.choices:
                takers = roles & c.roles
                if not takers or not self.possible(c.when, turns):
                    continue
                if not (c.later or c.outcomes):
                    continue  # it sets no event in motion
                items = list(c.later)
                for o in c.outcomes:
                    iv = self.interval(o.chance, turns)
                    if iv is None or iv[1] > 0:
                        items.extend(o.later)
                for item in items:
                    if item.event is None:
                        continue
                    at = turns[0] + item.delay
                    if at > self.turns:
                        continue
                    target = pack.events_by_id[item.event]
                    arrive: TurnRange = (at, self.turns)
                    if not (item.force or self.possible(target.when, arrive)):
                        continue
                    old = self.s.later_turns.get(target.id)
                    hull = arrive if old is None else (min(old[0], at), arrive[1])
                    if hull != old:
                        self.s.later_turns[target.id] = hull
                        changed = True
                    for role in takers & target.roles:
                        if self.drawable(role, target, arrive):
                            changed |= self.reach(role, target, arrive)
        for site in list(self.sites(paths=False)):
            for eff in site.effects:
                changed |= self.apply(eff, site, widen)
        for sit in pack.situations:
            name = f"situation.{sit.id}"
            if name not in self.s.situations and self.possible(sit.start, self.all_turns):
                self.s.situations.add(name)
                changed = True
        return changed

    def apply(self, eff: P.Effect, site: Site, widen: bool) -> bool:
        stmt = eff.stmt
        when = eff.when.src if eff.when else ""
        lands = eff.mode != "lag" or site.earliest + eff.turns <= self.turns
        name = stmt.target.name
        seen = self.s.first_change.get(name)
        if (
            lands
            and seen is not None
            and site.visible < seen
            and not self._keeps_start(stmt)
            and self.possible(eff.when, site.turns)
        ):
            self.s.first_change[name] = site.visible
            return True  # what it does to the value is worked out in the next round
        by_turn = "turn" in stmt.reads or (eff.when is not None and "turn" in eff.when.reads)
        # a `when` reading what cannot have changed yet on these turns reads its start
        fixed = self.unchanged(site.turns) & eff.when.reads if eff.when else frozenset()
        key = (stmt.src, eff.mode, when, site.turns if by_turn else None, fixed, lands)
        if key in self._applied:
            return False
        self._applied.add(key)
        if not self.possible(eff.when, site.turns):
            return False
        if not lands:
            return False
        value_turns = (site.turns[0], self.all_turns[1])  # a lagged value is read later
        if stmt.target.type is X.Type.BOOL:
            values = self.s.flags.setdefault(name, set())
            node = self.node(stmt.value)
            changed = False
            for want in (True, False):
                if want in values:
                    continue
                if _can(node, want, self.bounds(value_turns)) is not False:
                    values.add(want)
                    changed = True
            return changed
        v = self.vars.get(name)
        if v is None:
            return False
        lo, hi = self.s.lo[name], self.s.hi[name]
        iv = self.interval(stmt.value, value_turns)
        new_lo, new_hi = lo, hi
        op = stmt.op
        if iv is None or eff.mode == "decay":
            if iv != (0.0, 0.0):
                new_lo, new_hi = v.min, v.max
        elif op in ("+=", "-="):
            d_lo, d_hi = iv if op == "+=" else (-iv[1], -iv[0])
            if d_hi > 0:
                new_hi = v.max
            if d_lo < 0:
                new_lo = v.min
        elif op == "*=":
            products = [x * y for x in (lo, hi) for y in iv]
            if any(p - p != 0.0 for p in products):
                new_lo, new_hi = v.min, v.max
            else:
                if max(products) > hi:
                    new_hi = v.max
                if min(products) < lo:
                    new_lo = v.min
        else:  # "="
            new_lo = min(lo, max(v.min, min(iv[0], v.max)))
            new_hi = max(hi, min(v.max, max(iv[1], v.min)))
            if widen:
                new_lo = v.min if new_lo < lo else new_lo
                new_hi = v.max if new_hi > hi else new_hi
        new_lo, new_hi = max(new_lo, v.min), min(new_hi, v.max)
        if (new_lo, new_hi) == (lo, hi):
            return False
        self.s.lo[name], self.s.hi[name] = min(lo, new_lo), max(hi, new_hi)
        return True

    def surely_drawn_by(self) -> dict[str, float]:
        """The once-only events this role's games surely draw by a turn: never after it."""
        out: dict[str, float] = {}
        firsts = self._firsts()
        for e in self.pack.events:
            if not e.once or e.id not in self._reached or not self.roles(e.roles):
                continue
            if not e.drawn_on_its_own:
                continue
            lo, last = self.s.event_turns[e.id]
            end = int(min(e.turn_max, self.turns, last))
            # Before its first turn the event ranks on no turn; from it on, every other event
            # that ranks above it comes first, so only the turns it ranks first can be its own.
            before = range(e.turn_min, min(int(lo), end + 1))
            first = [t for t in firsts.first_on.get(e.id, ()) if e.turn_min <= t <= end]
            for t in (*before, *first):
                rival = firsts.rival(t, e.id)
                if firsts.others_brought(t, e.id) or (rival is not None and rival >= e.priority):
                    continue  # another event may come first
                if self.surely_drawn(e, float(t)):
                    if t < last:
                        out[e.id] = float(t)
                    break
        return out

    def _firsts(self) -> Firsts:
        """Which events may come first on each turn (game.content.firsts)."""
        drawn, brought = [], []
        for f in self.pack.events:
            lo, hi = self.s.event_turns.get(f.id, (1.0, 0.0))
            drawn.append(((f.priority, f.id), int(lo), int(min(hi, self.turns))))
            lo, hi = self.s.later_turns.get(f.id, (1.0, 0.0))
            brought.append((f.id, int(lo), int(min(hi, self.turns))))
            if f.on_turn is not None:  # it comes first on its turn, too
                brought.append((f.id, f.on_turn, f.on_turn))
        return Firsts(int(self.turns), drawn, brought)

    def surely_drawn(self, e: P.Event, t: float) -> bool:
        """Whether a game that reaches turn `t` without having drawn `e`, and in which no
        other event can come first — one of its priority tier or higher, or one a `later`
        brings (those come before any drawn one) — draws it then."""
        at: TurnRange = (t, t)
        if self.possible(e.when, at, want=False):
            return False
        weight = self.interval(e.weight, at)
        if weight is None or weight[0] <= 0:
            return False
        return any(
            self.roles(c.roles)
            and not self.possible(c.when, at, want=False)
            and (c.cost is None or c.cost.const == 0)
            for c in e.choices
        )

    def _keeps_start(self, stmt: X.CompiledEffect) -> bool:
        """Whether the effect provably leaves a name at its start (`flags.x = false`)."""
        start = self.starts.get(stmt.target.name)
        value = stmt.value.const
        if stmt.op != "=" or value is None or start is None:
            return False
        return bool(value == (start.value if isinstance(start, X.Bool | X.Num) else None))
