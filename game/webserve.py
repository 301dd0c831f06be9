"""The web server of `korean-theater serve`: textual-serve's, with what a classroom needs.

- At most `max_games` games at once (each is a game process of about 50 MB): a browser beyond
  that is told the class is full, and no process starts for it.
- With a class `token`, the page needs `?key=TOKEN` and the game's websocket `/ws/TOKEN`;
  anything else is refused before a process starts. (`korean-theater serve` requires a token
  when it listens beyond this machine.)
- Each connection gets its own saves folder, named by the server and passed to its game; when
  the connection ends (or the server stops) the folder is removed if nothing was saved in it,
  so opening the page and leaving leaves nothing behind. Saves are never removed.

textual-serve starts one game per websocket in `Server.handle_websocket`, with a command fixed
for the server; the handler here does the same through its `AppService`, with a command for the
connection's own folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("korean-theater-serve")

REFUSED = (
    "<!DOCTYPE html><title>Korean Theater</title><p>This game needs the link your teacher "
    "gave, with its key (…/?key=…). Ask your teacher for it.</p>"
)
FULL = (
    "\r\n  Every seat of this class is taken ({n} games are being played on this server).\r\n"
    "  Try again in a moment, or ask your teacher.\r\n"
)


class GameServer(Server):
    def __init__(
        self,
        command: Callable[[Path], str],
        saves: Path,
        *,
        max_games: int,
        token: str | None = None,
        **kwargs,
    ) -> None:
        """`command(folder)`: the shell command of one connection's game, saving in `folder`
        (a new folder under `saves`)."""
        super().__init__(command(saves), **kwargs)  # textual-serve's own command: unused
        self.game_command = command
        self.saves = saves
        self.max_games = max_games
        self.token = token
        self.games: dict[Path, web.WebSocketResponse | None] = {}  # folder -> its websocket

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket)
        return app

    def allows(self, key: str | None) -> bool:
        if self.token is None:
            return True
        return key is not None and hmac.compare_digest(key.encode(), self.token.encode())

    async def on_startup(self, app: web.Application) -> None:
        pass  # the command prints its own banner

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every game's connection: each handler then quits its game and tidies up."""
        for websocket in list(self.games.values()):
            if websocket is not None:
                await websocket.close()

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self.allows(request.query.get("key")):
            return web.Response(status=403, text=REFUSED, content_type="text/html")
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.allows(request.match_info.get("token")):
            raise web.HTTPForbidden(text="this game needs the class key")
        folder = self._seat()  # taken before any await: no two connections get the last seat
        websocket = web.WebSocketResponse(heartbeat=15)
        try:
            await websocket.prepare(request)
            if folder is None:
                await websocket.send_bytes(FULL.format(n=len(self.games)).encode())
                await websocket.close()
                return websocket
            self.games[folder] = websocket
            await self._play(request, websocket, folder)
        finally:
            if folder is not None:
                self.games.pop(folder, None)
                tidy(folder)
        return websocket

    def _seat(self) -> Path | None:
        """A new folder for a game, or None when every seat is taken."""
        if len(self.games) >= self.max_games:
            return None
        while True:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = self.saves / f"browser-{stamp}-{secrets.token_hex(2)}"
            if folder not in self.games and not folder.exists():
                self.games[folder] = None
                return folder

    async def _play(self, request, websocket: web.WebSocketResponse, folder: Path) -> None:
        """One game, for as long as its browser is connected."""

        async def close() -> None:
            await websocket.close()

        service = AppService(
            self.game_command(folder),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            await service.start(
                to_int(request.query.get("width", "80"), 80),
                to_int(request.query.get("height", "24"), 24),
            )
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            await service.stop()  # asks the game to quit and waits for it

    def tidy_all(self) -> None:
        """At shutdown: the folders of games that did not end by themselves."""
        for folder in list(self.games):
            tidy(folder)


def tidy(folder: Path) -> None:
    """Remove `folder` if it holds no file (only empty folders, or nothing); never a file."""
    if not folder.is_dir():
        return
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(sub)
    with contextlib.suppress(OSError):
        os.rmdir(folder)
