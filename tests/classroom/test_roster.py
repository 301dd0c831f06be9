"""A classroom file's roster: roles for named students or teams ([[assign]]) and groups that play
other settings ([[group]]), checked like the rest of the file and applied when a student starts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom import apply_to_pack, load_classroom

ROSTER = """
[[assign]]
team = "Hawks"
role = "us"
students = ["Ada Kim", "Ben Lee"]

[[assign]]
role = "russia"
students = ["Cy Park"]

[[group]]
name = "B: Beijing does not restrain"
teams = ["Hawks"]
seed = "b-seed"
assumptions = { hawk_bias = 0.5 }
"""


def _file(classroom_file, roster: str = ROSTER, *edits: tuple[str, str]):
    """The tests' classroom file, playing both roles, with `roster` (edited) at its end."""
    for old, new in edits:
        assert old in roster, old
        roster = roster.replace(old, new, 1)
    return classroom_file(
        ('roles = ["us"]', 'roles = ["us", "russia"]'),
        ("hawk_bias = 1.5\n", "hawk_bias = 1.5\n" + roster),
    )


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_a_roster_gives_roles_teams_and_groups(classroom_file, example_pack) -> None:
    s, problems = load_classroom(_file(classroom_file), example_pack)
    assert problems == [] and s is not None
    assert s.assignment_of("ada  KIM").role == "us" and s.team_of("Ben Lee") == "Hawks"
    assert s.assignment_of("Cy Park").role == "russia" and s.team_of("Cy Park") == ""
    assert s.assignment_of("Dee") is None and s.assignment_of("") is None
    assert s.group_of("Ada Kim").name.startswith("B:") and s.group_of("Cy Park") is None
    assert s.seed_for("Ada Kim") == "b-seed" and s.seed_for("Cy Park") == "class-3"
    assert s.assumptions_for("Ben Lee") == {"china_restrains": False, "hawk_bias": 0.5}
    assert s.assumptions_for("Cy Park") == s.assumptions
    played = apply_to_pack(example_pack, s)
    session = s.start(played, "us", "Ada Kim")
    assert session.seed == "b-seed" and dict(session.assumptions)["hawk_bias"] == 0.5
    assert s.start(played, "us", "Dee").seed == "class-3"


# (edit of ROSTER, code, the line's text, words in the message or hint)
CASES = [
    (('role = "us"', 'role = "usa"'), "C508", 'role = "usa"', "did you mean `us`"),
    (('role = "russia"', 'role = "china"'), "C508", 'role = "china"', "unknown role 'china'"),
    (('["Cy Park"]', '["Cy Park", "ada  kim"]'), "C506", '["Cy Park", "ada  kim"]', "twice"),
    (('["Cy Park"]', '["  "]'), "C506", '["  "]', "no student's name"),
    (('teams = ["Hawks"]', 'teams = ["Hawk"]'), "C506", 'teams = ["Hawk"]', "did you mean `Hawks`"),
    (('teams = ["Hawks"]', "teams = []"), "C505", 'name = "B: Beijing', "names nobody"),
    (("hawk_bias = 0.5", "hawk_bais = 0.5"), "C509", "hawk_bais", "hawk_bias"),
    (("hawk_bias = 0.5", "hawk_bias = true"), "C509", "hawk_bias = true", "a number"),
    (('students = ["Cy Park"]', 'studnets = ["Cy Park"]'), "C503", "studnets", "`students`"),
]


@pytest.mark.parametrize(("edit", "code", "text", "words"), CASES, ids=[c[3] for c in CASES])
def test_each_roster_problem_names_its_line_and_fix(
    classroom_file, example_pack, edit, code, text, words
) -> None:
    path = _file(classroom_file, ROSTER, edit)
    s, problems = load_classroom(path, example_pack)
    assert s is None
    found = [p for p in problems if p.code == code]
    assert found, [p.format() for p in problems]
    p = found[0]
    assert text in _lines(path)[p.line - 1], p.format()
    assert words.lower() in (p.message + " " + p.hint).lower(), p.format()
    assert p.hint and p.file.endswith("class.toml")


def test_a_role_the_class_does_not_play_is_named(classroom_file, example_pack) -> None:
    path = classroom_file(("hawk_bias = 1.5\n", "hawk_bias = 1.5\n" + ROSTER))  # roles = ["us"]
    s, problems = load_classroom(path, example_pack)
    assert s is None and [p.code for p in problems] == ["C508"]
    assert (
        "only us" in problems[0].message and 'role = "russia"' in _lines(path)[problems[0].line - 1]
    )


def test_a_team_or_a_group_given_twice_is_named(classroom_file, example_pack) -> None:
    twice = ROSTER + '\n[[group]]\nname = "B: Beijing does not restrain"\nstudents = ["Cy Park"]\n'
    s, problems = load_classroom(_file(classroom_file, twice), example_pack)
    assert s is None and "two groups" in problems[0].message
    team = ROSTER.replace('role = "russia"', 'team = "Hawks"\nrole = "russia"')
    s, problems = load_classroom(_file(classroom_file, team), example_pack)
    assert s is None and "second [[assign]]" in problems[0].message


NAMES = st.text(alphabet=st.sampled_from("aAbB -"), min_size=1, max_size=6)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=NAMES, b=NAMES)
def test_two_spellings_of_one_student_are_one_student(classroom_file, example_pack, a, b) -> None:
    """However the teacher spells the names, a student gets one role: two spellings of one
    student (capitals, spaces) are refused, two students are both given theirs."""
    from game.classroom.files import student_id

    roster = f'[[assign]]\nrole = "us"\nstudents = [{a!r}, {b!r}]\n'.replace("'", '"')
    s, problems = load_classroom(_file(classroom_file, roster), example_pack)
    if not student_id(a) or not student_id(b) or student_id(a) == student_id(b):
        assert s is None and {p.code for p in problems} == {"C506"}
    else:
        assert problems == [] and s.assignment_of(a).role == s.assignment_of(b).role == "us"


def test_plain_mode_gives_the_teachers_role_and_the_groups_world(
    classroom_file, example_pack, tmp_path
) -> None:
    import io

    from game.plain_classroom import play_classroom
    from game.saves import read_save

    s, _ = load_classroom(_file(classroom_file), example_pack)
    feed = iter(["Ben  Lee", *(["1 because deterrence works", "u"] * 10)])
    out = io.StringIO()
    rc = play_classroom(s, example_pack, "russia", tmp_path, out, lambda: next(feed, None))
    text = out.getvalue()
    assert rc == 0 and "Your teacher has given you the role: " in text and "team Hawks" in text
    assert "Whom do you advise?" not in text and "Seed: b-seed" in text
    (save,) = tmp_path.glob("*.json")
    loaded = read_save(save)
    assert loaded.role == "us" and loaded.seed == "b-seed"


def test_a_save_resumes_only_in_its_students_world(classroom_file, example_pack) -> None:
    from game.classroom.game import misfit

    s, _ = load_classroom(_file(classroom_file), example_pack)
    played = apply_to_pack(example_pack, s)
    ada = s.start(played, "us", "Ada Kim")
    assert misfit(s, ada, "Ada Kim") is None
    assert "b-seed" in misfit(s, ada, "Cy Park")  # another student's world
    assert "gave you the role 'russia'" in misfit(s, s.start(played, "us", "Cy Park"), "Cy Park")


def test_the_examples_roster_is_clean_once_uncommented(tmp_path) -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "classroom.toml"
    text = example.read_text(encoding="utf-8")
    head, mark, tail = text.partition("# [[assign]]")
    assert mark, "examples/classroom.toml shows an [[assign]] table"
    lines = (line.removeprefix("# ").removeprefix("#") for line in (mark + tail).splitlines())
    path = tmp_path / "classroom.toml"
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    s, problems = load_classroom(path)
    assert problems == [], [p.format() for p in problems]
    assert s.assignment_of("ben lee").role == "rok" and s.group_of("Ada Kim") is not None


@pytest.mark.parametrize(
    ("n", "nth"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (22, "22nd")]
)
def test_a_table_of_an_array_is_named_by_its_place(classroom_file, example_pack, n, nth) -> None:
    roster = '\n[[assign]]\nrole = "us"\nstudents = ["x{}"]\n'
    text = "".join(roster.format(k) for k in range(n - 1)) + '\n[[assign]]\nstudents = ["y"]\n'
    s, problems = load_classroom(_file(classroom_file, text), example_pack)
    assert s is None and problems[0].message == f"the {nth} [[assign]] table needs `role`"
