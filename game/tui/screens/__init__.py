"""The app's screens, one module each beside its stylesheet."""

from __future__ import annotations

from pathlib import Path, PurePath

# The stylesheets of the screens every game visits. The screens take their CSS_PATH from here,
# and the app reads them all while the player is on the title (KoreanTheaterApp).
NEW_GAME_CSS: list[str | PurePath] = ["new_game.tcss"]
DESK_CSS: list[str | PurePath] = [
    "desk.tcss",
    "../widgets/meters.tcss",
    "../widgets/escalation.tcss",
    "../widgets/news.tcss",
    "../widgets/choices.tcss",
    "../widgets/objectives.tcss",
    "../widgets/agenda.tcss",
    "../widgets/budget.tcss",
    "../widgets/forecast.tcss",
]
CONSEQUENCES_CSS: list[str | PurePath] = ["consequences.tcss", "../widgets/report.tcss"]
DEBRIEF_CSS: list[str | PurePath] = ["debrief.tcss"]


def game_stylesheets() -> list[Path]:
    """The files of those stylesheets, resolved as Textual resolves a screen's CSS_PATH."""
    names = dict.fromkeys([*NEW_GAME_CSS, *DESK_CSS, *CONSEQUENCES_CSS, *DEBRIEF_CSS])
    return [(Path(__file__).parent / name).resolve() for name in names]
