"""Predict, then reveal (classroom mode): before the consequences of a decision show, the student
says which way each of the classroom's variables will move — up, down or steady.

A modal over the desk; it returns {variable id: "up" | "down" | "steady"}, or None when the
student goes back to the desk (nothing is decided then).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from game import text
from game.engine.pack import Variable
from game.engine.session import Session
from game.tui.typed import GameModal

CHOICES = (("up", "▲ up"), ("down", "▼ down"), ("steady", "■ steady"))


class DirectionRow(Widget, can_focus=True):
    """One variable: its name and where it stands, then up / down / steady to pick from."""

    BINDINGS = [
        Binding("u", "pick('up')", "Up"),
        Binding("d", "pick('down')", "Down"),
        Binding("s", "pick('steady')", "Steady"),
        Binding("left", "cycle(-1)", "Previous", show=False),
        Binding("right", "cycle(1)", "Next", show=False),
        Binding("space", "cycle(1)", "Next", show=False),
    ]

    choice: reactive[str | None] = reactive(None)

    class Picked(Message):
        def __init__(self, row: DirectionRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, var: Variable, now: str) -> None:
        super().__init__(classes="direction")
        self.var = var
        self.now = now

    def render(self) -> Content:
        head = Content.assemble((self.var.label, "bold"), ("  now ", "dim"), (self.now, "italic"))
        parts: list[Content | str] = ["  "]
        for value, label in CHOICES:
            chosen = value == self.choice
            piece = Content.from_markup(f"[@click=pick('{value}')] {label} [/]")
            piece = piece.stylize("reverse bold $accent" if chosen else "$text-muted")
            parts += [piece, "  "]
        if self.choice is None:
            parts.append(Content.styled("?", "bold $warning"))
        return Content("\n").join([head, Content.assemble(*parts)])

    def action_pick(self, value: str) -> None:
        self.choice = value
        self.post_message(self.Picked(self))

    def action_cycle(self, step: int) -> None:
        values = [v for v, _ in CHOICES]
        i = values.index(self.choice) if self.choice in values else (-1 if step > 0 else 0)
        self.choice = values[(i + step) % len(values)]

    def on_click(self, event: events.Click) -> None:
        self.focus()


class PredictScreen(GameModal[dict[str, str] | None]):
    """Which way will each variable move this turn? Enter decides, Esc goes back."""

    CSS_PATH = "predict.tcss"
    BINDINGS = [
        Binding("enter", "confirm", "Decide", key_display="⏎"),
        Binding("escape", "cancel", "Back to the desk"),
        Binding("down,tab", "move(1)", "Next", show=False),
        Binding("up,shift+tab", "move(-1)", "Previous", show=False),
    ]

    def __init__(
        self, session: Session, choice: str, variables: tuple[str, ...], hide_numbers: bool
    ) -> None:
        super().__init__()
        self.session = session
        self.choice = choice  # the label of the option about to be decided
        self.variables = variables
        self.hide_numbers = hide_numbers

    def _now(self, var: Variable) -> str:
        value = float(self.session.state.values[var.slot])
        if self.hide_numbers:
            from game.views.readings import qualitative

            return qualitative(var, value)
        reading = var.reading(value)
        unit = f" {var.unit}" if var.unit else ""
        return f"{text.number(value)}{unit}" + (f" ({reading})" if reading else "")

    def compose(self) -> ComposeResult:
        pack = self.session.pack
        with Vertical(id="predict-box"):
            yield Static(
                Content.assemble(
                    ("You recommend: ", "dim"),
                    (self.choice, "bold $accent"),
                    ("\nWhich way will these move this turn?", "bold"),
                ),
                id="predict-head",
            )
            for vid in self.variables:
                var = pack.variable(vid)
                yield DirectionRow(var, self._now(var))
            yield Static(
                Content.styled("u up · d down · s steady · ↑↓ move · ⏎ decide · Esc back", "dim"),
                id="predict-keys",
            )

    def on_mount(self) -> None:
        box = self.query_one("#predict-box")
        box.border_title = "Before you see the consequences"
        box.border_subtitle = "predict, then reveal"
        self.query(DirectionRow).first().focus()

    @property
    def rows(self) -> list[DirectionRow]:
        return list(self.query(DirectionRow))

    def on_direction_row_picked(self, event: DirectionRow.Picked) -> None:
        rows = self.rows
        i = rows.index(event.row)
        missing = [r for r in rows[i + 1 :] + rows[:i] if r.choice is None]
        if missing:
            missing[0].focus()

    def action_move(self, step: int) -> None:
        rows = self.rows
        focused = self.focused
        i = rows.index(focused) if focused in rows else 0
        rows[(i + step) % len(rows)].focus()

    def action_confirm(self) -> None:
        rows = self.rows
        missing = [r for r in rows if r.choice is None]
        if missing:
            missing[0].focus()
            self.notify(
                f"Predict {missing[0].var.label} too: u (up), d (down) or s (steady).",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss({r.var.id: r.choice for r in rows if r.choice is not None})

    def action_cancel(self) -> None:
        self.dismiss(None)
