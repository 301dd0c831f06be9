"""Which pack a player, a teacher or a classroom file means, and that pack compiled for play: the
one resolver of pack folders and the one loader the commands and front ends go through.

Authors' tools (`check`, `new`) call game.content.compiler.load_pack itself, for the analysis's
warnings; everything that plays, replays or simulates a pack loads it here, without them.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game import paths
from game.inert import inert

if TYPE_CHECKING:
    from game.content.compiler import LoadResult
    from game.engine.pack import Pack


def folder_of(given: str | Path | None) -> Path:
    """The folder a `--pack` argument names (the folder, or the folder of its pack.toml); the
    shipped default pack when none is given."""
    return paths.pack_folder(given) if given else paths.default_pack()


def named_by_file(wanted: str, beside: Path) -> Path | None:
    """The pack a file names (a classroom file's `pack`): a folder with a pack.toml, relative to
    the file's folder, else the shipped pack of that folder name; None when neither exists."""
    folder = (beside / wanted).resolve()
    if (folder / "pack.toml").is_file():
        return folder
    return next((p for p in paths.shipped_packs() if p.name == wanted), None)


def for_play(folder: str | Path) -> LoadResult:
    """The pack compiled for play, without the reachability warnings (only authors need them)."""
    from game.content import collector  # here: the title screen imports this module, not it

    with collector.paused():  # the first load's imports (pydantic, the schema) make many objects
        from game.content.compiler import load_pack

    return load_pack(folder, analyse_pack=False)


@functools.lru_cache(maxsize=8)
def for_play_once(folder: Path) -> LoadResult:
    """`for_play`, once per folder for the process: for the teacher's tools, which replay many
    saves on a pack that does not change while they run."""
    return for_play(folder)


def shipped_with_id(pack_id: str) -> Pack | None:
    """The shipped pack whose [pack] id is `pack_id` (a save's or a report's), or None."""
    for folder in paths.shipped_packs():
        pack = for_play_once(folder.resolve()).pack
        if pack is not None and pack.meta.id == pack_id:
            return pack
    return None


def load_or_say(given: str | Path | None, err: TextIO) -> Pack | None:
    """The pack a `--pack` argument names, compiled for play; or None, having written its
    problems to `err` (the command line's way)."""
    shown = given or paths.default_pack()
    result = for_play(folder_of(given))
    if result.pack is None:
        print(inert(f"korean-theater: the pack at {shown} has problems:"), file=err)
        for p in result.errors:
            print(p.format(), file=err)
        return None
    return result.pack
