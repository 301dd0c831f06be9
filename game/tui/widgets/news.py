"""The news feed: what the other capitals and the world did, newest first."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.session import Session
from game.tui.format import short_month

MAX_TURNS = 12


def news_content(session: Session) -> Content:
    lines: list[Content] = []
    pack = session.pack
    for step in reversed(session.steps[-MAX_TURNS:]):
        items = step.report.news
        if not items:
            continue
        lines.append(Content.styled(short_month(pack, step.report.turn), "bold $text-muted"))
        for n in items:
            source = "Outcome" if n.cause.kind == "outcome" else n.source
            lines.append(Content.assemble(("• ", "$accent"), (source, "bold"), ": ", n.text))
    if not lines:
        return Content.styled("No news yet.", "dim italic")
    return Content("\n").join(lines)


class NewsFeed(VerticalScroll):
    """A scrolling list of news items."""

    def compose(self):
        yield Static(id="news-text")

    def show(self, session: Session) -> None:
        self.query_one("#news-text", Static).update(news_content(session))
        self.scroll_home(animate=False)
