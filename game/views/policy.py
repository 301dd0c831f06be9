"""What a player may see: one policy for every front end (the full-screen game, plain mode,
browsers) and every rule that changes it.

- `numbers`: False in a classroom that hides them (`hide_numbers`). Meters, scores, costs, odds
  and the scheduler's weights are then said in words, everywhere the game speaks during play.
- `fog`: what the staff forecast shows (none, words or numbers): the pack's, a classroom's own,
  and words rather than numbers when numbers are hidden.
- `hidden`: the names the player cannot see (the pack's hidden meters). Whatever reads one (an
  objective's score, a delayed effect on it) shows no value, so nothing gives it away. Flags,
  situations, assumptions and the government's own decisions are seen: the game announces them.
- `steady`, `predicted`: a variable the class predicts is steady, in words, by the prediction's
  own rule (a change under `[predict] steady`), so that the words never contradict the verdict
  on a prediction ("edging up" beside "it went steady — right").

The front ends ask `policy(pack, classroom)` once and hand the answer to the views.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.pack import Pack

if TYPE_CHECKING:
    from game.classroom.settings import ClassroomSettings


@dataclass(frozen=True, slots=True)
class Policy:
    numbers: bool = True
    fog: str = "none"
    hidden: frozenset[str] = frozenset()
    steady: float | None = None
    predicted: frozenset[str] = frozenset()

    def sees(self, reads: Iterable[str]) -> bool:
        """Whether something computed from these names can be shown without leaking one."""
        return self.hidden.isdisjoint(reads)

    def sees_name(self, name: str) -> bool:
        return name not in self.hidden

    def steady_for(self, variable: str) -> float | None:
        """The change under which `variable` reads steady when the class predicts it, else None
        (the readings' own rule, game.views.readings)."""
        return self.steady if variable in self.predicted else None


def fog_level(pack: Pack, classroom: ClassroomSettings | None = None) -> str:
    """What the forecast shows: the pack's `forecast`, a classroom's own, and words instead of
    numbers in a classroom that hides them."""
    fog = pack.meta.forecast
    if classroom is not None:
        fog = classroom.classroom.forecast or fog
        if classroom.hide_numbers and fog == "numbers":
            fog = "words"
    return fog


def policy(pack: Pack, classroom: ClassroomSettings | None = None) -> Policy:
    """The policy for a game of `pack`, in a classroom (its settings) or not."""
    return Policy(
        numbers=not (classroom is not None and classroom.hide_numbers),
        fog=fog_level(pack, classroom),
        hidden=frozenset(v.id for v in pack.variables if v.hidden),
        steady=classroom.predict.steady if classroom is not None and classroom.predict else None,
        predicted=frozenset(classroom.predicting) if classroom is not None else frozenset(),
    )
