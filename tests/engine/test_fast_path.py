"""The simulator's fast path (one working copy played to the end, `resolve.start` and
`Turn.step`) reaches the same states as playing decision by decision through `resolve`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.engine.pack import Pack
from game.engine.resolve import (
    decisions,
    initial_state,
    resolve,
    resume,
    split_decision,
    start,
)
from game.engine.state import GameState
from game.engine.tables import tables

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "content" / "korean-theater"
SEEDS = st.integers(0, 2**32).map(str)  # varied dice from the first example on


def _load(folder: Path) -> Pack:
    result = load_pack(folder)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result.pack


@pytest.fixture(scope="module")
def shipped() -> Pack:
    return _load(SHIPPED)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_pack import generate
    finally:
        sys.path.pop(0)
    return _load(generate(tmp_path_factory.mktemp("gen") / "pack", events=120))


def _one_decision(pack: Pack, state: GameState, game, data: st.DataObject, explain: bool):
    """One decision drawn at random, stepped by the working copy `game` and resolved from
    `state` (explained or not): the state `resolve` reaches."""
    options = decisions(pack, state)
    decision = options[data.draw(st.integers(0, len(options) - 1), label="decision")]
    if state.event is None:
        game.step(None, None)
    else:
        handled, choice = split_decision(state, decision)
        game.step(handled, tables(pack).by_id[(handled, choice)])
    return resolve(pack, state, decision, explain)[0]


def _both_ways(pack: Pack, role: str, seed: str, data: st.DataObject) -> None:
    """Play one game both ways on the same random decisions: every state the working copy
    hands out (asked for at random turns) and its last equal the states `resolve` reaches, and
    none of them changes while the working copy plays on."""
    state = initial_state(pack, role, seed)
    game = start(pack, role, seed)
    assert game.finish() == state
    handed: list[tuple[GameState, GameState]] = []  # (the copy's state, a snapshot of it)
    while state.ending is None:
        state = _one_decision(pack, state, game, data, explain=False)
        assert state.event is not None or not state.agenda  # an agenda shares a desk
        if data.draw(st.booleans(), label="ask for the state"):
            got = game.finish()
            assert got == state
            handed.append((got, got._replace(drawn=dict(got.drawn))))
    assert game.finish() == state
    for got, snapshot in handed:
        assert got == snapshot


@pytest.mark.timeout(300)
@settings(max_examples=60)
@given(role=st.sampled_from(["russia", "us", "rok"]), seed=SEEDS, data=st.data())
def test_fast_path_plays_the_shipped_pack_as_resolve_does(
    shipped: Pack, role: str, seed: str, data: st.DataObject
) -> None:
    _both_ways(shipped, role, seed, data)


@pytest.mark.timeout(300)
@settings(max_examples=15)
@given(seed=SEEDS, data=st.data())
def test_fast_path_plays_a_generated_pack_as_resolve_does(
    generated: Pack, seed: str, data: st.DataObject
) -> None:
    _both_ways(generated, "player", seed, data)


@st.composite
def assumptions(draw: st.DrawFn, pack: Pack) -> dict[str, bool | float]:
    """Any setting of the pack's assumptions, as a classroom may give them."""
    return {
        a.id: draw(st.booleans() if isinstance(a.default, bool) else st.floats(0, 3))
        for a in pack.assumptions
    }


@pytest.mark.timeout(300)
@settings(max_examples=40)
@given(role=st.sampled_from(["russia", "us", "rok"]), seed=SEEDS, data=st.data())
def test_fast_path_plays_the_world_specialised_as_an_explained_turn_does(
    shipped: Pack, role: str, seed: str, data: st.DataObject
) -> None:
    """The fast path plays the world's loops compiled for the game's role and assumptions
    (game.engine.specialised); an explained turn plays the pack's own: the same states."""
    setting = data.draw(assumptions(shipped), label="assumptions")
    state = initial_state(shipped, role, seed, setting)
    game = resume(shipped, state)
    while state.ending is None:
        state = _one_decision(shipped, state, game, data, explain=True)
        assert game.finish() == state
