"""Statistics: Wilson intervals, binning, percentiles, and tallies that merge exactly."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.sim.stats import (
    Tally,
    binning,
    length_summary,
    nice_step,
    percentiles,
    sampled_turns,
    wilson,
)


@pytest.mark.parametrize(
    ("k", "n", "lo", "hi"),
    [
        (5, 10, 0.2366, 0.7634),  # textbook values (Wilson 1927; Newcombe 1998)
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_matches_known_values(k: int, n: int, lo: float, hi: float) -> None:
    a, b = wilson(k, n)
    assert a == pytest.approx(lo, abs=5e-4) and b == pytest.approx(hi, abs=5e-4)


def test_wilson_of_nothing_is_the_whole_interval() -> None:
    assert wilson(0, 0) == (0.0, 1.0)


@given(st.integers(1, 10_000), st.data())
def test_wilson_contains_the_proportion(n: int, data) -> None:
    k = data.draw(st.integers(0, n))
    lo, hi = wilson(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


@pytest.mark.parametrize(
    ("span", "step"), [(100, 0.5), (6, 0.05), (1, 0.005), (4, 0.02), (1000, 5), (0, 1.0)]
)
def test_nice_step(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)


def test_binning_rounds_to_the_nearest_step_and_keeps_the_ends_exact() -> None:
    b = binning(0, 6)
    assert b.bins == 121
    assert b.value(b.index(1.0)) == 1.0
    assert b.value(b.index(6.0)) == 6.0
    assert b.value(b.index(0.0)) == 0.0
    assert b.value(b.index(2.51)) == pytest.approx(2.5)
    assert b.index(7.0) == b.bins - 1 and b.index(-1.0) == 0


def test_percentiles_nearest_rank() -> None:
    b = binning(0, 100)
    counts = [0] * b.bins
    for v in range(1, 101):  # 1 … 100 once each
        counts[b.index(v)] += 1
    assert percentiles(counts, b) == {"p5": 5, "p25": 25, "p50": 50, "p75": 75, "p95": 95}
    assert percentiles([0] * b.bins, b) is None


def test_sampled_turns_cover_start_and_end_within_the_cap() -> None:
    assert sampled_turns(20) == list(range(1, 22))
    many = sampled_turns(600)
    assert many[0] == 1 and len(many) <= 100 and many[-1] > 590


def test_length_summary() -> None:
    length = [0, 0, 1, 0, 3]  # one game of 2 decisions, three of 4
    s = length_summary(length)
    assert s["min"] == 2 and s["max"] == 4 and s["p50"] == 4 and math.isclose(s["mean"], 3.5)


def _tally(seed: int) -> Tally:
    t = Tally(3, 4, 2, 2, 5, 6)
    t.games = seed
    t.decisions = seed * 6
    t.endings = {"a": seed, "b": 1}
    t.ending_length = {"a": 6 * seed, "b": 3}
    t.ending_score = {"a": 1.5 * seed, "b": 2.0}
    t.event_draws[seed % 3] += 2
    t.opened[seed % 4] += 1
    t.meters[seed % 7] += 1
    t.duels[(0, 1)] = [seed, 1, 0]
    return t


def test_tallies_merge_by_addition_whatever_the_split() -> None:
    whole = _tally(1)
    for k in (2, 3, 4):
        whole.merge(_tally(k))
    left, right = _tally(1), _tally(3)
    left.merge(_tally(2))
    right.merge(_tally(4))
    left.merge(right)
    assert left == whole
    assert whole.games == 10 and whole.endings == {"a": 10, "b": 4}
    assert whole.duels[(0, 1)] == [10, 4, 0]
