"""The dashboard: one row per visible meter — value, unit, change since last turn, trend.

A classroom that hides the numbers gets words instead ("high, rising"), from
game.views.readings.qualitative, and the tooltips give no figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from game import text
from game.engine.pack import Variable
from game.engine.session import Session
from game.tui.format import delta

TREND = 12  # turns of history in a sparkline


def latest(bucket: Sequence[float]) -> float:
    """Where a sparkline bar that covers several turns stands: the last of them."""
    return bucket[-1]


def meter_tooltip(var: Variable, numbers: bool = True) -> Content:
    lines = [var.label]
    if var.description:
        lines.append(var.description)
    if not numbers:
        if var.low:
            lines.append(f"Low means {var.low}")
        if var.high:
            lines.append(f"High means {var.high}")
        return Content("\n".join(lines))
    lines.append(f"Range {text.number(var.min)}–{text.number(var.max)} {var.unit}".rstrip())
    if var.low:
        lines.append(f"{text.number(var.min)} means {var.low}")
    if var.high:
        lines.append(f"{text.number(var.max)} means {var.high}")
    for t in var.thresholds:
        lines.append(f"from {text.number(t.at)}: {t.label}")
    return Content("\n".join(lines))


class MeterRow(Widget):
    """`Peninsula tension  ▲+11 ▁▃█▅` over `51 index          tense`."""

    def __init__(
        self, var: Variable, values: list[float], numbers: bool = True, steady: float | None = None
    ) -> None:
        super().__init__(classes="meter")
        self.var = var
        self.values = values
        self.numbers = numbers
        self.steady = steady  # the class's threshold, when it predicts this variable
        self.tooltip = meter_tooltip(var, numbers)

    def compose(self) -> ComposeResult:
        label, change, trend, figure, reading = self._parts()
        with Horizontal(classes="meter-head"):
            yield Static(label, classes="meter-label")
            yield Static(change, classes="meter-delta")
            yield Sparkline(trend, classes="meter-trend", summary_function=latest)
        with Horizontal(classes="meter-body"):
            yield Static(figure, classes="meter-figure")
            yield Static(reading, classes="meter-reading")

    def _parts(self) -> tuple[Content, Content, list[float], Content, Content]:
        var, values = self.var, self.values
        now = values[-1]
        change = now - values[-2] if len(values) > 1 else 0.0
        reading = var.reading(now)
        self.set_class(bool(var.thresholds) and reading == var.thresholds[-1].label, "-alarm")
        trend = values[-TREND:]
        trend = [trend[0]] * (TREND - len(trend)) + trend  # flat before the game began
        if not self.numbers:  # "high, rising" in words; the arrow without its figure
            from game.views.readings import qualitative
            from game.views.readings import trend as moving

            previous = values[-2] if len(values) > 1 else None
            arrow = Content.styled("·", "dim")
            if abs(change) >= 0.05 and moving(var, now, previous, self.steady) != "steady":
                arrow = Content.styled(
                    "▲" if change > 0 else "▼", "$warning" if change > 0 else "$primary-lighten-2"
                )
            return (
                Content.styled(var.label, "bold"),
                arrow,
                trend,
                Content.styled(qualitative(var, now, previous, self.steady), "bold"),
                Content(""),
            )
        unit = f" {var.unit}" if var.unit else ""
        return (
            Content.styled(var.label, "bold"),
            delta(change),
            trend,
            Content.assemble((text.number(now), "bold"), (unit, "dim")),
            Content.styled(reading, "italic"),
        )

    def show(self, values: list[float]) -> None:
        if values == self.values:
            return
        self.values = values
        if not self.is_mounted:
            return
        label, change, trend, figure, reading = self._parts()
        self.query_one(".meter-label", Static).update(label)
        self.query_one(".meter-delta", Static).update(change)
        self.query_one(Sparkline).data = trend
        self.query_one(".meter-figure", Static).update(figure)
        self.query_one(".meter-reading", Static).update(reading)


class Dashboard(VerticalScroll):
    """The meters, as the advised government sees them (the budget has a panel of its own)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shape: tuple[str, ...] = ()

    def show(
        self, session: Session, numbers: bool = True, steady: dict[str, float] | None = None
    ) -> None:
        """The meters of the session's latest state; `numbers=False`: in words, with `steady`
        the class's threshold of each variable it predicts."""
        pack = session.pack
        budget = pack.budget.variable if pack.budget is not None else None
        visible = [v for v in pack.variables if not v.hidden and v.id != budget]  # own panel
        states = session.states()
        series = {v.slot: [float(s.values[v.slot]) for s in states] for v in visible}
        shape = tuple(f"{v.id}:{v.slot}:{v.label}:{v.unit}:{v.description}" for v in visible)
        shape += (str(numbers), str(steady))
        if shape != self._shape:
            self._shape = shape
            self.remove_children()
            steady = steady or {}
            self.mount_all(MeterRow(v, series[v.slot], numbers, steady.get(v.id)) for v in visible)
            return
        for row in self.query(MeterRow):
            row.show(series[row.var.slot])
