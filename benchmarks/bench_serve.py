"""A class arriving at once: N scripted browser students against `korean-theater serve`.

Each student is a websocket client that speaks textual-serve's protocol as the page does. They
connect within --spread seconds (evenly), each waits for the title screen, opens a new game
(n, then ctrl+s), picks the first option (1), opens the memo (r), types a memo of its own one
letter every --gap seconds without waiting for the screen (a fast typist on a lagging server),
and decides (Enter). Measured:

- time from connecting to the title screen, per student;
- key-to-screen: from sending a key until the screen shows its effect (the next screen's text
  for n, ctrl+s and Enter, option 1's forecast for 1, the memo field for r, and for each memo
  letter the field holding the memo typed up to it), every key of every student during the
  burst;
- keys lost or misrouted: each student's memo must be in its save exactly as typed;
- memory: the proportional set size (PSS: shared pages divided among their sharers) of the
  server and every process under it, with all N games on their desks, divided by N; and the CPU
  time those processes have used up to then, divided by N, and that of the games alone (the
  server relaying the terminals and the zygote forking the games aside).

    .venv/bin/python benchmarks/bench_serve.py                   # 30 students within 3 s
    .venv/bin/python benchmarks/bench_serve.py --students 10 --spread 1
    .venv/bin/python benchmarks/bench_serve.py --src /tmp/old    # another checkout's serve
    .venv/bin/python benchmarks/bench_serve.py --src /tmp/old --legacy   # its /ws address

Targets (issue 15): all reach the title within 10 s, key-to-screen p95 ≤ 500 ms, no key lost or
misrouted, at most 60 MB per student. Figures are printed, never asserted. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import aiohttp  # noqa: E402
from cdp import terminal_text  # type: ignore[import-not-found]  # noqa: E402

STUCK = 60.0  # seconds without the expected screen: the student is stuck
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A key has reached the screen when the screen shows its own effect, not merely any frame (the
# memo's cursor blinks): a memo letter when the field shows the memo typed so far, up to it (its
# last TAIL characters: a letter alone is on the screen already, typed before or elsewhere).
TAIL = 8
DECIDED = "What happened, and why"  # the consequences screen


@dataclass
class Student:
    n: int
    seat: str
    memo: str
    title: float | None = None  # seconds from connecting to the title screen
    latencies: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # what each latency's key did
    stuck: str = ""  # where the student got stuck, if they did
    saved: bool = False  # the memo reached the student's save exactly as typed

    @classmethod
    def make(cls, n: int) -> Student:
        word = "".join(LETTERS[(n * 7 + i * 3) % 26] for i in range(6))
        return cls(n, f"bench-seat-{n:04d}-aaaaaaaa", f"memo {word} of student {n}")


class Terminal:
    """What one websocket's game has sent, and the time each frame arrived."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.frames: list[tuple[float, str]] = []
        self.changed = asyncio.Event()
        self.closed = False
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.frames.append((time.monotonic(), terminal_text(msg.data)))
                self.changed.set()
        self.closed = True
        self.changed.set()

    async def send(self, key: str) -> float:
        await self.ws.send_str(json.dumps(["stdin", key]))
        return time.monotonic()

    async def shows(self, since: float, needle: str | None, what: str) -> float:
        """The time of the first frame after `since` whose text holds `needle` (any frame
        with None); raises TimeoutError after STUCK seconds."""
        deadline = time.monotonic() + STUCK
        seen = 0
        while True:
            for at, text in self.frames[seen:]:
                if at >= since and (needle is None or needle in text):
                    return at
            seen = len(self.frames)
            if self.closed:
                raise TimeoutError(f"closed waiting for {what}")
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(what)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    async def shows_all(self, since: float, needle: str, what: str) -> float:
        """The first time the text since `since`, joined, holds `needle`."""
        deadline = time.monotonic() + STUCK
        while True:
            text = "".join(t for at, t in self.frames if at >= since)
            if needle in text:
                return next(at for at, _ in reversed(self.frames))
            if self.closed or time.monotonic() > deadline:
                raise TimeoutError(what)
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), 1)


def saved_memo(saves: Path, memo: str) -> bool:
    needle = json.dumps(memo)
    for path in saves.rglob("*.json"):
        with contextlib.suppress(OSError):
            if needle in path.read_text(encoding="utf-8", errors="replace"):
                return True
    return False


async def play(
    student: Student, url: str, saves: Path, delay: float, gap: float, legacy: bool
) -> None:
    await asyncio.sleep(delay)
    path = "/ws" if legacy else f"/ws/-/{student.seat}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=600)) as session:
        start = time.monotonic()
        ws = await session.ws_connect(f"{url}{path}?width=100&height=40", max_msg_size=0)
        term = Terminal(ws)
        try:
            await term.shows_all(start, "New game", "the title")
            student.title = time.monotonic() - start
            await asyncio.sleep(0.3)  # a student reads the title
            for key, needle, what in (
                ("n", "Seed", "the new game screen"),
                ("\x13", "Turn 1 of", "the desk"),
                ("1", "option 1", "option 1's forecast"),
                ("r", "A sentence for the record", "the memo"),
            ):
                sent = await term.send(key)
                student.latencies.append(await term.shows(sent, needle, what) - sent)
                student.kinds.append(what)
                await asyncio.sleep(0.2)
            sends: list[tuple[float, str]] = []
            for i, letter in enumerate(student.memo):
                sends.append((await term.send(letter), student.memo[: i + 1]))
                await asyncio.sleep(gap)
            for sent, typed in sends:
                if typed[-1].strip():  # the field redrawn with the memo so far, up to this key
                    at = await term.shows(sent, typed[-TAIL:], f"the letter {typed[-1]!r}")
                    student.latencies.append(at - sent)
                    student.kinds.append("a memo letter")
            await asyncio.sleep(0.5)
            sent = await term.send("\r")
            student.latencies.append(await term.shows(sent, DECIDED, "the decision") - sent)
            student.kinds.append("the decision")
            deadline = time.monotonic() + STUCK  # the decision autosaves, with the memo
            while not student.saved and time.monotonic() < deadline:
                await asyncio.sleep(1)
                student.saved = await asyncio.to_thread(saved_memo, saves, student.memo)
        except TimeoutError as stuck:
            student.stuck = str(stuck)
        finally:
            await ws.close()
            term.reader.cancel()


def descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        found.append(pid)
        frontier += [p for p, pp in parents.items() if pp == pid]
    return found


def pss_and_cpu(pids: list[int]) -> tuple[float, float, float, float, int]:
    """(PSS MB, RSS MB, CPU seconds, CPU seconds of the games alone, games) of these processes
    together: the first is the server, and its child that runs the zygote is not a game (the
    games forked from it have the zygote's command line too)."""
    pss = rss = cpu = games = 0.0
    alive = 0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used = (int(fields[11]) + int(fields[12])) / tick
            cpu += used
            zygote = int(fields[1]) == pids[0] and b"zygote" in cmdline(pid)
            if pid != pids[0] and not zygote:
                games += used
                alive += 1
    return pss, rss, cpu, games, alive


def cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


async def sample(proc: subprocess.Popen, students: list[Student], out: dict) -> None:
    """PSS and CPU once every student is on the title screen, and again once every student
    has typed the memo (those stuck aside)."""
    while not all(s.stuck or s.title is not None for s in students):
        await asyncio.sleep(0.1)
    out["at_title"] = pss_and_cpu(descendants(proc.pid))
    while not all(s.stuck or len(s.latencies) >= 5 for s in students):
        await asyncio.sleep(0.2)
    out["at_desk"] = pss_and_cpu(descendants(proc.pid))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--students", type=int, default=30)
    p.add_argument("--spread", type=float, default=3.0, help="seconds over which they connect")
    p.add_argument("--gap", type=float, default=0.05, help="seconds between two memo letters")
    p.add_argument("--src", type=Path, default=ROOT, help="the checkout whose serve runs")
    p.add_argument("--legacy", action="store_true", help="connect to /ws (serve before seats)")
    p.add_argument("--log", type=Path, help="keep the server's output (the games' errors) here")
    a = p.parse_args(argv)
    port = free_port()
    saves = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves", str(saves),
         "--max-games", str(a.students + 5)],
        cwd=a.src,
        env={**os.environ, "PYTHONPATH": str(a.src)},
        stdout=a.log.open("wb") if a.log else subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            if time.monotonic() > deadline or proc.poll() is not None:
                print("serve did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        idle = pss_and_cpu(descendants(proc.pid))
        students = [Student.make(n) for n in range(a.students)]
        url = f"http://127.0.0.1:{port}"
        sampled: dict = {}

        async def burst() -> float:
            began = time.monotonic()
            sampler = asyncio.ensure_future(sample(proc, students, sampled))
            await asyncio.gather(
                *(
                    play(s, url, saves, a.spread * i / max(1, a.students), a.gap, a.legacy)
                    for i, s in enumerate(students)
                )
            )
            sampler.cancel()
            return time.monotonic() - began

        took = asyncio.run(burst())
        time.sleep(1)
        report(a, students, idle, sampled, took)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    return 0


def report(a, students: list[Student], idle, sampled: dict, took: float) -> None:
    n = len(students)
    titles = sorted(s.title for s in students if s.title is not None)
    ms = sorted(1000 * x for s in students for x in s.latencies)
    stuck = [s for s in students if s.stuck]
    lost = [s.n for s in students if not s.stuck and not s.saved]
    say = print
    say(f"{n} students connecting within {a.spread:g} s, memo letters {a.gap * 1000:.0f} ms")
    say(f"apart ({a.src}); the burst took {took:.1f} s")
    if titles:
        median, worst = statistics.median(titles), titles[-1]
        say(f"  title screen: {len(titles)}/{n} reached it; median {median:.2f} s,")
        say(f"    worst {worst:.2f} s (target: all within 10 s)")
    if ms:
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        say(f"  key-to-screen: {len(ms)} keys; median {statistics.median(ms):.0f} ms,")
        say(f"    p95 {p95:.0f} ms, worst {ms[-1]:.0f} ms (target: p95 ≤ 500 ms)")
    kinds: dict[str, list[float]] = {}
    for s in students:
        for kind, x in zip(s.kinds, s.latencies, strict=True):
            kinds.setdefault(kind, []).append(1000 * x)
    for kind, values in kinds.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        say(f"    {kind + ':':<22} {len(values):>4} keys, median {statistics.median(values):>6.0f} "
            f"ms, p95 {p95:>6.0f} ms, worst {values[-1]:>6.0f} ms")  # fmt: skip
    say(f"  stuck: {len(stuck)}" + "".join(f"\n    student {s.n}: {s.stuck}" for s in stuck[:5]))
    say(f"  memos not in the save as typed: {len(lost)} of {n - len(stuck)} {lost[:10]}")
    say(f"  server idle: PSS {idle[0]:.0f} MB, RSS {idle[1]:.0f} MB")
    for key, where in (("at_title", "on the title screen"), ("at_desk", "on their desks")):
        if key in sampled:
            # the games of students who have finished have ended by the time the last one is
            # on the desk: per student is per game running then
            pss, rss, cpu, games, alive = sampled[key]
            k = max(1, alive)
            own = (pss - idle[0]) / k  # each game's own, beyond the idle server's
            say(f"  {n} students {where} ({alive} games running then): PSS {pss:.0f} MB in")
            say(f"    all; per student {own + idle[0] / n:.1f} MB: {own:.1f} MB of the game's own")
            say(f"    and the idle server's {idle[0]:.0f} MB shared by the {n} (RSS summed")
            say(f"    {rss:.0f} MB; target: at most 60 MB per student); CPU up to then")
            each, everyone = games / k, (cpu - idle[2]) / n
            say(f"    {each:.2f} s in each game, {everyone:.2f} s per student in all")
            say("    (server and zygote included, the games that have ended left out)")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
