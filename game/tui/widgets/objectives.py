"""Your objectives and how they stand now (scored as the debrief will score them).

One line per objective: its label (the pack's short one where the full one does not fit), a
bar when there is room, and the score. An objective whose score reads a meter the player cannot
see shows no number (game.views.policy), so the panel never leaks what the pack hides.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from game.engine.session import Session
from game.views.desk import ObjectiveRow, fit, objective_rows
from game.views.policy import Policy

BAR = 8  # the bar, where the panel is wide enough for it beside a label of LABEL_ROOM
LABEL_ROOM = 24


def score_style(value: float) -> str:
    return "$success" if value >= 66 else "$warning" if value >= 33 else "$error"


def score_content(row: ObjectiveRow, numbers: bool, bar: int) -> Content:
    if row.value is None:
        return Content.styled("not visible", "dim italic")
    style = score_style(row.value)
    if not numbers:
        from game.views.readings import score_word

        return Content.styled(score_word(row.value), f"bold {style}")
    filled = round(row.value / 100 * bar)
    return Content.assemble(
        ("█" * filled, style),
        ("░" * (bar - filled), "$foreground 25%"),
        (" " if bar else "", ""),
        (f"{row.value:3.0f}", f"bold {style}"),
        ("/100" if bar else "", "dim"),
    )


def objectives_content(rows: list[ObjectiveRow], width: int, numbers: bool) -> Content:
    """One line per objective: the label fitted to the width, then the score (words, where
    numbers are hidden)."""
    lines = []
    for row in rows:
        weight = f" ×{row.weight:g}" if row.weight != 1 and numbers else ""
        bar = BAR if width - (BAR + 8) >= LABEL_ROOM else 0
        score = score_content(row, numbers, bar)
        room = max(width - score.cell_length - len(weight) - 1, 1)
        label = fit(row.label, row.short, room)
        gap = " " * max(width - Content(label + weight).cell_length - score.cell_length, 1)
        lines.append(Content.assemble((label, "bold"), (weight, "dim"), gap, score))
    return Content("\n").join(lines)


class ObjectivesPanel(Widget):
    """Each objective with its score out of 100, as the debrief would score it now (scored
    once a turn, not at each of the panel's renders)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session: Session | None = None  # whose objectives are on show
        self.rows: list[ObjectiveRow] = []
        self.numbers = True

    def show(self, session: Session, policy: Policy) -> None:
        self.session = session
        self.rows = objective_rows(session, policy)
        self.numbers = policy.numbers
        role = session.pack.roles[session.role]
        tips = [f"{o.label}: {o.description}" for o in role.objectives if o.description]
        scale = " (0–100)" if policy.numbers else ""
        self.tooltip = Content(
            f"How your objectives would score if the game ended now{scale}."
            + ("\n" + "\n".join(tips) if tips else "")
        )
        self.refresh(layout=True)

    def render(self) -> Content:
        return objectives_content(self.rows, self.content_size.width, self.numbers)
