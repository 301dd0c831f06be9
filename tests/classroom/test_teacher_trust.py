"""The teacher's tools trust only what the teacher has: a save is replayed and scored on the
teacher's pack (never on a folder the save names), says so plainly when the save's own pack
differs, and sets none of the costs of its report."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom import teacher as teacher_module
from game.classroom.load import load_classroom
from game.classroom.record import classroom_part
from game.classroom.settings import apply_to_pack
from game.classroom.teacher import Teacher
from game.content.compiler import load_pack
from game.report import render
from game.report.classpage import render_class_html
from game.report.debrief import GameLoadError, game_report, load_game
from game.report.summary import gather, students_csv, summarize
from game.saves import SaveStore
from game.saves.format import checksum

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"

CLASSROOM = """\
[classroom]
id = "week-6"
pack = "{pack}"
seed = "class-3"
turns = 4
whatif_runs = {runs}
"""


def _classroom(folder: Path, name: str, pack: Path, runs: int = 0) -> Path:
    path = folder / name
    path.write_text(CLASSROOM.format(pack=pack.as_posix(), runs=runs), encoding="utf-8")
    return path


def _play(classroom: Path, saves: Path, slot: str) -> Path:
    """A classroom game played to its end on the pack the classroom file names."""
    settings, problems = load_classroom(classroom)
    assert settings is not None, problems
    pack = apply_to_pack(load_pack(settings.pack_path).pack, settings)
    session = settings.start(pack, "us")
    while not session.over:
        options = session.briefing().open_options
        session = session.submit(options[-1].id, "because")
    return SaveStore(saves).save(session, slot, classroom_part(settings, "Ada"))


def forge(save: Path, target: Path, edit) -> Path:
    """A copy of the save edited as a student could, with its checksum made right again."""
    doc = json.loads(save.read_text(encoding="utf-8"))
    doc.pop("checksum")
    edit(doc)
    doc["checksum"] = checksum(doc)
    target.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The teacher's shipped packs (the example pack), a doctored copy on which every objective
    scores 100, and two saves: one played on the teacher's pack, one on the doctored copy
    (whose classroom part names the doctored folder)."""
    root = tmp_path_factory.mktemp("trust")
    content = root / "content"
    shutil.copytree(EXAMPLE, content / "example")
    doctored = root / "doctored"
    shutil.copytree(EXAMPLE, doctored)
    for f in doctored.glob("*.toml"):
        f.write_text(re.sub(r'(?m)^(\s*)score = ".*"$', r'\1score = "100"', f.read_text()))
    saves = root / "saves"
    honest = _play(_classroom(root, "class.toml", content / "example"), saves, "honest")
    cheat = _play(_classroom(root, "cheat.toml", doctored), saves, "cheat")
    return {"root": root, "content": content, "doctored": doctored, "honest": honest,
            "cheat": cheat}  # fmt: skip


@pytest.fixture(autouse=True)
def shipped(world, monkeypatch):
    """The example pack is the teacher's only shipped pack."""
    monkeypatch.setenv("KOREAN_THEATER_CONTENT", str(world["content"]))


def test_the_doctored_pack_really_scores_differently(world) -> None:
    on_doctored = game_report(load_game(world["cheat"], Teacher(world["doctored"])), 0)
    on_mine = game_report(load_game(world["cheat"], Teacher()), 0)
    assert on_doctored.total > on_mine.total and on_doctored.saved_pack is None


def test_a_save_is_scored_on_the_teachers_pack_not_on_the_folder_it_names(world) -> None:
    honest = game_report(load_game(world["honest"], Teacher()), 0)
    report = game_report(load_game(world["cheat"], Teacher()), 0)
    teacher_pack = load_pack(world["content"] / "example").pack
    doctored_pack = load_pack(world["doctored"]).pack
    assert report.total == honest.total < 100
    assert report.pack.digest == teacher_pack.digest
    assert report.saved_pack is not None and report.saved_pack.digest == doctored_pack.digest
    assert honest.saved_pack is None and honest.pack_warning == ""
    for fmt in ("md", "html"):
        text = render(report, fmt)
        head = text[: text.index("Ending")]
        assert "Warning" in head and doctored_pack.digest in head and teacher_pack.digest in head
        assert "Warning" not in render(honest, fmt)
    assert json.loads(render(report, "json"))["saved_pack"]["digest"] == doctored_pack.digest


PLACES = st.sampled_from(["doctored", "missing", "file", "text"])


def _place(world, kind: str, text: str) -> str:
    return {
        "doctored": str(world["doctored"]),
        "missing": str(world["root"] / "nowhere"),
        "file": str(world["doctored"] / "pack.toml"),
        "text": text,
    }[kind]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    part_place=PLACES,
    settings_place=st.one_of(st.none(), PLACES),
    runs=st.sampled_from([0, 1, 5000]),
    text=st.text(max_size=30),
)
def test_nothing_a_save_names_changes_how_it_is_scored_or_what_it_costs(
    world, tmp_path_factory, monkeypatch, part_place, settings_place, runs, text
) -> None:
    monkeypatch.setattr(teacher_module, "DEFAULT_WHATIF_RUNS", 2)
    baseline = game_report(load_game(world["honest"], Teacher()))

    def edit(doc: dict) -> None:
        part = doc["classroom"]
        part["pack_path"] = _place(world, part_place, text)
        if settings_place is not None:  # a field the settings accept, though never written
            part["settings"]["pack_path"] = _place(world, settings_place, text)
        part["settings"]["classroom"]["whatif_runs"] = runs

    forged = forge(world["honest"], tmp_path_factory.mktemp("f") / "save.json", edit)
    report = game_report(load_game(forged, Teacher()))
    assert report.total == baseline.total and report.scorecard == baseline.scorecard
    assert report.pack == baseline.pack and report.saved_pack is None
    assert report.counterfactuals and all(c.runs == 2 for c in report.counterfactuals)


def test_the_class_page_and_csv_say_which_saves_were_made_on_another_pack(world) -> None:
    entries, skipped = gather([str(world["honest"]), str(world["cheat"])], Teacher())
    assert skipped == []
    checks = {Path(e.file).stem: e.pack_check for e in entries}
    assert checks == {"honest": "same", "cheat": "differs"}
    summary = summarize(entries)
    assert any("differ from yours" in w and "Ada" in w for w in summary.warnings)
    rows = list(csv.DictReader(io.StringIO(students_csv(summary))))
    by_file = {Path(r["file"]).stem: r for r in rows}
    doctored = load_pack(world["doctored"]).pack.digest
    assert by_file["cheat"]["pack_check"] == "differs"
    assert by_file["cheat"]["save_pack_digest"] == doctored
    assert by_file["honest"]["pack_check"] == "same" and by_file["honest"]["save_pack_digest"] == ""
    assert by_file["cheat"]["total"] == by_file["honest"]["total"]
    page = render_class_html(summary)
    row = next(r for r in page.split("<tr>") if "cheat.json" in r)
    assert "differs" in row and doctored in row


def test_a_report_read_as_written_is_not_called_replayed(world, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(game_report(load_game(world["honest"], Teacher()), 0).to_json())
    [entry], _ = gather([str(path)])
    assert entry.pack_check == "not replayed"


@pytest.mark.parametrize(
    "edit",
    [
        lambda doc: doc["pack"].update(id="nope"),
        lambda doc: doc.update(seed="s" * 10_000),
    ],
    ids=["unknown-pack", "huge-seed"],
)
def test_a_save_that_cannot_be_replayed_is_skipped_saying_why(world, tmp_path, edit) -> None:
    forged = forge(world["cheat"], tmp_path / "save.json", edit)
    entries, skipped = gather([str(forged)], Teacher())
    assert entries == []
    [problem] = skipped[0].problems
    assert problem.code == "C524" and "not replayed" in problem.message


def test_a_folder_named_in_the_save_is_never_opened(world, tmp_path) -> None:
    """Even a pack of the right id at the folder the save names is not used."""
    forged = forge(world["cheat"], tmp_path / "save.json", lambda d: d["pack"].update(id="other"))
    other = tmp_path / "other"
    shutil.copytree(world["doctored"], other)
    meta = other / "pack.toml"
    meta.write_text(meta.read_text().replace('id = "example"', 'id = "other"', 1))
    forge(forged, forged, lambda d: d["classroom"].update(pack_path=str(other)))
    with pytest.raises(GameLoadError, match="no shipped pack has the id 'other'"):
        load_game(forged, Teacher())


def test_the_what_if_runs_are_the_teachers(world) -> None:
    assert load_game(world["cheat"], Teacher()).whatif_runs == teacher_module.DEFAULT_WHATIF_RUNS
    mine = _classroom(world["root"], "mine.toml", world["content"] / "example", runs=7)
    teacher = Teacher.load(classroom=mine)
    game = load_game(world["cheat"], teacher)
    assert game.whatif_runs == 7
    assert teacher.pack_folder == world["content"] / "example"
    # the teacher's classroom file replaces the save's copy of the settings, and says so
    assert any("copy of the classroom settings differs" in n for n in game.notes)


def test_the_teachers_pack_must_be_the_saves_pack(world) -> None:
    other = world["root"] / "other-id"
    shutil.copytree(EXAMPLE, other, dirs_exist_ok=True)
    meta = other / "pack.toml"
    meta.write_text(meta.read_text().replace('id = "example"', 'id = "other"', 1))
    with pytest.raises(GameLoadError, match="is 'other', but the save was played on 'example'"):
        load_game(world["cheat"], Teacher(other))


def kt(*args: str, content: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KOREAN_THEATER_CONTENT": str(content)}
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=env)  # fmt: skip


def test_the_commands_warn_and_refuse_costs_beyond_their_caps(world) -> None:
    content = world["content"]
    done = kt("report", str(world["cheat"]), "--whatif-runs", "0", content=content)
    assert done.returncode == 0, done.stderr
    assert "warning: the save was made on example" in done.stderr
    assert "> **Warning:** Replayed and scored on the pack example" in done.stdout
    for args in (
        ["report", str(world["cheat"]), "--whatif-runs", "5001"],
        ["whatif", str(world["cheat"]), "--turn", "1", "--runs", "5001"],
        ["whatif", str(world["cheat"]), "--turn", "1", "--runs", "0"],
        ["play", "--plain", "--seed", "s" * 201],
    ):
        done = kt(*args, content=content)
        assert done.returncode == 2, (args, done.stderr)
        assert "5000" in done.stderr or "at most 200" in done.stderr
    bad = kt("class", str(world["cheat"]), "--pack", str(world["root"] / "nowhere"),
             content=content)  # fmt: skip
    assert bad.returncode == 1 and "no such folder" in bad.stderr
