"""Debrief reports: built from a game, written as Markdown, HTML and JSON, read back with located
errors; and the `report` and `whatif` commands on saves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.classroom.predict import Prediction, score_predictions
from game.classroom.whatif import debrief_whatifs
from game.engine.session import Session
from game.report import render
from game.report.build import build_report
from game.report.load import json_positions, read_report
from game.report.model import Report
from game.saves import SaveStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
EVIL = "<script>alert('x')</script> & | pipes"


def play(pack, seed="class-3") -> Session:
    session = Session.start(pack, "us", seed)
    k = 0
    while not session.over:
        options = session.briefing().open_options
        session = session.submit(options[k % len(options)].id, f"{EVIL} #{k}")
        k += 1
    return session


@pytest.fixture(scope="module")
def game(example_pack):
    session = play(example_pack)
    predictions = [
        Prediction(turn=s.turn, choice=step.choice, expect={"tension": "up"})
        for s, step in zip(session.states(), session.steps, strict=False)
    ]
    report = build_report(
        session,
        player="Ada <Lovelace>",
        predictions=score_predictions(session, predictions, 1.0),
        whatifs=debrief_whatifs(session, runs=20),
        notes=["a note"],
        game_version="test",
    )
    return session, report


def test_the_report_holds_the_game(game) -> None:
    session, report = game
    assert report.role == "us" and report.seed == "class-3" and report.over
    assert report.ending is not None and report.ending.id == session.state.ending
    assert len(report.decisions) == len(session.steps)
    assert [d.choice for d in report.decisions] == list(session.choices)
    assert all(d.rationale.startswith(EVIL) for d in report.decisions)
    assert len(report.dates) == len(session.states())
    assert all(len(m.values) == len(session.states()) for m in report.meters)
    assert report.total == pytest.approx(session.scorecard().total, abs=0.01)
    shipments = next(d for d in report.decisions if d.event == "shipments")
    assert shipments.reality is not None and shipments.reality.sources
    assert shipments.reality.sources[0].cite  # resolved from the pack's sources
    assert report.questions and report.questions[0].seen
    assert report.predictions is not None and report.predictions.total == len(session.steps)
    assert report.counterfactuals


def test_markdown(game) -> None:
    text = render(game[1], "md")
    for heading in ("# Debrief:", "## Objectives scorecard", "## The meters over time",
                    "## Decisions, rationales and what happened", "## What if you had chosen",
                    "## Questions for discussion", "## About this game"):  # fmt: skip
        assert heading in text, heading
    # the student's words as written, never HTML a renderer would run
    assert "> **Rationale:** &lt;script&gt;alert('x')&lt;/script&gt; &amp; \\| pipes" in text
    assert "<script" not in text
    assert "What really happened" in text and "Read critically" in text


def test_html_is_one_self_contained_escaped_printable_page(game) -> None:
    page = render(game[1], "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""\ssrc=["']""", page)  # nothing to load
    assert "url(" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Ada &lt;Lovelace&gt;" in page
    assert page.count("<svg") >= len(game[1].meters) + 1
    assert "@media print" in page
    headings = ["Objectives scorecard", "The meters over time", "What if you had chosen"]
    headings += ["What really happened", "Questions for discussion", "Predict, then reveal"]
    for heading in headings:
        assert heading in page, heading


def test_json_round_trips(game, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(render(game[1], "json"), encoding="utf-8")
    back, problems = read_report(path)
    assert problems == [] and back == game[1]


# -- reading reports back, with located errors -------------------------------------------------


def _problem(tmp_path: Path, text: str):
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    report, problems = read_report(path)
    assert report is None and len(problems) >= 1
    return problems[0]


def test_damaged_field_is_located(game, tmp_path: Path) -> None:
    text = render(game[1], "json")
    lines = text.splitlines()
    k = next(i for i, line in enumerate(lines) if '"turn": ' in line)
    lines[k] = lines[k].replace('"turn": ', '"turn": "soon", "x": ').replace('"x": 1', '"x": 1')
    p = _problem(tmp_path, "\n".join(lines))
    assert p.code == "C522" and p.line == k + 1, p.format()
    assert "decisions.0.turn" in p.message


def test_bad_reports(tmp_path: Path) -> None:
    assert (
        _problem(tmp_path, '{"a": 1,\n  "b": }')
        .format()
        .startswith(f"{tmp_path / 'r.json'}:2:8: C520 invalid JSON")
    )
    assert _problem(tmp_path, "[1, 2]").code == "C521"
    assert _problem(tmp_path, '{"format": "other"}').code == "C521"
    save = _problem(tmp_path, '{"format": "korean-theater-save", "version": 2}')
    assert save.code == "C521" and "save file" in save.message
    version = _problem(tmp_path, '{\n"format": "korean-theater-report",\n"version": 9\n}')
    assert version.code == "C523" and version.line == 3
    assert _problem(tmp_path, "").code == "C520"
    cut = _problem(tmp_path, '{"format": "korean-theater-report",\n "version": 1, "decisions": [')
    assert cut.code == "C520" and "cut short" in cut.message and cut.line == 2
    missing = read_report(tmp_path / "nope.json")[1][0]
    assert missing.code == "C520" and "no such report" in missing.message
    (tmp_path / "bin.json").write_bytes(b'{"a": "\xff"}')
    assert read_report(tmp_path / "bin.json")[1][0].col == 8


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=6), json_values, min_size=1, max_size=5),
       st.sampled_from([None, 2]))  # fmt: skip
def test_json_positions_point_at_each_key(doc: dict, indent: int | None) -> None:
    text = json.dumps(doc, indent=indent)
    positions = json_positions(text)
    lines = text.splitlines()
    for key in doc:
        line, col = positions[(key,)]
        assert lines[line - 1][col - 1 :].startswith(json.dumps(key))


# -- the commands on saves ---------------------------------------------------------------------


def kt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.fixture(scope="module")
def save(example_pack, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("saves")
    return SaveStore(folder).save(play(example_pack), "ada")


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_command(save: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    done = kt("report", str(save), "--pack", str(EXAMPLE), "--format", fmt, "--output", str(out),
              "--whatif-runs", "5")  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert Report.model_validate_json(text).seed == "class-3"
    else:
        assert "Debrief" in text and "What if you had chosen otherwise" in text


def test_report_command_to_stdout_and_by_slot(save: Path) -> None:
    done = kt("report", "ada", "--saves", str(save.parent), "--pack", str(EXAMPLE),
              "--whatif-runs", "0")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Debrief: Example")
    assert "What if you had chosen" not in done.stdout


def test_report_command_failures(tmp_path: Path, save: Path) -> None:
    missing = kt("report", str(tmp_path / "nope.json"), "--pack", str(EXAMPLE))
    assert missing.returncode == 1 and "no such save file" in missing.stderr
    wrong = kt("report", str(save))  # the example pack is not shipped
    assert wrong.returncode == 1 and "no shipped pack has the id 'example'" in wrong.stderr
    bad_class = tmp_path / "c.toml"
    bad_class.write_text('[classroom]\nseed = "x"\nturns = 0\n')
    done = kt("report", str(save), "--pack", str(EXAMPLE), "--classroom", str(bad_class))
    assert done.returncode == 1 and "c.toml:3:1: C506" in done.stderr


def test_whatif_command(save: Path) -> None:
    done = kt("whatif", str(save), "--pack", str(EXAMPLE), "--turn", "1", "--runs", "30")
    assert done.returncode == 0, done.stderr
    assert "Turn 1: Satellite images at Tumangang–Khasan" in done.stdout
    assert "(your choice)" in done.stdout and "mean score" in done.stdout
    as_json = kt("whatif", str(save), "--pack", str(EXAMPLE), "--turn", "1", "--runs", "30",
                 "--choice", "quiet", "--format", "json")  # fmt: skip
    data = json.loads(as_json.stdout)
    assert data["runs"] == 30 and [a["choice"] for a in data["alternatives"]] == ["quiet"]
    assert sum(data["actual"]["endings"].values()) == pytest.approx(1.0)
    bad = kt("whatif", str(save), "--pack", str(EXAMPLE), "--turn", "42")
    assert bad.returncode == 2 and "turn 42 was not played" in bad.stderr


def war(pack) -> Session:
    """Seed b, first options, the second briefing at the agenda turn: the war, a defeat."""
    session = Session.start(pack, "us", "b")
    while not session.over:
        agenda = session.agenda()
        session = session.submit(agenda[-1].open_options[0].decision)
    return session


def test_the_report_gives_the_result_why_and_what_mattered(example_pack, tmp_path) -> None:
    session = war(example_pack)
    assert session.state.ending == "war"
    report = build_report(session)
    card = session.scorecard()
    assert report.result == "loss" and report.result_weight == 1.0 and report.total == 0  # war
    assert report.objectives == pytest.approx(card.objectives, abs=0.01)
    assert report.why is not None and "last rung" in report.why.summary
    assert report.why.ladder and report.mattered
    assert all(p.lines[0].startswith("You chose: ") for p in report.mattered)
    # the decision on the agenda's second briefing names that briefing, its cost, the default
    aid = next(d for d in report.decisions if d.event == "aid")
    assert (aid.title, aid.choice, aid.label) == (
        "A request for food aid",
        "fund",
        "Fund the deliveries",
    )
    assert aid.cost == 1 and aid.left == ["A summit offer — Take note through the usual channels"]
    assert {o.id for o in aid.options} == {"fund", "decline"}
    md = render(report, "md")
    assert "**Result: DEFEAT** · **Overall score:" in md
    assert "| Your objectives | 0% |" in md and "| Result: DEFEAT | 100% | 0/100 |" in md
    assert "## Why this ending" in md and "## The decisions that mattered" in md
    assert "Left to others: A summit offer — Take note through the usual channels" in md
    html = render(report, "html")
    assert "<h2>Why this ending</h2>" in html and "Result: <b>DEFEAT</b>" in html
    assert '<div class="ending war">' in html
    # and it reads back
    path = tmp_path / "war.json"
    path.write_text(report.to_json(), encoding="utf-8")
    back, problems = read_report(path)
    assert problems == [] and back == report
