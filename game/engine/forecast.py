"""What the advisor's staff expects of an option before it is taken.

A forecast plays the option's own consequences — its cost, effects, chance outcomes and the
delayed consequences it announces — on a copy of the state, one branch per chance outcome,
and reports for each meter the role watches (those its objectives read, the escalation ladder)
the expected change and its range, the odds of the outcomes, and the expected change of the
role's objective score. It does not play the world's answer (actors, rules): that is what the
advisor must judge. Hidden consequences and hidden meters stay out of it, and so does whatever
would come after the game's last turn. Pure, like the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.expr.scope import Env, Value
from game.engine.pack import Choice, Effect, Later, Pack
from game.engine.report import NO_OUTCOME
from game.engine.resolve import cost_of, tables
from game.engine.scoring import objective_score
from game.engine.state import GameState, PendingDelta


@dataclass(frozen=True, slots=True)
class MeterForecast:
    variable: str
    label: str
    expected: float  # the expected change, over the outcomes
    low: float  # the smallest change of any outcome
    high: float  # the largest
    span: float  # the meter's range (max - min), to say how big a change is
    later: bool  # some of it arrives in later turns


@dataclass(frozen=True, slots=True)
class OutcomeForecast:
    label: str
    chance: float


@dataclass(frozen=True, slots=True)
class Forecast:
    cost: float
    meters: tuple[MeterForecast, ...]  # biggest expected change first
    outcomes: tuple[OutcomeForecast, ...]  # the chance outcomes, and "nothing more" if any
    objectives: float  # expected change of the role's objective score (0–100 scale)

    @property
    def known(self) -> bool:
        return bool(self.meters or self.outcomes or self.cost)


def watched(pack: Pack, role: str) -> tuple[str, ...]:
    """The meters a role's forecasts speak of: what its objectives read, then the ladder."""
    names: list[str] = []
    for o in pack.roles[role].objectives:
        names.extend(sorted(o.score.reads))
    if pack.escalation is not None:
        names.append(pack.escalation.variable)
    visible = {v.id for v in pack.variables if not v.hidden}
    return tuple(dict.fromkeys(n for n in names if n in visible))


class _Branch:
    """One branch of the option's own consequences, played on a copy of the values; `left` is
    how many turns the game has after this one (what would land later never does)."""

    def __init__(self, pack: Pack, env: list[Value], left: int) -> None:
        self.pack = pack
        self.t = tables(pack)
        self.env = env
        self.left = left
        self.later: set[int] = set()

    def copy(self) -> _Branch:
        b = _Branch(self.pack, list(self.env), self.left)
        b.later = set(self.later)
        return b

    def set(self, slot: int, value: Value) -> None:
        lo, hi = self.t.lo[slot], self.t.hi[slot]
        if lo is not None and hi is not None:
            value = min(max(float(value), lo), hi)
        self.env[slot] = value

    def apply(self, effects: tuple[Effect, ...], later: bool = False) -> None:
        env = self.env
        for eff in effects:
            if eff.when is not None and not eff.when.fn(env):
                continue
            slot = eff.stmt.target.slot
            if eff.mode == "lag" and eff.turns > self.left:
                continue
            value = eff.stmt.apply(env)
            if eff.mode == "smooth" and eff.turns - 1 > self.left:  # the steps the game has
                value = env[slot] + (float(value) - env[slot]) * (self.left + 1) / eff.turns
            self.set(slot, value)
            if later or eff.mode in ("lag", "smooth"):
                self.later.add(slot)

    def announced(self, items: tuple[Later, ...]) -> None:
        for item in items:
            if not item.hidden and item.delay <= self.left:
                self.apply(item.effects, later=True)


def _branches(
    pack: Pack, state: GameState, choice: Choice, cost: float
) -> list[tuple[float, _Branch]]:
    """One branch per chance outcome, and one for none, each with its odds."""
    start = list(state.values)
    base = _base(pack, start, choice, cost, pack.meta.turns - state.turn)
    branches: list[tuple[float, _Branch]] = []
    rest = 1.0
    for outcome in choice.outcomes:
        p = float(outcome.chance.fn(start))
        p = max(0.0, min(p, rest))
        rest -= p
        b = base.copy()
        b.apply(outcome.effects)
        b.announced(outcome.later)
        branches.append((p, b))
    if rest > 1e-9:
        branches.append((rest, base))
    return branches


def expected_gain(pack: Pack, state: GameState, choice: Choice) -> float:
    """What the forecast says of the role's objectives alone (`Forecast.objectives`)."""
    return expected_gains(pack, state, [choice])[0]


def expected_gains(pack: Pack, state: GameState, choices: list[Choice]) -> list[float]:
    """`expected_gain` of each choice, judging the state's own score once."""
    start = list(state.values)
    score = _seen_score(pack, state.role)
    before = score(start)
    out = []
    for choice in choices:
        cost = cost_of(choice, start) if pack.budget is not None else 0.0
        branches = _branches(pack, state, choice, cost)
        out.append(sum(p * (score(b.env) - before) for p, b in branches))
    return out


def forecast(pack: Pack, state: GameState, choice: Choice) -> Forecast:
    """The staff's forecast of `choice` for the state's role, on the state's values."""
    start = list(state.values)
    cost = cost_of(choice, start) if pack.budget is not None else 0.0
    branches = _branches(pack, state, choice, cost)
    outcomes = tuple(
        OutcomeForecast(o.label or f"outcome {i + 1}", p)
        for i, (o, (p, _)) in enumerate(zip(choice.outcomes, branches, strict=False))
    )
    if outcomes and len(branches) > len(outcomes):
        outcomes = (*outcomes, OutcomeForecast(NO_OUTCOME, branches[-1][0]))
    meters = []
    for name in watched(pack, state.role):
        slot = pack.scope.get(name).slot  # type: ignore[union-attr]
        deltas = [(p, float(b.env[slot]) - float(start[slot])) for p, b in branches]
        moved = [d for p, d in deltas if p > 0]
        if not any(abs(d) > 1e-9 for d in moved):
            continue
        v = pack.variable(name)
        meters.append(
            MeterForecast(
                name,
                v.label,
                sum(p * d for p, d in deltas),
                min(moved),
                max(moved),
                v.max - v.min,
                any(slot in b.later for _, b in branches),
            )
        )
    meters.sort(key=lambda m: -abs(m.expected) / (m.span or 1))
    return Forecast(cost, tuple(meters), outcomes, _gain(pack, state.role, start, branches))


def _gain(
    pack: Pack, role: str, start: list[Value], branches: list[tuple[float, _Branch]]
) -> float:
    """The expected change of the role's objective score, over the objectives the player can
    see: one that reads a hidden meter would give the hidden meter away."""
    score = _seen_score(pack, role)
    before = score(start)
    return sum(p * (score(b.env) - before) for p, b in branches)


def _seen_score(pack: Pack, role: str) -> Callable[[Env], float]:
    """The role's objective score over the objectives the player can see, built once per pack
    and role (kept on the pack, like the engine's tables)."""
    cache: dict[str, Callable[[Env], float]] = pack.__dict__.setdefault("_seen_scores", {})
    found = cache.get(role)
    if found is None:
        found = cache[role] = _seen_score_of(pack, role)
    return found


def _seen_score_of(pack: Pack, role: str) -> Callable[[Env], float]:
    hidden = {v.id for v in pack.variables if v.hidden}
    objectives = pack.roles[role].objectives
    seen = [o for o in objectives if not (o.score.reads & hidden)]
    if len(seen) == len(objectives):
        return lambda env: objective_score(pack, role, env)
    weight = sum(o.weight for o in seen)
    if not weight:
        return lambda env: 0.0

    def score(env: Env) -> float:
        total = 0.0
        for o in seen:
            v = float(o.score.fn(env))
            total += min(100.0, max(0.0, v)) * o.weight
        return total / weight

    return score


def _base(pack: Pack, start: list[Value], choice: Choice, cost: float, left: int) -> _Branch:
    b = _Branch(pack, list(start), left)
    if cost and pack.budget is not None:
        b.set(pack.budget.slot, b.env[pack.budget.slot] - cost)
    b.apply(choice.effects)
    b.announced(choice.later)
    return b


def in_motion(pack: Pack, state: GameState) -> list[Value]:
    """The state's values with every consequence already set in motion and announced applied:
    the steps of smooth and fading changes, and the delayed effects the advisor was told of."""
    b = _Branch(pack, list(state.values), pack.meta.turns - state.turn)
    for p in state.pending:
        if p.turn > pack.meta.turns:
            continue  # it would come after the last turn
        if isinstance(p, PendingDelta):
            b.set(p.slot, b.env[p.slot] + p.delta)
        elif not p.hidden:
            b.apply(p.effects)
    return b.env
