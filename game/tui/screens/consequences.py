"""The consequences of a decision: what happened and why, the rolls, what was set in motion."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from game.engine.session import Session
from game.tui.format import month
from game.tui.screens import CONSEQUENCES_CSS
from game.tui.typed import GameScreen
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.report import ReportView


class ConsequencesScreen(GameScreen[None]):
    """Shown after each decision; Enter goes back to the desk (or on to the debrief)."""

    CSS_PATH = CONSEQUENCES_CSS
    AUTO_FOCUS = "#report"  # before the footer's keys are made: they follow the focus
    BINDINGS = [
        Binding("enter", "done", "Continue", key_display="⏎"),
        Binding("escape", "done", "Continue", show=False),
        Binding("space", "done", "Continue", show=False),
        Binding("d", "drift", "Small shifts", tooltip="Show or fold the world's small shifts"),
        Binding("t", "timeline", "Timeline"),
        Binding("q", "done", "Back", show=False),
    ]

    def __init__(self, session: Session, index: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.index = len(session.steps) - 1 if index is None else index

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReportView(self.session, self.index, id="report")
        yield KeyFooter()

    def on_mount(self) -> None:
        step = self.session.steps[self.index]
        when = month(self.session, step.report.turn)
        self.title = f"Consequences · {when}"
        self.sub_title = f"Turn {step.report.turn} of {self.session.pack.meta.turns}"
        report = self.query_one(ReportView)
        report.border_title = "What happened, and why"
        report.border_subtitle = "⏎ continue"

    def action_done(self) -> None:
        self.dismiss(None)

    def action_drift(self) -> None:
        self.query_one(ReportView).action_drift()

    def action_timeline(self) -> None:
        from game.tui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.session, self.index))

    def palette_commands(self):
        yield ("Continue", "Back to the desk", self.action_done)
        yield ("Small shifts", "Show or fold the world's small shifts", self.action_drift)
        yield ("Timeline", "Every decision so far and what followed", self.action_timeline)
