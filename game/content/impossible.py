"""What can never happen in a pack's games (W401 condition never holds, W405 event never
drawn, W406 ending never reached), read off the reachable states (game.content.reach): each a
proof, never a guess. game.content.analysis gives the other W4xx warnings."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from game.content.loader import SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.content.reach import Reach, TurnRange
from game.engine import expr as X

# what a warning is about: ("W405", event id, …), ("offered", event id, choice id) …
Subject = tuple[object, ...]


def combine(whole: Impossible, each: Sequence[Impossible]) -> list[Problem]:
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


def _literal_false(c: X.Compiled) -> bool:
    return isinstance(c.node, X.Bool) and c.node.value is False


class Impossible(Reach):
    """The warnings of what can never happen, and the way every W4xx warning is written."""

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
