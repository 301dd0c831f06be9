"""The saving process of the fault-injection test (run as a script, not collected by pytest).

It imports the game once, then serves lines on stdin: `go` forks a worker that saves in a tight
loop until it is killed, and answers with the worker's pid; `reap PID` waits for that worker
and answers with the signal that ended it (or `exit N` if it ended on its own); `quit` ends.
Before serving, it saves both slots once, so that there is always a game to lose.
Forking from this single-threaded process makes each restart cost a millisecond, not an import.

Usage: python fault_worker.py SAVES_DIR PACK_DIR [PACK_DIR...]
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.content.compiler import load_pack  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.saves import SaveStore  # noqa: E402


def games(pack_dirs: list[str]) -> list[Session]:
    """Every prefix of a few long games, in order: saves of many sizes, one lineage per pack."""
    out = []
    for path in pack_dirs:
        pack = load_pack(path).pack
        assert pack is not None, path
        for role in sorted(pack.roles):
            session = Session.start(pack, role, f"fault-{role}")
            out.append(session)
            while not session.over:
                options = session.briefing().open_options
                pick = options[len(session.steps) % len(options)]
                session = session.submit(pick.id, f"Rationale for {pick.label}. " * 20)
                out.append(session)
    return out


def work(store: SaveStore, sessions: list[Session], lineage: list[Session], start: int) -> None:
    """Save to the slot `loop` (games of every size) and autosave one game as it goes on."""
    i = start
    while True:
        store.save(sessions[i % len(sessions)], "loop")
        store.autosave(lineage[i % len(lineage)])
        i += 1


def main() -> None:
    saves, *packs = sys.argv[1:]
    sessions = games(packs)
    lineage = [s for s in sessions if s.pack is sessions[0].pack and s.role == sessions[0].role]
    store = SaveStore(Path(saves))
    work_once = [store.save(sessions[-1], "loop"), store.autosave(lineage[-1])]  # never empty
    assert all(p.exists() for p in work_once)
    print(len(sessions), flush=True)
    for line in sys.stdin:
        cmd, *arg = line.split()
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    work(store, sessions, lineage, int(arg[0]))
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(3)
            print(pid, flush=True)
        elif cmd == "reap":
            _, status = os.waitpid(int(arg[0]), 0)
            if os.WIFSIGNALED(status):
                print(f"signal {os.WTERMSIG(status)}", flush=True)
            else:
                print(f"exit {os.WEXITSTATUS(status)}", flush=True)
        elif cmd == "quit":
            return


if __name__ == "__main__":
    main()
