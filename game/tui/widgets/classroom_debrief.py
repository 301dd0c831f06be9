"""The classroom's part of the debrief: how the student's predictions went, where their report
for the teacher was written, and what other choices would have led to (the counterfactuals of
that report, worked out in the app's saver thread while the student reads)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.session import Session
from game.tui.format import section

if TYPE_CHECKING:
    from game.report.model import BranchOut, Counterfactual, Report
    from game.tui.app import KoreanTheaterApp

SHOWN_ENDINGS = 3  # the most common endings of each alternative


def predictions_content(session: Session, classroom) -> Content:
    from game.classroom.predict import score_predictions
    from game.classroom.views import prediction_lines

    score = score_predictions(session, classroom.predictions, classroom.steady)
    lines = prediction_lines(score)[1:]  # without plain mode's blank first line
    if not lines:
        return Content.styled("You made no predictions in this game.", "dim italic")
    head, *rest = lines
    return Content("\n").join([section(head), *(Content(line) for line in rest)])


def branch_line(c: Counterfactual, b: BranchOut) -> Content:
    yours = b is c.actual
    shares = sorted(b.endings.items(), key=lambda kv: -kv[1])[:SHOWN_ENDINGS]
    endings = " · ".join(
        f"{c.ending_titles.get(k, k)} {100 * n / b.runs:.0f}%" for k, n in shares if b.runs
    )
    return Content.assemble(
        ("  ▶ " if yours else "    ", "bold $accent"),
        (b.label, "bold" if yours else ""),
        (" (yours)" if yours else "", "dim"),
        (f"\n      score {b.mean_score:.0f} · ", "dim"),
        (endings, "dim italic"),
    )


def counterfactuals_content(report: Report) -> Content:
    if not report.counterfactuals:
        return Content.styled("No decision had an alternative to compare.", "dim italic")
    c0 = report.counterfactuals[0]
    dice = "each with fresh dice from that turn on" if c0.dice == "fresh" else "on your dice"
    lines = [
        section("What if you had chosen otherwise?"),
        Content.styled(
            f"{c0.runs} games per option from the same position, {dice}: the mean score and "
            "the most common endings.",
            "dim",
        ),
    ]
    for c in report.counterfactuals:
        lines.append(Content.assemble("\n", (f"Turn {c.turn} · {c.title}", "bold")))
        lines += [branch_line(c, b) for b in (c.actual, *c.alternatives)]
    return Content("\n").join(lines)


class ClassroomDebrief(VerticalScroll):
    """Predictions now; the report's place and the counterfactuals once they are worked out."""

    app: KoreanTheaterApp  # typed: the game's app (game.tui.typed)

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(predictions_content(self.session, self.app.classroom), id="predictions")
        yield Static(
            Content.styled(
                "Writing your report for the teacher, and playing out the other choices …",
                "italic $text-muted",
            ),
            id="report-status",
        )
        yield Static(id="whatifs")

    def on_mount(self) -> None:
        self.app.classroom_report(self.session, self.written)

    def written(self, report: Report | None, where, problem: str | None) -> None:
        status = self.query_one("#report-status", Static)
        if problem is not None:
            status.update(Content.styled(problem, "bold $error"))
        elif where is not None:
            game, store = self.app.classroom, self.app.saves.store
            assert game is not None and store is not None  # they wrote the report
            save = store.path_of(game.slot)
            status.update(
                Content.assemble(
                    ("Your report for the teacher: ", "$success"),
                    (str(where), "bold"),
                    (f"\nA printable page: {game.debrief_command(save)}", "dim"),
                )
            )
        else:
            status.update(Content.styled("Saves are kept in memory: no report was written.", "dim"))
        if report is not None:
            self.query_one("#whatifs", Static).update(counterfactuals_content(report))
