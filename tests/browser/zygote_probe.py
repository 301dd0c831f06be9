"""serve's zygote as game.commands.browser_game runs it, prepared and warmed the same way, with a
game that says which pack it was given instead of playing it (for tests/browser/test_zygote.py).

    python zygote_probe.py zygote --control FD --pack DIR

Each game prints a JSON line: the title of the pack it got and how many times the pack had been
loaded (in the zygote, before the fork: a game that loaded the pack itself would count one more).
With PROBE_SLOW_RELOAD set, every load after the first takes a second.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import time
from pathlib import Path

from game.commands.browser_game import keep_current, prepare, warm
from game.web.zygote import serve_forks


class Probe:
    def __init__(self, tui) -> None:
        self.tui = tui
        self.loads = 0
        real = tui.library._loader

        def counted(path: Path):
            self.loads += 1
            if self.loads > 1 and os.environ.get("PROBE_SLOW_RELOAD"):
                time.sleep(1)
            return real(path)

        tui.library._loader = counted

    def run(self, saves: Path, seat: str | None) -> int:
        result = self.tui.library.load(self.tui.pack)  # as the app does as it starts
        print(json.dumps({"title": result.pack.meta.title, "loads": self.loads}), flush=True)
        return 0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("mode")
    p.add_argument("--control", type=int, required=True)
    p.add_argument("--pack")
    p.add_argument("--classroom")
    a = p.parse_args()
    tui = prepare(a.pack, a.classroom)
    assert not isinstance(tui, int)
    probe = Probe(tui)
    warm(tui)
    return serve_forks(socket.socket(fileno=a.control), probe, keep_current(tui))


if __name__ == "__main__":
    raise SystemExit(main())
