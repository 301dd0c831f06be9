"""What every part of the pack compiler shares: the loaded files to report problems into, and
expressions and effects compiled in the pack's scope, each problem located where it is written."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from game.content import schema, shorthand
from game.content.loader import Loaded, SourceFile
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, Severity, problem
from game.engine import pack as P
from game.engine.expr import (
    MEMORY,
    Compiled,
    CompiledEffect,
    ExprError,
    Scope,
    Type,
    compile_effect,
    compile_expr,
)
from game.engine.expr.errors import MAX_NUMBER_CHARS
from game.engine.limits import MAX_WEIGHT

_URL = re.compile(r"^https?://")


class Context:
    # Set by the compiler's build_scope, before any expression is compiled.
    scope: Scope
    _var_slots: dict[str, int]
    _situation_slots: dict[str, int]
    _turn_slot: int
    _flags: list[P.Flag]
    _assumptions: list[P.Assumption]

    def __init__(self, loaded: Loaded) -> None:
        self.l = loaded
        self.items = loaded.items
        # Compiled expressions are pure functions of their text and the scope: share them.
        self._exprs: dict[tuple[str, Type], Compiled] = {}
        self._effects: dict[str, CompiledEffect] = {}
        # An effect is the same wherever it is written the same way: each is made once.
        self._made: dict[str | tuple[object, ...], P.Effect] = {}
        self._role_ids: set[str] = set()  # set by compile_roles
        self._event_ids: set[str] = set()  # set by compile_events, before any `later` is read
        self._uses_memory = False

    # -- reporting
    def report(
        self,
        file: SourceFile,
        path: KeyPath,
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> Problem:
        line, col = file.at(path)
        return self.l.add(problem(file.name, line, col, code, message, hint, severity))

    def models(self, key: str) -> list[Any]:
        return [i.model for i in self.items[key]]

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
        cached = self._exprs.get(key)
        try:
            if cached is None:
                cached = self._exprs[key] = compile_expr(text, self.scope, expect)
            if MEMORY in cached.reads:
                self._uses_memory = True
            return cached
        except ExprError as e:
            self._expr_problem(file, path, e, isinstance(src, str))
            return None

    def _expr_problem(self, file: SourceFile, path: KeyPath, e: ExprError, located: bool) -> None:
        line, col = file.locator.find_in_string(path, e.pos) if located else file.at(path)
        self.l.add(problem(file.name, line, col, e.code, e.message, self._quote_ids(e)))

    def _quote_ids(self, e: ExprError) -> str | None:
        """An unknown name that is the id of a role, actor or event is a string the author
        forgot to quote (`role == us`)."""
        name = e.message.removeprefix("unknown name '")[:-1] if e.code == "X002" else ""
        for section in ("role", "actor", "event"):
            if name and any(i.model.id == name for i in self.items[section]):
                return (
                    f'{section} ids are strings: write it in double quotes, "{name}" '
                    f'(e.g. role == "{name}")'
                )
        return e.hint

    def effects(
        self, file: SourceFile, path: KeyPath, effects: list[schema.Effect]
    ) -> tuple[P.Effect, ...]:
        out: list[P.Effect] = []
        for n, eff in enumerate(effects):
            key = eff if isinstance(eff, str) else _table_key(eff)
            made = self._made.get(key)
            if made is None:
                reported = len(self.l.problems)
                made = self._effect(file, (*path, n), eff)
                if made is None:
                    continue
                if len(self.l.problems) == reported:  # written the same, it is the same anywhere
                    self._made[key] = made
            out.append(made)
        return tuple(out)

    def _effect(self, file: SourceFile, here: KeyPath, eff: schema.Effect) -> P.Effect | None:
        """The effect written at `here`, or None after reporting why there is none."""
        short = shorthand.split(eff) if isinstance(eff, str) else None
        if short is not None:
            spelt = self._spelt_out(file, here, short)
            if spelt is None:
                return None
            eff = spelt
        timed = eff if isinstance(eff, schema.TimedEffect) else None
        src_path = (*here, "do") if timed and short is None else here
        src = eff.do if isinstance(eff, schema.TimedEffect) else eff
        try:
            stmt = self._effects.get(src)
            if stmt is None:
                stmt = self._effects[src] = compile_effect(src, self.scope)
            if MEMORY in stmt.reads:
                self._uses_memory = True
        except ExprError as e:
            if timed is None and shorthand.near_miss(src):
                e = ExprError(e.code, e.message, e.pos, e.end, shorthand.NEAR_MISS_HINT)
            self._expr_problem(file, src_path, e, True)
            return None
        if timed is None:
            return P.Effect(stmt)
        if timed.mode in ("smooth", "decay") and stmt.op not in ("+=", "-="):
            self.report(
                file,
                (*here, "mode"),
                "V309",
                f"`{timed.mode}` spreads a change; `{stmt.src}` is not a += or -= effect",
            )
        when = None
        if short is not None and short.when is not None:
            when = self._condition_at(file, here, short.when, short.when_at)
            if when is None:
                return None
        elif timed.when:
            when = self.expr(file, (*here, "when"), timed.when, Type.BOOL)
        return P.Effect(stmt, timed.mode, timed.turns, timed.factor, when)

    def _spelt_out(
        self, file: SourceFile, here: KeyPath, short: shorthand.Timed
    ) -> schema.TimedEffect | None:
        """The table an effect written as one string stands for (its `when` is compiled
        where it stands in the string, by the caller)."""
        try:
            return schema.TimedEffect(
                do=short.stmt, mode=short.mode, turns=short.turns, factor=short.factor
            )
        except ValidationError as e:
            why = "; ".join(err["msg"] for err in e.errors())
            self.report(
                file,
                here,
                "S104",
                f"`{short.stmt}` {short.mode}: {why}",
                "Spread over 1–60 turns, and fade by a factor of at least 0 and below 1.",
            )
            return None

    def _condition_at(
        self, file: SourceFile, here: KeyPath, src: str, offset: int
    ) -> Compiled | None:
        try:
            c = compile_expr(src, self.scope, Type.BOOL)
        except ExprError as e:
            shifted = ExprError(e.code, e.message, e.pos + offset, e.end + offset, e.hint)
            self._expr_problem(file, here, shifted, True)
            return None
        if MEMORY in c.reads:
            self._uses_memory = True
        return c

    def chance(self, file: SourceFile, path: KeyPath, src: str | float) -> Compiled | None:
        if not isinstance(src, str) and not 0 <= src <= 1:
            self.report(file, path, "V302", f"chance {src:g} is outside 0–1", _share(src))
            return None
        c = self.expr(file, path, src, Type.NUMBER)
        if c is not None and c.const is not None and not 0 <= float(c.const) <= 1:
            value = float(c.const)
            self.report(file, path, "V302", f"chance {value:g} is outside 0–1", _share(value))
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
        self.report(file, path, code, f"unknown {kind} {name!r}", self._closest(name, section))

    def _closest(self, name: str, section: str) -> str | None:
        """ "did you mean …?": the id spelt alike (in any case), the id of the item whose name
        or title this is, or the id nearest in spelling."""
        ids = [i.model.id for i in self.items[section]] + sorted(self.l.broken_ids[section])
        if section == "role":
            ids += [i.model.id for i in self.items["actor"]]
        wanted = name.strip().lower()
        same = [i for i in ids if i.lower() == wanted]
        titled = [
            i.model.id
            for i in self.items[section]
            if any(
                isinstance(t, str) and t.strip().lower() == wanted
                for t in (getattr(i.model, a, None) for a in _NAMED_BY)
            )
        ]
        close = same or titled or difflib.get_close_matches(name, ids, n=1, cutoff=0.6)
        if not ids:
            return f"The pack declares no [[{section}]]: add one with this id, or remove it."
        if not close:
            return f"No {section} has this id: {_listed(ids)}."
        if titled and not same:
            return f"did you mean {close[0]!r}? Refer to a {section} by its id, not its name."
        return f"did you mean {close[0]!r}?"

    def check_reality(
        self, f: SourceFile, b: KeyPath, r: schema.Reality | None, sources: set[str]
    ) -> None:
        if r is not None:
            self.check_sources(f, (*b, "sources"), r.sources, sources)

    def check_sources(self, f: SourceFile, b: KeyPath, cited: list[str], sources: set[str]) -> None:
        for n, s in enumerate(cited):
            if not _URL.match(s) and s not in sources:
                self._ref(f, (*b, n), "R204", "source", s, sources, "source")


def _table_key(eff: schema.TimedEffect) -> tuple[object, ...]:
    """What an effect written as a table is made from (one written as a string: its text)."""
    return (eff.do, eff.mode, eff.turns, eff.factor, eff.when)


def _share(chance: float) -> str | None:
    """How to write a chance given in percent."""
    if 1 < chance <= 100 and chance == int(chance):
        return f"A chance is a share of 1: write {chance / 100:g} for {chance:g}%."
    return None


_NAMED_BY = ("name", "title", "label", "cite")  # what an item is called besides its id


def _listed(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:8])
    return f"the ids are {shown}" + (", …" if len(ids) > 8 else "")


def reality_of(r: schema.Reality | None) -> P.Reality | None:
    if r is None:
        return None
    return P.Reality(r.text, r.date, tuple(r.sources), r.confidence, r.critical, r.verdict)


def _number(x: float) -> str:
    """A finite number (the schema allows no other) as an expression's literal: the language has
    no exponents, so it is written out in full, to as many decimals as a literal can hold."""
    text = format(Decimal(repr(float(x))), "f")
    if len(text) > MAX_NUMBER_CHARS:
        whole = len(text.partition(".")[0])
        text = f"{x:.{max(0, MAX_NUMBER_CHARS - whole - 1)}f}"
    return text
