"""The game's colours, as a Textual theme (registered before the first stylesheet is built)."""

from __future__ import annotations

from textual.theme import Theme

THEME = Theme(
    name="korean-theater",
    primary="#5B8DB8",
    secondary="#4F7A99",
    accent="#E0A84F",
    warning="#E8A33D",
    error="#D0575B",
    success="#6FB57A",
    foreground="#E4E1D8",
    background="#11161D",
    surface="#18202A",
    panel="#222D3A",
    dark=True,
    variables={
        "footer-key-foreground": "#E0A84F",
        "block-cursor-text-style": "none",
    },
)
