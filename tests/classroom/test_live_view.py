"""The teacher's live view of `serve` (game.web.teacher): every game of the class in its saves
folder, as the teacher's pack replays it, with what students wrote escaped; games of other
classes and files that are not saves are left out without failing the page."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scripted import play_in_process, students  # noqa: E402

from game.classroom.game import open_classroom  # noqa: E402
from game.web.teacher import LiveView  # noqa: E402
from tests.support import GOOD  # noqa: E402


def _class(tmp_path: Path, text: str = GOOD, name: str = "class.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_live_view_lists_the_class_and_escapes_what_students_wrote(tmp_path: Path) -> None:
    classroom = _class(tmp_path)
    saves = tmp_path / "saves"
    ada, mallory = students(2, seed="live")
    ada.name, mallory.name = "Ada Park", "<b>Mallory</b>"
    for student in (ada, mallory):
        student.role = "us"
        assert play_in_process(student, classroom, saves) == 0
    other = _class(tmp_path, GOOD.replace('id = "week-6"', 'id = "week-7"'), "other.toml")
    stranger = students(3, seed="other")[2]
    stranger.name, stranger.role = "Outsider Smith", "us"
    assert play_in_process(stranger, other, saves) == 0  # the same folder, another class
    (saves / "notes.json").write_text("{not a save", encoding="utf-8")

    settings, _, problems = open_classroom(classroom)
    assert settings is not None, problems
    view = LiveView(saves, settings)
    rows = view.rows()
    assert sorted(r.student for r in rows) == ["<b>Mallory</b>", "Ada Park"]
    assert all(r.over and r.ending and r.predicted == 4 for r in rows)
    page = view.page()
    assert "Ada Park" in page and "Outsider" not in page
    assert "<b>Mallory</b>" not in page and "&lt;b&gt;Mallory&lt;/b&gt;" in page
    assert "Predictions right so far" in page and "Endings so far" in page
    assert 'http-equiv="refresh"' in page
    assert view.rows() == rows  # read again: the same, from the unchanged files


def test_an_empty_class_says_so(tmp_path: Path) -> None:
    settings, _, _ = open_classroom(_class(tmp_path))
    assert settings is not None
    assert "No game has been saved yet." in LiveView(tmp_path / "none", settings).page()


def test_the_live_view_shows_each_students_team_and_group(tmp_path: Path) -> None:
    roster = """
[[assign]]
team = "<i>Seoul</i> desk"
role = "us"
students = ["Ada Park"]

[[group]]
name = "B: Beijing restrains"
teams = ["<i>Seoul</i> desk"]
assumptions = { china_restrains = true }
"""
    classroom = _class(tmp_path, GOOD + roster)
    saves = tmp_path / "saves"
    ada, ben = students(2, seed="teams")
    ada.name, ben.name = "Ada Park", "Ben Lee"
    for student in (ada, ben):
        student.role = "us"
        assert play_in_process(student, classroom, saves) == 0
    settings, _, problems = open_classroom(classroom)
    assert settings is not None, problems
    rows = {r.student: r for r in LiveView(saves, settings).rows()}
    assert (rows["Ada Park"].team, rows["Ada Park"].group) == (
        "<i>Seoul</i> desk",
        "B: Beijing restrains",
    )
    assert (rows["Ben Lee"].team, rows["Ben Lee"].group) == ("", "the rest of the class")
    page = LiveView(saves, settings).page()
    assert "<th>Team</th><th>Group</th>" in page
    assert "&lt;i&gt;Seoul&lt;/i&gt; desk" in page and "<i>Seoul" not in page
    assert "the rest of the class" in page
