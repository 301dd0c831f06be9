"""Who is playing? In a classroom, Continue and Load ask the student's name first, so that on a
shared machine (or a shared browser) nobody resumes the previous student's game, and a student
finds their own game again from any seat."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from game.tui.typed import GameModal
from game.tui.widgets.field import TextField


class StudentScreen(GameModal[str | None]):
    """The student's name, as they gave it for the class; None when they go back."""

    CSS_PATH = "student.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose  # "continue your game", "load one of your games"

    def compose(self) -> ComposeResult:
        with Vertical(id="student-box"):
            yield Static(
                Content.assemble(
                    ("Type your name as you gave it for the class, to ", "dim"),
                    (self.purpose, "bold"),
                    (".", "dim"),
                ),
                id="student-note",
            )
            yield TextField(id="student-name", max_length=60, placeholder="your name")

    def on_mount(self) -> None:
        self.query_one("#student-box").border_title = "Who is playing?"
        self.set_focus(self.query_one("#student-name", Input))

    @on(Input.Submitted, "#student-name")
    def _given(self, event: Input.Submitted) -> None:
        from game.classroom.files import slug

        event.stop()
        if not slug(event.value):
            self.notify("Type your name, or your initials.", severity="warning")
            return
        self.dismiss(event.value)
