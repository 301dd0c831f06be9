"""Compiling the events and their choices: who sees them, when they can be drawn, what each
choice costs, does and sets in motion."""

from __future__ import annotations

import datetime as dt

from game.content import schema
from game.content.context import Context, reality_of
from game.content.loader import SourceFile
from game.content.locate import Path as KeyPath
from game.engine import pack as P
from game.engine.expr import Type


class Events(Context):
    def compile_events(self, calendar: schema.Calendar | None) -> tuple[P.Event, ...]:
        self._event_ids = {e.id for e in self.models("event")} | self.l.broken_ids["event"]
        roles = self._role_ids
        everyone = frozenset(roles)
        sources = {s.id for s in self.models("source")}
        last_turn = calendar.turns if calendar else 10**6
        out: list[P.Event] = []
        ids: set[str] = set()
        for item in self.items["event"]:
            e, f, b = item.model, item.file, item.path
            for n, r in enumerate(e.roles):
                if r not in roles:
                    self._ref(f, (*b, "roles", n), "R202", "role", r, roles, "role")
            seen_by = frozenset(r for r in e.roles if r in roles) if e.roles else everyone
            broken = set(e.roles) & self.l.broken_ids["role"]  # reported where declared
            if e.roles and not seen_by and roles and not broken:
                self.report(f, (*b, "roles"), "V303", f"no playable role can see event {e.id!r}")
            if e.source is not None and e.source not in sources:
                self._ref(f, (*b, "source"), "R204", "source", e.source, sources, "source")
            self.check_reality(f, (*b, "reality"), e.reality, sources)
            self._debrief_due(f, b, e)
            turn_min, turn_max = self._window(f, b, e, calendar, last_turn)
            on_turn = self._scheduled(f, b, e, calendar, last_turn, (turn_min, turn_max))
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
            # a choice for an unknown role may be the one a role lacks: its R202 says so
            elif not any(r not in roles for c in e.choices for r in c.roles):
                for r in sorted(seen_by):
                    if not any(r in c.roles for c in choices) and len(choices) == len(e.choices):
                        self.report(
                            f, b, "V304", f"role {r!r} sees event {e.id!r} but has no choice in it"
                        )
            if when is None or weight is None or e.id in ids:
                continue
            ids.add(e.id)
            reality = reality_of(e.reality)
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
                    on_turn,
                    e.later_only,
                )
            )
        self._same_date(out)
        return tuple(out)

    def _debrief_due(self, f: SourceFile, b: KeyPath, e: schema.Event) -> None:
        """V330: a historical event says what really happened, when, and on whose word; V331: a
        prediction event says how the prediction has fared."""
        r = e.reality
        where = (*b, "reality") if r is not None else (*b, "kind")
        if e.kind == "historical":
            if r is None:
                lacks = f"historical event {e.id!r} has no reality note"
            else:
                gaps = [
                    w
                    for w, gap in (("date", not r.date.strip()), ("sources", not r.sources))
                    if gap
                ]
                if not gaps:
                    return
                lacks = (
                    f"the reality note of historical event {e.id!r} has no {' and no '.join(gaps)}"
                )
            self.report(f, where, "V330", lacks, severity="warning")
        elif e.kind == "prediction" and (r is None or r.verdict is None):
            message = f"prediction event {e.id!r} has no verdict on how the prediction has fared"
            self.report(f, where, "V331", message, severity="warning")

    def _scheduled(
        self,
        f: SourceFile,
        b: KeyPath,
        e: schema.Event,
        calendar: schema.Calendar | None,
        last_turn: int,
        window: tuple[int, int],
    ) -> int | None:
        """The turn an event with `on` is scheduled for."""
        if e.on is None:
            return None
        if e.later_only:
            self.report(
                f, (*b, "on"), "V305", f"event {e.id!r} is scheduled, but also `later_only`",
                "Keep `on` to schedule it, or `later_only` to have a `later` bring it.",
            )  # fmt: skip
            return None
        if isinstance(e.on, dt.date):
            if calendar is None:
                return None
            turn = _turn_on_or_before(calendar, e.on)
            end = P.add_steps(calendar.start, calendar.step, last_turn - 1)
            span = f"the calendar runs from {calendar.start} (turn 1) to {end} (turn {last_turn})"
        else:
            turn, span = e.on, f"the game has turns 1–{last_turn}"
        if not 1 <= turn <= last_turn:
            self.report(f, (*b, "on"), "V305", f"event {e.id!r} is set for {e.on}, but {span}")
            return None
        if not window[0] <= turn <= window[1]:
            self.report(
                f,
                (*b, "on"),
                "V305",
                f"event {e.id!r} is set for turn {turn}, outside its window (turns "
                f"{window[0]}–{window[1]})",
            )
            return None
        return turn

    def _same_date(self, events: list[P.Event]) -> None:
        """V325: one turn draws one event, so a role meets at most one scheduled event a turn."""
        first: dict[tuple[int, str], P.Event] = {}
        places = {i.model.id: i for i in self.items["event"]}
        for e in events:
            if e.on_turn is None:
                continue
            for role in sorted(e.roles):
                other = first.setdefault((e.on_turn, role), e)
                if other is not e:
                    item = places[e.id]
                    self.report(
                        item.file,
                        (*item.path, "on"),
                        "V325",
                        f"events {other.id!r} and {e.id!r} are both scheduled for turn "
                        f"{e.on_turn}, and role {role!r} sees both: a turn draws one event",
                    )
                    break

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
            if chance is not None and chance.const is not None and 0 <= chance.const <= 1:
                total += float(chance.const)
            oeffects = self.effects(f, (*ob, "effects"), o.effects)
            olater = self.later(f, (*ob, "later"), o.later)
            if chance is not None:
                outcomes.append(P.Outcome(chance, o.label, o.text, oeffects, olater))
        if total > 1 + 1e-9:
            self.report(
                f, (*b, "outcomes"), "V302", f"the outcomes' chances add up to {total:g}, over 1"
            )
        later = self.later(f, (*b, "later"), c.later) if c.later else ()
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
