"""A cache of validated packs: playing a pack whose files have not changed since it last loaded
without problems skips the TOML parser and pydantic's validation (their validators alone hold
about 5 MiB, a sixth of a bare Textual app).

The cache holds only data, as JSON: each item's validated fields, rebuilt with
`model_construct` along the schema's own annotations. Its key is a hash of every pack file's
name and text and of the schema's source, so an edited pack or a new game version never reads
a stale entry. An entry is written only after a load with no problems at all; one that cannot be
read or rebuilt is ignored (the pack is then loaded in full), so the cache can never change
what a pack does — only how fast it opens. `korean-theater check` never uses it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game import userfile
from game.content import schema

VERSION = 1
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # an entry of the largest pack the loader reads, with room
_SCHEMA_SOURCE: bytes | None = None


def key(files_digest: str) -> str:
    """The cache key of a pack: the digest of its files' names and texts (as the loader
    computes it for every pack) and the schema's source."""
    global _SCHEMA_SOURCE
    if _SCHEMA_SOURCE is None:
        _SCHEMA_SOURCE = Path(schema.__file__).read_bytes()
    h = hashlib.sha256(f"korean-theater-pack-cache {VERSION}\0{files_digest}\0".encode())
    h.update(hashlib.sha256(_SCHEMA_SOURCE).digest())
    return h.hexdigest()[:32]


# -- writing


def dump(entries: list[tuple[str, str, tuple, BaseModel]]) -> str:
    """An entry for (file, key, path, model) items, in load order: a line with the SHA-256 of
    the rest (a damaged file is then never used), then the items as JSON."""
    body = json.dumps(
        {
            "version": VERSION,
            "items": [
                [file, k, list(path), model.model_dump(mode="json", exclude_defaults=True)]
                for file, k, path, model in entries
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"{_checksum(body)}\n{body}"


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def write(folder: Path, cache_key: str, text: str) -> None:
    """Store an entry; a cache that cannot be written is no cache (never an error)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{cache_key}.json"
        tmp = folder / f".{cache_key}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass


# -- reading


def read(folder: Path, cache_key: str) -> list[tuple[str, str, tuple, BaseModel]] | None:
    """The entries stored under the key, or None (missing, damaged, or not as expected)."""
    try:
        text = userfile.read_text(folder / f"{cache_key}.json", MAX_ENTRY_BYTES)
        checksum, _, body = text.partition("\n")
        if checksum != _checksum(body):
            return None
        data = json.loads(body)
        if data.get("version") != VERSION:
            return None
        from game.content.loader import MODELS

        return [
            (file, k, tuple(path), build(MODELS[k], fields))
            for file, k, path, fields in data["items"]
        ]
    except (userfile.FileRefused, OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def build(model: type[BaseModel], fields: dict) -> BaseModel:
    """A model from its validated fields (as `model_dump(mode="json")` gave them)."""
    if not isinstance(fields, dict):
        raise TypeError(f"{model.__name__}: not a table")
    values = {}
    for name, info in model.model_fields.items():
        if name in fields:
            values[name] = _value(info.annotation, fields[name])
    return model.model_construct(**values)


def _value(annotation: Any, value: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _value(typing.get_args(annotation)[0], value)
    if isinstance(value, list):
        if origin is list:
            (item,) = typing.get_args(annotation)
            return [_value(item, v) for v in value]
        return _value(_the_one(annotation, lambda a: typing.get_origin(a) is list), value)
    if isinstance(value, dict):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return build(annotation, value)
        if origin is dict:
            _, item = typing.get_args(annotation)
            return {k: _value(item, v) for k, v in value.items()}
        return _value(_the_one(annotation, _is_table), value)
    if isinstance(value, str) and _admits(annotation, dt.date) and not _admits(annotation, str):
        return dt.date.fromisoformat(value)
    if type(value) is int and _admits(annotation, float) and not _admits(annotation, int):
        return float(value)  # as validation makes it: a float field never holds an int
    return value


def _is_table(a: Any) -> bool:
    return (isinstance(a, type) and issubclass(a, BaseModel)) or typing.get_origin(a) is dict


def _the_one(annotation: Any, wanted) -> Any:
    """The one member of a union that fits (a union of two tables is not guessed)."""
    members = [a for a in typing.get_args(annotation) if wanted(a)]
    if len(members) != 1:
        raise TypeError(f"cannot rebuild a value of type {annotation}")
    return members[0]


def _admits(annotation: Any, kind: type) -> bool:
    if annotation is kind:
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _admits(typing.get_args(annotation)[0], kind)
    return any(_admits(a, kind) for a in typing.get_args(annotation))
