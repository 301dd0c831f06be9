"""The ending and the debrief: the future you reached, your scorecard, the meters over time,
and every decision beside what really happened."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Markdown, Static, TabbedContent, TabPane

from game.engine.pack import RESULT_VALUES
from game.engine.session import Session
from game.inert import inert, inert_line
from game.tui.format import kind_badge, section, short_month
from game.tui.screens import DEBRIEF_CSS
from game.tui.typed import GameScreen
from game.tui.widgets.chart import MeterChart
from game.tui.widgets.ending_why import WhyPane
from game.tui.widgets.footer import KeyFooter
from game.views.agenda import handled, left_items
from game.views.ending import result_word


def bar(value: float, width: int = 20) -> Content:
    """A 0–100 bar: `██████████░░░░░░░░░░`."""
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    style = "$success" if value >= 66 else "$warning" if value >= 33 else "$error"
    return Content.assemble(("█" * filled, style), ("░" * (width - filled), "$foreground 25%"))


RESULT_STYLE = {"win": "reverse bold $success", "draw": "reverse bold $warning"}


def result_badge(result: str | None) -> Content:
    """` DEFEAT ` (WIN, DRAW), in the result's colour; empty while the game goes on."""
    word = result_word(result)
    if not word:
        return Content("")
    return Content.styled(f" {word} ", RESULT_STYLE.get(result or "", "reverse bold $error"))


def scorecard_content(session: Session) -> Content:
    """Each objective's score; then, where the pack weighs the ending's result into the final
    score, the objectives' mean, the result and the blend of both."""
    card = session.scorecard()
    role = session.pack.roles[session.role]
    lines = [section(f"Your scorecard — {role.name}")]

    def row(value: float, label: str | Content, style: str = "bold", extra: str = "") -> Content:
        return Content.assemble(
            "  ", bar(value), (f"  {value:3.0f}/100  ", style), label, (extra, "dim")
        )

    for s in card.scores:
        weight = f"  ×{s.objective.weight:g}" if s.objective.weight != 1 else ""
        lines.append(row(s.value, s.objective.label, extra=weight))
    w = card.result_weight
    if card.result is not None and w:
        lines.append(row(card.objectives, "Your objectives", extra=f"  {1 - w:.0%} of the score"))
        result = Content.assemble("Result ", result_badge(card.result))
        lines.append(row(RESULT_VALUES[card.result], result, extra=f"  {w:.0%} of the score"))
    lines.append(row(card.total, Content.styled("Overall", "bold $accent"), "bold $accent"))
    if card.result is not None and not w:
        lines.append(Content.assemble("  Result: ", result_badge(card.result)))
    return Content("\n").join(lines)


def decision_blocks(session: Session) -> list[tuple[str, Content]]:
    """Each decision beside what really happened, as (kind, text) blocks: head, item, sub."""
    pack = session.pack
    blocks: list[tuple[str, Content]] = []
    for step, state in zip(session.steps, session.states(), strict=False):
        event, choice = handled(pack, step.report)
        if event is None:
            continue
        head = Content.assemble(
            (f"{short_month(pack, state.turn)}  ", "bold $accent"),
            (event.title, "bold"),
            "  ",
            kind_badge(event.kind),
        )
        blocks.append(("head", head))
        chose = choice.label if choice else step.choice
        blocks.append(("item", Content.assemble(("You chose: ", "dim"), (chose, "bold"))))
        if step.rationale:
            why = inert(step.rationale)
            rationale = Content.assemble(("Your rationale: ", "dim"), (why, "italic"))
            blocks.append(("item", rationale))
        for item in left_items(pack, step.report):
            blocks.append(("item", Content.assemble(("Left to others: ", "dim"), item)))
        if choice is not None and choice.debrief:
            blocks.append(("item", Content.assemble(("Note: ", "dim"), choice.debrief)))
        r = event.reality
        if r is not None:
            when = f" ({r.date})" if r.date else ""
            what = Content.assemble((f"What really happened{when}: ", "$success"), r.text)
            blocks.append(("item", what))
            cites = [pack.sources[s].cite for s in r.sources if s in pack.sources]
            if cites or r.confidence:
                confidence = f" — confidence: {r.confidence}" if r.confidence else ""
                blocks.append(("sub", Content.styled("; ".join(cites) + confidence, "dim italic")))
            if r.critical:
                critical = Content.assemble(("Read critically: ", "$warning"), r.critical)
                blocks.append(("item", critical))
    if pack.questions:
        blocks.append(("head", section("For discussion")))
        for i, (question, _events) in enumerate(pack.questions, 1):
            blocks.append(("item", Content.assemble((f"{i}. ", "bold $accent"), question)))
    if not blocks:
        blocks.append(("head", Content.styled("No decisions were made.", "dim italic")))
    return blocks


class DebriefScreen(GameScreen[None]):
    """Where the game ends."""

    CSS_PATH = DEBRIEF_CSS
    BINDINGS = [
        Binding("1", "tab('ending')", "Ending", show=False),
        Binding("2", "tab('why')", "Why this ending", show=False),
        Binding("3", "tab('charts')", "Charts", show=False),
        Binding("4", "tab('decisions')", "Decisions", show=False),
        Binding("5", "tab('classroom')", "Classroom", show=False),
        Binding("t", "timeline", "Timeline"),
        Binding("s", "save", "Save"),
        Binding("n", "new_game", "New game"),
        Binding("q,escape", "back", "Title"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        pack = session.pack
        ending = session.ending()
        yield Header()
        with TabbedContent(id="debrief", initial="ending"):
            with TabPane("1 Ending", id="ending"), VerticalScroll(classes="pane"):
                result = session.scorecard().result
                yield Static(
                    Content.assemble(
                        (ending.title if ending else "Unfinished", "bold $accent"),
                        "  ",
                        result_badge(result),
                    ),
                    id="ending-title",
                )
                yield Markdown(ending.text if ending else "", id="ending-text")
                epilogue = ending.epilogue.get(session.role, "") if ending else ""
                if epilogue:
                    yield Markdown(epilogue, id="ending-epilogue")
                if ending is not None and ending.reality is not None:
                    r = ending.reality
                    yield Static(
                        Content.assemble(
                            (f"In reality{f' ({r.date})' if r.date else ''}: ", "$success"), r.text
                        ),
                        id="ending-reality",
                    )
                yield Static(scorecard_content(session), id="scorecard")
                if ending is not None:
                    yield Static(
                        Content.styled(
                            "Why this ending, and which of your decisions mattered: press 2.",
                            "dim italic",
                        ),
                        id="why-hint",
                    )
            with TabPane("2 Why this ending", id="why"):
                yield WhyPane(session, classes="pane", id="why-pane")
            with TabPane("3 Charts", id="charts"), VerticalScroll(classes="pane"):
                states = session.states()
                months = (
                    f"{short_month(pack, states[0].turn)} – {short_month(pack, states[-1].turn)}"
                )
                yield Static(Content.styled(f"The meters over time, {months}", "dim"))
                first = short_month(pack, states[0].turn)
                last = short_month(pack, states[-1].turn)
                with Horizontal(id="chart-grid"):
                    for v in pack.variables:
                        if not v.hidden:
                            series = [float(s.values[v.slot]) for s in states]
                            yield MeterChart(v.label, series, v.min, v.max, v.unit, first, last)
            with (
                TabPane("4 Decisions", id="decisions"),
                VerticalScroll(classes="pane", id="decision-list"),
            ):
                for kind, block in decision_blocks(session):
                    yield Static(block, classes=f"dline -{kind}")
            if self.app.classroom is not None:
                from game.tui.widgets.classroom_debrief import ClassroomDebrief

                with TabPane("5 Classroom", id="classroom"):
                    yield ClassroomDebrief(session, classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        session = self.session
        role = session.pack.roles[session.role]
        ending = session.ending()
        self.title = f"Debrief · {ending.title if ending else 'game left unfinished'}"
        self.sub_title = f"{role.name} · seed {inert_line(session.seed)}"

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.query(f"TabPane#{tab}"):
            tabs.active = tab

    def action_timeline(self) -> None:
        from game.tui.screens.timeline import TimelineScreen

        if self.session.steps:
            self.app.push_screen(TimelineScreen(self.session))

    def action_save(self) -> None:
        from game.tui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen(mode="save", session=self.session))

    def action_new_game(self) -> None:
        from game.tui.screens.new_game import NewGameScreen

        self.app.back_to_title()
        self.app.push_screen(NewGameScreen())

    def action_back(self) -> None:
        self.app.back_to_title()

    def palette_commands(self):
        yield (
            "Ending",
            "The future you reached, and your scorecard",
            lambda: self.action_tab("ending"),
        )
        yield (
            "Why this ending",
            "The conditions that decided it, who climbed the ladder, the decisions that mattered",
            lambda: self.action_tab("why"),
        )
        yield ("Charts", "The meters over the whole game", lambda: self.action_tab("charts"))
        yield (
            "Decisions",
            "Your decisions and what really happened",
            lambda: self.action_tab("decisions"),
        )
        if self.app.classroom is not None:
            yield (
                "Classroom",
                "Your predictions, your report for the teacher, and what other choices led to",
                lambda: self.action_tab("classroom"),
            )
        yield ("Timeline", "Every decision and its consequences", self.action_timeline)
        yield ("New game", "Play again", self.action_new_game)
