"""The runner: repeatable games, the same result on any number of processes, honest strategies."""

from __future__ import annotations

import random

import pytest

from game.engine import rng
from game.engine.forecast import forecast, in_motion
from game.engine.resolve import (
    QUIET,
    decision_id,
    decisions,
    ending_now,
    initial_state,
    open_choices,
    resolve,
)
from game.engine.scoring import scorecard
from game.sim.runner import JUDGE_DICE, SHORTLIST, Player, SimConfig, Simulation, chunks, simulate
from game.sim.strategies import best_of


def test_chunks_depend_only_on_runs() -> None:
    assert chunks(1) == [(0, 1)]
    parts = chunks(10_000)
    assert parts[0][0] == 0 and parts[-1][1] == 10_000
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))


def test_same_seed_same_tally_and_other_seed_another(example_pack) -> None:
    a = simulate(example_pack, SimConfig("us", runs=200, seed="x")).tally
    b = simulate(example_pack, SimConfig("us", runs=200, seed="x")).tally
    c = simulate(example_pack, SimConfig("us", runs=200, seed="y")).tally
    assert a == b
    assert a != c


@pytest.mark.parametrize("strategy", ["random", "objective"])
def test_results_do_not_depend_on_jobs(example_pack, strategy: str) -> None:
    one = simulate(example_pack, SimConfig("russia", runs=300, strategy=strategy, jobs=1))
    two = simulate(example_pack, SimConfig("russia", runs=300, strategy=strategy, jobs=2))
    assert two.jobs == 2
    assert one.tally == two.tally


def test_game_i_plays_with_seed_base_dash_i(example_pack) -> None:
    player = Player(example_pack, SimConfig("us", seed="class-3"))
    state = player.play(7, player.empty())
    assert state.seed == "class-3-7" and state.over


def test_counts_add_up(example_pack) -> None:
    result = simulate(example_pack, SimConfig("us", runs=500, lookahead=0))
    t, layout = result.tally, result.layout
    assert t.games == 500 == sum(t.endings.values()) == sum(t.length)
    assert t.decisions == sum(i * c for i, c in enumerate(t.length))
    assert t.duels == {} and t.lookahead_decisions == 0
    for k, event in enumerate(layout.events):
        mine = [j for j, (e, _) in enumerate(layout.choices) if e is event]
        taken = sum(t.taken[j] for j in mine)
        # a briefing with a default may share the desk and be left to it; one without never does
        if any(c.default for c in event.choices):
            assert taken <= t.event_draws[k]
        else:
            assert taken == t.event_draws[k]
        assert all(t.opened[j] <= t.event_draws[k] for j in mine)
        assert t.event_games[k] <= min(t.event_draws[k], t.games)
    for s in range(len(layout.samples)):
        per_meter = [sum(t.meter_counts(s, m, t.bins)) for m in range(len(layout.meters))]
        assert len(set(per_meter)) == 1  # every meter sampled in every game still running
    assert sum(t.final[: t.bins]) == 500


def test_hawkish_takes_hawkish_options_whenever_one_is_open(example_pack) -> None:
    result = simulate(example_pack, SimConfig("us", runs=300, strategy="hawkish"))
    t = result.tally
    for k, (event, choice) in enumerate(result.layout.choices):
        siblings = [c for c in event.choices if "us" in c.roles]
        has_hawk = any("hawkish" in c.tags and c.when.const is True for c in siblings)
        if has_hawk and "hawkish" not in choice.tags:
            assert t.taken[k] == 0, choice.id
    cautious = simulate(example_pack, SimConfig("us", runs=300, strategy="cautious")).tally
    envoy = [k for k, (e, _) in enumerate(result.layout.choices) if e.id == "envoy"]
    assert all(cautious.taken[k] > 0 for k in envoy)  # no cautious option there: random


def test_player_score_is_the_scorecard_total(example_pack) -> None:
    player = Player(example_pack, SimConfig("us"))
    state = initial_state(example_pack, "us", "s")
    rnd = random.Random(1)
    while not state.over:
        assert player.score(state.values) == pytest.approx(
            scorecard(example_pack, "us", state).total
        )
        options = [c.id for c, ok in open_choices(example_pack, state) if ok] or [QUIET]
        state = resolve(example_pack, state, rnd.choice(options), explain=False)[0]


def _fair_value(pack, role: str, state) -> float:
    if state.over:
        return scorecard(pack, role, state).total
    values = in_motion(pack, state)
    ended = state._replace(values=tuple(values), ending=ending_now(pack, values))
    return scorecard(pack, role, ended).total


@pytest.mark.parametrize("shortlist", [SHORTLIST, 1])
@pytest.mark.parametrize("role", ["russia", "us"])
def test_objective_judges_each_option_on_dice_the_game_does_not_use(
    example_pack, role, shortlist, monkeypatch
) -> None:
    """Replay game 0 by hand: the forecast shortlists the open decisions worth thinking through,
    each is resolved on JUDGE_DICE variant keys (never the game's own), scored as if the game
    ended with what is in motion, and the best is taken."""
    import game.sim.runner as runner

    monkeypatch.setattr(runner, "SHORTLIST", shortlist)
    player = Player(example_pack, SimConfig(role, seed="g", strategy="objective"))
    played = player.play(0, player.empty())
    rnd = random.Random("g-0")
    state = initial_state(example_pack, role, "g-0")
    while not state.over:
        options = decisions(example_pack, state)
        if options == [QUIET]:
            state = resolve(example_pack, state, QUIET, explain=False)[0]
            continue
        keys = [rng.variant(state.key, k) for k in range(JUDGE_DICE)]
        assert state.key not in keys
        gains = [forecast(example_pack, state, _choice(example_pack, state, o)).objectives
                 for o in options]  # fmt: skip
        best = sorted(range(len(options)), key=lambda k: -gains[k])[:shortlist]
        scores = [-1e9] * len(options)
        for k in best if len(options) > shortlist else range(len(options)):
            scores[k] = sum(
                _fair_value(
                    example_pack,
                    role,
                    resolve(example_pack, state._replace(key=key), options[k], explain=False)[0],
                )  # fmt: skip
                for key in keys
            ) / len(keys)
        state = resolve(example_pack, state, options[best_of(scores, rnd)], explain=False)[0]
    assert state == played


def _choice(pack, state, decision: str):
    return {
        decision_id(state, e, c.id): c for e in state.desk for c, _ in open_choices(pack, state, e)
    }[decision]


def test_forecast_follows_the_staff_forecast(example_pack) -> None:
    player = Player(example_pack, SimConfig("us", seed="g", strategy="forecast"))
    played = player.play(0, player.empty())
    rnd = random.Random("g-0")
    state = initial_state(example_pack, "us", "g-0")
    while not state.over:
        options = decisions(example_pack, state)
        if options == [QUIET]:
            state = resolve(example_pack, state, QUIET, explain=False)[0]
            continue
        choices = {
            decision_id(state, e, c.id): c
            for e in state.desk
            for c, _ in open_choices(example_pack, state, e)
        }
        scores = [forecast(example_pack, state, choices[o]).objectives for o in options]
        state = resolve(example_pack, state, options[best_of(scores, rnd)], explain=False)[0]
    assert state == played


def test_options_never_better_are_found_by_lookahead(example_pack) -> None:
    t = simulate(example_pack, SimConfig("us", runs=50, lookahead=50)).tally
    assert t.lookahead_decisions == sum(t.taken)  # every decision but the quiet turns
    layout = simulate(example_pack, SimConfig("us", runs=1)).layout
    index = {(e.id, c.id): k for k, (e, c) in enumerate(layout.choices)}
    n, better, worse = t.duels[(index[("treasury", "wait")], index[("treasury", "designate")])]
    assert n > 0 and better == 0 and worse == n  # waiting lowers sanctions, designating raises


def test_bad_configurations_are_refused(example_pack) -> None:
    with pytest.raises(ValueError, match="runs"):
        Simulation(example_pack, SimConfig("us", runs=0))
    with pytest.raises(ValueError, match="jobs"):
        Simulation(example_pack, SimConfig("us", jobs=0))
    with pytest.raises(ValueError, match="role"):
        Player(example_pack, SimConfig("china"))
    with pytest.raises(ValueError, match="strategy"):
        Player(example_pack, SimConfig("us", strategy="lucky"))


def test_progress_is_reported_per_chunk(example_pack) -> None:
    seen: list[int] = []
    simulate(example_pack, SimConfig("us", runs=130), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 130 and len(seen) == len(chunks(130))


def test_runner_and_stats_do_not_import_rich() -> None:
    import subprocess
    import sys

    code = (
        "import sys, game.sim.runner, game.sim.stats, game.sim.report, game.sim.strategies;"
        "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_strategy_names_agree_with_the_command() -> None:
    from game.commands.simulate import STRATEGY_NAMES
    from game.sim.strategies import CHOOSERS, STRATEGIES

    assert tuple(STRATEGIES) == STRATEGY_NAMES == tuple(CHOOSERS)
