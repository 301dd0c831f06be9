"""Fault injection: a process saving in a tight loop is killed with SIGKILL at random moments,
again and again; after every kill, the latest save or its backup loads intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from helpers_saves import HERE, PINNED, compile_pack

from game.saves import SaveError, SaveStore, read_save
from game.saves.atomic import TMP_SUFFIX

KILLS = 240
SEED = 20250301


def test_sigkill_while_saving_never_loses_the_game(tmp_path):
    pack = compile_pack(PINNED)  # frozen, so that work on other packs cannot break this test
    by_id = {pack.meta.id: pack}
    root = tmp_path / "saves"
    zygote = subprocess.Popen(
        [sys.executable, str(HERE / "fault_worker.py"), str(root), str(PINNED)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def ask(line: str) -> str:
        zygote.stdin.write(line + "\n")
        zygote.stdin.flush()
        return zygote.stdout.readline().strip()

    store = SaveStore(root)
    rng = random.Random(SEED)
    figures = {"kills": 0, "loop": 0, "autosave": 0, "backup needed": 0, "mid-write": 0}
    sizes: set[int] = set()
    try:
        n_games = int(zygote.stdout.readline())
        assert n_games > 10
        started = time.monotonic()
        for _ in range(KILLS):
            litter = len(list(root.glob(f".*{TMP_SUFFIX}")))
            pid = int(ask(f"go {rng.randrange(n_games)}"))
            time.sleep(rng.uniform(0.0005, 0.02))
            os.kill(pid, signal.SIGKILL)
            assert ask(f"reap {pid}") == f"signal {signal.SIGKILL}", "the worker died by itself"
            figures["kills"] += 1
            if len(list(root.glob(f".*{TMP_SUFFIX}"))) > litter:
                figures["mid-write"] += 1
            for slot in ("loop", "autosave"):
                try:
                    data = read_save(root / f"{slot}.json")
                    loaded = store.load(slot, by_id[data.pack.id])
                    figures[slot] += 1
                except SaveError as e:  # only allowed if the backup is intact
                    assert e.backup is not None, f"kill {figures['kills']}: {e}"
                    data = read_save(e.backup)
                    loaded = store.load_backup(slot, by_id[data.pack.id])
                    figures["backup needed"] += 1
                assert loaded.problems == [], loaded.problems
                assert list(loaded.session.choices) == data.choices
                sizes.add((root / f"{slot}.json").stat().st_size)
        elapsed = time.monotonic() - started
    finally:
        zygote.stdin.write("quit\n")
        zygote.stdin.close()
        zygote.wait(timeout=10)
    stray = len(list(root.glob(f".*{TMP_SUFFIX}")))
    print(
        f"\nfault injection: {figures['kills']} SIGKILLs in {elapsed:.1f} s; latest save intact "
        f"after {figures['loop']} kills ('loop') and {figures['autosave']} ('autosave'); "
        f"backup needed {figures['backup needed']} times; 0 games lost; "
        f"{figures['mid-write']} kills left a half-written temporary file ({stray} on disk, "
        f"never read); {len(sizes)} different file sizes seen"
    )
    assert figures["kills"] >= 200
    assert figures["mid-write"] > 0, "no kill landed during a write: the test proves nothing"
