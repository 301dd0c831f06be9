"""The real `korean-theater play` in a pseudo-terminal: it starts, draws, quits, and a broken
pack ends it with status 1 and the checker's problems (no traceback)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tui_support import EXAMPLE, ROOT


def run_in_terminal(args: list[str], until: bytes, keys: bytes, tmp_path: Path) -> tuple[int, str]:
    """Run the game in a 80×24 pty; when `until` has been drawn, type `keys`; the exit status
    and everything written to the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", KOREAN_THEATER_SAVES=str(tmp_path / "saves"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "play", *args],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen, sent = b"", False
    deadline = time.monotonic() + 30
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if not sent and until in seen:
                os.write(master, keys)
                sent = True
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return proc.returncode, seen.decode("utf-8", "replace")


def test_title_then_quit(tmp_path: Path) -> None:
    code, out = run_in_terminal(["--pack", str(EXAMPLE)], b"A Winter on the", b"q", tmp_path)
    assert code == 0
    assert "New game" in out
    assert "Traceback" not in out


def test_role_goes_straight_to_the_desk(tmp_path: Path) -> None:
    args = ["--pack", str(EXAMPLE), "--role", "russia", "--seed", "pty"]
    code, out = run_in_terminal(args, b"Deny everything", b"\x11", tmp_path)
    assert code == 0
    assert "Deny everything" in out


def test_broken_pack_exits_1_with_problems(pack_copy, tmp_path: Path) -> None:
    folder = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "turn >= "')]})
    code, out = run_in_terminal(["--pack", str(folder)], b"\x00", b"", tmp_path)
    assert code == 1
    assert "has problems" in out
    assert "events.toml:" in out and "X001" in out
    assert "Traceback" not in out
