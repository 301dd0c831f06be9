"""The store: slots, the autosave, backups, listing, deleting, restoring; writes that never
leave a bad file in place of a good one."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest
from helpers_saves import US_CHOICES, play, us_game

from game.engine.session import Session
from game.saves import SaveError, SaveStore, SlotNameError, atomic, read_save, slot_problem
from game.saves import lock as lock_module
from game.saves import store as store_module


class Clock:
    """A clock that moves one minute per save, so that 'newest first' is well defined."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def clocked(tmp_path):
    return SaveStore(tmp_path / "saves", clock=Clock())


def test_save_and_load_keep_everything(store, pinned):
    game = us_game(pinned)
    path = store.save(game, "essay")
    assert path == store.root / "essay.json"
    loaded = store.load("essay", pinned)
    assert loaded.problems == []
    assert loaded.session == game
    assert loaded.session.rationales == game.rationales
    info = loaded.info
    assert (info.slot, info.path, info.pack_id, info.pack_version) == (
        "essay",
        path,
        "example",
        "1.0.0",
    )
    assert (info.role, info.seed, info.turn, info.over) == ("us", "abc", 7, True)
    assert info.date == pinned.date_of(7)
    # the same by path, as text or Path
    assert store.load(str(path), pinned).session == game
    assert store.load(path, pinned).session == game


def test_file_is_small_and_readable(store, pinned):
    path = store.save(us_game(pinned), "x")
    text = path.read_text(encoding="utf-8")
    assert len(text) < 4000
    doc = json.loads(text)
    assert list(doc)[:4] == ["format", "version", "game_version", "pack"]
    assert doc["decisions"][1] == {
        "turn": 2,
        "event": "treasury",
        "choice": "designate",
        "rationale": "because 1",
        "digest": doc["decisions"][1]["digest"],
        "spec": doc["decisions"][1]["spec"],
    }
    assert doc["state"]["values"]["sanctions"] == 80.0
    assert list(doc)[-1] == "checksum"


def test_unusual_text_survives(store, pinned):
    game = Session.start(pinned, "us", "시드 🎲")
    game = game.submit("quiet", 'Ответ: "нет"\n\ttabs, \\ and a lone surrogate \udc80')
    store.save(game, "unicode")
    loaded = store.load("unicode", pinned).session
    assert loaded.seed == game.seed and loaded.choices == game.choices
    assert loaded.rationales == (game.rationales[0].replace("\udc80", "?"),)


def test_list_newest_first_latest_and_unreadable_skipped(clocked, pinned):
    clocked.save(play(pinned, n=1), "first")
    clocked.save(play(pinned, "russia", n=2), "second")
    clocked.autosave(play(pinned, n=3))
    (clocked.root / "junk.json").write_text("{", encoding="utf-8")
    (clocked.root / ".x.json.123.abcd.tmp").write_text("{", encoding="utf-8")
    assert [i.slot for i in clocked.list()] == ["autosave", "second", "first"]
    assert clocked.latest().slot == "autosave"
    scan = clocked.scan()
    assert [e.path.name for e in scan.errors] == ["junk.json"]
    assert SaveStore(clocked.root / "nowhere").list() == []
    assert SaveStore(clocked.root / "nowhere").latest() is None


BAD_NAMES = {
    "": "a save name cannot be empty",
    "   ": "a save name cannot be empty",
    "a" * 65: "a save name has at most 64 characters (this one has 65)",
    "../escape": "a save name cannot contain '/' or '\\'",
    "a/b": "a save name cannot contain '/' or '\\'",
    "a\\b": "a save name cannot contain '/' or '\\'",
    "..": "a save name cannot contain '..'",
    "a..b": "a save name cannot contain '..'",
    ".hidden": "a save name cannot start with '.' or end with '.' or a space",
    "trailing ": "a save name cannot start with '.' or end with '.' or a space",
    "tab\there": "a save name cannot hold line breaks, tabs or other invisible characters",
    "star*": "a save name has only letters, digits, spaces, '-', '_' and '.'",
    "nul\x00": "a save name cannot hold line breaks, tabs or other invisible characters",
    "x\n": "a save name cannot hold line breaks, tabs or other invisible characters",
    "a\u200bb": "a save name cannot hold line breaks, tabs or other invisible characters",
    "\ud800": "a save name cannot hold line breaks, tabs or other invisible characters",
    "𝐀" * 60: "a save name is too long for a file name (at most 200 bytes of UTF-8)",
    "CON": "'CON' is reserved by Windows",
    "lpt1.x": "'lpt1.x' is reserved by Windows",
}


@pytest.mark.parametrize("name", list(BAD_NAMES))
def test_bad_slot_names(name, store, pinned):
    assert slot_problem(name) == BAD_NAMES[name]
    with pytest.raises(SlotNameError) as e:
        store.save(Session.start(pinned, "us", "s"), name)
    assert str(e.value) == f"invalid save name {name!r}: {BAD_NAMES[name]}"
    with pytest.raises(SlotNameError):
        store.delete(name)
    assert not store.root.exists() or list(store.root.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["autosave", "Week 3", "essay-2.final", "한국_1", "Игра", "a" * 64]
)
def test_good_slot_names(name, store, pinned):
    assert slot_problem(name) is None
    game = play(pinned, n=1)
    store.save(game, name)
    assert store.load(name, pinned).session == game


def test_previous_good_file_is_the_backup(store, pinned):
    game = us_game(pinned)
    store.save(game.fork(2), "x")
    assert not (store.root / "x.json.bak").exists()
    store.save(game.fork(3), "x")
    store.save(game, "x")
    assert read_save(store.root / "x.json.bak").choices == US_CHOICES[:3]
    assert store.load_backup("x", pinned).session == game.fork(3)


def test_a_damaged_file_never_becomes_the_backup(store, pinned):
    game = us_game(pinned)
    store.save(game.fork(2), "x")
    store.save(game.fork(3), "x")
    (store.root / "x.json").write_bytes(b'{"format": "korean')  # damaged by something else
    store.save(game, "x")
    assert read_save(store.root / "x.json").choices == US_CHOICES
    assert read_save(store.root / "x.json.bak").choices == US_CHOICES[:2]  # kept, not replaced


def test_a_failed_write_leaves_the_good_file_and_no_litter(store, pinned, monkeypatch):
    game = us_game(pinned)
    store.save(game.fork(3), "x")
    before = (store.root / "x.json").read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(SaveError) as e:
        store.save(game, "x")
    assert str(e.value) == (
        f"{store.root / 'x.json'}: cannot be written (No space left on device); the previous "
        "save is untouched"
    )
    monkeypatch.undo()
    assert (store.root / "x.json").read_bytes() == before
    assert sorted(p.name for p in store.root.iterdir()) == ["x.json"]


def test_a_bad_encoding_is_never_written(store, pinned, monkeypatch):
    game = us_game(pinned)
    store.save(game.fork(3), "x")
    before = (store.root / "x.json").read_bytes()
    monkeypatch.setattr(store_module, "encode", lambda data: b'{"format": "korean-theater-save"')
    with pytest.raises(SaveError, match="cut short"):
        store.save(game, "x")
    assert (store.root / "x.json").read_bytes() == before


def test_autosave_follows_one_game_and_keeps_another_aside(clocked, pinned):
    game = us_game(pinned)
    for n in range(1, 4):
        clocked.autosave(game.fork(n))
    clocked.autosave(game.fork(2))  # undo: still the same game
    assert [i.slot for i in clocked.list()] == ["autosave"]
    started = read_save(clocked.root / "autosave.json").started_at
    clocked.autosave(game.fork(3))
    assert read_save(clocked.root / "autosave.json").started_at == started

    other = play(pinned, "russia", "zzz", n=1)
    clocked.autosave(other)
    infos = clocked.list()
    assert [i.slot for i in infos] == ["autosave", "autosave-20250301-090500"]
    assert infos[0].role == "russia" and infos[1].role == "us"
    assert clocked.load("autosave-20250301-090500", pinned).session == game.fork(3)
    assert clocked.load_backup("autosave-20250301-090500", pinned).session == game.fork(2)


def test_archived_autosaves_are_capped(clocked, pinned, monkeypatch):
    monkeypatch.setattr(store_module, "KEEP_ARCHIVED", 2)
    for seed in "abcde":
        clocked.autosave(play(pinned, seed=seed, n=1))
    slots = [i.slot for i in clocked.list()]
    assert len(slots) == 3 and slots[0] == "autosave"
    assert clocked.load("autosave", pinned).session.seed == "e"
    assert [clocked.load(s, pinned).session.seed for s in slots[1:]] == ["d", "c"]


def test_delete(store, pinned):
    game = us_game(pinned)
    store.save(game.fork(1), "x")
    store.save(game, "x")
    store.delete("x")
    assert list(store.root.iterdir()) == []
    with pytest.raises(SaveError) as e:
        store.delete("x")
    assert str(e.value) == f"{store.root / 'x.json'}: no such save"


def test_restore_backup_keeps_the_replaced_file(store, pinned):
    game = us_game(pinned)
    store.save(game.fork(4), "x")
    store.save(game, "x")
    (store.root / "x.json").write_bytes(b"garbage")
    store.restore_backup("x")
    assert store.load("x", pinned).session == game.fork(4)
    assert (store.root / "x.json.replaced").read_bytes() == b"garbage"
    with pytest.raises(SaveError, match="there is no backup"):
        store.restore_backup("never")


def test_restoring_never_replaces_a_file_kept_by_an_earlier_restore(store, pinned):
    game = us_game(pinned)
    store.save(game.fork(1), "x")
    store.save(game.fork(2), "x")
    assert store.restore_backup("x").replaced == store.root / "x.json.replaced"
    assert store.restore_backup("x").replaced is None  # already restored: nothing moves
    store.save(game.fork(3), "x")
    assert store.restore_backup("x").replaced == store.root / "x.json.2.replaced"
    kept = [read_save(store.root / n).choices for n in ("x.json.replaced", "x.json.2.replaced")]
    assert kept == [US_CHOICES[:2], US_CHOICES[:3]]
    assert read_save(store.root / "x.json").choices == US_CHOICES[:1]


def test_temporary_files_left_by_crashes_are_swept(store, pinned, monkeypatch):
    """A save holds the folder's lock, so the temporary files it finds there were left by
    crashes: all go. Where the filesystem has no locks, only those too old to be a save in
    progress go."""

    def litter() -> tuple[Path, Path]:
        old = store.root / ".x.json.999.dead.tmp"
        new = store.root / ".x.json.998.live.tmp"
        old.write_bytes(b"{")
        new.write_bytes(b"{")
        past = time.time() - 2 * atomic.STALE_AFTER
        os.utime(old, (past, past))
        return old, new

    store.save(play(pinned, n=1), "x")
    old, new = litter()
    store.save(play(pinned, n=2), "x")
    assert not old.exists() and not new.exists()

    def no_locks(fd):
        raise NotImplementedError

    monkeypatch.setattr(lock_module, "_try", no_locks)
    old, new = litter()
    store.save(play(pinned, n=3), "x")
    assert not old.exists() and new.exists()


def test_resolve_slots_file_names_and_paths(store, pinned, tmp_path, monkeypatch):
    store.save(play(pinned, n=1), "essay")
    monkeypatch.chdir(tmp_path)
    assert store.resolve("essay") == store.root / "essay.json"
    assert store.resolve("essay.json") == store.root / "essay.json"  # found in the store
    assert store.resolve("essay.json.bak") == store.root / "essay.json.bak"
    assert store.resolve("elsewhere/x.json") == type(store.root)("elsewhere/x.json")
    (tmp_path / "mine.json").write_text("{}", "utf-8")
    assert store.resolve("mine.json") == type(store.root)("mine.json")  # not in the store: here


def test_saving_the_same_game_again_writes_nothing(clocked, pinned):
    game = us_game(pinned)
    clocked.autosave(game.fork(2))
    clocked.autosave(game.fork(3))
    before = (clocked.root / "autosave.json").read_bytes()
    clocked.autosave(game.fork(3))  # e.g. on quitting, right after the turn's autosave
    assert (clocked.root / "autosave.json").read_bytes() == before
    assert read_save(clocked.root / "autosave.json.bak").choices == US_CHOICES[:2]
    clocked.autosave(game.fork(3).undo().submit("warn", "a new rationale"))
    assert read_save(clocked.root / "autosave.json").rationales[-1] == "a new rationale"


def test_a_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(SaveError) as e:
        read_save(fifo)
    assert str(e.value) == f"{fifo}: is not a regular file (a device or a pipe?)"
    assert SaveStore(tmp_path).list() == []
