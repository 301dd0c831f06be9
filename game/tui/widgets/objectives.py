"""Your objectives and how they stand now (scored as the debrief will score them).

An objective whose score reads something the player cannot see (a hidden meter, a flag) shows
no number, so the panel never leaks what the pack hides.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from game.engine.pack import Objective, Pack
from game.engine.session import Session

BAR = 16


def visible(objective: Objective, pack: Pack) -> bool:
    shown = {v.id for v in pack.variables if not v.hidden} | {"turn"}
    return objective.score.reads <= shown


def objectives_content(session: Session, width: int = 0) -> Content:
    """Two lines per objective (label, then bar and score), or one when `width` allows."""
    pack = session.pack
    card = session.scorecard()
    lines = []
    for s in card.scores:
        weight = f" ×{s.objective.weight:g}" if s.objective.weight != 1 else ""
        label = Content.assemble((s.objective.label, "bold"), (weight, "dim"))
        if not visible(s.objective, pack):
            lines.append(Content.assemble(label, ("  (not visible from your desk)", "dim italic")))
            continue
        one_line = width - (BAR // 2 + 9) > 24
        bar = BAR // 2 if one_line else BAR
        filled = round(s.value / 100 * bar)
        style = "$success" if s.value >= 66 else "$warning" if s.value >= 33 else "$error"
        score = Content.assemble(
            ("█" * filled, style),
            ("░" * (bar - filled), "$foreground 25%"),
            (f" {s.value:3.0f}/100", ""),
        )
        room = width - score.cell_length - 1
        if one_line:  # the label, cut to fit, then a short bar
            cut = label.truncate(room, ellipsis=True)
            lines.append(Content.assemble(cut, " " * (room - cut.cell_length + 1), score))
        else:
            lines += [label, score]
    return Content("\n").join(lines)


class ObjectivesPanel(Widget):
    """Each objective with a bar and its score out of 100, as the debrief would score it now."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session: Session | None = None

    def show(self, session: Session) -> None:
        self.session = session
        role = session.pack.roles[session.role]
        tips = [f"{o.label}: {o.description}" for o in role.objectives if o.description]
        self.tooltip = Content(
            "How your objectives would score if the game ended now (0–100)."
            + ("\n" + "\n".join(tips) if tips else "")
        )
        self.refresh(layout=True)

    def render(self) -> Content:
        if self.session is None:
            return Content("")
        return objectives_content(self.session, self.content_size.width)
