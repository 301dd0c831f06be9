"""Read a pack folder: files → TOML → validated models, with every problem located.

Each top-level item (an event, a role, a rule …) is validated on its own, so one broken event does
not hide the problems of the others, and the semantic checks still run over everything that did
validate.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import userfile
from game.content import defaults as file_defaults
from game.content import fixes, tomlread
from game.content.causes import Roots
from game.content.items import KNOWN_KEYS, LISTS, MODELS, SINGLETONS
from game.content.locate import Locator
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.inert import has_unsafe, scrub
from game.paths import pack_folder

# A TOML string holds an unsafe character only if its file does: raw, or as an escape that makes
# one. Files without either (nearly all) are not walked. (Two searches: one alternation of both
# scans a large pack several times slower.)
_UNSAFE_ESCAPE = re.compile(r"\\[bfreuUx]")


def _may_be_unsafe(text: str) -> bool:
    return has_unsafe(text) or ("\\" in text and _UNSAFE_ESCAPE.search(text) is not None)


MAX_FILES = 500
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024


@dataclass
class SourceFile:
    path: Path
    name: str  # as shown in problems
    text: str
    _locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator

    def at(self, path: KeyPath) -> tuple[int, int]:
        return self.locator.find(path)


@dataclass
class Item:
    model: Any
    file: SourceFile
    path: KeyPath  # e.g. ("event", 3)


@dataclass
class Loaded:
    root: Path
    files: list[SourceFile] = field(default_factory=list)
    items: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in LISTS})
    singletons: dict[str, Item] = field(default_factory=dict)
    broken_ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in LISTS})
    broken_numbers: set[str] = field(default_factory=set)  # broken assumptions of a number
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""
    unreadable: list[str] = field(default_factory=list)  # files that could not be parsed
    roots: Roots = field(default_factory=Roots)  # broken declarations (game.content.causes)

    def add(self, p: Problem) -> Problem:
        self.problems.append(p)
        return p

    def unread(self, name: str) -> None:
        """File `name` could not be read or parsed: what it declares is unknown."""
        self.unreadable.append(name)
        self.roots.unreadable += [p for p in self.problems if p.file == name][-1:]


def pack_files(root: Path) -> list[Path]:
    """The pack's TOML files, hidden ones left out. What is not a folder counts, so that a named
    pipe or a link to a device among them is reported (by game.userfile), not skipped."""
    return sorted(
        p
        for p in root.rglob("*.toml")
        if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def read_pack(path: str | Path, overlay: Mapping[Path, str] | None = None) -> Loaded:
    """Read and validate a pack's files. `overlay`: texts (by absolute path) that stand for
    those files, as an editor holds them before they are saved; a path of the pack not on disk
    yet is read too."""
    given = Path(path)
    root = pack_folder(given)
    out = Loaded(root)
    shown = str(given)
    if not root.exists():
        out.add(problem(shown, 1, 1, "P001", f"no such folder: {shown}"))
        return out
    if not root.is_dir():
        kind = userfile.describe(root) or "a file"
        out.add(problem(shown, 1, 1, "P001", f"{shown} is {kind}, not a pack folder"))
        return out
    if not (root / "pack.toml").is_file():
        out.add(problem(str(root / "pack.toml"), 1, 1, "P001", "the folder has no pack.toml"))
    try:
        paths = pack_files(root)
    except OSError as e:
        out.add(problem(shown, 1, 1, "P001", f"cannot list the folder: {e.strerror}"))
        return out
    overlay = {p.resolve(): text for p, text in (overlay or {}).items()}
    if overlay:
        here = {p.resolve() for p in paths}
        paths = sorted(paths + [p for p in overlay if p not in here and _within(p, root.resolve())])
    if len(paths) > MAX_FILES:
        out.add(problem(shown, 1, 1, "P002", f"{len(paths)} TOML files; at most {MAX_FILES}"))
        paths = paths[:MAX_FILES]
    total = 0
    digest = hashlib.sha256()
    for p in paths:
        name = str(p)
        written = overlay.get(p.resolve()) if overlay else None
        source = SourceFile(p, name, written) if written is not None else _read_file(p, name, out)
        if source is None:
            out.unread(name)
            continue
        total += len(source.text)
        if total > MAX_TOTAL_BYTES:
            out.add(problem(name, 1, 1, "P002", f"the pack is over {MAX_TOTAL_BYTES} bytes"))
            break
        digest.update(_relative(source, root).encode() + b"\0" + source.text.encode() + b"\0")
        out.files.append(source)
    out.digest = digest.hexdigest()[:16]
    for source in out.files:
        data = _parse(source, out)
        if data is None:
            out.unread(source.name)
        else:
            _neutralise(source, data, out)
            _validate_file(source, data, out)
    return out


def _within(path: Path, root: Path) -> bool:
    rel = path.relative_to(root) if path.is_relative_to(root) else None
    return (
        rel is not None
        and path.suffix == ".toml"
        and not any(part.startswith(".") for part in rel.parts)
    )


def _relative(source: SourceFile, root: Path) -> str:
    return source.path.relative_to(root).as_posix()


def _read_file(p: Path, name: str, out: Loaded) -> SourceFile | None:
    try:
        raw = userfile.read_bytes(p, MAX_FILE_BYTES)
    except userfile.FileRefused as e:
        code = "P002" if e.reason == "too big" else "P001"
        out.add(problem(name, 1, 1, code, e.message))
        return None
    try:
        text = userfile.decode(raw)
    except userfile.FileRefused as e:
        out.add(problem(name, e.line, e.col, "P003", e.message))
        return None
    return SourceFile(p, name, text)


def _parse(source: SourceFile, out: Loaded) -> dict[str, Any] | None:
    data, found = tomlread.parse(source.name, source.text, "P004", "P005", problem)
    if found is not None:
        out.add(found)
    return data


def _neutralise(source: SourceFile, data: dict[str, Any], out: Loaded) -> None:
    """Make the file's text inert before anything reads it, with a warning for each string that
    held a control character: nothing of it reaches a screen, and the author learns where."""
    if not _may_be_unsafe(source.text):
        return
    for path, pos, ch in scrub(data):
        line, col = source.locator.find_in_string(path, pos)
        what = "a bidirectional control" if 0x202A <= ord(ch) <= 0x2069 else "a control character"
        message = (
            f"{_describe(path)} holds {what}, U+{ord(ch):04X}, at character {pos + 1}; "
            f"the game shows it as \\u{ord(ch):04x}"
        )
        out.add(problem(source.name, line, col, "P006", message, severity="warning"))


def _validate_file(source: SourceFile, data: dict[str, Any], out: Loaded) -> None:
    is_main = source.path.name == "pack.toml" and source.path.parent == out.root
    shared, table = file_defaults.read(data.get("defaults"))
    if "defaults" in data and table is None:
        _validate(source, ("defaults",), "defaults", data["defaults"], out)  # says why
    for key, value in data.items():
        if key == "defaults":
            continue
        if key in LISTS:
            if not isinstance(value, list):
                line, col = source.at((key,))
                out.add(
                    problem(source.name, line, col, "S102", f"`{key}` must be written [[{key}]]")
                )
                continue
            for i, raw in enumerate(value):
                before = len(out.problems)
                taken: dict[KeyPath, KeyPath] = {}
                if key == "event":
                    raw, taken = shared.apply(raw)
                item = _validate(source, (key, i), key, raw, out, taken)
                if item is not None:
                    out.items[key].append(Item(item, source, (key, i)))
                    continue
                name = _declared_id(raw)
                if name is not None:
                    out.broken_ids[key].add(name)
                    if key == "assumption" and type(raw.get("default")) in (int, float):
                        out.broken_numbers.add(name)
                elif len(out.problems) > before:
                    out.roots.anonymous.setdefault(key, []).append(out.problems[before])
        elif key in SINGLETONS:
            # located only for a problem: locating reads the file's text once more
            if key in ("pack", "calendar") and not is_main:
                line, col = source.at((key,))
                out.add(problem(source.name, line, col, "S105", f"[{key}] belongs in pack.toml"))
                continue
            if key in out.singletons:
                line, col = source.at((key,))
                first = out.singletons[key]
                where = f"{first.file.name}:{first.file.at(first.path)[0]}"
                out.add(
                    problem(source.name, line, col, "S105", f"[{key}] again (first at {where})")
                )
                continue
            model = _validate(source, (key,), key, value, out)
            if model is not None:
                out.singletons[key] = Item(model, source, (key,))
        else:
            line, col = source.at((key,))
            found = tomlread.unknown_key(source.name, line, col, key, "the file", KNOWN_KEYS, WORDS)
            out.add(found)


def _taken(taken: dict[KeyPath, KeyPath] | None, rel: KeyPath, name: Any) -> bool:
    if not taken:
        return False
    where = (*rel, name) if name is not None else rel
    return any(where[: len(k)] == k for k in taken)


def _declared_id(raw: Any) -> str | None:
    """The id a broken item declares: its `id`, or the text of a key misspelt for it (`idd`,
    `Id`), so that its uses are not reported as unknown as well."""
    if not isinstance(raw, dict):
        return None
    if "id" in raw:
        return raw["id"] if isinstance(raw["id"], str) else None
    for key, value in raw.items():
        if isinstance(value, str) and tomlread.misspells(key, "id"):
            return value
    return None


def _validate(
    source: SourceFile,
    base: KeyPath,
    key: str,
    raw: Any,
    out: Loaded,
    taken: dict[KeyPath, KeyPath] | None = None,
) -> Any:
    """The model of `raw`, or None after reporting why not. `taken`: keys that came from the
    file's [defaults] (valid there, so their errors are not the item's)."""
    try:
        skip = (lambda rel, name: _taken(taken, rel, name)) if taken else None
        model, problems = tomlread.validate(
            MODELS[key], raw, source.name, base, source.at, WORDS, skip
        )
    except RecursionError:
        line, col = source.at(base)
        out.add(problem(source.name, line, col, "P005", "values are nested too deeply"))
        return None
    for p in problems:
        out.add(p)
    return model


def _describe(path: KeyPath) -> str:
    """('event', 3, 'choice', 1, 'effects') -> 'event[3].choice[1].effects'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`" if text else "the file"


def _hint(kind: str, path: KeyPath, key: str | None, err: Mapping[str, Any]) -> str | None:
    """The fix, in the words of the format (game.content.fixes)."""
    if kind == "missing":
        return fixes.missing(path, str(key))
    if kind == "unknown":
        return fixes.unknown_key(path, str(key))
    at = path if key is None else (*path, key)
    if kind == "type":
        return fixes.wrong_type(at, err["type"], err.get("input"))
    return fixes.invalid_value(at, err["type"], err.get("input"), err.get("ctx"))


WORDS = tomlread.Words(
    make=problem,
    unknown="S101",
    type="S102",
    missing="S103",
    value="S104",
    place=_describe,
    table=_describe,
    known=lambda path: KNOWN_KEYS,
    hint=_hint,
)
