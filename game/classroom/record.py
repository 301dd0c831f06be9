"""A classroom game's part of its save: the settings it was played with, the student's name and
their predictions (`ClassroomPart` in game.saves.format, version 3 of the save format).

The save format keeps that part as plain data, so that the saves layer needs nothing from this
package; this module turns it into the classroom's own types and back.
"""

from __future__ import annotations

from pydantic import ValidationError

from game.classroom.predict import Prediction
from game.classroom.settings import ClassroomSettings
from game.saves.format import ClassroomPart


def classroom_part(settings: ClassroomSettings, player: str = "", predictions=()) -> ClassroomPart:
    """The part of the save of a classroom game as it stands."""
    return ClassroomPart(
        settings=settings.to_dict(),
        pack_path=settings.pack_path,
        player=player,
        predictions=[p.model_dump(mode="json") for p in predictions],
    )


def predictions_of(part: ClassroomPart | None, where: str = "") -> tuple[list[Prediction], str]:
    """The predictions kept in a save's classroom part, and a note when some cannot be used."""
    if part is None:
        return [], ""
    out: list[Prediction] = []
    broken = 0
    for raw in part.predictions:
        try:
            out.append(Prediction.model_validate(raw))
        except ValidationError:
            broken += 1
    note = f"{where}: {broken} prediction(s) could not be read; left out" if broken else ""
    return out, note
