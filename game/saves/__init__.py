"""Saved games: the file format, crash-safe writes and the folder of slots.

See docs/saves.md. The TUI and the `saves` command use `SaveStore`; reports use `read_save`.
The names below are imported on first use: the title screen reads a save's header
(game.saves.header) without pydantic or the engine, which the format and the store need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.saves.format import FORMAT_VERSION, ClassroomPart, SaveData, SaveError, read_save
    from game.saves.store import (
        AUTOSAVE,
        LoadedSave,
        SaveInfo,
        SaveStore,
        SlotNameError,
        slot_problem,
    )

_HOMES = {
    "FORMAT_VERSION": "game.saves.format",
    "ClassroomPart": "game.saves.format",
    "SaveData": "game.saves.format",
    "SaveError": "game.saves.format",
    "read_save": "game.saves.format",
    "AUTOSAVE": "game.saves.store",
    "LoadedSave": "game.saves.store",
    "SaveInfo": "game.saves.store",
    "SaveStore": "game.saves.store",
    "SlotNameError": "game.saves.store",
    "slot_problem": "game.saves.store",
}
__all__ = [
    "AUTOSAVE",
    "ClassroomPart",
    "FORMAT_VERSION",
    "LoadedSave",
    "SaveData",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "SlotNameError",
    "read_save",
    "slot_problem",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'game.saves' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
