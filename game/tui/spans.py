"""The shared view model (game.views.blocks) as Textual `Content`: each role of a span gets its
style here, and pack text always goes in as plain text, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from game.views.blocks import Block, Span

ROLE_STYLE = {
    "strong": "bold",
    "dim": "dim",
    "em": "italic",
    "up": "$warning",
    "down": "$primary-lighten-2",
    "good": "bold $success",
    "bad": "bold $error",
    "accent": "bold $accent",
    "cause": "bold $accent",
    "glyph": "$accent",
    "section": "bold $secondary-lighten-2",
}
KIND_STYLE = {
    "historical": "bold $success",
    "hypothetical": "bold $warning",
    "prediction": "bold $accent",
}
RESULT_STYLE = {"win": "reverse bold $success", "draw": "reverse bold $warning"}


def span_content(span: Span) -> Content:
    role = span.role
    if role.startswith("kind:"):
        style = KIND_STYLE.get(role[5:], "bold")
        return Content.styled(f" {span.text.upper()} ", f"reverse {style}")
    if role.startswith("result:"):
        style = RESULT_STYLE.get(role[7:], "reverse bold $error")
        return Content.styled(f" {span.text} ", style)
    if role == "section":
        return Content.styled(span.text.upper(), ROLE_STYLE["section"])
    words = role.split()
    if "glyph" in words and len(words) > 1:  # an arrow takes its direction's colour
        words.remove("glyph")
    return Content.styled(span.text, " ".join(ROLE_STYLE.get(w, "") for w in words).strip())


def block_content(block: Block) -> Content:
    return Content.assemble(*(span_content(s) for s in block.spans))


def tui_blocks(blocks: Iterable[Block]) -> list[tuple[str, Content]]:
    """(kind, text) pairs, as game.tui.widgets.report.ReportBody lays them out."""
    return [(b.kind, block_content(b)) for b in blocks]
