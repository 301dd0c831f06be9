"""Classroom files: checked like a pack (every problem located, with a code and a hint), and the
rules they set (roles, turn limit, assumptions, rationales)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom import apply_to_pack, base_pack, check_rationale, load_classroom
from game.classroom.problems import CODES
from game.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_the_shipped_example_classroom_file_is_clean() -> None:
    s, problems = load_classroom(ROOT / "examples" / "classroom.toml")
    assert problems == [], [p.format() for p in problems]
    assert s is not None and s.id == "ir201-week6" and s.classroom.turns == 12
    assert s.predicting == ("tension", "sanctions")
    assert Path(s.pack_path).name == "korean-theater"


def test_a_good_file_against_the_example_pack(classroom_file, example_pack) -> None:
    s, problems = load_classroom(classroom_file(), example_pack)
    assert problems == [] and s is not None
    assert s.seed == "class-3" and s.title == "Week 6" and s.digest and s.source
    assert s.assumptions == {"china_restrains": False, "hawk_bias": 1.5}


def test_the_id_defaults_to_the_file_name(classroom_file, example_pack) -> None:
    path = classroom_file(('id = "week-6"\n', ""), name="IR 201 Week 6.toml")
    s, problems = load_classroom(path, example_pack)
    assert problems == [] and s is not None and s.id == "ir-201-week-6"


# (edit, code, line, words in the message or hint)
CASES = [
    (("seed = ", "sed = "), "C503", 5, "did you mean `seed`"),
    (("[predict]", "[predicts]"), "C503", 14, "did you mean `[predict]`"),
    (("turns = 4", 'turns = "4"'), "C504", 7, "integer"),
    (("required = true", 'required = "yes"'), "C504", 11, "boolean"),
    (('seed = "class-3"\n', ""), "C505", 1, "needs `seed`"),
    (('id = "week-6"', 'id = "Week 6!"'), "C506", 2, "lowercase"),
    (("whatif_runs = 0", "whatif_runs = -1"), "C506", 8, "greater than or equal"),
    (('variables = ["tension"]', 'variables = ["tension", "tension"]'), "C506", 15, "twice"),
    (('roles = ["us"]', 'roles = ["us", "china"]'), "C508", 6, "unknown role 'china'"),
    (("china_restrains = false", "china_restrain = false"), "C509", 19, "china_restrains"),
    (("hawk_bias = 1.5", "hawk_bias = true"), "C509", 20, "a number"),
    (("china_restrains = false", "china_restrains = 0.5"), "C509", 19, "true or false"),
    (('variables = ["tension"]', 'variables = ["escalation"]'), "C510", 15, "hidden"),
    (('variables = ["tension"]', 'variables = ["nope"]'), "C510", 15, "not a variable"),
    (("turns = 4", "turns = 40"), "C511", 7, "6 turns"),
]


@pytest.mark.parametrize(("edit", "code", "line", "words"), CASES, ids=[c[1] for c in CASES])
def test_each_problem_is_located(classroom_file, example_pack, edit, code, line, words) -> None:
    s, problems = load_classroom(classroom_file(edit), example_pack)
    assert s is None
    found = [p for p in problems if p.code == code]
    assert found, [p.format() for p in problems]
    p = found[0]
    assert p.line == line, p.format()
    assert words.lower() in (p.message + " " + p.hint).lower(), p.format()
    assert p.hint and p.file.endswith("class.toml")


def test_syntax_error_is_located(classroom_file, example_pack) -> None:
    s, problems = load_classroom(classroom_file(text='[classroom]\nseed = "x\n'), example_pack)
    assert s is None and codes(problems) == ["C502"] and problems[0].line == 2


def test_unreadable_files(tmp_path: Path, example_pack) -> None:
    missing = load_classroom(tmp_path / "nope.toml", example_pack)[1]
    assert codes(missing) == ["C501"] and "no such classroom file" in missing[0].message
    folder = load_classroom(tmp_path, example_pack)[1]
    assert codes(folder) == ["C501"] and "folder" in folder[0].message
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b'[classroom]\nseed = "\xff"\n')
    p = load_classroom(binary, example_pack)[1]
    assert codes(p) == ["C501"] and (p[0].line, p[0].col) == (2, 9)


def test_no_classroom_table(classroom_file, example_pack) -> None:
    p = load_classroom(classroom_file(text="[rationale]\nrequired = true\n"), example_pack)[1]
    assert codes(p) == ["C505"] and "[classroom]" in p[0].message


def test_unknown_pack(classroom_file) -> None:
    path = classroom_file(text='[classroom]\nseed = "x"\npack = "no-such-pack"\n')
    s, p = load_classroom(path)
    assert s is None and codes(p) == ["C507"] and p[0].line == 3


def test_every_problem_is_reported_not_just_the_first(classroom_file, example_pack) -> None:
    path = classroom_file(
        ('roles = ["us"]', 'roles = ["china"]'),
        ("turns = 4", "turns = 99"),
        ("hawk_bias = 1.5", "hawk_bias = false"),
    )
    p = load_classroom(path, example_pack)[1]
    assert codes(p) == ["C508", "C511", "C509"]  # in the file's order
    assert [x.line for x in p] == sorted(x.line for x in p)


def test_every_code_has_a_title_and_a_fix() -> None:
    assert all(c.startswith("C5") and title and fix for c, (title, fix) in CODES.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(tmp_path_factory, example_pack, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "c.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    s, problems = load_classroom(path, example_pack)
    assert (s is None) == bool(problems)
    assert all(p.line >= 1 and p.col >= 1 and p.code in CODES for p in problems)


# -- the rules ---------------------------------------------------------------------------------


def test_apply_to_pack_sets_roles_turns_and_assumptions(classroom_file, example_pack) -> None:
    s, _ = load_classroom(classroom_file(), example_pack)
    pack = apply_to_pack(example_pack, s)
    assert list(pack.roles) == ["us"] and pack.meta.turns == 4
    assert {a.id: a.default for a in pack.assumptions} == {
        "china_restrains": False,
        "hawk_bias": 1.5,
    }
    assert pack.digest == example_pack.digest  # saves still match the pack's files
    assert base_pack(pack) is example_pack and base_pack(apply_to_pack(pack, s)) is example_pack
    assert example_pack.meta.turns == 6 and len(example_pack.roles) == 2  # untouched
    assert apply_to_pack(example_pack, None) is example_pack


def test_a_classroom_game_ends_at_the_turn_limit(classroom_file, example_pack) -> None:
    s, _ = load_classroom(classroom_file(), example_pack)
    pack = apply_to_pack(example_pack, s)
    session = s.start(pack, "us")
    assert session.seed == "class-3" and session.assumptions == s.assumptions
    while not session.over:
        session = session.submit(session.briefing().open_options[0].id)
    assert len(session.steps) <= 4
    full = Session.start(example_pack, "us", "class-3")
    while not full.over:
        full = full.submit(full.briefing().open_options[0].id)
    assert len(full.steps) > len(session.steps)


def test_check_rationale(classroom_file, example_pack) -> None:
    s, _ = load_classroom(classroom_file(), example_pack)
    assert "asks for a rationale" in check_rationale(s, "   ")
    assert "at least 10" in check_rationale(s, "too  short")  # spaces collapse: 9 characters
    assert check_rationale(s, "long enough reason") is None
    assert check_rationale(s, "x").startswith("Your rationale has 1 character; ")
    assert check_rationale(None, "") is None
    loose, _ = load_classroom(classroom_file(("required = true", "required = false")), example_pack)
    assert check_rationale(loose, "") is None


def test_the_teaching_guide_lists_every_classroom_problem_code() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "teaching.md").read_text("utf-8")
    missing = [code for code in CODES if code not in guide]
    assert not missing, f"docs/teaching.md does not explain {missing}"


@pytest.mark.parametrize("spelled", ["nan", "inf", "-inf", "+nan"])
def test_a_classroom_file_cannot_set_a_non_finite_assumption(classroom_file, spelled) -> None:
    path = classroom_file(("hawk_bias = 1.5", f"hawk_bias = {spelled}"))
    loaded, problems = load_classroom(path)
    assert loaded is None
    (problem,) = problems
    line = path.read_text().splitlines().index(f"hawk_bias = {spelled}") + 1
    assert (problem.line, problem.code) == (line, "C506")
    assert "finite number" in problem.message


def _spellings(word: str):
    """Every capitalisation of `word` but the lower-case one."""
    return (
        st.lists(st.booleans(), min_size=len(word), max_size=len(word))
        .map(lambda ups: "".join(c.upper() if u else c for c, u in zip(word, ups, strict=True)))
        .filter(lambda w: w != word)
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_table_name_in_capitals_is_named_with_its_lower_case_spelling(
    classroom_file, example_pack, data
) -> None:
    """`[Classroom]` (a teacher's habit) is not `[classroom]`: `check` takes the file as a
    classroom file and says the names are lower case, never 'not a pack folder'."""
    from game.commands.check import is_classroom_file

    table = data.draw(st.sampled_from(["classroom", "rationale", "predict", "assumptions"]))
    spelled = data.draw(_spellings(table))
    path = classroom_file((f"[{table}]", f"[{spelled}]"))
    assert is_classroom_file(path)
    s, problems = load_classroom(path, example_pack)
    assert s is None and codes(problems) == ["C503"]
    assert f"`[{table}]`" in (problems[0].hint or "") and "lower case" in problems[0].hint


CURLY_PAIRS = [
    ("\u201c", "\u201d"),
    ("\u2018", "\u2019"),
    ("\u201e", "\u201c"),
    ("\u00ab", "\u00bb"),
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pair=st.sampled_from(CURLY_PAIRS),
    key=st.sampled_from(['title = "Week 6"', 'seed = "class-3"', 'prompt = "Why?"']),
)
def test_curly_quotes_are_named_as_the_slip(classroom_file, example_pack, pair, key) -> None:
    name, value = key.split(" = ")
    curly = f"{name} = {pair[0]}{value.strip(chr(34))}{pair[1]}"
    edits = (
        [(key, curly)]
        if key != 'prompt = "Why?"'
        else [("[rationale]\n", f"[rationale]\n{curly}\n")]
    )
    s, problems = load_classroom(classroom_file(*edits), example_pack)
    assert s is None and codes(problems) == ["C502"]
    assert "straight quotes" in (problems[0].hint or "")


def test_straight_quotes_around_curly_ones_are_text(classroom_file, example_pack) -> None:
    s, problems = load_classroom(
        classroom_file(('title = "Week 6"', 'title = "Week 6: \u201cdeterrence\u201d"')),
        example_pack,
    )
    assert problems == [] and s is not None and s.title == "Week 6: \u201cdeterrence\u201d"
