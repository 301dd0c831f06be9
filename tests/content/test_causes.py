"""One broken declaration is reported once, first, with what follows from it folded in
(game.content.causes): the cascades of issue 17 as classes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.content.problems import Problem

PACK = Path(__file__).resolve().parents[1] / "authoring" / "mistakes" / "pack"
FILES = sorted(p.name for p in PACK.glob("*.toml"))
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _load(tmp: Path, name: str, edit) -> list[Problem]:
    folder = tmp / "pack"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(PACK, folder)
    path = folder / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return load_pack(folder).problems


def _value_lines(name: str) -> list[int]:
    """Lines `key = value` outside multi-line strings."""
    out, inside = [], False
    for n, line in enumerate((PACK / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.count('"""') % 2:
            inside = not inside
            continue
        if not inside and re.match(r"^\s*[a-z_]+ = \S", line):
            out.append(n)
    return out


@SLOW
@given(data=st.data())
def test_a_file_that_does_not_parse_is_the_one_problem_shown(tmp_path_factory, data) -> None:
    name = data.draw(st.sampled_from(FILES))
    line = data.draw(st.sampled_from(_value_lines(name)))

    def edit(text: str) -> str:
        lines = text.split("\n")
        key = lines[line - 1].split("=")[0]
        lines[line - 1] = f"{key}= not a value"
        return "\n".join(lines)

    problems = _load(tmp_path_factory.mktemp("p"), name, edit)
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [(name, line, "P004")]


DECLARATIONS = [
    (m.start(), m.group(0))
    for m in re.finditer(r'^id = "[a-z]+"$', (PACK / "pack.toml").read_text(encoding="utf-8"), re.M)
]


@SLOW
@given(
    at=st.sampled_from(DECLARATIONS),
    key=st.sampled_from(["idd", "Id", "ID", "di", "ide", "name_id", "uid"]),
)
def test_an_item_whose_id_is_misspelt_is_reported_once_and_first(tmp_path_factory, at, key):
    offset, written = at

    def edit(text: str) -> str:
        return text[:offset] + text[offset:].replace("id =", f"{key} =", 1)

    problems = _load(tmp_path_factory.mktemp("p"), "pack.toml", edit)
    line = (PACK / "pack.toml").read_text(encoding="utf-8").count("\n", 0, offset) + 1
    first = problems[0]
    assert (Path(first.file).name, first.line, first.code) == ("pack.toml", line, "S101")
    assert len(problems) <= 3, [p.format() for p in problems]
    assert not any(p.code in ("X002", "R202", "R203", "R205") for p in problems), [
        p.format() for p in problems
    ]


ROOT = Path(__file__).resolve().parents[2]
PACKS = [
    PACK,
    ROOT / "tests" / "fixtures" / "packs" / "example",
    ROOT / "content" / "korean-theater",
]


@pytest.mark.parametrize("pack", PACKS, ids=[p.name for p in PACKS])
@pytest.mark.parametrize(
    ("broken", "code", "line"),
    [("", "S105", 1), ('[pack]\nid = "x\n', "P004", 2)],
    ids=["emptied", "unparsed"],
)
def test_a_broken_pack_toml_is_one_problem_with_what_follows_folded(
    tmp_path: Path, pack: Path, broken: str, code: str, line: int
) -> None:
    """Whatever the pack uses (costs need its [budget], events its roles …)."""
    folder = tmp_path / "pack"
    shutil.copytree(pack, folder)
    (folder / "pack.toml").write_text(broken, encoding="utf-8")
    (first,) = load_pack(folder).problems
    assert first.code == code and first.line == line and first.consequences > 10
    assert f"and {first.consequences} problems that follow from it" in first.format()


def test_what_is_folded_is_kept_with_its_cause(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    (folder / "pack.toml").write_text("", encoding="utf-8")
    result = load_pack(folder)
    (root,) = result.problems
    assert len(result.folded) == root.consequences
    assert {p.cause for p in result.folded} == {f"{root.file}:{root.line}:{root.col}"}


def test_problems_come_by_stage_and_pack_toml_first(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    events = folder / "events.toml"
    text = events.read_text(encoding="utf-8").replace('"tension += 8"', '"tenson += 8"')
    events.write_text(text.replace("once = false", 'once = "no"'), encoding="utf-8")
    pack = folder / "pack.toml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("turns = 6", 'turns = "6"'))
    codes = [(p.code, Path(p.file).name) for p in load_pack(folder).problems]
    assert codes == [("S102", "pack.toml"), ("S102", "events.toml"), ("X002", "events.toml")]


def test_a_reference_to_unknown_roles_is_not_also_an_event_nobody_sees(tmp_path: Path) -> None:
    problems = _load(tmp_path, "events.toml", lambda t: t.replace('["us"]', '["usa"]', 1))
    assert [p.code for p in problems] == ["R202"]
    assert problems[0].consequences == 1  # the V303 it implies


def _first_declarations(pack: Path) -> list[tuple[str, str]]:
    """(file, kind) of the first item of each kind of the pack, by its `[[kind]]` and `id` lines."""
    found: dict[str, str] = {}
    for path in sorted(pack.rglob("*.toml")):
        for kind in re.findall(r"^\[\[(\w+)\]\]\nid = ", path.read_text(encoding="utf-8"), re.M):
            found.setdefault(kind, path.relative_to(pack).as_posix())
    return [(file, kind) for kind, file in sorted(found.items())]


@pytest.mark.parametrize(
    ("pack", "file", "kind"),
    [(pack, file, kind) for pack in PACKS for file, kind in _first_declarations(pack)],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_any_item_whose_id_is_misspelt_is_the_one_problem(tmp_path, pack, file, kind) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(pack, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"[[{kind}]]\nid = ", f"[[{kind}]]\nidd = ", 1), "utf-8")
    problems = load_pack(folder).problems
    assert [p.code for p in problems] == ["S101"], [p.format() for p in problems]
