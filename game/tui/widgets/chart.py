"""A column chart of one meter over the game, with its scale written on the y-axis.

The scale spans the values reached plus a margin (within the meter's own range), so a small
movement can be seen, and the axis labels say how small it was.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from game import text

BARS = " ▁▂▃▄▅▆▇█"


def columns(values: list[float], lo: float, hi: float, width: int, rows: int) -> list[str]:
    """The chart's rows, top first, each `width` characters."""
    if not values or width <= 0 or rows <= 0:
        return [" " * max(width, 0)] * max(rows, 0)
    span = (hi - lo) or 1.0
    n = len(values)
    levels = []
    for x in range(width):
        v = values[min(n - 1, x * n // width)]
        level = round(max(0.0, min(1.0, (v - lo) / span)) * rows * 8)
        levels.append(max(level, 1))  # a sliver even at the minimum, so the line is visible
    out = []
    for r in reversed(range(rows)):
        row = []
        for level in levels:
            part = level - r * 8
            row.append("█" if part >= 8 else BARS[part] if part > 0 else " ")
        out.append("".join(row))
    return out


def scale(values: list[float], lo: float, hi: float) -> tuple[float, float]:
    """The y-range to draw: the values' range plus a margin, kept inside the meter's range."""
    pad = max((hi - lo) * 0.05, 1.0)
    top = min(hi, max(values) + pad)
    bottom = max(lo, min(values) - pad)
    return (bottom, top) if top > bottom else (lo, hi)


class MeterChart(Widget):
    """`Peninsula tension  40 → 38 index` over a chart with its range on the left."""

    def __init__(
        self,
        label: str,
        values: list[float],
        lo: float,
        hi: float,
        unit: str = "",
        first: str = "",
        last: str = "",
        rows: int = 4,
    ) -> None:
        super().__init__(classes="chart")
        self.label, self.values, self.lo, self.hi = label, values, lo, hi
        self.unit, self.first, self.last, self.rows = unit, first, last, rows

    def render(self) -> Content:
        n = text.number
        v = self.values
        full = self.content_size.width
        bottom, top = scale(v, self.lo, self.hi)
        top_label, bottom_label = f"{top:.0f}", f"{bottom:.0f}"
        axis = max(len(top_label), len(bottom_label)) + 2
        width = max(1, full - axis)
        figures = f"  {n(v[0])} → {n(v[-1])} {self.unit}".rstrip()
        extremes = f"   low {n(min(v))} · high {n(max(v))}"
        if len(self.label) + len(figures) + len(extremes) > full:
            extremes = ""
        head = Content.assemble((self.label, "bold"), figures, (extremes, "dim"))
        lines = [head.truncate(full, ellipsis=True)]
        body = columns(v, bottom, top, width, self.rows)
        for i, row in enumerate(body):
            last = i == len(body) - 1
            label = top_label if i == 0 else bottom_label if last else ""
            tick = "┤" if i == 0 or last else "│"
            lines.append(Content.assemble((f"{label:>{axis - 2}} {tick}", "dim"), (row, "$accent")))
        gap = max(1, width - len(self.first) - len(self.last))
        lines.append(Content.styled(" " * axis + self.first + " " * gap + self.last, "dim"))
        return Content("\n").join(lines)
