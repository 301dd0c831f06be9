"""Reading a file the user named: pack files, classroom files, reports handed in.

Every such read goes through here, so that none can hang or exhaust memory: only regular files
are opened (a named pipe, a device such as /dev/zero or a socket is refused before it is opened,
and the file is opened without blocking in case it was swapped for one meanwhile), and at most
`limit` + 1 bytes are read, so a file over the limit is refused without reading the rest. Text
is UTF-8; a byte-order mark at its start is accepted and dropped, everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

BOM = "\ufeff"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class FileRefused(Exception):
    """Why a file cannot be read, said for a user, with where in it when that is known."""

    def __init__(self, reason: str, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.reason = reason  # missing, special, too big, unreadable or encoding
        self.message = message
        self.line = line
        self.col = col


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def describe(path: str | Path) -> str | None:
    """`kind_of` the file at `path` (following links), or None if it is a regular file or
    cannot be looked at."""
    try:
        return kind_of(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes; else FileRefused."""
    data = _read(path, limit + 1, limit)
    if len(data) > limit:  # it grew after it was looked at
        raise FileRefused("too big", too_big(limit))
    return data


def read_head(path: str | Path, size: int) -> bytes:
    """At most the first `size` bytes of a regular file, whatever its length; else FileRefused."""
    return _read(path, size, None)


def read_text(path: str | Path, limit: int) -> str:
    """`read_bytes`, decoded as UTF-8 without a leading byte-order mark."""
    return decode(read_bytes(path, limit))


def decode(raw: bytes) -> str:
    """UTF-8 text without a leading byte-order mark; FileRefused at the first byte that is not
    UTF-8, with its line and column."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        message = f"byte 0x{raw[e.start]:02x} is not UTF-8"
        raise FileRefused("encoding", message, line, col) from None
    return text.removeprefix(BOM)


def too_big(limit: int, size: int | None = None) -> str:
    """The message for a file over `limit` bytes (of `size` bytes, if known)."""
    what = f"{size:,} bytes" if size is not None else f"over {_size(limit)}"
    return f"the file is {what}; at most {_size(limit)} is read"


def _cannot(e: Exception) -> str:
    return f"cannot read the file: {getattr(e, 'strerror', None) or e}"


def _size(n: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("kB", 1024)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"


def _read(path: str | Path, size: int, limit: int | None) -> bytes:
    try:
        st = os.stat(path)
        kind = kind_of(st.st_mode)
        if kind is not None:
            raise FileRefused("special", f"{path} is {kind}, not a file")
        if limit is not None and st.st_size > limit:
            raise FileRefused("too big", too_big(limit, st.st_size))
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileRefused("missing", f"no such file: {path}") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise FileRefused("unreadable", _cannot(e)) from None
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:  # swapped between the look and the open
            raise FileRefused("special", f"{path} is {kind}, not a file")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(size)
    except OSError as e:
        raise FileRefused("unreadable", _cannot(e)) from None
    finally:
        os.close(fd)
