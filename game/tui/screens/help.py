"""Help: every key binding of every screen, and how to read the game."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from game.tui.typed import GameModal

READING = """\
How to read the game
  Each turn a briefing lands on your desk. Its label says whether the event is historical,
  hypothetical, or the article's prediction; the quotation is the passage it comes from.
  Pick an option with 1–9, add a rationale with r if you like, and press Enter to decide.
  Some options cost from a budget (political capital, say): its panel shows what is left and
  what next month adds; an option you cannot afford is closed and says why. The staff forecast
  under your options says what the highlighted option will probably do: its own effects and
  chances, not how the other capitals will answer.
  Some months bring several briefings (tabs a, b, c; switch with [ ], ← → or a click): you
  handle one, and your government settles each other one by its default, named on the desk.
  The consequences screen lists every change with its cause. A chance outcome shows its odds
  and the roll: a number from 0 to 1 that decided it (an outcome happens when the roll falls
  in its share of the range). Consequences set for later are listed, unless they are secret.
  Meters show their value, unit, change since last turn and a trend; hover one for its meaning.
  The escalation ladder ends the game for everyone if the crisis climbs its last rung.
  The debrief gives the result (win, draw or defeat), why this ending came, who climbed the
  ladder, and the decisions that mattered: each one replayed with its alternatives.
  The game autosaves after every decision; Continue on the title screen resumes it."""

EVERYWHERE = [
    ("?", "This help"),
    ("ctrl+p", "Command palette: every action, and the theme"),
    ("tab / shift+tab", "Move between panes and fields"),
    ("↑ ↓ / mouse", "Move in lists; click an item twice to select it"),
    ("ctrl+q", "Quit at once (autosaved after each decision)"),
]


def classroom_text(settings) -> str:
    """What this class's rules mean for the player (classroom mode)."""
    lines = [
        f"In this class: {settings.title}",
        f"  Everyone plays the seed {settings.seed!r}, so the same world; only choices differ.",
    ]
    rule = settings.rationale
    if rule.required:
        least = f" of at least {rule.min_length} characters" if rule.min_length else ""
        lines.append(f"  Write a memo{least} in the field under your options before deciding.")
    if settings.rubric.criteria:
        from game.classroom.views import rubric_lines

        lines += [
            "  Your memos are assessed on:",
            *(f"  {r}" for r in rubric_lines(settings.rubric.criteria)),
        ]
    if settings.predicting:
        lines.append(
            "  Before the consequences show, say which way each predicted meter will move"
            " (u up, d down, s steady); the consequences then say which predictions were right."
        )
    if settings.hide_numbers:
        lines.append('  Meters and scores are shown in words ("high, rising"), not numbers.')
    lines.append(
        "  Your game is saved under your name after every decision; at the end your report for"
        " the teacher is written, and the debrief's Classroom tab says where."
    )
    return "\n".join(lines)


def binding_rows(bindings: list[Binding | tuple]) -> list[tuple[str, str]]:
    """(keys, what they do) for each described binding; keys doing the same thing share a row."""
    rows: dict[str, list[str]] = {}
    for b in bindings:
        if not isinstance(b, Binding) or not b.description:
            continue
        what = f"{b.description} — {b.tooltip}" if b.tooltip else b.description
        keys = b.key_display or " / ".join(k.strip() for k in b.key.split(","))
        rows.setdefault(what, [])
        if keys not in rows[what]:
            rows[what].append(keys)
    return [(" / ".join(keys), what) for what, keys in rows.items()]


def screens() -> list[tuple[str, type[Screen]]]:
    from game.tui.screens.consequences import ConsequencesScreen
    from game.tui.screens.debrief import DebriefScreen
    from game.tui.screens.desk import DeskScreen
    from game.tui.screens.new_game import NewGameScreen
    from game.tui.screens.saves import SaveScreen
    from game.tui.screens.timeline import TimelineScreen
    from game.tui.screens.title import TitleScreen

    return [
        ("Title", TitleScreen),
        ("New game", NewGameScreen),
        ("Desk", DeskScreen),
        ("Consequences", ConsequencesScreen),
        ("Timeline", TimelineScreen),
        ("Save / load", SaveScreen),
        ("Debrief", DebriefScreen),
    ]


def table(title: str, rows: list[tuple[str, str]], current: bool = False) -> Content:
    style = "bold $accent" if current else "bold $secondary-lighten-2"
    lines = [Content.styled(title.upper() + ("  (this screen)" if current else ""), style)]
    for keys, what in rows:
        lines.append(Content.assemble((f"  {keys:<14}", "bold"), " ", what))
    return Content("\n").join(lines)


class HelpScreen(GameModal[None]):
    """A modal over the current screen."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, below: Screen | None = None) -> None:
        super().__init__()
        self.below = type(below) if below is not None else None

    def compose(self) -> ComposeResult:
        parts: list[Content] = []
        listed = screens()
        for name, cls in listed:
            if cls is self.below:
                parts.append(table(name, binding_rows(cls.BINDINGS), current=True))
        parts.append(table("Everywhere", EVERYWHERE))
        for name, cls in listed:
            if cls is not self.below:
                parts.append(table(name, binding_rows(cls.BINDINGS)))
        if self.app.settings.classroom is not None:
            from game.tui.screens.predict import DirectionRow, PredictScreen

            rows = binding_rows(PredictScreen.BINDINGS) + binding_rows(DirectionRow.BINDINGS)
            parts.append(table("Predict (classroom)", rows))
        parts.append(Content.styled(READING, ""))
        classroom = self.app.settings.classroom
        if classroom is not None:
            parts.append(Content(classroom_text(classroom)))
        with VerticalScroll(id="help-box"):
            yield Static(Content("\n\n").join(parts), id="help-text")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Help"
        box.border_subtitle = "Esc closes"
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)
