"""One turn's resolution, on a mutable working copy of the state: the decision and the briefings
left to their defaults, the world moving on, the endings checked, the next briefings drawn.

An unexplained working copy may also play a whole game, turn after turn (`Turn.step`), with no
state built between two decisions: the simulator's fast path (game.engine.resolve.start)."""

from __future__ import annotations

from typing import TypeGuard

from game.engine import rng
from game.engine.choices import AFFORD, cost_of
from game.engine.expr.scope import Fn, Value
from game.engine.limits import DECAY_MIN_STEP, MAX_PENDING, MAX_WEIGHT
from game.engine.pack import OPEN_ENDING, Choice, Effect, Event, Later, Pack
from game.engine.report import NO_OUTCOME, Cause, Change, Draw, News, Roll, Scheduled
from game.engine.specialised import draw_rows, world
from game.engine.state import GameState, Pending, PendingDelta, PendingLater
from game.engine.steps import Apply
from game.engine.tables import PLAYER, tables

_DRAW = rng.stream("draw")
_CHOICE = rng.stream("choice")
_AGENDA = (rng.stream("agenda:1"), rng.stream("agenda:2"))


def _fading(factor: float) -> str:
    """`a shock that fades by half each turn` (the detail of a `decay` effect)."""
    if abs(factor - 0.5) < 1e-9:
        return "a shock that fades by half each turn"
    return f"a shock of which {factor:.0%} is left after each turn"


def _is_event(p: Pending) -> TypeGuard[PendingLater]:
    return isinstance(p, PendingLater) and p.event is not None


class Turn:
    """The mutable working copy of one turn's resolution (or, unexplained, of a whole game's)."""

    __slots__ = (
        "pack", "state", "role", "key", "t", "lo", "hi", "flag_ids", "env", "turn", "explain",
        "pending", "drawn", "shared", "event", "agenda", "ending", "changes", "rolls", "news",
        "scheduled", "arrived", "defaults", "notes", "spent", "world", "moves", "rules",
    )  # fmt: skip

    def __init__(self, pack: Pack, state: GameState, explain: bool) -> None:
        self.pack = pack
        self.state = state  # the state it started from
        self.role, self.key = state.role, state.key
        self.t = t = tables(pack)
        self.lo, self.hi = t.lo, t.hi
        self.flag_ids = t.flag_ids
        self.env = list(state.values)
        self.turn = state.turn
        self.explain = explain
        # unexplained, the rows specialised to the game's role and assumptions
        self.world = w = world(pack, t, self.role, self.env, explain)
        self.moves, self.rules = w.moves, w.rules
        self.pending: list[Pending] = list(state.pending)
        # `drawn` is copied before its first change while a state shares it (`take`)
        self.drawn = self.shared = state.drawn
        self.event, self.agenda, self.ending = state.event, state.agenda, state.ending
        self.changes: list[Change] = []
        self.rolls: list[Roll] = []
        self.news: list[News] = []
        self.scheduled: list[Scheduled] = []
        self.arrived: list[str] = []
        self.defaults: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.spent = 0.0

    # -- values
    def set(self, slot: int, value: Value, cause: Cause) -> None:
        env = self.env
        before = env[slot]
        lo = self.lo[slot]
        clamped = False
        if lo is not None:
            hi = self.hi[slot]
            value = float(value)
            if value - value != 0.0:  # not finite
                value = before
            if value < lo:
                value, clamped = lo, True
            elif value > hi:
                value, clamped = hi, True
        if value == before and type(value) is type(before):
            return
        env[slot] = value
        if self.flag_ids and slot in self.flag_ids:
            setters = self.pack.setters_slot
            env[setters] = (*env[setters], (self.flag_ids[slot], cause.agent))
        if self.explain:
            self.changes.append(
                Change(self.t.names[slot], self.t.labels[slot], before, value, cause, clamped)
            )

    def apply(self, effects: tuple[Effect, ...], cause: Cause, plan: Apply | None = None) -> None:
        env = self.env
        explain = self.explain
        if plan is not None and not explain:  # the simulator's hot path, as below
            plan(env)
            return
        for eff in effects:
            if eff.when is not None and not eff.when.fn(env):
                continue
            stmt = eff.stmt
            slot = stmt.target.slot
            if not explain and eff.mode == "immediate":
                lo = self.lo[slot]
                if lo is not None:  # a variable, unexplained: the simulator's hot path
                    v = float(stmt.fn(env))
                    if v - v == 0.0:
                        hi = self.hi[slot]
                        env[slot] = lo if v < lo else hi if v > hi else v  # type: ignore[operator]
                    continue
            if explain and stmt.value.divisors:
                self.divided(stmt.src, stmt.value.divisors, cause)
            if eff.mode == "immediate":
                self.set(slot, stmt.fn(env), cause)
            elif eff.mode == "lag":
                now = Effect(stmt, "immediate", 1, 0.5, None)
                lag = Cause(
                    "lag",
                    cause.id,
                    cause.label,
                    f"{eff.turns} turn(s) after turn {self.turn}",
                    cause.agent,
                )
                self.schedule(PendingLater(self.turn + eff.turns, lag, (now,)), "", False)
            elif eff.mode == "smooth":
                delta = float(stmt.apply(env)) - env[slot]
                step = delta / eff.turns
                smooth = Cause(
                    "smooth",
                    cause.id,
                    cause.label,
                    f"spread over {eff.turns} turns",
                    cause.agent,
                )
                self.set(slot, env[slot] + step, smooth)
                for k in range(1, eff.turns):
                    self.pend(PendingDelta(self.turn + k, slot, step, smooth))
            else:  # decay
                before = env[slot]
                decay = Cause("decay", cause.id, cause.label, _fading(eff.factor), cause.agent)
                self.set(slot, stmt.apply(env), decay)
                shock = env[slot] - before
                if abs(shock * eff.factor) >= DECAY_MIN_STEP:
                    back = -shock * (1 - eff.factor)
                    self.pend(
                        PendingDelta(
                            self.turn + 1, slot, back, decay, eff.factor, shock * eff.factor
                        )
                    )

    def divided(self, src: str, divisors: tuple[tuple[str, Fn], ...], cause: Cause) -> None:
        """Say so when an effect divides by zero (the language counts x / 0 as 0)."""
        for text, fn in divisors:
            if fn(self.env) == 0:
                self.notes.append(
                    f"`{src}` ({cause.label}) divided by zero, `{text}` being 0: "
                    "that part counted as 0."
                )

    def pend(self, item: Pending) -> bool:
        """Hold `item` for a later turn, unless the game already holds as much as a game may
        (game.engine.limits; `check` refuses packs that can get there)."""
        if len(self.pending) >= MAX_PENDING:
            if self.explain:
                self.notes.append(
                    f"A consequence of {item.cause.label} was dropped: the game already holds "
                    f"{MAX_PENDING:,} consequences waiting for later turns."
                )
            return False
        self.pending.append(item)
        return True

    def schedule(self, item: PendingLater, text: str, hidden: bool) -> None:
        if self.pend(item) and self.explain:
            effects = item.effects if not text else ()
            self.scheduled.append(Scheduled(item.turn, text, hidden, item.cause, effects))

    def chance(self, value: Value) -> float:
        p = float(value)
        return 0.0 if not p > 0 else 1.0 if p > 1 else p

    # -- a whole turn
    @property
    def desk(self) -> tuple[str, ...]:
        """Every briefing on the desk: the first drawn, then the agenda's others."""
        return () if self.event is None else (self.event, *self.agenda)

    def step(self, handled: str | None, choice: Choice | None, draw: bool = True) -> Draw | None:
        """Take `choice` of the briefing `handled` on the desk (both None on a quiet turn), leave
        the others to their defaults, and move the world one turn on: the ending it reaches or
        (unless not `draw`) the next briefings, and, explained, why they were drawn. Trusts the
        decision: `resolve` validates it."""
        # The defaults the desk announced are those open before the decision: judge them first.
        left = None
        if self.agenda:
            events = self.pack.events_by_id
            left = [(events[e], self.default_open(e)) for e in self.desk if e != handled]
        self.agenda, self.defaults, self.spent = (), [], 0.0
        if handled is not None and choice is not None:
            self.decide(choice)
            if left:
                for other, default in left:
                    self.default(other, default)
        self.advance()
        self.ending = self.check_endings()
        if self.ending or not draw:
            self.event = None
            return None
        return self.draw()

    # -- the decision
    def decide(self, choice: Choice) -> None:
        cid, cause, _ = self.t.causes[id(choice)]
        budget = self.pack.budget
        if budget is not None and choice.cost is not None:
            cost = cost_of(choice, self.env)
            if cost:
                self.spent = cost
                detail = f"costs {cost:g} {budget.noun}" if self.explain else ""
                spend = Cause("cost", cid, choice.label, detail, PLAYER)
                self.set(budget.slot, self.env[budget.slot] - cost, spend)
        self.take_choice(choice, cause, _CHOICE)

    def default_open(self, event_id: str) -> Choice | None:
        """The briefing's default choice for the role, if it is open now."""
        choice = self.t.defaults.get((event_id, self.role))
        return choice if choice is not None and choice.when.fn(self.env) else None

    def default(self, event: Event, choice: Choice | None) -> None:
        """Settle a briefing the advisor left to others by its default choice (None: none was
        open when the advisor decided)."""
        if choice is None:
            self.defaults.append((event.id, ""))
            return
        self.defaults.append((event.id, choice.id))
        cause = self.t.causes[id(choice)][2]
        self.take_choice(choice, cause, self.t.default_streams[event.id])

    def take_choice(self, choice: Choice, cause: Cause, stream: int) -> None:
        pack = self.pack
        if pack.uses_memory:
            mem = pack.memory_slot
            entry = (self.turn, cause.id, choice.tags)
            self.env[mem] = (*self.env[mem], entry)
        cid = cause.id
        plans = self.t.plans
        plan = plans[id(choice)]
        if plan is not None and not self.explain:  # `apply`'s hot path, a call fewer
            plan(self.env)
        else:
            self.apply(choice.effects, cause, plan)
        if choice.later:
            self.later(choice.later, cause)
        if choice.outcomes:
            r = rng.roll(self.key, self.turn, stream)
            acc = 0.0
            picked = None
            for i, outcome in enumerate(choice.outcomes):
                p = self.chance(outcome.chance.fn(self.env))
                if picked is None and r < acc + p:
                    picked = (i, outcome, p, acc)
                acc += p
            if picked is None:
                if self.explain:
                    self.rolls.append(Roll(choice.label, 1 - min(acc, 1.0), r, NO_OUTCOME, cause))
                return
            i, outcome, p, lo = picked
            name = outcome.label or f"outcome {i + 1}"
            # The roll is read against the outcomes' bands in order, so say which band it hit
            # (only a report tells it: nothing that waits for a later turn keeps this detail).
            detail = (
                f"chance {p:.0%}: roll {r:.2f} fell in {lo:.2f}–{lo + p:.2f}"
                if self.explain
                else ""
            )
            ocause = Cause("outcome", f"{cid}#{i + 1}", name, detail, cause.agent)
            if self.explain:
                self.rolls.append(Roll(choice.label, p, r, name, ocause))
                if outcome.text:
                    self.news.append(News("Outcome", outcome.text, ocause))
            self.apply(outcome.effects, ocause, plans[id(outcome)])
            self.later(outcome.later, ocause)

    def later(self, items: tuple[Later, ...], cause: Cause) -> None:
        for item in items:
            when = self.turn + item.delay
            lcause = Cause("later", cause.id, cause.label, f"set on turn {self.turn}", cause.agent)
            if item.effects:
                text = item.text or cause.label
                self.schedule(
                    PendingLater(when, lcause, item.effects, None, text), text, item.hidden
                )
            if item.event is not None:
                title = self.pack.events_by_id[item.event].title
                pending = PendingLater(when, lcause, (), item.event, "", item.hidden, item.force)
                self.schedule(pending, item.text if not item.effects and item.text else title,
                              item.hidden)  # fmt: skip

    # -- the world's turn
    def advance(self) -> None:
        pack = self.pack
        # What was set for this turn lands at its end (events wait for the draw instead).
        if self.pending:
            due = [p for p in self.pending if p.turn <= self.turn and not _is_event(p)]
            if due:
                self.pending = [p for p in self.pending if p.turn > self.turn or _is_event(p)]
                for item in due:
                    self.land(item)
        self.turn += 1
        env = self.env
        env[pack.turn_slot] = float(self.turn)
        key = self.key
        budget = pack.budget
        if budget is not None:
            refill = float(
                budget.refill.fn(env) if budget.refill.const is None else budget.refill.const
            )
            if refill:
                self.set(budget.slot, env[budget.slot] + refill, self.t.refill)
        turn = self.turn
        explain = self.explain
        roll = rng.roll
        for name, moves in self.moves:
            for when, chance, effects, plan, stream, cause, news in moves:
                if when is not None and not when(env):
                    continue
                if chance is not None:
                    # as `self.chance`, inline: this loop is hot
                    p = chance if isinstance(chance, float) else float(chance(env))
                    if not p >= 1.0:  # NaN too, which counts as 0
                        r = roll(key, turn, stream)
                        if not p > 0 or r >= p:
                            continue  # not taken: the actor looks further down its list
                        if explain:
                            cause = cause._replace(detail=f"chance {p:.0%}, roll {r:.2f}")
                if plan is None or explain:
                    self.apply(effects, cause, plan)
                else:
                    plan(env)
                if explain and news:
                    self.news.append(News(name, news, cause))
                break
        for every, when, chance, effects, plan, stream, cause, news in self.rules:
            if (every != 1 and turn % every) or (when is not None and not when(env)):
                continue
            if chance is not None:
                p = chance if isinstance(chance, float) else float(chance(env))
                if not p >= 1.0:
                    r = roll(key, turn, stream)
                    if not p > 0 or r >= p:
                        continue
                    if explain:
                        cause = cause._replace(detail=f"chance {p:.0%}, roll {r:.2f}")
            if plan is None or explain:
                self.apply(effects, cause, plan)
            else:
                plan(env)
            if explain and news:
                self.news.append(News("World", news, cause))
        if pack.situations:
            self.update_situations()

    def land(self, p: Pending) -> None:
        if isinstance(p, PendingDelta):
            self.set(p.slot, self.env[p.slot] + p.delta, p.cause)
            if p.factor and abs(p.remaining * p.factor) >= DECAY_MIN_STEP:
                back = -p.remaining * (1 - p.factor)
                self.pend(
                    PendingDelta(
                        self.turn + 1, p.slot, back, p.cause, p.factor, p.remaining * p.factor
                    )
                )
            return
        self.apply(p.effects, p.cause)
        if self.explain and p.cause.kind == "later":
            self.arrived.append(p.text or p.cause.label)

    def update_situations(self) -> None:
        env = self.env
        plans = self.t.plans
        for s in self.pack.situations:
            active = env[s.slot]
            if not active and s.start.fn(env):
                self.set(s.slot, True, Cause("situation", s.id, s.label, "started"))
                if self.explain and s.news_start:
                    self.news.append(News("World", s.news_start, Cause("situation", s.id, s.label)))
            elif active and s.stop.fn(env):
                self.set(s.slot, False, Cause("situation", s.id, s.label, "stopped"))
                if self.explain and s.news_stop:
                    self.news.append(News("World", s.news_stop, Cause("situation", s.id, s.label)))
            if env[s.slot] and s.effects:
                plan = plans[id(s)]
                if plan is not None and not self.explain:  # no cause to build: none is told
                    plan(env)
                else:
                    self.apply(s.effects, Cause("situation", s.id, s.label, "active"), plan)

    # -- endings and the next event
    def check_endings(self) -> str | None:
        pack, env = self.pack, self.env
        esc = pack.escalation
        if esc is not None and env[esc.slot] >= esc.rungs[-1].at:
            return esc.ending
        last = self.turn > pack.meta.turns
        for ending in pack.endings if last else self.t.any_endings:
            if ending.when.fn(env):
                return ending.id
        return OPEN_ENDING.id if last else None

    def drawable(self, event: Event) -> bool:
        last = self.drawn.get(event.id)
        if last is not None and (event.once or self.turn - last <= event.cooldown):
            return False
        return self.any_open(event.id)

    def any_open(self, event_id: str) -> bool:
        """Whether a choice of the briefing is open to the role now (`is_open`, inlined: the
        draw asks it of every event in its window)."""
        key = (event_id, self.role)
        if key in self.t.always_open:
            return True
        env = self.env
        budget = self.pack.budget
        for when, cost in self.t.open_tests.get(key, ()):
            if when(env):
                if cost is None:
                    return True
                c = float(cost(env))
                if (c if c > 0 else 0.0) <= env[budget.slot] + AFFORD:  # type: ignore[union-attr]
                    return True
        return False

    def draw(self) -> Draw | None:
        """Put the next briefings on the desk (`event`, `agenda`) and, explained, say why (an
        unexplained game builds no `Draw`: the simulator plays hundreds of thousands)."""
        pack, env, role = self.pack, self.env, self.role
        explain = self.explain
        # An event scheduled for this turn comes first: history keeps its dates.
        scheduled = self.t.scheduled.get((role, self.turn)) if self.t.scheduled else None
        if scheduled is not None and self.drawable(scheduled) and scheduled.when.fn(env):
            self.take(scheduled)
            self.event = scheduled.id
            desk = self.draw_agenda(scheduled, self.open_events())
            if not explain:
                return None
            why = f"scheduled for {pack.date_of(self.turn).isoformat()} (turn {self.turn})"
            return Draw(scheduled.id, why, 1.0, agenda=desk)
        events = [p for p in self.pending if _is_event(p)] if self.pending else ()
        for p in events:
            if p.turn > self.turn:
                continue
            self.pending.remove(p)
            event = pack.events_by_id[p.event]  # type: ignore[index]  # _is_event: not None
            if role not in event.roles or not self.drawable(event):
                continue
            if p.force or event.when.fn(env):
                self.take(event)
                self.event = event.id
                shared = self.draw_agenda(event, self.open_events())
                if not explain:
                    return None
                why = f"set in motion by {p.cause.label} ({p.cause.detail})"
                return Draw(event.id, why, 1.0, agenda=shared, how="set", cause=p.cause)
        agenda = pack.agenda
        every_tier = agenda is not None and bool(agenda.when.fn(env))
        open_ = self.open_events(every_tier)
        tier = open_[0][0].priority if open_ else None
        # open_events gives the highest tier alone, but for an agenda (which takes every tier)
        found = [(e, w) for e, w in open_ if e.priority == tier] if every_tier else open_
        if not found:
            self.event = None
            if not explain:
                return None
            return Draw(None, "no event's conditions hold: a quiet turn", 1.0, how="quiet")
        total = found[0][1] if len(found) == 1 else sum(w for _, w in found)
        pick, weight = found[-1]
        if len(found) > 1:
            r = rng.roll(self.key, self.turn, _DRAW) * total
            acc = 0.0
            for event, w in found:
                acc += w
                if r < acc:
                    pick, weight = event, w
                    break
        self.take(pick)
        self.event = pick.id
        shared = self.draw_agenda(pick, open_) if agenda is not None else ()
        if not explain:
            return None
        share = weight / total
        how = "only" if len(found) == 1 else "drawn"
        if len(found) == 1:
            reason = f"the only event open in priority tier {tier}"
        else:
            reason = (
                f"drawn from {len(found)} open events in priority tier {tier}: "
                f"weight {weight:.3g} of {total:.3g} ({share:.0%})"
            )
        names = tuple(e.id for e, _ in found)
        return Draw(pick.id, reason, share, names, shared, how, tier, weight, total)

    def open_events(self, every_tier: bool = True) -> list[tuple[Event, float]]:
        """The events that can be drawn now, with their weights, highest priority first: of
        the highest tier that has any, or (for an agenda) of every tier."""
        env, drawn, turn = self.env, self.drawn, self.turn
        out: list[tuple[Event, float]] = []
        top = 0  # the priority of the first event found
        rows = self.world.draws.get(turn)  # `draw_rows` builds them on first use
        if rows is None:
            rows = draw_rows(self.pack, self.world, turn)
        for event, eid, once, cooldown, priority, when, tests, weight, weigh in rows:
            if out and not every_tier and priority < top:
                break
            last = drawn.get(eid)  # `drawable`'s cheap half first: all of it is pure
            if last is not None and (once or turn - last <= cooldown):
                continue
            if when is not None and not when(env):
                continue
            if tests is not None and not self.opens(tests):
                continue
            w = float(weigh(env)) if weight is None else weight
            if w > 0:
                if not out:
                    top = priority
                out.append((event, w if w < MAX_WEIGHT else MAX_WEIGHT))
        return out

    def opens(self, tests: tuple[tuple[Fn, Fn | None], ...]) -> bool:
        """Whether one of a briefing's choices is open now, by their conditions and costs."""
        env = self.env
        for when, cost in tests:
            if when(env):
                if cost is None:
                    return True
                c = float(cost(env))
                if (c if c > 0 else 0.0) <= env[self.pack.budget.slot] + AFFORD:  # type: ignore[union-attr]
                    return True
        return False

    def draw_agenda(self, first: Event, open_: list[tuple[Event, float]]) -> tuple[str, ...]:
        """Further briefings for the desk beside `first`, when the pack's agenda allows: only
        events the advisor may leave to a default, highest priority tier first."""
        agenda = self.pack.agenda
        defaultable = self.world.defaultable
        if agenda is None or first.id not in defaultable or not agenda.when.fn(self.env):
            return ()
        open_ = [(e, w) for e, w in open_ if e is not first and e.id in defaultable]
        picked: list[str] = []
        for stream in _AGENDA[: agenda.size - 1]:
            if not open_:
                break
            tier = open_[0][0].priority
            pool = [(e, w) for e, w in open_ if e.priority == tier]
            r = rng.roll(self.key, self.turn, stream) * sum([w for _, w in pool])
            pick = pool[-1][0]
            acc = 0.0
            for event, w in pool:
                acc += w
                if r < acc:
                    pick = event
                    break
            self.take(pick)
            picked.append(pick.id)
            open_ = [(e, w) for e, w in open_ if e is not pick]
        self.agenda = tuple(picked)
        return self.agenda

    def take(self, event: Event) -> None:
        if self.drawn is self.shared:  # a state's is never mutated: copy it first
            self.drawn = dict(self.drawn)
        self.drawn[event.id] = self.turn

    def finish(self) -> GameState:
        """The state the working copy has reached (which can play on: it shares nothing)."""
        self.shared = self.drawn
        s = self.state
        return GameState(
            s.role,
            s.seed,
            s.key,
            self.turn,
            tuple(self.env),
            self.event,
            self.drawn,
            tuple(self.pending),
            self.ending,
            self.agenda,
        )
