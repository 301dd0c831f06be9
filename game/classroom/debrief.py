"""A saved game and what the classroom added to it, loaded back; and its report built.

Used by `korean-theater report`, `whatif` and `class` (for save files), and at the end of a
classroom game.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.predict import Prediction, score_predictions
from game.classroom.record import predictions_of
from game.classroom.settings import (
    ClassroomSettings,
    apply_to_pack,
    load_classroom,
    settings_from_dict,
)
from game.classroom.whatif import debrief_whatifs
from game.engine.pack import Pack
from game.engine.session import Session
from game.saves.format import ClassroomPart


@functools.lru_cache(maxsize=8)
def _load(folder: str):
    """Packs are immutable: a class summary of thirty saves loads each pack once."""
    from game.content.compiler import load_pack

    return load_pack(folder)


class GameLoadError(Exception):
    """A save that cannot be turned back into a game; `str(e)` says which file and why."""


@dataclass
class LoadedGame:
    session: Session
    path: Path
    settings: ClassroomSettings | None = None
    player: str = ""
    predictions: list[Prediction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # replay divergences, ignored records …


def find_pack(pack_id: str, explicit: str | Path | None = None) -> Pack:
    """The pack a save was played on: `explicit` if given, else the shipped pack of that id."""
    from game import paths

    candidates = [Path(explicit)] if explicit else paths.shipped_packs()
    for folder in candidates:
        result = _load(str(Path(folder).resolve()))
        if result.pack is None:
            if explicit:
                first = result.errors[0].format() if result.errors else "it does not load"
                raise GameLoadError(f"the pack at {folder} has problems: {first}")
            continue
        if result.pack.meta.id == pack_id:
            return result.pack
        if explicit:
            raise GameLoadError(
                f"the pack at {folder} is {result.pack.meta.id!r}, but the save was played on "
                f"{pack_id!r}"
            )
    raise GameLoadError(f"no shipped pack has the id {pack_id!r}; give its folder with --pack")


def load_game(
    save: str | Path,
    pack: Pack | None = None,
    pack_path: str | Path | None = None,
    classroom: str | Path | ClassroomSettings | None = None,
) -> LoadedGame:
    """Read a save and replay it on the pack as the class played it (a classroom game's save
    holds the settings, the student and the predictions). `classroom` (a file or settings)
    overrides the save's copy of the settings."""
    from game.saves import SaveError, SaveStore, read_save

    path = Path(save)
    try:
        data = read_save(path)
    except SaveError as e:
        raise GameLoadError(str(e)) from None
    notes: list[str] = []
    part = data.classroom
    played_from = Path(part.pack_path) if part is not None and part.pack_path else None
    if pack is None and pack_path is None and played_from and (played_from / "pack.toml").is_file():
        pack_path = played_from  # where the classroom game was played from
    base = pack or find_pack(data.pack.id, pack_path)
    settings = _settings(classroom, part, base, notes)
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
    )


def _settings(
    given: str | Path | ClassroomSettings | None,
    part: ClassroomPart | None,
    pack: Pack,
    notes: list[str],
) -> ClassroomSettings | None:
    if isinstance(given, ClassroomSettings):
        return given
    if given is not None:
        settings, problems = load_classroom(given, pack)
        if settings is None:
            lines = "\n".join(p.format() for p in problems)
            raise GameLoadError(f"the classroom file has problems:\n{lines}")
        return settings
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
    """The report of a loaded game. `whatif_runs` None: the classroom's setting (else 100)."""

    return session_report(
        game.session,
        settings=game.settings,
        player=game.player,
        predictions=game.predictions,
        notes=game.notes,
        whatif_runs=whatif_runs,
        dice=dice,
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
):
    from game.report.build import build_report

    if whatif_runs is None:
        whatif_runs = settings.classroom.whatif_runs if settings is not None else 100
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
    )


def _game_version() -> str:
    try:
        from game.saves.replay import game_version

        return game_version()
    except ImportError:  # pragma: no cover
        return ""
