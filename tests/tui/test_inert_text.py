"""What the full-screen game draws from text it did not write stays inert: a rationale typed or
pasted in this game (the timeline, the debrief), the name and role of a file in the saves folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from tui_support import EXAMPLE

from game.content.compiler import load_pack
from game.engine.session import Session
from game.tui.services import _slot_info, _slot_of
from game.tui.spans import tui_blocks
from game.views.consequences import consequences
from game.views.debrief import decision_blocks
from game.views.policy import Policy
from tests.hostile import hostile, raw

PACK = load_pack(EXAMPLE).pack


@settings(max_examples=40, deadline=None)
@given(rationale=hostile())
def test_a_rationale_is_drawn_inert_in_the_timeline_and_the_debrief(rationale: str) -> None:
    session = Session.start(PACK, "us", "s")
    session = session.submit(session.briefing().open_options[0].id, rationale)
    blocks = tui_blocks([*consequences(session, 0, Policy()).blocks, *decision_blocks(session)])
    assert any("Your rationale" in content.plain for _, content in blocks)
    for _, content in blocks:
        assert raw(content.plain) == []


@given(name=hostile(), role=hostile())
def test_a_save_files_name_and_role_are_listed_inert(name: str, role: str) -> None:
    class Info:  # what game.saves.SaveStore.scan lists
        slot, pack_id, turn, date, over = name, "example", 1, dt.date(2023, 9, 1), False
        path = Path("x")
        saved_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    Info.role = role
    info = _slot_info(Info)
    assert raw(info.slot) == [] and raw(info.role) == [] and "\n" not in info.slot
    assert raw(_slot_of(Path(name.replace("/", "_") + ".json"))) == []
