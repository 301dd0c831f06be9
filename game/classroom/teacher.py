"""What the teacher's tools (`report`, `whatif`, `class`) trust: the pack and the classroom file
the teacher has, never what the file being read names.

A save records the pack folder it was played from and the classroom settings, and a student can
edit both. So a save is replayed and scored on the teacher's pack: the folder given with
`--pack`, else the one the teacher's classroom file names, else the shipped pack of the save's
id. And what a report costs (how many what-if games) is the teacher's to set: the command line,
else the teacher's classroom file, else DEFAULT_WHATIF_RUNS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.classroom.load import load_classroom
from game.classroom.settings import ClassroomSettings
from game.engine.pack import Pack

DEFAULT_WHATIF_RUNS = 100


class GameLoadError(Exception):
    """A save that cannot be turned back into a game; `str(e)` says which file and why."""


@dataclass(frozen=True)
class Teacher:
    """The teacher's side of a report: their pack folder (None: the shipped packs) and their
    classroom settings (None: none given)."""

    pack_folder: Path | None = None
    classroom: ClassroomSettings | None = None

    @classmethod
    def load(cls, pack: str | Path | None = None, classroom: str | Path | None = None) -> Teacher:
        """From `--pack DIR` and `--classroom FILE`; raises GameLoadError when either is broken.
        A classroom file is checked against `--pack`, else against the pack it names."""
        folder = Path(pack) if pack else None
        if classroom is None:
            return cls(folder)
        base = _pack_at(folder) if folder is not None else None
        settings, problems = load_classroom(classroom, base)
        if settings is None:
            lines = "\n".join(p.format() for p in problems)
            raise GameLoadError(f"the classroom file has problems:\n{lines}")
        return cls(folder or Path(settings.pack_path), settings)

    @property
    def whatif_runs(self) -> int:
        """Games per alternative in a report's counterfactuals, unless the command line says."""
        return self.classroom.classroom.whatif_runs if self.classroom else DEFAULT_WHATIF_RUNS

    def pack_for(self, pack_id: str) -> Pack:
        """The teacher's pack of that id."""
        from game.content.packs import shipped_with_id

        if self.pack_folder is not None:
            pack = _pack_at(self.pack_folder)
            if pack.meta.id != pack_id:
                raise GameLoadError(
                    f"the pack at {self.pack_folder} is {pack.meta.id!r}, but the save was played "
                    f"on {pack_id!r}"
                )
            return pack
        shipped = shipped_with_id(pack_id)
        if shipped is not None:
            return shipped
        raise GameLoadError(
            f"no shipped pack has the id {pack_id!r}; give its folder with --pack (a save is "
            "never replayed on a folder it names itself)"
        )


def _pack_at(folder: Path) -> Pack:
    from game.content.packs import for_play_once

    result = for_play_once(folder.resolve())  # a class summary of thirty saves loads it once
    if result.pack is None:
        first = result.errors[0].format() if result.errors else "it does not load"
        raise GameLoadError(f"the pack at {folder} has problems: {first}")
    return result.pack
