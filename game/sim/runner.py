"""Many headless games over the engine, optionally across processes.

Game *i* of a run plays with seed ``f"{seed}-{i}"`` (the engine's dice and the strategy's own
generator both come from it), so a game is the same whichever process plays it. Games are cut into
chunks that depend only on the number of runs, each chunk is tallied on its own, and the parent
merges the tallies in chunk order: the result does not depend on ``jobs``.

Pure: no rich, no printing. Progress goes to a callback.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from pathlib import Path

from game.engine import rng
from game.engine.expr.scope import Env
from game.engine.forecast import expected_gains, in_motion
from game.engine.pack import RESULT_VALUES, Choice, Event, Pack, Variable
from game.engine.resolve import AFFORD, ending_now, resolve, resume, start
from game.engine.scoring import result_of
from game.engine.state import GameState
from game.sim.stats import (
    Binning,
    Tally,
    add_packed,
    binning,
    pack_counts,
    sample_stride,
    sampled_turns,
    unpack_counts,
)
from game.sim.strategies import CHOOSERS, NEEDS_LOOKAHEAD, TIE, Option

SHORTLIST = 3  # the options the objective strategy plays through, by their forecast
JUDGE_DICE = 1  # unseen dice the objective strategy judges on (more did not judge better)

MAX_CHUNK = 250
TARGET_CHUNKS = 64


@dataclass(frozen=True)
class SimConfig:
    role: str
    runs: int = 1000
    seed: str = "sim"
    strategy: str = "random"
    jobs: int = 1
    # Games 0 … lookahead-1 also resolve every open option one step ahead on the game's own
    # dice, to find options that are never better than a sibling on the role's objectives.
    lookahead: int = 100
    # Record the meters' histograms (the report's charts); the leverage report needs none.
    meters: bool = True


@dataclass(frozen=True)
class Layout:
    """How the pack's role maps onto the tally's counters."""

    events: tuple[Event, ...]  # the events the role can see, in pack order
    choices: tuple[tuple[Event, Choice], ...]  # their choices for the role
    meters: tuple[Variable, ...]
    binnings: tuple[Binning, ...]
    samples: tuple[int, ...]  # turns at whose start meters are recorded

    @classmethod
    def of(cls, pack: Pack, role: str) -> Layout:
        events = tuple(e for e in pack.events if role in e.roles)
        choices = tuple((e, c) for e in events for c in e.choices if role in c.roles)
        meters = tuple(pack.variables)
        return cls(
            events,
            choices,
            meters,
            tuple(binning(v.min, v.max) for v in meters),
            tuple(sampled_turns(pack.meta.turns)),
        )

    def tally(
        self, max_turns: int, meters: list[int] | None = None, recorded: bool = True
    ) -> Tally:
        """An empty tally. Its meters' histograms count into the list `meters` when given (a
        process's total), and are not recorded unless `recorded`."""
        bins = max((b.bins for b in self.binnings), default=1)
        return Tally(
            len(self.events),
            len(self.choices),
            len(self.meters),
            len(self.samples) if recorded else 0,
            bins,
            max_turns,
            meters=meters if meters is not None else [],
        )


def chunks(runs: int) -> list[tuple[int, int]]:
    """Game index ranges; they depend only on `runs`, never on the number of processes."""
    size = max(1, min(MAX_CHUNK, math.ceil(runs / TARGET_CHUNKS)))
    return [(start, min(runs, start + size)) for start in range(0, runs, size)]


def decision_of(option: Option, state: GameState) -> str:
    """The decision that takes an open option of a briefing on the state's desk."""
    return option.id if option.event == state.event else f"{option.event}/{option.id}"


class Player:
    """Plays games of one pack for one role with one strategy, and tallies them."""

    def __init__(self, pack: Pack, config: SimConfig) -> None:
        if config.role not in pack.roles:
            raise ValueError(f"unknown role {config.role!r}")
        if config.strategy not in CHOOSERS:
            raise ValueError(f"unknown strategy {config.strategy!r}")
        self.pack = pack
        self.config = config
        self.layout = Layout.of(pack, config.role)
        index = {id(c): k for k, (_, c) in enumerate(self.layout.choices)}
        self.options: dict[str, tuple[Option, ...]] = {
            e.id: tuple(
                Option(
                    index[id(c)],
                    None if c.when.const is True else c.when.fn,
                    c.id,
                    frozenset(c.tags),
                    c,
                    e.id,
                    c.cost.fn if c.cost is not None and pack.budget is not None else None,
                )
                for c in e.choices
                if config.role in c.roles
            )
            for e in self.layout.events
        }
        # the briefings whose options are all open whatever the state
        self.free = frozenset(
            e
            for e, opts in self.options.items()
            if all(o.when is None and o.cost is None for o in opts)
        )
        self.event_index = {e.id: k for k, e in enumerate(self.layout.events)}
        self.objectives = [(o.score.fn, o.weight) for o in pack.roles[config.role].objectives]
        self.weight = sum(w for _, w in self.objectives)
        slots = {v.id: v.slot for v in pack.variables}
        self.meter_cells = [
            (slots[v.id], b.lo, 1.0 / b.step, b.bins)
            for v, b in zip(self.layout.meters, self.layout.binnings, strict=True)
        ]
        self.stride = sample_stride(pack.meta.turns)
        self.choose = CHOOSERS[config.strategy]
        self.judge = config.strategy if config.strategy in NEEDS_LOOKAHEAD else None
        self.budget_slot = pack.budget.slot if pack.budget is not None else -1
        # What each ending's result is worth to the role, looked up once (`blend`).
        self.result_values: dict[str | None, float] = {
            e.id: RESULT_VALUES[result_of(pack, config.role, e.id) or "draw"] for e in pack.endings
        }
        # scored by its result alone (game.engine.scoring.result_weight)
        self.catastrophe = pack.escalation.ending if pack.escalation is not None else None

    def open_options(self, values: Env, desk: tuple[str, ...]) -> Sequence[Option]:
        """Every open option of every briefing on the desk."""
        if len(desk) == 1 and desk[0] in self.free:
            return self.options[desk[0]]
        out = []
        for event in desk:
            for o in self.options[event]:
                if o.when is not None and not o.when(values):
                    continue
                if o.cost is not None:  # `affordable`, inlined: this runs for every option
                    c = float(o.cost(values))
                    if not (c if c > 0 else 0.0) <= values[self.budget_slot] + AFFORD:
                        continue
                out.append(o)
        return out

    def final(self, state: GameState) -> float:
        """The final score of an ended game (objectives blended with the result)."""
        return self.blend(state.values, state.ending)

    def blend(self, values: Env, ending: str | None) -> float:
        score = self.score(values)
        w = self.pack.result_weight if ending != self.catastrophe else 1.0
        if not w:
            return score
        value = self.result_values.get(ending)
        if value is None:
            value = RESULT_VALUES[result_of(self.pack, self.config.role, ending) or "draw"]
        return (1 - w) * score + w * value

    def judged(self, state: GameState, open_: Sequence[Option]) -> list[float]:
        """A fair strategy's score of each open decision (it never sees this turn's dice)."""
        pack = self.pack
        if self.judge == "forecast":
            return expected_gains(pack, state, [o.choice for o in open_])
        keys = [rng.variant(state.key, k) for k in range(JUDGE_DICE)]
        shortlist: Sequence[int] = range(len(open_))
        if len(open_) > SHORTLIST:  # the staff's forecast shortlists what is worth thinking through
            gains = expected_gains(pack, state, [o.choice for o in open_])
            shortlist = sorted(range(len(open_)), key=lambda k: -gains[k])[:SHORTLIST]
        out = [-1e9] * len(open_)
        for k in shortlist:
            decision = decision_of(open_[k], state)
            total = 0.0
            for key in keys:
                after = resolve(pack, state._replace(key=key), decision, False, draw=False)[0]
                if after.ending is not None:
                    total += self.final(after)
                else:  # the score if the game ended with what is already in motion
                    values = in_motion(pack, after)
                    total += self.blend(values, ending_now(pack, values))
            out[k] = total / len(keys)
        return out

    def empty(self, meters: list[int] | None = None) -> Tally:
        """An empty tally (whose meters count into `meters` when given)."""
        return self.layout.tally(self.pack.meta.turns, meters, self.config.meters)

    def score(self, values: Env) -> float:
        """The role's weighted objective score, as `game.engine.scoring.Scorecard.total`."""
        if not self.weight:
            return 0.0
        total = 0.0
        for fn, w in self.objectives:
            v = float(fn(values))
            total += (0.0 if v < 0.0 else 100.0 if v > 100.0 else v) * w
        return total / self.weight

    def chunk(self, start: int, stop: int, meters: list[int] | None = None) -> Tally:
        """Tally games `start` … `stop` - 1; their meter histograms count into `meters` when
        given (a process's total: whole counts add up alike in any order, and merging a chunk's
        histograms cell by cell was a twentieth of a run of long games)."""
        tally = self.empty(meters)
        for i in range(start, stop):
            self.play(i, tally)
        return tally

    def play(self, i: int, tally: Tally) -> GameState:
        """Play game `i` on one working copy (`game.engine.resolve.start`): a state is built
        only where a lookahead or a judging strategy resolves options from it."""
        pack = self.pack
        seed = f"{self.config.seed}-{i}"
        rnd = random.Random(seed)
        look = i < self.config.lookahead
        choose = self.choose
        opened, taken, draws = tally.opened, tally.taken, tally.event_draws
        event_index = self.event_index
        meters, cells, stride = tally.meters, self.meter_cells, self.stride
        row = len(cells) * tally.bins
        bins = tally.bins
        decisions = 0
        sample = self.config.meters
        game = start(pack, self.config.role, seed)
        values = game.env  # the working copy's values: they change as the game goes on
        while True:
            turn = game.turn
            if sample and not (turn - 1) % stride:
                base = (turn - 1) // stride * row
                for slot, lo, inv, nb in cells:
                    b = int((values[slot] - lo) * inv + 0.5)
                    meters[base + (b if b < nb else nb - 1)] += 1
                    base += bins
            if game.ending is not None:
                break
            decisions += 1
            event = game.event
            if event is None:
                game.step(None, None)
                continue
            desk = game.desk
            for e in desk:
                draws[event_index[e]] += 1
            open_ = self.open_options(values, desk)
            for o in open_:
                opened[o.index] += 1
            if not open_:  # pragma: no cover - the engine only draws events with an open option
                raise RuntimeError(f"event {event!r} is on the desk with no open option")
            scores = None
            if look or self.judge:
                state = game.finish()
                if look:  # one step ahead on the game's own dice: which options beat their siblings
                    self.duel(tally, open_, [self.ahead(state, o) for o in open_])
                if self.judge:
                    scores = self.judged(state, open_)
            k = choose(open_, rnd, scores)
            picked = open_[k]
            taken[picked.index] += 1
            game.step(picked.event, picked.choice)
        state = game.finish()
        self.finish(tally, state, decisions)
        return state

    def ahead(self, state: GameState, option: Option) -> float:
        """The role's score one turn after taking `option` (on a working copy: `resolve` with
        `draw=False` would reach the same values, checking the decision and building a state)."""
        probe = resume(self.pack, state)
        probe.step(option.event, option.choice, draw=False)
        return self.score(probe.env)

    def duel(self, tally: Tally, open_: Sequence[Option], scores: list[float]) -> None:
        tally.lookahead_decisions += 1
        duels = tally.duels
        for a, sa in zip(open_, scores, strict=True):
            for b, sb in zip(open_, scores, strict=True):
                if a is b:
                    continue
                d = duels.get((a.index, b.index))
                if d is None:
                    d = duels[(a.index, b.index)] = [0, 0, 0]
                d[0] += 1
                if sa > sb + TIE:
                    d[1] += 1
                elif sa < sb - TIE:
                    d[2] += 1

    def finish(self, tally: Tally, state: GameState, decisions: int) -> None:
        tally.games += 1
        tally.decisions += decisions
        ending = state.ending or "open"
        score = self.final(state)
        tally.endings[ending] = tally.endings.get(ending, 0) + 1
        tally.ending_length[ending] = tally.ending_length.get(ending, 0) + decisions
        tally.ending_score[ending] = tally.ending_score.get(ending, 0.0) + score
        tally.score_sum += score
        tally.score_sq += score * score
        tally.length[min(decisions, len(tally.length) - 1)] += 1
        for eid in state.drawn:
            k = self.event_index.get(eid)
            if k is not None:
                tally.event_games[k] += 1
        if not self.config.meters:
            return
        base = 0
        values = state.values
        for slot, lo, inv, nb in self.meter_cells:
            b = int((values[slot] - lo) * inv + 0.5)
            tally.final[base + (b if b < nb else nb - 1)] += 1
            base += tally.bins


@dataclass
class SimResult:
    config: SimConfig
    layout: Layout
    tally: Tally
    elapsed: float  # seconds of play, without loading the pack
    jobs: int = 1
    extra: dict = field(default_factory=dict)


# -- processes ---------------------------------------------------------------------------------

_PLAYER: Player | None = None


def _init_worker(pack_path: str, config: SimConfig) -> None:  # pragma: no cover - spawn only
    global _PLAYER
    from game.content.packs import for_play

    pack = for_play(pack_path).pack
    if pack is None:
        raise RuntimeError(f"the pack at {pack_path} does not load")
    _PLAYER = Player(pack, config)


def _run_chunk(bounds: tuple[int, int]) -> tuple[Tally, bytes]:
    """A worker's chunk: its tally, whose meter histograms travel packed (`pack_counts`)."""
    assert _PLAYER is not None
    tally = _PLAYER.chunk(*bounds)
    meters, tally.meters = tally.meters, []
    return tally, pack_counts(meters)


class Simulation:
    """A run of games: `with Simulation(...) as sim: result = sim.run(progress)`.

    Worker processes (``jobs`` > 1) start on entering the context, before any progress display
    starts its thread: forking a process that runs threads is asking for trouble.
    """

    def __init__(self, pack: Pack, config: SimConfig, pack_path: str | Path | None = None):
        if config.runs < 1:
            raise ValueError("runs must be at least 1")
        if config.jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.player = Player(pack, config)
        self.config = config
        self.pack_path = str(pack_path) if pack_path is not None else None
        self.chunks = chunks(config.runs)
        self.jobs = min(config.jobs, len(self.chunks))
        self.pool: Pool | None = None

    def __enter__(self) -> Simulation:
        global _PLAYER
        if self.jobs > 1:
            if "fork" in mp.get_all_start_methods():
                _PLAYER = self.player  # inherited by the forked workers
                self.pool = mp.get_context("fork").Pool(self.jobs)
            else:  # pragma: no cover - platforms without fork
                if self.pack_path is None:
                    raise ValueError("several jobs without fork need the pack's path")
                self.pool = mp.get_context("spawn").Pool(
                    self.jobs, _init_worker, (self.pack_path, self.config)
                )
        return self

    def __exit__(self, *exc: object) -> None:
        global _PLAYER
        if self.pool is not None:
            self.pool.terminate() if exc[0] is not None else self.pool.close()
            self.pool.join()
            self.pool = None
        _PLAYER = None

    def run(self, progress: Callable[[int], None] | None = None) -> SimResult:
        """Play every game; `progress(games_done)` is called after each chunk."""
        total = self.player.empty()
        start = time.perf_counter()
        done = 0
        meters = 0  # the workers' packed meter histograms, added up
        parts = (
            self.pool.imap(_run_chunk, self.chunks)
            if self.pool is not None
            else ((self.player.chunk(*c, total.meters), b"") for c in self.chunks)
        )
        for (a, b), (part, packed) in zip(self.chunks, parts, strict=True):
            meters = add_packed(meters, packed)
            part.meters = total.meters  # counted into it, or packed: `merge` leaves it be
            total.merge(part)
            done += b - a
            if progress is not None:
                progress(done)
        if meters:
            total.meters[:] = unpack_counts(meters, len(total.meters))
        elapsed = time.perf_counter() - start
        return SimResult(self.config, self.player.layout, total, elapsed, self.jobs)


def simulate(
    pack: Pack,
    config: SimConfig,
    pack_path: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> SimResult:
    with Simulation(pack, config, pack_path) as sim:
        return sim.run(progress)
