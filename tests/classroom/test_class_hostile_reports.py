"""A report with NaN or Infinity anywhere a number goes (JSON readers accept both) is skipped,
named with the field, and the class page and CSV are still made from the others."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.report.classpage import render_class_html
from game.report.summary import gather, students_csv, summarize

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from scripted import play_in_process, students  # noqa: E402


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[Path]:
    from tests.support import GOOD

    folder = tmp_path_factory.mktemp("hostile-class")
    path = folder / "class.toml"
    path.write_text(GOOD, encoding="utf-8")
    for student in students(2, seed="nan"):
        student.role = "us"
        assert play_in_process(student, path, folder / "saves") == 0
    found = sorted((folder / "saves" / "reports").glob("*.json"))
    assert len(found) == 2
    return found


def number_paths(doc: object, path: tuple = ()) -> list[tuple]:
    """The path of every number (not a boolean) in a JSON document."""
    if isinstance(doc, dict):
        return [p for k, v in doc.items() for p in number_paths(v, (*path, k))]
    if isinstance(doc, list):
        return [p for i, v in enumerate(doc) for p in number_paths(v, (*path, i))]
    return [path] if isinstance(doc, int | float) and not isinstance(doc, bool) else []


def with_value(doc: object, path: tuple, value: float) -> object:
    doc = json.loads(json.dumps(doc))
    node = doc
    for part in path[:-1]:
        node = node[part]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    return doc


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), bad_value=st.sampled_from([float("nan"), float("inf"), float("-inf")]))
def test_a_non_finite_number_anywhere_skips_that_report_only(
    reports: list[Path], tmp_path: Path, data, bad_value: float
) -> None:
    doc = json.loads(reports[0].read_text(encoding="utf-8"))
    paths = [p for p in number_paths(doc) if p[-1] not in ("version", "turn", "turns")]
    path = data.draw(st.sampled_from(paths))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(with_value(doc, path, bad_value)), encoding="utf-8")
    entries, skipped = gather([str(reports[1]), str(bad)])
    assert [e.file for e in entries] == [str(reports[1])]
    (s,) = skipped
    assert s.file == str(bad) and all(p.code == "C522" for p in s.problems)
    assert any("finite" in p.message or "integer" in p.message for p in s.problems), s.lines()
    summary = summarize(entries, skipped)
    assert "bad.json" in render_class_html(summary)
    assert len(students_csv(summary).splitlines()) == 2


def test_the_command_makes_the_page_and_csv_without_the_broken_report(
    reports: list[Path], tmp_path: Path
) -> None:
    text = reports[0].read_text(encoding="utf-8")
    doc = json.loads(text)
    bad = tmp_path / "nan.json"
    bad.write_text(text.replace(f'"total": {json.dumps(doc["total"])}', '"total": NaN'))
    html, table = tmp_path / "class.html", tmp_path / "class.csv"
    out = subprocess.run(
        [sys.executable, "-m", "game", "class", str(reports[1]), str(bad), "--html", str(html),
         "--csv", str(table)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert f"skipped {bad}" in out.stderr and "total: Input should be a finite number" in out.stderr
    assert "nan.json" in html.read_text(encoding="utf-8")
    assert len(table.read_text(encoding="utf-8").splitlines()) == 2
