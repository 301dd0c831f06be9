"""Games that share a saves folder at the same time (two terminals on the default `saves/`):
no turn of either is ever lost, no game silently takes another's slot, and nothing is left
behind that `saves verify` would blame on a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers_saves import HERE, US_CHOICES, compile_pack, pinned_copy, play, us_game

from game.cli import main
from game.saves import SaveError, SaveStore, atomic, read_save
from game.saves import lock as lock_module
from game.saves.lock import FileLock, folder_lock

WORKER = HERE / "autosave_worker.py"
TURNS = 100


def temporary_files(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(f".*{atomic.TMP_SUFFIX}"))


@pytest.mark.timeout(300)
def test_two_games_autosaving_100_turns_each_into_one_folder_lose_nothing(tmp_path, capsys):
    pack = pinned_copy(tmp_path / "pack", [("pack.toml", "turns = 6", f"turns = {TURNS + 20}")])
    root = tmp_path / "saves"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(root), str(pack), role, seed, str(TURNS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for role, seed in (("us", "first"), ("russia", "second"))
    ]
    try:
        for w in workers:
            assert w.stdout.readline().strip() == "ready"
        for w in workers:  # both start at once, and autosave turn after turn side by side
            w.stdin.write("go\n")
            w.stdin.flush()
        results = [json.loads(w.stdout.readline()) for w in workers]
        for w in workers:  # only now may either game end and give its slot up
            w.communicate("done\n", timeout=60)
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    assert [w.returncode for w in workers] == [0, 0]

    store, played = SaveStore(root), compile_pack(pack)
    by_slot = {}
    archived_games = 0
    for result in results:
        (slot,) = {Path(p).name.removesuffix(".json") for p in result["written"]}
        assert slot not in by_slot, "two games autosaved to one slot"
        by_slot[slot] = result
        if slot == "autosave":
            assert result["notices"] == []
        else:  # the second game was told where its autosaves go
            assert result["notices"] == [
                f"Another game is autosaving to autosave.json in {root}; this game autosaves "
                f"to {slot}.json."
            ]
        *earlier, last = result["games"]
        assert sum(len(g["choices"]) for g in result["games"]) == TURNS
        # its newest save is its last turn, whole, and replays to the saved state
        data = read_save(root / f"{slot}.json")
        assert (data.seed, data.choices) == (last["seed"], last["choices"])
        assert store.load(slot, played).problems == []
        # a game it had finished before was kept aside, never lost
        for game in earlier:
            assert any(
                (s.seed, read_save(s.path).choices) == (game["seed"], game["choices"])
                for s in store.list()
                if s.slot.startswith(f"{slot}-")
            ), game["seed"]
        archived_games += len(earlier)
    assert sorted(by_slot) == ["autosave", "autosave-2"]
    assert len(store.list()) == 2 + archived_games  # the other game's autosave never moved
    assert temporary_files(root) == []
    code = main(["saves", "verify", "--saves", str(root), "--pack", str(pack)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "temporary file" not in out


def test_a_second_running_game_autosaves_beside_the_first(tmp_path, pinned):
    root = tmp_path / "saves"
    first, second = SaveStore(root), SaveStore(root)
    game = us_game(pinned)
    first.autosave(game.fork(1))
    other = play(pinned, "russia", "zzz", n=1)
    assert second.autosave(other) == root / "autosave-2.json"
    assert second.take_notices() == [
        f"Another game is autosaving to autosave.json in {root}; this game autosaves to "
        "autosave-2.json."
    ]
    first.autosave(game.fork(2))
    assert second.autosave(other) == root / "autosave-2.json"
    assert second.take_notices() == []  # said once
    assert read_save(root / "autosave.json").choices == US_CHOICES[:2]
    assert read_save(root / "autosave-2.json").choices == list(other.choices)
    assert sorted(i.slot for i in first.list()) == ["autosave", "autosave-2"]  # none moved
    # once the first game has ended, a new game takes its slot and keeps the old game aside
    first.close()
    third = SaveStore(root)
    assert third.autosave(play(pinned, "us", "new", n=1)) == root / "autosave.json"
    assert third.take_notices() == []
    (kept,) = [i for i in third.list() if i.slot not in ("autosave", "autosave-2")]
    assert kept.slot.startswith("autosave-20") and read_save(kept.path).choices == US_CHOICES[:2]


def test_two_games_never_claim_one_slot_of_their_own(tmp_path, pinned):
    """Classroom games (`save_own`): the same student's name in two terminals, one slot each;
    a game whose slot another game has written since moves beside it, and says so."""
    root = tmp_path / "saves"
    kim, other_kim = SaveStore(root), SaveStore(root)
    game = us_game(pinned)
    assert kim.save_own(game.fork(1), "week-6-Kim-us") == root / "week-6-Kim-us.json"
    assert other_kim.save_own(game.fork(1), "week-6-Kim-us") == root / "week-6-Kim-us-2.json"
    assert kim.save_own(game.fork(2), "week-6-Kim-us") == root / "week-6-Kim-us.json"
    assert kim.take_notices() == other_kim.take_notices() == []
    # someone saves another game over Kim's slot (the save screen may): Kim's game moves on
    SaveStore(root).save(play(pinned, "russia", "x", n=1), "week-6-Kim-us")
    assert kim.save_own(game.fork(3), "week-6-Kim-us") == root / "week-6-Kim-us-3.json"
    assert kim.take_notices() == [
        "Another game has saved to week-6-Kim-us.json since this game did; this game now "
        "saves to week-6-Kim-us-3.json."
    ]
    assert read_save(root / "week-6-Kim-us.json").role == "russia"
    assert read_save(root / "week-6-Kim-us-2.json").choices == US_CHOICES[:1]
    # a game loaded from its slot goes on saving there
    later = SaveStore(root)
    loaded = later.load("week-6-Kim-us-2", pinned)
    assert later.save_own(loaded.session.fork(1).submit("designate"), "week-6-Kim-us-2") == (
        root / "week-6-Kim-us-2.json"
    )


def test_saves_wait_for_the_folder_and_give_up_with_a_message(tmp_path, pinned, monkeypatch):
    root = tmp_path / "saves"
    store = SaveStore(root)
    store.save(play(pinned, n=1), "x")
    before = (root / "x.json").read_bytes()
    other = folder_lock(root)
    assert other.acquire()
    monkeypatch.setattr(lock_module, "WAIT", 0.05)
    try:
        with pytest.raises(SaveError) as e:
            store.save(play(pinned, n=2), "x")
    finally:
        other.release()
    assert str(e.value) == (
        f"{root}: another game has kept this folder busy for 0.05 s; nothing was written "
        "(try again)"
    )
    assert (root / "x.json").read_bytes() == before
    store.save(play(pinned, n=2), "x")  # free again
    assert read_save(root / "x.json").choices == list(play(pinned, n=2).choices)


def test_a_save_in_progress_is_not_an_interrupted_save(tmp_path, pinned):
    """`saves verify` counts temporary files under the folder's lock: a live save's own
    temporary file is gone by the time it may look."""
    root = tmp_path / "saves"
    store = SaveStore(root)
    store.save(play(pinned, n=1), "x")
    writer = folder_lock(root)
    assert writer.acquire()  # another game in the middle of a save
    live = root / ".x.json.12345.abcdef01.tmp"
    live.write_bytes(b"{")
    found = []
    looker = threading.Thread(target=lambda: found.append(store.temporary_files()))
    looker.start()
    looker.join(timeout=1)  # it waits for the save to end
    live.unlink()
    writer.release()
    looker.join(timeout=30)
    assert found == [[]]


def test_a_backup_that_already_is_the_file_leaves_no_temporary_file(tmp_path):
    """When NAME.json.bak already is a link to NAME.json (a save failed after keeping its
    backup), POSIX's rename of the new link over it does nothing: the link must go anyway."""
    path, backup = tmp_path / "x.json", tmp_path / "x.json.bak"
    path.write_bytes(b"old")
    os.link(path, backup)
    atomic.write_atomic(path, b"new", backup)
    assert (path.read_bytes(), backup.read_bytes()) == (b"new", b"old")
    assert temporary_files(tmp_path) == []


def test_a_lock_is_released_when_its_holder_ends(tmp_path):
    """Locks live in the operating system: a game killed mid-save leaves none behind."""
    lock = tmp_path / ".autosave.lease"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from game.saves.lock import FileLock; from pathlib import Path;"
            "l = FileLock(Path(sys.argv[2])); assert l.acquire(); print('held', flush=True);"
            "sys.stdin.readline()",
            str(HERE.parents[1]),
            str(lock),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not FileLock(lock).acquire(wait=0)
        holder.kill()
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert FileLock(lock).acquire(wait=0)
