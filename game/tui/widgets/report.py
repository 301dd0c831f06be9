"""A turn's consequences, as the consequences screen and the timeline show them: the shared view
(game.views.consequences), with the small shifts folded into one line that `d` opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from game.engine.session import Session
from game.tui.format import next_content
from game.tui.spans import block_content
from game.views.blocks import INDENT
from game.views.consequences import TurnView, consequences

if TYPE_CHECKING:
    from game.tui.app import KoreanTheaterApp


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


FOLDED = " — d shows them"
UNFOLDED = " — d folds them again"


class ReportView(VerticalScroll):
    """What decision `index` led to, and why; then what came next."""

    app: KoreanTheaterApp  # typed: the game's app (game.tui.typed)

    def __init__(self, session: Session, index: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session, self.index = session, index
        self.unfolded = False

    def view(self) -> TurnView:
        classroom = self.app.classroom
        reveals = classroom.reveal(self.session, self.index) if classroom is not None else ()
        policy = self.app.policy(self.session.pack)
        return consequences(self.session, self.index, policy, reveals, classroom is not None)

    def blocks(self, view: TurnView) -> list[tuple[str, Content]]:
        hint = UNFOLDED if self.unfolded else FOLDED
        return [
            (b.kind, block_content(b) + (Content.styled(hint, "dim") if b.kind == "fold" else ""))
            for b in view.shown(self.unfolded)
        ]

    def compose(self) -> ComposeResult:
        yield ReportBody(self.blocks(self.view()))
        policy = self.app.policy(self.session.pack)
        yield Static(next_content(self.session, self.index, policy), classes="report-next")

    def show(self, session: Session, index: int) -> None:
        """Show another decision's report."""
        if (session, index) == (self.session, self.index):
            return
        self.session, self.index = session, index
        policy = self.app.policy(session.pack)
        with self.app.batch_update():
            self.query_one(ReportBody).show(self.blocks(self.view()))
            self.query_one(".report-next", Static).update(next_content(session, index, policy))
        self.scroll_home(animate=False)

    def action_drift(self) -> None:
        """Open (or fold again) the small shifts of the world's own motion."""
        self.unfolded = not self.unfolded
        self.query_one(ReportBody).show(self.blocks(self.view()))
