"""Static analysis of a compiled pack: the W4xx warnings.

Runs only when a pack compiled without errors. Everything here is *sound*: a warning that says
something can never happen is a proof, never a guess. It works on an over-approximation of
every state the game can reach (game.content.reach). A condition is reported as never holding
only when :func:`game.engine.expr.can_be_true` proves it false under these ranges. When in doubt
(assumptions, `role`, strings, anything the interval arithmetic cannot bound), the analysis says
nothing.

Codes: W401 condition never holds, W402 flag read but never set, W403 flag set but never read,
W404 declared but never used, W405 event never drawn, W406 ending never reached, W407 chance can
leave 0–1, W408 delayed consequence lands after the last turn, W409 a divisor can be 0
(game.content.divisions), W420 a meter on a role's desk that can matter to nothing of that role
(no objective, ending or condition it sees).
"""

from __future__ import annotations

from collections.abc import Iterator

from game.content import walk
from game.content.divisions import zero_divisors
from game.content.loader import Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.content.reach import GiveUp, Reach, TurnRange, exact
from game.engine import expr as X
from game.engine import pack as P


def analyse(pack: P.Pack, loaded: Loaded) -> list[Problem]:
    """The W4xx warnings of a pack that compiled without errors."""
    try:
        analysis = _Analysis(pack, loaded)
        analysis.solve()
    except GiveUp:
        return []
    return analysis.report()


def _literal_false(c: X.Compiled) -> bool:
    return isinstance(c.node, X.Bool) and c.node.value is False


class _Analysis(Reach):
    """The warnings, read off the reachable states."""

    # -- the report
    def report(self) -> list[Problem]:
        out: list[Problem] = []
        self.conditions(out)
        self.events(out)
        self.endings(out)
        self.names(out)
        self.chances(out)
        self.laters(out)
        self.divisions(out)
        self.desk_meters(out)
        return out

    def warn(
        self, out: list[Problem], file: SourceFile, path: KeyPath, code: str, msg: str
    ) -> None:
        line, col = file.at(path)
        out.append(problem(file.name, line, col, code, msg, severity="warning"))

    def never(self, c: X.Compiled | None, turns: TurnRange) -> bool:
        return c is not None and not _literal_false(c) and not self.possible(c, turns)

    def _ranges(self, c: X.Compiled, names: frozenset[str] | None = None) -> str:
        parts = []
        for name in sorted(c.reads if names is None else names):
            if name in self.s.lo:
                lo, hi = self.s.lo[name], self.s.hi[name]
                parts.append(f"{name} stays within {lo:g}–{hi:g}")
            elif name in self.consts and isinstance(self.consts[name], X.Bool):
                value = "true" if self.consts[name].value else "false"  # type: ignore[union-attr]
                parts.append(f"{name} is always {value}")
        return f" ({'; '.join(parts)})" if parts else ""

    def conditions(self, out: list[Problem]) -> None:
        """W401: conditions in reachable places that can never hold."""
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
                if self.never(c.when, turns):
                    self.warn(
                        out,
                        item.file,
                        path,
                        "W401",
                        f"choice {c.id!r} of event {e.id!r} can never be open: "
                        f"`{c.when.src}` never holds{self._ranges(c.when)}",
                    )
        for site in self.sites():
            for k, eff in enumerate(site.effects):
                if self.never(eff.when, site.turns):
                    assert eff.when is not None
                    self.warn(
                        out,
                        site.file,
                        (*site.path, k, "when"),
                        "W401",
                        f"the effect `{eff.stmt.src}` never applies: `{eff.when.src}` never "
                        f"holds{self._ranges(eff.when)}",
                    )
        world: TurnRange = (2.0, self.all_turns[1])
        for n, r in enumerate(self.pack.rules):
            item = self.places.rules[n]
            if self.never(r.when, world):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "when"),
                    "W401",
                    f"rule {r.id!r} never fires: `{r.when.src}` never holds{self._ranges(r.when)}",
                )
        for n, a in enumerate(self.pack.actors):
            item = self.places.actors[n]
            for k, m in enumerate(a.moves):
                if self.never(m.when, world):
                    self.warn(
                        out,
                        item.file,
                        (*item.path, "move", k, "when"),
                        "W401",
                        f"move {m.id!r} of actor {a.id!r} is never taken: `{m.when.src}` never "
                        f"holds{self._ranges(m.when)}",
                    )
        for n, sit in enumerate(self.pack.situations):
            item = self.places.situations[n]
            if self.never(sit.start, self.all_turns):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "start"),
                    "W401",
                    f"situation {sit.id!r} never starts: `{sit.start.src}` never holds"
                    f"{self._ranges(sit.start)}",
                )
            elif self.never(sit.stop, self.all_turns):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "stop"),
                    "W401",
                    f"situation {sit.id!r} never stops once started: `{sit.stop.src}` never "
                    f"holds{self._ranges(sit.stop)}",
                )

    def events(self, out: list[Problem]) -> None:
        """W405: events no role can ever be drawn."""
        for n, e in enumerate(self.pack.events):
            if e.id in self._reached:
                continue
            item = self.places.events[n]
            window: TurnRange = (float(e.turn_min), float(min(e.turn_max, self.turns)))
            brought = e.id in self.later_targets
            via = "; and no reachable choice sets it in motion" if brought else ""
            key: str | None
            weight = self.interval(e.weight, window)
            if not self.possible(e.when, window):
                ranges = self._ranges(e.when)
                reason = f"`{e.when.src}` never holds in turns {window[0]:g}–{window[1]:g}"
                reason, key = f"{reason}{ranges}{via}", "when"
            elif weight is not None and weight[1] <= 0:
                reason, key = f"its weight `{e.weight.src}` is never above 0{via}", "weight"
            elif not any(self.drawable(r, e, self.all_turns) for r in e.roles):
                reason, key = "none of its choices can ever be open", "choice"
            else:
                reason, key = "no role can both see it and open one of its choices" + via, None
            path = (*item.path, key) if key else (*item.path, "id")
            self.warn(out, item.file, path, "W405", f"event {e.id!r} can never be drawn: {reason}")

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
            if self.never(e.when, turns):
                self.warn(
                    out,
                    item.file,
                    (*item.path, "when"),
                    "W406",
                    f"ending {e.id!r} can never be reached: `{e.when.src}` never holds"
                    f"{self._ranges(e.when)}",
                )
                continue
            for a in pack.endings[:i]:
                if a.at == "any" or e.at == "end":
                    a_turns = turns if a.at == "end" or e.at == "end" else any_turn
                    if not self.possible(a.when, a_turns, want=False):
                        self.warn(
                            out,
                            item.file,
                            (*item.path, "id"),
                            "W406",
                            f"ending {e.id!r} can never be reached: ending {a.id!r} comes first "
                            f"(priority {a.priority} ≥ {e.priority}) and always holds then",
                        )
                        break

    def names(self, out: list[Problem]) -> None:
        """W402, W403, W404: flags read but never set, set but never read; unused names."""
        reads: set[str] = set()
        writes: set[str] = set()
        for c in walk.expressions(self.pack):
            reads |= c.reads
        for eff in walk.effects(self.pack):
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
        feeds = walk.influence(pack)
        moved = {e.stmt.target.name for e in walk.effects(pack)}
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
            attained = lambda n, b=bounds: exact(n, b, set())  # noqa: E731
            for divisor, iv in zero_divisors(node, c.src, bounds, attained):
                shown = c.src[divisor.pos : divisor.end]
                if iv == (0.0, 0.0):
                    why = f"`{shown}` is always 0"
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
            window: TurnRange = (float(e.turn_min), float(min(e.turn_max, self.turns)))
            if window[0] <= window[1]:
                yield e.when, item.file, (*item.path, "when"), window
                yield e.weight, item.file, (*item.path, "weight"), window
            if e.id not in self._reached:
                continue
            turns = self.s.event_turns[e.id]
            for k, c in enumerate(e.choices):
                base = (*item.path, "choice", k)
                yield c.when, item.file, (*base, "when"), turns
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
        at_end: TurnRange = (every[1], every[1])
        for en in pack.endings:
            written = self.places.endings.get(en.id)
            if written is not None:
                when = at_end if en.at == "end" else world
                yield en.when, written.file, (*written.path, "when"), when
        roles = {i.model.id: i for i in reversed(self.loaded.items["role"])}  # the first of an id
        for role in pack.roles.values():
            written = roles.get(role.id)
            if written is not None and len(written.model.objectives) == len(role.objectives):
                for k, objective in enumerate(role.objectives):
                    path = (*written.path, "objective", k, "score")
                    yield objective.score, written.file, path, every
        for site in self.sites():
            for k, eff in enumerate(site.effects):
                here = (*site.path, k)
                yield eff.stmt.value, site.file, (*here, "do"), (site.turns[0], every[1])
                if eff.when is not None:
                    yield eff.when, site.file, (*here, "when"), site.turns


def _names(node: X.Node) -> Iterator[str]:
    if isinstance(node, X.Name):
        yield node.name
    for child in X.children(node):
        yield from _names(child)
