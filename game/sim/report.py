"""The simulator's report: a plain, JSON-ready dict built from a run's tally.

Pure (no rich). `game.sim.render` draws it as tables, `game.sim.html` as a self-contained page.
Every share comes with its 95% Wilson interval. Timing lives under ``"timing"`` only, so two runs
with the same options give the same report apart from it.
"""

from __future__ import annotations

import math

from game.engine.pack import Pack
from game.engine.resolve import OPEN_ENDING
from game.sim.runner import SimResult
from game.sim.stats import length_summary, mean_of_histogram, percentiles, wilson
from game.sim.strategies import STRATEGIES

FORMAT = 1
MIN_DUELS = 1  # comparisons needed before an option is called never better than a sibling


def _share(k: int, n: int) -> dict[str, float | list[float]]:
    lo, hi = wilson(k, n)
    return {"share": round(k / n, 4) if n else 0.0, "ci95": [round(lo, 4), round(hi, 4)]}


def summarise(pack: Pack, result: SimResult) -> dict:
    t = result.tally
    cfg = result.config
    layout = result.layout
    n = t.games
    titles = {e.id: e.title for e in pack.endings}
    titles[OPEN_ENDING.id] = OPEN_ENDING.title
    order = [e.id for e in pack.endings] + [OPEN_ENDING.id]
    endings = []
    for eid in order:
        k = t.endings.get(eid, 0)
        if not k and eid == OPEN_ENDING.id:
            continue
        endings.append(
            {
                "id": eid,
                "title": titles.get(eid, eid),
                "games": k,
                **_share(k, n),
                "mean_score": round(t.ending_score.get(eid, 0.0) / k, 2) if k else None,
                "mean_length": round(t.ending_length.get(eid, 0) / k, 2) if k else None,
            }
        )
    mean = t.score_sum / n if n else 0.0
    var = max(0.0, t.score_sq / n - mean * mean) if n else 0.0
    half = 1.959963984540054 * math.sqrt(var / n) if n > 1 else 0.0
    events = []
    for k, e in enumerate(layout.events):
        events.append(
            {
                "id": e.id,
                "title": e.title,
                "kind": e.kind,
                "games": t.event_games[k],
                **_share(t.event_games[k], n),
                "draws": t.event_draws[k],
            }
        )
    draws_of = {e.id: t.event_draws[k] for k, e in enumerate(layout.events)}
    choices = []
    for k, (e, c) in enumerate(layout.choices):
        drawn = draws_of[e.id]
        opened, taken = t.opened[k], t.taken[k]
        choices.append(
            {
                "event": e.id,
                "choice": c.id,
                "label": c.label,
                "tags": list(c.tags),
                "drawn": drawn,
                "open": opened,
                "open_share": round(opened / drawn, 4) if drawn else None,
                "taken": taken,
                "taken_share": round(taken / drawn, 4) if drawn else None,
                "taken_when_open": round(taken / opened, 4) if opened else None,
            }
        )
    dominated = []
    for k, (e, c) in enumerate(layout.choices):
        for j, (e2, c2) in enumerate(layout.choices):
            if e2 is not e or j == k:
                continue
            duel = t.duels.get((k, j))
            if duel is None:
                continue
            compared, better, worse = duel
            if compared >= MIN_DUELS and better == 0 and worse > 0:
                dominated.append(
                    {
                        "event": e.id,
                        "choice": c.id,
                        "by": c2.id,
                        "compared": compared,
                        "worse": worse,
                    }
                )
    meters = []
    for m, (v, b) in enumerate(zip(layout.meters, layout.binnings, strict=True)):
        turns = []
        for s, turn in enumerate(layout.samples):
            counts = t.meter_counts(s, m, b.bins)
            ps = percentiles(counts, b)
            if ps is not None:
                turns.append({"turn": turn, "games": sum(counts), **ps})
        final = t.final[m * t.bins : m * t.bins + b.bins]
        meters.append(
            {
                "id": v.id,
                "label": v.label,
                "unit": v.unit,
                "min": v.min,
                "max": v.max,
                "start": v.start,
                "hidden": v.hidden,
                "resolution": b.step,
                "turns": turns,
                "final": {
                    **(percentiles(final, b) or {}),
                    "mean": round(mean_of_histogram(final, b), b.decimals + 1),
                },
            }
        )
    return {
        "format": FORMAT,
        "pack": {
            "id": pack.meta.id,
            "title": pack.meta.title,
            "version": pack.meta.version,
            "digest": pack.digest,
            "turns": pack.meta.turns,
        },
        "config": {
            "role": cfg.role,
            "role_name": pack.roles[cfg.role].name,
            "runs": cfg.runs,
            "seed": cfg.seed,
            "strategy": cfg.strategy,
            "strategy_means": STRATEGIES[cfg.strategy],
            "lookahead_games": min(cfg.lookahead, n),
        },
        "games": n,
        "decisions": t.decisions,
        "endings": endings,
        "length": {
            **length_summary(t.length),
            "histogram": [[i, c] for i, c in enumerate(t.length) if c],
        },
        "score": {"mean": round(mean, 2), "ci95": [round(mean - half, 2), round(mean + half, 2)]},
        "events": events,
        "never_drawn": [x["id"] for x in events if not x["games"]],
        "choices": choices,
        "never_taken": [
            f"{x['event']}/{x['choice']}" for x in choices if x["drawn"] and not x["taken"]
        ],
        "never_open": [
            f"{x['event']}/{x['choice']}" for x in choices if x["drawn"] and not x["open"]
        ],
        "dominated": dominated,
        "lookahead_decisions": t.lookahead_decisions,
        "meters": meters,
        "timing": {
            "seconds": round(result.elapsed, 3),
            "jobs": result.jobs,
            "games_per_second": round(n / result.elapsed, 1) if result.elapsed else None,
            "decisions_per_second": round(t.decisions / result.elapsed) if result.elapsed else None,
        },
    }
