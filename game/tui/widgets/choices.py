"""The options on the desk: keys 1–9, descriptions, closed options with the reason why.

A click highlights an option; a second click on the highlighted one (or Enter) decides — a
recommendation to a head of government should not go out on a stray click. The list comes up
with nothing highlighted: Enter decides only once the player has picked (1–9, ↑ ↓, a click).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.widgets import ListItem, ListView, OptionList

from game.views.budget import closed_text, cost_text

if TYPE_CHECKING:
    from game.engine.pack import Pack
    from game.engine.session import Briefing, Option
    from game.engine.state import GameState


class ConfirmList(OptionList):
    """An OptionList where a click highlights and a second click on the same option selects."""

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        event.prevent_default()
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked


KEY_WIDTH = 4  # the key's column: "  1 "


class ChoiceItem(ListItem):
    """One option: its key, its label and, indented under it, what it costs, whether it is
    what happens if the briefing is left to others, and its description or why it is closed.

    One widget draws it all: a row of six (the key beside a column of label, cost and
    description) made most of the desk's widgets, restyled whenever the list takes the focus."""

    COMPONENT_CLASSES = {  # styled in choices.tcss
        "choice-item--key",
        "choice-item--label",
        "choice-item--meta",
        "choice-item--desc",
        "choice-item--why",
    }

    def __init__(self, option: Option, cost: str = "", why_closed: str = "") -> None:
        super().__init__(classes="choice" if option.open else "choice -closed")
        self.option = option
        self.cost = cost
        self.why_closed = why_closed or option.why_closed
        self.disabled = not option.open

    @property
    def parts(self) -> list[tuple[str, str]]:
        """The text beside the key, part by part: (its component, its text)."""
        o = self.option
        parts = [("label", o.label)]
        meta = [f"costs {self.cost}"] if self.cost else []
        if o.default:
            meta.append("the default if left to others")
        if meta:
            parts.append(("meta", " · ".join(meta)))
        if not o.open:
            parts.append(("why", "closed: " + self.why_closed))
        elif o.description:
            parts.append(("desc", o.description))
        return parts

    def _lines(self, width: int) -> list[Content]:
        room = max(1, width - KEY_WIDTH)
        lines: list[Content] = []
        # Each part styled as a widget of its own inside the item would be (the ancestors'
        # styles, then its own): an `auto` colour then contrasts with the highlight's background.
        for part, text in self.parts:
            style = self.get_visual_style(f"choice-item--{part}")
            lines += Content(text).stylize(style).wrap(room)
        key = f"  {self.option.key} " if self.option.open else "  ✕ "
        gutter = [Content(key).stylize(self.get_visual_style("choice-item--key"))]
        gutter += [Content(" " * KEY_WIDTH)] * (len(lines) - 1)
        return [Content.assemble(g, line) for g, line in zip(gutter, lines, strict=True)]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))


Shown = tuple[tuple["Option", str, str], ...]  # each option, its cost, why it is closed


def _shown(briefing: Briefing, pack: Pack, state: GameState, numbers: bool) -> Shown:
    event = briefing.event
    return tuple(
        (
            o,
            cost_text(pack, o.cost, numbers),
            closed_text(pack, state, event, o, numbers) if event and not o.open else "",
        )
        for o in briefing.options
    )


class ChoiceList(ListView):
    """The options of a briefing, keyed 1–9. Made with those of the briefing on show, so that
    the desk's first layout has them."""

    BINDINGS = [Binding("enter", "select_cursor", "Decide", key_display="⏎")]

    def __init__(
        self, briefing: Briefing, pack: Pack, state: GameState, numbers: bool, **kwargs
    ) -> None:
        self._made_of = _shown(briefing, pack, state, numbers)
        super().__init__(*(ChoiceItem(*x) for x in self._made_of), initial_index=None, **kwargs)
        self.briefing: Briefing | None = briefing  # whose options these are
        self.briefing_options: tuple[Option, ...] = briefing.options

    async def show(
        self, briefing: Briefing, pack: Pack, state: GameState, numbers: bool = True
    ) -> None:
        """The briefing's options; `numbers=False`: costs in words (a classroom's rule)."""
        self.briefing = briefing
        self.briefing_options = briefing.options
        made_of = _shown(briefing, pack, state, numbers)
        if made_of != self._made_of:
            self._made_of = made_of
            await self.clear()
            await self.extend(ChoiceItem(*x) for x in made_of)
        self.index = None  # the player picks: see the module's doc
        self.scroll_home(animate=False)  # a new briefing's options from the first

    def action_select_cursor(self) -> None:
        if self.current is None:
            raise SkipAction()  # the desk's Enter says what to do
        super().action_select_cursor()

    def action_cursor_down(self) -> None:
        if self.index is None:
            self.index = self._first_open(range(len(self.briefing_options)))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.index is None:
            self.index = self._first_open(reversed(range(len(self.briefing_options))))
        else:
            super().action_cursor_up()

    def _first_open(self, order) -> int | None:
        return next((i for i in order if self.briefing_options[i].open), None)

    def highlight_key(self, key: int) -> Option | None:
        """Highlight the option with this key; the option, or None if there is none."""
        for i, o in enumerate(self.briefing_options):
            if o.key == key:
                if o.open:
                    self.index = i
                return o
        return None

    @property
    def current(self) -> Option | None:
        i = self.index
        if i is None or i >= len(self.briefing_options):
            return None
        o = self.briefing_options[i]
        return o if o.open else None

    def _on_list_item__child_clicked(self, event: ListItem._ChildClicked) -> None:
        event.stop()
        event.prevent_default()
        self.focus()
        index = self._nodes.index(event.item)
        if index == self.index:
            self.action_select_cursor()
        else:
            self.index = index
