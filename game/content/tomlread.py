"""The one reader of untrusted TOML for the game: text to data, and data to validated pydantic
models, every problem located. The pack loader (game.content.loader) and the classroom file
(game.classroom.load) both read through it; each names its problems in its own codes and
words (`Words`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import tomli

from game.content import tomlerrors
from game.content.locate import Locator
from game.content.locate import Path as KeyPath
from game.content.problems import Problem

if TYPE_CHECKING:  # `parse` needs no pydantic: the title reads pack.toml with it alone
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
MakeProblem = Callable[..., Problem]  # (file, line, col, code, message, hint=None)

NOT_FINITE_HINT = "TOML's inf and nan are not numbers the game can use: give a finite number."

TYPE_ERRORS = {
    "string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type",
    "model_type", "date_type", "int_parsing", "float_parsing", "bool_parsing",
    "date_from_datetime_parsing", "date_parsing", "int_from_float", "model_attributes_type",
    "union_tag_invalid", "is_instance_of", "string_sub_type",
}  # fmt: skip


# What TOML 1.1 adds (game.content.locate notes where) can only be in a file that matches one
# of these: a multi-line inline table or one with a trailing comma, \e or \x, a time without
# seconds (hours and minutes where a value may be: game.content.locate finds them there).
# Searched one by one: a single alternation of them scans a large pack ten times slower.
_MAY_BE_NEWER = (
    ("{", re.compile(r"\{[^}\n]*(\n|,\s*\})")),
    ("\\", re.compile(r"\\[ex]")),
)
_HOURS_MINUTES = re.compile(r"\d\d:\d\d(?!:)")


def _may_be_newer(text: str) -> bool:
    return any(mark in text and pattern.search(text) for mark, pattern in _MAY_BE_NEWER) or (
        ":" in text and any(_may_be_time(text, m.start()) for m in _HOURS_MINUTES.finditer(text))
    )


def _may_be_time(text: str, at: int) -> bool:
    """Whether the hours and minutes at `at` may be a value's: first in it (after `=`, `[`, `,`
    or on a line of its own) or after a date. Not the "22:30" of a briefing's prose, which would
    have the whole file scanned."""
    if at >= 2 and text[at - 1] in "Tt " and text[at - 2].isdigit():
        return True
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "=[,\n"


def parse(
    name: str, text: str, code: str, deep_code: str, make: MakeProblem
) -> tuple[dict[str, Any] | None, Problem | None]:
    """The file's data, or the problem that stops it: a syntax error, explained from its line
    (game.content.tomlerrors); what only TOML 1.1 reads, which editors and the JSON Schema's
    tools do not; or nesting too deep to read (`deep_code`)."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        msg = getattr(e, "msg", str(e))
        why = tomlerrors.explain(text, msg, e.lineno or 1, e.colno or 1)
        return None, make(name, why.line, why.col, code, why.message, why.hint or None)
    except RecursionError:
        return None, make(name, 1, 1, deep_code, "arrays or tables are nested too deeply")
    if not _may_be_newer(text):
        return data, None
    locator = Locator(text)
    for offset, what in locator.newer[:1]:  # one problem stops the file, as a syntax error
        line, col = locator.position(offset)
        message = f"{what} is TOML 1.1, which editors and the JSON Schema's tools do not read"
        return None, make(name, line, col, code, message, tomlerrors.TOML_1_0[what])
    return data, None


@dataclass(frozen=True)
class Words:
    """How one kind of file names its validation problems: a code for each kind, how a place
    in the file is written in a message, and the keys that a misspelt one may have meant."""

    make: MakeProblem
    unknown: str  # a key the model does not have
    type: str  # a value of the wrong type
    missing: str  # a required key left out
    value: str  # a value of the right type, refused (a range, a pattern …)
    place: Callable[[KeyPath], str]  # ("event", 3, "when") -> "`event[3].when`"
    table: Callable[[KeyPath], str]  # the table that holds a key, for missing and unknown keys
    known: Callable[[KeyPath], Iterable[str]]  # keys of the table at that place
    cutoff: float = 0.7  # how close a key must be to another to be offered as "did you mean"
    # The hint of a problem, if the file's kind knows a better one than "did you mean":
    # (its kind — "missing", "unknown", "type" or "value" —, the table's place, the key, the
    # error) -> the hint, or None for the default.
    hint: Callable[[str, KeyPath, str | None, Mapping[str, Any]], str | None] | None = None


def validate(
    model: type[M],
    raw: Any,
    name: str,
    base: KeyPath,
    at: Callable[[KeyPath], tuple[int, int]],
    words: Words,
    skip: Callable[[KeyPath, str | None], bool] | None = None,
) -> tuple[M | None, list[Problem]]:
    """The model `raw` validates to, or None and its problems, one per place, each located with
    `at` under `base`. Of several errors at one place the first is reported; the wrong types of
    a union's other branches join its message ("a valid boolean, or a valid number"). A key
    that is missing while an unknown key of its table misspells it is said once, by the unknown
    key ("did you mean `label`?"). `skip`: places (in `raw`) whose errors are another's."""
    from pydantic import ValidationError

    try:
        return model.model_validate(raw), []
    except ValidationError as e:
        errors = finite_first(e.errors())
        places = _by_place(raw, errors, skip_branches=True)
        # When no union branch fits the data at all (a list where `bool | float` is wanted),
        # every error is a wrong branch's: then they are reported all the same.
        places = places or _by_place(raw, errors, skip_branches=False)
        if skip is not None:
            places = {place: found for place, found in places.items() if not skip(*place)}
        meant = _misspelt(places)
        return None, [
            _problem(name, (*base, *rel), key, found, at, words, meant.get((rel, key)))
            for (rel, key), found in places.items()
            if (rel, key) not in meant.values()
        ]


def _misspelt(
    places: Mapping[tuple[KeyPath, str | None], list[Any]],
) -> dict[tuple[KeyPath, str | None], tuple[KeyPath, str | None]]:
    """Unknown key -> the missing key of its table it misspells."""
    kinds = {place: found[0]["type"] for place, found in places.items()}
    missing = sorted((rel, str(key)) for (rel, key), kind in kinds.items() if kind == "missing")
    out: dict[tuple[KeyPath, str | None], tuple[KeyPath, str | None]] = {}
    for (rel, key), kind in kinds.items():
        if kind != "extra_forbidden":
            continue
        field = next((f for r, f in missing if r == rel and misspells(str(key), f)), None)
        if field is not None and (rel, field) not in out.values():
            out[(rel, key)] = (rel, field)
    return out


def misspells(key: str, field_name: str) -> bool:
    """Whether `key` is a misspelling of `field_name`: close in spelling, the same letters in
    another order, or the name with a word before or after it (`event_id`, `id_`)."""
    k, f = key.lower().strip("_"), field_name.lower()
    return (
        k == f
        or sorted(k) == sorted(f)
        or k.startswith(f + "_")
        or k.endswith("_" + f)
        or bool(difflib.get_close_matches(k, [f], cutoff=0.6))
    )


def _by_place(
    raw: Any, errors: Sequence[Any], skip_branches: bool
) -> dict[tuple[KeyPath, str | None], list[Any]]:
    places: dict[tuple[KeyPath, str | None], list[Any]] = {}
    for err in errors:
        located = locate_error(raw, err, skip_branches)
        if located is not None:
            places.setdefault(located, []).append(err)
    return places


def finite_first(errors: Sequence[Any]) -> list[Any]:
    """Pydantic's errors with "not a finite number" first: of the errors a union such as
    `bool | float` gives for `nan`, that one says what is wrong (the others are then skipped as
    more errors at the same place)."""
    return sorted(errors, key=lambda err: err["type"] != "finite_number")


def locate_error(
    raw: Any, err: Mapping[str, Any], skip_branches: bool = True
) -> tuple[KeyPath, str | None] | None:
    """The error's path within the data, and the key it is about (a missing or unknown one),
    skipping pydantic's union-branch tags.

    Returns None for errors of a union branch that does not fit the data at all (a table given
    where a string also would do), unless `skip_branches` is false: the other branch's error
    says what is wrong.
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
            and err["type"] in ("missing", "extra_forbidden")
        ):
            return tuple(path), part
        elif skip_branches and _wrong_branch(part, node):
            return None
    if err["type"] == "extra_forbidden" and path and isinstance(path[-1], str):
        return tuple(path[:-1]), path[-1]
    return tuple(path), None


def _wrong_branch(tag: object, node: Any) -> bool:
    """A union branch tag (`str`, `TimedEffect`) whose kind does not match the data."""
    if tag in ("str", "float", "int", "bool"):
        return isinstance(node, dict | list)
    return isinstance(tag, str) and tag[:1].isupper() and not isinstance(node, dict)


def unknown_key(
    name: str,
    line: int,
    col: int,
    key: str,
    where: str,
    known: Iterable[str],
    words: Words,
    path: KeyPath = (),
) -> Problem:
    hint = words.hint("unknown", path, key, {}) if words.hint else None
    if hint is None:
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=words.cutoff)
        hint = f"did you mean `{close[0]}`?" if close else None
    return words.make(name, line, col, words.unknown, f"unknown key `{key}` in {where}", hint)


def _problem(
    name: str,
    path: KeyPath,
    key: str | None,
    found: Sequence[Mapping[str, Any]],
    at: Callable[[KeyPath], tuple[int, int]],
    words: Words,
    meant: tuple[KeyPath, str | None] | None = None,
) -> Problem:
    err = found[0]
    kind = err["type"]
    line, col = at(path if key is None or kind == "missing" else (*path, key))
    hint = _hint(words, kind, path, key, err)
    if kind == "missing":
        message = f"{words.table(path)} needs `{key}`"
        return words.make(name, line, col, words.missing, message, hint)
    if meant is not None:  # the key of its table it misspells, which is missing
        hint = f"did you mean `{meant[1]}`? " + (_hint(words, "missing", path, meant[1], err) or "")
        message = f"unknown key `{key}` in {words.table(path)}"
        return words.make(name, line, col, words.unknown, message, hint.strip())
    if kind == "extra_forbidden":
        known = words.known(path)
        return unknown_key(name, line, col, str(key), words.table(path), known, words, path)
    value = err.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    msg = err["msg"].replace("Value error, ", "")
    code = words.type if kind in TYPE_ERRORS else words.value
    if code == words.type:
        wanted = [_wanted(e["msg"]) for e in found if e["type"] in TYPE_ERRORS]
        msg = "Input should be " + ", or ".join(dict.fromkeys(wanted)) if len(wanted) > 1 else msg
    if kind == "finite_number":
        hint = NOT_FINITE_HINT
    return words.make(name, line, col, code, f"{words.place(path)}: {msg} (got {shown})", hint)


def _hint(
    words: Words, kind: str, path: KeyPath, key: str | None, err: Mapping[str, Any]
) -> str | None:
    if words.hint is None:
        return None
    category = {"missing": "missing", "extra_forbidden": "unknown"}.get(kind)
    if category is None:
        category = "type" if kind in TYPE_ERRORS else "value"
    return words.hint(category, path, key, err)


def _wanted(msg: str) -> str:
    """ "Input should be a valid number, unable to parse …" -> "a valid number"."""
    return msg.removeprefix("Input should be ").split(", unable to")[0]
