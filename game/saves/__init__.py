"""Saved games: the file format, crash-safe writes and the folder of slots.

See docs/saves.md. The TUI and the `saves` command use `SaveStore`; reports use `read_save`.
"""

from game.saves.format import FORMAT_VERSION, ClassroomPart, SaveData, SaveError, read_save
from game.saves.store import AUTOSAVE, LoadedSave, SaveInfo, SaveStore, SlotNameError, slot_problem

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
