"""Saves are strict JSON: a NaN or an infinity is never written (the save is refused, with the
field that holds it), and a file that holds one, wherever, is refused on reading with a clear
error, never loaded as a game."""

from __future__ import annotations

import json
import math

import pytest
from helpers_saves import us_game
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.session import Session
from game.saves import SaveError, SaveStore, read_save
from game.saves.format import checksum

NONFINITE = st.sampled_from([math.nan, math.inf, -math.inf])


def numbers(doc, where: tuple = ()):
    """The place (the keys leading to it) of every number in a JSON document."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from numbers(v, (*where, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from numbers(v, (*where, i))
    elif isinstance(doc, int | float) and not isinstance(doc, bool):
        yield where


def put(doc, where: tuple, value) -> None:
    *parents, last = where
    for key in parents:
        doc = doc[key]
    doc[last] = value


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=NONFINITE, spelled=st.booleans(), data=st.data())
def test_a_file_holding_a_non_finite_number_anywhere_is_refused(
    store, pinned, value, spelled, data
) -> None:
    """NaN, Infinity, -Infinity (or 1e999, which reads as an infinity) in any numeric field of
    a save whose checksum was made to match: a clear error naming the field."""
    game = us_game(pinned)
    path = store.save(game, "x")
    doc = json.loads(path.read_bytes())
    where = data.draw(st.sampled_from(sorted(numbers(doc))))
    put(doc, where, value)
    doc.pop("checksum")
    doc["checksum"] = checksum(doc)
    text = json.dumps(doc)  # bare NaN, Infinity, -Infinity: what Python writes by default
    if spelled and math.isinf(value):
        text = text.replace(
            "-Infinity" if value < 0 else "Infinity", "-1e999" if value < 0 else "1e999"
        )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveError) as e:
        read_save(path)
    assert str(e.value) == (
        f"{path}: not strict JSON: {'.'.join(map(str, where))} is {value!r}, not a finite number "
        "(the file was "
        "damaged or edited, or written by a faulty game); a save holds only finite numbers"
    )


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=NONFINITE)
def test_a_game_holding_a_non_finite_number_is_never_written(tmp_path, pinned, value) -> None:
    store = SaveStore(tmp_path / f"saves-{value}")
    good = us_game(pinned)
    path = store.save(good.fork(2), "x")
    before = path.read_bytes()
    bad = Session.start(pinned, "us", "abc", {"hawk_bias": value})
    bad = bad.submit(bad.briefing().open_options[0].id)
    for save in (lambda: store.save(bad, "x"), lambda: store.autosave(bad)):
        with pytest.raises(SaveError) as e:
            save()
        assert f"assumptions.hawk_bias is {value!r}, not a finite number" in str(e.value)
        assert "nothing was written" in str(e.value)
    assert path.read_bytes() == before
    assert not (store.root / "autosave.json").exists()
    assert b"NaN" not in before and b"Infinity" not in before
