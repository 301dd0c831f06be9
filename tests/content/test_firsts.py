"""Which events may come first on each turn (game.content.firsts): the same answers as looking
at every turn of every window, which the analysis did before (and took 12 s for a pack of ten
thousand events open on all of a thousand turns)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.firsts import Firsts

pytestmark = pytest.mark.timeout(120)

IDS = [f"e{i}" for i in range(8)]
turns_ = st.integers(min_value=1, max_value=25)
window = st.tuples(st.integers(min_value=-2, max_value=30), st.integers(min_value=-2, max_value=30))


@st.composite
def calendars(draw):
    turns = draw(turns_)
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS)))
    drawn = [((draw(st.integers(0, 3)), e), *draw(window)) for e in ids]
    ends = st.integers(min_value=-2, max_value=30)
    brought = draw(st.lists(st.tuples(st.sampled_from(IDS), ends, ends), max_size=12))
    return turns, drawn, brought


def covering(items, t):
    return [item for item, first, last in items if first <= t <= last]


@settings(max_examples=300, deadline=None)
@given(calendars())
def test_the_same_answers_as_every_turn_of_every_window(calendar) -> None:
    turns, drawn, brought = calendar
    firsts = Firsts(turns, drawn, brought)
    for t in range(1, turns + 1):
        ranked = sorted(covering(drawn, t), reverse=True)
        assert firsts.drawn[t] == ranked[:2]
        came = set(covering(brought, t))
        for e in IDS:
            others = [p for p, f in ranked if f != e]
            assert firsts.rival(t, e) == (others[0] if others else None)
            assert firsts.others_brought(t, e) == bool(came - {e})
    on = {}
    for t in range(1, turns + 1):
        ranked = sorted(covering(drawn, t), reverse=True)
        if ranked:
            on.setdefault(ranked[0][1], []).append(t)
    assert firsts.first_on == on


def test_ten_thousand_events_open_on_every_turn() -> None:
    """The pack that took 12 s to check: the two highest of them on each of a thousand turns."""
    drawn = [((0, f"e{i:05d}"), 1, 1000) for i in range(10_000)]
    firsts = Firsts(1000, drawn, [])
    assert all(firsts.drawn[t] == [(0, "e09999"), (0, "e09998")] for t in range(1, 1001))
    assert firsts.first_on == {"e09999": list(range(1, 1001))}
