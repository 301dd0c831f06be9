"""The header of a save (game.saves.header), read without pydantic for the title's Continue line:
it agrees with the full read whenever the full read succeeds, refuses what the full read refuses
up to the fields it shows, and a damaged file is passed over, never a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers_saves import play
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.saves import SaveError, SaveStore, read_save
from game.saves.format import checksum
from game.saves.header import newest, read_header
from game.saves.store import SaveInfo

HEADER_FIELDS = ("slot", "path", "pack_id", "role", "turn", "date", "saved_at", "over", "player")


def same(header, info: SaveInfo) -> None:
    assert {f: getattr(header, f) for f in HEADER_FIELDS} == {
        f: getattr(info, f) for f in HEADER_FIELDS
    }


def resealed(path: Path, change) -> None:
    """Change the document at `path` and give it a matching checksum (a save a faulty game or a
    forger wrote: the checksum alone does not stop it)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("checksum")
    change(doc)
    doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_the_header_is_what_the_store_lists(store: SaveStore, pinned) -> None:
    store.save(play(pinned, n=2), "middle")
    store.save(play(pinned, role="russia"))  # to the end: over
    infos = store.list()
    assert len(infos) == 2
    for info in infos:
        same(read_header(info.path), info)
    same(newest(store.root), infos[0])


def test_reading_a_header_imports_neither_pydantic_nor_the_engine(store, pinned) -> None:
    store.save(play(pinned, n=1))
    code = (
        "import sys; from pathlib import Path; from game.saves.header import newest; "
        f"print(newest(Path({str(store.root)!r})).turn); "
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'game.engine', "
        "'game.saves.format', 'game.saves.store', 'game.content'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["2", "[]"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b'{"format": "korean-theater-save"',
        b"[1, 2]",
        b'{"format": "korean-theater-save", "version": 3, "checksum": "sha256:00"}',
        b"\xff\xfe not text",
    ],
)
def test_a_damaged_save_is_passed_over(store, pinned, damage: bytes) -> None:
    store.save(play(pinned, n=1), "good")
    bad = store.root / "later.json"
    bad.write_bytes(damage)
    with pytest.raises(SaveError) as refused:
        read_header(bad)
    assert str(bad) in refused.value.message
    assert newest(store.root).slot == "good"


def test_an_empty_or_missing_folder_has_no_newest(tmp_path: Path) -> None:
    assert newest(tmp_path / "none") is None
    assert newest(tmp_path) is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 30) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
WHERE = st.sampled_from(
    [
        ("pack", "id"),
        ("role",),
        ("state", "turn"),
        ("state", "date"),
        ("state", "ending"),
        ("saved_at",),
        ("classroom",),
        ("state",),
        ("pack",),
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=WHERE, value=JSON | st.sampled_from(["2024-01-01", "2024-01-01T10:00:00+00:00"]))
def test_the_header_never_shows_what_the_full_read_refuses(store, pinned, where, value) -> None:
    """Whatever a (resealed) save holds where the header reads, reading the header gives the
    full read's answer or a SaveError; never another exception."""
    for earlier in store.root.glob("forged*"):
        # an earlier example's forgery: the store would keep it (same game, nothing to write)
        earlier.unlink()
    path = store.save(play(pinned, n=1), "forged")

    def change(doc: dict[str, Any]) -> None:
        target = doc
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = value

    resealed(path, change)
    try:
        header = read_header(path)
    except SaveError as e:
        assert str(path) in e.message
        header = None
    try:
        data = read_save(path)
    except SaveError:
        data = None
    if data is not None and header is not None:
        same(header, SaveInfo.of(data, path))
    elif data is not None:  # the header reads what the game writes, not pydantic's lax forms
        assert not isinstance(value, str), (where, value)
    elif header is not None:  # the full read refuses a field the header does not show
        assert where in {("state", "ending"), ("classroom",), ("state",), ("pack",)}
