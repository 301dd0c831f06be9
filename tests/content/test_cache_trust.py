"""The pack cache is not trusted more than a pack: an entry is used only if it proves it belongs
to the pack on disk (key, pack id, this folder's secret) and its values pass the schema's limits
and validators again; anything else falls back to a full load, which replaces the entry."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from game.content import cache as packcache
from game.content import loader
from game.content.compiler import load_pack
from game.content.items import LISTS, MODELS, SINGLETONS
from game.content.loader import read_pack

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
FUNCTION_SCOPED = [HealthCheck.function_scoped_fixture]


def models(loaded) -> list:
    items = [(i.file.name, i.path, i.model) for key in LISTS for i in loaded.items[key]]
    return items + [(i.file.name, i.path, i.model) for i in loaded.singletons.values()]


FRESH = models(read_pack(EXAMPLE))
EXAMPLE_CHARS = sum(len(f.text) for f in read_pack(EXAMPLE).files)


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A cache folder with the example pack's genuine entry."""
    folder = tmp_path_factory.mktemp("warm")
    _warm(folder)
    return folder


def _copy(warm: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cache") / "cache"
    shutil.copytree(warm, folder)
    return _entry(folder)


def _entry(cache: Path) -> Path:
    [entry] = cache.glob("*.json")
    return entry


def _warm(cache: Path, pack: Path = EXAMPLE) -> Path:
    read_pack(pack, cache=cache)
    return _entry(cache)


def _body(entry: Path) -> dict:
    return json.loads(entry.read_text(encoding="utf-8").partition("\n")[2])


def resign(entry: Path, body: Any) -> None:
    """Write `body` as the entry, signed with the folder's own secret: what a forger who can
    read the secret could do."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    secret = packcache._secret(entry.parent)
    entry.write_text(f"{packcache._mac(secret, text)}\n{text}", encoding="utf-8")


def _no_parsing(monkeypatch) -> None:
    def parse(source, out):
        raise AssertionError(f"{source.name} was parsed: the cache was not used")

    monkeypatch.setattr(loader, "_parse", parse)


def test_a_genuine_entry_is_used(tmp_path: Path, monkeypatch) -> None:
    assert packcache.unsupported() is None  # the schema as it stands can be checked
    _warm(tmp_path)
    _no_parsing(monkeypatch)
    assert models(read_pack(EXAMPLE, cache=tmp_path)) == FRESH


def test_an_entry_copied_under_another_packs_key_is_not_used(tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "other"
    shutil.copytree(EXAMPLE, other)
    events = other / "events.toml"
    events.write_text(events.read_text().replace('title = "', 'title = "OTHER ', 1))
    cache = tmp_path / "cache"
    read_pack(EXAMPLE, cache=cache)
    mine = {p.name for p in cache.glob("*.json")}
    read_pack(other, cache=cache)
    [theirs] = [p for p in cache.glob("*.json") if p.name not in mine]
    [mine_path] = [cache / n for n in mine]
    shutil.copyfile(theirs, mine_path)  # a genuine entry, signed, under the wrong key
    again = read_pack(EXAMPLE, cache=cache)
    assert models(again) == FRESH
    assert not any(m.title.startswith("OTHER") for _, _, m in models(again) if hasattr(m, "title"))
    # the entry was replaced: the next load is a hit again
    _no_parsing(monkeypatch)
    assert models(read_pack(EXAMPLE, cache=cache)) == FRESH


def test_an_entry_from_another_cache_folder_is_not_used(tmp_path: Path) -> None:
    """A copied-in entry (another machine, another folder) has another folder's secret."""
    theirs = _warm(tmp_path / "theirs")
    mine = _warm(tmp_path / "mine")
    body = _body(theirs)
    body["items"][0][3]["label"] = "FORGED"
    resign(theirs, body)
    shutil.copyfile(theirs, mine)
    assert models(read_pack(EXAMPLE, cache=tmp_path / "mine")) == FRESH


def _find(node: Any, wanted: Callable[[dict], bool]) -> dict:
    """The first table of the JSON tree for which `wanted` holds."""
    todo = [node]
    while todo:
        n = todo.pop(0)
        if isinstance(n, dict):
            if wanted(n):
                return n
            todo += list(n.values())
        elif isinstance(n, list):
            todo += n
    raise AssertionError("not found")


def _item(body: dict, key: str) -> dict:
    return next(fields for _, k, _, fields in body["items"] if k == key)


def _set(where: Callable[[dict], dict], name: str, value: Any) -> Callable[[dict], None]:
    return lambda body: where(body).__setitem__(name, value)


def _del(where: Callable[[dict], dict], name: str) -> Callable[[dict], None]:
    return lambda body: where(body).pop(name)


CALENDAR = lambda b: _item(b, "calendar")  # noqa: E731
EFFECT = lambda b: _find(b["items"], lambda t: "mode" in t)  # noqa: E731
LATER = lambda b: _find(b["items"], lambda t: "in_" in t)  # noqa: E731
EVENT = lambda b: _item(b, "event")  # noqa: E731
ESCALATION = lambda b: _item(b, "escalation")  # noqa: E731


@pytest.mark.parametrize(
    "forge",
    [
        _set(CALENDAR, "turns", 100_000),  # "Turn 1 of 100000"
        _set(CALENDAR, "turns", 0),
        _set(CALENDAR, "turns", 6.0),
        _set(CALENDAR, "turns", True),
        _set(CALENDAR, "start", "2023-9-1"),
        _set(CALENDAR, "step", "fortnight"),
        _set(EFFECT, "turns", 10**6),  # a smoothing over a million turns
        _set(EFFECT, "factor", 1.0),
        _set(EFFECT, "factor", float("nan")),
        _set(LATER, "in_", 10**9),
        _set(LATER, "surprise", 1),  # a key the schema does not have
        lambda b: LATER(b).update(event=None, effects=[]),  # the model validator's rule
        _set(EVENT, "id", "not an id"),
        _set(EVENT, "id", "x" * 81),
        _set(EVENT, "id", "trailing-newline\n"),
        _set(EVENT, "title", ""),
        _set(EVENT, "priority", 10**6),
        _set(EVENT, "weight", [1]),
        _set(EVENT, "text", "x" * 20_001),
        _del(EVENT, "text"),
        lambda b: ESCALATION(b).__setitem__("rungs", ESCALATION(b)["rungs"][:1]),
        lambda b: b.update(pack="someone-else"),
        lambda b: b.update(key="0" * 32),
        lambda b: b.update(version=1),
        lambda b: b["items"].append(b["items"][0]),  # an item twice
        lambda b: b["items"].append(["pack.toml", "pack", ["pack"], _item(b, "pack")]),
        lambda b: b["items"][0].__setitem__(0, "elsewhere.toml"),
        lambda b: b["items"][0].__setitem__(2, [[], 0]),
        lambda b: b["items"][0].__setitem__(1, "pack"),
    ],
)
def test_a_forged_entry_is_never_used(tmp_path: Path, forge) -> None:
    """Even signed with the folder's secret, an entry a fresh load could not have written is
    not used: the pack is loaded in full and plays as its files say."""
    entry = _warm(tmp_path)
    body = _body(entry)
    forge(body)
    resign(entry, body)
    forged = entry.read_text(encoding="utf-8")
    result = load_pack(EXAMPLE, cache=tmp_path)
    assert result.pack is not None and result.pack.meta.turns == 6
    assert models(read_pack(EXAMPLE, cache=tmp_path)) == FRESH
    assert entry.read_text(encoding="utf-8") != forged  # replaced by a genuine entry


def test_an_entry_larger_than_its_pack_allows_is_not_used(tmp_path: Path) -> None:
    entry = _warm(tmp_path)
    body = _body(entry)
    body["padding"] = "x" * packcache.max_bytes(EXAMPLE_CHARS)
    resign(entry, body)
    assert packcache.read(tmp_path, entry.stem, 10 * packcache.max_bytes(EXAMPLE_CHARS))
    assert packcache.read(tmp_path, entry.stem, packcache.max_bytes(EXAMPLE_CHARS)) is None
    assert models(read_pack(EXAMPLE, cache=tmp_path)) == FRESH


# -- properties


MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "cut"]),
    st.integers(0),
    st.binary(min_size=1, max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=FUNCTION_SCOPED)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_damaged_entry_never_changes_the_pack(warm, tmp_path_factory, mutations) -> None:
    """Random damage to an entry's bytes: the pack is always the one its files give."""
    entry = _copy(warm, tmp_path_factory)
    raw = bytearray(entry.read_bytes())
    for op, at, data in mutations:
        i = at % (len(raw) + 1)
        if op == "flip" and i < len(raw):
            raw[i] ^= data[0] or 1
        elif op == "insert":
            raw[i:i] = data
        elif op == "delete":
            del raw[i : i + len(data)]
        else:
            del raw[i:]
    assume(bytes(raw) != entry.read_bytes())
    entry.write_bytes(bytes(raw))
    assert models(read_pack(EXAMPLE, cache=entry.parent)) == FRESH


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _places(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _places(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _places(v, (*path, i))
    return out


def _replace(node: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


@settings(max_examples=300, deadline=None, suppress_health_check=FUNCTION_SCOPED)
@given(data=st.data(), value=JSON)
def test_a_forged_entry_yields_the_fresh_pack_or_one_the_schema_accepts(
    warm, tmp_path_factory, data, value
) -> None:
    """A forger with the secret changes any one value of an entry. The loader then gives the
    pack its files give, or, if the forgery fits, a pack every item of which pydantic's own
    validation accepts unchanged: never one beyond the schema's limits."""
    entry = _copy(warm, tmp_path_factory)
    body = _body(entry)
    places = _places(body)
    where = data.draw(st.sampled_from(places))
    if data.draw(st.booleans()):  # a value like the one there: most likely to slip through
        value = data.draw(_near(_at(body, where)))
    resign(entry, _replace(body, where, value))
    got = models(read_pack(EXAMPLE, cache=entry.parent))
    if got == FRESH:
        return
    for _, _, model in got:
        again = type(model).model_validate(model.model_dump(by_alias=True))
        assert again == model


def _at(node: Any, path: tuple) -> Any:
    for p in path:
        node = node[p]
    return node


def _near(value: Any) -> st.SearchStrategy:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(value - 2000, value + 2000) | st.integers()
    if isinstance(value, float):
        return st.floats()
    if isinstance(value, str):
        return st.text(max_size=90) | st.just(value + "\n") | st.just(value * 300)
    return JSON


# -- the check follows the schema's own declarations


class Even(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    n: int = Field(ge=0)
    tags: list[str] = Field(default_factory=list, max_length=2)

    @field_validator("n")
    @classmethod
    def _even(cls, value: int) -> int:
        if value % 2:
            raise ValueError("odd")
        return value

    @model_validator(mode="after")
    def _tagged(self) -> Even:
        if self.n > 10 and not self.tags:
            raise ValueError("a big number needs a tag")
        return self


class Before(BaseModel):
    n: int

    @field_validator("n", mode="before")
    @classmethod
    def _int(cls, value: Any) -> Any:
        return int(value)


@pytest.mark.parametrize(
    "fields", [{"n": 3}, {"n": -2}, {"n": 12}, {"n": 2, "tags": ["a", "b", "c"]}, {"m": 1}, {}]
)
def test_the_check_applies_the_models_limits_and_validators(fields: dict) -> None:
    with pytest.raises(ValueError):
        Even.model_validate(fields)
    with pytest.raises(packcache.Unfit):
        packcache.check(Even, fields)


def test_what_the_check_accepts_pydantic_accepts() -> None:
    for fields in ({"n": 2}, {"n": 12, "tags": ["x"]}):
        assert packcache.check(Even, fields) == Even.model_validate(fields)


def test_a_construct_the_check_cannot_follow_turns_it_off() -> None:
    with pytest.raises(packcache.Unsupported, match="validator _int"):
        packcache.check(Before, {"n": 1})


def test_every_model_of_the_loader_is_checked() -> None:
    assert packcache.unsupported() is None
    assert set(MODELS) == set(LISTS) | set(SINGLETONS)
