"""Turn resolution: the rules engine proper.

A turn goes: the chosen option's effects, its chance outcome and its delayed consequences; then
the world moves to the next turn: what was scheduled for it lands, each actor takes its first move
that holds, the rules run in order, situations start or stop; then the endings are checked and the
next event is drawn. Everything is a pure function of (pack, state, choice).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine import rng
from game.engine.pack import Choice, Effect, Ending, Event, Later, Pack
from game.engine.report import Cause, Change, Draw, News, Roll, Scheduled, TurnReport
from game.engine.state import GameState, Pending, PendingDelta, PendingLater

QUIET = "continue"  # the one option of a turn with no event
OPEN_ENDING = Ending(
    id="open",
    title="The story goes on",
    when=None,  # type: ignore[arg-type]
    priority=-(10**9),
    at="end",
    text="Time ran out before the crisis settled into any of the futures this pack describes.",
    epilogue={},
    reality=None,
)

_DRAW = rng.stream("draw")
_CHOICE = rng.stream("choice")


def _is_event(p: Pending) -> bool:
    return isinstance(p, PendingLater) and p.event is not None


class ChoiceError(ValueError):
    """The choice is not one the player can make now."""


@dataclass(slots=True)
class _Tables:
    """Per-pack lookups built once: bounds and labels of every slot, streams of rules."""

    lo: list[float | None]
    hi: list[float | None]
    names: list[str]
    labels: list[str]
    rules: list[tuple[int, Cause]]  # per rule: its roll stream and its cause
    moves: dict[tuple[str, str], tuple[int, Cause]]  # per (actor, move): the same
    candidates: dict[tuple[str, int], tuple[Event, ...]]
    any_endings: tuple[Ending, ...]
    choices: dict[tuple[str, str], tuple[Choice, ...]]  # (event id, role) -> the role's choices
    always_open: frozenset[
        tuple[str, str]
    ]  # (event id, role) with a choice open whatever the state


def tables(pack: Pack) -> _Tables:
    """The pack's lookup tables, built on first use and kept on the pack."""
    t = pack.__dict__.get("_tables")
    if t is None:
        n = pack.n_slots
        lo: list[float | None] = [None] * n
        hi: list[float | None] = [None] * n
        names = [""] * n
        labels = [""] * n
        for v in pack.variables:
            lo[v.slot], hi[v.slot], names[v.slot], labels[v.slot] = v.min, v.max, v.id, v.label
        for f in pack.flags:
            names[f.slot], labels[f.slot] = f"flags.{f.id}", f.label
        for s in pack.situations:
            names[s.slot], labels[s.slot] = f"situation.{s.id}", s.label
        t = _Tables(
            lo,
            hi,
            names,
            labels,
            [(rng.stream("rule:" + r.id), Cause("rule", r.id, r.label)) for r in pack.rules],
            {
                (a.id, m.id): (
                    rng.stream(f"move:{a.id}:{m.id}"),
                    Cause("actor", f"{a.id}/{m.id}", f"{a.name}: {m.label}"),
                )
                for a in pack.actors
                for m in a.moves
            },
            {},
            tuple(e for e in pack.endings if e.at == "any"),
            {(e.id, r): e.choices_for(r) for e in pack.events for r in e.roles},
            frozenset(
                (e.id, r)
                for e in pack.events
                for r in e.roles
                if any(c.when.const is True for c in e.choices_for(r))
            ),
        )
        object.__setattr__(pack, "_tables", t)
    return t


def candidates(pack: Pack, role: str, turn: int) -> tuple[Event, ...]:
    """Events this role could see at this turn by window alone, highest priority first."""
    t = tables(pack)
    found = t.candidates.get((role, turn))
    if found is None:
        found = tuple(
            sorted(
                (e for e in pack.events if role in e.roles and e.turn_min <= turn <= e.turn_max),
                key=lambda e: -e.priority,
            )
        )
        t.candidates[(role, turn)] = found
    return found


def initial_state(
    pack: Pack, role: str, seed: str, assumptions: dict[str, bool | float] | None = None
) -> GameState:
    """The state at turn 1, with the first event on the desk."""
    return opening(pack, role, seed, assumptions)[0]


def opening(
    pack: Pack, role: str, seed: str, assumptions: dict[str, bool | float] | None = None
) -> tuple[GameState, Draw]:
    """The state at turn 1 and why its event was drawn."""
    if role not in pack.roles:
        raise ChoiceError(f"unknown role {role!r}; roles: {', '.join(pack.roles)}")
    values: list = [None] * pack.n_slots
    for v in pack.variables:
        values[v.slot] = float(v.start)
    for f in pack.flags:
        values[f.slot] = f.start
    for a in pack.assumptions:
        given = (assumptions or {}).get(a.id, a.default)
        values[a.slot] = float(given) if isinstance(a.default, float) else bool(given)
    for s in pack.situations:
        values[s.slot] = False
    values[pack.turn_slot] = 1.0
    values[pack.role_slot] = role
    state = GameState(role, seed, rng.seed_key(seed), 1, tuple(values), None, {})
    ctx = _Turn(pack, state, explain=True)
    ctx.update_situations()
    draw = ctx.draw()
    return ctx.finish(draw), draw


def open_choices(pack: Pack, state: GameState) -> list[tuple[Choice, bool]]:
    """The options of the event on the desk for the state's role, each with whether it is open."""
    if state.event is None:
        return []
    env = list(state.values)
    return [
        (c, bool(c.when.fn(env))) for c in pack.events_by_id[state.event].choices_for(state.role)
    ]


def resolve(
    pack: Pack, state: GameState, choice_id: str, explain: bool = True
) -> tuple[GameState, TurnReport | None]:
    """Apply a decision and move the world one turn on."""
    if state.ending is not None:
        raise ChoiceError("the game is over")
    ctx = _Turn(pack, state, explain)
    if state.event is None:
        if choice_id != QUIET:
            raise ChoiceError(f"nothing to decide this turn; the only option is {QUIET!r}")
    else:
        event = pack.events_by_id[state.event]
        choice = next((c for c in event.choices if c.id == choice_id), None)
        if choice is None or state.role not in choice.roles:
            raise ChoiceError(f"{choice_id!r} is not an option of {event.id!r} for {state.role!r}")
        if not choice.when.fn(ctx.env):
            raise ChoiceError(f"{choice_id!r} is closed now")
        ctx.decide(event, choice)
    ctx.advance()
    ending = ctx.check_endings()
    draw = None if ending else ctx.draw()
    new_state = ctx.finish(draw, ending)
    if not explain:
        return new_state, None
    report = TurnReport(
        turn=state.turn,
        event=state.event,
        choice=choice_id,
        changes=tuple(ctx.changes),
        rolls=tuple(ctx.rolls),
        news=tuple(ctx.news),
        scheduled=tuple(ctx.scheduled),
        arrived=tuple(ctx.arrived),
        draw=draw,
        ending=ending,
    )
    return new_state, report


class _Turn:
    """The mutable working copy of one turn's resolution."""

    def __init__(self, pack: Pack, state: GameState, explain: bool) -> None:
        self.pack = pack
        self.state = state
        self.t = t = tables(pack)
        self.lo, self.hi = t.lo, t.hi
        self.env = list(state.values)
        self.turn = state.turn
        self.explain = explain
        self.pending: list[Pending] = list(state.pending)
        self.drawn = state.drawn
        self.changes: list[Change] = []
        self.rolls: list[Roll] = []
        self.news: list[News] = []
        self.scheduled: list[Scheduled] = []
        self.arrived: list[str] = []

    # -- values
    def set(self, slot: int, value: object, cause: Cause) -> None:
        env = self.env
        before = env[slot]
        lo = self.lo[slot]
        clamped = False
        if lo is not None:
            hi = self.hi[slot]
            value = float(value)  # type: ignore[arg-type]
            if not math.isfinite(value):
                value = before
            if value < lo:
                value, clamped = lo, True
            elif value > hi:  # type: ignore[operator]
                value, clamped = hi, True
        if value == before and type(value) is type(before):
            return
        env[slot] = value
        if self.explain:
            self.changes.append(
                Change(self.t.names[slot], self.t.labels[slot], before, value, cause, clamped)
            )

    def apply(self, effects: tuple[Effect, ...], cause: Cause) -> None:
        env = self.env
        for eff in effects:
            if eff.when is not None and not eff.when.fn(env):
                continue
            stmt = eff.stmt
            slot = stmt.target.slot
            if eff.mode == "immediate":
                self.set(slot, stmt.apply(env), cause)
            elif eff.mode == "lag":
                now = Effect(stmt, "immediate", 1, 0.5, None)
                lag = Cause(
                    "lag", cause.id, cause.label, f"{eff.turns} turn(s) after turn {self.turn}"
                )
                self.schedule(PendingLater(self.turn + eff.turns, lag, (now,)), stmt.src, False)
            elif eff.mode == "smooth":
                delta = float(stmt.apply(env)) - env[slot]
                step = delta / eff.turns
                smooth = Cause(
                    "smooth", cause.id, cause.label, f"{stmt.src}, over {eff.turns} turns"
                )
                self.set(slot, env[slot] + step, smooth)
                for k in range(1, eff.turns):
                    self.pending.append(PendingDelta(self.turn + k, slot, step, smooth))
            else:  # decay
                before = env[slot]
                decay = Cause("decay", cause.id, cause.label, f"{stmt.src}, fading ×{eff.factor}")
                self.set(slot, stmt.apply(env), decay)
                shock = env[slot] - before
                if abs(shock * eff.factor) >= 0.5:
                    back = -shock * (1 - eff.factor)
                    self.pending.append(
                        PendingDelta(
                            self.turn + 1, slot, back, decay, eff.factor, shock * eff.factor
                        )
                    )

    def schedule(self, item: PendingLater, text: str, hidden: bool) -> None:
        self.pending.append(item)
        if self.explain:
            self.scheduled.append(Scheduled(item.turn, text, hidden, item.cause))

    def chance(self, value: object) -> float:
        p = float(value)  # type: ignore[arg-type]
        return 0.0 if not p > 0 else 1.0 if p > 1 else p

    # -- the decision
    def decide(self, event: Event, choice: Choice) -> None:
        cid = f"{event.id}/{choice.id}"
        cause = Cause("choice", cid, choice.label)
        self.apply(choice.effects, cause)
        self.later(choice.later, cause)
        if choice.outcomes:
            r = rng.roll(self.state.key, self.turn, _CHOICE)
            acc = 0.0
            picked = None
            for i, outcome in enumerate(choice.outcomes):
                p = self.chance(outcome.chance.fn(self.env))
                if picked is None and r < acc + p:
                    picked = (i, outcome, p, acc)
                acc += p
            if picked is None:
                if self.explain:
                    self.rolls.append(Roll(choice.label, 1 - min(acc, 1.0), r, "no outcome", cause))
                return
            i, outcome, p, lo = picked
            name = outcome.label or f"outcome {i + 1}"
            # The roll is read against the outcomes' bands in order, so say which band it hit.
            detail = f"chance {p:.0%}: roll {r:.2f} fell in {lo:.2f}–{lo + p:.2f}"
            ocause = Cause("outcome", f"{cid}#{i + 1}", name, detail)
            if self.explain:
                self.rolls.append(Roll(choice.label, p, r, name, ocause))
                if outcome.text:
                    self.news.append(News("Outcome", outcome.text, ocause))
            self.apply(outcome.effects, ocause)
            self.later(outcome.later, ocause)

    def later(self, items: tuple[Later, ...], cause: Cause) -> None:
        for item in items:
            when = self.turn + item.delay
            lcause = Cause("later", cause.id, cause.label, f"set on turn {self.turn}")
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
                for p in due:
                    self.land(p)
        self.turn += 1
        env = self.env
        env[pack.turn_slot] = float(self.turn)
        key = self.state.key
        t = self.t
        for actor in pack.actors:
            for move in actor.moves:
                if not move.when.fn(env):
                    continue
                stream, cause = t.moves[(actor.id, move.id)]
                p = self.chance(move.chance.fn(env))
                if p < 1.0:
                    r = rng.roll(key, self.turn, stream)
                    if r >= p:
                        continue  # not taken: the actor looks further down its list
                    if self.explain:
                        cause = cause._replace(detail=f"chance {p:.0%}, roll {r:.2f}")
                self.apply(move.effects, cause)
                if self.explain and move.news:
                    self.news.append(News(actor.name, move.news, cause))
                break
        for rule, (stream, cause) in zip(pack.rules, t.rules, strict=True):
            if self.turn % rule.every or not rule.when.fn(env):
                continue
            p = self.chance(rule.chance.fn(env))
            if p < 1.0:
                r = rng.roll(key, self.turn, stream)
                if r >= p:
                    continue
                if self.explain:
                    cause = cause._replace(detail=f"chance {p:.0%}, roll {r:.2f}")
            self.apply(rule.effects, cause)
            if self.explain and rule.news:
                self.news.append(News("World", rule.news, cause))
        self.update_situations()

    def land(self, p: Pending) -> None:
        if isinstance(p, PendingDelta):
            self.set(p.slot, self.env[p.slot] + p.delta, p.cause)
            if p.factor and abs(p.remaining * p.factor) >= 0.5:
                back = -p.remaining * (1 - p.factor)
                self.pending.append(
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
                self.apply(s.effects, Cause("situation", s.id, s.label, "active"))

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
        key = (event.id, self.state.role)
        if key in self.t.always_open:
            return True
        env = self.env
        return any(c.when.fn(env) for c in self.t.choices.get(key, ()))

    def draw(self) -> Draw:
        pack, env, role = self.pack, self.env, self.state.role
        events = [p for p in self.pending if _is_event(p)] if self.pending else ()
        for p in events:
            if p.turn > self.turn:
                continue
            self.pending.remove(p)
            event = pack.events_by_id[p.event]  # type: ignore[index]
            if role not in event.roles or not self.drawable(event):
                continue
            if p.force or event.when.fn(env):
                self.take(event)
                return Draw(event.id, f"set in motion by {p.cause.label} ({p.cause.detail})", 1.0)
        tier: int | None = None
        found: list[tuple[Event, float]] = []
        for event in candidates(pack, role, self.turn):
            if tier is not None and event.priority < tier:
                break
            if not event.when.fn(env) or not self.drawable(event):
                continue
            w = float(event.weight.fn(env))
            if not w > 0:
                continue
            tier = event.priority
            found.append((event, w))
        if not found:
            return Draw(None, "no event's conditions hold: a quiet turn", 1.0)
        total = sum(w for _, w in found)
        pick, weight = found[-1]
        if len(found) > 1:
            r = rng.roll(self.state.key, self.turn, _DRAW) * total
            acc = 0.0
            for event, w in found:
                acc += w
                if r < acc:
                    pick, weight = event, w
                    break
        self.take(pick)
        p = weight / total
        if len(found) == 1:
            reason = f"the only event open in priority tier {tier}"
        else:
            reason = (
                f"drawn from {len(found)} open events in priority tier {tier}: "
                f"weight {weight:.3g} of {total:.3g} ({p:.0%})"
            )
        names = tuple(e.id for e, _ in found) if self.explain else ()
        return Draw(pick.id, reason, p, names)

    def take(self, event: Event) -> None:
        self.drawn = {**self.drawn, event.id: self.turn}

    def finish(self, draw: Draw | None, ending: str | None = None) -> GameState:
        s = self.state
        event = None if draw is None else draw.event
        return GameState(
            s.role,
            s.seed,
            s.key,
            self.turn,
            tuple(self.env),
            event,
            self.drawn,
            tuple(self.pending),
            ending,
        )
