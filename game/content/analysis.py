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

import dataclasses
import functools
from collections.abc import Callable, Iterator

from game.content import walk
from game.content.divisions import zero_divisors
from game.content.loader import Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.content.reach import GiveUp, Reach, TurnRange, exact
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
    return whole.report() + _impossible(whole, each)


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


def _impossible(whole: _Analysis, each: list[_Analysis]) -> list[Problem]:
    """W401, W405, W406: what no role's games can reach (with the reasons of the analysis of
    all roles when it finds the same), and events listed for a role that role never meets."""
    for a in dict.fromkeys([whole, *each]):
        a.impossibilities()
    out: list[Problem] = []
    # Only a subject some role's analysis found can be reported: the others, nearly all of a
    # large pack's, are not looked at one by one.
    subjects = dict.fromkeys(key for a in each for key in a.found)
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


# what a warning is about: ("W405", event id, …), ("offered", event id, choice id) …
Subject = tuple[object, ...]
# an expression the game evaluates: where it is written, and the turns it is evaluated on
ReadSite = tuple[X.Compiled, SourceFile, KeyPath, TurnRange]


def _literal_false(c: X.Compiled) -> bool:
    return isinstance(c.node, X.Bool) and c.node.value is False


class _Analysis(Reach):
    """The warnings, read off the reachable states."""

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
        self.examined: set[Subject] = set()
        self.found: dict[Subject, Problem] = {}
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
        subject: Subject | None = None,
        hint: str | None = None,
    ) -> None:
        line, col = file.at(path)
        found = problem(file.name, line, col, code, msg, hint, severity="warning")
        out.append(found)
        if subject is not None:
            self.found[subject] = found

    def judge(self, *subject: object) -> Subject:
        self.examined.add(subject)
        return subject

    def never(self, c: X.Compiled | None, turns: TurnRange) -> bool:
        return c is not None and not _literal_false(c) and not self.possible(c, turns)

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
                was = "true" if self.starts[name].value else "false"  # type: ignore[union-attr]
                parts.append(f"{name} is {was} until turn {first[name]:g} at the earliest")
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
                if c.when.const is True or not roles & c.roles:
                    continue  # always open (in every role's games), or not taken here
                subject = self.judge("W401", e.id, c.id)
                if self.never(c.when, turns):
                    self.warn(
                        out,
                        item.file,
                        (*item.path, "choice", k, "when"),
                        "W401",
                        f"choice {c.id!r} of event {e.id!r} can never be open: "
                        f"`{c.when.src}` never holds{self._ranges(c.when, turns=turns)}",
                        subject,
                        self.too_early(c.when, turns),
                    )
        for site in self.sites():
            for k, eff in enumerate(site.effects):
                if eff.when is None:
                    continue  # it always applies, in every role's games
                subject = self.judge("W401", site.file.name, (*site.path, k))
                if self.never(eff.when, site.turns):
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
