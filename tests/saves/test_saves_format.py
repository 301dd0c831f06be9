"""The file format: the checksum, and a test per migration from an older version."""

from __future__ import annotations

import json
import shutil

from helpers_saves import HERE, US_CHOICES, us_game

from game.engine.session import Session
from game.saves import FORMAT_VERSION, read_save
from game.saves.format import MIGRATIONS, checksum, decode, encode
from game.saves.replay import snapshot

V1 = HERE / "data" / "v1-example.json"
V2 = HERE / "data" / "v2-example.json"


def test_every_old_version_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


def test_encode_decode_round_trip(pinned):
    import datetime as dt

    now = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    data = snapshot(us_game(pinned), now, now)
    raw = encode(data)
    assert decode(raw, "x.json") == data
    doc = json.loads(raw)
    assert doc["checksum"] == checksum(doc)
    assert doc["version"] == FORMAT_VERSION


# -- migration 1 → 2 -------------------------------------------------------------------------


def test_v1_file_reads_as_current(pinned):
    data = read_save(V1)
    assert data.version == FORMAT_VERSION
    assert data.choices == US_CHOICES[:4]
    assert data.rationales == ["Show Moscow we see it.", "Keep the pressure on.", "", ""]
    assert [d.turn for d in data.decisions] == [1, 2, 3, 4]
    assert all(d.event is None and d.digest == "" for d in data.decisions)  # unknown in v1
    assert data.assumptions == {}
    assert data.started_at == data.saved_at
    assert data.saved_at.utcoffset().total_seconds() == 9 * 3600
    assert data.state.turn == 5 and data.state.values == {}


def test_v1_save_loads_replays_and_is_rewritten_as_current(tmp_path, pinned):
    from game.saves import SaveStore

    store = SaveStore(tmp_path / "saves")
    store.root.mkdir()
    shutil.copy(V1, store.root / "old.json")
    loaded = store.load("old", pinned)
    # the v1 file stored the digest of its last state: the replay reproduces it exactly
    assert loaded.problems == []
    expected = Session.replay(
        pinned,
        "us",
        "abc",
        US_CHOICES[:4],
        ["Show Moscow we see it.", "Keep the pressure on.", "", ""],
    )
    assert loaded.session == expected
    assert (loaded.info.turn, loaded.info.date.isoformat()) == (5, "2024-01-01")
    store.save(loaded.session, "old")
    assert json.loads((store.root / "old.json").read_text("utf-8"))["version"] == FORMAT_VERSION
    assert read_save(store.root / "old.json.bak").version == FORMAT_VERSION  # migrated on read


def test_v1_save_whose_state_no_longer_matches(tmp_path, pinned):
    from game.saves import SaveStore

    doc = json.loads(V1.read_text("utf-8"))
    doc["state"]["digest"] = "0" * 32
    doc["pack"]["digest"] = "edited"
    store = SaveStore(tmp_path)
    (tmp_path / "old.json").write_text(json.dumps(doc), "utf-8")
    loaded = store.load("old", pinned)
    assert loaded.problems == [
        "after all 4 decisions the state differs from the save (its digest differs)",
        "pack 'example' changed since this save (version 1.0.0, files edited)",
    ]
    assert loaded.session.choices == tuple(US_CHOICES[:4])


def test_v1_save_with_a_removed_choice_still_says_where(tmp_path, pinned):
    from game.saves import SaveStore

    doc = json.loads(V1.read_text("utf-8"))
    doc["choices"][1] = "gone"
    store = SaveStore(tmp_path)
    (tmp_path / "old.json").write_text(json.dumps(doc), "utf-8")
    assert store.load("old", pinned).problems[0] == (
        "turn 2: choice 'gone' of event 'treasury' no longer exists; replayed 1 of 4 decisions"
    )


# -- migration 2 → 3 -------------------------------------------------------------------------


def test_v2_file_reads_as_current_without_a_classroom_part(pinned):
    data = read_save(V2)
    assert data.version == FORMAT_VERSION
    assert data.classroom is None
    assert data.choices == US_CHOICES
    assert data.rationales == [f"because {i}" for i in range(len(US_CHOICES))]


def test_v2_save_loads_exactly_and_saves_as_current(tmp_path, pinned):
    from game.saves import SaveStore

    store = SaveStore(tmp_path / "saves")
    store.root.mkdir()
    shutil.copy(V2, store.root / "old.json")
    loaded = store.load("old", pinned)
    assert loaded.problems == []  # every decision's digest matches: the same game
    assert loaded.session.state.digest() == read_save(V2).state.digest
    before = (store.root / "old.json").read_bytes()
    store.save(loaded.session, "old")  # the same game: nothing to write, the file is kept
    assert (store.root / "old.json").read_bytes() == before
    store.save(loaded.session, "copy")
    assert json.loads((store.root / "copy.json").read_text("utf-8"))["version"] == FORMAT_VERSION


def test_a_classroom_part_round_trips(pinned, tmp_path):
    from game.saves import ClassroomPart, SaveStore

    part = ClassroomPart(
        settings={"classroom": {"id": "week-6", "seed": "abc"}},
        pack_path="/packs/example",
        player="Ada",
        predictions=[{"turn": 1, "choice": "declassify", "expect": {"tension": "up"}}],
    )
    store = SaveStore(tmp_path)
    path = store.save(us_game(pinned), "ada", part)
    assert read_save(path).classroom == part
    assert store.load("ada", pinned).classroom == part
