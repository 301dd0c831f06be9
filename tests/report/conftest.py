"""A class the teacher organised, played by twelve scripted students on the example pack: four
teams with their roles, two of them in group B (one assumption flipped), and a question of the
teacher's; the teams' names and the question are hostile HTML."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "classroom"))

from scripted import play_in_process, students  # noqa: E402

from tests.report.organised_class import QUESTION, roster  # noqa: E402


@pytest.fixture(scope="session")
def class_saves(tmp_path_factory) -> Path:
    """Twelve games: four teams, two of them in group B (one assumption flipped)."""
    from tests.support import GOOD

    folder = tmp_path_factory.mktemp("groups")
    class_ = students(12, seed="groups")
    text = GOOD.replace('roles = ["us"]', 'roles = ["us", "russia"]')
    text = text.replace("whatif_runs = 0\n", f"whatif_runs = 0\nquestions = [{QUESTION!r}]\n")
    text += roster([s.name for s in class_])
    path = folder / "class.toml"
    path.write_text(text, encoding="utf-8")
    saves = folder / "saves"
    for student in class_:
        student.role = "rok"  # whatever the student would pick, the teacher's role is played
        assert play_in_process(student, path, saves) == 0
    return saves
