"""`korean-theater class`: thirty scripted plain-mode games summarised on one page and in CSV;
unreadable reports are skipped and named, never fatal."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.teacher import Teacher
from game.report.classpage import render_class_html
from game.report.summary import gather, students_csv, summarize

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
sys.path.insert(0, str(Path(__file__).parent))

from scripted import play_in_process, students  # noqa: E402

N = 30


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    """Thirty games of a two-role classroom on the example pack, with their reports."""
    from tests.support import GOOD

    folder = tmp_path_factory.mktemp("class")
    path = folder / "class.toml"
    path.write_text(GOOD.replace('roles = ["us"]', 'roles = ["us", "russia"]'), encoding="utf-8")
    saves = folder / "saves"
    for i, student in enumerate(students(N, seed="test")):
        student.role = ("us", "russia")[i % 2]
        assert play_in_process(student, path, saves) == 0
    return saves


def kt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_thirty_games_make_one_page_and_a_csv(class_folder: Path, tmp_path: Path) -> None:
    reports = sorted((class_folder / "reports").glob("*.json"))
    assert len(reports) == N
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "korean-theater-report", "version": 1,\n  "role": 3\n}')
    html, table = tmp_path / "class.html", tmp_path / "class.csv"
    files = [str(class_folder / "reports"), str(broken), str(tmp_path / "gone.json")]
    outputs = ["--html", str(html), "--csv", str(table), "--decisions-csv", str(tmp_path / "d.csv")]
    out = kt("class", *files, *outputs)
    assert out.returncode == 0, out.stderr
    assert f"{N} game(s), 2 skipped" in out.stdout
    # the broken report and the missing one are named, with where and what
    assert f"skipped {broken}" in out.stderr and "C522" in out.stderr
    assert f"{broken}:1:1: C522" in out.stderr or f"{broken}:2:3: C522" in out.stderr
    assert "gone.json:1:1: C520 no such report" in out.stderr
    page = html.read_text(encoding="utf-8")
    headings = ["Endings", "Scores", "How often each option was chosen"]
    headings += ["Rationales side by side", "Predictions", "Outliers", "Every game"]
    for heading in headings:
        assert re.search(rf'<h2 id="s\d+">{heading}</h2>', page), heading
        assert f">{heading}</a></li>" in page  # in the contents
    assert "Skipped (could not be read)" in page and "broken.json" in page
    assert "<script" not in page and "http://" not in page.split("<body>")[1].split("href")[0]
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert len(rows) == N
    assert {r["role"] for r in rows} == {"us", "russia"}
    assert all(r["ending"] and float(r["total"]) >= 0 for r in rows)
    decisions = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text("utf-8-sig"))))
    assert len(decisions) >= N and all(d["rationale"] for d in decisions)


def test_the_summary_counts_choices_per_role_and_event(class_folder: Path) -> None:
    entries, skipped = gather([str(class_folder / "reports")])
    assert len(entries) == N and skipped == []
    s = summarize(entries, skipped)
    assert sum(s.ending_counts.values()) == N
    assert {role: len(v) for role, v in s.scores.items()} == {"us": N // 2, "russia": N // 2}
    for ev in s.events:
        faced = sum(
            1 for e in entries for d in e.report.decisions
            if d.event == ev.event and e.report.role == ev.role
        )  # fmt: skip
        assert ev.faced == faced == len(ev.rationales)
        assert all(o.count >= 0 for o in ev.options.values())
    assert s.predictions and all(t > 0 for _, _, t in s.predictions)
    assert len(students_csv(s).splitlines()) == N + 1


def test_save_files_are_summarised_too(class_folder: Path) -> None:
    saves = sorted(class_folder.glob("*.json"))[:3]
    entries, skipped = gather([str(p) for p in saves], Teacher(EXAMPLE))
    assert skipped == [] and len(entries) == 3
    assert all(e.report.classroom is not None and e.report.player for e in entries)
    assert all(e.pack_check == "same" for e in entries)


def test_outliers_and_warnings(class_folder: Path) -> None:
    entries, _ = gather([str(class_folder / "reports")])
    odd = entries[0].report.model_copy(update={"seed": "other-seed", "total": 0.0})
    entries[0] = type(entries[0])(entries[0].file, odd)
    s = summarize(entries)
    assert any("same seed" in w and entries[0].name in w for w in s.warnings)
    assert any(o.name == entries[0].name and "unusually low" in o.reason for o in s.outliers)


def test_nothing_readable_is_a_failure_that_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("[1, 2,\n 3,, 4]")
    html = tmp_path / "c.html"
    out = kt("class", str(bad), "--html", str(html))
    assert out.returncode == 1
    assert f"{bad}:2:4: C520 invalid JSON" in out.stderr
    assert "no report could be read" in out.stderr
    assert "No report could be read" in html.read_text()


def test_the_page_escapes_what_students_write(class_folder: Path) -> None:
    entries, _ = gather([str(class_folder / "reports")])
    r = entries[0].report
    evil = r.decisions[0].model_copy(update={"rationale": "<script>alert(1)</script>"})
    entries[0] = type(entries[0])(
        entries[0].file,
        r.model_copy(update={"player": "<b>Mallory</b>", "decisions": [evil, *r.decisions[1:]]}),
    )
    page = render_class_html(summarize(entries))
    assert "<script>" not in page and "&lt;script&gt;alert(1)" in page
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in page


def test_report_json_round_trips(class_folder: Path) -> None:
    from game.report.load import read_report

    path = next((class_folder / "reports").glob("*.json"))
    report, problems = read_report(path)
    assert problems == [] and report is not None
    assert json.loads(report.to_json()) == json.loads(path.read_text(encoding="utf-8"))


def test_a_folder_is_read_with_its_subfolders_and_a_quoted_pattern_is_expanded(
    class_folder: Path, tmp_path: Path
) -> None:
    """`class saves/` reads the class's saves folder as the games leave it (saves, reports/,
    one folder per browser, hidden seat files), each game once; `class 'saves/*'` too."""
    import shutil

    from game.report.summary import expand

    saves = tmp_path / "saves"
    shutil.copytree(class_folder, saves / "browser-1")  # a browser's folder: saves + reports/
    (saves / ".seats").mkdir()
    (saves / ".seats" / "x.json").write_text("{}")
    games = expand([str(saves)])
    assert len(games) == N and all(g.parent.name == "reports" for g in games)
    assert expand([str(saves / "*")]) == games
    assert expand([str(saves / "browser-*" / "reports" / "*.json")]) == games
    assert expand([str(tmp_path / "none-*")]) == []
    out = kt("class", f"{saves}/*")  # as a shell leaves a quoted pattern
    assert out.returncode == 0 and f"{N} game(s)" in out.stdout, out.stderr


def test_the_csv_opens_in_a_spreadsheet_with_accents_and_a_student_id(
    class_folder: Path, tmp_path: Path
) -> None:
    table = tmp_path / "class.csv"
    assert kt("class", str(class_folder / "reports"), "--csv", str(table)).returncode == 0
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:3] == ["file", "student_id", "player"]
    from game.classroom.files import student_id

    assert all(r["student_id"] == student_id(r["player"]) and r["student_id"] for r in rows)
    assert student_id("  Ada   Kim ") == student_id("ada kim") == "ada-kim"


def test_every_debrief_is_made_at_once_and_linked_from_the_page(
    class_folder: Path, tmp_path: Path
) -> None:
    page = tmp_path / "week6.html"
    out = kt("class", str(class_folder), "--html", str(page))
    assert out.returncode == 0, out.stderr
    made = sorted((tmp_path / "week6-debriefs").glob("*.html"))
    assert len(made) == N
    html = page.read_text(encoding="utf-8")
    for debrief in made:
        assert f"href='./week6-debriefs/{debrief.name}'" in html
        assert "<h1" in debrief.read_text(encoding="utf-8")
    assert ".json'" not in html  # no link to raw JSON where a debrief was made
    elsewhere = tmp_path / "out"
    assert kt("class", str(class_folder), "--debriefs", str(elsewhere)).returncode == 0
    assert len(list(elsewhere.glob("*.html"))) == N


def test_report_reads_a_report_a_student_handed_in(class_folder: Path, tmp_path: Path) -> None:
    handed_in = sorted((class_folder / "reports").glob("*.json"))[0]
    out = kt("report", str(handed_in), "--format", "html")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("<!DOCTYPE html>") and "shown as its game wrote it" in out.stderr
    damaged = tmp_path / "damaged.json"
    damaged.write_text(handed_in.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    out = kt("report", str(damaged))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "damaged.json" in out.stderr and "C52" in out.stderr


def test_the_page_opens_with_where_the_class_split_most(class_folder: Path) -> None:
    from game.report.classpage import split_events

    summary = summarize(gather([str(class_folder / "reports")])[0])
    ranked = split_events(summary)
    assert ranked, "thirty mixed students disagree somewhere"
    splits = [x for x, _ in ranked]
    assert splits == sorted(splits, reverse=True) and all(0 < x < 1 for x in splits)
    for split, ev in ranked:
        assert split == 1 - max(o.count for o in ev.options.values()) / ev.faced
    page = render_class_html(summary)
    assert page.index("Where the class split") < page.index(">Endings</h2>")
    assert 'href="#projector"' in page and 'id="projector"' in page


def test_a_gradebook_csv_has_one_row_per_student_with_rubric_columns(
    class_folder: Path, tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "class"
    shutil.copytree(class_folder / "reports", folder)
    first = sorted(folder.glob("*.json"))[0]
    shutil.copy(first, folder / "again.json")  # one student, two games: one row
    grades = tmp_path / "grades.csv"
    out = kt("class", str(folder), "--grades", str(grades), "--rubric", "Analysis, Evidence,")
    assert out.returncode == 0, out.stderr
    raw = grades.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == N and len({r["student_id"] for r in rows}) == N
    assert list(rows[0])[-2:] == ["Analysis", "Evidence"]
    assert all(r["Analysis"] == "" and r["memos"].startswith("Turn ") for r in rows)
    assert all(0 <= int(r["score"]) <= 100 for r in rows)
