"""The timeline: every decision so far; highlight one to read its briefing and consequences."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from game.engine.session import Session
from game.tui.format import month, short_month
from game.tui.typed import GameScreen
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.report import ReportView
from game.views.agenda import handled


def decision_prompt(session: Session, index: int) -> Content:
    pack = session.pack
    state = session.states()[index]
    step = session.steps[index]
    event, choice = handled(pack, step.report)
    title = event.title if event else pack.meta.quiet_title
    label = choice.label if choice else (pack.meta.let_pass if event is None else step.choice)
    return Content.assemble(
        (f"{short_month(pack, state.turn)} ", "bold $accent"),
        (f"T{state.turn}", "dim"),
        "\n",
        (title, "bold"),
        "\n",
        ("→ ", "$accent"),
        (label, "italic"),
    )


class TimelineScreen(GameScreen[None]):
    """A list of decisions beside the full account of the highlighted one."""

    CSS_PATH = ["timeline.tcss", "../widgets/report.tcss"]
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("q", "close", "Back", show=False),
        Binding("t", "close", "Back", show=False),
        Binding("tab", "focus_next", "Switch pane", show=False),
        Binding("d", "drift", "Small shifts", tooltip="Show or fold the world's small shifts"),
    ]

    def __init__(self, session: Session, index: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.index = len(session.steps) - 1 if index is None else index

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="timeline-body"):
            yield OptionList(id="decisions", markup=False)
            yield ReportView(self.session, self.index, id="timeline-report")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Timeline"
        n = len(self.session.steps)
        self.sub_title = f"{n} decision{'s' if n != 1 else ''}"
        decisions = self.query_one("#decisions", OptionList)
        decisions.border_title = "Decisions"
        decisions.add_options(Option(decision_prompt(self.session, i), id=str(i)) for i in range(n))
        decisions.highlighted = decisions.get_option_index(str(self.index))
        decisions.focus()
        self._show(self.index)

    @on(OptionList.OptionHighlighted, "#decisions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show(int(event.option.id))

    @on(OptionList.OptionSelected, "#decisions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(ReportView).focus()

    def _show(self, index: int) -> None:
        self.index = index
        session = self.session
        state = session.states()[index]
        report = self.query_one(ReportView)
        report.border_title = f"Turn {state.turn} · {month(session, state.turn)}"
        report.show(session, index)

    def action_drift(self) -> None:
        self.query_one(ReportView).action_drift()

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self):
        yield ("Back", "Close the timeline", self.action_close)
