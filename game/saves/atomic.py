"""Crash-safe file replacement.

`write_atomic` writes a temporary file in the target's folder, flushes and fsyncs it, checks that
it reads back, optionally keeps the current file as a backup, `os.replace`s the new file into
place and fsyncs the folder. At every instant the target is either the old file or the new one,
whole; a crash leaves at most a stray temporary file, which later saves sweep away. Writers of
one folder take its lock (game.saves.lock) first, so a temporary file that its holder finds
there was left by a crash.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

TMP_SUFFIX = ".tmp"
STALE_AFTER = 600.0  # seconds; a temporary file this old belongs to no running save


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse; the rename still happened
            os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: Path, dst: Path) -> None:
    """os.replace, retried briefly: on Windows a reader or a virus scanner can hold `dst`."""
    for attempt in range(5):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == 4 or os.name == "posix":
                raise
            time.sleep(0.05 * (attempt + 1))


def _write_synced(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def keep_backup(path: Path, backup: Path) -> None:
    """Atomically make `backup` a copy of `path` (a hard link when the filesystem allows)."""
    tmp = temp_name(backup)
    try:
        try:
            os.link(path, tmp)
        except OSError:
            with path.open("rb") as f:
                _write_synced(tmp, f.read())
        _replace(tmp, backup)
    finally:
        # also after a rename that did nothing: POSIX leaves both names when `backup` already
        # is a link to the same file (a save that failed after keeping its backup)
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_atomic(path: Path, data: bytes, backup: Path | None = None) -> None:
    """Replace `path` by `data` crash-safely; first keep the current file as `backup` if given.

    Pass `backup` only when the current file is known to be good: a backup is never replaced by
    a damaged file.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(path)
    try:
        _write_synced(tmp, data)
        if tmp.read_bytes() != data:
            raise OSError(f"{tmp}: the written file does not read back the same")
        if backup is not None and path.exists():
            keep_backup(path, backup)
            fsync_dir(folder)
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def temporary_files(folder: Path) -> list[Path]:
    with contextlib.suppress(OSError):
        return sorted(folder.glob(f".*{TMP_SUFFIX}"))
    return []


def sweep(folder: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporary files left by saves that crashed (those older than `older_than`
    seconds: younger ones may be a save in progress, unless the caller holds the folder's
    lock); returns those removed."""
    removed = []
    now = time.time()
    for p in temporary_files(folder):
        with contextlib.suppress(OSError):
            if now - p.stat().st_mtime >= older_than:
                p.unlink()
                removed.append(p)
    return removed
