"""The unexplained turn's fused rules run the same effects, in the same order, as the rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.engine.report import Cause
from game.engine.resolve import initial_state
from game.engine.specialised import MAX_WORLDS, world
from game.engine.steps import applier
from game.engine.tables import Row, candidates, fused, guards, tables
from tests.support import ROOT

SLOTS = 3
CAUSE = Cause("rule", "r", "r")


def _above(slot: int, at: float):
    return lambda env: env[slot] > at


def _step(slot: int, by: float):
    return lambda env: env[slot] * 0.5 + by


effects = st.tuples(
    st.none() | st.builds(_above, st.integers(0, SLOTS - 1), st.floats(0, 100)),
    st.integers(0, SLOTS - 1),
    st.builds(_step, st.integers(0, SLOTS - 1), st.floats(-60, 60)),
).map(lambda e: (e[0], e[1], e[2], 0.0, 100.0, None))


def _rule(every: int, above: tuple[int, float] | None, plan) -> tuple[Row, frozenset[int]]:
    """A rule whose condition (if any) is `slot > at`, and the slots its condition reads."""
    when = None if above is None else _above(*above)
    return (every, when, None, (), plan, 0, CAUSE, ""), frozenset(above[:1] if above else ())


rows = st.builds(
    _rule,
    st.sampled_from([1, 1, 1, 2]),
    st.none() | st.tuples(st.integers(0, SLOTS - 1), st.floats(0, 100)),
    st.none() | st.lists(effects, max_size=4).map(tuple),
)


def _play(rules: list[Row], env: list[float], turn: int) -> list[float]:
    """The rule loop of an unexplained turn (`Turn.advance`), a rule without a plan standing
    for one whose effects only the full path can apply: here it doubles slot 0."""
    env = list(env)
    for every, when, _, _, plan, _, _, _ in rules:
        if (every != 1 and turn % every) or (when is not None and not when(env)):
            continue
        if plan is None:
            env[0] = min(100.0, env[0] * 2)
        else:
            applier(plan)(env)
    return env


@given(
    st.lists(rows, max_size=12),
    st.lists(st.floats(0, 100), min_size=SLOTS, max_size=SLOTS),
    st.integers(1, 4),
)
def test_fused_rules_set_the_same_values(
    rules: list[tuple[Row, frozenset[int]]], env: list[float], turn: int
) -> None:
    plain = [row for row, _ in rules]
    assert _play(fused(plain, [read for _, read in rules]), env, turn) == _play(plain, env, turn)


def test_consecutive_simple_rules_become_one_row() -> None:
    always = (1, None, None, (), ((None, 0, _step(0, 1), 0.0, 100.0, None),), 0, CAUSE, "")
    guarded = (1, _above(1, 5), None, (), ((None, 1, _step(1, 2), 0.0, 100.0, None),), 0, CAUSE, "")
    every_other = (2, None, None, (), always[4], 0, CAUSE, "")
    reads = [frozenset(), frozenset({1}), frozenset(), frozenset(), frozenset({1})]
    assert len(fused([always, guarded, always, every_other, guarded], reads)) == 3


def test_a_condition_guards_effects_that_leave_what_it_reads_alone() -> None:
    two = ((None, 0, _step(0, 1), 0.0, 100.0, None), (None, 2, _step(2, 1), 0.0, 100.0, None))
    assert guards(two, frozenset({1}))
    assert guards(two, frozenset({2}))  # the last effect may set it: it is read no more
    assert not guards(two, frozenset({0}))  # the second effect would see it changed
    assert not guards(two * 2, frozenset())  # too many evaluations of the condition


def test_the_turn_index_lists_what_each_window_holds(example_pack) -> None:
    shipped = load_pack(ROOT / "content" / "korean-theater").pack
    assert shipped is not None
    for pack in (example_pack, shipped):
        for role in pack.roles:
            for turn in range(0, pack.meta.turns + 3):
                wanted = sorted(
                    (
                        e
                        for e in pack.events
                        if role in e.roles
                        and e.turn_min <= turn <= e.turn_max
                        and e.drawn_on_its_own
                    ),
                    key=lambda e: -e.priority,
                )
                assert candidates(pack, role, turn) == tuple(wanted), (role, turn)


def test_a_game_plays_the_world_specialised_to_its_role_and_its_assumptions() -> None:
    pack = load_pack(ROOT / "content" / "korean-theater").pack
    assert pack is not None
    t = tables(pack)
    values = initial_state(pack, "us", "seed").values
    us = world(pack, t, "us", values, False)
    assert [name for name, _ in t.moves][4] == "United States"
    assert "United States" not in [name for name, _ in us.moves]  # `role != "us"`, every move
    assert world(pack, t, "us", values, False) is us  # built once
    calm = initial_state(pack, "us", "seed", {"china_restrains": False}).values
    china = [moves for name, moves in world(pack, t, "us", calm, False).moves if name == "China"]
    assert len(china[0]) == len(dict(us.moves)["China"]) - 1  # its restraint is ruled out


def test_the_worlds_kept_on_a_pack_are_bounded() -> None:
    pack = load_pack(ROOT / "content" / "korean-theater").pack
    assert pack is not None
    t = tables(pack)
    for k in range(MAX_WORLDS + 5):
        values = initial_state(pack, "rok", "seed", {"kim_risk_appetite": 1 + k / 100}).values
        world(pack, t, "rok", values, False)
    assert 0 < len(t.worlds) <= MAX_WORLDS


def test_a_rule_whose_effect_changes_its_condition_is_not_fused_apart() -> None:
    halve, lift = (
        (None, 0, _step(0, 0), 0.0, 100.0, None),
        (None, 1, _step(1, 30), 0.0, 100.0, None),
    )
    rule = (1, _above(0, 50), None, (), (halve, lift), 0, CAUSE, "")
    env = [80.0, 20.0, 0.0]
    assert _play([rule], env, 1) == [40.0, 40.0, 0.0]
    assert _play(fused([rule], [frozenset({0})]), env, 1) == [40.0, 40.0, 0.0]
