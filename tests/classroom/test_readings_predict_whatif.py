"""Qualitative readings, predictions and their scoring, and counterfactuals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.classroom.predict import Prediction, direction, parse_direction, score_predictions
from game.classroom.whatif import WhatIfError, debrief_whatifs, decision_turns, whatif
from game.engine.session import Session
from game.views.readings import chance_word, level, qualitative, score_word, trend


def play(pack, role="us", seed="class-3", pick=0) -> Session:
    session = Session.start(pack, role, seed)
    while not session.over:
        options = session.briefing().open_options
        session = session.submit(options[min(pick, len(options) - 1)].id)
    return session


# -- readings ----------------------------------------------------------------------------------


def test_levels_use_threshold_labels_else_the_range(example_pack) -> None:
    tension = example_pack.variable("tension")  # thresholds: 30 tense, 70 crisis
    sanctions = example_pack.variable("sanctions")  # none: 0–100
    assert level(tension, 75) == "crisis" and level(tension, 40) == "tense"
    assert level(tension, 10) == "very low"  # below every threshold: the range decides
    assert [level(sanctions, v) for v in (5, 30, 50, 70, 95, 100)] == [
        "very low", "low", "moderate", "high", "very high", "very high",
    ]  # fmt: skip


def test_trends_are_relative_to_the_range(example_pack) -> None:
    v = example_pack.variable("sanctions")
    assert trend(v, 50, None) == ""
    assert trend(v, 50.5, 50) == "steady"
    assert trend(v, 53, 50) == "edging up" and trend(v, 47, 50) == "edging down"
    assert trend(v, 60, 50) == "rising" and trend(v, 40, 50) == "falling"
    assert trend(v, 80, 50) == "rising sharply" and trend(v, 20, 50) == "falling sharply"
    assert qualitative(v, 75, 50) == "high, rising sharply"
    assert qualitative(example_pack.variable("tension"), 75) == "crisis"


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6) | st.none())
def test_a_reading_never_shows_a_digit(value: float, previous: float | None) -> None:
    from game.content.compiler import load_pack
    from tests.support import EXAMPLE

    pack = _PACK.get("p") or _PACK.setdefault("p", load_pack(EXAMPLE).pack)
    for v in pack.variables:
        text = qualitative(v, value, previous)
        assert text and not any(ch.isdigit() for ch in text), text


_PACK: dict = {}


@given(
    low=st.floats(-1000, 1000),
    span=st.floats(0.01, 5000),
    at=st.floats(0, 1),
    moved=st.floats(-1, 1),
    steady=st.floats(0, 50),
)
def test_a_predicted_variable_reads_as_its_verdict(
    example_pack, low: float, span: float, at: float, moved: float, steady: float
) -> None:
    """Whatever the range, the move and the class's threshold: the words of a predicted
    variable say steady exactly when its prediction is scored steady, and up or down with it."""
    import dataclasses

    var = dataclasses.replace(example_pack.variable("sanctions"), min=low, max=low + span)
    previous = low + at * span
    value = previous + moved * span
    verdict = direction(value - previous, steady)
    words = trend(var, value, previous, steady)
    assert (words == "steady") == (verdict == "steady"), (words, verdict)
    if verdict != "steady":
        assert ("up" in words or "rising" in words) == (verdict == "up"), (words, verdict)


def test_the_plain_meters_read_steady_when_the_verdict_is_steady(
    classroom_file, example_pack, tmp_path
) -> None:
    """A class that counts moves under 6 as steady: after each reveal, the meter of the
    predicted variable reads as the verdict did (edging up beside went steady was the bug)."""
    import re

    from game.classroom.load import load_classroom
    from tests.classroom.test_plain_classroom import answers, run_game

    path = classroom_file(
        ("steady = 1", "steady = 6"), ("whatif_runs = 0", "whatif_runs = 0\nhide_numbers = true")
    )
    settings, problems = load_classroom(path, example_pack)
    assert settings is not None, problems
    meters_first = ["Ada Lovelace", *(["m", *answers(1)[1:]] * 12)]  # m: the meters, in words
    rc, out = run_game(settings, example_pack, meters_first, tmp_path)
    assert rc == 0
    turns = re.findall(
        r"Peninsula tension  you said \w+, it went (\w+).*?"
        r"Meters:\n  Peninsula tension: [^,\n]+, ([^\n]+)",
        out,
        re.S,
    )
    assert len(turns) >= 3, out
    for verdict, words in turns:
        assert (words == "steady") == (verdict == "steady"), (verdict, words)


def test_words_for_scores_and_chances() -> None:
    assert [score_word(x) for x in (90, 70, 50, 30, 5)] == [
        "excellent", "good", "mixed", "poor", "very poor",
    ]  # fmt: skip
    assert chance_word(0.95) == "almost certain" and chance_word(0.5) == "even odds"
    assert chance_word(0.01) == "remote"


# -- predictions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("u", "up"), ("UP", "up"), ("+", "up"), (" d ", "down"), ("fall", "down"), ("s", "steady"),
     ("same", "steady"), ("=", "steady"), ("x", None), ("", None), ("upp", None)],
)  # fmt: skip
def test_parse_direction(text: str, expected: str | None) -> None:
    assert parse_direction(text) == expected


def test_direction_has_a_dead_zone() -> None:
    assert direction(0.5, 1.0) == "steady" and direction(-0.99, 1.0) == "steady"
    assert direction(1.0, 1.0) == "up" and direction(-3, 1.0) == "down"
    assert direction(0.001, 0.0) == "up" and direction(0.0, 0.0) == "steady"


def test_predictions_are_scored_against_the_turns_change(example_pack) -> None:
    session = play(example_pack)
    states = session.states()
    slot = example_pack.variable("tension").slot
    truth = [
        direction(b.values[slot] - a.values[slot], 1.0)
        for a, b in zip(states, states[1:], strict=False)
    ]
    wrong = {"up": "down", "down": "up", "steady": "up"}
    predictions = [
        Prediction(turn=i + 1, choice=step.choice,
                   expect={"tension": truth[i] if i % 2 == 0 else wrong[truth[i]]})
        for i, step in enumerate(session.steps)
    ]  # fmt: skip
    predictions.append(Prediction(turn=99, expect={"tension": "up"}))  # never played: left out
    predictions.append(Prediction(turn=1, choice="not-this", expect={"tension": "up"}))
    score = score_predictions(session, predictions, 1.0)
    n = len(session.steps)
    assert score.total == n and score.hits == (n + 1) // 2
    assert score.by_variable() == {"tension": ((n + 1) // 2, n)}
    assert score.accuracy == pytest.approx(((n + 1) // 2) / n)
    assert score_predictions(session, [], 1.0).accuracy is None


# -- counterfactuals ---------------------------------------------------------------------------


def test_the_played_choice_on_its_own_dice_gives_the_played_ending(example_pack) -> None:
    session = play(example_pack)
    for turn in decision_turns(session):
        w = whatif(session, turn, runs=5, dice="same")
        assert w.actual.own_dice == session.state.ending
        # with the game's dice and the player's own later choices, every run is the game itself
        assert w.actual.endings == {session.state.ending: 5}


def test_whatif_is_paired_repeatable_and_complete(example_pack) -> None:
    session = play(example_pack)
    turn = decision_turns(session)[0]
    a = whatif(session, turn, runs=60)
    b = whatif(session, turn, runs=60)
    assert a == b  # the same dice and the same later choices every time
    assert a.chosen == session.steps[turn - 1].choice
    assert {x.choice for x in a.alternatives} == {
        o.id for o in _open(session, turn) if o.id != a.chosen
    }
    for branch in a.branches:
        assert sum(branch.endings.values()) == 60
        assert 0 <= branch.mean_score <= 100
    assert set(a.ending_ids()) <= set(a.ending_titles)


def _open(session, turn):
    return session.fork(turn - 1).briefing().open_options


def test_whatif_refuses_what_did_not_exist(example_pack) -> None:
    session = play(example_pack)
    with pytest.raises(WhatIfError, match="not played"):
        whatif(session, 99)
    with pytest.raises(WhatIfError, match="not an option"):
        whatif(session, decision_turns(session)[0], ["no-such-choice"])
    with pytest.raises(WhatIfError, match="runs"):
        whatif(session, 1, runs=0)
    with pytest.raises(WhatIfError, match="dice"):
        whatif(session, 1, dice="loaded")
    quiet = [s.turn for s in session.states()[:-1] if s.event is None]
    for turn in quiet:
        with pytest.raises(WhatIfError, match="quiet month"):
            whatif(session, turn)


def test_debrief_whatifs_cover_every_decision_with_a_choice(example_pack) -> None:
    session = play(example_pack, pick=1)
    found = debrief_whatifs(session, runs=4)
    assert [w.turn for w in found] == decision_turns(session)
    assert debrief_whatifs(session, runs=0) == []


def test_whatif_on_an_agenda_turn_weighs_every_briefing_on_the_desk(example_pack) -> None:
    """Seed b puts the summit and the aid request on the desk at turn 3; the player handles the
    second. The counterfactual is about that one, and its alternatives include the other's."""
    session = Session.start(example_pack, "us", "b")
    while not session.over:
        session = session.submit(session.agenda()[-1].open_options[0].decision)
    state = session.states()[2]
    assert state.desk == ("summit", "aid") and session.steps[2].choice == "aid/fund"
    assert 3 in decision_turns(session)
    w = whatif(session, 3, runs=5, dice="same")
    assert (w.event, w.title, w.chosen) == ("aid", "A request for food aid", "aid/fund")
    assert w.actual.label == "Fund the deliveries"
    assert w.actual.own_dice == session.state.ending  # the player's own later choices replayed
    labels = {b.choice: b.label for b in w.alternatives}
    assert labels == {
        "accept": "Accept and prepare a summit (on “A summit offer”)",
        "note": "Take note through the usual channels (on “A summit offer”)",
        "aid/decline": "Decline for now",
    }
