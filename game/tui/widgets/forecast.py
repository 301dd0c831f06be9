"""The staff forecast of the highlighted option: what it costs and probably does, in words or
numbers (the fog of the pack or the classroom), before the world answers."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from game.engine.pack import Event, Pack
from game.engine.session import Option
from game.engine.state import GameState
from game.views.forecast import capitalised, forecast_lines, option_forecast

TONE = {"good": "bold $success", "bad": "bold $error", "": ""}
BULLET = "• "


class ForecastPanel(Widget):
    """One bulleted line per expected change (wrapped lines hang under their bullet); hidden
    when the fog is `none`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines: list[Content] = []
        self.tooltip = (
            "What your staff expect of the highlighted option: its own effects and chances, "
            "not how the other capitals will answer."
        )

    def show(
        self, pack: Pack, state: GameState, event: Event | None, option: Option | None, fog: str
    ) -> None:
        self.display = fog != "none" and event is not None
        if event is None or not self.display:
            return
        if option is None:
            self.border_title = "Staff forecast"
            self.lines = [Content.styled("Highlight an open option to see its forecast.", "dim")]
        else:
            self.border_title = f"Staff forecast · option {option.key}"
            found = forecast_lines(pack, option_forecast(pack, state, event, option), fog)
            self.lines = [Content.styled(capitalised(x.text), TONE[x.tone]) for x in found]
        self.refresh(layout=True)

    def wrapped(self, width: int) -> list[Content]:
        room = max(1, width - len(BULLET))
        out: list[Content] = []
        for line in self.lines:
            for i, part in enumerate(line.wrap(room)):
                head = Content.styled(BULLET, "$accent") if i == 0 else Content(" " * len(BULLET))
                out.append(head + part)
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width))

    def render(self) -> Content:
        return Content("\n").join(self.wrapped(self.content_size.width))
