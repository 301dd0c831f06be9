"""The escalation ladder: which rung the crisis stands on, and how far the last one is."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from game.engine.pack import Escalation
from game.views.ladder import rung_text

RUNG_STYLES = ("$success", "$success", "$warning", "$warning", "$error", "$error")


def rung_style(i: int, n: int) -> str:
    """Colour from calm to danger along a ladder of n rungs."""
    if n <= 1:
        return "$success"
    return RUNG_STYLES[round(i * (len(RUNG_STYLES) - 1) / (n - 1))]


class EscalationTrack(Widget):
    """`Posturing  rung 2 of 4` over a bar of one segment per rung, filled up to the current one
    (the rung's number only where numbers are shown)."""

    rung: reactive[int] = reactive(0)

    def __init__(self, ladder: Escalation | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ladder = ladder
        self.value = 0.0
        self.numbers = True

    def show(self, ladder: Escalation | None, value: float, numbers: bool = True) -> None:
        self.ladder, self.value, self.numbers = ladder, value, numbers
        self.display = ladder is not None
        if ladder is not None:
            self.rung = ladder.rung(value)
            n = len(ladder.rungs)
            rungs = "\n".join(
                ("▶ " if i == self.rung else "  ") + f"Rung {i + 1} of {n}: {r.label}"
                for i, r in enumerate(ladder.rungs)
            )
            self.tooltip = Content(
                "The escalation ladder (crossing the last rung ends the game for everyone):\n"
                + rungs
            )
        self.refresh()

    def render(self) -> Content:
        ladder = self.ladder
        if ladder is None:
            return Content("")
        n, now = len(ladder.rungs), self.rung
        width = max(n, self.content_size.width)
        seg = max(1, (width - (n - 1)) // n)
        parts: list[str | tuple[str, str]] = []
        for i in range(n):
            style = rung_style(i, n)
            glyph = "█" if i <= now else "░"
            parts.append((glyph * seg, style if i <= now else "$foreground 30%"))
            if i < n - 1:
                parts.append(" ")
        label = ladder.rungs[now].label
        count = f"  {rung_text(ladder, self.value)}" if self.numbers else ""
        room = max(4, self.content_size.width - len(count))
        if len(label) > room:
            label = label[: room - 1].rstrip() + "…"
        nxt = ladder.rungs[now + 1].label if now + 1 < n else ""
        spare = self.content_size.width - len(label) - len(count) - len("  next: ")
        head = Content.assemble(
            (label, f"bold {rung_style(now, n)}"),
            (count, "dim"),
            (f"  next: {nxt}" if nxt and len(nxt) <= spare else "", "dim italic"),
        )
        return Content("\n").join([head, Content.assemble(*parts)])
