"""The glossary as a player meets it: which of the pack's terms a text uses, in the order the
text uses them, so every screen and report can explain the words of the briefing at hand."""

from __future__ import annotations

import re
from functools import lru_cache

from game.engine.pack import GlossaryTerm

TERMS_HINT = "press g for the glossary"


@lru_cache(maxsize=1024)
def _pattern(spelling: str) -> re.Pattern[str]:
    """A whole-word match of `spelling`. An acronym (two capitals or more: `ROK`, `KN-23`)
    matches only in capitals, so `rok` in an id is not the Republic of Korea."""
    capitals = sum(1 for ch in spelling if ch.isupper())
    flags = 0 if capitals >= 2 else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", flags)


def first_use(term: GlossaryTerm, text: str) -> int | None:
    """Where `text` first uses the term or one of its aliases, or None."""
    found = [m.start() for s in (term.term, *term.aliases) if (m := _pattern(s).search(text))]
    return min(found) if found else None


def terms_in(glossary: tuple[GlossaryTerm, ...], *texts: str) -> tuple[GlossaryTerm, ...]:
    """The glossary's terms these texts use, in the order of their first use."""
    text = "\n".join(texts)
    used = [(at, n, t) for n, t in enumerate(glossary) if (at := first_use(t, text)) is not None]
    return tuple(t for _, _, t in sorted(used, key=lambda x: (x[0], x[1])))


def terms_line(terms: tuple[GlossaryTerm, ...]) -> str:
    """`Terms: OFAC, Panel of Experts`, or '' when there are none."""
    return f"Terms: {', '.join(t.term for t in terms)}" if terms else ""


def glossary_lines(terms: tuple[GlossaryTerm, ...], indent: str = "  ") -> list[str]:
    """Each term with its definition, one per line."""
    return [f"{indent}{t.term}: {t.definition.strip()}" for t in terms]
