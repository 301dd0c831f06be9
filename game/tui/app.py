"""The Textual app: a thin shell over its screens.

Its dependencies (the pack library, the save shelf, the settings) come in through the
constructor. After the first frame the app reads, in a worker, what the title shows (the pack's
pack.toml, the newest save's header); the pack itself loads when a game is first opened, or at
once when one starts at once (`_pack_at_once`). It keeps the current pack result (which screens
watch, e.g. for live reload), autosaves, and guards against a terminal too small to play in.
Screens own everything else.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import events, messages, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import var
from textual.screen import Screen

from game.tui import ahead
from game.tui.keys import OrderedInput
from game.tui.pack_about import PackAbout, read_about
from game.tui.saver import Saver
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from game.tui.services import (
    Loaded,
    PackLibrary,
    PackWatcher,
    SaveShelf,
    Settings,
    SlotInfo,
)
from game.tui.theme import THEME
from game.tui.typed import GameScreen

if TYPE_CHECKING:
    from game.classroom.game import ClassroomGame
    from game.content.compiler import LoadResult
    from game.engine.pack import Pack
    from game.engine.session import Session
    from game.tui.gate import StartGate
    from game.views.policy import Policy

# seconds a game holds the server's start gate at most (game.tui.gate)
GATE_HOLD = 5.0


class KoreanTheaterApp(App[int]):
    """Korean Theater: advise a government through the Russia–DPRK crisis."""

    TITLE = "Korean Theater"
    CSS_PATH = ["app.tcss", "screens/title.tcss"]  # the title is the default screen
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    pack_result: var[LoadResult | None] = var(None, init=False)
    """The default pack as last loaded; screens watch it (live reload in --watch mode)."""
    latest_save: var[SlotInfo | None] = var(None, init=False)
    """The newest save, for Continue."""
    pack_about: var[PackAbout | None] = var(None, init=False)
    """What the title says of the default pack: from its pack.toml, then from the pack itself
    once it is loaded."""

    def __init__(self, packs: PackLibrary, saves: SaveShelf, settings: Settings) -> None:
        super().__init__()
        self.packs = packs
        self.saves = saves
        self.settings = settings
        self.problems: list[str] = []  # what stopped the app (a broken pack), for the CLI
        self._watcher: PackWatcher | None = None
        self._started = False  # a game has been put on the desk
        # classroom mode: the game being played (student, predictions, slot); None otherwise
        self.classroom: ClassroomGame | None = None
        self._saver = Saver(self)
        self._input = OrderedInput(self)  # each key once the one before it has settled
        self._end_waited = False  # the end has waited for a screen built ahead
        # the theme is chosen before the first stylesheet is built: switching it later costs a
        # full CSS refresh (about a third of the start-up time)
        self.register_theme(THEME)
        if settings.theme in self.available_themes:
            self.theme = settings.theme

    # -- start-up
    def get_default_screen(self) -> Screen:
        return self._sized(TitleScreen())  # the bottom of the stack: every other screen on it

    def push_screen(self, screen, *args, **kwargs):
        return super().push_screen(self._sized(screen), *args, **kwargs)

    def switch_screen(self, screen):
        return super().switch_screen(self._sized(screen))

    def _sized(self, screen):
        """The screen with the breakpoint classes (`-wide`, `-short` …) of the app's size, as
        its first resize would set them: changing a screen's classes restyles every widget on
        it (about 40 ms for a desk); a resize that crosses a breakpoint still does."""
        if not isinstance(screen, Screen):
            return screen
        width, height = self.size
        classes: dict[str, bool] = {}
        for own, default, dimension in (
            (screen.HORIZONTAL_BREAKPOINTS, self.HORIZONTAL_BREAKPOINTS, width),
            (screen.VERTICAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS, height),
        ):
            breakpoints = (default if own is None else own) or []
            for _, name in breakpoints:
                classes[name] = False
            for name in screen._get_breakpoint_classes(dimension, breakpoints):
                classes[name] = True
        screen.update_classes(classes, update=False)
        return screen

    async def on_event(self, event: events.Event) -> None:
        if not self._input.hold(event):
            await super().on_event(event)

    def on_mount(self) -> None:
        if self.settings.gate is not None:
            self.settings.gate.starting()
        self.call_after_refresh(self._start_loading)
        self._check_size()

    def _start_loading(self) -> None:
        if self._pack_at_once():
            self.load_default_pack()
        else:
            self.read_title()
        if self.settings.watch:
            self._watcher = PackWatcher(self.settings.pack)
            self.set_interval(self.settings.poll, self._poll, name="watch pack")

    def _pack_at_once(self) -> bool:
        """Whether the pack loads as the app starts: when a game starts at once (a role, a
        browser seat to resume), when an author watches it, in a classroom (whose file was
        checked against the pack before the app started: the process holds it already) or when
        it is loaded already (`serve` forks games from a process that has loaded it). Else it
        loads when a game is first opened: the title costs a third less memory without it."""
        s = self.settings
        return (
            s.role is not None
            or s.seat is not None
            or s.watch
            or s.classroom is not None
            or self.packs.cached(s.pack) is not None
        )

    @work(thread=True, exclusive=True, group="load-pack")
    def read_title(self) -> None:
        """What the title shows, without loading the pack or reading the saves whole."""
        about, latest = read_about(self.settings.pack), self.saves.newest()
        self.call_from_thread(self._title_read, about, latest)
        self.call_from_thread(self._read_stylesheets)

    def _title_read(self, about: PackAbout, latest: SlotInfo | None) -> None:
        self.latest_save = latest
        if self.pack_about is None:  # a game has not opened the pack meanwhile
            self.pack_about = about

    def default_pack_opened(self, result: LoadResult) -> None:
        """A screen has loaded the default pack (the title then says what the pack is, or
        that it cannot be played, with its problems)."""
        about = PackAbout.of(result)
        if about != self.pack_about:
            self.pack_about = about
            self._say_problems(result)

    @work(thread=True, exclusive=True, group="load-pack")
    def load_default_pack(self, fresh: bool = False) -> None:
        result = self.packs.load(self.settings.pack, fresh=fresh)
        if fresh:
            latest, resume = self.latest_save, None
        else:
            infos = self.saves.list()
            latest, resume = (infos[0] if infos else None), self._seat_game(infos)
        self.call_from_thread(self._pack_loaded, result, latest, resume)
        if not fresh:
            self.call_from_thread(self._read_stylesheets)

    def _read_stylesheets(self) -> None:
        """Read the stylesheets of the screens a game visits while the player is on the title:
        Textual reads a screen's stylesheet on its first visit and then restyles every widget
        of the app, which made the first decision take 60–80 ms instead of 35."""
        from game.tui.screens import game_stylesheets

        update = False
        for path in game_stylesheets():
            if not self.stylesheet.has_source(str(path)):
                self.stylesheet.read(path)
                update = True
        if update:
            self.stylesheet.reparse()
            self.stylesheet.update(self)
        # What start-up built (modules, the pack, the stylesheet) lives as long as the app; out
        # of the collector's sight, a full collection mid-frame takes 20 ms instead of 30–50.
        # Collect first, so that no garbage of the start-up is frozen with it.
        gc.collect()
        gc.freeze()
        self.call_after_refresh(self._prepare_next)

    def _prepare_next(self) -> None:
        screen = self.screen
        if isinstance(screen, GameScreen):
            screen.prepare_next()
        gate = self.settings.gate
        if gate is not None:
            self.run_worker(self._say_started(gate), group="start-gate")

    async def _say_started(self, gate: StartGate) -> None:
        """Tell the server's gate that this game has started (game.tui.gate: desks wait for the
        titles), once the screen it builds ahead is ready."""
        await ahead.settled(self)
        gate.started()

    def _seat_game(self, infos: list[SlotInfo]) -> SlotInfo | None:
        """The game this browser seat was playing (`serve`), to resume it; else None."""
        seat = self.settings.seat
        if seat is None:
            return None
        from game.saves.seats import SeatBook

        slot = SeatBook(self.saves.root).slot(seat)
        return next((i for i in infos if i.slot == slot), None) if slot else None

    def _pack_loaded(
        self, result: LoadResult, latest: SlotInfo | None, resume: SlotInfo | None = None
    ) -> None:
        if result.pack is None and not self.settings.watch:
            self.problems = [p.format() for p in result.errors]
            self.exit(return_code=1)
            return
        self.latest_save = latest
        self.pack_result = result
        self.pack_about = PackAbout.of(result)
        if result.pack is None:
            self._say_problems(result)
        elif resume is not None and not self._started:  # a reload: where the seat was
            from game.tui.screens.saves import load_slot

            self._started = True
            load_slot(self, resume)
        elif self.settings.role is not None and not self._started:
            classroom = self.settings.classroom
            if classroom is not None and classroom.classroom.ask_name:
                from game.tui.screens.new_game import NewGameScreen

                self._started = True
                self.push_screen(NewGameScreen())  # the role is chosen; the name is asked
            else:
                self.start_new(result, self.settings.role, self.settings.seed)

    def _say_problems(self, result: LoadResult) -> None:
        if result.pack is None:
            lines = [p.format().splitlines()[0] for p in result.errors[:5]]
            more = len(result.errors) - len(lines)
            self.notify(
                "\n".join(lines) + (f"\n…and {more} more" if more > 0 else ""),
                title=f"The pack has {len(result.errors)} problem(s)",
                severity="error",
                timeout=8,
                markup=False,
            )

    def _poll(self) -> None:
        if self._watcher is not None and self._watcher.changed():
            self.load_default_pack(fresh=True)

    # -- games
    def start_new(self, result: LoadResult, role: str, seed: str | None, player: str = "") -> None:
        from game.engine.session import ChoiceError, Session
        from game.tui.screens.new_game import random_seed

        assert result.pack is not None
        classroom = self.settings.classroom
        try:
            if classroom is not None:  # the classroom's seed and assumptions
                session = classroom.start(result.pack, role, player)
            else:
                session = Session.start(result.pack, role, seed or random_seed())
        except ChoiceError as e:
            self.notify(str(e), title="Cannot start", severity="error", markup=False)
            return
        if classroom is not None:
            from game.classroom.files import clean_name
            from game.classroom.game import ClassroomGame

            self.classroom = ClassroomGame(classroom, player=clean_name(player))
        self.play(session)

    def play(
        self, session: Session, notes: list[str] | None = None, loaded: Loaded | None = None
    ) -> None:
        """Put a game on the desk, above the title screen. `loaded`: the save it came from (in
        classroom mode, it gives back the student's name and predictions)."""
        classroom = self.settings.classroom
        if classroom is not None and loaded is not None:
            from game.classroom.game import ClassroomGame, misfit

            why = misfit(classroom, session, loaded.classroom.player if loaded.classroom else "")
            if why is not None:
                self.notify(
                    f"This save cannot be continued in this classroom: {why}.",
                    title="Cannot load",
                    severity="error",
                    markup=False,
                )
                return
            self.classroom = ClassroomGame.resume(
                classroom, session, loaded.info.slot, loaded.classroom
            )
        self._started = True
        gate = self.settings.gate
        if gate is None:
            self._put_on_desk(session, notes)
        else:  # a worker of the screen on show: the keys typed meanwhile wait (game.tui.keys)
            self.screen.run_worker(self._through_gate(gate, session, notes), group="start-gate")

    def _put_on_desk(self, session: Session, notes: list[str] | None) -> Screen:
        from game.tui.screens.debrief import DebriefScreen
        from game.tui.screens.desk import DeskScreen

        screen = DebriefScreen(session) if session.over else DeskScreen(session, notes)
        # In place of the screen it was started from (the new game, the saves): popping that
        # first would bring the title back for a moment, to be laid out and drawn unseen.
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return screen

    async def _through_gate(self, gate: StartGate, session: Session, notes) -> None:
        """Put the game on the desk once the server's start gate has a slot for it
        (game.tui.gate), and give the slot back once the desk is drawn."""
        slot = await gate.enter()
        screen = self._put_on_desk(session, notes)
        # the screen this worker belongs to has just closed: the app's own worker gives it back
        self.run_worker(self._leave_when_drawn(gate, slot, screen), group="start-gate")

    async def _leave_when_drawn(self, gate: StartGate, slot: int | None, screen: Screen) -> None:
        try:
            async with asyncio.timeout(GATE_HOLD):
                while not screen.is_mounted:
                    await asyncio.sleep(0.01)
                for worker in [w for w in self.workers if w.node is screen]:
                    await worker.wait()
                drawn = asyncio.Event()
                screen.call_after_refresh(drawn.set)
                await drawn.wait()
        except Exception:  # a desk slow to draw, or gone: never hold the class back for it
            pass
        finally:
            gate.leave(slot)

    def policy(self, pack: Pack) -> Policy:
        """What the player may see of a game of `pack` here: game.views.policy, with the
        classroom's rules in classroom mode."""
        from game.views.policy import policy

        return policy(pack, self.settings.classroom)

    def back_to_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def autosave(self, session: Session) -> None:
        """Autosave off the UI thread (game.tui.saver); in classroom mode to the game's
        classroom slot, with the student's name and predictions."""
        self._saver.autosave(session, self.classroom)

    def classroom_report(self, session: Session, done) -> None:
        """Write the classroom game's report after any pending save, then `done(report, path
        or None, problem or None)` on the UI thread. Quitting waits for it."""
        if self.classroom is not None:
            self._saver.report(session, self.classroom, done)

    # -- the end waits for a screen built ahead to settle (game.tui.ahead), once: from a quit,
    # from a closed browser tab (the driver's ExitApp) and from the end of a test (_shutdown)
    def exit(self, *args, **kwargs) -> None:
        if not self._end_after_settled(partial(super().exit, *args, **kwargs)):
            super().exit(*args, **kwargs)

    def on_exit_app(self, message: messages.ExitApp) -> None:
        if self._end_after_settled(partial(self.post_message, messages.ExitApp())):
            message.prevent_default()  # Textual's own handler, which ends the app, comes after

    def _end_after_settled(self, end: Callable[[], object]) -> bool:
        """Whether the end waits for the screen built ahead first (`end` then follows)."""
        if self._end_waited or not ahead.pending(self):
            return False
        self._end_waited = True

        async def settle_then_end() -> None:
            await ahead.settled(self)
            end()

        self.run_worker(settle_then_end(), group="end")
        return True

    async def _shutdown(self) -> None:
        """Textual's (a private method: a test's end comes here without `exit`). A game that
        ends as it starts holds no desk back either."""
        await ahead.settled(self)
        if self.settings.gate is not None:
            self.settings.gate.started()
        await super()._shutdown()

    def on_unmount(self) -> None:
        self._input.stop()
        self._saver.close()

    def flush_saves(self) -> None:
        """Wait for pending autosaves (called when the app has ended, on any thread)."""
        self._saver.flush()

    @work(thread=True, exclusive=True, group="latest-save")
    def refresh_latest(self) -> None:
        latest = self.saves.latest()
        self.call_from_thread(setattr, self, "latest_save", latest)

    # -- screenshots (the palette's Screenshot)
    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save a screenshot where there is a folder for it (Textual's default, the downloads
        folder, may not exist); the notice says where it went, or why it could not be saved."""
        from game.tui.services import screenshot_folder

        folder = path or str(screenshot_folder(self.saves.root))
        return super().deliver_screenshot(filename, folder, time_format)

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot" and event.path is not None:
            event.prevent_default()  # Textual's own notice reads the path as markup
            self.notify(f"Saved to {event.path}", title="Screenshot", markup=False)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(
                f"The screenshot could not be saved: {event.exception}",
                title="Screenshot",
                severity="error",
                timeout=10,
                markup=False,
            )

    # -- links
    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Every link the game's Markdown offers comes here: web links only, shown first."""
        from game.inert import inert_line, web_link
        from game.tui.screens.open_link import OpenLinkScreen

        if not web_link(url):
            self.notify(
                f"The game opens only web links (http, https), not: {inert_line(url)}",
                title="Link not opened",
                severity="warning",
                markup=False,
            )
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                App.open_url(self, url, new_tab=new_tab)

        self.push_screen(OpenLinkScreen(url), chosen)

    # -- help, palette, size
    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen | TooSmallScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for title, help, callback in getattr(screen, "palette_commands", lambda: ())():
            yield SystemCommand(title, help, callback)
        yield SystemCommand("Help", "Every key binding, and how to read the game", self.action_help)
        yield from super().get_system_commands(screen)

    def on_resize(self, event: events.Resize) -> None:
        # runs before App._on_resize has recorded the new size: use the event's
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        width, height = size or self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        covered = isinstance(self.screen, TooSmallScreen)
        if small and not covered:
            self.push_screen(TooSmallScreen())
        elif covered and not small:
            self.pop_screen()
