"""A pack edited under a save: the replay goes as far as it can and says where and why it stops.

The saved game is the pinned pack's US game: turn 1 shipments → declassify, 2 treasury →
designate, 3 talks → warn, 4 a quiet month, 5 talks → warn, 6 a quiet month.
"""

from __future__ import annotations

import shutil

import pytest
from helpers_saves import PINNED, US_CHOICES, compile_pack, pinned_copy, us_game

from game.engine.session import Session
from game.saves import SaveError

EDITED = "pack 'example' changed since this save (version 1.0.0, files edited)"


@pytest.fixture
def saved(store, pinned):
    store.save(us_game(pinned), "game")
    return store


def _edited(tmp_path, *edits):
    return compile_pack(pinned_copy(tmp_path / "pack", list(edits)))


def test_unchanged_pack_replays_without_a_word(saved, tmp_path):
    loaded = saved.load("game", _edited(tmp_path))
    assert loaded.problems == []
    assert loaded.session.choices == tuple(US_CHOICES)


def test_new_version_that_changes_nothing_played_is_silent(saved, tmp_path):
    pack = _edited(
        tmp_path,
        ("pack.toml", 'version = "1.0.0"', 'version = "1.1.0"'),
        ("events.toml", "Imagery shows", "New imagery shows"),  # text only
    )
    assert saved.load("game", pack).problems == []


def test_removed_choice(saved, tmp_path):
    pack = _edited(tmp_path, ("events.toml", 'id = "designate"', 'id = "designate_all"'))
    loaded = saved.load("game", pack)
    assert loaded.problems == [
        "turn 2: choice 'designate' of event 'treasury' no longer exists; "
        "replayed 1 of 6 decisions",
        EDITED,
    ]
    assert loaded.session.choices == ("declassify",)  # the player goes on from turn 2
    assert loaded.session.state.event == "treasury"


def test_removed_event(saved, tmp_path):
    text = (PINNED / "events.toml").read_text(encoding="utf-8")
    talks = text[text.index('[[event]]\nid = "talks"') : text.index('[[event]]\nid = "drills"')]
    loaded = saved.load("game", _edited(tmp_path, ("events.toml", talks, "")))
    assert loaded.problems == [
        "turn 3: event 'talks' no longer exists; replayed 2 of 6 decisions",
        EDITED,
    ]
    assert loaded.session.choices == ("declassify", "designate")


def test_changed_effect(saved, tmp_path):
    edit = ("events.toml", 'effects = ["sanctions += 8"]', 'effects = ["sanctions += 9"]')
    loaded = saved.load("game", _edited(tmp_path, edit))
    assert loaded.problems == [
        "turn 2: choice 'designate' of event 'treasury' has changed since the save (its "
        "effects, outcomes or conditions differ); the game follows the new rules from here",
        "after all 6 decisions: sanctions 81 (saved 80)",
        EDITED,
    ]
    assert loaded.session.choices == tuple(US_CHOICES)  # every decision still stands


def test_changed_rule_is_told_apart_from_a_changed_choice(saved, tmp_path):
    loaded = saved.load("game", _edited(tmp_path, ("world.toml", "tension -= 1", "tension -= 2")))
    assert loaded.problems == [
        "turn 1: choice 'declassify' of event 'shipments' is unchanged, but the state after it "
        "differs from the save: the pack's rules, actors, situations or other content changed",
        "after all 6 decisions: tension 36 (saved 42)",
        EDITED,
    ]


def test_choice_closed_now(saved, tmp_path):
    edit = ("events.toml", 'id = "designate"', 'id = "designate"\n  when = "tension > 1000"')
    loaded = saved.load("game", _edited(tmp_path, edit))
    assert loaded.problems[0] == (
        "turn 2: choice 'designate' of event 'treasury' is now closed (it requires "
        "tension > 1000); replayed 1 of 6 decisions"
    )


def test_choice_no_longer_open_to_the_role(saved, tmp_path):
    old = 'id = "designate"\n  label = "Designate them"\n  roles = ["us"]'
    loaded = saved.load(
        "game", _edited(tmp_path, ("events.toml", old, old.replace("us", "russia")))
    )
    assert loaded.problems[0] == (
        "turn 2: choice 'designate' of event 'treasury' is no longer open to the role 'us'; "
        "replayed 1 of 6 decisions"
    )


def test_event_no_longer_drawn(saved, tmp_path):
    # talks now waits for turn 4, so turn 3 becomes a quiet month
    loaded = saved.load("game", _edited(tmp_path, ("events.toml", "turn >= 2", "turn >= 4")))
    assert loaded.problems[0] == (
        "turn 3: event 'talks' is no longer drawn here (it is now a quiet month); "
        "replayed 2 of 6 decisions"
    )


def test_game_now_ends_earlier(saved, tmp_path):
    pack = _edited(tmp_path, ("pack.toml", "turns = 6", "turns = 4"))
    loaded = saved.load("game", pack)
    assert loaded.problems[0] == (
        "turn 5: the game now ends before this decision ('standoff'); replayed 4 of 6 decisions"
    )
    assert loaded.problems[-1] == EDITED


def test_removed_role_cannot_load(saved, tmp_path):
    renamed = tmp_path / "renamed"
    shutil.copytree(PINNED, renamed)
    for path in renamed.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"us"', '"usa"').replace("{ us =", "{ usa ="), "utf-8")
    with pytest.raises(SaveError) as e:
        saved.load("game", compile_pack(renamed))
    path = saved.root / "game.json"
    assert str(e.value) == (
        f"{path}: the role 'us' of this save no longer exists in pack 'example' "
        "(roles: usa, russia)"
    )
    assert e.value.path == path


def test_removed_assumption(store, pinned, tmp_path):
    session = Session.replay(pinned, "us", "abc", US_CHOICES[:2], assumptions={"hawk_bias": 0.5})
    store.save(session, "a")
    text = (PINNED / "pack.toml").read_text(encoding="utf-8")
    block = text[text.index('[[assumption]]\nid = "hawk_bias"') : text.index("[[source]]")]
    edits = [("pack.toml", block, ""), ("events.toml", "0.3 * assume.hawk_bias", "0.3")]
    loaded = store.load("a", _edited(tmp_path, *edits))
    assert loaded.problems[0] == "assumption 'hawk_bias' no longer exists in the pack; ignored"
    assert EDITED in loaded.problems


def test_an_event_where_the_save_had_a_quiet_month(saved, tmp_path):
    loaded = saved.load("game", _edited(tmp_path, ("events.toml", "cooldown = 1", "cooldown = 0")))
    assert loaded.problems[0] == (
        "turn 4: the save had a quiet month here, but the pack now draws 'talks'; "
        "replayed 3 of 6 decisions"
    )


def test_an_engine_failure_during_the_replay_is_reported_not_raised(saved, pinned, monkeypatch):
    submit = Session.submit

    def failing(self, choice, rationale=""):
        if choice == "warn":
            raise ZeroDivisionError("division by zero")
        return submit(self, choice, rationale)

    monkeypatch.setattr(Session, "submit", failing)
    loaded = saved.load("game", pinned)
    assert loaded.problems == [
        "turn 3: the game fails on this decision (ZeroDivisionError: division by zero); "
        "replayed 2 of 6 decisions"
    ]
