"""The cycle collector paused while a pack loads (game.content.compiler.load_pack), and while
the first load imports what loading needs (game.content.packs.for_play)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """A load builds hundreds of thousands of objects that all stay alive; the cycle collector
    would walk them again at every collection, which made a load slower per event the larger
    the pack (10,000 events: 40% of the time). Nothing a load makes needs it.

    Afterwards what the load made goes straight to the oldest generation (freeze, then
    unfreeze: two list splices). Left young, the collector would walk all of it twice more
    before it got there (10,000 events: 0.6 s of the collector's time after the load). Not
    while anything else is frozen: unfreezing would hand a browser game's shared pages back to
    the collector (game.web.zygote)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
