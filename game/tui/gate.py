"""How many games of one server build their desk at once: the start gate of `serve`.

Putting a game on the desk is the costliest thing a game does (about half a CPU-second: Textual
composing and laying out the desk), and a key typed on a desk costs a few milliseconds. Thirty
students starting together on two cores shared the CPU fairly: every desk was built at the same
slow pace, each key of those already playing waited behind thirty builds, and all the desks were
ready at about the same moment, so that everyone then typed at once. Through the gate at most
`slots` desks are built at a time (one core's worth on a two-core machine), the other cores
answer keys, and the students reach their desks one after another.

Titles come first: while another game of the server is starting (from its fork until its title
and the new game screen it builds ahead are ready), a desk waits, `TITLES_FIRST` seconds at most.
Thirty students arriving together then all get a title and a new game screen that answer at
once, and their desks are built after, one after another: a desk is slow to come in any case,
but a title or an `n` that lags looks like a broken game. A starting game says so with a file
named by its process, which the desks ignore once that process has ended.

A slot is an exclusive lock (flock) on one of the gate's files: the system releases it when the
process that holds it ends, so a game that dies holding one never blocks the class. The games
take the slots in the order they asked (a queue of files named by the time they asked and their
process, those of ended processes skipped), and waiting never blocks the event loop: the game
looks, sleeps a moment, and looks again.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no gate (serve starts one process per game there)
    fcntl = None  # type: ignore[assignment]

POLL = 0.1  # seconds between two looks at the slots
# seconds a game waits for a slot at most: when the machine cannot keep up (a class larger than
# its cores can start in time, or other programs busy), the games then start as they would
# without the gate rather than keep a student waiting longer
PATIENCE = 20.0
# seconds a desk waits at most for the games starting meanwhile (a class arriving over minutes
# would otherwise hold every desk back)
TITLES_FIRST = 5.0


class StartGate:
    """`slots` lock files in `folder`, shared by every game of a server."""

    def __init__(self, folder: Path, slots: int) -> None:
        self.folder = Path(folder)
        self.slots = max(1, slots)

    @classmethod
    def available(cls) -> bool:
        return fcntl is not None

    def starting(self) -> None:
        """This game is starting: desks wait for it (see the module's docstring)."""
        with contextlib.suppress(OSError):
            (self.folder / f"starting-{os.getpid()}").touch()

    def started(self) -> None:
        """This game's title is ready (and any screen it builds ahead)."""
        with contextlib.suppress(OSError):
            (self.folder / f"starting-{os.getpid()}").unlink(missing_ok=True)

    def _others_starting(self) -> bool:
        own = f"starting-{os.getpid()}"
        return any(f.name != own for f in self._live(self.folder.glob("starting-*")))

    @staticmethod
    def _live(files: Iterable[Path]) -> Iterator[Path]:
        """Those of `files` (named `…-PID`) whose process is alive; the others, left by games
        that ended as they started or waited, are removed."""
        for f in files:
            if _alive(int(f.name.rsplit("-", 1)[1])):
                yield f
            else:
                with contextlib.suppress(OSError):
                    f.unlink()

    def _try(self) -> int | None:
        """The descriptor of a slot now held, or None when every slot is taken."""
        assert fcntl is not None
        for n in range(self.slots):
            fd = os.open(self.folder / f"slot-{n}", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            return fd
        return None

    async def enter(self, patience: float = PATIENCE, titles: float = TITLES_FIRST) -> int | None:
        """Wait for a slot, in the order the games asked, for `patience` seconds at most (and
        for the games starting meanwhile, `titles` seconds at most); its descriptor, or None
        when the game goes on without one (it waited long enough, or the gate cannot be
        used)."""
        ticket = self.folder / f"queue-{time.time_ns():020d}-{os.getpid()}"
        now = time.monotonic()
        deadline, titles_until = now + patience, now + min(titles, patience)
        self.started()  # a game that goes to its desk has started
        try:
            ticket.touch()
            while (
                (time.monotonic() < titles_until and self._others_starting())
                or self._ahead(ticket) >= self.slots
                or (fd := self._try()) is None
            ):
                if time.monotonic() > deadline:
                    return None
                await asyncio.sleep(POLL)
        except OSError:  # the folder is gone (the server is ending): never hold a game back
            return None
        finally:
            with contextlib.suppress(OSError):
                ticket.unlink()
        return fd

    def _ahead(self, ticket: Path) -> int:
        """How many games still waiting asked before `ticket` (those that ended aside)."""
        earlier = (f for f in self.folder.glob("queue-*") if f.name < ticket.name)
        return sum(1 for _ in self._live(earlier))

    @staticmethod
    def leave(fd: int | None) -> None:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True
