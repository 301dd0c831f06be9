"""Save and load: the slots with role, turn, game date and when they were saved; the autosave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Header, Input, Label, Static

from game.inert import inert_line
from game.tui.services import Damaged, SaveProblem, SlotInfo
from game.tui.typed import GameScreen
from game.tui.widgets.field import TextField
from game.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from game.engine.session import Session
    from game.tui.app import KoreanTheaterApp


def default_slot(session: Session) -> str:
    return f"{session.role}-turn{session.state.turn}"


def load_slot(app: KoreanTheaterApp, info: SlotInfo) -> None:
    """Open a saved game: find its pack, replay it and put it on the desk (in a worker)."""
    app.notify(f"Opening {info.slot}…", timeout=2, markup=False)
    _load(app, info)


@work(thread=True, group="load-save")
def _load(app: KoreanTheaterApp, info: SlotInfo) -> None:
    pack = app.packs.find(info.pack_id)
    if pack is None:
        app.call_from_thread(
            app.notify,
            f"The save {info.slot} needs the pack {info.pack_id!r}, which is not among the "
            "packs this game knows. Start with --pack FOLDER.",
            title="Cannot load",
            severity="error",
            markup=False,
        )
        return
    try:
        loaded = app.saves.load(info.path or info.slot, pack)
    except SaveProblem as e:
        backup = f"\nA backup exists: {e.backup}" if e.backup else ""
        app.call_from_thread(
            app.notify, e.message + backup, title="Cannot load", severity="error", markup=False
        )
        return
    except Exception as e:  # a save from another version must not crash the game
        app.call_from_thread(
            app.notify, str(e), title="Cannot load", severity="error", markup=False
        )
        return
    app.call_from_thread(app.play, loaded.session, loaded.problems, loaded)


class SaveScreen(GameScreen[None]):
    """mode="save": name a slot (or pick one to overwrite); mode="load": pick a slot to open."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("delete", "delete", "Delete slot", key_display="del"),
        Binding("b", "restore", "Restore backup"),
    ]

    def __init__(
        self, mode: str = "load", session: Session | None = None, player: str | None = None
    ) -> None:
        super().__init__()
        self.mode = mode
        self.session = session
        self.player = player  # a classroom student: only their games are listed
        self.infos: list[SlotInfo] = []
        self.damaged: list[Damaged] = []

    def compose(self) -> ComposeResult:
        yield Header()
        if self.mode == "save":
            with Horizontal(id="slot-row"):
                yield Label("Save as", id="slot-label")
                yield TextField(
                    value=default_slot(self.session) if self.session else "",
                    id="slot",
                    max_length=64,
                )
                yield Button("Save", id="save", variant="primary")
        yield DataTable(id="slots", cursor_type="row", zebra_stripes=True)
        yield Static(id="slots-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Save game" if self.mode == "save" else "Load game"
        where = self.app.saves.root if self.app.saves.persistent else "memory (no save store)"
        self.sub_title = str(where)
        table = self.query_one("#slots", DataTable)
        table.border_title = "Saved games"
        table.add_columns("Slot", "Role", "Turn", "Game date", "Saved at", "")
        self.refresh_slots()
        if self.mode == "save":
            self.query_one("#slot", Input).focus()
        else:
            table.focus()

    @work(thread=True, exclusive=True, group="list-saves")
    def refresh_slots(self) -> None:
        if self.player is not None:  # whose a damaged file was cannot be told: not listed
            infos, damaged = self.app.saves.games_of(self.player), list[Damaged]()
        else:
            infos, damaged = self.app.saves.scan()
        self.app.call_from_thread(self._fill, infos, damaged)

    def _fill(self, infos: list[SlotInfo], damaged: list[Damaged]) -> None:
        self.infos, self.damaged = infos, damaged
        table = self.query_one("#slots", DataTable)
        table.clear()
        for info in infos:
            table.add_row(
                Text(info.slot, style="bold" if info.slot == "autosave" else ""),
                Text(info.role),
                Text(str(info.turn), justify="right"),
                Text(info.date),
                Text(info.saved_at.strftime("%Y-%m-%d %H:%M")),
                Text("ended" if info.over else "", style="dim"),
                key=info.slot,
            )
        for bad in damaged:
            table.add_row(
                Text(bad.slot, style="strike"),
                Text("—"),
                Text(""),
                Text(""),
                Text(""),
                Text("damaged" + (", backup ok" if bad.backup else ""), style="bold red"),
            )
        note = self.query_one("#slots-note", Static)
        if not infos and self.player is not None:
            note.update(f"No game is saved under the name {inert_line(self.player)!r} here.")
        elif not infos:
            note.update("No saved games yet." if self.mode == "load" else "")
        elif self.mode == "load":
            note.update("Enter opens the highlighted game; Delete removes it.")
        else:
            note.update("Enter on a row puts its name in the field, to overwrite it.")

    @on(DataTable.RowSelected, "#slots")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        row = event.cursor_row
        if row >= len(self.infos):
            bad = self.damaged[row - len(self.infos)]
            hint = " Press b to restore its backup." if bad.backup else " It has no intact backup."
            self.notify(bad.message + hint, title="Damaged save", severity="error", markup=False)
            return
        info = self.infos[row]
        if self.mode == "save":
            field = self.query_one("#slot", Input)
            field.value = info.slot
            field.focus()
        else:
            load_slot(self.app, info)

    @on(Input.Submitted, "#slot")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.session is None:
            return
        slot = self.query_one("#slot", Input).value.strip()
        problem = self.app.saves.slot_problem(slot)
        if problem:
            self.notify(problem.capitalize() + ".", severity="warning", markup=False)
            return
        game = self.app.classroom  # a classroom game keeps the student and predictions
        try:
            where = self.app.saves.save(self.session, slot, game.part() if game else None)
        except SaveProblem as e:
            self.notify(e.message, title="Save failed", severity="error", markup=False)
            return
        self.notify(f"Saved to {where}", title="Saved", markup=False)
        self.app.refresh_latest()
        self.dismiss(None)

    def action_delete(self) -> None:
        table = self.query_one("#slots", DataTable)
        rows = [i.slot for i in self.infos] + [d.slot for d in self.damaged]
        if not rows or not table.has_focus or table.cursor_row >= len(rows):
            return
        slot = rows[table.cursor_row]
        try:
            self.app.saves.delete(slot)
        except SaveProblem as e:
            self.notify(e.message, title="Delete failed", severity="error", markup=False)
            return
        self.notify(f"Deleted {slot}", markup=False)
        self.app.refresh_latest()
        self.refresh_slots()

    def action_restore(self) -> None:
        table = self.query_one("#slots", DataTable)
        row = table.cursor_row - len(self.infos)
        if not 0 <= row < len(self.damaged):
            self.notify("Only a damaged save (marked in red) needs its backup.")
            return
        bad = self.damaged[row]
        if bad.backup is None:
            self.notify(f"{bad.slot} has no intact backup.", severity="warning", markup=False)
            return
        try:
            where = self.app.saves.restore_backup(bad.slot)
        except SaveProblem as e:
            self.notify(e.message, title="Restore failed", severity="error", markup=False)
            return
        self.notify(f"Restored the backup to {where}", title="Restored", markup=False)
        self.app.refresh_latest()
        self.refresh_slots()

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self):
        yield ("Back", "Close this screen", self.action_close)
