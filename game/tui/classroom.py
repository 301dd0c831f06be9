"""Classroom mode in the full-screen game: what the screens need while a student plays.

The classroom rules live in `game.classroom` (no Textual there, nor here): this module keeps the
settings, the student's name, their predictions and the save slot, and writes the save and the
final report. The app imports it only in classroom mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.classroom.files import slot_base, write_report
from game.classroom.predict import Direction, Prediction, Scored, score_predictions
from game.classroom.record import classroom_part
from game.classroom.settings import ClassroomSettings, apply_to_pack, check_rationale

if TYPE_CHECKING:
    from game.content.compiler import LoadResult
    from game.engine.session import Session
    from game.tui.services import Loaded, SaveShelf


def classroom_loader(settings: ClassroomSettings):
    """A PackLibrary loader that gives the pack as the class plays it (`apply_to_pack`): only
    the allowed roles, the turn limit, the classroom's assumptions as defaults."""
    from game.tui.services import pack_loader

    load_pack = pack_loader()

    def load(path: Path) -> LoadResult:
        from game.content.compiler import LoadResult

        result = load_pack(path)
        if result.pack is None:
            return result
        return LoadResult(apply_to_pack(result.pack, settings), result.problems)

    return load


def misfit(settings: ClassroomSettings, session: Session) -> str | None:
    """Why a saved game cannot be continued in this classroom, or None when it can."""
    if session.seed != settings.seed:
        return (
            f"it was played with the seed {session.seed!r}, and this classroom plays "
            f"{settings.seed!r}"
        )
    if not settings.allows(session.role):
        return f"this classroom does not play the role {session.role!r}"
    if dict(session.assumptions) != dict(settings.assumptions):
        return "it was played with other assumptions than this classroom's"
    return None


@dataclass
class ClassroomGame:
    """The classroom game being played: settings, student, predictions and where it is saved."""

    settings: ClassroomSettings
    player: str = ""
    predictions: list[Prediction] = field(default_factory=list)
    slot: str = ""  # the save slot, chosen (never over another game) at the first save

    # -- the rules (what the player may see is game.views.policy's, through the app)
    @property
    def predicting(self) -> tuple[str, ...]:
        return self.settings.predicting

    @property
    def steady(self) -> float:
        return self.settings.predict.steady if self.settings.predict is not None else 1.0

    def rationale_problem(self, text: str) -> str | None:
        return check_rationale(self.settings, text)

    @property
    def memo_label(self) -> str:
        rule = self.settings.rationale
        least = f" (at least {rule.min_length} characters)" if rule.min_length else ""
        return f"{rule.prompt}{least}"

    def predict(self, session: Session, choice: str, expect: dict[str, Direction]) -> Prediction:
        """The prediction for the decision about to be made at the session's turn."""
        return Prediction(turn=session.state.turn, choice=choice, expect=dict(expect))

    def reveal(self, session: Session, index: int) -> tuple[Scored, ...]:
        """How the predictions made before decision `index` turned out."""
        turn = session.states()[index].turn
        made = [p for p in self.predictions if p.turn == turn]
        return score_predictions(session, made[-1:], self.steady).items

    # -- resuming a saved game
    @classmethod
    def resume(cls, settings: ClassroomSettings, session: Session, loaded: Loaded) -> ClassroomGame:
        """The classroom game of a loaded save: the student's name and predictions from it."""
        from game.classroom.record import predictions_of

        game = cls(settings)
        slot = loaded.info.slot
        if slot != "autosave" and not slot.startswith("autosave-"):
            game.slot = slot  # go on saving where the game was saved
        if loaded.classroom is not None:
            game.player = loaded.classroom.player
            predictions, _ = predictions_of(loaded.classroom)
            game.predictions = [p for p in predictions if p.turn < session.state.turn]
        return game

    # -- files (called from the app's saver thread)
    def save(self, shelf: SaveShelf, session: Session, predictions: tuple[Prediction, ...]) -> str:
        """Save the game in its classroom slot, with the student's name and predictions;
        returns where the save went. Raises SaveProblem."""
        if not self.slot:
            self.slot = slot_base(self.settings, self.player, session.role)
        part = classroom_part(self.settings, self.player, predictions)
        self.slot, where = shelf.save_own(session, self.slot, classroom=part)
        return where

    def report(self, session: Session, predictions: tuple[Prediction, ...]) -> Any:
        """The debrief report for the teacher (with the counterfactuals: 1–3 s)."""
        from game.report.debrief import session_report

        return session_report(session, self.settings, self.player, list(predictions))

    def write_report(self, shelf: SaveShelf, report: Any, session: Session) -> Path:
        """Write the report to SAVES/reports/SLOT.json; returns the file."""
        slot = self.slot or slot_base(self.settings, self.player, session.role)
        return write_report(shelf.root, slot, report.to_json())
