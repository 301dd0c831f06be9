"""From validated models to the engine's compiled pack, checking every reference on the way.

Semantic problems (duplicate ids, dangling references, expression errors, impossible ranges) are
collected, never raised, and each points at the line of the key that causes it. This module runs
the whole: ids, the scope of names, then each section (game.content.sections, and
game.content.events for the events and their choices), all on game.content.context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content import collector, schema
from game.content.causes import fold
from game.content.events import Events
from game.content.loader import Item, Loaded, SourceFile, read_pack
from game.content.locate import Path as KeyPath
from game.content.pending import check_pending
from game.content.problems import Problem
from game.content.sections import Sections
from game.engine import pack as P
from game.engine.expr import MemoryNames, Scope, Symbol, Type

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
    "when",  # an effect's condition: "tension += 2 when flags.deal"
}


@dataclass
class LoadResult:
    pack: P.Pack | None
    problems: list[Problem]  # root causes first (game.content.causes)
    folded: list[Problem] = field(default_factory=list)  # what follows from one of them
    loaded: Loaded | None = None  # the files and validated items, for editors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_pack(
    path: str | Path,
    analyse_pack: bool = True,
    overlay: Mapping[Path, str] | None = None,
) -> LoadResult:
    """Read, validate, check and compile a pack. `pack` is None when there are errors.

    `analyse_pack=False` skips the reachability warnings, which only authors need: playing
    and simulating a pack do not pay for them. `overlay`: unsaved texts of its files
    (game.content.loader.read_pack).
    """
    with collector.paused():
        return _load(path, analyse_pack, overlay)


def _load(
    path: str | Path,
    analyse_pack: bool,
    overlay: Mapping[Path, str] | None,
) -> LoadResult:
    loaded = read_pack(path, overlay)
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
    problems, folded = fold(loaded.problems, loaded.roots)
    if any(p.severity == "error" for p in problems):
        pack = None
    return LoadResult(pack, problems, folded, loaded)


class _Compiler(Sections, Events):
    """One pack's compilation: `run` gives the compiled pack, or None after reporting why."""

    # -- the run
    def run(self) -> P.Pack | None:
        meta_item = self.l.singletons.get("pack")
        cal_item = self.l.singletons.get("calendar")
        main = next((f for f in self.l.files if f.path == self.l.root / "pack.toml"), None)
        if main is not None and main.name not in self.l.unreadable:
            if meta_item is None and not self._main_broken(main, "pack"):
                self.l.roots.empty_main.append(
                    self.report(main, (), "S105", "pack.toml has no [pack] table")
                )
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
        budget = self.compile_budget()
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
            _quiet_text(m.quiet_text, calendar.step),
            m.show_closed_choices,
            m.forecast,
            calendar.start,
            calendar.step,
            calendar.turns,
        )
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
            glossary=tuple(
                P.GlossaryTerm(g.term, g.definition, tuple(g.aliases))
                for g in self.models("glossary")
            ),
            **_teaching(self.l.singletons.get("teaching")),
            chronology=tuple(
                sorted(
                    (
                        P.ChronologyEntry(
                            c.date,
                            c.precision,
                            c.text,
                            tuple(c.sources),
                            c.confidence,
                            tuple(c.events),
                        )
                        for c in self.models("chronology")
                    ),
                    key=lambda c: c.date,
                )
            ),
            voices=tuple(
                P.Voice(v.capital, v.text, tuple(v.sources)) for v in self.models("voice")
            ),
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
            items = self.items[key]
            if _repeats([i.model.id for i in items]):
                self._unique(key, ((i.model.id, i.file, (*i.path, "id")) for i in items))
        for owner, entry, entries in (
            ("event", "choice", "choices"),
            ("actor", "move", "moves"),
            ("role", "objective", "objectives"),
        ):
            for item in self.items[owner]:
                ids = [x.id for x in getattr(item.model, entries)]
                if _repeats(ids):
                    places = (
                        (id_, item.file, (*item.path, entry, n, "id")) for n, id_ in enumerate(ids)
                    )
                    self._unique(f"{entry} of {owner} {item.model.id!r}", places)
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
        for name in sorted(self.l.broken_ids["assumption"]):
            numeric = name in self.l.broken_numbers
            add(f"assume.{name}", Type.NUMBER if numeric else Type.BOOL, False)
        for name in sorted(self.l.broken_ids["situation"]):
            add(f"situation.{name}", Type.BOOL, False)
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
        tags: set[str] = set()
        choices: set[str] = set()
        for e in self.models("event"):
            for c in e.choices:
                tags.update(c.tags)
                choices.add(f"{e.id}/{c.id}")
        memory = MemoryNames(
            decisions_slot=self._turn_slot + 2,  # game.engine.pack.Pack.memory_slot
            setters_slot=self._turn_slot + 3,
            turn_slot=self._turn_slot,
            tags=frozenset(tags),
            choices=frozenset(choices),
            flags=frozenset(f.id for f in self.models("flag")),
            maybe=frozenset(self.l.broken_ids["event"] | self.l.broken_ids["flag"]),
            lenient=bool(self.l.unreadable or self.l.broken_ids["event"]),
        )
        self._uses_memory = False
        return Scope(symbols, memory)


def _repeats(ids: list[str]) -> bool:
    """Whether an id is used twice: nearly never, so the places of the ids are then looked at
    only when one is."""
    return len(set(ids)) < len(ids)


def _teaching(item: Item | None) -> dict[str, Any]:
    """The pack's teaching fields from its [teaching] table; without one, the Pack's defaults,
    which are the table's (no empty schema.Teaching is made: that would build a validator)."""
    if item is None:
        return {}
    t = item.model
    return {
        "goals": tuple(_goal(g) for g in t.goals),
        "questions": tuple((q.text, tuple(q.events)) for q in t.questions),
        "teaching_notes": t.notes,
        "packet": tuple(t.packet),
        "reality_as_of": t.reality_as_of,
    }


def _goal(g: str | schema.Goal) -> P.Goal:
    return P.Goal(g) if isinstance(g, str) else P.Goal(g.text, tuple(g.events))


def _quiet_text(text: str, step: str) -> str:
    """The pack's quiet_text; the schema's default follows the pack's calendar."""
    default = schema.PackMeta.model_fields["quiet_text"].default
    return text.replace("month", step, 1) if text == default else text


__all__ = ["LoadResult", "Item", "load_pack"]
