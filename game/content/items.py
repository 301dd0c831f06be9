"""The items of a pack file: each TOML key and the schema model of its items."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from game.content import schema

# TOML key -> (PackFile attribute, item model) for the lists; singletons by name.
LISTS: dict[str, tuple[str, type[BaseModel]]] = {
    "role": ("roles", schema.Role),
    "variable": ("variables", schema.Variable),
    "flag": ("flags", schema.Flag),
    "assumption": ("assumptions", schema.Assumption),
    "source": ("sources", schema.Source),
    "glossary": ("glossary", schema.GlossaryEntry),
    "actor": ("actors", schema.Actor),
    "event": ("events", schema.Event),
    "rule": ("rules", schema.Rule),
    "situation": ("situations", schema.Situation),
    "ending": ("endings", schema.Ending),
    "chronology": ("chronology", schema.ChronologyEntry),
    "voice": ("voices", schema.Voice),
}
SINGLETONS: dict[str, type[BaseModel]] = {
    "pack": schema.PackMeta,
    "calendar": schema.Calendar,
    "escalation": schema.Escalation,
    "budget": schema.Budget,
    "agenda": schema.Agenda,
    "scoring": schema.Scoring,
    "teaching": schema.Teaching,
}
# Tables that hold what the other tables of their file share (game.content.defaults).
PER_FILE: dict[str, type[BaseModel]] = {"defaults": schema.Defaults}
MODELS: dict[str, type[BaseModel]] = (
    {key: model for key, (_, model) in LISTS.items()} | SINGLETONS | PER_FILE
)


def all_models() -> list[type[BaseModel]]:
    """Every model of the schema: the items' and those nested in their fields."""
    todo: list[type[BaseModel]] = list(MODELS.values())
    seen: list[type[BaseModel]] = []
    while todo:
        model = todo.pop()
        if model not in seen:
            seen.append(model)
            for f in model.model_fields.values():
                todo += _models_in(f.annotation)
    return seen


def _all_keys() -> set[str]:
    keys: set[str] = set(LISTS) | set(SINGLETONS)
    for model in all_models():
        keys.update(f.alias or name for name, f in model.model_fields.items())
    return keys


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)


KNOWN_KEYS = sorted(_all_keys())  # every key of the format, for "did you mean"
