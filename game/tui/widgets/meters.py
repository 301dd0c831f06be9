"""The dashboard: one row per visible meter — value, unit, change since last turn, trend.

The trend is drawn on the meter's own range, so a drift of a fraction of a point stays flat and
only a real movement shows. A classroom that hides the numbers gets words instead ("high,
rising"), and the tooltips give no figures. The escalation ladder has its own panel, the budget
too. On a short terminal each meter takes one line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from game.engine.pack import Variable
from game.engine.session import Session
from game.tui.format import delta
from game.tui.widgets.chart import columns
from game.views.desk import fit
from game.views.meanings import meter_meaning
from game.views.policy import Policy
from game.views.words import number

TREND = 12  # turns of history in a trend line


def meter_tooltip(var: Variable, policy: Policy) -> Content:
    return Content("\n".join([var.label, *meter_meaning(var, policy)]))


class Trend(Widget):
    """The last turns of a meter as a line of bars, on the meter's whole range."""

    def __init__(self, values: list[float], lo: float, hi: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.values, self.lo, self.hi = values, lo, hi

    def show(self, values: list[float]) -> None:
        self.values = values
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        return Content.styled(columns(self.values, self.lo, self.hi, width, 1)[0], "$accent")


class FitLabel(Widget):
    """A label that fits its width: in full, else the pack's short label, else cut."""

    def __init__(self, label: str, short: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label, self.short = label, short

    def render(self) -> Content:
        return Content.styled(fit(self.label, self.short, self.content_size.width), "bold")


class MeterRow(Widget):
    """`Peninsula tension  ▲+11 ▁▃█▅` over `51 index          tense` (one line when short)."""

    def __init__(self, var: Variable, values: list[float], policy: Policy) -> None:
        super().__init__(classes="meter")
        self.var = var
        self.values = values
        self.policy = policy
        self.tooltip = meter_tooltip(var, policy)

    def compose(self) -> ComposeResult:
        change, figure, inline, reading = self._parts()
        var = self.var
        with Horizontal(classes="meter-head"):
            yield FitLabel(var.label, var.short, classes="meter-label")
            yield Static(inline, classes="meter-figure -inline")
            yield Static(change, classes="meter-delta")
            yield Trend(self._trend(), var.min, var.max, classes="meter-trend")
        with Horizontal(classes="meter-body"):
            yield Static(figure, classes="meter-figure")
            yield Static(reading, classes="meter-reading")

    def _trend(self) -> list[float]:
        trend = self.values[-TREND:]
        return [trend[0]] * (TREND - len(trend)) + trend  # flat before the game began

    def _parts(self) -> tuple[Content, Content, Content, Content]:
        """The change, the figure with its unit, the figure alone (one-line rows), the band."""
        var, values = self.var, self.values
        now = values[-1]
        change = now - values[-2] if len(values) > 1 else 0.0
        reading = var.reading(now)
        self.set_class(bool(var.thresholds) and reading == var.thresholds[-1].label, "-alarm")
        if not self.policy.numbers:  # "high, rising" in words; the arrow without its figure
            from game.views.readings import qualitative
            from game.views.readings import trend as moving

            previous = values[-2] if len(values) > 1 else None
            steady = self.policy.steady_for(var.id)
            arrow = Content.styled("·", "dim")
            if abs(change) >= 0.05 and moving(var, now, previous, steady) != "steady":
                arrow = Content.styled(
                    "▲" if change > 0 else "▼", "$warning" if change > 0 else "$primary-lighten-2"
                )
            words = Content.styled(qualitative(var, now, previous, steady), "bold")
            return arrow, words, words, Content("")
        unit = f" {var.unit}" if var.unit else ""
        figure = Content.assemble((number(now), "bold"), (unit, "dim"))
        inline = Content.styled(number(now), "bold")
        return delta(change), figure, inline, Content.styled(reading, "italic")

    def show(self, values: list[float]) -> None:
        if values == self.values:
            return
        self.values = values
        if not self.is_mounted:
            return
        change, figure, inline, reading = self._parts()
        self.query_one(".meter-delta", Static).update(change)
        self.query_one(Trend).show(self._trend())
        self.query_one(".meter-figure.-inline", Static).update(inline)
        self.query_one(".meter-body .meter-figure", Static).update(figure)
        self.query_one(".meter-reading", Static).update(reading)


class Dashboard(VerticalScroll):
    """The meters, as the advised government sees them (the budget and the ladder have panels
    of their own)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shape: tuple[str, ...] = ()

    def show(self, session: Session, policy: Policy) -> None:
        """The meters of the session's latest state, as the policy lets the player see them."""
        pack = session.pack
        own = {x.variable for x in (pack.budget, pack.escalation) if x is not None}
        visible = [v for v in pack.variables if policy.sees_name(v.id) and v.id not in own]
        states = session.states()
        series = {v.slot: [float(s.values[v.slot]) for s in states] for v in visible}
        shape = tuple(f"{v.id}:{v.slot}:{v.label}:{v.unit}:{v.description}" for v in visible)
        shape += (str(policy),)
        if shape != self._shape:
            self._shape = shape
            self.remove_children()
            self.mount_all(MeterRow(v, series[v.slot], policy) for v in visible)
            return
        for row in self.query(MeterRow):
            row.show(series[row.var.slot])
