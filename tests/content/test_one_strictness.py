"""`check` and the JSON Schema an editor reads agree on what a value may be (issue 17, item 3):
values are of the TOML type the schema says, and TOML 1.1's additions, which editors do not
read, are refused with the line that holds them."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import jsonschema
import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import fixes
from game.content.compiler import load_pack
from game.content.jsonschema import schema_dict

PACK = Path(__file__).resolve().parents[1] / "authoring" / "mistakes" / "pack"
VALIDATOR = jsonschema.Draft202012Validator(schema_dict())


def _scalar_fields() -> list[tuple[tuple[str, ...], str, type]]:
    """(table, key, type) of every boolean, whole-number and date field of the format."""
    out = []
    for table, (model, _) in sorted(fixes.tables().items()):
        for name, f in model.model_fields.items():
            kinds = {a for a in (f.annotation, *typing.get_args(f.annotation)) if a is not None}
            kinds.discard(type(None))
            if len(kinds) == 1 and next(iter(kinds)) in (bool, int, dt.date):
                out.append((table, f.alias or name, next(iter(kinds))))
    return out


SCALARS = _scalar_fields()


def _quoted(kind: type, data) -> str:
    if kind is bool:
        return data.draw(st.sampled_from(["yes", "no", "true", "false", "on", "0", "1"]))
    if kind is int:
        return str(data.draw(st.integers(0, 50)))
    return data.draw(st.dates(dt.date(1950, 1, 1), dt.date(2050, 1, 1))).isoformat()


def test_every_kind_of_scalar_field_is_covered() -> None:
    kinds = {k for _, _, k in SCALARS}
    assert kinds == {bool, int, dt.date} and len(SCALARS) > 20


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_quoted_value_is_refused_by_the_checker_and_the_schema_alike(data) -> None:
    """Any boolean, whole-number or date field given as a string: S102, whose hint writes it
    without quotes; and for booleans and numbers the JSON Schema refuses it too."""
    table, key, kind = data.draw(st.sampled_from(SCALARS))
    text = _quoted(kind, data)
    model = fixes.tables()[table][0]
    problem = _validate_one(model, key, text)
    assert problem is not None and problem[0] in ("bool_type", "int_type", "date_type")
    hint = fixes.wrong_type((*table, key), problem[0], text)
    assert hint and "without quotes" in hint, hint
    if kind is not dt.date:  # the schema writes dates as strings: it cannot tell them apart
        document = _in_a_file(table, key, text)
        assert list(VALIDATOR.iter_errors(document)), (table, key, text)


def _validate_one(model, key: str, value: str):
    from pydantic import ValidationError

    try:
        model.model_validate({key: value})
    except ValidationError as e:
        for err in e.errors():
            if err["loc"] and err["loc"][0] == key:
                return err["type"], err["msg"]
    return None


def _in_a_file(table: tuple[str, ...], key: str, value: str) -> dict:
    """A pack file that holds `key = value` in `table` (other keys left out: the schema's
    error for the value is what counts)."""
    doc: dict = {}
    node = doc
    for i, part in enumerate(table):
        many = fixes.tables()[table[: i + 1]][1]
        child: dict = {}
        node[part] = [child] if many else child
        node = child
    node[key] = value
    return doc


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("x = { a = 1,\n  b = 2 }", "over several lines"),
        ("x = { a = 1, }", "a comma before"),
        ('x = "bell \\e"', "the escape `\\e`"),
        ('x = """\nA \\x41\n"""', "the escape `\\x`"),
        ("x = 07:32", "a time without seconds"),
        ("x = 1979-05-27T07:32", "a time without seconds"),
        ("x = 1979-05-27 07:32+09:00", "a time without seconds"),
        ("x = [07:32:00, 07:32]", "a time without seconds"),
        ("x = [\n  # at 07:30\n\t07:32,\n]", "a time without seconds"),
        ("x = { at = 07:32 }", "a time without seconds"),
    ],
)
def test_toml_1_1_is_refused_where_it_is_written(tmp_path: Path, written: str, what: str) -> None:
    tomli.loads(written)  # the reader takes it: the checker must not
    folder = tmp_path / "pack"
    import shutil

    shutil.copytree(PACK, folder)
    events = folder / "events.toml"
    events.write_text(events.read_text(encoding="utf-8") + "\n" + written + "\n", "utf-8")
    problems = load_pack(folder).problems
    line = events.read_text(encoding="utf-8").split("\n").index(written.split("\n")[0]) + 1
    first = problems[0]
    assert (first.code, Path(first.file).name) == ("P004", "events.toml")
    assert what in first.message and "TOML 1.1" in first.message and first.hint
    assert first.line >= line


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, 10_000))
def test_any_inline_table_of_the_pack_split_over_two_lines_is_refused(cut: int) -> None:
    from game.content.locate import Locator

    texts = [p.read_text(encoding="utf-8") for p in sorted(PACK.glob("*.toml"))]
    tables = [
        (t, i)
        for t in texts
        for i in range(len(t))
        if t[i] == "{" and ", " in t[i : t.find("}", i)]
    ]
    text, start = tables[cut % len(tables)]
    comma = text.index(", ", start)
    split = text[: comma + 1] + "\n    " + text[comma + 2 :]
    tomli.loads(split)
    newer = Locator(split).newer
    assert [what for _, what in newer] == ["an inline table `{ … }` over several lines"]


def test_the_shipped_packs_are_toml_1_0() -> None:
    from game.content.locate import Locator

    root = Path(__file__).resolve().parents[2]
    for path in [*root.glob("content/**/*.toml"), *root.glob("tests/fixtures/packs/**/*.toml")]:
        assert Locator(path.read_text(encoding="utf-8")).newer == [], path
