"""The budget on the desk: how much is left, a bar of it, and what the next turn adds."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from game.engine.pack import Pack
from game.engine.state import GameState
from game.views.budget import budget_reading, standing

BAR = 8


class BudgetPanel(Widget):
    """`███████░░░ 3.2 / 4 · +1.2 next month`, titled with the budget's name (words when the
    classroom hides numbers, without the bar)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pack: Pack | None = None
        self.state: GameState | None = None
        self.numbers = True

    def show(self, pack: Pack, state: GameState, numbers: bool = True) -> None:
        self.display = pack.budget is not None
        if pack.budget is None:
            return
        self.pack, self.state, self.numbers = pack, state, numbers
        var = pack.variable(pack.budget.variable)
        self.border_title = Content(var.label)  # pack text: never markup
        tip = [f"{var.label}: options with a cost spend it; the rest of the month renews it."]
        if var.description:
            tip.append(var.description)
        self.tooltip = Content("\n".join(tip))
        self.refresh()

    def render(self) -> Content:
        pack, state = self.pack, self.state
        if pack is None or state is None or pack.budget is None:
            return Content("")
        text = budget_reading(pack, state, self.numbers)
        if not self.numbers:
            return Content.styled(text, "bold")
        value, top, _ = standing(pack, state)
        room = self.content_size.width - len(text) - 1
        width = max(0, min(BAR if self.content_size.width < 40 else 2 * BAR, room))
        filled = round(width * value / top) if top > 0 else 0
        bar = Content.assemble(
            ("█" * filled, "$accent"), ("░" * (width - filled), "$foreground 25%")
        )
        return Content.assemble(bar, " " if width else "", (text, "bold"))
