"""A turn's consequences, as the consequences screen and the timeline show them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.session import Session
from game.tui.format import next_content, report_blocks


def lines(session: Session, index: int, classroom=None) -> list[Static]:
    """One Static per run of blocks with the same indent (fewer widgets, faster to show)."""
    runs: list[tuple[str, list[Content]]] = []
    for kind, text in report_blocks(session, index, classroom):
        if runs and runs[-1][0] == kind and kind != "section":
            runs[-1][1].append(text)
        else:
            runs.append((kind, [text]))
    return [
        Static(Content("\n").join(texts), classes=f"report-line -{kind}") for kind, texts in runs
    ]


class ReportView(VerticalScroll):
    """What decision `index` led to, and why; then what came next."""

    def __init__(self, session: Session, index: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session, self.index = session, index

    @property
    def classroom(self):
        """The classroom game (predictions, hidden numbers), or None."""
        return getattr(self.app, "classroom", None)

    def compose(self) -> ComposeResult:
        classroom = self.classroom
        with Vertical(classes="report-body"):
            yield from lines(self.session, self.index, classroom)
        yield Static(next_content(self.session, self.index, classroom), classes="report-next")

    def show(self, session: Session, index: int) -> None:
        """Show another decision's report."""
        if (session, index) == (self.session, self.index):
            return
        self.session, self.index = session, index
        body = self.query_one(".report-body", Vertical)
        with self.app.batch_update():
            body.remove_children()
            classroom = self.classroom
            body.mount_all(lines(session, index, classroom))
            self.query_one(".report-next", Static).update(next_content(session, index, classroom))
        self.scroll_home(animate=False)
