"""The validated-pack cache: a hit must give exactly what a full load gives, and anything odd
about the cache must fall back to a full load."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pytest

from game.content.compiler import load_pack
from game.content.items import LISTS
from game.content.loader import read_pack
from game.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]
PACKS = [
    pytest.param(ROOT / "tests" / "fixtures" / "packs" / "example", id="example"),
    pytest.param(ROOT / "content" / "korean-theater", id="shipped"),
]


def models(loaded) -> list:
    items = [(i.file.name, i.path, i.model) for key in LISTS for i in loaded.items[key]]
    return items + [(i.file.name, i.path, i.model) for i in loaded.singletons.values()]


def play(pack, role: str, seed: str) -> Session:
    """A whole game with choices drawn from their own seeded generator."""
    pick = random.Random(seed)
    session = Session.start(pack, role, seed)
    while not session.over:
        options = [o for o in session.briefing().options if o.open]
        session = session.submit(pick.choice(options).id if options else "")
    return session


@pytest.mark.parametrize("pack", PACKS)
def test_a_hit_gives_the_same_models_as_a_full_load(pack: Path, tmp_path: Path) -> None:
    fresh = read_pack(pack, cache=tmp_path)  # a miss: validates, then writes the entry
    assert len(list(tmp_path.glob("*.json"))) == 1
    hit = read_pack(pack, cache=tmp_path)
    assert models(hit) == models(fresh)
    for (_, _, a), (_, _, b) in zip(models(hit), models(fresh), strict=True):
        assert type(a) is type(b)


@pytest.mark.parametrize("pack", PACKS)
def test_a_pack_from_the_cache_plays_the_same_games(pack: Path, tmp_path: Path) -> None:
    direct = load_pack(pack, analyse_pack=False)
    load_pack(pack, analyse_pack=False, cache=tmp_path)
    cached = load_pack(pack, analyse_pack=False, cache=tmp_path)
    assert cached.problems == direct.problems  # the compiler's warnings are found again
    assert direct.pack is not None and cached.pack is not None
    for role in direct.pack.roles:
        for seed in ("a", "b"):
            a, b = play(direct.pack, role, seed), play(cached.pack, role, seed)
            assert a.choices == b.choices
            assert a.states() == b.states()


def test_an_edited_pack_is_loaded_in_full(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "tests" / "fixtures" / "packs" / "example", pack)
    cache = tmp_path / "cache"
    first = load_pack(pack, cache=cache).pack
    events = pack / "events.toml"
    events.write_text(events.read_text().replace('title = "', 'title = "EDITED ', 1))
    again = load_pack(pack, cache=cache).pack
    assert first is not None and again is not None
    assert not any(e.title.startswith("EDITED") for e in first.events)
    assert any(e.title.startswith("EDITED") for e in again.events)
    assert len(list(cache.glob("*.json"))) == 2


def test_a_pack_with_problems_is_never_cached(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "tests" / "fixtures" / "packs" / "example", pack)
    (pack / "broken.toml").write_text("[[event]]\nid = 3\n")
    result = load_pack(pack, cache=tmp_path / "cache")
    assert result.pack is None
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "{not json",
        '{"version": 99, "items": []}',
        '{"version": 1, "items": [["events.toml", "event", ["event", 0], {"id": []}]]}',
        '{"version": 1, "items": [["nowhere.toml", "event", ["event", 0], {}]]}',
        '{"version": 1, "items": [["events.toml", "no-such-key", ["x", 0], {}]]}',
        '{"version": 1, "items": 7}',
    ],
)
def test_a_damaged_entry_is_ignored(tmp_path: Path, damage: str) -> None:
    pack = ROOT / "tests" / "fixtures" / "packs" / "example"
    cache = tmp_path / "cache"
    load_pack(pack, cache=cache)
    [entry] = cache.glob("*.json")
    entry.write_text(f"{hashlib.sha256(damage.encode()).hexdigest()}\n{damage}")
    result = load_pack(pack, cache=cache)
    assert result.pack is not None
    assert models(read_pack(pack)) == models(read_pack(pack, cache=cache))


def test_an_entry_changed_on_disk_is_not_used(tmp_path: Path) -> None:
    pack = ROOT / "tests" / "fixtures" / "packs" / "example"
    cache = tmp_path / "cache"
    load_pack(pack, cache=cache)
    [entry] = cache.glob("*.json")
    text = entry.read_text()
    assert '"label":"' in text
    entry.write_text(text.replace('"label":"', '"label":"TAMPERED ', 1))
    result = load_pack(pack, cache=cache)
    assert result.pack is not None
    assert "TAMPERED" not in repr(result.pack.roles) + repr(result.pack.variables)
    assert models(read_pack(pack)) == models(read_pack(pack, cache=cache))


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    result = load_pack(ROOT / "tests" / "fixtures" / "packs" / "example", cache=blocker)
    assert result.pack is not None
