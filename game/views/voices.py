"""Each capital's own framing, as its government puts it: worded once for plain mode, the
screens and the reports. A voice is that government's view, never the game's verdict."""

from __future__ import annotations

from game.engine.pack import Pack
from game.views.reality import citations, cite_text

VOICES_NOTE = (
    "Each capital's own public framing, in its government's words: a view to argue with, "
    "not the truth."
)


def voice_lines(pack: Pack) -> list[str]:
    if not pack.voices:
        return ["This pack gives no capital's view of its own."]
    lines = ["How each capital frames it.", VOICES_NOTE]
    for v in pack.voices:
        lines += ["", f"{v.capital}:", *(f"  {line}" for line in v.text.strip().splitlines())]
        lines += [f"  Source: {cite_text(c, u)}" for c, u in citations(pack, v.sources)]
    return lines
