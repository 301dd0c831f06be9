"""The one reader of untrusted TOML (game.content.tomlread): data that does not validate always
gives a located problem, for the pack loader and the classroom file alike, and nothing else in
the game parses TOML."""

from __future__ import annotations

import re
from typing import Any

import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom import load as classroom
from game.classroom import load_classroom
from game.content import loader, tomlerrors, tomlread
from game.content.compiler import load_pack
from game.content.items import LISTS, MODELS
from tests.support import EXAMPLE, GOOD, ROOT

# Values TOML can hold, nested a little.
TOML_VALUES = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats()
    | st.text(max_size=8)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _places(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place in a TOML document (tables, arrays and values alike)."""
    out = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _places(value, (*path, i))
    return out


def _replaced(node: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        assert isinstance(head, str)
        return {**node, head: _replaced(node[head], rest, value)}
    assert isinstance(head, int)
    return [_replaced(v, rest, value) if i == head else v for i, v in enumerate(node)]


def _items() -> list[tuple[str, Any]]:
    """Every list item and singleton table of the example pack, with its key."""
    out: list[tuple[str, Any]] = []
    for path in sorted(EXAMPLE.glob("*.toml")):
        for key, value in tomli.loads(path.read_text("utf-8")).items():
            out += [(key, v) for v in value] if key in LISTS else [(key, value)]
    return out


ITEMS = _items()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_pack_item_that_does_not_validate_always_says_where(data: st.DataObject) -> None:
    key, raw = data.draw(st.sampled_from(ITEMS))
    place = data.draw(st.sampled_from(_places(raw)))
    broken = _replaced(raw, place, data.draw(TOML_VALUES))
    model, problems = tomlread.validate(
        MODELS[key], broken, "f.toml", (key,), lambda path: (1, 1), loader.WORDS
    )
    assert (model is None) == bool(problems), (broken, problems)


GOOD_DATA = tomli.loads(GOOD)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_classroom_file_that_does_not_validate_always_says_where(data: st.DataObject) -> None:
    place = data.draw(st.sampled_from(_places(GOOD_DATA)))
    broken = _replaced(GOOD_DATA, place, data.draw(TOML_VALUES))
    model, problems = tomlread.validate(
        classroom.ClassroomSettings, broken, "c.toml", (), lambda path: (1, 1), classroom.WORDS
    )
    assert (model is None) == bool(problems), (broken, problems)


def test_a_value_no_branch_of_a_union_takes_is_reported(pack_copy) -> None:
    """`weight` is a number or an expression: a list is neither, and the event was dropped
    without a word."""
    folder = pack_copy({"events.toml": [("weight = ", "weight = [1] #")]})
    problems = load_pack(folder).problems
    assert [p.code for p in problems] == ["S102"], [p.format() for p in problems]
    assert "a valid number, or a valid string (got list)" in problems[0].message


def test_a_mistyped_assumption_names_both_types_once(classroom_file, example_pack) -> None:
    for value in ('"1.5"', "[1]"):
        _, problems = load_classroom(
            classroom_file(("hawk_bias = 1.5", f"hawk_bias = {value}")), example_pack
        )
        (problem,) = problems
        assert (problem.code, problem.line) == ("C504", 20), problem.format()
        assert "a valid boolean, or a valid number" in problem.message


def test_only_the_reader_parses_toml() -> None:
    package = ROOT / "game"
    parsing = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(package.rglob("*.py"))
        if re.search(r"^\s*(import|from) toml(i|lib)\b", path.read_text("utf-8"), re.M)
    ]
    assert parsing == ["game/content/tomlread.py"]


@settings(max_examples=40, deadline=None)
@given(
    left=st.sampled_from(list(tomlerrors.CURLY)),
    right=st.sampled_from(list(tomlerrors.CURLY)),
    word=st.text(alphabet="abcdefghij -", min_size=1, max_size=12),
)
def test_a_syntax_error_among_curly_quotes_says_to_retype_them(
    left: str, right: str, word: str
) -> None:
    """Quotes a word processor types are no TOML quotes: whatever the pair, the problem says
    so, for a pack file and a classroom file alike (both read through tomlread.parse)."""
    text = f"[pack]\ntitle = {left}{word}{right}\n"
    data, found = tomlread.parse("pack.toml", text, "P004", "P005", loader.problem)
    assert data is None and found is not None and found.line == 2
    assert "straight quotes" in found.hint


def test_a_syntax_error_elsewhere_keeps_the_usual_hint() -> None:
    text = 'title = "Week \u201c6\u201d"\nseed = = 1\n'
    _, found = tomlread.parse("class.toml", text, "C502", "C502", classroom.cproblem)
    assert found is not None and found.line == 2 and "straight quotes" not in found.hint


def test_curly_quotes_inside_a_string_are_not_the_slip() -> None:
    """Typographic quotes between straight ones are text: another mistake on their line keeps
    its own explanation."""
    text = 'title = "Week \u201c6\u201d" = 1\n'
    _, found = tomlread.parse("class.toml", text, "C502", "C502", classroom.cproblem)
    assert found is not None and "straight quotes" not in found.hint
