"""How the server starts, drives and stops one browser's game.

textual-serve's AppService runs a shell command per browser; here the game is forked from the
zygote (game.web.zygote) where the system can fork, and otherwise started as `ENTRY game …`
(ENTRY: the command's game.commands.browser_game) with its arguments as a list: no shell ever
reads a path, so a folder with spaces, quotes or `&` in its name needs no quoting on any system
(cmd.exe's included).
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from textual_serve.app_service import AppService

from game.web.zygote import GameProcess, Zygote, can_fork

STOP_GRACE = 10.0  # seconds a game has to end (and save) when asked, before it is killed


def web_env() -> dict[str, str]:
    """The environment of a game on textual-serve's web driver (its size aside)."""

    async def unused(*_: object) -> None:
        pass

    service = AppService(
        "",
        write_bytes=unused,
        write_str=unused,
        close=unused,
        download_manager=None,  # type: ignore[arg-type]
    )
    env = service._build_environment()
    for size in ("COLUMNS", "ROWS"):
        env.pop(size, None)
    return env


class Launcher:
    """Starts the games of one server: forked from the zygote, or one process each."""

    def __init__(
        self,
        entry: list[str],
        pack: str | None,
        classroom: str | None,
        fork: bool | None = None,
    ) -> None:
        """`entry`: the command that prepares and runs the games (`entry zygote …`,
        `entry game …`)."""
        self.entry = entry
        self.pack = pack
        self.classroom = classroom
        self.env = web_env()
        forks = can_fork() if fork is None else fork
        self.zygote = Zygote(entry, pack, classroom, self.env) if forks else None

    def start(self) -> None:
        """Load the game once (the zygote), before the first browser comes."""
        if self.zygote is not None:
            self.zygote.start()

    async def spawn(self, folder: Path, seat: str, width: int, height: int) -> GameProcess:
        if self.zygote is not None:
            return await self.zygote.spawn(folder, seat, width, height)
        argv = [*self.entry[1:], "game", "--saves", str(folder), "--seat", seat]
        argv += ["--pack", self.pack] if self.pack else []
        argv += ["--classroom", self.classroom] if self.classroom else []
        proc = await asyncio.create_subprocess_exec(
            self.entry[0],
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={**self.env, "COLUMNS": str(width), "ROWS": str(height)},
        )
        assert proc.stdin and proc.stdout and proc.stderr
        return GameProcess(proc.pid, proc.stdin, proc.stdout, proc.stderr)

    def close(self) -> None:
        if self.zygote is not None:
            self.zygote.close()


class GameService(AppService):
    """textual-serve's AppService for one browser, with its game started by the launcher."""

    def __init__(self, launcher: Launcher, folder: Path, seat: str, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.launcher = launcher
        self.folder = folder
        self.seat = seat

    async def _open_app_process(self, width: int = 80, height: int = 24):
        process = await self.launcher.spawn(self.folder, self.seat, width, height)
        self._process = process  # type: ignore[assignment]  # what AppService.run reads of it
        self._stdin = process.stdin
        return process

    async def end(self) -> None:
        """Ask the game to quit (it saves first) and wait for it; kill it if it will not."""
        try:
            await asyncio.wait_for(asyncio.shield(self.stop()), STOP_GRACE)
        except (TimeoutError, asyncio.CancelledError):
            process = self._process
            if isinstance(process, GameProcess):
                process.kill()
            if self._task is not None:
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await asyncio.wait_for(self._task, STOP_GRACE)
