"""The desk's left column: the agenda's tabs, the briefing, the options, the staff forecast and
the rationale (the memo, in a classroom).

The options shrink-wrap up to three fifths of the column and the briefing takes the rest. On a
short terminal a long list of options would push what lies below it off the screen (at 80×24,
an agenda of long options hid the forecast and the memo a student was typing): the options give
way instead, and scroll, so that the briefing keeps its least height and the forecast (at its
tallest) and the rationale (when open) always show.
"""

from __future__ import annotations

from textual import events
from textual.containers import Vertical
from textual.css.scalar import Scalar

from game.tui.widgets.agenda import AgendaTabs
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.forecast import ForecastPanel

SHARE = 0.6  # of the column, at most, for the options
MIN_OPTIONS = 3  # a border and one option, scrolled


class DeskColumn(Vertical):
    def on_resize(self, event: events.Resize) -> None:
        self.fit_later()

    def on_agenda_tabs_resized(self, event: AgendaTabs.Resized) -> None:
        event.stop()
        self.fit_later()

    def fit_later(self) -> None:
        """Fit once what changed (a tab row shown, the rationale opened) is laid out."""
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        found, panels = self.query(ChoiceList), self.query(ForecastPanel)
        if not (self.is_attached and found and panels):  # the desk left before the refresh
            return
        choices, forecast = found.first(), panels.first()
        rows = self.size.height
        taken = 0
        for child in self.children:
            if not child.display or child is choices:
                continue
            if child.styles.height is not None and child.styles.height.is_fraction:
                least = child.styles.min_height  # the briefing: it takes what is left
                taken += int(least.value) if least is not None else 0
            elif child is forecast and forecast.styles.max_height is not None:
                taken += int(forecast.styles.max_height.value)  # its tallest: no jump per option
            elif not child.outer_size.height and child.styles.height is not None:
                height = child.styles.height  # just shown (the rationale), not laid out yet
                taken += int(height.value) if height.is_cells else 0
            else:
                taken += child.outer_size.height
        cap = Scalar.from_number(max(MIN_OPTIONS, min(int(rows * SHARE), rows - taken)))
        if choices.styles.max_height != cap:
            choices.styles.max_height = cap
