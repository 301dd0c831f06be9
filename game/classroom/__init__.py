"""Classroom mode: shared settings, rationales, predictions, counterfactuals, class summaries.

The API the game's front ends use (plain mode in game.plain, the TUI in game.tui):

    settings, problems = load_classroom(path)          # problems: located, like a pack's
    pack = apply_to_pack(pack, settings)                # roles, turn limit, assumptions
    session = settings.start(pack, role)                # the classroom's seed and assumptions
    check_rationale(settings, text)                     # None, or what to tell the student
    qualitative(variable, value, previous)              # "high, rising" when numbers are hidden
    parse_direction("u") / Prediction(turn, choice, expect={"tension": "up"})
    write_record(save_path, make_record(session, settings, player, predictions))

Nothing here imports Textual.
"""

from game.classroom.predict import (
    DIRECTIONS,
    Prediction,
    PredictionScore,
    parse_direction,
    score_predictions,
)
from game.classroom.readings import qualitative
from game.classroom.record import (
    ClassroomRecord,
    make_record,
    read_record,
    record_path,
    write_record,
)
from game.classroom.settings import (
    ClassroomSettings,
    apply_to_pack,
    base_pack,
    check_rationale,
    load_classroom,
)

__all__ = [
    "DIRECTIONS",
    "ClassroomRecord",
    "ClassroomSettings",
    "Prediction",
    "PredictionScore",
    "apply_to_pack",
    "base_pack",
    "check_rationale",
    "load_classroom",
    "make_record",
    "parse_direction",
    "qualitative",
    "read_record",
    "record_path",
    "score_predictions",
    "write_record",
]
