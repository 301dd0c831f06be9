"""A small LSP client over a subprocess's stdin and stdout, for the tests: JSON-RPC framed
with Content-Length, every wait bounded, the server ended on exit."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

WAIT = 60.0  # seconds a message may take on a loaded machine


class Client:
    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[dict] = queue.Queue()
        self.responses: dict[int, dict] = {}
        self.notes: list[dict] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        while rid not in self.responses:
            self._take()
        answer = self.responses.pop(rid)
        assert "error" not in answer, answer
        return answer.get("result")

    def _take(self) -> None:
        message = self.inbox.get(timeout=WAIT)
        if "id" in message and "method" not in message:
            self.responses[message["id"]] = message
        elif "method" in message and "id" in message:  # a request of the server's: answer it
            self.send({"id": message["id"], "result": None})
        else:
            self.notes.append(message)

    def diagnostics(self, uri: str, until=lambda d: True) -> list[dict]:
        """The latest diagnostics published for `uri` that satisfy `until` (waiting for them)."""
        while True:
            for note in reversed(self.notes):
                p = note.get("params", {})
                if note.get("method") == "textDocument/publishDiagnostics" and p["uri"] == uri:
                    if until(p["diagnostics"]):
                        return p["diagnostics"]
                    break
            self._take()

    def __enter__(self) -> Client:
        self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.notify("initialized", {})
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=WAIT)
        except Exception:
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=WAIT)
