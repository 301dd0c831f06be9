"""Your game against what happened: month by month, the briefings a game put on the desk beside
the real events of the pack's chronology, and the real events after the game's last month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.engine.pack import ChronologyEntry, Pack
from game.engine.session import Session
from game.views.agenda import handled


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int
    label: str  # "Sep 2023"
    game: tuple[str, ...]  # what your game had on the desk that month
    real: tuple[ChronologyEntry, ...]  # what happened that month
    played: bool  # a month of your game (else before or after it)


def then_and_now(pack: Pack, played: list[tuple[int, str]]) -> list[Month]:
    """Every month that had a briefing in your game or a real event, in order. `played` is
    (turn, what was on the desk) for each turn of the game."""
    game: dict[tuple[int, int], list[str]] = {}
    for turn, what in played:
        day = pack.date_of(turn)
        game.setdefault((day.year, day.month), []).append(what)
    real: dict[tuple[int, int], list[ChronologyEntry]] = {}
    for c in pack.chronology:
        real.setdefault((c.date.year, c.date.month), []).append(c)
    span = set(game)  # the months the game covered
    out = []
    for year, month in sorted(set(game) | set(real)):
        label = dt.date(year, month, 1).strftime("%b %Y")
        here = (year, month)
        mine, theirs = tuple(game.get(here, ())), tuple(real.get(here, ()))
        out.append(Month(year, month, label, mine, theirs, here in span))
    return out


def months_of(session: Session) -> list[Month]:
    """`then_and_now` for a game: what each of its turns put on the desk."""
    pack = session.pack
    played = []
    for step, state in zip(session.steps, session.states(), strict=False):
        event, _ = handled(pack, step.report)
        played.append((state.turn, event.title if event is not None else pack.meta.quiet_title))
    return then_and_now(pack, played)
