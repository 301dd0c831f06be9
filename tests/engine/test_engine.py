"""The engine on the example pack: turn order, chance, time modes, endings, determinism."""

from __future__ import annotations

import pytest

from game.content.compiler import load_pack
from game.engine import rng
from game.engine.resolve import QUIET, ChoiceError, initial_state, resolve
from game.engine.session import Session


def play(pack, role: str, seed: str, picks: list[int]) -> Session:
    s = Session.start(pack, role, seed)
    for k in picks:
        if s.over:
            break
        opts = s.briefing().open_options
        s = s.submit(opts[min(k, len(opts) - 1)].id)
    return s


def test_first_briefing_is_the_top_priority_event(example_pack) -> None:
    b = Session.start(example_pack, "us", "a").briefing()
    assert b.event is not None and b.event.id == "shipments"
    assert [o.id for o in b.options] == ["declassify", "quiet"]
    assert b.kind == "historical" and b.source is not None and b.source.id == "article:p2"
    assert b.turn == 1 and b.date.isoformat() == "2023-09-01"


def test_roles_see_their_own_options(example_pack) -> None:
    b = Session.start(example_pack, "russia", "a").briefing()
    assert [o.id for o in b.options] == ["deny", "counter"]


def test_every_change_has_its_cause(example_pack) -> None:
    s = Session.start(example_pack, "us", "a").submit("quiet")
    report = s.steps[-1].report
    tension = report.changes_to("tension")
    assert tension[0].cause.kind == "choice" and tension[0].delta == -3
    assert {c.cause.kind for c in report.changes} <= {
        "choice",
        "rule",
        "actor",
        "later",
        "situation",
        "budget",
    }
    assert report.scheduled[0].turn == 2 and report.scheduled[0].text == "The deliveries continue."


def test_later_effects_land_one_turn_later(example_pack) -> None:
    s = Session.start(example_pack, "us", "a").submit("quiet")
    assert s.value("cooperation") == 30
    s = s.submit(s.briefing().open_options[0].id)
    arrived = s.steps[-1].report.changes_to("cooperation")
    assert arrived[0].cause.kind == "later" and arrived[0].delta == 5


def test_chance_outcome_reports_odds_and_roll(example_pack) -> None:
    for seed in map(str, range(40)):
        s = Session.start(example_pack, "us", seed).submit("declassify")
        (roll,) = [r for r in s.steps[-1].report.rolls if r.what == "Declassify the imagery"]
        expected = rng.roll(s.start_state.key, 1, rng.stream("choice"))
        assert roll.roll == expected
        if roll.result == "Allies sign on":
            assert roll.chance == 0.5 and roll.roll < 0.5
        elif roll.result == "A launch in reply":
            assert roll.chance == pytest.approx(0.3) and 0.5 <= roll.roll < 0.8
        else:
            assert roll.roll >= 0.8


def test_smooth_spreads_a_change_over_turns(example_pack) -> None:
    s = Session.start(example_pack, "us", "3").submit("declassify")
    steps = [c for c in s.steps[-1].report.changes if c.cause.kind == "smooth"]
    assert steps[0].delta == pytest.approx(2)
    s = s.submit(s.briefing().open_options[0].id)
    s = s.submit(s.briefing().open_options[0].id)
    smooth = [c for st in s.steps for c in st.report.changes if c.cause.kind == "smooth"]
    assert len(smooth) == 3 and sum(c.delta for c in smooth) == pytest.approx(6)


def test_decay_fades_a_shock(example_pack) -> None:
    seed = next(
        str(i)
        for i in range(100)
        if 0.5 <= rng.roll(rng.seed_key(str(i)), 1, rng.stream("choice")) < 0.8
    )
    s = play(example_pack, "us", seed, [0, 0, 0, 0])
    decay = [c.delta for st in s.steps for c in st.report.changes if c.cause.kind == "decay"]
    assert decay[0] == 12 and decay[1] == pytest.approx(-6) and decay[2] == pytest.approx(-3)


def test_lag_lands_later(example_pack) -> None:
    s = Session.start(example_pack, "russia", "a").submit("counter")
    assert not s.steps[-1].report.changes_to("cooperation")
    s = s.submit(s.briefing().open_options[0].id)
    s = s.submit(s.briefing().open_options[0].id)
    lagged = [c for st in s.steps for c in st.report.changes if c.cause.kind == "lag"]
    assert lagged and lagged[0].delta == 10


def test_closed_choices_are_shown_with_why_and_refused(example_pack) -> None:
    s = Session.start(example_pack, "russia", "a").submit("deny")
    while s.briefing().event is None or s.briefing().event.id != "treasury":
        s = s.submit(s.briefing().open_options[0].id)
        if s.over:
            pytest.skip("treasury not drawn on this seed")
    veto = next(o for o in s.briefing().options if o.id == "veto")
    assert not veto.open and veto.why_closed == "Needs deeper cooperation first."
    with pytest.raises(ChoiceError, match="closed"):
        s.submit("veto")


def test_unknown_choice_is_refused(example_pack) -> None:
    s = Session.start(example_pack, "us", "a")
    with pytest.raises(ChoiceError):
        s.submit("deny")  # Russia's option
    with pytest.raises(ChoiceError):
        s.submit(QUIET)


def test_values_are_clamped_to_their_range(pack_copy) -> None:
    folder = pack_copy(
        {"events.toml": [('effects = ["tension -= 3"]', 'effects = ["tension -= 300"]')]}
    )
    pack = load_pack(folder).pack
    s = Session.start(pack, "us", "a").submit("quiet")
    (c,) = s.steps[-1].report.changes_to("tension")
    assert c.after == 0 and c.clamped


def test_escalation_last_rung_ends_the_game(pack_copy) -> None:
    folder = pack_copy(
        {"events.toml": [('effects = ["tension -= 3"]', 'effects = ["escalation += 9"]')]}
    )
    s = Session.start(load_pack(folder).pack, "us", "a").submit("quiet")
    assert s.over and s.state.ending == "war"
    assert s.ending().title == "War on the peninsula"
    with pytest.raises(ChoiceError, match="over"):
        s.submit("quiet")


def test_game_ends_after_the_turn_limit_with_a_scorecard(example_pack) -> None:
    s = play(example_pack, "us", "end", [1] * 20)
    assert s.over and len(s.steps) == example_pack.meta.turns
    card = s.scorecard()
    assert [sc.objective.id for sc in card.scores] == ["calm", "sanctions"]
    assert 0 <= card.total <= 100


def test_quiet_turn_has_one_option(pack_copy) -> None:
    folder = pack_copy({"events.toml": [("turn_max = 2", "turn_max = 1")]})
    pack = load_pack(folder).pack
    s = Session.start(pack, "us", "q").submit("quiet")
    # treasury was drawn or nothing: run until a quiet turn shows up
    for _ in range(6):
        b = s.briefing()
        if b.event is None:
            assert [o.id for o in b.options] == [QUIET]
            return
        s = s.submit(b.open_options[0].id)
    pytest.fail("no quiet turn")


def test_same_seed_same_game_bit_for_bit(example_pack) -> None:
    a = play(example_pack, "russia", "s", [1, 0, 1, 0, 1, 0])
    b = play(example_pack, "russia", "s", [1, 0, 1, 0, 1, 0])
    assert [st.state for st in a.steps] == [st.state for st in b.steps]
    assert a.state.digest() == b.state.digest()


def test_other_seeds_give_other_worlds(example_pack) -> None:
    digests = {play(example_pack, "us", str(i), [0] * 6).state.digest() for i in range(10)}
    assert len(digests) > 1


def test_explain_false_reaches_the_same_state(example_pack) -> None:
    s = Session.start(example_pack, "us", "fast")
    state = s.state
    for _ in range(6):
        if state.over:
            break
        choice = s.briefing().open_options[0].id
        state, none = resolve(example_pack, state, choice, explain=False)
        s = s.submit(choice)
        assert none is None and state == s.state


def test_assumptions_change_the_world(example_pack) -> None:
    a = initial_state(example_pack, "us", "x")
    b = initial_state(example_pack, "us", "x", {"china_restrains": False, "hawk_bias": 2.0})
    slot = example_pack.scope.get("assume.hawk_bias").slot
    assert a.values[slot] == 1.0 and b.values[slot] == 2.0


def test_unknown_role_is_refused(example_pack) -> None:
    with pytest.raises(ChoiceError, match="unknown role"):
        Session.start(example_pack, "china", "x")


def test_draw_says_why(example_pack) -> None:
    s = Session.start(example_pack, "us", "w").submit("quiet")
    draw = s.steps[-1].report.draw
    assert draw is not None and draw.event == s.state.event
    assert "tier" in draw.reason or "set in motion" in draw.reason
    assert 0 < draw.probability <= 1


@pytest.mark.parametrize("step", ["day", "week", "month", "quarter", "year"])
def test_a_quiet_turn_speaks_the_packs_calendar(tmp_path, step: str) -> None:
    """The quiet turn's title, its one option, the default quiet text and the report follow
    the calendar's `step`."""
    from game.report.build import build_report
    from game.report.markdown import render_markdown
    from game.scaffold import new_pack

    folder = new_pack(tmp_path / "pack")
    for toml in folder.glob("*.toml"):  # only the first turn has a briefing
        text = toml.read_text(encoding="utf-8").replace('step = "month"', f'step = "{step}"')
        toml.write_text(text.replace('when = "', 'when = "turn <= 1 and ', 2), encoding="utf-8")
    result = load_pack(folder)
    assert result.pack is not None, [p.format() for p in result.errors]
    s = Session.start(result.pack, "advisor", "q")
    s = s.submit(s.briefing().open_options[0].id)
    b = s.briefing()
    assert b.event is None and not s.over
    shown = " ".join([b.title, b.text, *(f"{o.label} {o.description}" for o in b.options)])
    assert b.title == f"A quiet {step}" and f"Let the {step} pass." in shown
    assert f"A quiet {step}. No decision" in b.text
    others = {"day", "week", "month", "quarter", "year"} - {step}
    assert not [w for w in others if w in shown], shown
    report = build_report(s.submit(QUIET))
    assert {d.title for d in report.decisions if d.event is None} == {f"A quiet {step}"}
    assert "quiet month(s)" not in render_markdown(report)
