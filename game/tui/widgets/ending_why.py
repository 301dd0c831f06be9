"""Why the game ended as it did, and the decisions that mattered.

The conditions come at once (game.engine.explain is quick); the decisions that mattered replay
the rest of the game once per alternative (game.engine.counterfactual.decisive), so they are
worked out in a thread worker whose result comes back as a message: nothing waits on the loop.
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.worker import Worker, WorkerState

from game.engine.counterfactual import Pivot, decisive
from game.engine.explain import why_ending
from game.engine.session import Session
from game.tui.format import Block, section
from game.tui.widgets.report import ReportBody
from game.views.ending import MATTERED, NO_PIVOTS, pivot_text, why_text


def why_blocks(session: Session) -> list[Block]:
    why = why_ending(session)
    if why is None:
        return [("head", Content.styled("The game has not ended.", "dim italic"))]
    w = why_text(session.pack, session.role, why)
    blocks: list[Block] = [
        ("head", section("Why this ending")),
        ("head", Content.styled(w.summary, "bold")),
    ]
    blocks += [("item", Content.assemble(("✓ ", "$success"), text)) for text in w.held]
    if w.missed:
        blocks.append(
            ("section", Content.styled("Endings checked before it, and what they lacked:", "dim"))
        )
        for title, failed in w.missed:
            blocks.append(("item", Content.assemble(("✗ ", "$error"), (title, "bold"))))
            blocks += [("sub", Content(text)) for text in failed]
    if w.climbed:
        blocks += [
            ("section", section("Who climbed the escalation ladder")),
            ("head", Content(w.climbed)),
        ]
        blocks += [("item", Content.assemble(("▲ ", "$warning"), text)) for text in w.ladder]
    return blocks


def mattered_blocks(session: Session, pivots: list[Pivot]) -> list[Block]:
    blocks: list[Block] = [
        ("head", section("The decisions that mattered")),
        (
            "head",
            Content.styled(MATTERED, "dim"),
        ),
    ]
    if not pivots:
        blocks.append(("item", Content.styled(NO_PIVOTS, "italic")))
    for p in pivots:
        t = pivot_text(session, p)
        blocks.append(("section", Content.styled(t.head, "bold $accent")))
        blocks += [("item", Content(line)) for line in t.lines]
    return blocks


class WhyPane(VerticalScroll):
    """The debrief's Why tab."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.pivots: list[Pivot] | None = None

    def compose(self) -> ComposeResult:
        yield ReportBody(why_blocks(self.session), id="why-text")
        waiting = Content.styled("Replaying your game with the other options …", "italic dim")
        yield ReportBody([("head", waiting)], id="mattered")

    def on_mount(self) -> None:
        self.run_worker(
            partial(decisive, self.session), thread=True, group="decisive", exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "decisive":
            return
        mattered = self.query_one("#mattered", ReportBody)
        if event.state == WorkerState.SUCCESS:
            self.pivots = event.worker.result
            mattered.show(mattered_blocks(self.session, self.pivots or []))
        elif event.state == WorkerState.ERROR:
            failed = Content.styled(f"The replays failed: {event.worker.error}", "bold $error")
            mattered.show([("head", failed)])
