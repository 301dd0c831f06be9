"""What a load leaves to the cycle collector (game.content.collector.paused)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from game.content.compiler import load_pack
from tests.support import EXAMPLE


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_load_leaves_nothing_young_for_the_collector_to_walk(collector_on: None) -> None:
    gc.collect()
    result = load_pack(EXAMPLE)
    assert result.pack is not None
    # the example pack makes tens of thousands of objects; left young, all would be walked by
    # the next collections of the young generations
    assert len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1)) < 1_000
    assert gc.isenabled()


def test_a_load_does_not_unfreeze_what_another_part_froze(collector_on: None) -> None:
    gc.collect()
    gc.freeze()  # as the browser server's zygote does before it forks games
    try:
        frozen = gc.get_freeze_count()
        assert load_pack(EXAMPLE).pack is not None
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_load_leaves_a_disabled_collector_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        assert load_pack(EXAMPLE).pack is not None
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
