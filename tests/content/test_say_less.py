"""Ways to say less that stay checkable (issue 17, item 7): a file's [defaults], and effects
over time written as one string. The guide's like-for-like example compiles to the same event
both ways, in fewer lines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from tools import docgen

PACK = Path(__file__).resolve().parents[1] / "authoring" / "mistakes" / "pack"
FLAG = '[[flag]]\nid = "exposed"\nlabel = "The images are public"\n'


def _guide_blocks() -> dict[str, str]:
    text = docgen.AUTHORING.read_text(encoding="utf-8")
    found = re.findall(r"```toml\n# say less: the (long|short) way\n(.*?)```", text, re.S)
    return dict(found)


def _in_this_pack(text: str) -> str:
    """The guide's example with this pack's second role and meters."""
    return text.replace('"rok"', '"ussr"').replace("sanctions", "missiles")


def _with(tmp: Path, name: str, text: str):
    folder = tmp / name
    shutil.copytree(PACK, folder)
    (folder / "images.toml").write_text(_in_this_pack(text), encoding="utf-8")
    pack = folder / "pack.toml"
    pack.write_text(
        pack.read_text(encoding="utf-8").replace("[[assumption]]", FLAG + "\n[[assumption]]")
    )
    return load_pack(folder)


def _event(result, event_id: str):
    assert result.pack is not None, [p.format() for p in result.problems]
    e = result.pack.events_by_id[event_id]
    return (
        e.title, e.kind, e.roles, e.turn_min, e.turn_max,
        [
            (c.id, c.label, c.roles, c.tags, c.when.src,
             [_effect(f) for f in c.effects])
            for c in e.choices
        ],
    )  # fmt: skip


def _effect(f) -> tuple:
    return (f.stmt.src, f.mode, f.turns, f.factor, f.when.src if f.when else None)


def test_the_guides_short_way_is_the_same_event_in_fewer_lines(tmp_path: Path) -> None:
    blocks = _guide_blocks()
    long = _event(_with(tmp_path, "long", blocks["long"]), "images")
    short = _event(_with(tmp_path, "short", blocks["short"]), "images")
    assert long == short
    lines = {k: len(v.strip().split("\n")) + 1 for k, v in blocks.items()}  # and its blank
    event_lines = len(blocks["short"].split("[[event]]", 1)[1].strip().split("\n")) + 1
    assert lines["long"] == 34 and event_lines == 27


def test_an_items_own_key_wins_and_defaults_stay_in_their_file(tmp_path: Path) -> None:
    text = '[defaults.event]\nkind = "prediction"\npriority = 3\n\n' + _guide_blocks()["long"]
    result = _with(tmp_path, "p", text)
    images = result.pack.events_by_id["images"]
    assert (images.kind, images.priority) == ("historical", 3)
    assert result.pack.events_by_id["photos"].priority == 5  # events.toml: not this file's


def test_a_bad_default_is_reported_once_at_its_line(tmp_path: Path) -> None:
    text = '[defaults.event]\nkind = "historic"\n\n' + _guide_blocks()["short"].split("\n\n", 2)[2]
    problems = _with(tmp_path, "p", text.replace('kind = "historical"\n', "")).problems
    assert [(p.code, p.line) for p in problems] == [("S104", 2)]
    assert "did you mean 'historical'?" in problems[0].hint


def test_a_key_no_item_can_take_is_refused_in_defaults(tmp_path: Path) -> None:
    text = '[defaults.event]\ntitle = "All the same"\n\n' + _guide_blocks()["long"]
    (p,) = _with(tmp_path, "p", text).problems
    assert p.code == "S101" and p.line == 2 and "defaults.event" in p.message


STMTS = st.sampled_from(["tension += 4", "missiles -= 2.5", "prestige += tension / 10"])
CONDS = st.sampled_from([None, "flags.deal", "tension > 50 and not flags.quarantine"])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    stmt=STMTS,
    mode=st.sampled_from(["smooth", "lag", "decay", "immediate"]),
    turns=st.integers(1, 60),
    factor=st.sampled_from([0.25, 0.5, 0.9]),
    when=CONDS,
)
def test_an_effect_in_one_string_is_its_table(tmp_path_factory, stmt, mode, turns, factor, when):
    words = {"smooth": f" over {turns} turns", "lag": f" after {turns} turns"}
    words |= {"decay": f" fading {factor}", "immediate": ""}
    if mode == "immediate" and when is None:
        return
    short = stmt + words[mode] + (f" when {when}" if when else "")
    table = f'{{ do = "{stmt}", mode = "{mode}"'
    table += f", turns = {turns}" if mode in ("smooth", "lag") else ""
    table += f", factor = {factor}" if mode == "decay" else ""
    table += f', when = "{when}" }}' if when else " }"
    old = 'effects = ["tension -= 4"]'
    tmp = tmp_path_factory.mktemp("e")
    results = []
    for name, written in (("short", f'effects = ["{short}"]'), ("table", f"effects = [{table}]")):
        folder = tmp / name
        shutil.copytree(PACK, folder)
        events = folder / "events.toml"
        events.write_text(events.read_text(encoding="utf-8").replace(old, written), "utf-8")
        results.append(_event(load_pack(folder, analyse_pack=False), "pressure"))
    assert results[0] == results[1]


@pytest.mark.parametrize(
    ("written", "at"),
    [("tension -= 4 when tensio > 3", "tensio >"), ("tension -= 4 over 0 turns", '"')],
)
def test_a_mistake_in_one_string_is_shown_where_it_is(tmp_path: Path, written, at) -> None:
    folder = tmp_path / "p"
    shutil.copytree(PACK, folder)
    events = folder / "events.toml"
    text = events.read_text(encoding="utf-8").replace(
        'effects = ["tension -= 4"]', f'effects = ["{written}"]'
    )
    events.write_text(text, encoding="utf-8")
    (p,) = load_pack(folder).problems
    lines = text.split("\n")
    line = lines.index(f'  effects = ["{written}"]')
    col = lines[line].index(at, lines[line].index("[")) + 1  # in the string, past the key
    assert (p.line, p.col) == (line + 1, col), p.format()
