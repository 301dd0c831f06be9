"""The hint of a structure problem (S101–S104): how to write what the author meant.

A structure problem knows the key, the value found and what the schema wants there; the hint
shows the line written right (`once = false`, `roles = ["us"]`, `[[event.choice]]`), names
the table a stray key belongs to, or the allowed value closest to the one given.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import typing
from typing import Any

from pydantic import BaseModel

KeyPath = tuple[str | int, ...]
Table = tuple[str, ...]  # the keys of a TOML table's path, without indices: ("event", "choice")

_TRUE_WORDS = {"true", "yes", "on", "1", "y"}
_FALSE_WORDS = {"false", "no", "off", "0", "n"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _models_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds, and whether as a list of them."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if origin is list and args:
        inner, _ = _models_of(args[0])
        return inner, True
    for arg in args:
        inner, many = _models_of(arg)
        if inner is not None:
            return inner, many
    return None, False


@functools.cache
def tables() -> dict[Table, tuple[type[BaseModel], bool]]:
    """Every table of the format, by path: its model and whether it is a list (`[[…]]`)."""
    from game.content.items import LISTS, PER_FILE, SINGLETONS

    out: dict[Table, tuple[type[BaseModel], bool]] = {}
    todo: list[tuple[Table, type[BaseModel], bool]] = []
    todo += [((key,), model, True) for key, (_, model) in LISTS.items()]
    todo += [((key,), model, False) for key, model in (SINGLETONS | PER_FILE).items()]
    while todo:
        path, model, many = todo.pop()
        if path in out or len(path) > 4:
            continue
        out[path] = (model, many)
        for name, f in model.model_fields.items():
            inner, inner_many = _models_of(f.annotation)
            if inner is not None:
                todo.append(((*path, f.alias or name), inner, inner_many))
    return out


def keys_of(table: Table) -> list[str]:
    found = tables().get(table)
    if found is None:
        return []
    return [f.alias or name for name, f in found[0].model_fields.items()]


def header(table: Table) -> str:
    many = tables().get(table, (None, False))[1]
    dotted = ".".join(table)
    return f"[[{dotted}]]" if many else f"[{dotted}]"


def table_of(path: KeyPath) -> Table:
    return tuple(p for p in path if isinstance(p, str))


def toml(value: Any) -> str:
    """A value as it is written in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --------------------------------------------------------------------------- S101


def unknown_key(path: KeyPath, key: str) -> str | None:
    """The hint for `key`, which the table at `path` does not have."""
    table = table_of(path)
    if not table:
        return _unknown_section(key)
    own = keys_of(table)
    close = [k for k in difflib.get_close_matches(key, own, n=1, cutoff=0.7) if k != key]
    here = header(table)
    parent = table[:-1]
    if parent and key in keys_of(parent):
        where = (
            f"`{key}` is a key of {header(parent)}, not of {here}: move it above the first "
            f"{here} of that {header(parent)}."
        )
        return f"did you mean `{close[0]}`? Else: {where}" if close else where
    if close:
        return f"did you mean `{close[0]}`?"
    children = [t for t in tables() if t[:-1] == table and key in keys_of(t)]
    if children:
        return f"`{key}` is a key of {header(children[0])}: put it under a {header(children[0])}."
    elsewhere = sorted(header(t) for t in tables() if key in keys_of(t))
    if elsewhere:
        return f"`{key}` is a key of {', '.join(elsewhere[:3])}, not of {here}."
    from game.content.items import KNOWN_KEYS

    close = [k for k in difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.7) if k != key]
    if close:
        return f"did you mean `{close[0]}`?"
    return f"{here} has the keys: {', '.join(own)}." if own else None


def _unknown_section(key: str) -> str | None:
    names = [t[0] for t in tables() if len(t) == 1]
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    if close:
        return f"did you mean {header((close[0],))}?"
    return "A file holds the tables " + ", ".join(header((n,)) for n in sorted(names)) + "."


# --------------------------------------------------------------------------- S102, S104


def wrong_type(path: KeyPath, kind: str, value: Any) -> str | None:
    """The hint for a value of the wrong TOML type (pydantic error `kind`)."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "key")
    if kind.startswith("bool"):
        word = str(value).strip().lower()
        guess = "true" if word in _TRUE_WORDS else "false" if word in _FALSE_WORDS else None
        if guess:
            return f"Write {guess}, without quotes: {key} = {guess}."
        return f"Write true or false, without quotes: {key} = true."
    if kind.startswith("int"):
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            return f"Write the number without quotes: {key} = {value.strip()}."
        if isinstance(value, float):
            return f"Write a whole number: {key} = {round(value)}."
        return f"Write a whole number, in digits and without quotes, e.g. {key} = 3."
    if kind.startswith("float"):
        if isinstance(value, str) and _is_number(value):
            return f"Write the number without quotes: {key} = {value.strip()}."
        return f"Write a number, in digits and without quotes, e.g. {key} = 40."
    if kind.startswith("date"):
        if isinstance(value, str) and _DATE.match(value.strip()):
            return f"Write the date without quotes: {key} = {value.strip()}."
        return f"Write a date as YYYY-MM-DD, without quotes, e.g. {key} = 2024-01-31."
    if kind == "list_type":
        table = (*table_of(path[:-1]), key) if path else (key,)
        if isinstance(value, dict) and table in tables():
            return f"Write {header(table)}, with double brackets, above each one: they make a list."
        if isinstance(value, str | int | float | bool):
            return f"Write a list: {key} = [{toml(value)}]."
        return f"Write a list: {key} = [ … ]."
    if kind == "string_type" and isinstance(value, int | float | bool):
        return f'Quote it: {key} = "{toml(value)}".'
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        table = table_of(path)
        if table in tables():
            return f"Write it as a table: {header(table)} on a line of its own, then its keys."
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def invalid_value(path: KeyPath, kind: str, value: Any, ctx: dict[str, Any] | None) -> str | None:
    """The hint for a value of the right type that the format does not allow."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "key")
    if kind == "literal_error" and ctx and isinstance(value, str):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.5)
        if close:
            return f"did you mean '{close[0]}'? {key} is one of: {', '.join(allowed)}."
        return f"{key} is one of: {', '.join(allowed)}."
    if kind == "string_pattern_mismatch" and isinstance(value, str) and ctx:
        pattern = str(ctx.get("pattern", ""))
        letters = "_" if "." not in pattern else "-"
        fixed = re.sub(r"[^A-Za-z0-9_]+" if letters == "_" else r"[^A-Za-z0-9_.:-]+", letters,
                       value.strip()).strip(letters)  # fmt: skip
        if fixed and not fixed[0].isalpha() and letters == "_":
            fixed = "_" + fixed
        shown = f" such as {toml(fixed)}" if fixed and fixed != value else ""
        what = "letters, digits and _" if letters == "_" else "letters, digits and _ . : -"
        return f"An id holds only {what}, with no spaces: write one{shown}."
    if kind in _BOUNDS and ctx and _BOUNDS[kind][0] in ctx:
        bound, words = _BOUNDS[kind]
        return f"`{key}` is {words} {ctx[bound]}: give it a value in that range."
    if kind in _LENGTHS and ctx:
        bound, words = _LENGTHS[kind]
        unit = "characters" if kind.startswith("string") else "items"
        return f"`{key}` holds {words} {ctx.get(bound)} {unit}."
    return None


_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}
_LENGTHS = {
    "string_too_short": ("min_length", "at least"),
    "string_too_long": ("max_length", "at most"),
    "too_short": ("min_length", "at least"),
    "too_long": ("max_length", "at most"),
}


def missing(path: KeyPath, field: str) -> str:
    table = table_of(path)
    where = header(table) if table in tables() else "this table"
    return f"Add `{field} = …` to {where}."
