"""Untrusted text made inert for where it goes: a terminal, a spreadsheet, a browser.

Packs, saves, reports and classroom files are traded between students, and file names come with
them. Their text must never act: no terminal control sequence (ESC, CSI, BEL, a carriage return
that rewrites a line), no bidirectional override that reorders what is shown, no lone surrogate
that crashes a UTF-8 writer, no formula in a spreadsheet cell, no link of a scheme other than
http(s). Readers of those files make their text inert once (`scrub`); every writer that shows such
text passes it through `inert` or `inert_line` as a safety net.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# The C0 controls but tab and newline, DEL, the C1 controls (0x9b alone is a CSI), the line and
# paragraph separators, the bidi embeddings, overrides and isolates, and lone surrogates. The
# bidi marks (U+200E, U+200F, U+061C) stay: they only steer the characters next to them, and
# right-to-left text needs them.
_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
UNSAFE = re.compile(f"[{_BAD}]")
UNSAFE_IN_LINE = re.compile(f"[\t\n{_BAD}]")
_SAFE_ASCII = bytes(c for c in range(128) if not UNSAFE.match(chr(c)))


def has_unsafe(text: str) -> bool:
    """Whether `text` holds an unsafe character. An ASCII text is looked at a byte at a time
    through a table, which is several times faster than the pattern on a large pack's files."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _SAFE_ASCII))
    return UNSAFE.search(text) is not None


def _shown(m: re.Match[str]) -> str:
    """One visible character for one unsafe one, so that text keeps its length (a label that
    fits its field still fits): a C0 control or DEL as its Unicode control picture (ESC is ␛,
    a newline ␊), anything else as the replacement character."""
    code = ord(m[0])
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def inert(text: str) -> str:
    """`text` with every unsafe character shown as a visible one (`_shown`); newlines and tabs
    stay, and a CR LF is a newline. Idempotent, and never longer than `text`."""
    return UNSAFE.sub(_shown, text.replace("\r\n", "\n"))


def inert_json(text: str) -> str:
    """JSON text with every unsafe character written as its `\\uXXXX` escape: the same JSON
    value, safe to show on a terminal (saves, reports and JSON output are written so)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def inert_line(text: str) -> str:
    """`text` as one inert line: newlines and tabs are shown too (a file name, a name)."""
    return UNSAFE_IN_LINE.sub(_shown, text.replace("\r\n", "\n"))


def scrub(data: Any) -> list[tuple[tuple[str | int, ...], int, str]]:
    """Make every string of a parsed document (dicts, lists, scalars; keys too) inert, in place.
    Returns where the unsafe characters were: (path of the string, offset of its first unsafe
    character, that character); a key's path ends with the key itself. Not recursive: a deeply
    nested document cannot exhaust the stack."""
    found: list[tuple[tuple[str | int, ...], int, str]] = []

    def clean(text: str, path: tuple[str | int, ...]) -> str:
        text = text.replace("\r\n", "\n")
        m = UNSAFE.search(text)
        if m is None:
            return text
        found.append((path, m.start(), m[0]))
        return UNSAFE.sub(_shown, text)

    todo: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while todo:
        node, path = todo.pop()
        if isinstance(node, dict):
            items = list(node.items())
            node.clear()
            for key, value in items:
                if isinstance(key, str):
                    key = clean(key, (*path, key))
                node[key] = value
            entries: list[tuple[Any, Any]] = list(node.items())
        elif isinstance(node, list):
            entries = list(enumerate(node))
        else:
            continue
        for key, value in entries:
            if isinstance(value, str):
                node[key] = clean(value, (*path, key))
            else:
                todo.append((value, (*path, key)))
    return found


def web_link(url: str) -> bool:
    """An http or https link to a host, with nothing in it that could hide where it goes: the only
    links the game opens or writes as links."""
    if UNSAFE_IN_LINE.search(url) or " " in url or "\\" in url:
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 address
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


# OWASP's list, but for the carriage return, which `inert` has written out already
FORMULA_START = ("=", "+", "-", "@", "\t")


def csv_cell(value: object) -> object:
    """A cell for a CSV file: text is inert, and text a spreadsheet would read as a formula is
    prefixed with a single quote (OWASP's rule); numbers stay numbers."""
    if not isinstance(value, str):
        return value
    text = inert(value)
    return "'" + text if text.startswith(FORMULA_START) else text
