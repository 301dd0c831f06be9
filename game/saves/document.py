"""A save file as a JSON document, before its fields are validated: its size, text, JSON, format
marker, strict numbers, version, checksum and migrations (docs/saves.md, "Reading").

Nothing here needs pydantic or the engine, so the title screen reads the newest save's header
(game.saves.header) without them; game.saves.format validates the fields of the same document.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from game.inert import inert_line

FORMAT: Final = "korean-theater-save"
FORMAT_VERSION: Final = 3
MAX_BYTES = 4 * 1024 * 1024  # a long game with long rationales is well under 1 MB


class SaveError(Exception):
    """A save that cannot be read or used. `str(e)` names the file and says what is wrong."""

    def __init__(self, message: str, path: Path | str, backup: Path | None = None) -> None:
        message = inert_line(message)  # it names the file, whatever its name holds
        super().__init__(message)
        self.message = message
        self.path = Path(path)
        self.backup = backup

    def __str__(self) -> str:
        return self.message


# -- migrations ------------------------------------------------------------------------------
# MIGRATIONS[n] turns a version-n document (a dict, checksum already checked and removed) into a
# version n+1 one. Add one per format change, with a test that reads a file of the old version.


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1, the first layout, kept choices and rationales as two lists, no assumptions,
    no per-decision digests and no state values. Events of past decisions are unknown (None);
    the replay then checks only the final digest."""
    doc = dict(doc)
    choices = doc.pop("choices", [])
    rationales = doc.pop("rationales", [])
    if not isinstance(choices, list) or not isinstance(rationales, list):
        raise ValueError("'choices' and 'rationales' must be lists")
    doc["decisions"] = [
        {
            "turn": i + 1,
            "event": None,
            "choice": choice,
            "rationale": rationales[i] if i < len(rationales) else "",
        }
        for i, choice in enumerate(choices)
    ]
    doc.setdefault("assumptions", {})
    doc.setdefault("started_at", doc.get("saved_at"))
    state = doc.get("state")
    if isinstance(state, dict):
        doc["state"] = {**state, "values": state.get("values", {})}
    doc["version"] = 2
    return doc


def _v2_to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had no room for a classroom game's part (it lived in a `.classroom` file
    beside the save); such a save reads as one without it."""
    return {**doc, "classroom": None, "version": 3}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}
CHECKSUMMED_FROM = 2  # versions before this had no checksum


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    version = doc["version"]
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    return doc


def checksum(doc: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of the document without its checksum."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canon.encode("ascii")).hexdigest()


def nonfinite(doc: Any) -> str | None:
    """Where the first NaN or infinity in a JSON document is (`decisions.3.x is nan`), or
    None: strict JSON has no such numbers, so a save holds none."""
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return f"{where or '(top level)'} is {value!r}"
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            continue
        stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in reversed(items))
    return None


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n} bytes"


def _too_large(n: int) -> str:
    return f"too large to be a save ({n:,} bytes; the limit is {_size(MAX_BYTES)})"


def parse(raw: bytes, path: Path | str) -> dict[str, Any]:
    """The document of a save's bytes, checked up to its fields (which game.saves.format
    validates) and migrated to the current version; raises SaveError naming `path`."""
    name = str(path)

    def bad(what: str) -> SaveError:
        return SaveError(f"{name}: {what}", path)

    if len(raw) > MAX_BYTES:
        raise bad(_too_large(len(raw)))
    if not raw.strip():
        what = "empty" if not raw else "blank"
        raise bad(f"the file is {what}; the game was probably interrupted while saving")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise bad(f"not a save file: byte {e.start} is not UTF-8 text") from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise bad("not a save file: JSON nested too deeply") from None
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string"):
            raise bad(
                f"the file is cut short after {_size(len(raw))} (the JSON stops in the middle); "
                "it was probably interrupted while saving"
            ) from None
        raise bad(
            f"not a save file: invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}"
        ) from None
    if not isinstance(doc, dict):
        kinds: dict[type, str] = {list: "a list", str: "a string"}
        kind = kinds.get(type(doc), "a bare value")
        raise bad(f"not a Korean Theater save: the JSON is {kind}, not an object")
    if doc.get("format") != FORMAT:
        raise bad(f'not a Korean Theater save: JSON without the marker "format": "{FORMAT}"')
    where = nonfinite(doc)
    if where:
        raise bad(
            f"not strict JSON: {where}, not a finite number (the file was damaged or edited, "
            "or written by a faulty game); a save holds only finite numbers"
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad(
            f"unknown save format version {version!r} (this game reads 1 to {FORMAT_VERSION})"
        )
    if version > FORMAT_VERSION:
        raise bad(
            f"save format version {version} is newer than this game reads "
            f"(1 to {FORMAT_VERSION}); update the game to load it"
        )
    if version >= CHECKSUMMED_FROM:
        stored = doc.pop("checksum", None)
        if stored is None:
            raise bad("the checksum is missing; the file was damaged or edited by hand")
        if stored != checksum(doc):
            raise bad(
                "the checksum does not match the contents; the file was damaged or edited "
                "after it was saved"
            )
    try:
        doc = migrate(doc)
    except (ValueError, TypeError, KeyError) as e:
        raise bad(f"cannot upgrade this version-{version} save: {e}") from None
    return doc


def read_raw(path: Path | str) -> bytes:
    """The bytes of the save file at `path` (a regular file, at most MAX_BYTES); raises
    SaveError."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SaveError(f"{path}: is a folder, not a save file", path)
        if path.exists() and not path.is_file():
            raise SaveError(f"{path}: is not a regular file (a device or a pipe?)", path)
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                f.seek(0, 2)
                size = f.tell()
                raise SaveError(f"{path}: {_too_large(size)}", path)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file", path) from None
    except OSError as e:
        raise SaveError(f"{path}: cannot be read: {e.strerror or e}", path) from None
    return raw
