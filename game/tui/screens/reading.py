"""A page of reference over the current screen: the glossary, or each capital's own view.

Pack text goes in as plain text (`Content`), never as markup or Markdown: a definition cannot
carry a link or a style."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.pack import GlossaryTerm, Pack
from game.tui.typed import GameModal
from game.views.reality import citations, cite_text
from game.views.voices import VOICES_NOTE


def _terms(terms: tuple[GlossaryTerm, ...]) -> list[Content]:
    return [Content.assemble((t.term, "bold $accent"), "  ", t.definition.strip()) for t in terms]


def glossary_content(pack: Pack, first: tuple[GlossaryTerm, ...] = ()) -> Content:
    """The terms of the briefing at hand first, then every other term of the glossary."""
    if not pack.glossary:
        return Content.styled("This pack has no glossary.", "dim italic")
    parts: list[Content] = []
    if first:
        parts += [Content.styled("IN THIS BRIEFING", "bold $secondary-lighten-2"), *_terms(first)]
        parts.append(Content.styled("EVERY TERM", "bold $secondary-lighten-2"))
    rest = tuple(t for t in pack.glossary if t not in first) if first else pack.glossary
    return Content("\n\n").join([*parts, *_terms(rest)])


def voices_content(pack: Pack) -> Content:
    """Each capital's own public framing, with its sources."""
    if not pack.voices:
        return Content.styled("This pack gives no capital's view of its own.", "dim italic")
    parts = [Content.styled(VOICES_NOTE, "dim italic")]
    for v in pack.voices:
        cites = "; ".join(cite_text(c, u) for c, u in citations(pack, v.sources))
        parts.append(
            Content.assemble(
                (v.capital, "bold $accent"), "\n", v.text.strip(), "\n", (cites, "dim italic")
            )
        )
    return Content("\n\n").join(parts)


class ReadingScreen(GameModal[None]):
    """Text to read, over the current screen; Esc closes it."""

    CSS_PATH = "reading.tcss"
    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, title: str, content: Content) -> None:
        super().__init__()
        self.page_title = title
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reading-box"):
            yield Static(self.content, id="reading-text")

    def on_mount(self) -> None:
        box = self.query_one("#reading-box")
        box.border_title = self.page_title
        box.border_subtitle = "Esc closes"
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def glossary_screen(pack: Pack, first: tuple[GlossaryTerm, ...] = ()) -> ReadingScreen:
    return ReadingScreen("Glossary", glossary_content(pack, first))


def voices_screen(pack: Pack) -> ReadingScreen:
    return ReadingScreen("How each capital frames it", voices_content(pack))
