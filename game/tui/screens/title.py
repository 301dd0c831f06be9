"""The title screen: new game, continue, load, help, quit.

Imported at start-up, so it imports nothing heavier than Textual. What it says of the pack and
of the newest save is read in a worker while it is already on screen, from the pack's pack.toml
and the save's header (game.tui.pack_about, game.saves.header): the pack itself loads when a game
is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.ahead import build_ahead, take
from game.tui.screens.student import StudentScreen
from game.tui.typed import GameScreen
from game.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from game.tui.pack_about import PackAbout
    from game.tui.services import SlotInfo

BANNER = """\
█▄▀ █▀█ █▀█ █▀▀ ▄▀█ █▄ █   ▀█▀ █ █ █▀▀ ▄▀█ ▀█▀ █▀▀ █▀█
█ █ █▄█ █▀▄ ██▄ █▀█ █ ▀█    █  █▀█ ██▄ █▀█  █  ██▄ █▀▄"""
TAGLINE = "You advise a government through the Russia–DPRK partnership. Choose well."


class TitleScreen(GameScreen[None]):
    """The first screen."""

    CSS_PATH = "title.tcss"
    BINDINGS = [
        Binding("n", "new_game", "New game"),
        Binding("c", "continue_game", "Continue"),
        Binding("l", "load_game", "Load"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner", markup=False)
            yield Static(TAGLINE, id="tagline", markup=False)
            with Center():
                yield OptionList(
                    Option(Content.assemble(("n", "bold $accent"), "  New game"), id="new"),
                    Option(self._continue_prompt(None), id="continue", disabled=not self.in_class),
                    Option(
                        Content.assemble(("l", "bold $accent"), "  Load a saved game"), id="load"
                    ),
                    Option(Content.assemble(("?", "bold $accent"), "  Help"), id="help"),
                    Option(Content.assemble(("q", "bold $accent"), "  Quit"), id="quit"),
                    id="menu",
                    markup=False,
                )
            yield Static(Content.styled("Opening the pack…", "dim italic"), id="pack-line")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()
        self.watch(self.app, "pack_about", self._pack_changed)
        self.watch(self.app, "latest_save", self._latest_changed)

    @property
    def in_class(self) -> bool:
        """In a classroom the saves folder is the class's: the student says who they are."""
        return self.app.settings.classroom is not None

    def _continue_prompt(self, info: SlotInfo | None) -> Content:
        head = Content.assemble(("c", "bold $accent"), "  Continue")
        if self.in_class:
            return Content.assemble(head, ("   your game (you type your name)", "dim"))
        if info is None:
            return head
        about = self.app.pack_about
        role = about.role_name(info.pack_id, info.role) if about is not None else info.role
        where = "the game is over" if info.over else f"turn {info.turn}"
        # a line of its own: beside the label it wrapped mid-detail in the menu's width
        detail = f"\n   {role} · {where} · {info.date}"
        return Content.assemble(head, (detail, "dim"))

    def _latest_changed(self, info: SlotInfo | None) -> None:
        menu = self.query_one("#menu", OptionList)
        menu.replace_option_prompt("continue", self._continue_prompt(info))
        if info is None and not self.in_class:
            menu.disable_option("continue")
        else:
            menu.enable_option("continue")

    def _pack_changed(self, pack: PackAbout | None) -> None:
        self._latest_changed(self.app.latest_save)  # the role's name, now that it is known
        line = self.query_one("#pack-line", Static)
        if pack is None:
            return
        if pack.problem:
            then = "; fix them and it reloads." if self.app.settings.watch else "."
            line.update(Content.styled(pack.problem + then, "$error"))
            return
        turns = f"  ·  {pack.turns} turns" if pack.turns else ""
        roles = f"  ·  advise {', '.join(pack.roles)}" if pack.roles else ""
        about = Content.assemble((pack.title, "bold"), (turns + roles, "dim"))
        classroom = self.app.settings.classroom
        if classroom is not None:  # everyone in the class plays this world
            about = Content.assemble(
                ("Class: ", "dim"),
                (classroom.title, "bold $accent"),
                (f"  ·  class seed {classroom.seed}\n", "dim"),
                about,
            )
        line.update(about)

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        action = {
            "new": self.action_new_game,
            "continue": self.action_continue_game,
            "load": self.action_load_game,
            "help": self.app.action_help,
            "quit": self.app.exit,
        }[event.option.id or "new"]
        action()

    def prepare_next(self) -> None:
        """Build the new game screen ahead (game.tui.ahead), so that `n` shows it at once:
        composing it was most of that key's work (about 90 ms of CPU of a browser's game, 25
        ms once built), and in a class whose thirty games start together it is the key that
        waits longest. Only when the pack is loaded already (serve's games): otherwise the
        title does not load it before a game is opened. Not for an author watching the pack,
        whose edits would not reach a screen built before."""
        app = self.app
        if app.screen is not self or app.settings.watch:
            return
        if app.packs.cached(app.settings.pack) is None:
            return
        from game.tui.screens.new_game import NewGameScreen

        build_ahead(app, NewGameScreen())

    def action_new_game(self) -> None:
        from game.tui.screens.new_game import NewGameScreen

        self.app.push_screen(take(self.app) or NewGameScreen())

    def action_continue_game(self) -> None:
        if self.in_class:
            self.app.push_screen(StudentScreen("continue your game"), self._resume_as)
            return
        info = self.app.latest_save
        if info is None:
            self.notify("No autosave yet: start a new game.", severity="warning")
            return
        from game.tui.screens.saves import load_slot

        load_slot(self.app, info)

    def action_load_game(self) -> None:
        from game.tui.screens.saves import SaveScreen

        if self.in_class:

            def chosen(name: str | None) -> None:
                if name:
                    self.app.push_screen(SaveScreen(mode="load", player=name))

            self.app.push_screen(StudentScreen("load one of your games"), chosen)
            return
        self.app.push_screen(SaveScreen(mode="load"))

    def _resume_as(self, name: str | None) -> None:
        self._resume_student(name)

    @work(thread=True, exclusive=True, group="student-games")
    def _resume_student(self, name: str | None) -> None:
        """The student's latest game in this class, put back on the desk."""
        if not name:
            return
        games = self.app.saves.games_of(name)
        if games:
            from game.tui.screens.saves import load_slot

            self.app.call_from_thread(load_slot, self.app, games[0])
            return
        self.app.call_from_thread(
            self.notify,
            f"No game is saved under the name {name!r} in this class: start a new game (n).",
            severity="warning",
            markup=False,
        )

    def palette_commands(self):
        yield ("New game", "Choose a pack, a role and a seed", self.action_new_game)
        yield ("Continue", "Resume the latest autosave", self.action_continue_game)
        yield ("Load game", "Open a saved game", self.action_load_game)
