"""A save whose stored fields contradict its own decisions is never 'ok', even with its checksum
made to match (anyone can recompute a SHA-256): `saves verify` replays it and checks every
field it derives from the decisions, and the header against the pack."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers_saves import PINNED, play, us_game
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.saves import SaveStore
from game.saves.format import ClassroomPart, checksum

EVENTS = ["shipments", "treasury", "talks", "drills", "envoy", None]


def reseal(doc: dict) -> bytes:
    doc = {k: v for k, v in doc.items() if k != "checksum"}
    doc["checksum"] = checksum(doc)
    return json.dumps(doc, indent=2).encode()


def _decision(doc, draw) -> dict:
    return doc["decisions"][draw(st.integers(0, len(doc["decisions"]) - 1))]


def _value(doc, draw) -> str:
    return draw(st.sampled_from(sorted(doc["state"]["values"])))


def _other(value, draw) -> object:
    if isinstance(value, bool):
        return not value
    return value + draw(st.sampled_from([-7.5, -1.0, 0.5, 1.0, 12.0]))


FORGERIES = {
    "state turn": lambda doc, draw: doc["state"].update(turn=doc["state"]["turn"] + draw(
        st.sampled_from([-2, -1, 1, 5]))),
    "state date": lambda doc, draw: doc["state"].update(date=str(
        dt.date.fromisoformat(doc["state"]["date"]) + dt.timedelta(days=draw(st.integers(1, 90))))),
    "state event": lambda doc, draw: doc["state"].update(event=draw(st.sampled_from(EVENTS))),
    "state ending": lambda doc, draw: doc["state"].update(
        ending=draw(st.sampled_from(["war", "bloc", "standoff", None]))),
    "a value": lambda doc, draw: doc["state"]["values"].update(
        {(k := _value(doc, draw)): _other(doc["state"]["values"][k], draw)}),
    "a value removed": lambda doc, draw: doc["state"]["values"].pop(_value(doc, draw)),
    "a value added": lambda doc, draw: doc["state"]["values"].update(morale=50.0),
    "a decision's turn": lambda doc, draw: _decision(doc, draw).update(
        turn=draw(st.integers(1, 30))),
    "a decision's event": lambda doc, draw: _decision(doc, draw).update(
        event=draw(st.sampled_from(EVENTS))),
    "a decision's digest": lambda doc, draw: _decision(doc, draw).update(
        digest=draw(st.from_regex(r"[0-9a-f]{32}", fullmatch=True))),
    "a decision's fingerprint": lambda doc, draw: _decision(doc, draw).update(
        spec=draw(st.from_regex(r"[0-9a-f]{16}", fullmatch=True))),
    "the final digest": lambda doc, draw: doc["state"].update(
        digest=draw(st.from_regex(r"[0-9a-f]{32}", fullmatch=True))),
    "the pack's version": lambda doc, draw: doc["pack"].update(version="9.9.9"),
    "the pack's title": lambda doc, draw: doc["pack"].update(title="Another pack"),
    "the role": lambda doc, draw: doc.update(role="russia" if doc["role"] == "us" else "us"),
    "the classroom's seed": lambda doc, draw: doc["classroom"]["settings"]["classroom"].update(
        seed="another-class"),
    "the classroom's assumptions": lambda doc, draw: doc["classroom"]["settings"].update(
        assumptions={"hawk_bias": 2.0}),
    "decisions dropped": lambda doc, draw: doc.update(
        decisions=doc["decisions"][: draw(st.integers(0, len(doc["decisions"]) - 1))]),
}  # fmt: skip


@pytest.fixture(scope="module")
def saves(pinned, tmp_path_factory):
    """Real saves of the pinned pack: a finished game, one under way, another role's, and a
    classroom game's (with its copy of the settings)."""
    store = SaveStore(tmp_path_factory.mktemp("saves"))
    games = {"ended": us_game(pinned), "under way": us_game(pinned).fork(3)}
    games["russia"] = play(pinned, "russia", "r", n=4)
    part = ClassroomPart(settings={"classroom": {"id": "week-6", "seed": "abc"}, "assumptions": {}})
    saved = {"classroom": store.save(us_game(pinned).fork(4), "classroom", part).read_bytes()}
    return saved | {
        name: store.save(game, name.replace(" ", "-")).read_bytes() for name, game in games.items()
    }


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from(["ended", "under way", "russia", "classroom"]),
    forgery=st.sampled_from(sorted(FORGERIES)),
    data=st.data(),
)
def test_a_save_contradicting_its_decisions_is_never_ok(
    saves, pinned, tmp_path, which, forgery, data
):
    doc = json.loads(saves[which])
    assume(doc["classroom"] is not None or not forgery.startswith("the classroom"))
    before = json.dumps(doc, sort_keys=True)
    FORGERIES[forgery](doc, data.draw)
    assume(json.dumps(doc, sort_keys=True) != before)
    path = tmp_path / "forged.json"
    path.write_bytes(reseal(doc))
    store = SaveStore(tmp_path)
    try:
        problems = store.load(path, pinned).problems
    except Exception as e:  # refused outright (a SaveError) is fine too: never 'ok'
        assert type(e).__name__ == "SaveError", e
        return
    assert problems, f"{forgery}: verify would say ok"


def test_an_untouched_save_is_ok(saves, pinned, tmp_path) -> None:
    for name, raw in saves.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(reseal(json.loads(raw)))
        assert SaveStore(tmp_path).load(path, pinned).problems == [], name


def test_verify_names_what_the_forged_save_contradicts(saves, tmp_path, capsys) -> None:
    doc = json.loads(saves["under way"])
    doc["state"].update(turn=9, ending="war")
    (tmp_path / "forged.json").write_bytes(reseal(doc))
    code = main(["saves", "verify", "forged", "--saves", str(tmp_path), "--pack", str(PINNED)])
    out = capsys.readouterr().out
    assert code == 1
    assert out == (
        "forged.json: DIVERGES from pack example 1.0.0 (example 1.0.0, us, turn 9)\n"
        "  the save contradicts its own decisions: its turn is 9, the decisions give 4; its "
        "ending is 'war', the decisions give none (it was edited after it was written, its "
        "checksum made to match, or written by a faulty game)\n"
    )
