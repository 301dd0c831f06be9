"""Input in the order it was typed: each key (and click, and paste) reaches the game only once
everything the one before it set off has happened.

Textual picks a key's target when the key arrives (the focused widget) and runs its bindings
later, when the key has bubbled up. Keys that arrive together, as they do from a browser, over
a slow link or from a fast typist, are all aimed before the first one acts: `r` opens the memo
but the letters after it still go to the options, where `s` opens Save and `q` the menu; the
second prediction key goes to the row the first one has just left. Here a key waits until the
one before it has settled — its messages handled, the focus it moved and the screen it opened
in place — so that a text field that has the focus gets every printable key, and no key is
lost or misrouted. A key that cannot settle (a screen that never quiets) waits at most `ROUNDS`
rounds, or `LIMIT` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from textual import events
from textual.worker import WorkerState

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

# A key waits for the one before it to settle for at most ROUNDS rounds (a screen that never
# quiets), and LIMIT seconds (a worker that never ends). Not a shorter time: thirty browsers'
# games on two busy cores took several seconds to open the memo after `r`, and its first letter,
# released early, went to the options.
ROUNDS = 20
LIMIT = 30.0
ORDERED = (events.Key, events.MouseDown, events.MouseUp, events.Paste)


class OrderedInput:
    """The app's input events, released one at a time (see the module's docstring)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._queue: asyncio.Queue[events.Event] = asyncio.Queue()
        self._released: set[int] = set()  # ids of events on their way through the app
        self._feeder: asyncio.Task | None = None

    def hold(self, event: events.Event) -> bool:
        """True when the app should not handle `event` now: it is queued, and comes back once
        the input before it has settled."""
        if not isinstance(event, ORDERED) or event.is_forwarded:
            return False
        if id(event) in self._released:
            self._released.discard(id(event))
            return False
        self._queue.put_nowait(event)
        if self._feeder is None:
            self._feeder = asyncio.get_running_loop().create_task(self._feed())
        return True

    def stop(self) -> None:
        if self._feeder is not None:
            self._feeder.cancel()
            self._feeder = None

    async def _feed(self) -> None:
        while True:
            event = await self._queue.get()
            self._released.add(id(event))
            self.app.post_message(event)  # the app handles it now, as Textual would have
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(LIMIT):
                    await self._settled()

    async def _settled(self) -> None:
        """Until the key's path (the app, the focused widget and its ancestors up to the
        screen, and the app again) has handled everything sent along it, the screen's own
        async workers (a list being filled) are done, and neither the screen nor the focus
        moved in the last round: handling one message may open a screen or move the focus."""
        seen = None
        for _ in range(ROUNDS):
            for pump in self._path():
                await handled(pump)
            for worker in self._screen_workers():
                with contextlib.suppress(Exception):
                    await worker.wait()
            now = self._where()
            if now == seen:
                return
            seen = now

    def _where(self) -> tuple[int, int]:
        app = self.app
        try:
            return id(app.screen), id(app.focused)
        except Exception:  # no screen yet, or the app is closing
            return 0, 0

    def _path(self) -> list[MessagePump]:
        app = self.app
        try:
            screen = app.screen
        except Exception:
            return [app]
        focused = app.focused
        chain = focused.ancestors_with_self if focused is not None else [screen]
        nodes = [app, *(n for n in chain if n is not app), app]
        return [n for n in nodes if not (n._closing or n._closed)]

    def _screen_workers(self):
        app = self.app
        try:
            screen = app.screen
        except Exception:
            return []
        return [
            w
            for w in app.workers
            if not w._thread_worker
            and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            and (w.node is screen or screen in getattr(w.node, "ancestors", ()))
        ]


async def handled(pump: MessagePump) -> None:
    """Until `pump` has handled every message it was sent before now (its messages are
    handled in order, so a callback sent now runs after them), or has closed: a screen the key
    closed (`q` on the desk) never runs the callback."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def release() -> None:
        if not done.done():
            done.set_result(None)

    pump.call_later(release)
    while not done.done() and not (pump._closing or pump._closed):
        await asyncio.wait({done}, timeout=0.05)
