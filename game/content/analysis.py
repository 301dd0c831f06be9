"""Static analysis of a compiled pack: the W4xx warnings.

Runs only when a pack compiled without errors. Everything here is *sound*: a warning that says
something can never happen is a proof, never a guess. The analysis computes an
over-approximation of every state the game can reach, as a least fixpoint:

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
after a few rounds, which keeps the result sound and the run short. A condition is then reported
as never holding only when :func:`game.engine.expr.can_be_true` proves it false under these
ranges. When in doubt (assumptions, `role`, strings, anything the interval arithmetic cannot
bound), the analysis says nothing.

Codes: W401 condition never holds, W402 flag read but never set, W403 flag set but never read,
W404 declared but never used, W405 event never drawn, W406 ending never reached, W407 chance can
leave 0–1, W408 delayed consequence lands after the last turn, W409 a divisor can be 0
(game.content.divisions), W420 a meter on a role's desk that can matter to nothing of that role
(no objective, ending or condition it sees).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from game.content.divisions import zero_divisors
from game.content.loader import Item, Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.engine import expr as X
from game.engine import pack as P

Bounds = dict[str, tuple[float, float]]
TurnRange = tuple[float, float]

WIDEN_AFTER = 6  # rounds before growing ranges jump to their declared bounds
MAX_ROUNDS = 400  # a safety net: if the fixpoint is not reached, report nothing


def analyse(pack: P.Pack, loaded: Loaded) -> list[Problem]:
    """The W4xx warnings of a pack that compiled without errors.

    What can go wrong (a chance out of 0–1, a division by zero …) is judged on every role's
    games at once; what can never happen, on each role's games apart — a game has one role —
    so that an event, choice or ending is reported only if it can happen in no role's game."""
    try:
        each = [_role_analysis(pack, loaded, role) for role in sorted(pack.roles)]
        if len(each) == 1:
            whole = each[0]  # the one role's games are every game
        else:
            whole = _Analysis(pack, loaded)
            whole.fixpoint()
    except _GiveUp:
        return []
    return whole.report() + _impossible(whole, each)


def _role_analysis(pack: P.Pack, loaded: Loaded, role: str) -> _Analysis:
    """The analysis of one role's games, with the events it surely draws by a turn, once."""
    first = _Analysis(pack, loaded, role)
    first.fixpoint()
    deadlines = first.surely_drawn_by()
    if not deadlines:
        return first
    again = _Analysis(pack, loaded, role, deadlines)
    again.fixpoint()
    return again


def _impossible(whole: _Analysis, each: list[_Analysis]) -> list[Problem]:
    """W401, W405, W406: what no role's games can reach (with the reasons of the analysis of
    all roles when it finds the same), and events listed for a role that role never meets."""
    for a in dict.fromkeys([whole, *each]):
        a.impossibilities()
    out: list[Problem] = []
    subjects = dict.fromkeys(key for a in each for key in a.examined)
    met = {e for a in each for e in a._reached}
    for key in subjects:
        examining = [a for a in each if key in a.examined]
        finding = [a for a in examining if key in a.found]
        if key[0] == "offered" and key[1] not in met:
            continue  # the event is never drawn at all: its W405 says so
        if finding and len(finding) == len(examining):
            if key[0] == "offered":
                named = " or ".join(repr(a.role) for a in finding)
                p = finding[0].found[key]
                message = p.message.replace(repr(finding[0].role), named)
                hint = p.hint.replace(repr(finding[0].role), named)
                out.append(dataclasses.replace(p, message=message, hint=hint))
            elif key in whole.found or len(each) == 1:
                out.append((whole if key in whole.found else finding[0]).found[key])
            else:
                out.append(_for_roles(finding[0].found[key], [a.role for a in finding]))
        elif finding and key[0] == "W405" and key[2]:  # an event that lists its roles
            out += [_for_roles(a.found[key], [a.role]) for a in finding]
    return out


def _for_roles(p: Problem, roles: list[str | None]) -> Problem:
    named = " and ".join(repr(r) for r in roles)
    hint = p.hint
    if p.code == "W405":
        hint = (
            f"In a game of {named} nothing sets what it reads (other roles' choices do not "
            f"happen there): make its `when` reachable for {named}, or take {named} out of "
            "its `roles`."
        )
    return dataclasses.replace(p, message=f"{p.message} (as {named})", hint=hint)


class _GiveUp(Exception):
    pass


# --------------------------------------------------------------------------- expression helpers


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


_EXACT_CALLS = frozenset({"min", "max", "clamp", "abs", "round", "floor", "ceil"})


def _exact(node: X.Node, bounds: Bounds, seen: set[str]) -> bool:
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
        return node.op != "not" and _exact(node.operand, bounds, seen)
    if isinstance(node, X.Binary):
        return node.op in ("+", "-", "*", "/") and all(
            _exact(k, bounds, seen) for k in (node.left, node.right)
        )
    if isinstance(node, X.Call):
        return node.func in _EXACT_CALLS and all(_exact(a, bounds, seen) for a in node.args)
    return False


def _can(node: X.Node, want: bool, bounds: Bounds) -> bool | None:
    """Can `node` evaluate to `want`? False: provably never; True: provably can; None."""
    if not want:
        node = X.Unary("not", node, node.pos, node.end)
    return X.can_be_true(node, bounds)


def _literal_false(c: X.Compiled) -> bool:
    return isinstance(c.node, X.Bool) and c.node.value is False


# --------------------------------------------------------------------------- locations


@dataclass
class _Places:
    """Where each compiled item was written."""

    events: list[Item]
    rules: list[Item]
    actors: list[Item]
    situations: list[Item]
    endings: dict[str, Item]
    variables: dict[str, Item]
    flags: dict[str, Item]
    assumptions: dict[str, Item]


@dataclass
class _Site:
    """A list of effects that applies in some context, with where it is written."""

    effects: tuple[P.Effect, ...]
    file: SourceFile
    path: KeyPath  # of the `effects` array
    turns: TurnRange  # when they apply
    earliest: float  # earliest turn of the context, for `lag`
    visible: float  # earliest turn a condition can see what they change


# --------------------------------------------------------------------------- the analysis


@dataclass
class _State:
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


class _Analysis:
    """The reachable states of the games of one role (`role`), or of every role at once."""

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
        for _, _, items in self._laters():
            for item in items:
                if item.event is not None:
                    self.later_targets.add(item.event)
                    if item.force:
                        self.forced.add(item.event)
        self.s = _State()
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
        self.places = _Places(
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
            raise _GiveUp  # items and compiled structures do not line up: say nothing

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
        self._possible: dict[tuple, bool] = {}
        self._intervals: dict[tuple, tuple[float, float] | None] = {}
        self._applied: set[tuple] = set()
        self._bounds: dict[TurnRange, Bounds] = {}
        self._unchanged: dict[TurnRange, frozenset[str]] = {}

    def unchanged(self, turns: TurnRange) -> frozenset[str]:
        """The variables and flags that cannot have left their start on any of `turns`."""
        found = self._unchanged.get(turns)
        if found is None:
            found = self._unchanged[turns] = frozenset(
                name for name, first in self.s.first_change.items() if first > turns[1]
            )
        return found

    def _key(self, c: X.Compiled, turns: TurnRange) -> tuple:
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

    def interval(self, c: X.Compiled, turns: TurnRange) -> tuple[float, float] | None:
        if c.const is not None and not isinstance(c.const, bool | str):
            v = float(c.const)  # type: ignore[arg-type]
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
        self, laters, file: SourceFile, base: KeyPath, turns: TurnRange, paths: bool
    ) -> Iterator[_Site]:
        """The effects of `later` entries that can land before the game ends."""
        for j, later in enumerate(laters):
            at = turns[0] + later.delay
            if later.effects and at <= self.turns:
                path = (*base, "later", j, "effects") if paths else ()
                yield _Site(later.effects, file, path, (at, self.all_turns[1]), at, at + 1)

    def sites(self, paths: bool = True) -> Iterator[_Site]:
        """Every list of effects that can apply, given the current approximation (with where it
        is written only if `paths`: the fixpoint does not need it)."""
        pack = self.pack
        last = self.all_turns
        no: KeyPath = ()
        for n, e in enumerate(pack.events):
            if e.id not in self._reached:
                continue
            item = self.places.events[n]
            turns = self.s.event_turns[e.id]
            # A decision's effects see what the decisions of the same turn changed before them.
            during: TurnRange = (turns[0], turns[1] + 1)
            for k, c in self.choice_sites(e, turns):
                base = (*item.path, "choice", k) if paths else no
                if c.effects:
                    path = (*base, "effects") if paths else no
                    yield _Site(c.effects, item.file, path, during, turns[0], turns[0] + 1)
                yield from self._later_sites(c.later, item.file, base, turns, paths)
                for i, o in enumerate(c.outcomes):
                    chance = self.interval(o.chance, turns)
                    if chance is not None and chance[1] <= 0:
                        continue
                    ob = (*base, "outcomes", i) if paths else no
                    path = (*ob, "effects") if paths else no
                    yield _Site(o.effects, item.file, path, during, turns[0], turns[0] + 1)
                    yield from self._later_sites(o.later, item.file, ob, turns, paths)
        world: TurnRange = (2.0, last[1])
        for n, r in enumerate(pack.rules):
            item = self.places.rules[n]
            if self.fires(r.when, r.chance, world):
                yield _Site(r.effects, item.file, (*item.path, "effects"), world, 2.0, 2.0)
        for n, a in enumerate(pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                if self.fires(m.when, m.chance, world):
                    path = (*item.path, "move", k, "effects")
                    yield _Site(m.effects, item.file, path, world, 2.0, 2.0)
        for n, sit in enumerate(pack.situations):
            if f"situation.{sit.id}" in self.s.situations:
                item = self.places.situations[n]
                yield _Site(sit.effects, item.file, (*item.path, "effects"), last, 1.0, 1.0)

    def fires(self, when: X.Compiled, chance: X.Compiled, turns: TurnRange) -> bool:
        if not self.possible(when, turns):
            return False
        iv = self.interval(chance, turns)
        return iv is None or iv[1] > 0

    # -- the fixpoint
    def run(self) -> list[Problem]:
        self.fixpoint()
        return self.report()

    def fixpoint(self) -> None:
        for round_ in range(MAX_ROUNDS):
            self._reset_caches()
            if not self.step(widen=round_ >= WIDEN_AFTER):
                break
        else:
            raise _GiveUp
        self._reset_caches()

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
            if e.id not in self._reached:
                continue
            turns = self.s.event_turns[e.id]
            roles = self.s.roles_of[e.id]
            for c in e.choices:
                takers = roles & c.roles
                if not takers or not self.possible(c.when, turns):
                    continue
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

    def apply(self, eff: P.Effect, site: _Site, widen: bool) -> bool:
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
        # per turn: the two highest (priority, event) that may be drawn, the events brought
        top: dict[int, list[tuple[int, str]]] = {}
        brought: dict[int, set[str]] = {}
        for f in self.pack.events:
            lo, hi = self.s.event_turns.get(f.id, (1.0, 0.0))
            for t in range(int(lo), int(min(hi, self.turns)) + 1):
                top[t] = sorted([*top.get(t, []), (f.priority, f.id)], reverse=True)[:2]
            lo, hi = self.s.later_turns.get(f.id, (1.0, 0.0))
            for t in range(int(lo), int(min(hi, self.turns)) + 1):
                brought.setdefault(t, set()).add(f.id)
            if f.on_turn is not None:  # it comes first on its turn, too
                brought.setdefault(f.on_turn, set()).add(f.id)
        for e in self.pack.events:
            if not e.once or e.id not in self._reached or not self.roles(e.roles):
                continue
            if not e.drawn_on_its_own:
                continue
            last = self.s.event_turns[e.id][1]
            for t in range(e.turn_min, int(min(e.turn_max, self.turns, last)) + 1):
                rivals = [p for p, f in top.get(t, []) if f != e.id]
                if brought.get(t, set()) - {e.id} or (rivals and rivals[0] >= e.priority):
                    continue  # another event may come first
                if self.surely_drawn(e, float(t)):
                    if t < last:
                        out[e.id] = float(t)
                    break
        return out

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
        return value == (start.value if isinstance(start, X.Bool | X.Num) else None)

    # -- the report
    def report(self) -> list[Problem]:
        """What can go wrong, and the names and meters that do nothing."""
        out: list[Problem] = []
        self.names(out)
        self.chances(out)
        self.laters(out)
        self.divisions(out)
        self.desk_meters(out)
        return out

    def impossibilities(self) -> None:
        """What can never happen (W401, W405, W406), in `found` by subject; every subject
        judged is in `examined`."""
        self.examined: set[tuple] = set()
        self.found: dict[tuple, Problem] = {}
        self.conditions([])
        self.events([])
        self.endings([])

    def warn(
        self,
        out: list[Problem],
        file: SourceFile,
        path: KeyPath,
        code: str,
        msg: str,
        subject: tuple | None = None,
        hint: str | None = None,
    ) -> None:
        line, col = file.at(path)
        found = problem(file.name, line, col, code, msg, hint, severity="warning")
        out.append(found)
        if subject is not None:
            self.found[subject] = found

    def judge(self, *subject: object) -> tuple:
        self.examined.add(subject)
        return subject

    def never(self, c: X.Compiled | None, turns: TurnRange) -> bool:
        return c is not None and not _literal_false(c) and not self.possible(c, turns)

    def timeless(self, c: X.Compiled, turns: TurnRange) -> bool:
        """Whether `c` never holds on `turns` even if what it reads could have changed."""
        return _can(self.node(c), True, self.bounds(turns)) is False

    def too_early(self, c: X.Compiled, turns: TurnRange) -> str | None:
        """The hint for a condition read on `turns`, before what it reads can change."""
        if self.timeless(c, turns):
            return None
        later = [self.s.first_change[n] for n in self.unchanged(turns) & c.reads]
        first = min((t for t in later if t <= self.turns), default=None)
        if first is None:
            return None
        return (
            f"It is read by turn {turns[1]:g}, and what it reads cannot change before turn "
            f"{first:g}: let it come later (e.g. turn_min = {first:g}), or make it read "
            "something that can change before."
        )

    def implies(self, c: X.Compiled, d: X.Compiled, turns: TurnRange) -> bool:
        """Whether `d` provably holds on `turns` whenever `c` does."""
        if c.const is not None or d.const is not None:
            return False
        not_d = X.Unary("not", self.node(d, turns), 0, 0)
        both = X.BoolOp("and", (self.node(c, turns), not_d), 0, 0)
        return X.can_be_true(both, self.bounds(turns)) is False

    def _ranges(
        self,
        c: X.Compiled,
        names: frozenset[str] | None = None,
        turns: TurnRange | None = None,
    ) -> str:
        parts = []
        if turns is not None and self.timeless(c, turns):
            turns = None  # the ranges say why, whatever the turn
        fixed = self.unchanged(turns) if turns is not None else frozenset()
        first = self.s.first_change
        for name in sorted(c.reads if names is None else names):
            if name in self.s.lo:
                lo, hi = self.s.lo[name], self.s.hi[name]
                if turns is not None and turns[1] < first[name] <= self.turns + 1:
                    start = self.vars[name].start
                    parts.append(f"{name} is {start:g} until turn {first[name]:g} at the earliest")
                else:
                    parts.append(f"{name} stays within {lo:g}–{hi:g}")
            elif name in fixed and first[name] <= self.turns:
                start = "true" if self.starts[name].value else "false"  # type: ignore[union-attr]
                parts.append(f"{name} is {start} until turn {first[name]:g} at the earliest")
            elif name in self.consts and isinstance(self.consts[name], X.Bool) or name in fixed:
                value = self.consts.get(name, self.starts.get(name))
                shown = "true" if value.value else "false"  # type: ignore[union-attr]
                parts.append(f"{name} is always {shown}")
        return f" ({'; '.join(parts)})" if parts else ""

    def conditions(self, out: list[Problem]) -> None:
        """W401: conditions in reachable places that can never hold, and choices for roles
        that never meet their event."""
        for n, e in enumerate(self.pack.events):
            item = self.places.events[n]
            for k, c in enumerate(e.choices):
                if self.role is None or self.role not in c.roles or c.roles == e.roles:
                    continue
                subject = self.judge("offered", e.id, c.id)
                if e.id not in self._reached:
                    self.warn(
                        out,
                        item.file,
                        (*item.path, "choice", k, "roles"),
                        "W401",
                        f"choice {c.id!r} of event {e.id!r} is never offered: no game of "
                        f"{self.role!r} draws the event",
                        subject,
                        f"Let {self.role!r} meet the event (what its `when` reads may be set "
                        "only by other roles' choices), or give the choice to a role that does.",
                    )
        for n, e in enumerate(self.pack.events):
            if e.id not in self._reached:
                continue
            item = self.places.events[n]
            turns = self.s.event_turns[e.id]
            roles = self.s.roles_of[e.id]
            for k, c in enumerate(e.choices):
                if not roles & c.roles:
                    continue
                path = (*item.path, "choice", k, "when")
                subject = self.judge("W401", e.id, c.id)
                if self.never(c.when, turns):
                    self.warn(
                        out,
                        item.file,
                        path,
                        "W401",
                        f"choice {c.id!r} of event {e.id!r} can never be open: "
                        f"`{c.when.src}` never holds{self._ranges(c.when, turns=turns)}",
                        subject,
                        self.too_early(c.when, turns),
                    )
        for site in self.sites():
            for k, eff in enumerate(site.effects):
                subject = self.judge("W401", site.file.name, (*site.path, k))
                if self.never(eff.when, site.turns):
                    assert eff.when is not None
                    self.warn(
                        out,
                        site.file,
                        (*site.path, k, "when"),
                        "W401",
                        f"the effect `{eff.stmt.src}` never applies: `{eff.when.src}` never "
                        f"holds{self._ranges(eff.when, turns=site.turns)}",
                        subject,
                    )
        world: TurnRange = (2.0, self.all_turns[1])
        for n, r in enumerate(self.pack.rules):
            item = self.places.rules[n]
            subject = self.judge("W401", "rule", r.id)
            if self.never(r.when, world):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "when"),
                    "W401",
                    f"rule {r.id!r} never fires: `{r.when.src}` never holds{self._ranges(r.when)}",
                    subject,
                )
        for n, a in enumerate(self.pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                subject = self.judge("W401", "move", a.id, m.id)
                if self.never(m.when, world):
                    self.warn(
                        out,
                        item.file,
                        (*item.path, "move", k, "when"),
                        "W401",
                        f"move {m.id!r} of actor {a.id!r} is never taken: `{m.when.src}` never "
                        f"holds{self._ranges(m.when)}",
                        subject,
                    )
        for n, sit in enumerate(self.pack.situations):
            item = self.places.situations[n]
            subject = self.judge("W401", "situation", sit.id)
            if self.never(sit.start, self.all_turns):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "start"),
                    "W401",
                    f"situation {sit.id!r} never starts: `{sit.start.src}` never holds"
                    f"{self._ranges(sit.start)}",
                    subject,
                )
            elif self.never(sit.stop, self.all_turns):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "stop"),
                    "W401",
                    f"situation {sit.id!r} never stops once started: `{sit.stop.src}` never "
                    f"holds{self._ranges(sit.stop)}",
                    subject,
                )

    def events(self, out: list[Problem]) -> None:
        """W405: events no role can ever be drawn."""
        for n, e in enumerate(self.pack.events):
            item = self.places.events[n]
            roles = self.roles(e.roles)
            if not roles:
                continue
            subject = self.judge("W405", e.id, bool(item.model.roles))
            if e.id in self._reached:
                continue
            window = self.window(e)
            brought = e.id in self.later_targets
            via = "; and no reachable choice sets it in motion" if brought else ""
            key: str | None
            weight = self.interval(e.weight, window)
            if e.later_only:
                reason = "it comes only through a `later`" + (via or ", and no `later` brings it")
                key = "later_only"
            elif not self.possible(e.when, window):
                ranges = self._ranges(e.when, turns=window)
                reason = f"`{e.when.src}` never holds in turns {window[0]:g}–{window[1]:g}"
                reason, key = f"{reason}{ranges}{via}", "when"
            elif weight is not None and weight[1] <= 0:
                reason, key = f"its weight `{e.weight.src}` is never above 0{via}", "weight"
            elif not any(self.drawable(r, e, self.all_turns) for r in roles):
                reason, key = "none of its choices can ever be open", "choice"
            else:
                reason, key = "no role can both see it and open one of its choices" + via, None
            path = (*item.path, key) if key else (*item.path, "id")
            message = f"event {e.id!r} can never be drawn: {reason}"
            hint = self.too_early(e.when, window) if key == "when" else None
            self.warn(out, item.file, path, "W405", message, subject, hint)

    def endings(self, out: list[Problem]) -> None:
        """W406: endings the game can never end in."""
        pack = self.pack
        esc = pack.escalation
        at_end: TurnRange = (self.turns + 1, self.turns + 1)
        any_turn: TurnRange = (2.0, self.turns + 1)
        for i, e in enumerate(pack.endings):
            item = self.places.endings.get(e.id)
            if item is None:
                continue
            if (
                esc is not None
                and esc.ending == e.id
                and self.s.hi[esc.variable] >= esc.rungs[-1].at
            ):
                continue
            turns = at_end if e.at == "end" else any_turn
            subject = self.judge("W406", e.id)
            if self.never(e.when, turns):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "when"),
                    "W406",
                    f"ending {e.id!r} can never be reached: `{e.when.src}` never holds"
                    f"{self._ranges(e.when, turns=turns)}",
                    subject,
                )
                continue
            for a in pack.endings[:i]:
                if a.at == "any" or e.at == "end":
                    a_turns = turns if a.at == "end" or e.at == "end" else any_turn
                    if not self.possible(a.when, a_turns, want=False):
                        why = "always holds then"
                    elif self.implies(e.when, a.when, a_turns):
                        why = f"holds whenever `{e.when.src}` does: `{a.when.src}`"
                    else:
                        continue
                    self.warn(
                        out,
                        item.file,
                        (*item.path, "id"),
                        "W406",
                        f"ending {e.id!r} can never be reached: ending {a.id!r} comes first "
                        f"(priority {a.priority} ≥ {e.priority}) and {why}",
                        subject,
                    )
                    break

    def names(self, out: list[Problem]) -> None:
        """W402, W403, W404: flags read but never set, set but never read; unused names."""
        reads: set[str] = set()
        writes: set[str] = set()
        for c in _expressions(self.pack):
            reads |= c.reads
        for eff in _effects(self.pack):
            writes.add(eff.stmt.target.name)
            reads |= eff.stmt.reads - {eff.stmt.target.name}
            if eff.when is not None:
                reads |= eff.when.reads
        if self.pack.escalation is not None:
            reads.add(self.pack.escalation.variable)
        if self.pack.budget is not None:
            reads.add(self.pack.budget.variable)
        for v in self.pack.variables:
            item = self.places.variables.get(v.id)
            if item is not None and v.id not in reads and v.id not in writes:
                self.warn(
                    out,
                    item.file,
                    (*item.path, "id"),
                    "W404",
                    f"variable {v.id!r} is never used: no expression reads it and no effect "
                    "changes it",
                )
        for f in self.pack.flags:
            item = self.places.flags.get(f.id)
            if item is None:
                continue
            name = f"flags.{f.id}"
            where = (*item.path, "id")
            if name in reads and name not in writes:
                value = "true" if f.start else "false"
                self.warn(
                    out,
                    item.file,
                    where,
                    "W402",
                    f"flag {name} is read but no effect sets it: it is always {value}",
                )
            elif name in writes and name not in reads:
                self.warn(out, item.file, where, "W403", f"flag {name} is set but nothing reads it")
            elif name not in reads:
                self.warn(out, item.file, where, "W404", f"flag {name} is never used")
        for a in self.pack.assumptions:
            item = self.places.assumptions.get(a.id)
            if item is not None and f"assume.{a.id}" not in reads:
                self.warn(
                    out,
                    item.file,
                    (*item.path, "id"),
                    "W404",
                    f"assumption assume.{a.id} is never used: no expression reads it",
                )
        for n, sit in enumerate(self.pack.situations):
            if f"situation.{sit.id}" not in reads and not sit.effects:
                item = self.places.situations[n]
                self.warn(
                    out,
                    item.file,
                    (*item.path, "id"),
                    "W404",
                    f"situation situation.{sit.id} is never used: nothing reads it and it has "
                    "no effects",
                )

    def desk_meters(self, out: list[Problem]) -> None:
        """W420: visible meters whose changes cannot reach anything a role cares about."""
        pack = self.pack
        feeds = _influence(pack)
        moved = {e.stmt.target.name for e in _effects(pack)}
        names = {v.id for v in pack.variables if not v.hidden and v.id in moved}
        for role in pack.roles.values():
            sinks: set[str] = set()
            for o in role.objectives:
                sinks |= o.score.reads
            for en in pack.endings:
                sinks |= en.when.reads
            for e in pack.events:
                if role.id not in e.roles:
                    continue
                sinks |= e.when.reads | e.weight.reads
                for c in e.choices_for(role.id):
                    sinks |= c.when.reads | (c.cost.reads if c.cost else frozenset())
                    for o in c.outcomes:
                        sinks |= o.chance.reads
            if pack.escalation is not None:
                sinks.add(pack.escalation.variable)
            if pack.budget is not None:
                sinks |= pack.budget.refill.reads | {pack.budget.variable}
            matter = _closure(sinks, feeds)
            for vid in sorted(names - matter):
                item = self.places.variables.get(vid)
                if item is not None:
                    self.warn(
                        out,
                        item.file,
                        (*item.path, "id"),
                        "W420",
                        f"variable {vid!r} is on the desk of role {role.id!r} but nothing "
                        "it moves reaches that role's objectives, an ending or a condition "
                        "on its desk: its changes cannot matter to that player",
                    )

    def chances(self, out: list[Problem]) -> None:
        """W407: chance expressions that can leave 0–1 (constants are V302 errors)."""
        turns = self.all_turns
        found: list[tuple[X.Compiled, SourceFile, KeyPath, TurnRange]] = []
        for n, e in enumerate(self.pack.events):
            if e.id not in self._reached:
                continue
            item = self.places.events[n]
            for k, c in enumerate(e.choices):
                for i, o in enumerate(c.outcomes):
                    path = (*item.path, "choice", k, "outcomes", i, "chance")
                    found.append((o.chance, item.file, path, self.s.event_turns[e.id]))
        for n, r in enumerate(self.pack.rules):
            item = self.places.rules[n]
            found.append((r.chance, item.file, (*item.path, "chance"), turns))
        for n, a in enumerate(self.pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                found.append((m.chance, item.file, (*item.path, "move", k, "chance"), turns))
        for c, file, path, when in found:
            if c.const is not None:
                continue
            bounds = self.bounds(when)
            node = self.node(c)
            iv = X.interval(node, bounds)
            if iv is None or (iv[0] >= 0.0 and iv[1] <= 1.0):
                continue
            if not _exact(node, bounds, set()):
                continue
            self.warn(
                out,
                file,
                path,
                "W407",
                f"chance `{c.src}` ranges over {iv[0]:g}–{iv[1]:g}{self._ranges(c)}; "
                "values outside 0–1 are cut to 0 or 1",
            )

    def laters(self, out: list[Problem]) -> None:
        """W408: delayed consequences that land after the last turn."""
        for n, e in enumerate(self.pack.events):
            if e.id not in self._reached:
                continue
            item = self.places.events[n]
            first = self.s.event_turns[e.id][0]
            for k, c in enumerate(e.choices):
                base = (*item.path, "choice", k)
                lists = [((*base, "later"), c.later)] + [
                    ((*base, "outcomes", i, "later"), o.later) for i, o in enumerate(c.outcomes)
                ]
                for path, items in lists:
                    for j, later in enumerate(items):
                        if first + later.delay > self.turns:
                            what = f"event {later.event!r}" if later.event else "its effects"
                            self.warn(
                                out,
                                item.file,
                                (*path, j, "in"),
                                "W408",
                                f"{what} would arrive {later.delay} turn(s) after turn "
                                f"{first:g} at the earliest, after the last turn "
                                f"({self.turns:g}): it never arrives",
                            )
                for path, effects in [((*base, "effects"), c.effects)] + [
                    ((*base, "outcomes", i, "effects"), o.effects) for i, o in enumerate(c.outcomes)
                ]:
                    for j, eff in enumerate(effects):
                        if eff.mode == "lag" and first + eff.turns > self.turns:
                            self.warn(
                                out,
                                item.file,
                                (*path, j, "turns"),
                                "W408",
                                f"`{eff.stmt.src}` lags {eff.turns} turn(s) after turn "
                                f"{first:g} at the earliest, after the last turn "
                                f"({self.turns:g}): it never lands",
                            )

    def divisions(self, out: list[Problem]) -> None:
        """W409: divisions whose divisor can be 0, at the divisor."""
        for c, file, path, turns in self._read_sites():
            if "/" not in c.src and "%" not in c.src:
                continue  # most expressions divide nothing: skip the walk
            bounds = self.bounds(turns)
            node = self.node(c)
            exact = lambda n, b=bounds: _exact(n, b, set()) or _counts(n)  # noqa: E731
            for divisor, iv in zero_divisors(node, c.src, bounds, exact):
                shown = c.src[divisor.pos : divisor.end]
                if iv == (0.0, 0.0):
                    why = f"`{shown}` is always 0"
                elif _counts(divisor):
                    why = f"`{shown}` is 0 until the government takes a decision tagged so"
                else:
                    names = frozenset(_names(divisor))
                    ranges = self._ranges(c, names - {"turn"})
                    if "turn" in names:
                        when = f"on turns {turns[0]:g}–{turns[1]:g}"
                        ranges = f" ({ranges[2:-1]}; {when})" if ranges else f" {when}"
                    why = f"`{shown}` can be 0{ranges}"
                if path[-1] == "do" and path not in file.locator.spots:
                    path = path[:-1]  # an effect written as a string, not as a table
                line, col = file.locator.find_in_string(path, divisor.pos)
                msg = f"`{c.src}` can divide by zero: {why}, and a division by zero gives 0"
                out.append(problem(file.name, line, col, "W409", msg, severity="warning"))

    def _read_sites(self) -> Iterator[tuple[X.Compiled, SourceFile, KeyPath, TurnRange]]:
        """Every number or condition the game can evaluate, with the string it is written in
        and the turns it is evaluated on."""
        pack, every = self.pack, self.all_turns
        world: TurnRange = (2.0, every[1])
        for n, e in enumerate(pack.events):
            item = self.places.events[n]
            window = self.window(e)
            if window[0] <= window[1]:
                yield e.when, item.file, (*item.path, "when"), window
                yield e.weight, item.file, (*item.path, "weight"), window
            if e.id not in self._reached:
                continue
            turns = self.s.event_turns[e.id]
            for k, c in enumerate(e.choices):
                base = (*item.path, "choice", k)
                yield c.when, item.file, (*base, "when"), turns
                if c.cost is not None:
                    yield c.cost, item.file, (*base, "cost"), turns
                for i, o in enumerate(c.outcomes):
                    yield o.chance, item.file, (*base, "outcomes", i, "chance"), turns
        for n, r in enumerate(pack.rules):
            item = self.places.rules[n]
            yield r.when, item.file, (*item.path, "when"), world
            yield r.chance, item.file, (*item.path, "chance"), world
        for n, a in enumerate(pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                yield m.when, item.file, (*item.path, "move", k, "when"), world
                yield m.chance, item.file, (*item.path, "move", k, "chance"), world
        for n, sit in enumerate(pack.situations):
            item = self.places.situations[n]
            yield sit.start, item.file, (*item.path, "start"), every
            yield sit.stop, item.file, (*item.path, "stop"), every
        singletons = self.loaded.singletons
        if pack.budget is not None and "budget" in singletons:
            yield pack.budget.refill, singletons["budget"].file, ("budget", "refill"), world
        if pack.agenda is not None and "agenda" in singletons:
            yield pack.agenda.when, singletons["agenda"].file, ("agenda", "when"), every
        at_end: TurnRange = (every[1], every[1])
        for en in pack.endings:
            item = self.places.endings.get(en.id)
            if item is not None:
                yield en.when, item.file, (*item.path, "when"), at_end if en.at == "end" else world
        roles = {i.model.id: i for i in reversed(self.loaded.items["role"])}  # the first of an id
        for role in pack.roles.values():
            item = roles.get(role.id)
            if item is not None and len(item.model.objectives) == len(role.objectives):
                for k, o in enumerate(role.objectives):
                    yield o.score, item.file, (*item.path, "objective", k, "score"), every
        for site in self.sites():
            for k, eff in enumerate(site.effects):
                here = (*site.path, k)
                yield eff.stmt.value, site.file, (*here, "do"), (site.turns[0], every[1])
                if eff.when is not None:
                    yield eff.when, site.file, (*here, "when"), site.turns


def _counts(node: X.Node) -> bool:
    """A count of tagged decisions: 0 on the first turn, whatever is chosen."""
    return isinstance(node, X.Call) and node.func == "tagged"


def _names(node: X.Node) -> Iterator[str]:
    if isinstance(node, X.Name):
        yield node.name
    for child in X.children(node):
        yield from _names(child)


# --------------------------------------------------------------------------- every expression


def _effects(pack: P.Pack) -> Iterator[P.Effect]:
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


def _influence(pack: P.Pack) -> dict[str, set[str]]:
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


def _closure(sinks: set[str], feeds: dict[str, set[str]]) -> set[str]:
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


def _expressions(pack: P.Pack) -> Iterator[X.Compiled]:
    """Every compiled expression that is read (not effects; see :func:`_effects`)."""
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
        for o in role.objectives:
            yield o.score
