"""A turn's consequences, as the consequences screen and the timeline show them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from game.engine.session import Session
from game.tui.format import INDENT, next_content, report_blocks


class ReportBody(Widget):
    """The report's blocks in one widget, wrapped with hanging indents.

    One widget instead of a Static per run of blocks: a screen's cost to show grows with its
    widgets (each is styled several times on the way), and this made the consequences appear
    in about two thirds of the time.
    """

    def __init__(self, blocks: list[tuple[str, Content]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.blocks = blocks
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    def show(self, blocks: list[tuple[str, Content]]) -> None:
        self.blocks = blocks
        self._wrapped = (-1, [])
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self._wrapped[0] != width:
            out: list[Content] = []
            for kind, text in self.blocks:
                if kind == "section":
                    out.append(Content(""))
                indent = INDENT[kind]
                room = max(width - len(indent), 1)
                out += [Content.assemble(indent, line) for line in text.wrap(room)]
            self._wrapped = (width, out)
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))


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
        yield ReportBody(report_blocks(self.session, self.index, classroom))
        yield Static(next_content(self.session, self.index, classroom), classes="report-next")

    def show(self, session: Session, index: int) -> None:
        """Show another decision's report."""
        if (session, index) == (self.session, self.index):
            return
        self.session, self.index = session, index
        classroom = self.classroom
        with self.app.batch_update():
            self.query_one(ReportBody).show(report_blocks(session, index, classroom))
            self.query_one(".report-next", Static).update(next_content(session, index, classroom))
        self.scroll_home(animate=False)
