"""The app's saver: autosaves and classroom reports, written off the UI thread one at a time and
in order, their results handed back to the UI thread without waiting for it."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.tui.services import slot_info

if TYPE_CHECKING:
    from game.classroom.game import ClassroomGame
    from game.engine.session import Session
    from game.tui.app import KoreanTheaterApp

# seconds an autosave waits at most for the frame that follows the decision
SAVE_WAIT = 0.5


class Saver:
    """One thread that writes the app's saves and reports, in the order they were asked for."""

    def __init__(self, app: KoreanTheaterApp) -> None:
        self.app = app
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._unsaved: deque[Callable[[], None]] = deque()  # autosaves waiting for a frame

    def autosave(self, session: Session, game: ClassroomGame | None) -> None:
        """Autosave once the frame that follows the decision is on screen (so the save does not
        compete with drawing it). In classroom mode the game goes to its classroom slot
        (CLASSROOM-NAME-ROLE), with the student's name and predictions in it."""
        predictions = tuple(game.predictions) if game is not None else ()
        self._unsaved.append(partial(self._save, session, game, predictions))
        # Textual runs an after-refresh callback on the screen that is on top when it comes,
        # and drops it if that screen closes before its next frame (Enter on the consequences
        # at once, as a browser sends it): the timer and the app's end save it then.
        self.app.call_after_refresh(self.start)
        self.app.set_timer(SAVE_WAIT, self.start)

    def start(self) -> None:
        """Hand the autosaves not yet started to the thread, in order."""
        while self._unsaved:
            self._pool.submit(self._unsaved.popleft())

    def report(self, session: Session, game: ClassroomGame, done: Callable[..., object]) -> None:
        """Build the classroom game's report (with its counterfactuals: 1–3 s) after any
        pending save, and write it to SAVES/reports/SLOT.json; then `done(report, path or None,
        problem or None)` on the UI thread."""
        self.start()
        self._pool.submit(self._report, session, game, tuple(game.predictions), done)

    def close(self) -> None:
        """After the pending saves, let other games autosave where this one did (without
        waiting for them here: `flush` does)."""
        with contextlib.suppress(RuntimeError):  # already shut down
            self.start()
            self._pool.submit(self.app.saves.close)
        self._pool.shutdown(wait=False)

    def flush(self) -> None:
        """Wait for pending saves (called when the app has ended, on any thread)."""
        with contextlib.suppress(RuntimeError):  # the app's end has started them
            self.start()
        self._pool.shutdown(wait=True)

    # -- on the saver's thread
    def _save(self, session: Session, game: ClassroomGame | None, predictions: tuple) -> None:
        from game.tui.services import SaveProblem

        saves = self.app.saves
        try:
            if game is None:
                slot, where = saves.AUTOSAVE, saves.autosave(session)
            else:
                slot, where = saves.save_own(
                    session, game.slot_for(session), classroom=game.part(predictions)
                )
                game.slot = slot
            latest = slot_info(slot, Path(where), session, game.player if game else "")
        except SaveProblem as e:
            self._hand_back(self._failed, e.message)
        except Exception as e:  # never lose the game to a failed save
            self._hand_back(self._failed, str(e))
        else:
            self._remember_seat(Path(where))
            self._hand_back(setattr, self.app, "latest_save", latest)
            for notice in saves.take_notices():  # e.g. another game has the autosave
                self._hand_back(self._moved, notice)

    def _remember_seat(self, save: Path) -> None:
        """Note which save this browser seat plays, for a reload to resume (`serve`)."""
        seat, saves = self.app.settings.seat, self.app.saves
        if seat is None or not saves.persistent:
            return
        from game.saves.seats import SeatBook
        from game.saves.store import slot_of

        with contextlib.suppress(OSError):  # the save itself is made; a reload shows the title
            SeatBook(saves.root).remember(seat, slot_of(save))

    def _report(
        self, session: Session, game: ClassroomGame, predictions: tuple, done: Callable[..., object]
    ) -> None:
        report = where = problem = None
        try:
            from game.report.debrief import session_report

            report = session_report(session, game.settings, game.player, list(predictions))
            if self.app.saves.persistent:
                where = game.write_report(self.app.saves.root, report, session)
        except Exception as e:  # the game is saved; say what went wrong with the report
            problem = f"The report could not be written: {e}"
        self._hand_back(done, report, where, problem)

    def _hand_back(self, callback: Callable[..., object], *args: Any) -> None:
        """Hand a result to the UI thread without waiting for it (`call_from_thread` would):
        the saver then never needs the event loop, so the loop's thread may wait for the saver
        (`flush`) without a deadlock."""
        with contextlib.suppress(RuntimeError):  # the loop has closed; the save itself is done
            self.app.call_later(callback, *args)  # a message post: thread-safe, never blocks

    # -- on the UI thread
    def _failed(self, message: str) -> None:
        self.app.notify(message, title="Autosave failed", severity="error", markup=False)

    def _moved(self, message: str) -> None:
        self.app.notify(
            message, title="Saving elsewhere", severity="warning", timeout=10, markup=False
        )
