"""Every kind of bad file gives a clear error naming the file, and the backup is offered."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from helpers_saves import us_game

from game.saves import SaveError, read_save
from game.saves.format import MAX_BYTES, checksum, decode


@pytest.fixture
def slot(store, pinned):
    """A slot saved twice (so it has an intact backup); returns (store, path, good bytes)."""
    game = us_game(pinned)
    store.save(game.fork(3), "x")
    store.save(game, "x")
    path = store.root / "x.json"
    return store, path, path.read_bytes()


def _doc(raw: bytes) -> dict:
    return json.loads(raw)


def _resealed(doc: dict) -> bytes:
    """A document with a correct checksum again, as a tool that knows the format would write."""
    doc = {k: v for k, v in doc.items() if k != "checksum"}
    doc["checksum"] = checksum(doc)
    return json.dumps(doc).encode()


def _flip(raw: bytes, at: int, bit: int = 0) -> bytes:
    b = bytearray(raw)
    b[at] ^= 1 << bit
    return bytes(b)


BAD = {
    "truncated": (
        lambda g: g[: len(g) // 2],
        "the file is cut short after {half} (the JSON stops in the middle); it was probably "
        "interrupted while saving",
    ),
    "bit-flipped": (
        lambda g: _flip(g, g.index(b"because 2") + 3),
        "the checksum does not match the contents; the file was damaged or edited after it "
        "was saved",
    ),
    "empty": (
        lambda g: b"",
        "the file is empty; the game was probably interrupted while saving",
    ),
    "blank": (
        lambda g: b"\n   \n",
        "the file is blank; the game was probably interrupted while saving",
    ),
    "non-JSON text": (
        lambda g: b"My essay on the Russia-DPRK partnership\n",
        "not a save file: invalid JSON at line 1, column 1: Expecting value",
    ),
    "binary": (
        lambda g: bytes(range(256)),
        "not a save file: byte 128 is not UTF-8 text",
    ),
    "foreign JSON": (
        lambda g: b'{"name": "my-package", "version": "1.0.0"}',
        'not a Korean Theater save: JSON without the marker "format": "korean-theater-save"',
    ),
    "JSON list": (
        lambda g: b"[1, 2, 3]",
        "not a Korean Theater save: the JSON is a list, not an object",
    ),
    "newer version": (
        lambda g: json.dumps({**_doc(g), "version": 4}).encode(),
        "save format version 4 is newer than this game reads (1 to 3); update the game to load it",
    ),
    "nonsense version": (
        lambda g: json.dumps({**_doc(g), "version": "two"}).encode(),
        "unknown save format version 'two' (this game reads 1 to 3)",
    ),
    "checksum removed": (
        lambda g: json.dumps({k: v for k, v in _doc(g).items() if k != "checksum"}).encode(),
        "the checksum is missing; the file was damaged or edited by hand",
    ),
    "valid checksum, bad field": (
        lambda g: _resealed({**_doc(g), "decisions": [{**_doc(g)["decisions"][0], "turn": 0}]}),
        "the save is damaged: decisions.0.turn: Input should be greater than or equal to 1",
    ),
    "valid checksum, missing fields": (
        lambda g: _resealed({"format": "korean-theater-save", "version": 2}),
        "the save is damaged: game_version: Field required (and 7 more problems)",
    ),
    "version 1 with broken lists": (
        lambda g: json.dumps(
            {"format": "korean-theater-save", "version": 1, "choices": 3}
        ).encode(),
        "cannot upgrade this version-1 save: 'choices' and 'rationales' must be lists",
    ),
    "deeply nested": (
        lambda g: b"[" * 100_000,
        "not a save file: JSON nested too deeply",
    ),
    "huge": (
        lambda g: g + b" " * (MAX_BYTES + 1),
        "too large to be a save ({huge} bytes; the limit is 4.0 MB)",
    ),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_file_gives_its_message_and_offers_the_backup(kind, slot, pinned):
    store, path, good = slot
    make, expected = BAD[kind]
    bad = make(good)
    path.write_bytes(bad)
    sizes = {"half": f"{len(bad) / 1024:.1f} kB", "huge": f"{len(bad):,}"}
    with pytest.raises(SaveError) as e:
        store.load("x", pinned)
    assert str(e.value) == f"{path}: " + expected.format(**sizes)
    assert e.value.message == str(e.value)
    assert e.value.path == path
    assert e.value.backup == store.root / "x.json.bak"
    loaded = store.load_backup("x", pinned)  # the backup: the game three decisions earlier
    assert loaded.problems == [] and len(loaded.session.choices) == 3
    # listing skips the bad file; scanning reports it
    assert [i.slot for i in store.list()] == []
    assert [str(err) for err in store.scan().errors] == [str(e.value)]


def test_wrong_pack(slot, pinned):
    store, path, _ = slot
    other = replace(pinned, meta=replace(pinned.meta, id="korean-theater"))
    with pytest.raises(SaveError) as e:
        store.load("x", other)
    assert str(e.value) == (
        f"{path}: this save is for the pack 'example', not 'korean-theater'; load it with that pack"
    )
    assert e.value.backup is None  # the backup is of the same pack: no use offering it


def test_missing_save_and_folder_instead_of_file(store, pinned):
    with pytest.raises(SaveError) as e:
        store.load("nothing", pinned)
    assert str(e.value) == f"{store.root / 'nothing.json'}: no such save file"
    assert e.value.backup is None
    (store.root / "dir.json").mkdir(parents=True)
    with pytest.raises(SaveError) as e:
        read_save(store.root / "dir.json")
    assert str(e.value) == f"{store.root / 'dir.json'}: is a folder, not a save file"


def test_damaged_backup_is_not_offered(slot, pinned):
    store, path, good = slot
    path.write_bytes(b"")
    (store.root / "x.json.bak").write_bytes(good[:100])
    with pytest.raises(SaveError) as e:
        store.load("x", pinned)
    assert e.value.backup is None
    with pytest.raises(SaveError, match="cut short"):
        store.load_backup("x", pinned)


def test_no_backup(store, pinned):
    store.save(us_game(pinned), "once")
    with pytest.raises(SaveError) as e:
        store.load_backup("once", pinned)
    assert str(e.value) == f"{store.root / 'once.json.bak'}: there is no backup of this save"


def test_every_single_bit_flip_is_caught(slot):
    """Flip each bit of each byte of a real save in turn: no flip ever reads as a save."""
    store, path, good = slot
    caught = 0
    for at in range(len(good)):
        for bit in range(8):
            with pytest.raises(SaveError):
                decode(_flip(good, at, bit), path)
            caught += 1
    assert caught == 8 * len(good)


def test_a_very_large_file_is_not_read_whole(tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as f:
        f.truncate(3 * 2**30)  # 3 GB, sparse
    with pytest.raises(SaveError) as e:
        read_save(path)
    assert (
        str(e.value) == f"{path}: too large to be a save (3,221,225,472 bytes; the limit is 4.0 MB)"
    )
