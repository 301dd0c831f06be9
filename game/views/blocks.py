"""The view model the front ends share: a screen's text as blocks of spans.

A `Block` is one paragraph of a screen: its `kind` says where it sits (a title, a section head,
an item, an item's detail) and its spans carry a *role* rather than a style, one or more words
of: "strong", "dim", "em", "up", "down", "good", "bad", "accent", "cause", "section",
"kind:historical" (a briefing's label), "result:win" (an ending's), or "glyph" (an arrow or a
bullet, which plain mode leaves out: a screen reader would read "black up-pointing triangle").
The full-screen game styles each role (game.tui.spans); plain mode joins the text and indents
by kind (`plain_lines`). So both say the same things in the same order, and only one of them
has colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("title", "head", "section", "item", "sub", "fold")
# how plain mode indents each kind (the full-screen game indents the same, wrapped lines too)
INDENT = {"title": "", "head": "", "section": "", "item": "  ", "sub": "      ", "fold": "  "}

Part = str | tuple[str, str]  # text, or (text, role)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The block as plain text: without glyphs, a briefing's label in brackets."""
        return "".join(_plain(s) for s in self.spans)


def _plain(span: Span) -> str:
    if "glyph" in span.role.split():
        return ""
    if span.role.startswith("kind:"):
        return f"[{span.text}]"
    return span.text


def block(kind: str, *parts: Part) -> Block:
    """`block("item", ("Tension", "strong"), " +3")`: a block of the given kind."""
    assert kind in KINDS, kind
    spans = tuple(Span(p) if isinstance(p, str) else Span(*p) for p in parts)
    return Block(kind, tuple(s for s in spans if s.text))


def section(title: str) -> Block:
    return block("section", (title, "section"))


def plain_lines(blocks: Iterable[Block], fold_hint: str = "") -> list[str]:
    """The blocks as plain lines: a section opens with a blank line and ends its title with a
    colon; items and details are indented; a fold's line ends with `fold_hint` (how to open
    it)."""
    lines: list[str] = []
    for b in blocks:
        if b.kind == "section":
            lines += ["", f"{b.text}:"]
        else:
            lines.append(INDENT[b.kind] + b.text + (fold_hint if b.kind == "fold" else ""))
    return lines
