"""The desk: this turn's briefings, your options with their costs and the staff forecast of the
highlighted one, the budget, the meters, the escalation ladder, your objectives and the news.

On an agenda turn two or three briefings share the desk: the advisor handles one (tabs, [ ] or
a b c switch between them) and the government settles the others by their defaults.

No option is highlighted when a turn comes to the desk, so Enter decides only what the player
picked on it: a key meant for the screen before (the Enter that closed the consequences, or the
new game, pressed twice) never spends a turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, ListView, Static

from game.engine.session import Briefing, ChoiceError, Option, Session
from game.tui.format import kind_badge, month
from game.tui.screens import DESK_CSS
from game.tui.typed import GameScreen
from game.tui.widgets.agenda import AgendaTabs
from game.tui.widgets.briefing_text import BriefingText
from game.tui.widgets.budget import BudgetPanel
from game.tui.widgets.choices import ChoiceItem, ChoiceList
from game.tui.widgets.desk_column import DeskColumn
from game.tui.widgets.escalation import EscalationTrack
from game.tui.widgets.field import TextField
from game.tui.widgets.footer import KeyFooter
from game.tui.widgets.forecast import ForecastPanel
from game.tui.widgets.meters import Dashboard
from game.tui.widgets.news import NewsFeed
from game.tui.widgets.objectives import ObjectivesPanel
from game.views.agenda import LETTERS
from game.views.budget import closed_text
from game.views.desk import folded_quote, quoted_note, quoted_on, returning_note
from game.views.draw import draw_detail, draw_text
from game.views.glossary import terms_in, terms_line
from game.views.policy import Policy

if TYPE_CHECKING:
    from game.content.compiler import LoadResult


class RationaleInput(TextField):
    """One sentence for the record, sent with the decision."""

    BINDINGS = [
        Binding("enter", "submit", "Decide", key_display="⏎"),
        Binding("escape", "screen.back", "Back to options"),
    ]


class DeskScreen(GameScreen[None]):
    """Where the advisor reads the briefing and makes a recommendation."""

    CSS_PATH = DESK_CSS
    AUTO_FOCUS = "#choices"  # before the footer's keys are made: they follow the focus
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9", tooltip="Highlight option 1–9"),
        *(Binding(str(i), f"choose({i})", show=False) for i in range(2, 10)),
        Binding("enter", "decide", "Decide", key_display="⏎", tooltip="Send the recommendation"),
        Binding(
            "right_square_bracket",
            "briefing(1)",
            "Briefing",
            key_display="[ ]",
            tooltip="Another briefing of the agenda (also ← →, a b c, or click its tab)",
        ),
        Binding("left_square_bracket", "briefing(-1)", show=False),
        Binding("right", "briefing(1)", show=False),
        Binding("left", "briefing(-1)", show=False),
        *(Binding(c, f"show_briefing({i})", show=False) for i, c in enumerate(LETTERS[:3])),
        Binding("r", "rationale", "Rationale", tooltip="Add a sentence for the record"),
        Binding(
            "i",
            "meanings",
            "Meters",
            show=False,
            tooltip="What each meter, rung and objective means",
        ),
        Binding(
            "f",
            "read_in_full",
            "Read in full",
            show=False,
            tooltip="The source passage in full, even if it was quoted before",
        ),
        Binding(
            "w",
            "why",
            "Why this briefing",
            show=False,
            tooltip="Why it reached you, with the scheduler's figures",
        ),
        Binding("t", "timeline", "Timeline", tooltip="Every decision so far"),
        Binding("g", "glossary", "Glossary", show=False, tooltip="The briefing's terms explained"),
        Binding("v", "voices", "Capitals' views", show=False, tooltip="Each capital's own view"),
        Binding("s", "save", "Save", tooltip="Save to a named slot"),
        Binding("q", "back", "Menu", tooltip="Back to the title (autosaved)"),
        Binding("escape", "back", "Menu", show=False, tooltip="Back to the title (autosaved)"),
    ]

    def __init__(self, session: Session, notes: list[str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.notes = list(notes or [])
        self.pack_problems: list[str] = []
        self._deciding = False  # a prediction is being asked before the decision goes out
        self.shown = 0  # which briefing of the agenda is on show
        self.terms: tuple = ()  # the glossary's terms in the briefing on show
        self.in_full = False  # the briefing on show is read in full (`f`)

    @property
    def classroom(self):
        """The classroom game (game.tui.classroom.ClassroomGame), or None."""
        return getattr(self.app, "classroom", None)

    # -- layout
    def compose(self) -> ComposeResult:
        # What the turn shows that is made of widgets of their own (tabs, options, meters,
        # the text's paragraphs) comes with the screen: one layout puts the desk on screen.
        session, policy = self.session, self.policy
        agenda = session.agenda()
        b = agenda[self.shown]
        yield Header()
        yield Static(id="problems", markup=False)
        with Horizontal(id="desk-body"):
            with DeskColumn(id="desk-left"):
                yield AgendaTabs(agenda, self.shown, id="agenda")
                with VerticalScroll(id="briefing"):
                    yield Static(id="event-head")
                    yield BriefingText(b.text, id="event-text")
                    yield Static(id="event-source")
                    yield Static(id="event-why")
                    yield Static(id="event-terms")
                yield ChoiceList(b, session.pack, session.state, policy.numbers, id="choices")
                yield ForecastPanel(id="forecast")
                yield RationaleInput(
                    id="rationale",
                    placeholder="Why? A sentence for the record (Enter decides, Esc returns)",
                    max_length=500,
                )
            with Vertical(id="desk-right"):
                yield BudgetPanel(id="budget")
                yield Dashboard(session, policy, id="meters")
                yield EscalationTrack(id="escalation")
                yield ObjectivesPanel(id="objectives")
                yield NewsFeed(id="news")
        yield KeyFooter(crowded=True)

    def on_mount(self) -> None:
        classroom = self.classroom
        if classroom is not None:  # the rationale is the classroom's memo, always on the desk
            memo = self.query_one("#rationale", Input)
            memo.border_title = f"Memo: {classroom.memo_label}"
            memo.placeholder = "Your memo for the record (Enter decides, Esc returns)"
            memo.add_class("-memo")
            memo.display = True
            criteria = classroom.settings.rubric.criteria
            if criteria:
                from game.classroom.views import rubric_lines

                memo.tooltip = "\n".join(["Your memo is assessed on:", *rubric_lines(criteria)])
        self.query_one("#briefing").border_title = "Briefing"
        self.query_one("#choices").border_title = "Your options"
        self.query_one("#meters").border_title = "Dashboard"
        self.query_one("#news").border_title = "News"
        self.query_one("#escalation").border_title = "Escalation"
        self.query_one("#objectives").border_title = "Your objectives"
        self.query_one("#meters").border_subtitle = "i: what they mean"
        self.show_session()
        self.watch(self.app, "pack_result", self._pack_reloaded, init=False)
        for note in self.notes:
            self.notify(note, title="Loaded with changes", severity="warning", markup=False)

    # -- showing the session
    @property
    def policy(self) -> Policy:
        """What the player may see (game.views.policy): numbers or words, the fog."""
        return self.app.policy(self.session.pack)

    def show_session(self) -> None:
        session = self.session
        pack = session.pack
        role = pack.roles[session.role]
        agenda = session.agenda()
        self.shown = min(self.shown, len(agenda) - 1)
        b = agenda[self.shown]
        self.title = f"Turn {b.turn} of {b.turns} · {month(session, b.turn)}"
        self.sub_title = f"advising {role.name}"
        self.show_briefing(b)
        policy = self.policy
        esc = pack.escalation
        value = float(session.state.values[esc.slot]) if esc else 0.0
        self.query_one(EscalationTrack).show(esc, value, policy.numbers)
        self.query_one(BudgetPanel).show(pack, session.state, policy.numbers)
        self.query_one(Dashboard).show(session, policy)
        self.query_one(NewsFeed).show(session)
        self.query_one(ObjectivesPanel).show(session, policy)
        problems = self.query_one("#problems", Static)
        problems.update("\n".join(self.pack_problems))
        problems.display = bool(self.pack_problems)
        self.refresh_bindings()

    def show_briefing(self, b: Briefing) -> None:
        """The briefing of the agenda on show: its text, source, options and forecast."""
        session = self.session
        policy = self.policy
        self.query_one(AgendaTabs).show(session.pack, session.state, session.agenda(), self.shown)
        head: list[str | Content | tuple[str, str]] = [(b.title, "bold $text"), "  "]
        head.append(kind_badge(b.kind))
        back = returning_note(session, b)
        if back:
            head += ["\n", (back, "italic $text-muted")]
        self.query_one("#event-head", Static).update(Content.assemble(*head))
        self.query_one(BriefingText).show(b.text)
        src = self.query_one("#event-source", Static)
        src.update(self.source_content(b))
        src.display = b.source is not None
        why = draw_text(b.draw, b.why, policy)
        why_line = self.query_one("#event-why", Static)
        why_line.update(
            Content.assemble(("Why this reached you: ", "dim"), (why, "dim italic"))
            if why
            else Content("")
        )
        why_line.tooltip = draw_detail(b.draw, b.why, policy) or None
        self.terms = terms_in(session.pack.glossary, b.text)
        line = terms_line(self.terms)
        self.query_one("#event-terms", Static).update(
            Content.styled(
                f"{line + ' — ' if line else ''}g glossary · v each capital's view", "dim"
            )
        )
        self.query_one("#briefing", VerticalScroll).scroll_home(animate=False)
        choices = self.query_one(ChoiceList)
        shown = choices.show(b, session.pack, session.state, policy.numbers)
        self.run_worker(shown, group="choices", exclusive=True)
        self.show_forecast(b, None)
        self.query_one(DeskColumn).fit_later()  # the agenda's row may have come or gone

    def source_content(self, b: Briefing) -> Content:
        """The source: its passage (by its first words, if it was quoted before this game and
        the player has not asked for it in full), its citation and address."""
        if b.source is None:
            return Content("")
        parts: list[str | tuple[str, str]] = []
        if b.source.quote:
            before = None if self.in_full else quoted_on(self.session, b)
            if before is None:
                parts += [(f"“{b.source.quote.strip()}”", "italic"), "\n"]
            else:
                note = f" ({quoted_note(self.session, before)}; f shows it)"
                parts += [(folded_quote(b.source.quote), "italic"), (note, "dim"), "\n"]
        parts += [("— ", "dim"), (b.source.cite, "bold")]
        if b.source.url:
            parts += [("\n", ""), (b.source.url, "dim underline")]
        return Content.assemble(*parts)

    def show_forecast(self, b: Briefing, option: Option | None) -> None:
        self.query_one(ForecastPanel).show(
            self.session.pack, self.session.state, b.event, option, self.policy.fog
        )

    @on(ListView.Highlighted, "#choices")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        event.stop()
        choices = self.query_one(ChoiceList)
        if choices.briefing is not None:  # the list's own briefing: it may be on its way out
            self.show_forecast(choices.briefing, choices.current)

    # -- actions
    def action_choose(self, key: int) -> None:
        choices = self.query_one(ChoiceList)
        option = choices.highlight_key(key)
        if option is None:
            self.notify(f"There is no option {key} this turn.", severity="warning")
        elif not option.open:
            session = self.session
            event = session.agenda()[self.shown].event
            why = option.why_closed
            if event is not None:
                why = closed_text(session.pack, session.state, event, option, self.policy.numbers)
            self.notify(f"Closed: {why}", title=option.label, markup=False)
        else:
            choices.focus()

    def action_decide(self) -> None:
        option = self.query_one(ChoiceList).current
        if option is None:
            self.notify("Pick an option first (1–9, or ↑ ↓), then Enter.", severity="warning")
            return
        self.decide(option)

    @on(ListView.Selected, "#choices")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, ChoiceItem) and event.item.option.open:
            self.decide(event.item.option)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("briefing", "show_briefing"):
            return len(self.session.state.desk) > 1  # only an agenda has briefings to switch
        return True

    def action_briefing(self, step: int = 1) -> None:
        self.action_show_briefing((self.shown + step) % len(self.session.agenda()))

    def action_show_briefing(self, index: int) -> None:
        agenda = self.session.agenda()
        if index >= len(agenda) or index == self.shown:
            return
        self.shown = index
        self.in_full = False
        self.show_briefing(agenda[index])
        self.query_one(ChoiceList).focus()

    @on(AgendaTabs.Picked)
    def _picked(self, event: AgendaTabs.Picked) -> None:
        event.stop()
        self.action_show_briefing(event.index)

    @on(Input.Submitted, "#rationale")
    def _rationale_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_decide()

    def action_rationale(self) -> None:
        field = self.query_one("#rationale", Input)
        field.display = True
        field.focus()
        self.query_one(DeskColumn).fit_later()

    def action_back(self) -> None:
        field = self.query_one("#rationale", Input)
        if field.has_focus:
            self.query_one(ChoiceList).focus()
            if not field.value and self.classroom is None:
                field.display = False
                self.query_one(DeskColumn).fit_later()
            return
        self.app.back_to_title()

    def action_meanings(self) -> None:
        from game.tui.screens.meanings import MeaningsScreen

        self.app.push_screen(MeaningsScreen(self.session, self.policy))

    def action_read_in_full(self) -> None:
        """The source passage in full, even if it was quoted before."""
        self.in_full = True
        b = self.session.agenda()[self.shown]
        self.query_one("#event-source", Static).update(self.source_content(b))

    def action_why(self) -> None:
        b = self.session.agenda()[self.shown]
        policy = self.policy
        why = draw_text(b.draw, b.why, policy)
        detail = draw_detail(b.draw, b.why, policy)
        self.notify(
            "\n".join(x for x in (why[:1].upper() + why[1:], detail) if x),
            title="Why this reached you",
            markup=False,
        )

    def action_timeline(self) -> None:
        from game.tui.screens.timeline import TimelineScreen

        if not self.session.steps:
            self.notify("No decisions yet: the timeline starts with your first.")
            return
        self.app.push_screen(TimelineScreen(self.session))

    def action_save(self) -> None:
        from game.tui.screens.saves import SaveScreen

        self.app.push_screen(SaveScreen(mode="save", session=self.session))

    def action_glossary(self) -> None:
        from game.tui.screens.reading import glossary_screen

        self.app.push_screen(glossary_screen(self.session.pack, self.terms))

    def action_voices(self) -> None:
        from game.tui.screens.reading import voices_screen

        self.app.push_screen(voices_screen(self.session.pack))

    def decide(self, option: Option) -> None:
        """Send the recommendation: `option.decision` says which briefing of the agenda."""
        if self._deciding:
            return
        rationale = self.query_one("#rationale", Input).value.strip()
        classroom = self.classroom
        if classroom is None or self.session.state.event is None:
            self._submit(option.decision, rationale)
        elif self._memo_passes(rationale):  # the classroom's rules: memo, prediction, decision
            if classroom.predicting:
                self._ask_prediction(option, rationale)
            else:
                self._submit(option.decision, rationale)

    def _memo_passes(self, rationale: str) -> bool:
        field = self.query_one("#rationale", Input)
        problem = self.classroom.rationale_problem(rationale)
        field.border_subtitle = "" if problem is None else "needed before you decide"
        if problem is not None:
            field.focus()
            self.notify(problem, title="Your memo", severity="warning", markup=False)
        return problem is None

    def _ask_prediction(self, option: Option, rationale: str) -> None:
        from game.tui.screens.predict import PredictScreen

        classroom = self.classroom
        self._deciding = True

        def predicted(expect: dict | None) -> None:
            self._deciding = False
            if expect is None:  # Esc: back to the desk, nothing decided
                self.query_one(ChoiceList).focus()
                return
            prediction = classroom.predict(self.session, option.decision, expect)
            self._submit(option.decision, rationale, prediction)

        screen = PredictScreen(
            self.session, option.label, classroom.predicting, not self.policy.numbers
        )
        self.app.push_screen(screen, predicted)

    def _submit(self, choice_id: str, rationale: str, prediction=None) -> None:
        field = self.query_one("#rationale", Input)
        try:
            session = self.session.submit(choice_id, rationale)
        except ChoiceError as e:
            self.notify(str(e), title="Not possible", severity="error", markup=False)
            return
        field.value = ""
        field.display = self.classroom is not None
        self.query_one(ChoiceList).index = None  # this turn's pick is spent: see the module's doc
        self.session = session
        self.shown = 0
        self.in_full = False
        if prediction is not None and self.classroom is not None:
            self.classroom.predictions.append(prediction)
        self.app.autosave(session)
        from game.tui.screens.consequences import ConsequencesScreen

        self.app.push_screen(ConsequencesScreen(session), self._after_consequences)
        # the desk underneath catches up once the consequences are on screen
        self.set_timer(0.15, self.show_session)

    def _after_consequences(self, _: object = None) -> None:
        if self.session.over:
            from game.tui.screens.debrief import DebriefScreen

            self.app.switch_screen(DebriefScreen(self.session))
        else:
            self.query_one(ChoiceList).focus()

    # -- live reload (--watch)
    def _pack_reloaded(self, result: LoadResult | None) -> None:
        if result is None:
            return
        if result.pack is None:
            self.pack_problems = [
                "The pack has problems; you are still playing the last good version:",
                *(p.format().splitlines()[0] for p in result.errors[:8]),
            ]
            if len(result.errors) > 8:
                self.pack_problems.append(f"…and {len(result.errors) - 8} more")
            self.show_session()
            return
        old = self.session
        if result.pack.meta.id != old.pack.meta.id:
            return
        from game.tui.services import replay_far

        try:
            session, problems = replay_far(
                result.pack,
                old.role,
                old.seed,
                old.choices,
                old.rationales,
                old.assumptions,
            )
        except Exception as e:  # a pack the engine chokes on must not end the author's session
            self.pack_problems = [f"The reloaded pack cannot be played: {e}"]
            self.show_session()
            return
        self.pack_problems = [f"Pack reloaded: {p}" for p in problems]
        self.session = session
        self.show_session()
        done = len(session.steps)
        self.notify(
            f"Replayed {done} decision{'s' if done != 1 else ''}."
            + (" " + " ".join(problems) if problems else ""),
            title="Pack reloaded",
            severity="warning" if problems else "information",
            markup=False,
        )

    # -- the command palette
    def palette_commands(self):
        yield ("Decide", "Send the highlighted recommendation", self.action_decide)
        if len(self.session.state.desk) > 1:
            yield ("Next briefing", "Read another briefing of the agenda", self.action_briefing)
        yield ("Write a rationale", "Add a sentence to your decision", self.action_rationale)
        yield ("What the meters mean", "Each meter, rung and objective", self.action_meanings)
        yield ("Read in full", "The briefing's source passage in full", self.action_read_in_full)
        yield ("Why this briefing", "Why it reached you", self.action_why)
        yield ("Timeline", "Every decision so far and what followed", self.action_timeline)
        yield ("Glossary", "The terms of the briefing, and every other", self.action_glossary)
        yield ("Capitals' views", "How each capital frames it, in its words", self.action_voices)
        yield ("Save game", "Save to a named slot", self.action_save)
        yield ("Back to title", "The game is autosaved", self.app.back_to_title)
