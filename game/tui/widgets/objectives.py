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


def score_style(value: float) -> str:
    return "$success" if value >= 66 else "$warning" if value >= 33 else "$error"


def objectives_content(session: Session, width: int = 0, numbers: bool = True) -> Content:
    """Two lines per objective (label, then bar and score), or one when `width` allows;
    `numbers=False` (a classroom that hides them): the score in a word, without a bar."""
    pack = session.pack
    card = session.scorecard()
    lines = []
    for s in card.scores:
        weight = f" ×{s.objective.weight:g}" if s.objective.weight != 1 else ""
        label = Content.assemble((s.objective.label, "bold"), (weight, "dim"))
        if not visible(s.objective, pack):
            lines.append(Content.assemble(label, ("  (not visible from your desk)", "dim italic")))
            continue
        if not numbers:
            from game.views.readings import score_word

            word = Content.styled(score_word(s.value), f"bold {score_style(s.value)}")
            room = width - word.cell_length - 1
            if room > 12:
                cut = label.truncate(room, ellipsis=True)
                lines.append(Content.assemble(cut, " " * (room - cut.cell_length + 1), word))
            else:
                lines += [label, Content.assemble("  ", word)]
            continue
        one_line = width - (BAR // 2 + 9) > 24
        bar = BAR // 2 if one_line else BAR
        filled = round(s.value / 100 * bar)
        style = score_style(s.value)
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
        self.numbers = True

    def show(self, session: Session, numbers: bool = True) -> None:
        self.session = session
        self.numbers = numbers
        role = session.pack.roles[session.role]
        tips = [f"{o.label}: {o.description}" for o in role.objectives if o.description]
        scale = " (0–100)" if numbers else ""
        self.tooltip = Content(
            f"How your objectives would score if the game ended now{scale}."
            + ("\n" + "\n".join(tips) if tips else "")
        )
        self.refresh(layout=True)

    def render(self) -> Content:
        if self.session is None:
            return Content("")
        return objectives_content(self.session, self.content_size.width, self.numbers)
