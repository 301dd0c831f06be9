"""A cache of validated packs: playing a pack whose files have not changed since it last loaded
without problems skips the TOML parser and pydantic's validation (their validators alone hold
about 5 MiB, a sixth of a bare Textual app).

The cache holds only data, as JSON: each item's validated fields. Its key is a hash of every
pack file's name and text and of the schema's source, so an edited pack or a new game version
never reads a stale entry. An entry is written only after a load with no problems at all.

The cache folder is not trusted more than a pack: an entry may have been copied from another
pack's key, or written by hand. So an entry is used only if
- its first line is an HMAC of the rest under this cache folder's own random secret (a damaged,
  hand-made or copied-in file fails it),
- it names the key it was read under and the id of the pack it holds (an entry copied to
  another key fails it),
- it is no larger than the pack's own text allows, and
- every value passes the schema's own types, limits and validators again (`check`), derived
  from the pydantic models themselves, so the cache follows the schema as it changes; a schema
  construct that cannot be checked this way turns the cache off (`unsupported`).
Anything else about an entry makes the loader read the pack in full (and write the entry anew),
so the cache can never change what a pack does — only how fast it opens. `korean-theater check`
never uses it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import inspect
import json
import math
import operator
import os
import re
import secrets
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game import userfile
from game.content import schema
from game.content.items import MODELS, all_models
from game.content.locate import Path as KeyPath

VERSION = 2
SECRET = ".secret"
_SCHEMA_SOURCE: bytes | None = None

Entries = list[tuple[str, str, KeyPath, BaseModel]]  # (file, TOML key, item path, model)


def key(files_digest: str) -> str:
    """The cache key of a pack: the digest of its files' names and texts (as the loader
    computes it for every pack) and the schema's source."""
    global _SCHEMA_SOURCE
    if _SCHEMA_SOURCE is None:
        _SCHEMA_SOURCE = Path(schema.__file__).read_bytes()
    h = hashlib.sha256(f"korean-theater-pack-cache {VERSION}\0{files_digest}\0".encode())
    h.update(hashlib.sha256(_SCHEMA_SOURCE).digest())
    return h.hexdigest()[:32]


def max_bytes(pack_chars: int) -> int:
    """The largest entry a pack of that much text can have (its JSON is about as long)."""
    return 4 * pack_chars + 64 * 1024


# -- writing


def write(folder: Path, cache_key: str, entries: Entries) -> None:
    """Store an entry for the (file, key, path, model) items, in load order. A cache that
    cannot be written is no cache (never an error)."""
    pack_id = next((getattr(m, "id", None) for _, k, _, m in entries if k == "pack"), None)
    if pack_id is None or unsupported() is not None:
        return
    body = json.dumps(
        {
            "version": VERSION,
            "key": cache_key,
            "pack": pack_id,
            "items": [
                [file, k, list(path), model.model_dump(mode="json", exclude_defaults=True)]
                for file, k, path, model in entries
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    try:
        secret = _secret(folder, create=True)
        target = folder / f"{cache_key}.json"
        tmp = folder / f".{cache_key}.{os.getpid()}.tmp"
        tmp.write_text(f"{_mac(secret, body)}\n{body}", encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass


def _mac(secret: bytes, body: str) -> str:
    return hmac.new(secret, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _secret(folder: Path, create: bool = False) -> bytes:
    """The folder's random secret, made on first use; raises OSError when there is none."""
    path = folder / SECRET
    if create and not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another game made it meanwhile
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
    try:
        secret = userfile.read_bytes(path, 32)
    except userfile.FileRefused as e:
        raise OSError(e.message) from None
    if len(secret) != 32:
        raise OSError(f"{path} is not a cache secret")
    return secret


# -- reading


def read(folder: Path, cache_key: str, limit: int) -> Entries | None:
    """The entries stored under the key, checked; None when there are none fit to use.
    `limit`: the largest entry acceptable (`max_bytes`)."""
    try:
        if unsupported() is not None:
            return None
        text = userfile.read_text(folder / f"{cache_key}.json", limit)
        mac, _, body = text.partition("\n")
        if not hmac.compare_digest(mac, _mac(_secret(folder), body)):
            return None
        data = json.loads(body)
        if data["version"] != VERSION or data["key"] != cache_key:
            return None
        entries = [
            (_text(file), _text(k), _path(path), check(MODELS[k], fields))
            for file, k, path, fields in data["items"]
        ]
        ids = [getattr(m, "id", None) for _, k, _, m in entries if k == "pack"]
        return entries if ids == [data["pack"]] else None
    except Exception:  # whatever is wrong with an entry, the pack is read in full instead
        return None


def _text(value: Any) -> str:
    text: str = _kind_is(value, "str")
    return text


def _path(value: Any) -> KeyPath:
    """An item's place in its file, such as ("event", 3)."""
    if not all(_kind(p) in ("str", "int") for p in _kind_is(value, "list")):
        raise Unfit("not a place in a file")
    return tuple(value)


# -- checking what a fresh load would have checked


class Unfit(ValueError):
    """A cached value that a fresh load could not have given."""


class Unsupported(TypeError):
    """A schema construct that `check` cannot check without pydantic's validators."""


Check = Callable[[Any], Any]


def check(model: type[BaseModel], fields: Any) -> BaseModel:
    """The model whose validated fields (as `model_dump(mode="json")` gave them) these are;
    raises Unfit for anything the model's validation would refuse."""
    checked: BaseModel = _plan(model)(fields)
    return checked


@functools.cache
def unsupported() -> str | None:
    """Why the schema cannot be checked without pydantic (None: it can)."""
    for model in all_models():
        try:
            _plan(model)
        except Unsupported as e:
            return f"{model.__name__}: {e}"
    return None


# config keys that change nothing about validation (allow_inf_nan: `_float` refuses inf and nan
# whatever the models allow)
_QUIET_CONFIG = {
    "extra", "frozen", "defer_build", "title", "json_schema_extra", "populate_by_name",
    "allow_inf_nan",
}  # fmt: skip


@functools.cache
def _plan(model: type[BaseModel]) -> Check:
    """The check of one model's fields (a nested model's check is planned on first use)."""
    odd = set(model.model_config) - _QUIET_CONFIG
    if odd:
        raise Unsupported(f"model_config {sorted(odd)}")
    decorators = model.__pydantic_decorators__
    for kind in ("validators", "root_validators", "field_serializers", "model_serializers"):
        if getattr(decorators, kind):
            raise Unsupported(f"{kind} {sorted(getattr(decorators, kind))}")
    if decorators.computed_fields:
        raise Unsupported("computed fields")
    by_field: dict[str, list[Check]] = {name: [] for name in model.model_fields}
    for name, d in decorators.field_validators.items():
        if d.info.mode != "after" or len(inspect.signature(d.func).parameters) != 1:
            raise Unsupported(f"validator {name} (only `after` validators of the value alone)")
        for f in by_field if "*" in d.info.fields else d.info.fields:
            by_field[f].append(d.func)
    after = []
    for name, m in decorators.model_validators.items():
        if m.info.mode != "after":
            raise Unsupported(f"model validator {name} (only `after` validators)")
        after.append(m.func)
    fields = [
        (name, info.is_required(), _field(info), by_field[name])
        for name, info in model.model_fields.items()
    ]
    names = set(model.model_fields)

    def run(value: Any) -> BaseModel:
        if not isinstance(value, dict) or not value.keys() <= names:
            raise Unfit(f"{model.__name__}: not a table of its fields")
        values = {}
        for name, required, check_value, validators in fields:
            if name in value:
                v = check_value(value[name])
                for validator in validators:
                    v = _validated(validator, v)
                values[name] = v
            elif required:
                raise Unfit(f"{model.__name__}: no {name}")
        built = model.model_construct(**values)
        for validator in after:
            built = _validated(validator, built)
        return built

    return run


def _validated(validator: Callable[[Any], Any], value: Any) -> Any:
    try:
        return validator(value)
    except Exception as e:  # a validator says no as pydantic lets it: ValueError, AssertionError …
        raise Unfit(str(e)) from None


def _field(info: FieldInfo) -> Check:
    if info.discriminator is not None:
        raise Unsupported("discriminated unions")
    return _limited(_check(info.annotation), info.metadata)


def _check(annotation: Any) -> Check:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _limited(_check(args[0]), args[1:])
    if origin in (typing.Union, types.UnionType):
        return _union([(_kinds(a), _check(a)) for a in args])
    if origin is list:
        item = _check(args[0])
        return lambda v: [item(x) for x in _kind_is(v, "list")]
    if origin is dict:
        k, item = _check(args[0]), _check(args[1])
        return lambda v: {k(a): item(b) for a, b in _kind_is(v, "dict").items()}
    if origin is typing.Literal:
        allowed = [(type(a), a) for a in args]
        return lambda v: v if (type(v), v) in allowed else _unfit(f"not one of {args}")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda v: _plan(annotation)(v)
    scalar = _SCALARS.get(annotation)
    if scalar is None:
        raise Unsupported(f"values of type {annotation!r}")
    return scalar


def _unfit(why: str) -> Any:
    raise Unfit(why)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "dict"}.get(
        type(value), "other"
    )


def _kind_is(value: Any, kind: str) -> Any:
    if _kind(value) != kind:
        raise Unfit(f"not a {kind}")
    return value


def _float(value: Any) -> float:
    if _kind(value) not in ("int", "float") or not math.isfinite(value):
        raise Unfit("not a finite number")
    return float(value)


def _date(value: Any) -> dt.date:
    day = dt.date.fromisoformat(_kind_is(value, "str"))
    if day.isoformat() != value:
        raise Unfit("not a date as the cache writes it")
    return day


_SCALARS: dict[Any, Check] = {
    type(None): lambda v: _kind_is(v, "null"),
    bool: lambda v: _kind_is(v, "bool"),
    int: lambda v: _kind_is(v, "int"),
    float: _float,
    str: lambda v: _kind_is(v, "str"),
    dt.date: _date,
}
_KINDS = {type(None): {"null"}, bool: {"bool"}, int: {"int"}, float: {"int", "float"},
          str: {"str"}, dt.date: {"str"}, list: {"list"}, dict: {"dict"}}  # fmt: skip


def _kinds(annotation: Any) -> set[str]:
    """The JSON kinds a value of the annotation is written as."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kinds(args[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*map(_kinds, args))
    if origin is typing.Literal:
        return {_kind(a) for a in args}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"dict"}
    return _KINDS.get(origin or annotation, {"other"})


def _union(members: list[tuple[set[str], Check]]) -> Check:
    """A union whose members are written as different JSON kinds (`float | str`, `X | None`):
    the kind of the value says which member it is. Others are not guessed."""
    by_kind: dict[str, Check] = {}
    for kinds, member in members:
        if kinds & by_kind.keys():
            raise Unsupported("a union of members written alike")
        by_kind.update(dict.fromkeys(kinds, member))
    return lambda v: by_kind.get(_kind(v), lambda _: _unfit("no member of the union fits"))(v)


def _limited(inner: Check, metadata: typing.Iterable[Any]) -> Check:
    """`inner`, then the limits pydantic would apply (bounds, lengths, patterns)."""
    limits = list(_limits(metadata))
    if not limits:
        return inner

    def run(value: Any) -> Any:
        value = inner(value)
        for ok, what in limits:
            if not ok(value):
                raise Unfit(what)
        return value

    return run


def _holds(
    op: Callable[[Any, Any], bool], bound: Any, of: Callable[[Any], Any] = lambda v: v
) -> Callable[[Any], bool]:
    """A check that `op(of(value), bound)` holds."""
    return lambda v: op(of(v), bound)


def _whole_match(value: str, rx: re.Pattern[str]) -> bool:
    return rx.fullmatch(value) is not None


def _limits(metadata: typing.Iterable[Any]) -> typing.Iterator[tuple[Callable[[Any], bool], str]]:
    for m in metadata:
        if isinstance(m, FieldInfo):
            if m.discriminator is not None:
                raise Unsupported("discriminated unions")
            yield from _limits(m.metadata)
        elif isinstance(m, at.Ge):
            yield _holds(operator.ge, m.ge), f"below {m.ge}"
        elif isinstance(m, at.Gt):
            yield _holds(operator.gt, m.gt), f"not above {m.gt}"
        elif isinstance(m, at.Le):
            yield _holds(operator.le, m.le), f"above {m.le}"
        elif isinstance(m, at.Lt):
            yield _holds(operator.lt, m.lt), f"not below {m.lt}"
        elif isinstance(m, at.MinLen):
            yield _holds(operator.ge, m.min_length, len), f"shorter than {m.min_length}"
        elif isinstance(m, at.MaxLen):
            yield _holds(operator.le, m.max_length, len), f"longer than {m.max_length}"
        elif isinstance(m, at.BaseMetadata) and vars(m).keys() == {"pattern"}:  # Field(pattern=)
            # a whole match: never laxer than pydantic's search for the pattern
            pattern: str = vars(m)["pattern"]
            yield _holds(_whole_match, re.compile(pattern)), f"not matching {pattern}"
        else:
            raise Unsupported(f"the constraint {m!r}")
