"""From validated models to the engine's compiled pack, checking every reference on the way.

Semantic problems (duplicate ids, dangling references, expression errors, impossible ranges) are
collected, never raised, and each points at the line of the key that causes it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from game.content import schema
from game.content.loader import Item, Loaded, SourceFile, read_pack
from game.content.locate import Path as KeyPath
from game.content.pending import check_pending
from game.content.problems import Problem, Severity, problem
from game.engine import pack as P
from game.engine.expr import (
    MEMORY,
    Compiled,
    CompiledEffect,
    ExprError,
    MemoryNames,
    Scope,
    Symbol,
    Type,
    compile_effect,
    compile_expr,
)
from game.engine.expr.errors import MAX_NUMBER_CHARS
from game.engine.limits import MAX_WEIGHT

RESERVED = {
    "turn",
    "role",
    "flags",
    "assume",
    "situation",
    "true",
    "false",
    "and",
    "or",
    "not",
    "if",
    "then",
    "else",
}
_URL = re.compile(r"^https?://")


@dataclass
class LoadResult:
    pack: P.Pack | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_pack(path: str | Path, analyse_pack: bool = True, cache: Path | None = None) -> LoadResult:
    """Read, validate, check and compile a pack. `pack` is None when there are errors.

    `analyse_pack=False` skips the reachability warnings, which only authors need: playing
    and simulating a pack do not pay for them. `cache`: a folder of validated packs
    (game.content.cache) that spares an unchanged pack its parsing and validation.
    """
    loaded = read_pack(path, cache)
    compiler = _Compiler(loaded)
    pack = compiler.run()
    loaded.problems.extend(check_pending(loaded))
    if (
        analyse_pack
        and pack is not None
        and not any(p.severity == "error" for p in loaded.problems)
    ):
        from game.content.analysis import analyse  # the W4xx warnings, for authors

        loaded.problems.extend(analyse(pack, loaded))
    problems = sorted(loaded.problems, key=lambda p: (p.file, p.line, p.col, p.code))
    if any(p.severity == "error" for p in problems):
        pack = None
    return LoadResult(pack, problems)


class _Compiler:
    def __init__(self, loaded: Loaded) -> None:
        self.l = loaded
        self.items = loaded.items
        # Compiled expressions are pure functions of their text and the scope: share them.
        self._cache: dict[tuple[str, Type | None], Compiled | CompiledEffect] = {}

    # -- reporting
    def report(
        self,
        file: SourceFile,
        path: KeyPath,
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> None:
        line, col = file.at(path)
        self.l.add(problem(file.name, line, col, code, message, hint, severity))

    def models(self, key: str) -> list[Any]:
        return [i.model for i in self.items[key]]

    # -- the run
    def run(self) -> P.Pack | None:
        meta_item = self.l.singletons.get("pack")
        cal_item = self.l.singletons.get("calendar")
        main = next((f for f in self.l.files if f.path == self.l.root / "pack.toml"), None)
        if main is not None:
            if meta_item is None and not self._main_broken(main, "pack"):
                self.report(main, (), "S105", "pack.toml has no [pack] table")
            if cal_item is None and not self._main_broken(main, "calendar"):
                self.report(main, (), "S105", "pack.toml has no [calendar] table")
        if meta_item is not None and meta_item.model.format != schema.FORMAT_VERSION:
            self.report(
                meta_item.file,
                ("pack", "format"),
                "S106",
                f"format {meta_item.model.format}; this game reads format {schema.FORMAT_VERSION}",
            )
        self.check_duplicates()
        scope = self.build_scope()
        self.scope = scope
        roles = self.compile_roles()
        variables = self.compile_variables()
        escalation = self.compile_escalation()
        situations = self.compile_situations()
        actors = self.compile_actors()
        calendar = cal_item.model if cal_item else None
        events = self.compile_events(calendar)
        rules = self.compile_rules()
        endings = self.compile_endings()
        budget = self.compile_budget(events)
        agenda = self.compile_agenda(events)
        self.check_catastrophe(escalation, endings)
        scoring = self.l.singletons.get("scoring")
        self.check_sources_and_questions()
        if meta_item is None or calendar is None or roles is None:
            return None
        m = meta_item.model
        meta = P.Meta(
            m.id,
            m.title,
            m.version,
            m.format,
            tuple(m.authors),
            m.description,
            m.quiet_text,
            m.show_closed_choices,
            m.forecast,
            calendar.start,
            calendar.step,
            calendar.turns,
        )
        teaching = self.l.singletons.get("teaching")
        t = teaching.model if teaching else schema.Teaching()
        return P.Pack(
            meta=meta,
            scope=scope,
            roles=roles,
            variables=variables,
            flags=tuple(self._flags),
            assumptions=tuple(self._assumptions),
            situations=situations,
            actors=actors,
            events=events,
            rules=rules,
            endings=tuple(sorted(endings, key=lambda e: -e.priority)),
            escalation=escalation,
            budget=budget,
            agenda=agenda,
            result_weight=scoring.model.result_weight if scoring else 0.0,
            uses_memory=self._uses_memory,
            sources={s.id: P.Source(s.id, s.cite, s.quote, s.url) for s in self.models("source")},
            glossary=tuple((g.term, g.definition) for g in self.models("glossary")),
            teaching_goals=tuple(t.goals),
            questions=tuple((q.text, tuple(q.events)) for q in t.questions),
            digest=self.l.digest,
            turn_slot=self._turn_slot,
            role_slot=self._turn_slot + 1,
        )

    def _main_broken(self, main: SourceFile, key: str) -> bool:
        return any(p.file == main.name and key in p.message for p in self.l.problems)

    # -- ids
    def check_duplicates(self) -> None:
        for key in (
            "role",
            "variable",
            "flag",
            "assumption",
            "source",
            "actor",
            "event",
            "rule",
            "situation",
            "ending",
        ):
            self._unique(key, ((i.model.id, i.file, (*i.path, "id")) for i in self.items[key]))
        for item in self.items["event"]:
            ids = (
                (c.id, item.file, (*item.path, "choice", n, "id"))
                for n, c in enumerate(item.model.choices)
            )
            self._unique(f"choice of event {item.model.id!r}", ids)
        for item in self.items["actor"]:
            ids = (
                (m.id, item.file, (*item.path, "move", n, "id"))
                for n, m in enumerate(item.model.moves)
            )
            self._unique(f"move of actor {item.model.id!r}", ids)
        for item in self.items["role"]:
            ids = (
                (o.id, item.file, (*item.path, "objective", n, "id"))
                for n, o in enumerate(item.model.objectives)
            )
            self._unique(f"objective of role {item.model.id!r}", ids)
        for key in ("variable", "flag", "assumption", "situation"):
            for item in self.items[key]:
                if item.model.id in RESERVED:
                    self.report(
                        item.file,
                        (*item.path, "id"),
                        "S104",
                        f"`{item.model.id}` is a reserved word and cannot name a {key}",
                        "Choose another name.",
                    )

    def _unique(self, kind: str, ids: Iterable[tuple[str, SourceFile, KeyPath]]) -> None:
        first: dict[str, tuple[SourceFile, KeyPath]] = {}
        for id_, file, path in ids:
            if id_ in first:
                f0, p0 = first[id_]
                where = f"{f0.name}:{f0.at(p0)[0]}"
                self.report(
                    file, path, "R201", f"{kind} id {id_!r} is used twice (first at {where})"
                )
            else:
                first[id_] = (file, path)

    # -- scope
    def build_scope(self) -> Scope:
        symbols: list[Symbol] = []
        self._flags: list[P.Flag] = []
        self._assumptions: list[P.Assumption] = []
        self._situation_slots: dict[str, int] = {}
        seen: set[str] = set()

        def add(name: str, type_: Type, writable: bool) -> int | None:
            if name in seen:
                return None
            seen.add(name)
            symbols.append(Symbol(name, type_, len(symbols), writable))
            return len(symbols) - 1

        self._var_slots: dict[str, int] = {}
        for v in self.models("variable"):
            slot = add(v.id, Type.NUMBER, True)
            if slot is not None:
                self._var_slots[v.id] = slot
        # A variable or flag that failed validation is reported where it is written; reading
        # it elsewhere is no further problem.
        for name in sorted(self.l.broken_ids["variable"]):
            add(name, Type.NUMBER, True)
        for name in sorted(self.l.broken_ids["flag"]):
            add(f"flags.{name}", Type.BOOL, True)
        for f in self.models("flag"):
            slot = add(f"flags.{f.id}", Type.BOOL, True)
            if slot is not None:
                self._flags.append(P.Flag(f.id, slot, f.label, f.description, f.start))
        for a in self.models("assumption"):
            is_bool = isinstance(a.default, bool)
            slot = add(f"assume.{a.id}", Type.BOOL if is_bool else Type.NUMBER, False)
            if slot is not None:
                default = a.default if is_bool else float(a.default)
                self._assumptions.append(P.Assumption(a.id, slot, a.label, default, a.description))
        for s in self.models("situation"):
            slot = add(f"situation.{s.id}", Type.BOOL, False)
            if slot is not None:
                self._situation_slots[s.id] = slot
        self._turn_slot = len(symbols)
        symbols.append(Symbol("turn", Type.NUMBER, len(symbols), False))
        symbols.append(Symbol("role", Type.STRING, len(symbols), False))
        events = self.models("event")
        memory = MemoryNames(
            decisions_slot=self._turn_slot + 2,  # game.engine.pack.Pack.memory_slot
            setters_slot=self._turn_slot + 3,
            turn_slot=self._turn_slot,
            tags=frozenset(t for e in events for c in e.choices for t in c.tags),
            choices=frozenset(f"{e.id}/{c.id}" for e in events for c in e.choices),
            flags=frozenset(f.id for f in self.models("flag")),
            maybe=frozenset(self.l.broken_ids["event"] | self.l.broken_ids["flag"]),
            lenient=bool(self.l.unreadable or self.l.broken_ids["event"]),
        )
        self._uses_memory = False
        return Scope(symbols, memory)

    # -- expressions
    def expr(
        self, file: SourceFile, path: KeyPath, src: str | float, expect: Type
    ) -> Compiled | None:
        text = src if isinstance(src, str) else _number(src)
        if not isinstance(src, str) and not math.isclose(float(text), src, rel_tol=1e-9):
            self.report(
                file,
                path,
                "S104",
                f"the number {src!r} is too small to keep: numbers keep "
                f"{MAX_NUMBER_CHARS - 2} decimals",
                "Round it, or write 0.",
            )
            return None
        key = (text, expect)
        cached = self._cache.get(key)
        try:
            if cached is None:
                cached = self._cache[key] = compile_expr(text, self.scope, expect)
            if MEMORY in cached.reads:
                self._uses_memory = True
            return cached  # type: ignore[return-value]
        except ExprError as e:
            self._expr_problem(file, path, e, isinstance(src, str))
            return None

    def _expr_problem(self, file: SourceFile, path: KeyPath, e: ExprError, located: bool) -> None:
        line, col = file.locator.find_in_string(path, e.pos) if located else file.at(path)
        self.l.add(problem(file.name, line, col, e.code, e.message, e.hint))

    def effects(self, file: SourceFile, path: KeyPath, effects: list) -> tuple[P.Effect, ...]:
        out: list[P.Effect] = []
        for n, eff in enumerate(effects):
            here = (*path, n)
            timed = eff if isinstance(eff, schema.TimedEffect) else None
            src_path = (*here, "do") if timed else here
            src = timed.do if timed else eff
            try:
                stmt = self._cache.get((src, None))
                if stmt is None:
                    stmt = self._cache[(src, None)] = compile_effect(src, self.scope)
                if MEMORY in stmt.reads:
                    self._uses_memory = True
            except ExprError as e:
                self._expr_problem(file, src_path, e, True)
                continue
            if timed is None:
                out.append(P.Effect(stmt))
                continue
            if timed.mode in ("smooth", "decay") and stmt.op not in ("+=", "-="):
                self.report(
                    file,
                    (*here, "mode"),
                    "V309",
                    f"`{timed.mode}` spreads a change; `{stmt.src}` is not a += or -= effect",
                )
            when = self.expr(file, (*here, "when"), timed.when, Type.BOOL) if timed.when else None
            out.append(P.Effect(stmt, timed.mode, timed.turns, timed.factor, when))
        return tuple(out)

    def chance(self, file: SourceFile, path: KeyPath, src: str | float) -> Compiled | None:
        if not isinstance(src, str) and not 0 <= src <= 1:
            self.report(file, path, "V302", f"chance {src:g} is outside 0–1")
            # still counted in the outcomes' sum, if it can be written as a number literal
            return self.expr(file, path, src, Type.NUMBER) if abs(src) <= MAX_WEIGHT else None
        c = self.expr(file, path, src, Type.NUMBER)
        if c is not None and c.const is not None and not 0 <= float(c.const) <= 1:
            self.report(file, path, "V302", f"chance {c.const:g} is outside 0–1")
        return c

    def weight(self, file: SourceFile, path: KeyPath, src: str | float) -> Compiled | None:
        c = self.expr(file, path, src, Type.NUMBER) if isinstance(src, str) else None
        value = src if c is None else c.const
        if isinstance(value, float) and value < 0:
            self.report(file, path, "V308", f"weight {value:g} is negative")
        elif isinstance(value, float) and value > MAX_WEIGHT:
            self.report(file, path, "V311", f"weight {value:g} is over {MAX_WEIGHT:g}")
        elif c is None and not isinstance(src, str):
            c = self.expr(file, path, src, Type.NUMBER)
        return c

    def later(
        self, file: SourceFile, path: KeyPath, items: list[schema.Later]
    ) -> tuple[P.Later, ...]:
        out = []
        for n, item in enumerate(items):
            here = (*path, n)
            if item.event is not None and item.event not in self._event_ids:
                self._ref(
                    file, (*here, "event"), "R203", "event", item.event, self._event_ids, "event"
                )
            effects = self.effects(file, (*here, "effects"), item.effects)
            out.append(P.Later(item.in_, item.event, effects, item.text, item.hidden, item.force))
        return tuple(out)

    def _ref(
        self,
        file: SourceFile,
        path: KeyPath,
        code: str,
        kind: str,
        name: str,
        known: Iterable[str],
        section: str,
    ) -> None:
        if name in self.l.broken_ids.get(section, set()) or self.l.unreadable:
            return  # reported where it is defined, or it may be in a file that did not parse
        import difflib

        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else None
        self.report(file, path, code, f"unknown {kind} {name!r}", hint)

    # -- sections
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
        out = []
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

    def compile_escalation(self) -> P.Escalation | None:
        item = self.l.singletons.get("escalation")
        if item is None:
            return None
        e, f = item.model, item.file
        variables = {v.id: v for v in self.models("variable")}
        if e.variable not in variables:
            self._ref(
                f, ("escalation", "variable"), "R205", "variable", e.variable, variables, "variable"
            )
            return None
        if e.ending not in {x.id for x in self.models("ending")}:
            endings = [x.id for x in self.models("ending")]
            self._ref(f, ("escalation", "ending"), "R206", "ending", e.ending, endings, "ending")
        v = variables[e.variable]
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
        out = []
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

    def compile_events(self, calendar: schema.Calendar | None) -> tuple[P.Event, ...]:
        self._event_ids = {e.id for e in self.models("event")} | self.l.broken_ids["event"]
        roles = getattr(self, "_role_ids", set())
        sources = {s.id for s in self.models("source")}
        last_turn = calendar.turns if calendar else 10**6
        out: list[P.Event] = []
        ids: set[str] = set()
        for item in self.items["event"]:
            e, f, b = item.model, item.file, item.path
            for n, r in enumerate(e.roles):
                if r not in roles:
                    self._ref(f, (*b, "roles", n), "R202", "role", r, roles, "role")
            seen_by = frozenset(r for r in e.roles if r in roles) if e.roles else frozenset(roles)
            if e.roles and not seen_by and roles:
                self.report(f, (*b, "roles"), "V303", f"no playable role can see event {e.id!r}")
            if e.source is not None and e.source not in sources:
                self._ref(f, (*b, "source"), "R204", "source", e.source, sources, "source")
            self._reality(f, (*b, "reality"), e.reality, sources)
            turn_min, turn_max = self._window(f, b, e, calendar, last_turn)
            when = self.expr(f, (*b, "when"), e.when, Type.BOOL)
            weight = self.weight(f, (*b, "weight"), e.weight)
            choices = []
            for n, c in enumerate(e.choices):
                choice = self._choice(f, (*b, "choice", n), c, seen_by, roles)
                if choice is not None:
                    choices.append(choice)
            for r in sorted(seen_by):
                defaults = [n for n, c in enumerate(choices) if c.default and r in c.roles]
                for n in defaults[1:]:
                    self.report(
                        f,
                        (*b, "choice", n, "default"),
                        "V322",
                        f"event {e.id!r} has more than one default choice for role {r!r}",
                    )
            if not e.choices:
                self.report(f, b, "V304", f"event {e.id!r} has no [[event.choice]]")
            else:
                for r in sorted(seen_by):
                    if not any(r in c.roles for c in choices) and len(choices) == len(e.choices):
                        self.report(
                            f, b, "V304", f"role {r!r} sees event {e.id!r} but has no choice in it"
                        )
            if when is None or weight is None or e.id in ids:
                continue
            ids.add(e.id)
            reality = _reality(e.reality)
            out.append(
                P.Event(
                    e.id,
                    len(out),
                    e.title,
                    e.kind,
                    seen_by,
                    when,
                    e.priority,
                    weight,
                    e.once,
                    e.cooldown,
                    turn_min,
                    turn_max,
                    e.source,
                    e.text,
                    reality,
                    tuple(choices),
                    e.short,
                )
            )
        return tuple(out)

    def _window(
        self,
        f: SourceFile,
        b: KeyPath,
        e: schema.Event,
        calendar: schema.Calendar | None,
        last_turn: int,
    ) -> tuple[int, int]:
        lo, hi = e.turn_min or 1, e.turn_max or last_turn
        if calendar is not None:
            if e.date_min is not None:
                lo = max(lo, _turn_on_or_after(calendar, e.date_min))
            if e.date_max is not None:
                hi = min(hi, _turn_on_or_before(calendar, e.date_max))
        if lo > hi or lo > last_turn:
            self.report(
                f,
                (*b, "turn_min" if e.turn_min else "date_min"),
                "V305",
                f"event {e.id!r} can never be drawn: its window (turns {lo}–{hi}) is empty "
                f"or after the last turn ({last_turn})",
            )
        return lo, hi

    def _choice(
        self, f: SourceFile, b: KeyPath, c: schema.Choice, seen_by: frozenset[str], roles: set[str]
    ) -> P.Choice | None:
        for n, r in enumerate(c.roles):
            if r not in roles:
                self._ref(f, (*b, "roles", n), "R202", "role", r, roles, "role")
            elif r not in seen_by:
                self.report(
                    f,
                    (*b, "roles", n),
                    "V303",
                    f"role {r!r} cannot see this event, so it can never take this choice",
                )
        who = frozenset(r for r in c.roles if r in seen_by) if c.roles else seen_by
        when = self.expr(f, (*b, "when"), c.when, Type.BOOL)
        effects = self.effects(f, (*b, "effects"), c.effects)
        outcomes = []
        total = 0.0
        for n, o in enumerate(c.outcomes):
            ob = (*b, "outcomes", n)
            chance = self.chance(f, (*ob, "chance"), o.chance)
            if chance is not None and chance.const is not None:
                total += float(chance.const)
            oeffects = self.effects(f, (*ob, "effects"), o.effects)
            olater = self.later(f, (*ob, "later"), o.later)
            if chance is not None:
                outcomes.append(P.Outcome(chance, o.label, o.text, oeffects, olater))
        if total > 1 + 1e-9:
            self.report(
                f, (*b, "outcomes"), "V302", f"the outcomes' chances add up to {total:g}, over 1"
            )
        later = self.later(f, (*b, "later"), c.later)
        cost = None
        if c.cost != 0:
            cost = self.expr(f, (*b, "cost"), c.cost, Type.NUMBER)
            if cost is not None and cost.const is not None and float(cost.const) < 0:
                self.report(f, (*b, "cost"), "V320", f"cost {cost.const:g} is negative")
            if self.l.singletons.get("budget") is None:
                self.report(
                    f,
                    (*b, "cost"),
                    "V321",
                    "this option has a cost, but the pack declares no [budget] to pay it from",
                )
        if when is None:
            return None
        return P.Choice(
            c.id,
            c.label,
            c.description,
            who,
            when,
            c.closed_text,
            effects,
            tuple(outcomes),
            later,
            tuple(c.tags),
            c.debrief,
            cost,
            c.default,
        )

    def _reality(
        self, f: SourceFile, b: KeyPath, r: schema.Reality | None, sources: set[str]
    ) -> None:
        if r is None:
            return
        for n, s in enumerate(r.sources):
            if not _URL.match(s) and s not in sources:
                self._ref(f, (*b, "sources", n), "R204", "source", s, sources, "source")

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
        roles = getattr(self, "_role_ids", set())
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
            self._reality(f, (*b, "reality"), e.reality, sources)
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
                        _reality(e.reality),
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
        winners = sorted(r for r in getattr(self, "_role_ids", ()) if war.result_for(r) != "loss")
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

    def compile_budget(self, events: tuple[P.Event, ...]) -> P.Budget | None:
        item = self.l.singletons.get("budget")
        if item is None:
            return None
        bm, f = item.model, item.file
        variables = {v.id: v for v in self.models("variable")}
        if bm.variable not in variables:
            self._ref(
                f, ("budget", "variable"), "R205", "variable", bm.variable, variables, "variable"
            )
            return None
        refill = self.expr(f, ("budget", "refill"), bm.refill, Type.NUMBER)
        if refill is None:
            return None
        label = variables[bm.variable].label
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
        item = self.l.singletons.get("teaching")
        if item is None:
            return
        for n, q in enumerate(item.model.questions):
            for k, eid in enumerate(q.events):
                if eid not in self._event_ids:
                    self._ref(
                        item.file,
                        ("teaching", "question", n, "events", k),
                        "R203",
                        "event",
                        eid,
                        self._event_ids,
                        "event",
                    )


def _reality(r: schema.Reality | None) -> P.Reality | None:
    if r is None:
        return None
    return P.Reality(r.text, r.date, tuple(r.sources), r.confidence, r.critical)


def _number(x: float) -> str:
    """A finite number (the schema allows no other) as an expression's literal: the language has
    no exponents, so it is written out in full, to as many decimals as a literal can hold."""
    text = format(Decimal(repr(float(x))), "f")
    if len(text) > MAX_NUMBER_CHARS:
        whole = len(text.partition(".")[0])
        text = f"{x:.{max(0, MAX_NUMBER_CHARS - whole - 1)}f}"
    return text


def _turn_on_or_after(calendar: schema.Calendar, date: dt.date) -> int:
    turn = 1
    while (
        P.add_steps(calendar.start, calendar.step, turn - 1) < date and turn <= calendar.turns + 1
    ):
        turn += 1
    return turn


def _turn_on_or_before(calendar: schema.Calendar, date: dt.date) -> int:
    turn = _turn_on_or_after(calendar, date)
    if P.add_steps(calendar.start, calendar.step, turn - 1) > date:
        turn -= 1
    return turn


__all__ = ["LoadResult", "Item", "load_pack"]
