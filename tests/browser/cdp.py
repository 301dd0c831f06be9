"""A very small Chrome DevTools Protocol client over aiohttp's websocket (aiohttp comes with
textual-serve): enough to open a page in headless Chromium, watch its websocket frames, read the
DOM and press keys. Only localhost is ever contacted."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--mute-audio",
    # every host name but localhost resolves to nothing: no traffic leaves the machine
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--window-size=1280,900",
]
ANSI = re.compile(
    r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def terminal_text(data: bytes) -> str:
    """The printable text of a terminal byte stream (escape sequences removed)."""
    return ANSI.sub("", data.decode("utf-8", "replace"))


class Browser:
    """Headless Chromium with a DevTools websocket on a port of its own choosing."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.binary = binary
        self.profile = profile
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> int:
        self.proc = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with status {self.proc.returncode}")
            if port_file.exists():
                first = port_file.read_text().splitlines()
                if first and first[0].strip().isdigit():
                    return int(first[0])
            time.sleep(0.1)
        raise TimeoutError("chromium did not open its DevTools port")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


class Page:
    """One page target: send commands, collect events."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.frames: list[bytes] = []  # websocket frames the page received
        self.frame_sockets: list[str] = []  # the websocket of each frame (its request id)
        self.sockets: list[str] = []  # the websockets the page opened, in order
        self.sent: list[str] = []  # websocket frames the page sent
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, session: aiohttp.ClientSession, devtools_port: int) -> Page:
        base = f"http://127.0.0.1:{devtools_port}"
        async with session.get(f"{base}/json/list") as r:
            targets = await r.json()
        page = next(t for t in targets if t.get("type") == "page")
        ws = await session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        return cls(ws)

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if "id" in data:
                fut = self.pending.pop(data["id"], None)
                if fut is not None and not fut.done():
                    fut.set_result(data)
            elif data.get("method") == "Network.webSocketCreated":
                self.sockets.append(data["params"]["requestId"])
            elif data.get("method") == "Network.webSocketFrameReceived":
                resp = data["params"]["response"]
                payload = resp.get("payloadData", "")
                self.frames.append(
                    base64.b64decode(payload) if resp.get("opcode") == 2 else payload.encode()
                )
                self.frame_sockets.append(data["params"]["requestId"])
            elif data.get("method") == "Network.webSocketFrameSent":
                self.sent.append(data["params"]["response"].get("payloadData", ""))

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = fut
        await self.ws.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(fut, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def text(self, since: int = 0, socket: str | None = None) -> str:
        """The terminal output from frame `since` on (only `socket`'s, if given)."""
        frames = zip(self.frames[since:], self.frame_sockets[since:], strict=True)
        return terminal_text(b"".join(f for f, s in frames if socket in (None, s)))

    async def wait_for_text(
        self, *needles: str, since: int = 0, socket: str | None = None, timeout: float = 30.0
    ) -> str:
        """Wait until the terminal output (from frame `since` on, of `socket` if given) holds
        every needle."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text(since, socket)
            if all(n in text for n in needles):
                return text
            if time.monotonic() > deadline:
                raise TimeoutError(f"never saw {needles!r}; saw: {text[-2000:]!r}")
            await asyncio.sleep(0.2)

    async def new_socket(self, known: int, timeout: float = 30.0) -> str:
        """The first websocket the page opens after the `known` first ones."""
        deadline = time.monotonic() + timeout
        while len(self.sockets) <= known:
            if time.monotonic() > deadline:
                raise TimeoutError("the page opened no new websocket")
            await asyncio.sleep(0.1)
        return self.sockets[known]

    async def press(self, key: str) -> None:
        """Type one printable key into the focused element."""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": f"Key{key.upper()}"}
            if kind == "keyDown":
                params["text"] = key
            await self.call("Input.dispatchKeyEvent", **params)

    async def close(self) -> None:
        self.reader.cancel()
        with contextlib.suppress(Exception):
            await self.ws.close()
