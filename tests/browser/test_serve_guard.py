"""`korean-theater serve` over real HTTP and WebSocket connections on 127.0.0.1: the class key
is needed for the page and the game, games beyond --max-games are turned away without a
process, a seat that connects again gets its game back, and a connection leaves nothing behind
(no game process, no empty folder, no template folder) when it ends or when the server stops.
No browser needed."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from cdp import terminal_text  # noqa: E402
from served import ROOT, eventually, games, start, stop, wait_for_port  # noqa: E402

from game.commands.serve import is_loopback  # noqa: E402
from game.web.server import seat_folder, tidy  # noqa: E402

aiohttp = pytest.importorskip("aiohttp")
KEY = "class-key-123"
SEATS = [f"seat-{n}-aaaaaaaaaaaaaaaa" for n in range(3)]
TIMEOUT = aiohttp.ClientTimeout(total=90)


@pytest.fixture
def served(tmp_path: Path):
    """A server for one game at a time, with a class key; its TMPDIR is the test's."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc, port, saves = start(
        tmp_path, "--max-games", "1", "--token", KEY, env={"TMPDIR": str(tmp)}
    )
    try:
        wait_for_port(port, proc)
        yield proc, f"http://127.0.0.1:{port}", saves, tmp
    finally:
        stop(proc)


def run(scenario) -> None:
    async def with_session() -> None:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            await scenario(session)

    asyncio.run(asyncio.wait_for(with_session(), 180))


async def _first_output(ws) -> bytes:
    """The game's first bytes for its terminal (the game process has started)."""
    msg = await ws.receive(timeout=90)
    assert msg.type == aiohttp.WSMsgType.BINARY, msg
    return msg.data


async def _until_closed(ws) -> bytes:
    """What the server still sends, until it closes the connection."""
    data = b""
    while True:
        msg = await ws.receive(timeout=60)
        if msg.type != aiohttp.WSMsgType.BINARY:
            assert msg.type in CLOSED, msg
            return data
        data += msg.data


CLOSED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED)
WRONG = ["", "class-key-12", "class-key-1234", "CLASS-KEY-123", "class key 123", "class-key-12%00"]


def test_the_page_and_the_game_need_the_class_key(served) -> None:
    proc, url, _, _ = served

    async def scenario(session) -> None:
        for key in [None, *WRONG]:
            query = "" if key is None else f"?key={key}"
            async with session.get(f"{url}/{query}") as r:
                assert r.status == 403, key
                assert "link your teacher gave" in await r.text()
        async with session.get(f"{url}/?key={KEY}") as r:
            assert r.status == 200
            page = await r.text()
            assert f'data-session-websocket-url="/ws/{KEY}"' in page  # the page adds its seat
            assert "location.host" in page  # the address the browser used, never 127.0.0.1
        seat = SEATS[0]
        refused = ["/ws", f"/ws/{KEY}", *(f"/ws/{k}/{seat}" for k in WRONG if k and " " not in k)]
        for path in refused:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(url + path)
            assert refused.value.status in (403, 404), path
        assert games(proc) == []  # nothing was started for any of them

    run(scenario)


def test_a_game_beyond_the_cap_is_turned_away_and_a_freed_seat_is_given_again(served) -> None:
    proc, url, saves, _ = served

    async def scenario(session) -> None:
        first = await session.ws_connect(f"{url}/ws/{KEY}/{SEATS[0]}?width=80&height=24")
        await _first_output(first)
        [game] = games(proc)
        second = await session.ws_connect(f"{url}/ws/{KEY}/{SEATS[1]}")
        assert b"Every seat of this class is taken" in await _until_closed(second)
        assert games(proc) == [game]  # no process for the browser turned away
        await first.close()
        eventually(lambda: not games(proc), 60, "the end of the first game")
        assert not seat_folder(saves, SEATS[0]).exists()  # nothing was saved: no folder left
        third = await session.ws_connect(f"{url}/ws/{KEY}/{SEATS[2]}")
        await _first_output(third)
        assert len(games(proc)) == 1 and games(proc) != [game]
        await third.close()
        eventually(lambda: not games(proc), 60, "the end of the third game")

    run(scenario)
    assert not list(saves.glob("browser-*"))


def test_a_game_that_saved_keeps_its_folder_and_its_seat_gets_it_back(served) -> None:
    """A decision autosaves in the seat's own folder, made then; it stays afterwards, and the
    seat connecting again (a reload, a dropped connection) is back at its game's desk, even
    while its old connection has not yet ended."""
    proc, url, saves, _ = served
    game = f"{url}/ws/{KEY}/{SEATS[0]}?width=100&height=40"

    async def scenario(session) -> None:
        ws = await session.ws_connect(game)
        screen = Screen(ws)
        await screen.wait_for("New game")
        folder = seat_folder(saves, SEATS[0])
        assert not folder.exists()  # nothing saved yet, no folder yet
        await screen.keys("n")
        await screen.wait_for("National Security Council")
        await screen.keys("\x13")  # ctrl+s: start
        await screen.wait_for("Turn 1 of")
        await screen.keys("1")
        await asyncio.sleep(1)
        await screen.keys("\r")  # decide
        eventually(lambda: (folder / "autosave.json").is_file(), 60, "the autosave")
        again = Screen(await session.ws_connect(game))  # the first is still open: one seat
        await again.wait_for("Turn 2 of")  # its desk, not the title
        assert len(games(proc)) == 1
        await again.ws.close()
        eventually(lambda: not games(proc), 60, "the end of the game")
        assert (folder / "autosave.json").is_file()

    run(scenario)


class Screen:
    """A game's terminal as its websocket sends it."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.data = b""

    async def wait_for(self, text: str, timeout: float = 90) -> None:
        async with asyncio.timeout(timeout):
            while text not in terminal_text(self.data):
                msg = await self.ws.receive()
                assert msg.type == aiohttp.WSMsgType.BINARY, msg
                self.data += msg.data
        self.data = b""

    async def keys(self, text: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", text]))


def _ctrl_c(proc: subprocess.Popen) -> None:
    """Ctrl+C in the server's terminal: SIGINT to every process of its group, then stop."""
    os.killpg(proc.pid, signal.SIGINT)
    stop(proc)


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl+C"])
def test_stopping_the_server_ends_its_games_and_leaves_nothing_behind(served, how: str) -> None:
    """With a tab connected, the server stops (status 0), its games end and nothing is left:
    on SIGTERM, and on Ctrl+C, which reaches the games too."""
    proc, url, saves, tmp = served
    assert {p.name[:21] for p in tmp.iterdir()} == {"korean-theater-serve-"}  # and its gate's

    async def scenario(session) -> None:
        ws = await session.ws_connect(f"{url}/ws/{KEY}/{SEATS[0]}")
        await _first_output(ws)
        assert len(games(proc)) == 1
        halt = _ctrl_c if how == "Ctrl+C" else stop
        stopping = asyncio.get_running_loop().run_in_executor(None, halt, proc)
        await _until_closed(ws)
        await stopping

    run(scenario)
    assert proc.returncode == 0
    assert games(proc) == [] and list(tmp.iterdir()) == []
    assert not list(saves.glob("browser-*"))


def test_a_folder_is_tidied_only_of_empty_folders(tmp_path: Path) -> None:
    empty = tmp_path / "browser-a"
    (empty / "reports" / "deeper").mkdir(parents=True)
    tidy(empty)
    assert not empty.exists()
    played = tmp_path / "browser-b"
    (played / "reports").mkdir(parents=True)
    (played / "empty").mkdir()
    (played / "reports" / "ada.json").write_text("{}")
    tidy(played)
    assert (played / "reports" / "ada.json").read_text() == "{}"
    assert not (played / "empty").exists()
    tidy(tmp_path / "never-made")


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "serve", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)  # fmt: skip


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.0.2.7", "example.invalid"])
def test_serve_will_not_listen_beyond_this_machine_without_a_key(host: str) -> None:
    done = _serve("--host", host, "--port", "1")
    assert done.returncode == 2
    assert "--token KEY" in done.stderr and "--new-token" in done.stderr


@pytest.mark.parametrize(
    "args",
    [["--token", "short"], ["--token", "a key with spaces"], ["--max-games", "0"],
     ["--token", KEY, "--new-token"]],
)  # fmt: skip
def test_serve_refuses_a_weak_key_or_no_seats(args: list[str]) -> None:
    assert _serve("--port", "1", *args).returncode == 2


def test_a_new_token_is_printed_in_the_link_and_opens_the_page(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    proc, port, _ = start(tmp_path, "--new-token")
    try:
        banner = proc.stdout.readline().decode()
        if banner.startswith("Loading"):
            banner = proc.stdout.readline().decode()  # the link comes next
        [link] = re.findall(rf"http://127\.0\.0\.1:{port}/\?key=[A-Za-z0-9_-]{{16,}}", banner)
        wait_for_port(port, proc)
        assert urllib.request.urlopen(link, timeout=30).status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(link[:-1], timeout=30)
        assert refused.value.code == 403
    finally:
        stop(proc)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("::", False), ("", False), ("10.0.0.5", False),
     ("example.invalid", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("host", "given", "network", "url", "found"),
    [("127.0.0.1", None, "192.168.1.20", "http://127.0.0.1:8000", True),
     ("0.0.0.0", None, "192.168.1.20", "http://192.168.1.20:8000", True),
     ("::", None, "fd00::5", "http://[fd00::5]:8000", True),
     ("0.0.0.0", None, None, "http://127.0.0.1:8000", False),
     ("0.0.0.0", "http://class.example:8000/", None, "http://class.example:8000", True)],
)  # fmt: skip
def test_the_link_to_share_is_this_machines_network_address(
    monkeypatch, host: str, given: str | None, network: str | None, url: str, found: bool
) -> None:
    """For --host 0.0.0.0 the banner's link uses the address other machines reach (never the
    127.0.0.1 a host name often resolves to), or says it was not found; --public-url wins."""
    from game.commands import serve

    monkeypatch.setattr(serve, "network_address", lambda: network)
    assert serve.public_url(host, 8000, given) == (url, found)
