"""Reading a report back (for `korean-theater class`), with every problem located.

`read_report(path)` returns the report, or the problems that stop it: unreadable, not JSON (the
line and column of the syntax error), not a report, a version this game does not read, or a
damaged field (the line and column of that field, found by a small scan of the JSON text).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game import userfile
from game.classroom.problems import cproblem
from game.content.problems import Problem
from game.inert import scrub
from game.report.model import FORMAT, VERSION, Report

MAX_BYTES = 32 * 1024 * 1024
SAVE_FORMAT = "korean-theater-save"

JsonPath = tuple[str | int, ...]


def json_positions(text: str) -> dict[JsonPath, tuple[int, int]]:
    """Where each value of a valid JSON text starts: path -> (line, column), 1-based. Object
    members are located at their key."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)

    def pos(offset: int) -> tuple[int, int]:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - starts[lo] + 1

    out: dict[JsonPath, tuple[int, int]] = {}
    i = 0
    n = len(text)

    def ws() -> None:
        nonlocal i
        while i < n and text[i] in " \t\r\n":
            i += 1

    def string() -> str:
        nonlocal i
        j = i
        i += 1
        while text[i] != '"':
            i += 2 if text[i] == "\\" else 1
        i += 1
        return json.loads(text[j:i])

    def value(path: JsonPath) -> None:
        nonlocal i
        ws()
        out.setdefault(path, pos(i))
        ch = text[i]
        if ch == "{":
            i += 1
            ws()
            if text[i] == "}":
                i += 1
                return
            while True:
                ws()
                key_at = i
                key = string()
                out[(*path, key)] = pos(key_at)
                ws()
                i += 1  # ':'
                value((*path, key))
                ws()
                if text[i] == ",":
                    i += 1
                    continue
                i += 1  # '}'
                return
        if ch == "[":
            i += 1
            ws()
            if text[i] == "]":
                i += 1
                return
            k = 0
            while True:
                value((*path, k))
                k += 1
                ws()
                if text[i] == ",":
                    i += 1
                    continue
                i += 1  # ']'
                return
        if ch == '"':
            string()
            return
        while i < n and text[i] not in ",]} \t\r\n":
            i += 1

    # the text parsed already; a gap in this scan only costs precision
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        value(())
    return out


def _find(positions: dict[JsonPath, tuple[int, int]], path: JsonPath) -> tuple[int, int]:
    for end in range(len(path), -1, -1):
        found = positions.get(tuple(path[:end]))
        if found is not None:
            return found
    return 1, 1


def sniff(path: str | Path) -> str | None:
    """'report', 'save', or None: what the JSON file at `path` says it is (cheaply)."""
    try:
        head = userfile.read_head(path, 4096).decode("utf-8", "replace")
    except userfile.FileRefused:
        return None
    if f'"{FORMAT}"' in head:
        return "report"
    if f'"{SAVE_FORMAT}"' in head:
        return "save"
    return None


def read_report(path: str | Path) -> tuple[Report | None, list[Problem]]:
    path = Path(path)
    name = str(path)

    def bad(code: str, message: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [cproblem(name, line, col, code, message)]

    if path.is_dir():
        return bad("C520", f"{name} is a folder, not a report")
    try:
        raw = userfile.read_bytes(path, MAX_BYTES)
        text = userfile.decode(raw)
    except userfile.FileRefused as e:
        messages = {
            "missing": f"no such report: {name}",
            "too big": f"{e.message}: not a report",
            "encoding": f"{e.message}: not a report",
        }
        return bad("C520", messages.get(e.reason, e.message), e.line, e.col)
    if not text.strip():
        return bad("C520", "the file is empty")
    try:
        doc: Any = json.loads(text)
    except RecursionError:
        return bad("C520", "the JSON is nested too deeply")
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string"):
            return bad(
                "C520",
                "the file is cut short (the JSON stops in the middle): an interrupted copy?",
                e.lineno,
                e.colno,
            )
        return bad("C520", f"invalid JSON: {e.msg}", e.lineno, e.colno)
    if not isinstance(doc, dict):
        return bad("C521", f"the JSON is a {type(doc).__name__}, not a report object")
    if doc.get("format") == SAVE_FORMAT:
        return bad("C521", "this is a save file, not a report (the class summary reads both)")
    if doc.get("format") != FORMAT:
        return bad("C521", f'no "format": "{FORMAT}" marker: not a Korean Theater report')
    positions = json_positions(text)
    version = doc.get("version")
    if version != VERSION:
        line, col = _find(positions, ("version",))
        return bad(
            "C523",
            f"report version {version!r}; this game reads version {VERSION}",
            line,
            col,
        )
    scrub(doc)  # a student's text must not reach the teacher's terminal or page raw
    try:
        return Report.model_validate(doc), []
    except ValidationError as e:
        problems = []
        for err in e.errors()[:10]:
            loc = tuple(err["loc"])
            # drop pydantic's union-branch tags (`bool`, `float`) that are not in the data
            while loc and isinstance(loc[-1], str) and loc[-1] in ("bool", "float", "int", "str"):
                loc = loc[:-1]
            line, col = _find(positions, loc)
            where = ".".join(str(p) for p in loc) or "(top level)"
            msg = err["msg"].replace("Value error, ", "")
            problems.append(cproblem(name, line, col, "C522", f"{where}: {msg}"))
        return None, problems
