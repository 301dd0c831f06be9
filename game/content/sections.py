"""Compiling the pack's other sections: roles and their objectives, variables, the escalation
ladder, situations, actors, rules, endings, the budget, the agenda and the teaching notes."""

from __future__ import annotations

from typing import Any

from game.content import schema
from game.content.context import Context, reality_of
from game.content.loader import Item, SourceFile
from game.content.locate import Path as KeyPath
from game.engine import pack as P
from game.engine.expr import Type


class Sections(Context):
    def compile_roles(self) -> dict[str, P.Role] | None:
        roles: dict[str, P.Role] = {}
        for item in self.items["role"]:
            r = item.model
            objectives = []
            for n, o in enumerate(r.objectives):
                score = self.expr(
                    item.file, (*item.path, "objective", n, "score"), o.score, Type.NUMBER
                )
                if score is not None:
                    objectives.append(
                        P.Objective(o.id, o.label, score, o.weight, o.description, o.short)
                    )
            roles.setdefault(r.id, P.Role(r.id, r.name, r.office, r.briefing, tuple(objectives)))
        self._role_ids = set(roles)
        if not roles and not self.l.broken_ids["role"] and self.l.singletons.get("pack"):
            meta = self.l.singletons["pack"]
            self.report(
                meta.file,
                meta.path,
                "S103",
                "the pack has no [[role]] to play",
                "Add at least one [[role]] table.",
            )
            return None
        return roles

    def compile_variables(self) -> tuple[P.Variable, ...]:
        out: list[P.Variable] = []
        for item in self.items["variable"]:
            v = item.model
            f, base = item.file, item.path
            if v.min >= v.max:
                self.report(
                    f, (*base, "max"), "V301", f"{v.id}: max {v.max:g} is not above min {v.min:g}"
                )
            elif not v.min <= v.start <= v.max:
                self.report(
                    f,
                    (*base, "start"),
                    "V301",
                    f"{v.id}: start {v.start:g} is outside {v.min:g}–{v.max:g}",
                )
            for n, t in enumerate(v.thresholds):
                if not v.min <= t.at <= v.max:
                    self.report(
                        f,
                        (*base, "thresholds", n),
                        "V301",
                        f"{v.id}: threshold {t.at:g} is outside {v.min:g}–{v.max:g}",
                    )
            slot = self._var_slots.get(v.id)
            if slot is None or any(x.id == v.id for x in out):
                continue
            thresholds = tuple(
                P.Threshold(t.at, t.label) for t in sorted(v.thresholds, key=lambda t: t.at)
            )
            out.append(
                P.Variable(
                    v.id,
                    slot,
                    v.label,
                    v.unit,
                    v.min,
                    v.max,
                    v.start,
                    v.low,
                    v.high,
                    v.description,
                    thresholds,
                    v.hidden,
                    v.short,
                )
            )
        return tuple(out)

    def _singleton_variable(self, key: str) -> tuple[Item, Any] | None:
        """The `[key]` table and the variable it names, or None (reported if it is unknown)."""
        item = self.l.singletons.get(key)
        if item is None:
            return None
        variables = {v.id: v for v in self.models("variable")}
        name = item.model.variable
        if name not in variables:
            self._ref(item.file, (key, "variable"), "R205", "variable", name, variables, "variable")
            return None
        return item, variables[name]

    def compile_escalation(self) -> P.Escalation | None:
        found = self._singleton_variable("escalation")
        if found is None:
            return None
        item, v = found
        e, f = item.model, item.file
        if e.ending not in {x.id for x in self.models("ending")}:
            endings = [x.id for x in self.models("ending")]
            self._ref(f, ("escalation", "ending"), "R206", "ending", e.ending, endings, "ending")
        ats = [r.at for r in e.rungs]
        if ats != sorted(ats) or len(set(ats)) != len(ats):
            self.report(f, ("escalation", "rungs"), "V306", "rungs must rise strictly")
        elif not (v.min <= ats[0] and ats[-1] <= v.max):
            self.report(
                f,
                ("escalation", "rungs"),
                "V306",
                f"rungs must lie within {v.id}'s range {v.min:g}–{v.max:g}",
            )
        rungs = tuple(P.Rung(r.at, r.label) for r in e.rungs)
        return P.Escalation(e.variable, self._var_slots[e.variable], rungs, e.ending)

    def compile_situations(self) -> tuple[P.Situation, ...]:
        out: list[P.Situation] = []
        for item in self.items["situation"]:
            s, f, b = item.model, item.file, item.path
            start = self.expr(f, (*b, "start"), s.start, Type.BOOL)
            stop = self.expr(f, (*b, "stop"), s.stop, Type.BOOL)
            effects = self.effects(f, (*b, "effects"), s.effects)
            slot = self._situation_slots.get(s.id)
            if start and stop and slot is not None and all(x.id != s.id for x in out):
                out.append(
                    P.Situation(
                        s.id, s.label, slot, start, stop, effects, s.news_start, s.news_stop
                    )
                )
        return tuple(out)

    def compile_actors(self) -> tuple[P.Actor, ...]:
        out = []
        for item in self.items["actor"]:
            a, f = item.model, item.file
            moves = []
            for n, m in enumerate(a.moves):
                b = (*item.path, "move", n)
                when = self.expr(f, (*b, "when"), m.when, Type.BOOL)
                chance = self.chance(f, (*b, "chance"), m.chance)
                effects = self.effects(f, (*b, "effects"), m.effects)
                if when and chance:
                    moves.append(P.Move(m.id, m.label, when, chance, effects, m.news))
            out.append(P.Actor(a.id, a.name, a.description, tuple(moves), a.short))
        return tuple(out)

    def compile_rules(self) -> tuple[P.Rule, ...]:
        out = []
        for item in self.items["rule"]:
            r, f, b = item.model, item.file, item.path
            when = self.expr(f, (*b, "when"), r.when, Type.BOOL)
            chance = self.chance(f, (*b, "chance"), r.chance)
            effects = self.effects(f, (*b, "effects"), r.effects)
            if when and chance:
                out.append(P.Rule(r.id, r.label, when, chance, r.every, effects, r.news))
        return tuple(out)

    def compile_endings(self) -> list[P.Ending]:
        out = []
        roles = self._role_ids
        sources = {s.id for s in self.models("source")}
        fallback = False
        for item in self.items["ending"]:
            e, f, b = item.model, item.file, item.path
            when = self.expr(f, (*b, "when"), e.when, Type.BOOL)
            for r in e.epilogue:
                if r not in roles:
                    self._ref(f, (*b, "epilogue", r), "R202", "role", r, roles, "role")
            results = self._results(e, roles)
            for r in results:
                if r not in roles:
                    self._ref(f, (*b, "result", r), "R202", "role", r, roles, "role")
            self.check_reality(f, (*b, "reality"), e.reality, sources)
            if when is not None and when.const is True and e.at == "end":
                fallback = True
            if when is not None and when.const is True and e.at == "any":
                self.report(
                    f,
                    (*b, "at"),
                    "V310",
                    f"ending {e.id!r} holds always and is checked every turn: "
                    "the game would end after the first decision",
                )
            if when is not None:
                out.append(
                    P.Ending(
                        e.id,
                        e.title,
                        when,
                        e.priority,
                        e.at,
                        e.text,
                        dict(e.epilogue),
                        reality_of(e.reality),
                        {r: v for r, v in results.items() if r in roles},
                    )
                )
        meta = self.l.singletons.get("pack")
        if not fallback and meta and not self.l.broken_ids["ending"] and not self.l.unreadable:
            self.report(
                meta.file,
                meta.path,
                "V307",
                "no ending is sure to apply when the turns run out; the game would end "
                "as 'The story goes on'",
                severity="warning",
            )
        return out

    def _results(self, e: schema.Ending, roles: set[str]) -> dict[str, str]:
        if isinstance(e.result, dict):
            return dict(e.result)
        if e.result is not None:
            return dict.fromkeys(roles, e.result)
        esc = self.l.singletons.get("escalation")
        catastrophe = esc is not None and esc.model.ending == e.id
        return dict.fromkeys(roles, "loss") if catastrophe else {}

    def check_catastrophe(self, escalation: P.Escalation | None, endings: list[P.Ending]) -> None:
        """The last rung of the ladder should be a defeat for everyone who can push it there."""
        if escalation is None:
            return
        war = next((e for e in endings if e.id == escalation.ending), None)
        item = next((i for i in self.items["ending"] if i.model.id == escalation.ending), None)
        if war is None or item is None:
            return
        winners = sorted(r for r in self._role_ids if war.result_for(r) != "loss")
        if winners:
            self.report(
                item.file,
                (*item.path, "id"),
                "V324",
                f"ending {war.id!r} ends the escalation ladder but is not a loss for "
                + ", ".join(repr(r) for r in winners)
                + ": a player could gain by pushing the ladder to its last rung",
                'Give it `result = "loss"`.',
                severity="warning",
            )

    def compile_budget(self) -> P.Budget | None:
        found = self._singleton_variable("budget")
        if found is None:
            return None
        item, v = found
        bm, f = item.model, item.file
        refill = self.expr(f, ("budget", "refill"), bm.refill, Type.NUMBER)
        if refill is None:
            return None
        label = v.label
        return P.Budget(bm.variable, self._var_slots[bm.variable], refill, bm.noun or label)

    def compile_agenda(self, events: tuple[P.Event, ...]) -> P.Agenda | None:
        item = self.l.singletons.get("agenda")
        if item is None:
            return None
        when = self.expr(item.file, ("agenda", "when"), item.model.when, Type.BOOL)
        if when is None:
            return None
        if not any(c.default for e in events for c in e.choices):
            self.report(
                item.file,
                ("agenda",),
                "V323",
                "the pack has an [agenda] but no choice is marked `default = true`, so no "
                "agenda can ever form",
                "Mark, in the events that may share the desk, the choice the government takes "
                "when the advisor leaves the briefing to others.",
                severity="warning",
            )
        return P.Agenda(item.model.size, when)

    def check_sources_and_questions(self) -> None:
        sources = {s.id for s in self.models("source")}
        for key in ("chronology", "voice"):
            for i in self.items[key]:
                self.check_sources(i.file, (*i.path, "sources"), i.model.sources, sources)
        for i in self.items["chronology"]:
            self._events(i.file, (*i.path, "events"), i.model.events)
        item = self.l.singletons.get("teaching")
        if item is None:
            return
        t, f = item.model, item.file
        for n, q in enumerate(t.questions):
            self._events(f, ("teaching", "question", n, "events"), q.events)
        for n, g in enumerate(t.goals):
            if isinstance(g, schema.Goal):
                self._events(f, ("teaching", "goals", n, "events"), g.events)
        for n, sid in enumerate(t.packet):
            if sid not in sources:
                self._ref(f, ("teaching", "packet", n), "R204", "source", sid, sources, "source")

    def _events(self, f: SourceFile, b: KeyPath, events: list[str]) -> None:
        for k, eid in enumerate(events):
            if eid not in self._event_ids:
                self._ref(f, (*b, k), "R203", "event", eid, self._event_ids, "event")
