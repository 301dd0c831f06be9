"""`[defaults]`: what the events and choices of one file share, said once.

    [defaults.event]
    kind = "historical"
    roles = ["us", "rok"]

    [defaults.choice]
    roles = ["us"]

Each event of the file (each choice of its events) takes a default for a key it does not
have; a key it has wins. The defaults are validated as keys of those tables
(`schema.EventDefaults`, `schema.ChoiceDefaults`), and a bad default is reported once, at its
own line, not at every item that takes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.content import schema

KeyPath = tuple[str | int, ...]


@dataclass
class FileDefaults:
    event: dict[str, Any] = field(default_factory=dict)
    choice: dict[str, Any] = field(default_factory=dict)

    def apply(self, raw: Any) -> tuple[Any, dict[KeyPath, KeyPath]]:
        """The event `raw` with the defaults it takes, and where each taken key came from:
        (path in the event) -> (path in the file)."""
        if not isinstance(raw, dict) or not (self.event or self.choice):
            return raw, {}
        merged = dict(raw)
        origins: dict[KeyPath, KeyPath] = {}
        for key, value in self.event.items():
            if key not in merged:
                merged[key] = value
                origins[(key,)] = ("defaults", "event", key)
        choices = merged.get("choice")
        if self.choice and isinstance(choices, list):
            merged["choice"] = []
            for n, c in enumerate(choices):
                if isinstance(c, dict):
                    c = dict(c)
                    for key, value in self.choice.items():
                        if key not in c:
                            c[key] = value
                            origins[("choice", n, key)] = ("defaults", "choice", key)
                merged["choice"].append(c)
        return merged, origins


def read(raw: Any) -> tuple[FileDefaults, schema.Defaults | None]:
    """The defaults of a file's `[defaults]` table, and the table validated (None if it does
    not validate: the caller reports why). Invalid, its keys are still taken, so that the
    items do not report them missing too."""
    if not isinstance(raw, dict):
        return FileDefaults(), None
    try:
        model = schema.Defaults.model_validate(raw)
    except ValueError:
        model = None
    tables = {k: v for k, v in raw.items() if isinstance(v, dict)}
    return FileDefaults(dict(tables.get("event", {})), dict(tables.get("choice", {}))), model
