"""Numbers, dates and labels as every view writes them."""

from __future__ import annotations

from game.engine.pack import Pack

KIND_LABEL = {
    "historical": "Historical",
    "hypothetical": "Hypothetical",
    "prediction": "Prediction",
}


def number(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def signed(x: float) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "±") + number(abs(x))


def short_month(pack: Pack, turn: int) -> str:
    """`Oct 2023` (or the date, for packs that step by days or weeks)."""
    date = pack.date_of(turn)
    if pack.meta.step in ("month", "quarter", "year"):
        return date.strftime("%b %Y")
    return date.isoformat()
