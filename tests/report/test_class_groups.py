"""The class page of a class the teacher organised: roles by team ([[assign]]) and an A/B
comparison of groups that played other assumptions ([[group]]), through the real `class`
command, with everything from the classroom file and the students escaped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.report.classpage import render_class_html, render_class_text
from game.report.groups import REST, compare_groups
from game.report.summary import gather, summarize
from tests.report.organised_class import HOSTILE, TEAMS

ROOT = Path(__file__).resolve().parents[2]


def _summary(saves: Path):
    return summarize(gather([str(saves / "reports")])[0])


def test_each_student_played_their_teams_role_and_their_groups_world(class_saves) -> None:
    s = _summary(class_saves)
    assert s.n == 12
    for en in s.entries:
        assert en.team in TEAMS and en.report.role == TEAMS[en.team]
        flipped = {a.id: a.value for a in en.report.assumptions}["china_restrains"]
        in_b = en.team in ("Washington B", HOSTILE)
        assert en.group == ("B: Beijing restrains" if in_b else "")
        assert flipped is in_b


def test_the_groups_are_compared_side_by_side(class_saves) -> None:
    s = _summary(class_saves)
    c = compare_groups(s)
    assert c is not None and [side.name for side in c.sides] == ["B: Beijing restrains", REST]
    assert [len(side.entries) for side in c.sides] == [6, 6]
    (b_world,), (rest_world,) = c.sides[0].world, c.sides[1].world  # one assumption differs
    assert b_world.endswith(": true") and rest_world.endswith(": false")
    for d in c.divergences:
        assert 0 < d.distance <= 1 and len(d.shares) == 2
    assert [d.distance for d in c.divergences] == sorted(
        (d.distance for d in c.divergences), reverse=True
    )
    page = render_class_html(s)
    assert ">The groups compared</h2>" in page and ">The groups compared</a></li>" in page
    assert "Mean score, " in page and "Predictions right" in page


def test_no_groups_no_comparison(class_saves) -> None:
    s = _summary(class_saves)
    only_a = [en for en in s.entries if not en.group]
    assert compare_groups(summarize(only_a)) is None
    assert "The groups compared" not in render_class_html(summarize(only_a))


def test_the_page_groups_the_class_by_team_and_escapes_the_teams_names(class_saves) -> None:
    page = render_class_html(_summary(class_saves))
    assert ">Teams</h2>" in page and "<th>Team</th>" in page
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    table = page[page.index(">Every game</h2>") :]
    order = sorted(t for t in TEAMS if t != HOSTILE)
    assert [table.index(f"<td>{t}</td>") for t in order] == sorted(
        table.index(f"<td>{t}</td>") for t in order
    )


def test_the_class_command_compares_the_groups(class_saves, tmp_path) -> None:
    page = tmp_path / "class.html"
    out = subprocess.run(
        [sys.executable, "-m", "game", "class", str(class_saves), "--html", str(page)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "Groups:" in out.stdout and f"  {REST} (" in out.stdout
    assert "  B: Beijing restrains (" in out.stdout and "predictions right" in out.stdout
    assert "The groups compared" in page.read_text(encoding="utf-8")
    assert "  differed most at " in out.stdout and " (United States): " in out.stdout
    assert render_class_text(_summary(class_saves))[-1]


def test_each_debrief_names_the_students_team_and_group(class_saves) -> None:
    from game.report import render

    en = next(en for en in _summary(class_saves).entries if en.team == HOSTILE)
    html = render(en.report, "html")
    assert "team <b>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</b>" in html
    assert "group <b>B: Beijing restrains</b>" in html
    assert "group **B: Beijing restrains**" in render(en.report, "md")


def test_a_report_without_team_or_group_is_written_as_before(class_saves) -> None:
    import json

    entries = _summary(class_saves).entries
    plain = next(en for en in entries if not en.group)
    grouped = next(en for en in entries if en.group)
    written = json.loads(plain.report.to_json())["classroom"]
    assert "group" not in written and written["team"] == plain.team
    assert json.loads(grouped.report.to_json())["classroom"]["group"] == grouped.group


def test_the_csv_has_each_games_team_and_group(class_saves) -> None:
    import csv
    import io

    from game.report.summary import students_csv

    rows = list(csv.DictReader(io.StringIO(students_csv(_summary(class_saves)))))
    assert {r["team"] for r in rows} == set(TEAMS)
    assert {r["group"] for r in rows} == {"", "B: Beijing restrains"}
