"""Same pack, same choices ⇒ same digest, whatever path built the pack: a fresh load of the
TOML, a hit in the pack cache, or an older cache entry. A float field holds a float on every
path, and the state digest sees 0, 0.0 and -0.0 alike, so a save made from the cached pack
replays exactly on a fresh load (as `saves verify` and `report` do)."""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
import typing
from pathlib import Path

from helpers_saves import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.content import cache as packcache
from game.content.compiler import load_pack
from game.content.items import LISTS
from game.content.loader import read_pack
from game.engine.session import Session
from game.engine.state import GameState
from game.saves import SaveStore

# the numbers of the example pack that are floats in the schema, as `key = number` lines
FLOAT_KEYS = re.compile(r"(?m)^(\s*(?:start|min|max|weight|chance|default)\s*=\s*)(\d+(?:\.\d+)?)$")
INLINE_AT = re.compile(r"(\bat = )(\d+(?:\.\d+)?)")
# (id, lowest min, highest max) such that the ranges keep the pack's thresholds and rungs
RANGES = {"tension": (30, 70), "sanctions": (60, 60), "cooperation": (30, 30), "escalation": (0, 6)}


def literal(value: int, as_float: bool) -> str:
    return f"{value}.0" if as_float else str(value)


@st.composite
def packs(draw) -> dict[str, str]:
    """The example pack's files, each number written as an integer or a float at random, and
    the meters' ranges narrowed at random (a value then often lands on a bound, where the
    engine clamps it to the bound's own number)."""
    floats = st.booleans()

    def respell(match: re.Match) -> str:
        number = float(match.group(2))
        if not number.is_integer():
            return match.group(0)
        return match.group(1) + literal(int(number), draw(floats))

    files = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLE.glob("*.toml")}
    text = files["pack.toml"]
    for var, (low, high) in RANGES.items():
        start = int(re.search(rf'id = "{var}"(?:\n[^\[].*)*?\nstart = (\d+)', text).group(1))
        lo = draw(st.integers(0, min(low, start)))
        hi = draw(st.integers(max(high, start, lo + 1), max(high, start) + 20))
        bounds = f"min = {literal(lo, draw(floats))}\nmax = {literal(hi, draw(floats))}\n"
        if lo == 0 and hi == 100 and draw(floats):
            bounds = ""  # the schema's defaults
        text = re.sub(
            rf'(id = "{var}"\n(?:[^\[\n].*\n)*?)(?:min = .*\n)?(?:max = .*\n)?(start)',
            lambda m, b=bounds: m.group(1) + b + m.group(2),
            text,
            count=1,
        )
    files["pack.toml"] = text
    return {
        name: INLINE_AT.sub(respell, FLOAT_KEYS.sub(respell, text)) for name, text in files.items()
    }


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def games(pack, seed: int):
    """A few games of every role, with choices drawn from their own seeded generator."""
    pick = random.Random(seed)
    for role in sorted(pack.roles):
        choices = []
        session = Session.start(pack, role, str(seed))
        while not session.over:
            options = [o.id for o in session.briefing().open_options]
            choices.append(pick.choice(options))
            session = session.submit(choices[-1])
        yield role, str(seed), choices


def int_in_a_float_field(model: BaseModel, where: str = "") -> str | None:
    """Where a field annotated as a float holds an int, or None."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        found = _stray_int(info.annotation, value, f"{where}{type(model).__name__}.{name}")
        if found:
            return found
    return None


def _admits(annotation, kind: type) -> bool:
    """Whether a value of `kind` fits the annotation (through Annotated and unions)."""
    if annotation is kind:
        return True
    return any(_admits(a, kind) for a in typing.get_args(annotation))


def _stray_int(annotation, value, where: str) -> str | None:
    if isinstance(value, BaseModel):
        return int_in_a_float_field(value, f"{where}.")
    if isinstance(value, list | tuple):
        args = typing.get_args(annotation)
        item = next((a for a in args if typing.get_origin(a) is list), annotation)
        inner = (typing.get_args(item) or (item,))[0]
        return next((f for v in value if (f := _stray_int(inner, v, where))), None)
    if isinstance(value, dict):
        args = typing.get_args(annotation)
        item = next((a for a in args if typing.get_origin(a) is dict), annotation)
        inner = (typing.get_args(item) or (None, item))[-1]
        return next((f for v in value.values() if (f := _stray_int(inner, v, where))), None)
    if type(value) is int and _admits(annotation, float) and not _admits(annotation, int):
        return f"{where} = {value!r}"
    return None


def models(loaded) -> list[BaseModel]:
    return [i.model for key in LISTS for i in loaded.items[key]] + [
        i.model for i in loaded.singletons.values()
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=packs(), seed=st.integers(0, 10_000))
def test_the_cached_and_the_fresh_pack_give_the_same_digest_at_every_turn(files, seed) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(Path(tmp) / "pack", files)
        cache = Path(tmp) / "cache"
        fresh = load_pack(folder, analyse_pack=False)
        assert fresh.pack is not None, [p.format() for p in fresh.problems]
        load_pack(folder, analyse_pack=False, cache=cache)  # a miss: writes the entry
        hit = load_pack(folder, analyse_pack=False, cache=cache)
        assert hit.pack is not None
        for loaded in (read_pack(folder), read_pack(folder, cache=cache)):
            assert not [f for m in models(loaded) if (f := int_in_a_float_field(m))]
        store = SaveStore(Path(tmp) / "saves")
        for role, game_seed, choices in games(fresh.pack, seed):
            a = Session.replay(fresh.pack, role, game_seed, choices)
            b = Session.replay(hit.pack, role, game_seed, choices)
            assert [s.digest() for s in a.states()] == [s.digest() for s in b.states()]
            # a save made in the full-screen game (the cached pack) verifies on a fresh load
            store.save(b, "game")
            assert store.load("game", fresh.pack).problems == []


def test_an_older_cache_entry_holding_integers_gives_floats(tmp_path: Path) -> None:
    """An entry written before the cache made floats of float fields (or by hand) still
    rebuilds a pack whose numbers are floats, and plays as the fresh load does."""
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    cache = tmp_path / "cache"
    load_pack(pack, cache=cache)
    (entry,) = cache.glob("*.json")
    _, body = entry.read_text(encoding="utf-8").split("\n", 1)
    data = json.loads(body)
    ints = 0
    for _, key, _, fields in data["items"]:
        if key == "variable":
            fields.update(min=0, max=int(fields.get("max", 100)), start=int(fields["start"]))
            ints += 1
    assert ints
    body = json.dumps(data)
    signed = packcache._mac(packcache._secret(cache), body)  # as the game itself would sign it
    entry.write_text(f"{signed}\n{body}", encoding="utf-8")
    loaded = read_pack(pack, cache=cache)
    assert [v.model for v in loaded.items["variable"]]
    assert not [f for m in models(loaded) if (f := int_in_a_float_field(m))]
    fresh, hit = load_pack(pack).pack, load_pack(pack, cache=cache).pack
    for role, seed, choices in games(fresh, 7):
        a = Session.replay(fresh, role, seed, choices)
        b = Session.replay(hit, role, seed, choices)
        assert [s.digest() for s in a.states()] == [s.digest() for s in b.states()]


def test_the_digest_sees_integer_and_float_numbers_alike() -> None:
    def state(*values) -> GameState:
        return GameState("us", "s", 1, 1, values, None, {})

    assert state(0, 100, 1, True).digest() == state(0.0, 100.0, 1.0, True).digest()
    assert state(-0.0).digest() == state(0.0).digest()
    assert state(True).digest() != state(1.0).digest()  # a flag is not a number
    assert state(0.1 + 0.2).digest() == state(0.3).digest()
