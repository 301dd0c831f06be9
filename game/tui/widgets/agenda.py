"""The agenda on the desk: one tab per briefing (a, b, c), and what deciding on the one shown
leaves to others. Clicking a tab, [ ] or a letter switches briefings (the desk's keys)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from game.engine.pack import Pack
from game.engine.session import Briefing
from game.engine.state import GameState
from game.views.agenda import LETTERS, others_note
from game.views.desk import fit


class AgendaTab(Widget):
    """`a Two patrons, one peninsula`: the letter, then the title fitted to the tab (the
    event's short title, if the pack gives one, where the full one does not fit)."""

    def __init__(self, index: int, title: str, short: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.index, self.title, self.short = index, title, short

    def render(self) -> Content:
        letter = (f"{LETTERS[self.index]} ", "bold")
        return Content.assemble(letter, fit(self.title, self.short, self.content_size.width - 2))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(AgendaTabs.Picked(self.index))


class AgendaTabs(Vertical):
    """Hidden on a turn with a single briefing."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Resized(Message):
        """The tabs take more or fewer rows (their note wraps, or gives way to the short one)."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    def __init__(self, agenda: tuple[Briefing, ...], shown: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self._titles = tuple(b.title for b in agenda)
        self._first = agenda, shown  # the tabs it is made with (the desk's first layout has them)
        self.display = len(agenda) > 1

    def compose(self) -> ComposeResult:
        agenda, shown = self._first
        yield Horizontal(*_tabs(agenda, shown), id="agenda-tabs")
        yield Static(id="agenda-note")
        yield Static(id="agenda-note-short")

    def show(self, pack: Pack, state: GameState, agenda: tuple[Briefing, ...], shown: int) -> None:
        self.display = len(agenda) > 1
        if not self.display:
            return
        tabs = self.query_one("#agenda-tabs", Horizontal)
        titles = tuple(b.title for b in agenda)
        if titles != self._titles:
            self._titles = titles
            tabs.remove_children()
            tabs.mount_all(_tabs(agenda, shown))
        else:
            for tab in tabs.query(AgendaTab):
                tab.set_class(tab.index == shown, "-shown")
        note = others_note(pack, state, agenda, shown)
        self.query_one("#agenda-note", Static).update(Content(note))
        short = others_note(pack, state, agenda, shown, short=True)
        self.query_one("#agenda-note-short", Static).update(Content(short))


def _tabs(agenda: tuple[Briefing, ...], shown: int) -> list[AgendaTab]:
    """A tab for each briefing of an agenda (none for a turn of one briefing)."""
    if len(agenda) < 2:
        return []
    return [
        AgendaTab(
            i,
            b.title,
            b.event.short if b.event is not None else "",
            classes="agenda-tab -shown" if i == shown else "agenda-tab",
        )
        for i, b in enumerate(agenda)
    ]
