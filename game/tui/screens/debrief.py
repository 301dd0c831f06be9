"""The ending and the debrief: the future you reached, your scorecard, the meters over time,
and every decision beside what really happened (game.views.debrief: plain mode says the same).

The pane on show has the focus, so ↑ ↓ and the page keys scroll it at once; 1–5 switch tabs.
The title line gives the result and the overall score, above the fold at 80×24."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Markdown, Static, TabbedContent, TabPane

from game.engine.session import Session
from game.inert import inert_line
from game.tui.format import section, short_month
from game.tui.screens import DEBRIEF_CSS
from game.tui.spans import block_content, span_content, tui_blocks
from game.tui.typed import GameScreen
from game.tui.widgets.chart import MeterChart
from game.tui.widgets.ending_why import WhyPane
from game.tui.widgets.footer import KeyFooter
from game.views.blocks import Span
from game.views.debrief import (
    decision_blocks,
    ending_reality_blocks,
    score_rows,
    then_and_now_blocks,
)
from game.views.ending import result_word


def bar(value: float, width: int = 20) -> Content:
    """A 0–100 bar: `██████████░░░░░░░░░░`."""
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    style = "$success" if value >= 66 else "$warning" if value >= 33 else "$error"
    return Content.assemble(("█" * filled, style), ("░" * (width - filled), "$foreground 25%"))


def result_badge(result: str | None) -> Content:
    """` DEFEAT ` (WIN, DRAW), in the result's colour; empty while the game goes on."""
    word = result_word(result)
    return span_content(Span(word, f"result:{result}")) if word else Content("")


def scorecard_content(session: Session) -> Content:
    """Each score with its bar (game.views.debrief.score_rows)."""
    role = session.pack.roles[session.role]
    lines = [section(f"Your scorecard — {role.name}")]
    for row in score_rows(session):
        style = "bold $accent" if row.overall else "bold"
        label: str | Content = Content.styled(row.label, style) if row.overall else row.label
        if row.result:
            label = Content.assemble("Result ", result_badge(row.result))
        extra = f"  {row.extra}" if row.extra else ""
        lines.append(
            Content.assemble(
                "  ", bar(row.value), (f"  {row.value:3.0f}/100  ", style), label, (extra, "dim")
            )  # fmt: skip
        )
    card = session.scorecard()
    if card.result is not None and not card.result_weight:
        lines.append(Content.assemble("  Result: ", result_badge(card.result)))
    return Content("\n").join(lines)


def title_content(session: Session) -> Content:
    """`War on the peninsula  DEFEAT  Overall 31/100`."""
    ending = session.ending()
    card = session.scorecard()
    return Content.assemble(
        (ending.title if ending else "Unfinished", "bold $accent"),
        "  ",
        result_badge(card.result),
        ("  Overall ", "dim"),
        (f"{card.total:.0f}/100", "bold"),
    )


class DebriefScreen(GameScreen[None]):
    """Where the game ends."""

    CSS_PATH = DEBRIEF_CSS
    TABS = {
        "ending": "Ending",
        "why": "Why this ending",
        "charts": "Charts",
        "decisions": "Decisions",
        "classroom": "Classroom",  # in a classroom game
        "then-now": "Then and now",  # when the pack has a chronology
    }
    BINDINGS = [
        *(Binding(str(n), f"tab_number({n})", show=False) for n in range(1, len(TABS) + 1)),
        Binding("t", "timeline", "Timeline"),
        Binding("g", "glossary", "Glossary", show=False),
        Binding("v", "voices", "Capitals' views", show=False),
        Binding("s", "save", "Save"),
        Binding("n", "new_game", "New game"),
        Binding("q,escape", "back", "Title"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.tabs: list[str] = list(self.TABS)  # those this game shows: see compose

    def label(self, tab: str) -> str:
        return f"{self.tabs.index(tab) + 1} {self.TABS[tab]}"

    def compose(self) -> ComposeResult:
        session = self.session
        pack = session.pack
        ending = session.ending()
        self.tabs = [
            tab
            for tab in self.TABS
            if (tab != "classroom" or self.app.classroom is not None)
            and (tab != "then-now" or pack.chronology)
        ]  # numbered 1, 2, … as shown: a tab this game lacks leaves no gap in the keys
        yield Header()
        with TabbedContent(id="debrief", initial="ending"):
            with TabPane(self.label("ending"), id="ending"), VerticalScroll(classes="pane"):
                yield Static(title_content(session), id="ending-title")
                yield Markdown(ending.text if ending else "", id="ending-text")
                epilogue = ending.epilogue.get(session.role, "") if ending else ""
                if epilogue:
                    yield Markdown(epilogue, id="ending-epilogue")
                reality = ending_reality_blocks(session)
                if reality:
                    text = Content("\n").join(block_content(b) for b in reality)
                    yield Static(text, id="ending-reality")
                yield Static(scorecard_content(session), id="scorecard")
                if ending is not None:
                    yield Static(
                        Content.styled(
                            "Why this ending, and which of your decisions mattered: press 2.",
                            "dim italic",
                        ),
                        id="why-hint",
                    )
            with TabPane(self.label("why"), id="why"):
                yield WhyPane(session, classes="pane", id="why-pane")
            with TabPane(self.label("charts"), id="charts"), VerticalScroll(classes="pane"):
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
                TabPane(self.label("decisions"), id="decisions"),
                VerticalScroll(classes="pane", id="decision-list"),
            ):
                for kind, block in tui_blocks(decision_blocks(session)):
                    yield Static(block, classes=f"dline -{kind}")
            if "classroom" in self.tabs:
                from game.tui.widgets.classroom_debrief import ClassroomDebrief

                with TabPane(self.label("classroom"), id="classroom"):
                    yield ClassroomDebrief(session, classes="pane")
            if "then-now" in self.tabs:
                with (
                    TabPane(self.label("then-now"), id="then-now"),
                    VerticalScroll(classes="pane", id="then-now-list"),
                ):
                    for kind, block in tui_blocks(then_and_now_blocks(session)):
                        yield Static(block, classes=f"dline -{kind}")
        yield KeyFooter()

    def on_mount(self) -> None:
        session = self.session
        role = session.pack.roles[session.role]
        ending = session.ending()
        self.title = f"Debrief · {ending.title if ending else 'game left unfinished'}"
        self.sub_title = f"{role.name} · seed {inert_line(session.seed)}"
        self.call_after_refresh(self.focus_pane)

    def focus_pane(self) -> None:
        """Give the pane on show the focus, so the keyboard scrolls it."""
        tabs = self.query_one(TabbedContent)
        pane = tabs.query_one(f"TabPane#{tabs.active}")
        scroll = next(iter(pane.query(".pane")), None)
        if scroll is not None:
            scroll.focus()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.call_after_refresh(self.focus_pane)

    def action_tab_number(self, n: int) -> None:
        if n <= len(self.tabs):
            self.action_tab(self.tabs[n - 1])

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.query(f"TabPane#{tab}"):
            tabs.active = tab
            self.call_after_refresh(self.focus_pane)

    def action_timeline(self) -> None:
        from game.tui.screens.timeline import TimelineScreen

        if self.session.steps:
            self.app.push_screen(TimelineScreen(self.session))

    def action_save(self) -> None:
        from game.tui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen(mode="save", session=self.session))

    def action_glossary(self) -> None:
        from game.tui.screens.reading import glossary_screen

        self.app.push_screen(glossary_screen(self.session.pack))

    def action_voices(self) -> None:
        from game.tui.screens.reading import voices_screen

        self.app.push_screen(voices_screen(self.session.pack))

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
        if self.session.pack.chronology:
            yield (
                "Then and now",
                "Your game month by month beside what really happened",
                lambda: self.action_tab("then-now"),
            )
        yield ("Glossary", "Every term of the pack explained", self.action_glossary)
        yield ("Capitals' views", "How each capital frames it, in its words", self.action_voices)
        yield ("Timeline", "Every decision and its consequences", self.action_timeline)
        yield ("New game", "Play again", self.action_new_game)
