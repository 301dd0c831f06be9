"""The game processes of `serve`, forked from one process that has loaded everything once.

Started as its own process, the game took about 3 CPU-seconds and 75 MB per browser (Python,
Textual, pydantic, the classroom file and the pack, each time); thirty browsers arriving together
then queued for a minute on two cores. The zygote imports the game and loads the pack once, then
forks a game for each browser: the child starts in a fraction of the time and shares every page
it does not write to.

The server (`Zygote`) and the zygote (`serve_forks`, run by `ENTRY zygote`: the command's
game.commands.browser_game, which prepares the game) talk over a Unix socket: one request at a
time, a JSON line with the browser's folder, seat and terminal size, and the three pipe ends
that become the game's stdin, stdout and stderr; the answer is the game's pid. When the server
goes away, the zygote ends its games and itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_REQUEST = 64 * 1024


@dataclass
class GameProcess:
    """A game as textual-serve's AppService drives it: its pipes and its pid."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


class Zygote:
    """The server's end: start the zygote, ask it for games, stop it."""

    def __init__(
        self, entry: list[str], pack: str | None, classroom: str | None, env: dict[str, str]
    ) -> None:
        self.entry = entry
        self.pack = pack
        self.classroom = classroom
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self._lock = asyncio.Lock()

    def start(self) -> None:
        """Start the zygote and wait until it has loaded the game; RuntimeError if it cannot."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        argv = [*self.entry, "zygote", "--control", str(theirs.fileno())]
        argv += ["--pack", self.pack] if self.pack else []
        argv += ["--classroom", self.classroom] if self.classroom else []
        self.proc = subprocess.Popen(
            argv, env=self.env, stdin=subprocess.DEVNULL, pass_fds=[theirs.fileno()]
        )
        theirs.close()
        self.sock = ours
        ready = _read_line(ours)
        if ready != {"ready": True}:
            self.close()
            raise RuntimeError(f"the game could not be loaded ({ready or 'no answer'})")

    async def spawn(self, folder: Path, seat: str, width: int, height: int) -> GameProcess:
        """A new game for a browser, its pipes connected to this event loop."""
        game_in, to_game = os.pipe()
        from_game, game_out = os.pipe()
        errors, game_err = os.pipe()
        request = {"saves": str(folder), "seat": seat, "columns": width, "rows": height}
        try:
            async with self._lock:  # one request at a time on the socket
                pid = await asyncio.to_thread(self._ask, request, [game_in, game_out, game_err])
        except BaseException:
            for fd in (to_game, from_game, errors):
                os.close(fd)
            raise
        finally:
            for fd in (game_in, game_out, game_err):
                os.close(fd)
        loop = asyncio.get_running_loop()
        stdout = await _reader(loop, from_game)
        stderr = await _reader(loop, errors)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(to_game, "wb", buffering=0)
        )
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        return GameProcess(pid, stdin, stdout, stderr)

    def _ask(self, request: dict, fds: list[int]) -> int:
        assert self.sock is not None
        socket.send_fds(self.sock, [json.dumps(request).encode() + b"\n"], fds)
        answer = _read_line(self.sock)
        if not isinstance(answer, dict) or not isinstance(answer.get("pid"), int):
            raise RuntimeError(f"the zygote did not start a game: {answer}")
        return answer["pid"]

    def close(self) -> None:
        """Stop the zygote: it ends the games it still runs."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None


async def _reader(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=1 << 20)
    protocol = asyncio.StreamReaderProtocol(reader)
    await loop.connect_read_pipe(lambda: protocol, os.fdopen(fd, "rb", buffering=0))
    return reader


def _read_line(sock: socket.socket, fds: list[int] | None = None):
    """One JSON line from the socket (the pipe ends that came with it are added to `fds`), or
    None at the end."""
    data = b""
    while not data.endswith(b"\n"):
        chunk, received, _, _ = socket.recv_fds(sock, MAX_REQUEST, 3)
        if fds is not None:
            fds += received
        else:
            for fd in received:
                os.close(fd)
        if not chunk:
            return None
        data += chunk
        if len(data) > MAX_REQUEST:
            return None
    try:
        return json.loads(data)
    except ValueError:
        return None


# -- the zygote ------------------------------------------------------------------------------------


def tell_failure(control: socket.socket, status: int) -> None:
    """Tell the server the game could not be prepared (the reason went to stderr)."""
    _send(control, {"error": status})


def serve_forks(
    control: socket.socket, game: Any, before_fork: Callable[[], object] | None = None
) -> int:
    """Fork a game (`game.run(saves, seat)`, prepared and warmed) for each request until the
    server goes away; `before_fork()` first each time (to bring what the games share up to
    date: it runs here, in the zygote, while the server's request waits in a thread)."""
    gc.collect()
    gc.freeze()  # what every game shares stays shared: the collector no longer touches it
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which stops us
    children: set[int] = set()  # forked and not yet waited for: their pids are still ours
    # a game that ends is waited for at once: no process of a finished game lingers
    signal.signal(signal.SIGCHLD, lambda *_: _reap(children))
    _send(control, {"ready": True})
    while True:
        fds: list[int] = []
        request = _read_line(control, fds)
        if request is None:
            break
        if len(fds) != 3 or not isinstance(request, dict):
            for fd in fds:
                os.close(fd)
            _send(control, {"error": "a request needs three pipes"})
            continue
        if before_fork is not None:
            try:
                before_fork()
            except Exception:  # the game then starts with what was prepared before
                traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # until the pid is noted
        pid = os.fork()
        if pid == 0:
            control.close()
            _play(game, request, fds)  # never returns
        children.add(pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        for fd in fds:
            os.close(fd)
        _send(control, {"pid": pid})
    _end(children)
    return 0


def _play(game, request: dict, fds: list[int]) -> None:
    """The forked game: its pipes as stdin, stdout and stderr, then the game to its end."""
    status = 1
    try:
        # Ctrl+C reaches every process of the terminal: the game leaves it to the server,
        # which asks it to quit, and it saves first
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ["COLUMNS"] = str(int(request.get("columns", 80)))
        os.environ["ROWS"] = str(int(request.get("rows", 24)))
        status = game.run(Path(str(request["saves"])), request.get("seat"))
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


def _reap(children: set[int], wait: bool = False) -> None:
    """Wait for the games that have ended (all of them, with `wait`)."""
    while children:
        try:
            pid, _ = os.waitpid(-1, 0 if wait else os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def _end(children: set[int], grace: float = 10.0) -> None:
    """Ask the games still running to end, and wait for them (killing those that do not)."""
    import time

    _reap(children)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while children and time.monotonic() < deadline:
        _reap(children)
        time.sleep(0.1)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _reap(children, wait=True)


def _send(sock: socket.socket, message: dict) -> None:
    with contextlib.suppress(OSError):
        sock.sendall(json.dumps(message).encode() + b"\n")
