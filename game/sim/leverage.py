"""How much the decisions of a pack matter, per role: the decision-leverage report.

Two kinds of evidence, both on the engine's own dice (common random numbers):

- **Strategies.** Each strategy of ``game.sim.strategies`` plays ``runs`` games; the report
  gives each one's mean final score and its distance from random play in standard deviations of
  random play's scores, and the endings each reaches.
- **Probes.** ``probes`` games are played at random, and at about a third of their decisions
  with more than one open option (chosen at random) each option is taken in turn and the game
  played out to its end, every branch answering later decisions with the same random stream.
  The *spread* of a decision is the best branch's final score minus the worst; a decision is
  *cosmetic* when its spread is under 2 points; a *changed decision* compares each alternative
  with the option actually taken; an option is *dominant* when it is the best of its briefing in
  90% or more of the probed states where it is open.

Pure: no printing. ``game.sim.leverage_view`` draws the report as tables and as HTML.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from game.engine.pack import Pack
from game.engine.resolve import OPEN_ENDING, QUIET, initial_state, resolve, resume
from game.engine.state import GameState
from game.sim.runner import Player, SimConfig, chunks, decision_of
from game.sim.stats import Tally
from game.sim.strategies import FAIR, STRATEGIES

FORMAT = 1
COSMETIC = 2.0  # points of the final score: a decision whose spread is smaller is cosmetic
MOVED = 5.0  # a changed decision that moves the final score more than this "moves" it
DOMINANT = 0.9  # best in this share of the states where it is open
MIN_STATES = 10  # probed states an event needs before it is judged
MIN_ENDING_GAMES = 20  # games an ending's mean score needs before it is held against another's
TIE = 1e-6
PROBED = 0.3  # the share of a probe game's decisions that are branched
COST = {"objective": 0, "probe": 1, "forecast": 2}
# What a strategic pack aims for (docs/authoring.md): the best fair strategy this many SD above
# random play, at most this share of cosmetic decisions, at least this share of changed decisions
# that move the score, at most this share of events with a dominant option.
TARGETS = {
    "best_fair": 3.0,
    "cosmetic": 0.20,
    "moved": 0.25,
    "dominant": 0.15,
}  # the order tasks are handed out in


@dataclass(frozen=True)
class LeverageConfig:
    role: str
    runs: int = 2000  # games per strategy
    probes: int = 120  # random games of which a share of the decisions is branched
    seed: str = "leverage"
    jobs: int = 1


class Prober:
    """Plays probe games of one role and branches their decisions."""

    def __init__(self, pack: Pack, role: str, seed: str) -> None:
        self.pack = pack
        self.role = role
        self.seed = seed
        self.player = Player(pack, SimConfig(role, 1, seed, "random", 1, 0, meters=False))

    def decisions(self, state: GameState) -> list[str]:
        """`game.engine.resolve.decisions`, from the player's tables of the role's options."""
        if state.event is None:
            return [QUIET]
        return [decision_of(o, state) for o in self.player.open_options(state.values, state.desk)]

    def play_out(self, state: GameState, first: str, rnd: random.Random) -> float:
        """The final score of the game taking `first`, then open options at random (on one
        working copy, as the simulator plays)."""
        player = self.player
        game = resume(self.pack, resolve(self.pack, state, first, False)[0])
        while game.ending is None:
            if game.event is None:
                game.step(None, None)
                continue
            options = player.open_options(game.env, game.desk)
            pick = options[0] if len(options) == 1 else options[int(rnd.random() * len(options))]
            game.step(pick.event, pick.choice)
        return player.final(game.finish())

    def probe(self, i: int) -> list[Row]:
        pack = self.pack
        rnd = random.Random(f"{self.seed}-probe-{i}")
        sample = random.Random(f"{self.seed}-sample-{i}")
        state = initial_state(pack, self.role, f"{self.seed}-probe-{i}")
        rows = []
        while state.ending is None:
            options = self.decisions(state)
            taken = options[int(rnd.random() * len(options))] if len(options) > 1 else options[0]
            if len(options) > 1 and sample.random() < PROBED:
                branch_seed = f"{self.seed}-probe-{i}-{state.turn}"
                scores = [(d, self.play_out(state, d, random.Random(branch_seed))) for d in options]
                rows.append((state.event or "", scores, taken))
            state = resolve(pack, state, taken, False)[0]
        return rows


Row = tuple[str, list[tuple[str, float]], str]  # (first briefing, [(decision, score)], taken)
Task = tuple[str, str, str, int, int]  # (role, strategy or "probe", seed, first game, stop)

# The pack and the workers' players, set before the pool forks (or in each spawned worker).
_PACK: Pack | None = None
_WORKERS: dict[tuple[str, str, str], Player | Prober] = {}


def _worker(role: str, name: str, seed: str) -> Player | Prober:
    key = (role, name, seed)
    found = _WORKERS.get(key)
    if found is None:
        assert _PACK is not None
        found = _WORKERS[key] = (
            Prober(_PACK, role, seed)
            if name == "probe"
            else Player(_PACK, SimConfig(role, 1, seed, name, 1, 0, meters=False))
        )
    return found


def _run(task: Task) -> Tally | list[Row]:
    role, name, seed, a, b = task
    worker = _worker(role, name, seed)
    if isinstance(worker, Prober):
        return [row for i in range(a, b) for row in worker.probe(i)]
    return worker.chunk(a, b)


def _init_spawned(pack_path: str) -> None:  # pragma: no cover - platforms without fork
    global _PACK
    from game.content.packs import for_play

    _PACK = for_play(pack_path).pack


def _tasks(role: str, config: LeverageConfig) -> list[Task]:
    out: list[Task] = []
    for name in STRATEGIES:
        out.extend((role, name, config.seed, a, b) for a, b in chunks(config.runs))
    size = max(1, math.ceil(config.probes / 16))
    out.extend(
        (role, "probe", config.seed, a, min(config.probes, a + size))
        for a in range(0, config.probes, size)
    )
    return out


def _map(pack: Pack, tasks: list[Task], jobs: int, pack_path: str | None, progress) -> list:
    """Every task's result, in task order, on `jobs` processes: one pool for the whole report,
    so that both cores stay busy from the first game to the last probe."""
    global _PACK
    _PACK = pack
    _WORKERS.clear()
    try:
        if jobs <= 1:
            out = []
            for k, t in enumerate(tasks):
                out.append(_run(t))
                if progress:
                    progress(k + 1, len(tasks))
            return out
        if "fork" in mp.get_all_start_methods():
            pool = mp.get_context("fork").Pool(jobs)
        else:  # pragma: no cover - platforms without fork
            if pack_path is None:
                raise ValueError("several jobs without fork need the pack's path")
            pool = mp.get_context("spawn").Pool(jobs, _init_spawned, (pack_path,))
        with pool:
            out = []
            for k, result in enumerate(pool.imap(_run, tasks)):
                out.append(result)
                if progress:
                    progress(k + 1, len(tasks))
            return out
    finally:
        _PACK = None
        _WORKERS.clear()


def _strategy(name: str, tally: Tally) -> dict:
    n = tally.games
    mean = tally.score_sum / n
    sd = math.sqrt(max(0.0, tally.score_sq / n - mean * mean))
    endings = {e: k / n for e, k in sorted(tally.endings.items(), key=lambda kv: -kv[1])}
    return {
        "strategy": name,
        "means": STRATEGIES[name],
        "fair": name in FAIR,
        "games": n,
        "mean": mean,
        "sd": sd,
        "endings": endings,
        "ending_scores": {e: tally.ending_score[e] / k for e, k in tally.endings.items()},
    }


def leverage_all(
    pack: Pack,
    roles: Iterable[str],
    config: LeverageConfig,
    pack_path: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """The decision-leverage report of several roles (a JSON-ready dict)."""
    roles = list(roles)
    for role in roles:
        if role not in pack.roles:
            raise ValueError(f"unknown role {role!r}")
    if config.runs < 1 or config.probes < 1:
        raise ValueError("runs and probes must be at least 1")
    started = time.perf_counter()
    tasks = [t for role in roles for t in _tasks(role, config)]

    def tick(done: int, total: int) -> None:
        if progress:
            progress(f"{done} of {total} batches of games")

    # The costliest first, so that the last tasks, which one core may run alone, are short.
    order = sorted(range(len(tasks)), key=lambda k: COST.get(tasks[k][1], 1))
    done = _map(pack, [tasks[k] for k in order], config.jobs, pack_path, tick)
    results: list = [None] * len(tasks)
    for k, result in zip(order, done, strict=True):
        results[k] = result
    reports = []
    for role in roles:
        tallies: dict[str, Tally] = {}
        rows: list[Row] = []
        for (r, name, _, _, _), result in zip(tasks, results, strict=True):
            if r != role:
                continue
            if name == "probe":
                rows.extend(result)
            elif name in tallies:
                tallies[name].merge(result)
            else:
                tallies[name] = result
        strategies = {name: _strategy(name, t) for name, t in tallies.items()}
        reports.append(_summarise(pack, replace(config, role=role), strategies, rows))
    return {
        "format": FORMAT,
        "pack": {"id": pack.meta.id, "title": pack.meta.title, "digest": pack.digest},
        "roles": reports,
        "timing": {"seconds": round(time.perf_counter() - started, 2), "jobs": config.jobs},
    }


def leverage(pack: Pack, config: LeverageConfig, pack_path: str | None = None) -> dict:
    """The decision-leverage report of one role."""
    return leverage_all(pack, [config.role], config, pack_path)["roles"][0]


def _summarise(pack: Pack, config: LeverageConfig, strategies: dict, rows: list) -> dict:
    random_ = strategies["random"]
    base, sd = random_["mean"], random_["sd"] or 1.0
    for s in strategies.values():
        s["vs_random_sd"] = (s["mean"] - base) / sd
    fair = max((strategies[n] for n in FAIR), key=lambda s: s["mean"])
    spreads = []
    moved = changed = 0
    per_event: dict[str, list[float]] = {}
    offered: dict[tuple[str, str], int] = {}
    best: dict[tuple[str, str], int] = {}
    states: dict[str, int] = {}
    for primary, scores, taken in rows:
        values = [s for _, s in scores]
        spread = max(values) - min(values)
        spreads.append(spread)
        per_event.setdefault(primary, []).append(spread)
        taken_score = next(s for d, s in scores if d == taken)
        for d, s in scores:
            if d != taken:
                changed += 1
                moved += abs(s - taken_score) > MOVED
        by_event: dict[str, list[tuple[str, float]]] = {}
        for d, s in scores:
            event, choice = split_decision_of(primary, d)
            by_event.setdefault(event, []).append((choice, s))
        for event, options in by_event.items():
            if len(options) < 2:
                continue
            states[event] = states.get(event, 0) + 1
            top = max(s for _, s in options)
            winners = [c for c, s in options if s >= top - TIE]
            for c, _ in options:
                offered[(event, c)] = offered.get((event, c), 0) + 1
            if len(winners) == 1:
                best[(event, winners[0])] = best.get((event, winners[0]), 0) + 1
    titles = {e.id: e.title for e in pack.events}
    events: list[dict[str, Any]] = []
    for eid, n in sorted(states.items()):
        if n < MIN_STATES:
            continue
        shares = {c: best.get((e, c), 0) / k for (e, c), k in offered.items() if e == eid and k}
        top_choice = max(shares, key=lambda c: shares[c]) if shares else None
        sp = per_event.get(eid, [])
        events.append(
            {
                "id": eid,
                "title": titles.get(eid, eid),
                "states": n,
                "mean_spread": statistics.fmean(sp) if sp else None,
                "best_option": top_choice,
                "best_share": shares.get(top_choice, 0.0) if top_choice else 0.0,
                "dominant": bool(top_choice and shares[top_choice] >= DOMINANT),
            }
        )
    judged = [e for e in events if e["mean_spread"] is not None]
    by_spread = sorted(judged, key=lambda e: -e["mean_spread"])
    endings = _endings(pack, config.role, strategies)
    report = {
        "format": FORMAT,
        "role": config.role,
        "role_name": pack.roles[config.role].name,
        "runs": config.runs,
        "probes": config.probes,
        "seed": config.seed,
        "strategies": list(strategies.values()),
        "best_fair": {"strategy": fair["strategy"], "vs_random_sd": fair["vs_random_sd"]},
        "decisions": {
            "probed": len(spreads),
            "mean_spread": statistics.fmean(spreads) if spreads else 0.0,
            "median_spread": statistics.median(spreads) if spreads else 0.0,
            "cosmetic_share": sum(s < COSMETIC for s in spreads) / len(spreads) if spreads else 0.0,
            "changed": changed,
            "moved_share": moved / changed if changed else 0.0,
        },
        "events": events,
        "dominant_share": sum(e["dominant"] for e in events) / len(events) if events else 0.0,
        "pivotal": [e["id"] for e in by_spread[:5]],
        "inert": [e["id"] for e in by_spread if e["mean_spread"] < COSMETIC],
        "endings": endings,
    }
    report["findings"] = findings(report)
    return report


def split_decision_of(primary: str, decision: str) -> tuple[str, str]:
    if "/" in decision:
        event, _, choice = decision.partition("/")
        return event, choice
    return primary, decision


def _endings(pack: Pack, role: str, strategies: dict) -> list[dict]:
    order = [*pack.endings, OPEN_ENDING]
    out = []
    for e in order:
        shares = {n: s["endings"].get(e.id, 0.0) for n, s in strategies.items()}
        games = sum(s["endings"].get(e.id, 0.0) * s["games"] for s in strategies.values())
        total = sum(
            s["ending_scores"].get(e.id, 0.0) * s["endings"].get(e.id, 0.0) * s["games"]
            for s in strategies.values()
        )
        if not games and e is OPEN_ENDING:
            continue
        out.append(
            {
                "id": e.id,
                "title": e.title,
                "result": e.result_for(role),
                "catastrophe": pack.escalation is not None and pack.escalation.ending == e.id,
                "shares": shares,
                "mean_score": total / games if games else None,
                "games": round(games),
            }
        )
    return out


def findings(report: dict) -> list[str]:
    """What an author should look at: the places where decisions stop mattering."""
    out = []
    strategies = {s["strategy"]: s for s in report["strategies"]}
    fair = strategies[report["best_fair"]["strategy"]]
    aim = TARGETS
    if report["best_fair"]["vs_random_sd"] < aim["best_fair"]:
        out.append(
            f"the best fair strategy ({fair['strategy']}) is only "
            f"{report['best_fair']['vs_random_sd']:+.1f} SD above random play "
            f"(aim for {aim['best_fair']:+g})"
        )
    d = report["decisions"]
    if d["cosmetic_share"] > aim["cosmetic"]:
        out.append(
            f"{d['cosmetic_share']:.0%} of decisions are cosmetic "
            f"(aim for at most {aim['cosmetic']:.0%})"
        )
    if d["moved_share"] < aim["moved"]:
        out.append(
            f"a changed decision moves the final score by more than {MOVED:g} points in only "
            f"{d['moved_share']:.0%} of cases (aim for {aim['moved']:.0%})"
        )
    if report["dominant_share"] > aim["dominant"]:
        out.append(
            f"{report['dominant_share']:.0%} of events have a dominant option "
            f"(aim for at most {aim['dominant']:.0%})"
        )
    for name in ("hawkish", "cautious"):
        s = strategies.get(name)
        if s and (fair["mean"] - s["mean"]) / (strategies["random"]["sd"] or 1) < 1:
            out.append(f"always-{name} play is within 1 SD of the best fair strategy")
    # The catastrophe is always compared: its result alone scores it, so one game is enough.
    scored = [
        e
        for e in report["endings"]
        if e["mean_score"] is not None and (e["catastrophe"] or e["games"] >= MIN_ENDING_GAMES)
    ]
    rank = {"loss": 0, "draw": 1, "win": 2}
    for e in scored:
        above = [
            x
            for x in scored
            if x is not e
            and (
                rank[x["result"]] > rank[e["result"]]
                or (e["catastrophe"] and x["result"] == e["result"])
            )
            and x["mean_score"] <= e["mean_score"]
        ]
        if above:
            what = "the catastrophe" if e["catastrophe"] else f"a {e['result']}"
            out.append(
                f"ending {e['id']} is {what} but scores {e['mean_score']:.1f}, no less than "
                + ", ".join(f"{x['id']} ({x['result']}, {x['mean_score']:.1f})" for x in above)
            )
    for e in report["endings"]:
        if e["shares"].get("random", 0.0) > 0.5:
            out.append(f"ending {e['id']} holds {e['shares']['random']:.0%} of random games")
    reached = [e for e in report["endings"] if max(e["shares"].values(), default=0) >= 0.02]
    if len(reached) < 5:
        out.append(f"only {len(reached)} endings are reached in 2% of games by some strategy")
    return out
