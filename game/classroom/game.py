"""One classroom game, as plain mode and the full-screen game both play it: the settings, the
student's name, their predictions and the save slot; the save with the classroom's part in it,
the report at the end, and the command that makes the student's printable debrief.

`open_classroom` is the one reading of `--classroom FILE` (with `--pack DIR` overriding the pack
the file names) for both front ends, so the save records the pack folder that was played.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.classroom.files import slot_base, write_report
from game.classroom.load import classroom_and_pack, pack_named
from game.classroom.predict import Direction, Prediction, Scored, score_predictions
from game.classroom.record import classroom_part, predictions_of
from game.classroom.settings import ClassroomSettings, check_rationale
from game.content.problems import Problem

if TYPE_CHECKING:
    from game.engine.pack import Pack
    from game.engine.session import Session
    from game.report.model import Report
    from game.saves.format import ClassroomPart


def open_classroom(
    classroom: str | Path, pack_folder: str | Path | None = None, pack: Pack | None = None
) -> tuple[ClassroomSettings | None, Pack | None, list[Problem]]:
    """The classroom file checked (against `pack`, loaded from `pack_folder`, when the command
    line overrides the file's pack), with the pack played; its `pack_path` is that pack's
    folder."""
    settings, pack, problems = classroom_and_pack(classroom, pack)
    if settings is not None and pack_folder is not None:
        from game.content.packs import folder_of

        folder = folder_of(pack_folder)
        settings = settings.model_copy(update={"pack_path": str(folder.resolve())})
    return settings, pack, problems


def misfit(settings: ClassroomSettings, session: Session, player: str = "") -> str | None:
    """Why a saved game of `player` cannot be continued in this classroom, or None when it
    can: the student's world is the class's, or their group's, and their role the teacher's."""
    seed = settings.seed_for(player)
    if session.seed != seed:
        return (
            f"it was played with the seed {session.seed!r}, and this classroom plays {seed!r}"
            + (" for you" if seed != settings.seed else "")
        )
    if not settings.allows(session.role):
        return f"this classroom does not play the role {session.role!r}"
    assigned = settings.assignment_of(player)
    if assigned is not None and assigned.role != session.role:
        return f"your teacher gave you the role {assigned.role!r}"
    if dict(session.assumptions) != settings.assumptions_for(player):
        return "it was played with other assumptions than this classroom's"
    return None


@dataclass
class ClassroomGame:
    """The classroom game being played: settings, student, predictions and where it is saved."""

    settings: ClassroomSettings
    player: str = ""
    predictions: list[Prediction] = field(default_factory=list)
    slot: str = ""  # the save slot, chosen (never over another game) at the first save

    # -- the rules (what the player may see is game.views.policy's)
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
    def resume(
        cls, settings: ClassroomSettings, session: Session, slot: str, part: ClassroomPart | None
    ) -> ClassroomGame:
        """The classroom game of a loaded save (in `slot`): the name and predictions from it."""
        game = cls(settings)
        if slot != "autosave" and not slot.startswith("autosave-"):
            game.slot = slot  # go on saving where the game was saved
        if part is not None:
            game.player = part.player
            predictions, _ = predictions_of(part)
            game.predictions = [p for p in predictions if p.turn < session.state.turn]
        return game

    # -- files
    def slot_for(self, session: Session) -> str:
        """The slot to save in: the game's own, or CLASSROOM-NAME-ROLE before its first save."""
        return self.slot or slot_base(self.settings, self.player, session.role)

    def part(self, predictions: tuple[Prediction, ...] | list[Prediction] | None = None):
        """The classroom's part of the save, with `predictions` (default: the game's own)."""
        made = self.predictions if predictions is None else predictions
        return classroom_part(self.settings, self.player, made)

    def write_report(self, root: Path, report: Report, session: Session) -> Path:
        """Write the report to SAVES/reports/SLOT.json; returns the file."""
        return write_report(root, self.slot_for(session), report.to_json())

    def debrief_command(self, save: Path | str) -> str:
        """The command that makes this game's printable debrief from its save, on the pack and
        with the classroom file it was played with."""
        from game.invocation import kt

        args = ["report", str(save)]
        if self.settings.source:
            args += ["--classroom", self.settings.source]
        if (
            self.settings.pack_path
            and pack_named(self.settings) != Path(self.settings.pack_path).resolve()
        ):
            args += ["--pack", self.settings.pack_path]
        return kt(*args, "--format", "html", "--output", "debrief.html")
