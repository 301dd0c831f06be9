"""A `korean-theater serve` process for the tests: started on a free port of 127.0.0.1 in its
own process group, its game processes listed, and stopped (never left running)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "game.commands.browser_game"  # the module of serve's zygote and games


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
            raise AssertionError(f"serve exited with {proc.returncode}:\n{out}")
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


def start(tmp_path: Path, *extra: str, env: dict[str, str] | None = None):
    """(process, port, saves folder) of a server on 127.0.0.1 (not yet listening)."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = free_port()
    saves = tmp_path / "saves"
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--saves", str(saves), *extra],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    return proc, port, saves


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop the server (the signal to it alone: it stops its games itself), then anything of
    its process group still running."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(proc.pid, sig)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def games(proc: subprocess.Popen) -> list[int]:
    """The pids of the game processes the server runs (from /proc): forked by its zygote, or
    started one by one where it cannot fork; finished ones (zombies) left out."""
    parents: dict[int, int] = {}
    argvs: dict[int, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            argv = (stat.parent / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
            argvs[int(stat.parent.name)] = argv
    ours = {p for p, pp in parents.items() if pp == proc.pid and ENTRY in argvs[p]}
    zygotes = {p for p in ours if "zygote" in argvs[p]}
    return sorted(
        p for p, pp in parents.items() if pp in zygotes or (p in ours and "game" in argvs[p])
    )


def eventually(check, timeout: float = 30.0, what: str = "the condition"):
    """Poll `check()` until it is true; its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, f"{what} did not happen within {timeout} s"
            return value
        time.sleep(0.2)
