"""A game that autosaves every turn (run as a script by test_saves_concurrent.py, not collected).

It loads the pack, prints `ready`, waits for a line on stdin (so that two workers start
together), plays TURNS decisions as ROLE with seed SEED (a new game, seeded SEED-2, SEED-3 …,
when one ends), autosaving after each, and prints one JSON line: every game's choices, the file
of each autosave, and the notices the store gave; then it waits for another line before it ends,
so that the two games run side by side however the machine schedules them.

Usage: python autosave_worker.py SAVES_DIR PACK_DIR ROLE SEED TURNS
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.content.compiler import load_pack  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.saves import SaveStore  # noqa: E402


def main() -> None:
    saves, pack_dir, role, seed, turns = sys.argv[1:]
    pack = load_pack(pack_dir).pack
    assert pack is not None, pack_dir
    store = SaveStore(Path(saves))
    pick = random.Random(seed)
    print("ready", flush=True)
    sys.stdin.readline()
    games: list[dict] = []
    session = None
    written, notices = [], []
    for _ in range(int(turns)):
        if session is None or session.over:
            game_seed = seed if not games else f"{seed}-{len(games) + 1}"
            session = Session.start(pack, role, game_seed)
            games.append({"seed": game_seed, "choices": []})
        option = pick.choice(session.briefing().open_options)
        session = session.submit(option.id, f"{seed}: {option.label}")
        games[-1]["choices"].append(option.id)
        written.append(str(store.autosave(session)))
        notices += store.take_notices()
    print(json.dumps({"games": games, "written": written, "notices": notices}), flush=True)
    sys.stdin.readline()  # still running (its autosave slot held) until the other is done too


if __name__ == "__main__":
    main()
