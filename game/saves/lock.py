"""Locks between the games (processes, or threads) that share a saves folder.

A `FileLock` is an operating-system lock on a folder or a small hidden file: `flock` on POSIX,
a byte lock (`msvcrt.locking`) on Windows, where a folder cannot be locked. The system releases
it when its holder closes it or ends, however it ends (a crash, SIGKILL), so a lock never goes
stale and needs no clean-up. A lock file is never deleted: removing one while another process
waits on it would let two processes each hold "the" lock. Waiting is bounded: a lock that stays
taken gives up, never hangs. On a filesystem without locks (some network shares) locking does
nothing, and `FileLock.real` says so.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from pathlib import Path

WAIT = 30.0  # seconds; another game's save holds the folder for milliseconds
_POLL = 0.005
_TAKEN = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", -1)}
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}


def _try(fd: int) -> bool:
    """Take the lock without waiting: True when taken (or when locks are not supported)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        if e.errno in _TAKEN:
            return False
        if e.errno in _UNSUPPORTED:
            raise NotImplementedError from e
        raise
    return True


def folder_lock(folder: Path) -> FileLock:
    """The lock of a folder itself (POSIX), or of the hidden file `.lock` in it (Windows)."""
    return FileLock(folder if os.name == "posix" else folder / ".lock")


class FileLock:
    """An exclusive lock on `path`, a folder or a file (created if missing). Each FileLock
    object is one holder: two of them exclude each other, in one process as across processes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self.real = True  # False where the filesystem has no locks

    def acquire(self, wait: float | None = None) -> bool:
        """Take the lock, waiting at most `wait` seconds (default `WAIT`); False if it stayed
        taken."""
        wait = WAIT if wait is None else wait
        if self._fd is not None:
            return True
        if self.path.is_dir():
            fd = os.open(self.path, os.O_RDONLY)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        deadline = time.monotonic() + wait
        try:
            while not _try(fd):
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(_POLL)
        except NotImplementedError:
            self.real = False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)  # closing the file releases its lock

    def __del__(self) -> None:
        self.release()
