"""Map key paths of a TOML document back to lines and columns.

``tomli`` reports positions only for syntax errors. Problems found after parsing (a wrong type, an
unknown event id, a bad expression) must still point at the line of the offending key, so this
module scans the (already valid) text once and records where every key, array element and string
value starts. Paths look like ``("event", 3, "choice", 1, "effects", 0)``.

On the way it notes what the TOML reader accepts but TOML 1.0 does not (``Locator.newer``): an
inline table over several lines or with a trailing comma, the escapes `\\e` and `\\xHH`, a time
without seconds. Editors and the JSON Schema's tools read TOML 1.0, so the checker refuses them.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

Path = tuple[str | int, ...]

_NEWER_ESCAPE = re.compile(r"\\(?:\\|([ex]))")  # `\\` pairs skipped; group 1: `\e`, `\x`
_SHORT_TIME = re.compile(r"(?:^|[T ])\d{2}:\d{2}(?!:)")


@dataclass(frozen=True, slots=True)
class Spot:
    line: int  # 1-based
    col: int  # 1-based
    content: int | None = None  # offset of a string value's first character, for expressions


class Locator:
    """Where each path of one TOML text starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._line_starts.append(i + 1)
        self.spots: dict[Path, Spot] = {}
        self.newer: list[tuple[int, str]] = []  # (offset, what) of TOML 1.1-only syntax
        # The text parsed with tomli already; a gap in this scanner only costs precision.
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            _Scanner(text, self).run()

    def position(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self._line_starts[lo] + 1

    def record(self, path: Path, offset: int, content: int | None = None) -> None:
        old = self.spots.get(path)
        if old is None:
            line, col = self.position(offset)
            self.spots[path] = Spot(line, col, content)
        elif content is not None:
            self.spots[path] = Spot(old.line, old.col, content)

    def find(self, path: Path) -> tuple[int, int]:
        """The line and column of `path`, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            spot = self.spots.get(tuple(path[:end]))
            if spot is not None:
                return spot.line, spot.col
        return 1, 1

    def find_in_string(self, path: Path, pos: int) -> tuple[int, int]:
        """The line and column of character `pos` inside the string value at `path`."""
        spot = self.spots.get(tuple(path))
        if spot is None or spot.content is None:
            return self.find(path)
        return self.position(min(spot.content + max(pos, 0), len(self.text)))


class _Scanner:
    def __init__(self, text: str, out: Locator) -> None:
        self.s = text
        self.i = 0
        self.out = out
        self.counts: dict[Path, int] = {}  # array-of-tables path -> number seen

    def run(self) -> None:
        table: Path = ()
        s = self.s
        while self.i < len(s):
            self.skip_ws_and_newlines()
            if self.i >= len(s):
                break
            if s[self.i] == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.skip_to_eol()

    # -- lexical helpers
    def skip_ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def skip_ws_and_newlines(self) -> None:
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch in " \t\r\n":
                self.i += 1
            elif ch == "#":
                self.skip_comment()
            else:
                break

    def skip_comment(self) -> None:
        while self.i < len(self.s) and self.s[self.i] != "\n":
            self.i += 1

    def skip_to_eol(self) -> None:
        self.skip_ws()
        if self.i < len(self.s) and self.s[self.i] == "#":
            self.skip_comment()

    def resolve(self, keys: list[str]) -> Path:
        """Turn dotted keys into a path with the current index of each array of tables."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.counts:
                path = (*path, self.counts[path] - 1)
        return path

    def header(self) -> Path:
        start = self.i
        double = self.s.startswith("[[", self.i)
        self.i += 2 if double else 1
        keys = self.keys()
        self.i += 2 if double else 1
        if double:
            parent = self.resolve(keys[:-1])
            base = (*parent, keys[-1])
            self.counts[base] = self.counts.get(base, 0) + 1
            path = (*base, self.counts[base] - 1)
            self.out.record(base, start)
        else:
            path = self.resolve(keys)
        self.out.record(path, start)
        return path

    def keys(self) -> list[str]:
        keys = []
        while True:
            self.skip_ws()
            ch = self.s[self.i]
            if ch in "\"'":
                keys.append(self.string()[0])
            else:
                j = self.i
                while self.s[self.i] not in " \t=.]\n\r":
                    self.i += 1
                keys.append(self.s[j : self.i])
            self.skip_ws()
            if self.s[self.i] == ".":
                self.i += 1
                continue
            return keys

    def key_value(self, table: Path) -> None:
        start = self.i
        keys = self.keys()
        path = (*table, *keys)
        self.out.record(path, start)
        self.i += 1  # "="
        self.skip_ws()
        self.value(path)

    def value(self, path: Path) -> None:
        ch = self.s[self.i]
        if ch in "\"'":
            start = self.i
            _, content = self.string()
            self.out.record(path, start, content)
        elif ch == "[":
            self.array(path)
        elif ch == "{":
            self.inline_table(path)
        else:
            start = self.i
            while self.i < len(self.s) and self.s[self.i] not in ",]}\n\r#":
                self.i += 1
            if _SHORT_TIME.search(self.s[start : self.i].strip()):
                self.out.newer.append((start, "a time without seconds"))

    def array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_ws_and_newlines()
            if self.s[self.i] == "]":
                self.i += 1
                return
            self.out.record((*path, index), self.i)
            self.value((*path, index))
            index += 1
            self.skip_ws_and_newlines()
            if self.s[self.i] == ",":
                self.i += 1

    def inline_table(self, path: Path) -> None:
        self.i += 1
        comma = -1
        while True:
            self.inline_gap()
            if self.s[self.i] == "}":
                if comma >= 0:
                    self.out.newer.append((comma, "a comma before the `}` of an inline table"))
                self.i += 1
                return
            self.key_value(path)
            self.inline_gap()
            comma = -1
            if self.s[self.i] == ",":
                comma = self.i
                self.i += 1

    def inline_gap(self) -> None:
        start = self.i
        self.skip_ws_and_newlines()
        if "\n" in self.s[start : self.i]:
            self.out.newer.append((start, "an inline table `{ … }` over several lines"))

    def string(self) -> tuple[str, int]:
        """Skip a string; return its raw text and the offset of its first character."""
        s = self.s
        quote = s[self.i]
        triple = s.startswith(quote * 3, self.i)
        if triple:
            self.i += 3
            if s.startswith("\r\n", self.i):
                self.i += 2
            elif s.startswith("\n", self.i):
                self.i += 1
            content = self.i
            end = s.index(quote * 3, self.i)
            while s.startswith(quote, end + 3):  # up to two quotes may end the content
                end += 1
            self.i = end + 3
            if quote == '"':
                self.escapes(content, end)
            return s[content:end], content
        self.i += 1
        content = self.i
        while s[self.i] != quote:
            if quote == '"' and s[self.i] == "\\":
                self.i += 1
            self.i += 1
        self.i += 1
        if quote == '"':
            self.escapes(content, self.i - 1)
        return s[content : self.i - 1], content

    def escapes(self, start: int, end: int) -> None:
        if "\\" not in self.s[start:end]:
            return
        for m in _NEWER_ESCAPE.finditer(self.s, start, end):
            if m.group(1):
                self.out.newer.append((m.start(), f"the escape `\\{m.group(1)}`"))
