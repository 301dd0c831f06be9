"""Cold start, key latency and peak memory of the game's TUI, beside a bare Textual app.

Each program runs in a real pseudo-terminal, as a player would run it: the clock starts before
the process is spawned and stops when the first frame's text has been written to the terminal
(the bare app's label; the game's title menu). Runs alternate between the two programs so
both see the same machine load, and the medians are compared.

    .venv/bin/python benchmarks/tui_startup.py                  # example pack, 80×24, 15 runs
    .venv/bin/python benchmarks/tui_startup.py --runs 30 --size 120x40
    .venv/bin/python benchmarks/tui_startup.py --pack content/korean-theater

Figures: start-up time (median, and the ratio to the bare app: target ≤ 1.3), peak memory
(max RSS of the process, after the pack has loaded: target ≤ 1.5× the bare app's), and on the
desk the time from a key press to the frame that shows its result (target ≤ 50 ms), and the CPU
time the game used up to that frame (in 10 ms ticks: less noisy than the time on a busy machine).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


class Term:
    """A program running in a pseudo-terminal of a given size."""

    def __init__(self, argv: list[str], size: tuple[int, int], cwd: Path = ROOT) -> None:
        master, slave = os.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
        env.pop("TEXTUAL", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
            start_new_session=True, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        self.fd = master
        self.seen = b""

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> float:
        """Seconds from now until `marker` appears in output written after this call."""
        start = time.perf_counter()
        self.seen = b""
        while marker not in self.seen:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                tail = self.seen[-400:]
                raise TimeoutError(f"{marker!r} not seen; last output: {tail!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError(f"{marker!r} not seen; the program ended") from None
        return time.perf_counter() - start

    def wait_frame(self, timeout: float = 5.0) -> float:
        """Seconds from now until the program writes anything (its next frame)."""
        start = time.perf_counter()
        if not select.select([self.fd], [], [], timeout)[0]:
            raise TimeoutError("no frame")
        elapsed = time.perf_counter() - start
        os.read(self.fd, 65536)
        return elapsed

    def drain(self, quiet: float = 0.3) -> None:
        """Read until the program has been silent for `quiet` seconds."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                os.read(self.fd, 65536)
            except OSError:
                return

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def cpu(self) -> float:
        """CPU seconds the program has used (Linux: /proc; 0 elsewhere), in 10 ms ticks."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        os.close(self.fd)

    def quit(self) -> int:
        """Ctrl+Q, then the process's peak RSS in KiB (from wait4)."""
        self.send(b"\x11")
        deadline = time.time() + 10
        while True:
            pid, _, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                break
            self.drain(0.05)
            if time.time() > deadline:
                self.proc.kill()
                _, _, usage = os.wait4(self.proc.pid, 0)
                break
        os.close(self.fd)
        return usage.ru_maxrss


def start_run(
    argv: list[str], marker: bytes, size: tuple[int, int], settle: float
) -> tuple[float, int]:
    term = Term(argv, size)
    try:
        term.wait_for(marker)
    except TimeoutError:
        term.kill()
        raise
    elapsed = time.perf_counter() - term.started
    term.drain(settle)  # let the background pack load finish before measuring memory
    return elapsed, term.quit()


def keypress_runs(
    pack: str, size: tuple[int, int], saves: str, turns: int
) -> tuple[dict[str, list[float]], int]:
    argv = [PY, "-m", "game", "play", "--pack", pack, "--role", "us", "--seed", "bench",
            "--saves", saves]  # fmt: skip
    term = Term(argv, size)
    try:
        return _keypresses(term, turns)
    except BaseException:
        term.kill()
        raise


def _keypresses(term: Term, turns: int) -> tuple[dict[str, list[float]], int]:
    term.wait_for(b"Your options")
    term.drain(1.0)  # the options are mounted just after the first frame of the desk
    times: dict[str, list[float]] = {what: [] for what in KEYS}
    cpu: dict[str, list[float]] = {what: [] for what in KEYS}

    def timed(what: str, key: bytes, wait) -> None:
        used = term.cpu()
        term.send(key)
        times[what].append(wait())
        cpu[what].append(term.cpu() - used)  # up to the frame (the program may go on after it)
        term.drain(0.2)

    for _ in range(turns):
        # nothing is highlighted when a turn comes: ↓ lights the first open option (a digit
        # might name a closed one, which decides nothing)
        timed("down (highlight)", b"\x1b[B", term.wait_frame)
        timed("enter (decide)", b"\r", lambda: term.wait_for(b"What happened, and why"))
        try:
            timed("enter (back)", b"\r", lambda: term.wait_for(b"Your options", timeout=5))
        except TimeoutError:
            break  # the game ended: the debrief is showing
    times.update({f"{what}, CPU": values for what, values in cpu.items()})
    return times, term.quit()


KEYS = ("down (highlight)", "enter (decide)", "enter (back)")


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--pack", default="tests/fixtures/packs/example")
    ap.add_argument("--turns", type=int, default=5, help="desk key presses to time")
    args = ap.parse_args()
    size = tuple(int(x) for x in args.size.split("x"))
    assert len(size) == 2

    # the game's modules as bytecode, as an installed game (and any machine that does not set
    # PYTHONDONTWRITEBYTECODE) has them; Textual's own were compiled when it was installed
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "game")], check=True)
    with tempfile.TemporaryDirectory() as saves:
        bare = [PY, str(ROOT / "benchmarks" / "tui_bare_app.py")]
        game = [PY, "-m", "game", "play", "--pack", args.pack, "--saves", saves]
        # one untimed run each, so both start with warm file caches and compiled bytecode
        start_run(bare, b"Bare Textual app ready", size, 0.1)
        start_run(game, b"New game", size, 0.5)
        bare_t, game_t, bare_m, game_m = [], [], [], []
        for _ in range(args.runs):
            t, m = start_run(bare, b"Bare Textual app ready", size, 1.0)
            bare_t.append(t)
            bare_m.append(m)
            t, m = start_run(game, b"New game", size, 1.0)
            game_t.append(t)
            game_m.append(m)
        keys, played_m = keypress_runs(args.pack, size, saves, args.turns)

    bt, gt = statistics.median(bare_t), statistics.median(game_t)
    bm, gm = statistics.median(bare_m), statistics.median(game_m)
    print(f"terminal {size[0]}×{size[1]}, pack {args.pack}, {args.runs} runs each (medians)")
    print(f"  cold start to first frame: bare {ms(bt)}, game {ms(gt)}, ratio {gt / bt:.2f} "
          f"(target ≤ 1.30)")  # fmt: skip
    print(f"  peak memory (max RSS):     bare {bm / 1024:.1f} MiB, game {gm / 1024:.1f} MiB, "
          f"ratio {gm / bm:.2f} (target ≤ 1.50)")  # fmt: skip
    print(
        f"  peak memory over a game of {args.turns} turns: {played_m / 1024:.1f} MiB, "
        f"ratio {played_m / bm:.2f}"
    )
    for what, values in keys.items():
        if values:
            head = (
                f"CPU to frame, {what.removesuffix(', CPU'):<18}"
                if what.endswith("CPU")
                else f"key to frame, {what:<18}"
            )
            target = "" if what.endswith("CPU") else " (target ≤ 50 ms)"
            print(f"  {head} median {ms(statistics.median(values))}, "
                  f"max {ms(max(values))} over {len(values)}{target}: "
                  + " ".join(f"{v * 1000:.0f}" for v in values))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
