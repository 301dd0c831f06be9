"""A saved game and what the classroom added to it, loaded back; and its report built.

Used by `korean-theater report`, `whatif` and `class` (for save files), and at the end of a
classroom game.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.predict import Prediction, score_predictions
from game.classroom.record import predictions_of
from game.classroom.settings import ClassroomSettings, apply_to_pack, settings_from_dict
from game.classroom.teacher import DEFAULT_WHATIF_RUNS, GameLoadError, Teacher
from game.classroom.whatif import debrief_whatifs
from game.engine.session import Session
from game.report.model import PackRef
from game.saves.format import ClassroomPart

__all__ = ["GameLoadError", "LoadedGame", "Teacher", "game_report", "load_game", "session_report"]


@dataclass
class LoadedGame:
    session: Session
    path: Path
    settings: ClassroomSettings | None = None
    player: str = ""
    predictions: list[Prediction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # replay divergences, ignored records …
    saved_pack: PackRef | None = None  # what the save names, when the teacher's pack differs
    whatif_runs: int = DEFAULT_WHATIF_RUNS  # the teacher's, for the report


def load_game(save: str | Path, teacher: Teacher | None = None) -> LoadedGame:
    """Read a save and replay it on the teacher's pack as the class played it (a classroom
    game's save holds the settings, the student and the predictions). The teacher's classroom
    file, when given, overrides the save's copy of the settings."""
    from game.saves import SaveError, SaveStore, read_save

    teacher = teacher or Teacher()
    path = Path(save)
    try:
        data = read_save(path)
    except SaveError as e:
        raise GameLoadError(str(e)) from None
    notes: list[str] = []
    part = data.classroom
    base = teacher.pack_for(data.pack.id)
    settings = _settings(teacher.classroom, part, notes)
    played = apply_to_pack(base, settings)
    try:
        loaded = SaveStore(path.parent).load(path, played)
    except SaveError as e:
        raise GameLoadError(str(e)) from None
    predictions, why = predictions_of(part, str(path))
    notes = [*loaded.problems, *notes, *filter(None, [why])]
    return LoadedGame(
        session=loaded.session,
        path=path,
        settings=settings,
        player=part.player if part is not None else "",
        predictions=predictions,
        notes=notes,
        saved_pack=_ref(data.pack) if data.pack.digest != base.digest else None,
        whatif_runs=teacher.whatif_runs,
    )


def _ref(saved) -> PackRef:
    return PackRef(id=saved.id, title=saved.title, version=saved.version, digest=saved.digest)


def _settings(
    teacher: ClassroomSettings | None, part: ClassroomPart | None, notes: list[str]
) -> ClassroomSettings | None:
    if teacher is not None:
        if part is not None and part.settings.get("digest") != teacher.digest:
            notes.append(
                "the save's copy of the classroom settings differs from the classroom file "
                "given; the game is replayed with the file's settings"
            )
        return teacher
    if part is not None:
        try:
            return settings_from_dict(part.settings)
        except ValueError as e:
            notes.append(f"the save's classroom settings are unreadable ({e}); ignored")
    return None


def game_report(
    game: LoadedGame,
    whatif_runs: int | None = None,
    dice: str = "fresh",
    game_version: str = "",
):
    """The report of a loaded game. `whatif_runs` None: the teacher's (`game.whatif_runs`)."""
    return session_report(
        game.session,
        settings=game.settings,
        player=game.player,
        predictions=game.predictions,
        notes=game.notes,
        whatif_runs=game.whatif_runs if whatif_runs is None else whatif_runs,
        dice=dice,
        saved_pack=game.saved_pack,
        game_version=game_version,
    )


def session_report(
    session: Session,
    settings: ClassroomSettings | None = None,
    player: str = "",
    predictions: list[Prediction] | tuple[Prediction, ...] = (),
    notes: list[str] | tuple[str, ...] = (),
    whatif_runs: int | None = None,
    dice: str = "fresh",
    game_version: str = "",
    saved_pack: PackRef | None = None,
):
    """The report of a session. `whatif_runs` None: the classroom's (a game being played has
    the teacher's classroom file), else DEFAULT_WHATIF_RUNS."""
    from game.report.build import build_report

    if whatif_runs is None:
        whatif_runs = settings.classroom.whatif_runs if settings else DEFAULT_WHATIF_RUNS
    steady = settings.predict.steady if settings is not None and settings.predict else 1.0
    score = score_predictions(session, predictions, steady) if predictions else None
    return build_report(
        session,
        player=player,
        classroom=settings,
        predictions=score,
        whatifs=debrief_whatifs(session, whatif_runs, dice),
        notes=notes,
        game_version=game_version or _game_version(),
        saved_pack=saved_pack,
    )


def _game_version() -> str:
    try:
        from game.saves.replay import game_version

        return game_version()
    except ImportError:  # pragma: no cover
        return ""
