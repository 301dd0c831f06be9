"""What a load makes once and shares (game.content.context): an effect written the same way in
several places is one object, which is what keeps a large pack's load linear and small."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.content.compiler import load_pack
from tests.support import EXAMPLE


def test_an_effect_written_the_same_way_twice_is_made_once() -> None:
    pack = load_pack(EXAMPLE).pack
    assert pack is not None
    choices = {(e.id, c.id): c for e in pack.events for c in e.choices}
    quiet, deny = choices[("shipments", "quiet")], choices[("shipments", "deny")]
    assert quiet.later[0].effects[0].stmt.src == deny.effects[0].stmt.src == "cooperation += 5"
    assert quiet.later[0].effects[0] is deny.effects[0]


def test_a_table_effect_written_the_same_way_twice_is_made_once(
    pack_copy: Callable[..., Path],
) -> None:
    table = '{ do = "tension += 12", mode = "decay", factor = 0.5 }'
    folder = pack_copy(
        {"events.toml": [('effects = ["cooperation += 5"]\n', f"effects = [{table}]\n")]}
    )
    pack = load_pack(folder).pack
    assert pack is not None
    choices = {(e.id, c.id): c for e in pack.events for c in e.choices}
    outcome = choices[("shipments", "declassify")].outcomes[1]
    assert outcome.effects[1] is choices[("shipments", "deny")].effects[0]


def test_an_effect_with_a_problem_is_reported_wherever_it_is_written(
    pack_copy: Callable[..., Path],
) -> None:
    spread = '{ do = "tension = 5", mode = "smooth", turns = 2 }'
    folder = pack_copy(
        {
            "events.toml": [
                ('effects = ["tension -= 3"]', f"effects = [{spread}]"),
                ('effects = ["cooperation += 5"]\n', f"effects = [{spread}]\n"),
            ]
        }
    )
    found = [p for p in load_pack(folder).problems if p.code == "V309"]
    assert len({(p.file, p.line) for p in found}) == 2


def test_a_pack_without_teaching_notes_has_those_of_an_empty_teaching_table(
    pack_copy: Callable[..., Path],
) -> None:
    text = (EXAMPLE / "pack.toml").read_text(encoding="utf-8")
    table = text[text.index("[teaching]") : text.index("[[role]]")]
    folder = pack_copy({"pack.toml": [(table, "")]})
    without = load_pack(folder).pack
    (folder / "pack.toml").write_text(text.replace(table, "[teaching]\n"), encoding="utf-8")
    empty = load_pack(folder).pack
    assert without is not None and empty is not None
    fields = ("goals", "questions", "teaching_notes", "packet", "reality_as_of")
    assert [getattr(without, f) for f in fields] == [getattr(empty, f) for f in fields]
