"""Static analysis of a compiled pack: the W4xx warnings.

Runs only when a pack compiled without errors. Everything here is *sound*: a warning that says
something can never happen is a proof, never a guess. It works on an over-approximation of
every state the game can reach (game.content.reach). A condition is reported as never holding
only when :func:`game.engine.expr.can_be_true` proves it false under these ranges. When in doubt
(assumptions, `role`, strings, anything the interval arithmetic cannot bound), the analysis says
nothing.

Codes: W401 condition never holds, W405 event never drawn, W406 ending never reached (those
three in game.content.impossible), W402 flag read but never set, W403 flag set but never read,
W404 declared but never used, W407 chance can
leave 0–1, W408 delayed consequence lands after the last turn, W409 a divisor can be 0
(game.content.divisions), W420 a meter on a role's desk that can matter to nothing of that role
(no objective, ending or condition it sees).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from game.content import walk
from game.content.divisions import zero_divisors
from game.content.impossible import Impossible, combine
from game.content.loader import Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.content.reach import GiveUp, TurnRange, exact
from game.engine import expr as X
from game.engine import pack as P


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
            whole.solve()
    except GiveUp:
        return []
    return whole.report() + combine(whole, each)


def _role_analysis(pack: P.Pack, loaded: Loaded, role: str) -> _Analysis:
    """The analysis of one role's games, with the events it surely draws by a turn, once."""
    first = _Analysis(pack, loaded, role)
    first.solve()
    deadlines = first.surely_drawn_by()
    if not deadlines:
        return first
    again = _Analysis(pack, loaded, role, deadlines)
    again.solve()
    return again


# an expression the game evaluates: where it is written, and the turns it is evaluated on
ReadSite = tuple[X.Compiled, SourceFile, KeyPath, TurnRange]


class _Analysis(Impossible):
    """The W4xx warnings, read off the reachable states."""

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

    @functools.cached_property
    def _effect_names(self) -> tuple[set[str], set[str]]:
        """The names effects change, and those they read besides their own target: one walk
        over every effect, for the warnings that need them."""
        writes: set[str] = set()
        reads: set[str] = set()
        for eff in walk.distinct(walk.effects(self.pack)):
            writes.add(eff.stmt.target.name)
            reads |= eff.stmt.reads - {eff.stmt.target.name}
            if eff.when is not None:
                reads |= eff.when.reads
        return writes, reads

    def names(self, out: list[Problem]) -> None:
        """W402, W403, W404: flags read but never set, set but never read; unused names."""
        writes, effect_reads = self._effect_names
        reads = set(effect_reads)
        for c in walk.expressions(self.pack):
            reads |= c.reads
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
        feeds = walk.influence(pack)
        moved = self._effect_names[0]
        names = {v.id for v in pack.variables if not v.hidden and v.id in moved}
        for role in pack.roles.values():
            sinks: set[str] = set()
            for objective in role.objectives:
                sinks |= objective.score.reads
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
            matter = walk.closure(sinks, feeds)
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
        for chance, file, path, when in found:
            if chance.const is not None:
                continue
            bounds = self.bounds(when)
            node = self.node(chance)
            iv = X.interval(node, bounds)
            if iv is None or (iv[0] >= 0.0 and iv[1] <= 1.0):
                continue
            if not exact(node, bounds, set()):
                continue
            self.warn(
                out,
                file,
                path,
                "W407",
                f"chance `{chance.src}` ranges over {iv[0]:g}–{iv[1]:g}{self._ranges(chance)}; "
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
                if not _delays(c):
                    continue
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
        for c, file, path, turns in self._read_sites(_divides):
            bounds = self.bounds(turns)
            node = self.node(c)
            attained = lambda n, b=bounds: exact(n, b, set()) or _counts(n)  # noqa: E731
            for divisor, iv in zero_divisors(node, c.src, bounds, attained):
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

    def _read_sites(self, wanted: Callable[[X.Compiled], bool]) -> Iterator[ReadSite]:
        """Every number or condition the game can evaluate that is `wanted`, with the string it
        is written in and the turns it is evaluated on. (Only for those wanted is the path
        made: of a large pack's, most are not.)"""
        pack, every = self.pack, self.all_turns
        world: TurnRange = (2.0, every[1])
        for n, e in enumerate(pack.events):
            item = self.places.events[n]
            window = self.window(e)
            if window[0] <= window[1]:
                if wanted(e.when):
                    yield e.when, item.file, (*item.path, "when"), window
                if wanted(e.weight):
                    yield e.weight, item.file, (*item.path, "weight"), window
            if e.id not in self._reached:
                continue
            turns = self.s.event_turns[e.id]
            for k, c in enumerate(e.choices):
                if wanted(c.when):
                    yield c.when, item.file, (*item.path, "choice", k, "when"), turns
                if c.cost is not None and wanted(c.cost):
                    yield c.cost, item.file, (*item.path, "choice", k, "cost"), turns
                for i, o in enumerate(c.outcomes):
                    if wanted(o.chance):
                        path = (*item.path, "choice", k, "outcomes", i, "chance")
                        yield o.chance, item.file, path, turns
        for n, r in enumerate(pack.rules):
            item = self.places.rules[n]
            if wanted(r.when):
                yield r.when, item.file, (*item.path, "when"), world
            if wanted(r.chance):
                yield r.chance, item.file, (*item.path, "chance"), world
        for n, a in enumerate(pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                if wanted(m.when):
                    yield m.when, item.file, (*item.path, "move", k, "when"), world
                if wanted(m.chance):
                    yield m.chance, item.file, (*item.path, "move", k, "chance"), world
        for n, sit in enumerate(pack.situations):
            item = self.places.situations[n]
            if wanted(sit.start):
                yield sit.start, item.file, (*item.path, "start"), every
            if wanted(sit.stop):
                yield sit.stop, item.file, (*item.path, "stop"), every
        singletons = self.loaded.singletons
        if pack.budget is not None and "budget" in singletons and wanted(pack.budget.refill):
            yield pack.budget.refill, singletons["budget"].file, ("budget", "refill"), world
        if pack.agenda is not None and "agenda" in singletons and wanted(pack.agenda.when):
            yield pack.agenda.when, singletons["agenda"].file, ("agenda", "when"), every
        at_end: TurnRange = (every[1], every[1])
        for en in pack.endings:
            written = self.places.endings.get(en.id)
            if written is not None and wanted(en.when):
                when = at_end if en.at == "end" else world
                yield en.when, written.file, (*written.path, "when"), when
        roles = {i.model.id: i for i in reversed(self.loaded.items["role"])}  # the first of an id
        for role in pack.roles.values():
            written = roles.get(role.id)
            if written is not None and len(written.model.objectives) == len(role.objectives):
                for k, objective in enumerate(role.objectives):
                    if wanted(objective.score):
                        path = (*written.path, "objective", k, "score")
                        yield objective.score, written.file, path, every
        for site in self.sites():
            value_turns = (site.turns[0], every[1])
            for k, eff in enumerate(site.effects):
                if wanted(eff.stmt.value):
                    yield eff.stmt.value, site.file, (*site.path, k, "do"), value_turns
                if eff.when is not None and wanted(eff.when):
                    yield eff.when, site.file, (*site.path, k, "when"), site.turns


def _divides(c: X.Compiled) -> bool:
    """Whether an expression may divide: most divide nothing, and need no walk for W409."""
    return "/" in c.src or "%" in c.src


def _delays(c: P.Choice) -> bool:
    """Whether a choice can set something to arrive later: a `later`, an outcome (which may
    have one) or a lagged effect. Most cannot, and are not looked at further."""
    return bool(c.later or c.outcomes) or any(eff.mode == "lag" for eff in c.effects)


def _names(node: X.Node) -> Iterator[str]:
    if isinstance(node, X.Name):
        yield node.name
    for child in X.children(node):
        yield from _names(child)


def _counts(node: X.Node) -> bool:
    """A count of tagged decisions: 0 on the first turn, whatever is chosen."""
    return isinstance(node, X.Call) and node.func == "tagged"
