"""The dashboard: one row per visible meter — value, unit, change since last turn, trend.

The trend is drawn on the meter's own range, so a drift of a fraction of a point stays flat and
only a real movement shows. A classroom that hides the numbers gets words instead ("high,
rising"), and the tooltips give no figures. The escalation ladder has its own panel, the budget
too. On a short terminal each meter takes one line.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget

from game.engine.pack import Variable
from game.engine.session import Session
from game.tui.format import delta
from game.tui.widgets.chart import columns
from game.views.desk import fit
from game.views.meanings import meter_meaning
from game.views.policy import Policy
from game.views.words import number

TREND = 12  # turns of history in a trend line

Series = tuple[Variable, list[float]]  # a meter and its value at the start of each turn


def meter_tooltip(var: Variable, policy: Policy) -> Content:
    return Content("\n".join([var.label, *meter_meaning(var, policy)]))


class Parts(NamedTuple):
    """What a meter's row shows besides its label and trend."""

    change: Content  # since last turn, with its arrow
    figure: Content  # with its unit (the second line)
    inline: Content  # alone (beside the label, on a one-line row)
    reading: Content  # the band it is in


class MeterRow(Widget):
    """`Peninsula tension  ▲+11 ▁▃█▅` over `51 index          tense` (one line when short).

    One widget draws the whole row: the desk shows a dozen meters, and a row of eight widgets
    (two lines of label, figure, change, trend, reading) made two thirds of the desk's widgets
    and of the work of putting it on screen."""

    COMPONENT_CLASSES = {"meter-row--inline", "meter-row--reading"}  # styled in meters.tcss

    def __init__(self, var: Variable, values: list[float], policy: Policy) -> None:
        super().__init__(classes="meter")
        self.var = var
        self.values = values
        self.policy = policy
        self.tooltip = meter_tooltip(var, policy)
        self.parts = self._parts()

    def _trend(self) -> list[float]:
        trend = self.values[-TREND:]
        return [trend[0]] * (TREND - len(trend)) + trend  # flat before the game began

    def _parts(self) -> Parts:
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
            return Parts(arrow, words, words, Content(""))
        unit = f" {var.unit}" if var.unit else ""
        figure = Content.assemble((number(now), "bold"), (unit, "dim"))
        inline = Content.styled(number(now), "bold")
        return Parts(delta(change), figure, inline, Content.styled(reading, "italic"))

    def render(self) -> Content:
        """The label (in full, else the pack's short one, else cut), the figure too when the
        row has one line, the change, and the trend, over the figure and the band (right)."""
        width, lines = self.content_size
        short = lines < 2
        wide = self.screen.has_class("-wide")
        parts, var = self.parts, self.var
        trend_width = 6 if short else 14 if wide else 8
        trend = columns(self._trend(), var.min, var.max, trend_width, 1)[0]
        inline = Content("")
        if short:
            inline = parts.inline.stylize(self.get_visual_style("meter-row--inline", partial=True))
            inline = inline.pad_left(1)
        change = parts.change.pad(1, 1)
        room = width - inline.cell_length - change.cell_length - trend_width
        label = Content.styled(fit(var.label, var.short, max(0, room)), "bold")
        label = label.pad_right(max(0, room - label.cell_length))
        head = Content.assemble(label, inline, change, (trend, "$accent"))
        if short:
            return head
        room = max(0, width - parts.figure.cell_length - 1)
        reading = parts.reading.stylize(self.get_visual_style("meter-row--reading", partial=True))
        reading = reading.right(room, ellipsis=True)
        return Content("\n").join([head, Content.assemble(parts.figure, " ", reading)])

    def show(self, values: list[float]) -> None:
        if values == self.values:
            return
        self.values = values
        self.parts = self._parts()
        self.refresh()


class Dashboard(VerticalScroll):
    """The meters, as the advised government sees them (the budget and the ladder have panels
    of their own). Made with the session's meters, so that the desk's first layout has them."""

    def __init__(self, session: Session, policy: Policy, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shape, self._series = _meters(session, policy)
        self._policy = policy

    def compose(self) -> ComposeResult:
        for var, values in self._series:
            yield MeterRow(var, values, self._policy)

    def show(self, session: Session, policy: Policy) -> None:
        """The meters of the session's latest state, as the policy lets the player see them."""
        shape, series = _meters(session, policy)
        if shape != self._shape:
            self._shape, self._series, self._policy = shape, series, policy
            self.remove_children()
            self.mount_all(MeterRow(var, values, policy) for var, values in series)
            return
        for row, (_, values) in zip(self.query(MeterRow), series, strict=True):
            row.show(values)


def _meters(session: Session, policy: Policy) -> tuple[tuple[str, ...], list[Series]]:
    """The dashboard's meters of the session's latest state, with their histories, and what
    their rows are made from besides (a change of it makes the rows anew)."""
    pack = session.pack
    own = {x.variable for x in (pack.budget, pack.escalation) if x is not None}
    visible = [v for v in pack.variables if policy.sees_name(v.id) and v.id not in own]
    states = session.states()
    shape = tuple(f"{v.id}:{v.slot}:{v.label}:{v.unit}:{v.description}" for v in visible)
    series = [(v, [float(s.values[v.slot]) for s in states]) for v in visible]
    return (*shape, str(policy)), series
