"""A pack is untrusted input: any file, however broken, gives located problems, never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import loader
from game.content.compiler import load_pack
from game.content.problems import Problem


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def test_missing_folder(tmp_path: Path) -> None:
    (p,) = load_pack(tmp_path / "nope").problems
    assert p.code == "P001" and "no such folder" in p.message


def test_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    f = tmp_path / "events.toml"
    f.write_text("x = 1")
    (p,) = load_pack(f).problems
    assert p.code == "P001" and "is a file" in p.message


def test_the_pack_toml_itself_names_its_folder(pack_copy) -> None:
    folder = pack_copy()
    assert load_pack(folder / "pack.toml").pack is not None


def test_folder_without_pack_toml(tmp_path: Path) -> None:
    (tmp_path / "events.toml").write_text("")
    assert "P001" in codes(load_pack(tmp_path).problems)


def test_non_utf8_bytes_are_located(pack_copy) -> None:
    folder = pack_copy()
    f = folder / "events.toml"
    f.write_bytes(f.read_bytes().replace(b"Imagery shows", b"Imagery \xff shows"))
    (p,) = load_pack(folder).problems
    assert (p.code, Path(p.file).name, p.line, p.col) == ("P003", "events.toml", 10, 19)


def test_huge_file_is_refused_without_reading_it(pack_copy) -> None:
    folder = pack_copy()
    with open(folder / "huge.toml", "wb") as f:
        f.truncate(loader.MAX_FILE_BYTES + 1)
    (p,) = load_pack(folder).problems
    assert p.code == "P002" and Path(p.file).name == "huge.toml"


def test_too_many_files(pack_copy, monkeypatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILES", 2)
    assert "P002" in codes(load_pack(pack_copy()).problems)


def test_deep_nesting_is_a_problem_not_a_crash(pack_copy) -> None:
    folder = pack_copy()
    (folder / "deep.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000)
    found = codes(load_pack(folder).problems)
    assert found and set(found) <= {"P004", "P005", "S101"}


def test_deep_inline_tables(pack_copy) -> None:
    folder = pack_copy()
    (folder / "deep.toml").write_text("x = " + "{a = " * 5000 + "1" + "}" * 5000)
    assert load_pack(folder).problems


def test_enormous_expression_is_refused_quickly(pack_copy) -> None:
    big = " + ".join(["tension"] * 20_000)
    folder = pack_copy({"world.toml": [('when = "tension > 20"', f'when = "{big} > 1"')]})
    (p,) = load_pack(folder).problems  # refused on its length, before it is parsed
    assert p.code == "S104" and "1000" in p.message


def test_later_chains_that_loop_do_not_hang(pack_copy, example_pack) -> None:
    # treasury schedules shipments, shipments schedules treasury: bounded by the turn limit
    folder = pack_copy(
        {
            "events.toml": [
                (
                    'effects = ["sanctions += 8"]',
                    'effects = ["sanctions += 8"]\n'
                    '  later = [{ in = 1, event = "shipments", force = true }]',
                )
            ]
        }  # fmt: skip
    )
    result = load_pack(folder)
    assert result.pack is not None
    from game.engine.session import Session

    s = Session.start(result.pack, "us", "loop")
    while not s.over:
        s = s.submit(s.briefing().open_options[0].id)
    assert s.state.turn <= result.pack.meta.turns + 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_any_bytes_in_a_pack_file_give_problems_not_exceptions(pack_copy, data: bytes) -> None:
    target = _scratch(pack_copy)
    (target / "fuzz.toml").write_bytes(data)
    result = load_pack(target)
    assert all(p.line >= 1 and p.col >= 1 for p in result.problems)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "[[event]]",
                'id = "e"',
                'kind = "prediction"',
                'text = "t"',
                "[[event.choice]]",
                'label = "L"',
                'effects = ["tension += 1"]',
                'when = "x >"',
                "[pack]",
                "[[role]]",
                'roles = ["zz"]',
                "priority = 1.5",
                "outcomes = [{ chance = 2 }]",
                "[escalation]",
                "later = [{ in = 0 }]",
                'effects = [{ do = "flags.exposed = 1", mode = "decay" }]',
            ]
        ),  # fmt: skip
        max_size=25,
    )
)
def test_random_pack_fragments_never_crash(pack_copy, lines: list[str]) -> None:
    target = _scratch(pack_copy)
    (target / "fuzz.toml").write_text("\n".join(lines))
    result = load_pack(target)
    assert all(p.code and p.message for p in result.problems)


_SCRATCH: dict[int, Path] = {}


def _scratch(pack_copy) -> Path:
    """One copy of the example pack per test function, reused across hypothesis examples."""
    key = id(pack_copy)
    if key not in _SCRATCH:
        _SCRATCH.clear()
        _SCRATCH[key] = pack_copy()
    return _SCRATCH[key]
