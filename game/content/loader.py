"""Read a pack folder: files → TOML → validated models, with every problem located.

Each top-level item (an event, a role, a rule …) is validated on its own, so one broken event does
not hide the problems of the others, and the semantic checks still run over everything that did
validate.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError

from game import userfile
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
    try:
        return tomli.loads(source.text)
    except tomli.TOMLDecodeError as e:
        msg = getattr(e, "msg", str(e))
        out.add(problem(source.name, e.lineno or 1, e.colno or 1, "P004", msg))
    except RecursionError:
        out.add(problem(source.name, 1, 1, "P005", "arrays or tables are nested too deeply"))
    return None


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
            out.add(_unknown_key(source.name, line, col, key, "the file"))


def _validate(source: SourceFile, base: KeyPath, key: str, raw: Any, out: Loaded) -> Any:
    try:
        return MODELS[key].model_validate(raw)
    except ValidationError as e:
        seen: set[tuple[KeyPath, str | None]] = set()
        for err in finite_first(e.errors()):
            located = _locate_error(raw, err)
            if located is None:
                continue
            rel, field_name = located
            if (rel, field_name) in seen:
                continue
            seen.add((rel, field_name))
            out.add(_pydantic_problem(source, (*base, *rel), field_name, err))
        return None
    except RecursionError:
        line, col = source.at(base)
        out.add(problem(source.name, line, col, "P005", "values are nested too deeply"))
        return None


def _locate_error(raw: Any, err: dict[str, Any]) -> tuple[KeyPath, str | None] | None:
    """The error's path within the data, skipping pydantic's union-branch tags.

    Returns None for errors of a union branch that does not fit the data at all (a table given
    where a string also would do): the other branch's error says what is wrong.
    """
    path: list[str | int] = []
    node = raw
    loc = list(err["loc"])
    for i, part in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        elif (
            isinstance(part, str)
            and i == len(loc) - 1
            and err["type"]
            in (
                "missing",
                "extra_forbidden",
            )
        ):
            return tuple(path), part
        elif _wrong_branch(part, node):
            return None
    if err["type"] == "extra_forbidden" and path and isinstance(path[-1], str):
        return tuple(path[:-1]), path[-1]
    return tuple(path), None


def _wrong_branch(tag: object, node: Any) -> bool:
    """A union branch tag (`str`, `TimedEffect`) whose kind does not match the data."""
    if tag in ("str", "float", "int", "bool"):
        return isinstance(node, (dict, list))
    return isinstance(tag, str) and tag[:1].isupper() and not isinstance(node, dict)


_TYPE_ERRORS = {
    "string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type",
    "model_type", "date_type", "int_parsing", "float_parsing", "bool_parsing",
    "date_from_datetime_parsing", "date_parsing", "int_from_float", "model_attributes_type",
    "union_tag_invalid", "is_instance_of", "string_sub_type",
}  # fmt: skip


def _pydantic_problem(
    source: SourceFile, path: KeyPath, field_name: str | None, err: dict[str, Any]
) -> Problem:
    kind = err["type"]
    line, col = source.at(path if field_name is None or kind == "missing" else (*path, field_name))
    where = _describe(path)
    if kind == "missing":
        return problem(source.name, line, col, "S103", f"{where} needs `{field_name}`")
    if kind == "extra_forbidden":
        return _unknown_key(source.name, line, col, str(field_name), where)
    value = err.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    msg = err["msg"].replace("Value error, ", "")
    code = "S102" if kind in _TYPE_ERRORS else "S104"
    hint = NOT_FINITE_HINT if kind == "finite_number" else None
    return problem(source.name, line, col, code, f"{where}: {msg} (got {shown})", hint)


NOT_FINITE_HINT = "TOML's inf and nan are not numbers the game can use: give a finite number."


def finite_first(errors: list[Any]) -> list[Any]:
    """Pydantic's errors with "not a finite number" first: of the errors a union such as
    `bool | float` gives for `nan`, that one says what is wrong (the others are then skipped as
    more errors at the same place)."""
    return sorted(errors, key=lambda err: err["type"] != "finite_number")


def _unknown_key(name: str, line: int, col: int, key: str, where: str) -> Problem:
    close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.7)
    hint = f"did you mean `{close[0]}`?" if close else None
    return problem(name, line, col, "S101", f"unknown key `{key}` in {where}", hint)


def _describe(path: KeyPath) -> str:
    """('event', 3, 'choice', 1, 'effects') -> 'event[3].choice[1].effects'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`" if text else "the file"
