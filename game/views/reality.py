"""What really happened, worded once for every front end: the verdict on a prediction, the
readable citation of a source, a date of the chronology."""

from __future__ import annotations

import datetime as dt

from game.engine.pack import Pack

VERDICTS = {
    "borne-out": "Borne out",
    "partly": "Partly borne out",
    "not-borne-out": "Not borne out",
    "not-yet": "Not (yet) borne out",
}


def verdict_word(verdict: str | None) -> str:
    """`Partly borne out` for `partly`; '' for none."""
    return VERDICTS.get(verdict or "", "")


def verdict_line(verdict: str | None, as_of: str = "") -> str:
    """`Verdict on the article's prediction (as of February 2026): Partly borne out`."""
    word = verdict_word(verdict)
    if not word:
        return ""
    when = f" (as of {as_of})" if as_of else ""
    return f"Verdict on the article's prediction{when}: {word}"


def citations(pack: Pack, sources: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """(citation, web address) for each source: a pack source's readable `cite` and `url`, or a
    bare address as itself."""
    out = []
    for sid in sources:
        s = pack.sources.get(sid)
        out.append((s.cite, s.url) if s is not None else (sid, sid if "://" in sid else ""))
    return out


def cite_text(cite: str, url: str) -> str:
    """`NK News, 30 Apr 2025 <https://…>`: a citation a reader can follow, in plain text."""
    return f"{cite} <{url}>" if url and url != cite else cite


def date_text(day: dt.date, precision: str) -> str:
    """`13 Sep 2023`, or `Sep 2023` when only the month is known."""
    return f"{day:%b %Y}" if precision == "month" else f"{day.day} {day:%b %Y}"
