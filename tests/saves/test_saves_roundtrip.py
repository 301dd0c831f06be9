"""Hypothesis: any reachable game saves and loads to an equal session (its rationales inert)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers_saves import EXAMPLE, PINNED, SHIPPED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.engine.session import Session
from game.inert import inert
from game.saves import SaveStore, read_save


def _packs():
    out = []
    for path in (PINNED, EXAMPLE, SHIPPED):
        if (path / "pack.toml").exists():
            result = load_pack(path)
            if result.pack is not None:
                out.append(result.pack)
    return out


PACKS = _packs()


@st.composite
def games(draw):
    pack = draw(st.sampled_from(PACKS))
    role = draw(st.sampled_from(sorted(pack.roles)))
    assumptions = {}
    for a in pack.assumptions:
        if draw(st.booleans()):
            if isinstance(a.default, bool):
                assumptions[a.id] = draw(st.booleans())
            else:
                assumptions[a.id] = draw(st.floats(0, 3, allow_nan=False))
    session = Session.start(pack, role, draw(st.text(max_size=12)), assumptions)
    picks = draw(st.lists(st.integers(0, 9), max_size=pack.meta.turns + 2))
    for pick in picks:
        if session.over:
            break
        options = session.briefing().open_options
        why = draw(st.one_of(st.just(""), st.text(max_size=40)))
        session = session.submit(options[pick % len(options)].id, why)
    return session


@pytest.fixture(scope="module")
def store():
    with tempfile.TemporaryDirectory() as folder:
        yield SaveStore(Path(folder))


def test_there_are_packs_to_play():
    assert PACKS and PACKS[0].meta.id == "example"  # the pinned pack at least


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session=games(), slot=st.sampled_from(["autosave", "named"]))
def test_any_reachable_game_round_trips(store, session, slot):
    path = store.autosave(session) if slot == "autosave" else store.save(session, slot)
    loaded = store.load(path, session.pack)
    assert loaded.problems == []
    # what the player wrote comes back inert (game.inert); the rest, the seed too, exactly
    inert_rationales = [inert(r) for r in session.rationales]
    expected = Session.replay(
        session.pack, session.role, session.seed, list(session.choices), inert_rationales,
        dict(session.assumptions),
    )  # fmt: skip
    assert loaded.session == expected
    assert loaded.session.state.digest() == session.state.digest()
    info = loaded.info
    assert (info.role, info.seed, info.turn, info.over) == (
        session.role,
        session.seed,
        session.state.turn,
        session.over,
    )
    assert info.date == session.pack.date_of(session.state.turn)
    assert read_save(path).choices == list(session.choices)
