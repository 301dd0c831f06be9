"""Classroom mode in the full-screen game: the pack as the class plays it.

The classroom game itself (the student, their predictions, the save slot, the report) is
game.classroom.game.ClassroomGame, shared with plain mode; the app imports this module only in
classroom mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.classroom.settings import ClassroomSettings, apply_to_pack

if TYPE_CHECKING:
    from game.content.compiler import LoadResult


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
