"""Read a pack folder: files → TOML → validated models, with every problem located.

Each top-level item (an event, a role, a rule …) is validated on its own, so one broken event does
not hide the problems of the others, and the semantic checks still run over everything that did
validate.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import userfile
from game.content import tomlread
from game.content.items import LISTS, MODELS, SINGLETONS, all_models
from game.content.locate import Locator
from game.content.locate import Path as KeyPath
from game.content.problems import Problem, problem
from game.inert import UNSAFE, scrub
from game.paths import pack_folder

# A TOML string holds an unsafe character only if its file does: raw, or as an escape that makes
# one. Files without either (nearly all) are not walked.
_MAY_BE_UNSAFE = re.compile(rf"{UNSAFE.pattern}|\\[bfreuUx]")

MAX_FILES = 500
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024


def _all_keys() -> set[str]:
    keys: set[str] = set(LISTS) | set(SINGLETONS)
    for model in all_models():
        keys.update(f.alias or name for name, f in model.model_fields.items())
    return keys


KNOWN_KEYS = sorted(_all_keys())


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
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""
    unreadable: list[str] = field(default_factory=list)  # files that could not be parsed

    def add(self, p: Problem) -> None:
        self.problems.append(p)


def pack_files(root: Path) -> list[Path]:
    """The pack's TOML files, hidden ones left out. What is not a folder counts, so that a named
    pipe or a link to a device among them is reported (by game.userfile), not skipped."""
    return sorted(
        p
        for p in root.rglob("*.toml")
        if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def read_pack(path: str | Path, cache: Path | None = None) -> Loaded:
    """Read and validate a pack's files. With a `cache` folder (game.content.cache), a pack
    whose files are unchanged since a load without problems is rebuilt from it instead."""
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
    if len(paths) > MAX_FILES:
        out.add(problem(shown, 1, 1, "P002", f"{len(paths)} TOML files; at most {MAX_FILES}"))
        paths = paths[:MAX_FILES]
    total = 0
    digest = hashlib.sha256()
    for p in paths:
        name = str(p)
        source = _read_file(p, name, out)
        if source is None:
            out.unreadable.append(name)
            continue
        total += len(source.text)
        if total > MAX_TOTAL_BYTES:
            out.add(problem(name, 1, 1, "P002", f"the pack is over {MAX_TOTAL_BYTES} bytes"))
            break
        digest.update(_relative(source, root).encode() + b"\0" + source.text.encode() + b"\0")
        out.files.append(source)
    files_digest = digest.hexdigest()
    out.digest = files_digest[:16]

    cache_key = None
    if cache is not None and not out.problems:
        from game.content import cache as packcache

        cache_key = packcache.key(files_digest)
        entries = packcache.read(cache, cache_key, packcache.max_bytes(total))
        if entries is not None and _restore(out, entries):
            return out
    for source in out.files:
        data = _parse(source, out)
        if data is None:
            out.unreadable.append(source.name)
        else:
            _neutralise(source, data, out)
            _validate_file(source, data, out)
    if cache is not None and cache_key is not None and not out.problems:
        packcache.write(cache, cache_key, _entries(out))
    return out


def _relative(source: SourceFile, root: Path) -> str:
    return source.path.relative_to(root).as_posix()


def _entries(out: Loaded) -> list[tuple[str, str, KeyPath, Any]]:
    """The validated items, grouped as the loader keeps them, for the cache."""
    items = [i for key in LISTS for i in out.items[key]]
    items += out.singletons.values()
    return [(_relative(i.file, out.root), str(i.path[0]), i.path, i.model) for i in items]


def _restore(out: Loaded, entries: list[tuple[str, str, KeyPath, Any]]) -> bool:
    """Fill `out` from cached entries; False (and `out` untouched) if they do not fit: each
    item in one of the pack's files at a place a fresh load could have put it."""
    files = {_relative(f, out.root): f for f in out.files}
    places = {(file, path) for file, _, path, _ in entries}
    singles = [k for _, k, _, _ in entries if k in SINGLETONS]
    if len(places) != len(entries) or len(set(singles)) != len(singles):
        return False
    if not all(file in files and _could_be(k, path, file) for file, k, path, _ in entries):
        return False
    for file, k, path, model in entries:
        item = Item(model, files[file], path)
        if k in LISTS:
            out.items[k].append(item)
        else:
            out.singletons[k] = item
    return True


def _could_be(k: str, path: KeyPath, file: str) -> bool:
    """Whether a fresh load puts an item of TOML key `k` at `path` of `file`."""
    if k in LISTS:
        return len(path) == 2 and path[0] == k and type(path[1]) is int and path[1] >= 0
    if k in ("pack", "calendar") and file != "pack.toml":
        return False
    return k in SINGLETONS and path == (k,)


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
    if not _MAY_BE_UNSAFE.search(source.text):
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
    for key, value in data.items():
        if key in LISTS:
            if not isinstance(value, list):
                line, col = source.at((key,))
                out.add(
                    problem(source.name, line, col, "S102", f"`{key}` must be written [[{key}]]")
                )
                continue
            for i, raw in enumerate(value):
                item = _validate(source, (key, i), key, raw, out)
                if item is not None:
                    out.items[key].append(Item(item, source, (key, i)))
                elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    out.broken_ids[key].add(raw["id"])
        elif key in SINGLETONS:
            line, col = source.at((key,))
            if key in ("pack", "calendar") and not is_main:
                out.add(problem(source.name, line, col, "S105", f"[{key}] belongs in pack.toml"))
                continue
            if key in out.singletons:
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


def _validate(source: SourceFile, base: KeyPath, key: str, raw: Any, out: Loaded) -> Any:
    try:
        model, problems = tomlread.validate(MODELS[key], raw, source.name, base, source.at, WORDS)
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


WORDS = tomlread.Words(
    make=problem,
    unknown="S101",
    type="S102",
    missing="S103",
    value="S104",
    place=_describe,
    table=_describe,
    known=lambda path: KNOWN_KEYS,
)
