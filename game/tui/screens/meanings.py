"""What the meters mean, by keyboard (`i` on the desk): each meter's meaning, low and high, its
bands; the rungs of the escalation ladder; what each objective asks (game.views.meanings)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from game.engine.session import Session
from game.tui.spans import tui_blocks
from game.tui.typed import GameModal
from game.tui.widgets.report import ReportBody
from game.views.meanings import meaning_blocks
from game.views.policy import Policy


class MeaningsScreen(GameModal[None]):
    """A modal over the desk; ↑ ↓ and Page keys scroll it, Esc closes it."""

    CSS_PATH = "meanings.tcss"
    BINDINGS = [Binding("escape,q,i", "close", "Close")]

    def __init__(self, session: Session, policy: Policy) -> None:
        super().__init__()
        self.session, self.policy = session, policy

    def compose(self) -> ComposeResult:
        blocks = meaning_blocks(self.session.pack, self.session.role, self.policy)
        with VerticalScroll(id="meanings-box"):
            yield ReportBody(tui_blocks(blocks))

    def on_mount(self) -> None:
        box = self.query_one("#meanings-box")
        box.border_title = "What the meters mean"
        box.border_subtitle = "Esc closes"
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)
