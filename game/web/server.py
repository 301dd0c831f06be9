"""The web server of `korean-theater serve`: textual-serve's, with what a classroom needs.

- Seats: each browser tab names its seat in its websocket's address (game.web.page). A seat
  has at most one game: a reload closes the old connection, waits for its game to end (and
  save), then starts the game again, which opens where the seat was (game.saves.seats).
- In a classroom every game saves in the class's folder (the teacher's `--saves`), where each
  student is known by name; without one, each seat has a folder of its own, removed again if
  nothing was saved in it. Saves are never removed.
- At most `max_games` games at once: a browser beyond that is told the class is full, and no
  process starts for it.
- With a class `token`, the page needs `?key=TOKEN` and the websocket `/ws/TOKEN/SEAT`;
  anything else is refused before a process starts. The teacher's live view (`/teacher`) needs
  the teacher's own key.
- Games are forked from a zygote that has loaded the game once (game.web.launch).
- Ctrl+C (or SIGTERM) ends every game (each saves first) and stops the server within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import html
import logging
import os
import secrets
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from game.saves.seats import valid_seat
from game.web.launch import STOP_GRACE, GameService, Launcher

log = logging.getLogger("korean-theater-serve")

OPEN = "-"  # the key part of the websocket's address when the server has no class key
REFUSED = (
    "<!DOCTYPE html><title>Korean Theater</title><p>This game needs the link your teacher "
    "gave, with its key (…/?key=…). Ask your teacher for it.</p>"
)
FULL = (
    "\r\n  Every seat of this class is taken ({n} games are being played on this server).\r\n"
    "  Try again in a moment, or ask your teacher.\r\n"
)
NO_SEAT = "\r\n  This page is out of date: reload it.\r\n"


@dataclass
class Seat:
    """One browser seat's game while it runs."""

    folder: Path
    websocket: web.WebSocketResponse | None = None
    ended: asyncio.Event = field(default_factory=asyncio.Event)


class GameServer(Server):
    def __init__(
        self,
        launcher: Launcher,
        saves: Path,
        *,
        shared: bool,
        max_games: int,
        token: str | None = None,
        teacher: tuple[str, Callable[[], str]] | None = None,
        **kwargs,
    ) -> None:
        """`shared`: every game saves in `saves` (a classroom); else each seat in a folder of
        its own under it. `teacher`: the teacher's key and what makes their page."""
        super().__init__("korean-theater", **kwargs)
        self.launcher = launcher
        self.saves = saves
        self.shared = shared
        self.max_games = max_games
        self.token = token
        self.teacher = teacher
        self.seats: dict[str, Seat] = {}
        self.stopping = False

    # -- routes
    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{key}/{seat}", self.handle_websocket)
        app.router.add_get("/teacher", self.handle_teacher)
        return app

    def allows(self, key: str | None, wanted: str | None = None) -> bool:
        wanted = self.token if wanted is None else wanted
        if wanted is None:
            return True
        return key is not None and hmac.compare_digest(key.encode(), wanted.encode())

    async def on_startup(self, app: web.Application) -> None:
        pass  # the command prints its own banner

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every game's connection, and wait (a little) for the games to end and save."""
        seats = list(self.seats.values())
        await asyncio.gather(
            *(s.websocket.close() for s in seats if s.websocket is not None),
            return_exceptions=True,
        )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(s.ended.wait() for s in seats)), STOP_GRACE + 5)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self.allows(request.query.get("key")):
            return web.Response(status=403, text=REFUSED, content_type="text/html")
        import aiohttp_jinja2

        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"/ws/{self.token or OPEN}",  # the page adds host and seat
            "seat": secrets.token_urlsafe(18),
            "config": {"static": {"url": "/static/"}},
            "application": {"name": html.escape(self.title)},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_teacher(self, request: web.Request) -> web.StreamResponse:
        if self.teacher is None or not self.allows(request.query.get("key"), self.teacher[0]):
            return web.Response(status=403, text=REFUSED, content_type="text/html")
        page = await asyncio.to_thread(self.teacher[1])
        return web.Response(
            text=page, content_type="text/html", headers={"Cache-Control": "no-store"}
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        key = request.match_info.get("key")
        if not self.allows(None if key == OPEN else key):
            raise web.HTTPForbidden(text="this game needs the class key")
        seat = request.match_info.get("seat")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if not valid_seat(seat):
            await websocket.send_bytes(NO_SEAT.encode())
            await websocket.close()
            return websocket
        assert seat is not None
        await self._free(seat)  # a reload: the seat's old game ends (and saves) first
        if len(self.seats) >= self.max_games:
            await websocket.send_bytes(FULL.format(n=len(self.seats)).encode())
            await websocket.close()
            return websocket
        place = self.seats[seat] = Seat(self.folder_of(seat), websocket)
        try:
            await self._play(request, websocket, place, seat)
        finally:
            if self.seats.get(seat) is place:
                del self.seats[seat]
            if not self.shared:
                tidy(place.folder)
            place.ended.set()
        return websocket

    async def _free(self, seat: str) -> None:
        """End the game the seat is still playing, if any, and wait until it has."""
        while (old := self.seats.get(seat)) is not None:
            if old.websocket is not None:
                await old.websocket.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(old.ended.wait(), STOP_GRACE + 5)
            if self.seats.get(seat) is old:  # it would not end: the seat is given anew
                del self.seats[seat]

    def folder_of(self, seat: str) -> Path:
        """Where the seat's game saves: the class's folder, or one of its own."""
        return self.saves if self.shared else seat_folder(self.saves, seat)

    async def _play(
        self, request, websocket: web.WebSocketResponse, place: Seat, seat: str
    ) -> None:
        """One game, for as long as its browser is connected."""

        async def close() -> None:
            await websocket.close()

        service = GameService(
            self.launcher,
            place.folder,
            seat,
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
            await service.end()  # asks the game to quit and waits for it

    # -- running
    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, then end every game within seconds."""
        self.debug = debug
        logging.basicConfig(level=logging.WARNING, format="korean-theater: %(message)s")
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        handled = True
        try:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.request_exit)
        except (NotImplementedError, AttributeError):  # Windows: aiohttp handles Ctrl+C itself
            handled = False
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=not handled,
            loop=loop,
            print=None,
            access_log=None,
            shutdown_timeout=STOP_GRACE + 5,
        )

    def request_exit(self) -> None:
        """The first Ctrl+C or SIGTERM stops the server; those that come while the games end
        and save (a second Ctrl+C) change nothing."""
        if not self.stopping:
            self.stopping = True
            raise GracefulExit()


def seat_folder(saves: Path, seat: str) -> Path:
    """The saves folder of a seat's own (outside a classroom): the same for every reload."""
    return saves / f"browser-{hashlib.sha256(seat.encode()).hexdigest()[:16]}"


def tidy(folder: Path) -> None:
    """Remove `folder` if it holds no file (only empty folders, or nothing); never a file."""
    if not folder.is_dir():
        return
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(sub)
    with contextlib.suppress(OSError):
        os.rmdir(folder)
