"""The words the front ends share (game.views): the fog of the staff forecast, words that never
leak a number, the budget, the agenda's defaults, the handled briefing, and why a game ended."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom.load import load_classroom
from game.content.compiler import load_pack
from game.engine.counterfactual import decisive
from game.engine.explain import why_ending
from game.engine.session import Session
from game.views.agenda import default_of, handled, left_items, others_note, spent_text
from game.views.budget import budget_text, closed_text, cost_text
from game.views.ending import pivot_text, result_word, why_text
from game.views.forecast import forecast_lines, forecast_summary, option_forecast
from game.views.policy import fog_level

ROOT = Path(__file__).resolve().parents[2]
PACKS = [ROOT / "tests" / "fixtures" / "packs" / "example", ROOT / "content" / "korean-theater"]
LOADED = [p for p in (load_pack(path).pack for path in PACKS) if p is not None]
DIGIT = re.compile(r"\d")


def play(pack, role: str, seed: str, picks: list[int]) -> list[Session]:
    """Every session of a game that takes, each turn, option `picks[i] % n` of the briefing
    `picks[i] // 7 % len(agenda)` (so agenda turns decide on any briefing)."""
    session = Session.start(pack, role, seed)
    out = [session]
    for pick in picks:
        if session.over:
            break
        agenda = session.agenda()
        options = agenda[pick // 7 % len(agenda)].open_options
        session = session.submit(options[pick % len(options)].decision)
        out.append(session)
    return out


games = st.tuples(
    st.sampled_from(LOADED),
    st.data(),
    st.text(max_size=8),
    st.lists(st.integers(0, 100), max_size=25),
)


def without(text: str, *labels: str) -> str:
    for label in sorted(labels, key=len, reverse=True):
        text = text.replace(label, "")
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_words_never_show_a_number(game) -> None:
    """In words (a pack's default fog, or a classroom that hides numbers), the forecast, the
    budget and the costs say no figure the pack's own labels do not contain."""
    pack, data, seed, picks = game
    role = data.draw(st.sampled_from(sorted(pack.roles)))
    for session in play(pack, role, seed, picks):
        state = session.state
        if pack.budget is not None:
            label = pack.variable(pack.budget.variable).label
            assert not DIGIT.search(without(budget_text(pack, state, False), label))
        for b in session.agenda():
            if b.event is None:
                continue
            for o in b.options:
                assert not DIGIT.search(cost_text(pack, o.cost, numbers=False))
                if not o.open:
                    why = closed_text(pack, state, b.event, o, numbers=False)
                    if o.why_closed.startswith("costs "):  # the budget's reason, in words
                        assert not DIGIT.search(why)
                    continue
                fc = option_forecast(pack, state, b.event, o)
                labels = [m.label for m in fc.meters] + [x.label for x in fc.outcomes]
                for line in forecast_lines(pack, fc, "words"):
                    assert not DIGIT.search(without(line.text, *labels)), line.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_numbers_say_the_forecast_and_none_says_nothing(game) -> None:
    pack, data, seed, picks = game
    role = data.draw(st.sampled_from(sorted(pack.roles)))
    session = play(pack, role, seed, picks)[-1]
    for b in session.agenda():
        if b.event is None:
            continue
        for o in b.open_options:
            fc = option_forecast(pack, session.state, b.event, o)
            lines = [x.text for x in forecast_lines(pack, fc, "numbers")]
            assert forecast_lines(pack, fc, "none") == []
            assert len(lines) == 1 + (len(fc.meters) + len(fc.outcomes) or 1)
            sign = "+" if fc.objectives >= 0 else "−"
            assert lines[0] == f"your objectives {sign}{abs(fc.objectives):.1f}"
            for x in fc.outcomes:
                assert f"{x.chance:.0%} chance: {x.label}" in lines
            words = forecast_lines(pack, fc, "words")
            assert forecast_summary(pack, fc, "words") == "; ".join(x.text for x in words)
            tone = words[0].tone
            assert tone == (
                "good" if fc.objectives >= 0.5 else "bad" if fc.objectives <= -0.5 else ""
            )


@pytest.mark.parametrize(
    ("pack_fog", "classroom", "expected"),
    [
        ("words", None, "words"),
        ("numbers", None, "numbers"),
        ("none", None, "none"),
        ("words", 'forecast = "numbers"', "numbers"),
        ("numbers", 'forecast = "none"', "none"),
        ("none", 'forecast = "words"', "words"),
        ("numbers", "hide_numbers = true", "words"),
        ("words", 'forecast = "numbers"\nhide_numbers = true', "words"),
        ("none", "hide_numbers = true", "none"),
    ],
)
def test_the_fog_of_the_pack_a_classroom_and_hidden_numbers(
    pack_fog, classroom, expected, classroom_file, example_pack
) -> None:
    import dataclasses

    pack = dataclasses.replace(
        example_pack, meta=dataclasses.replace(example_pack.meta, forecast=pack_fog)
    )
    settings_ = None
    if classroom is not None:
        settings_, problems = load_classroom(
            classroom_file(("whatif_runs = 0", f"whatif_runs = 0\n{classroom}")), pack
        )
        assert problems == [], [p.format() for p in problems]
    assert fog_level(pack, settings_) == expected


def test_a_classroom_forecast_that_is_not_a_fog_is_located(classroom_file, example_pack) -> None:
    path = classroom_file(("whatif_runs = 0", 'whatif_runs = 0\nforecast = "exact"'))
    settings_, problems = load_classroom(path, example_pack)
    assert settings_ is None
    assert [(p.code, p.line) for p in problems] == [("C506", 9)]
    assert "'words'" in problems[0].message


def test_the_budget_its_refill_and_a_cost(example_pack) -> None:
    session = Session.start(example_pack, "us", "snap")
    assert budget_text(example_pack, session.state) == "Political capital 2 / 4 · +1.1 next month"
    assert budget_text(example_pack, session.state, False) == (
        "Political capital: moderate · some more next month"
    )
    assert cost_text(example_pack, 2) == "2 capital"
    assert cost_text(example_pack, 0) == ""
    assert cost_text(example_pack, 0.4, numbers=False) == "a little capital"
    assert cost_text(example_pack, 2, numbers=False) == "much capital"


def agenda_turn(pack, role: str = "us", seed: str = "snap") -> Session:
    session = Session.start(pack, role, seed)
    while len(session.agenda()) < 2:
        session = session.submit(session.briefing().open_options[0].decision)
    return session


def test_the_agenda_names_each_other_briefings_default(example_pack) -> None:
    session = agenda_turn(example_pack)
    agenda = session.agenda()
    titles = [b.title for b in agenda]
    assert titles == ["A summit offer", "A request for food aid"]
    assert others_note(example_pack, session.state, agenda, 0) == (
        "Left to its default if you decide here: A request for food aid — Decline for now"
    )
    assert others_note(example_pack, session.state, agenda, 1).endswith(
        "A summit offer — Take note through the usual channels"
    )
    # deciding the second briefing: the report names it, and what the first was left to
    fund = next(o for o in agenda[1].options if o.id == "fund")
    after = session.submit(fund.decision)
    report = after.steps[-1].report
    event, choice = handled(example_pack, report)
    assert (event.id, choice.id) == ("aid", "fund")
    assert left_items(example_pack, report) == [
        "A summit offer — Take note through the usual channels"
    ]
    assert spent_text(example_pack, report) == "Spent: 1 capital"


def test_a_default_that_is_closed_is_said_to_do_nothing(pack_copy) -> None:
    pack = load_pack(
        pack_copy({"strategy.toml": [('  default = true\n  effects = ["sanctions += 1"]',
                                      '  default = true\n  when = "false"\n'
                                      '  effects = ["sanctions += 1"]')]})
    ).pack  # fmt: skip
    assert pack is not None
    session = agenda_turn(pack)
    aid = next(b for b in session.agenda() if b.event.id == "aid")
    assert default_of(pack, session.state, aid.event) is None
    summit = next(o for o in session.agenda()[0].options if o.id == "note")
    report = session.submit(summit.decision).steps[-1].report
    assert left_items(pack, report) == [
        "A request for food aid — nothing was done (no default was open)"
    ]


def finished(pack, role: str, seed: str) -> Session:
    session = Session.start(pack, role, seed)
    while not session.over:
        session = session.submit(session.briefing().open_options[0].decision)
    return session


def test_why_a_war_ended_the_game_and_who_climbed(example_pack) -> None:
    session = finished(example_pack, "us", "b")
    assert session.state.ending == "war"
    assert result_word(session.scorecard().result) == "DEFEAT"
    w = why_text(example_pack, "us", why_ending(session))
    assert w.summary.startswith("The escalation ladder reached its last rung, War")
    assert "a defeat for every side" in w.summary
    assert w.held == ("the escalation ladder on rung 4 of 4 or above (now: rung 4 of 4: War)",)
    assert w.climbed == "5 steps up the escalation ladder: North Korea took 4, you 1."
    assert (
        w.ladder[0] == "Sep 2023 · You (a chance outcome): A launch in reply (Routine → Posturing)"
    )


def test_why_a_fallback_ending_came_says_what_the_others_lacked(example_pack) -> None:
    session = finished(example_pack, "us", "f")
    assert session.state.ending == "standoff"
    w = why_text(example_pack, "us", why_ending(session))
    assert "is what remains" in w.summary and w.held == ()
    titles = [t for t, _ in w.missed]
    assert titles == ["War on the peninsula", "A new bloc"]
    assert all("missed by" in f for _, failed in w.missed for f in failed)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(LOADED),
    st.data(),
    st.text(max_size=6),
    st.lists(st.integers(0, 100), min_size=40, max_size=40),
)
def test_every_finished_game_is_explained(pack, data, seed, picks) -> None:
    """Whatever the game, the words of its ending exist: a result, a summary, one line per
    ladder step, and for each decision that mattered the choice and its best alternative."""
    role = data.draw(st.sampled_from(sorted(pack.roles)))
    session = play(pack, role, seed, picks * 3)[-1]
    if not session.over:
        return
    assert result_word(session.scorecard().result) in ("WIN", "DRAW", "DEFEAT")
    why = why_ending(session)
    w = why_text(pack, role, why)
    assert w.summary and len(w.ladder) == len(why.ladder)
    for p in decisive(session):
        t = pivot_text(session, p)
        assert t.head.startswith(f"Turn {p.turn} · ")
        assert t.lines[0].startswith(f"You chose: {p.label}")
        assert t.lines[1].startswith(f"Best alternative: “{p.alternatives[0].label}”")


CODE = re.compile(r"[<>=!]=|[<>]|\b(flags|assume|situation)\.|\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize("numbers", [True, False])
def test_a_condition_without_closed_text_is_said_in_words(tmp_path, numbers) -> None:
    """A choice its `when` closes, with no `closed_text`, says the condition with the meters'
    labels (and, without numbers, their readings), never the expression the author wrote."""
    pack_dir = tmp_path / "example"
    shutil.copytree(PACKS[0], pack_dir)
    events = pack_dir / "events.toml"
    events.write_text(
        events.read_text().replace('closed_text = "Needs deeper cooperation first."\n', "")
    )
    pack = load_pack(pack_dir).pack
    assert pack is not None
    session = Session.start(pack, "russia", "a").submit("deny")
    while session.briefing().event is None or session.briefing().event.id != "treasury":
        session = session.submit(session.briefing().open_options[0].id)
        assert not session.over, "treasury is drawn on this seed"
    briefing = session.briefing()
    veto = next(o for o in briefing.options if o.id == "veto")
    why = closed_text(pack, session.state, briefing.event, veto, numbers)
    assert why.startswith("requires Russia–DPRK military cooperation at least")
    assert not CODE.search(why), why
    assert bool(DIGIT.search(why)) is numbers, why


def test_plain_objectives_say_how_much_each_counts_as_the_desk_does() -> None:
    from dataclasses import replace

    from game.text import objective_lines
    from game.views.policy import policy

    pack = next(p for p in LOADED if p.meta.id == "korean-theater")
    session = Session.start(pack, "russia", "seed")
    lines = objective_lines(session, policy(pack))
    border = next(line for line in lines if "Far Eastern border" in line)
    assert border.endswith("(counts ×0.75)"), border
    assert not any("counts" in line for line in lines if "partnership" in line)
    hidden = objective_lines(session, replace(policy(pack), numbers=False))
    assert not any("counts" in line or DIGIT.search(line) for line in hidden), hidden
