"""Pack Markdown as clean text, for plain mode (screen readers, pipes): `**ExComm**` is read
"ExComm", a link is its text and its address, a list keeps its bullets, the author's line
breaks stay. The full-screen game renders the same text with Textual's Markdown widget.

Parsed with markdown-it (the CommonMark parser Textual itself uses, installed with it).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark")


def plain_text(markdown: str) -> str:
    """The text of `markdown` without its markup."""
    lines: list[str] = []
    prefix: list[str] = []  # list bullets and quote indents of the blocks open now
    numbers: list[int] = []  # the next number of each ordered list open now
    first = False  # the next inline text is the first of a list item
    for token in _PARSER.parse(markdown):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            numbers.append(int(token.attrs.get("start", 1) or 1) if kind[0] == "o" else 0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
            if not prefix:
                lines.append("")
        elif kind == "list_item_open":
            n = numbers[-1] if numbers else 0
            prefix.append(f"{n}. " if n else "- ")
            if n:
                numbers[-1] += 1
            first = True
        elif kind == "list_item_close":
            prefix.pop()
        elif kind == "blockquote_open":
            prefix.append("  ")
        elif kind == "blockquote_close":
            prefix.pop()
            if not prefix:
                lines.append("")
        elif kind in ("paragraph_close", "heading_close") and not token.hidden and not prefix:
            lines.append("")
        elif kind in ("inline", "fence", "code_block", "html_block"):
            text = _inline(token) if kind == "inline" else token.content.rstrip("\n")
            for i, line in enumerate(text.split("\n")):
                lines.append(_lead(prefix, first and i == 0) + line if line else "")
            first = False
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _lead(prefix: list[str], first: bool) -> str:
    """The indent of a line inside lists and quotes: the bullet on an item's first line."""
    if not prefix:
        return ""
    outer = "".join(" " * len(p) for p in prefix[:-1])
    return outer + (prefix[-1] if first else " " * len(prefix[-1]))


def _inline(token: Token) -> str:
    out: list[str] = []
    href: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            out.append(child.content or str(child.attrs.get("alt", "")))
        elif kind == "link_open":
            href.append(str(child.attrs.get("href", "")))
            out.append("\0")  # where the link's text starts
        elif kind == "link_close":
            url = href.pop()
            start = len(out) - 1 - out[::-1].index("\0")
            text = "".join(out[start + 1 :])
            out[start:] = [text if not url or url == text else f"{text} ({url})"]
    return "".join(out)
