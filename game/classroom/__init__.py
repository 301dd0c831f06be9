"""Classroom mode: shared settings, rationales, predictions and counterfactuals.

The API the game's front ends use (plain mode in game.plain, the TUI in game.tui):

    settings, problems = load_classroom(path)          # problems: located, like a pack's
    pack = apply_to_pack(pack, settings)                # roles, turn limit, assumptions
    session = settings.start(pack, role)                # the classroom's seed and assumptions
    check_rationale(settings, text)                     # None, or what to tell the student
    qualitative(variable, value, previous)              # "high, rising" when numbers are hidden
    parse_direction("u") / Prediction(turn, choice, expect={"tension": "up"})
    store.save(session, slot, classroom_part(settings, player, predictions))

Nothing here imports Textual.
"""

from game.classroom.load import load_classroom
from game.classroom.predict import (
    DIRECTIONS,
    Prediction,
    PredictionScore,
    parse_direction,
    score_predictions,
)
from game.classroom.record import classroom_part, predictions_of
from game.classroom.settings import ClassroomSettings, apply_to_pack, base_pack, check_rationale
from game.views.readings import qualitative

__all__ = [
    "DIRECTIONS",
    "ClassroomSettings",
    "Prediction",
    "PredictionScore",
    "apply_to_pack",
    "base_pack",
    "check_rationale",
    "classroom_part",
    "load_classroom",
    "parse_direction",
    "predictions_of",
    "qualitative",
    "score_predictions",
]
