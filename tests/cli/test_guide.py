"""`korean-theater guide`: the teacher's guide generated from a pack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.report.guide import build_guide, guide_html, guide_markdown, readers

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"


def guide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "guide", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_the_guide_maps_objectives_to_events_and_explains_the_model(example_pack):
    sections = {s.title: s for s in build_guide(example_pack)}
    goals = sections["Learning objectives"].items
    mapped = next(i for i in goals if i.text.startswith("Weigh exposure"))
    assert "Satellite images at Tumangang–Khasan (turns 1–2" in mapped.note
    assert "Notes for the teacher" in sections
    when = {i.head: i.text for i in sections["When each event can come up"].items}
    assert when["Treasury sanctions"].startswith("historical, turns")
    verdicts = [i.head for i in sections["The source's predictions and how they fared"].items]
    assert "Talks on arms: Partly borne out" in verdicts
    assert sections["Primary-source packet"].items[0].quote.startswith("In January 2023")
    model = {i.head: i for i in sections["The model's assumptions"].items}
    china = next(v for k, v in model.items() if k.startswith("China restrains"))
    assert "China: “Urges restraint”" in china.note
    assert "Add a [rubric]" in sections["Memo rubric"].intro


def test_readers_find_what_an_assumption_drives(example_pack):
    assert readers(example_pack, "assume.china_restrains") == ["China: “Urges restraint”"]
    assert readers(example_pack, "assume.nothing") == []


def test_markdown_and_html_keep_pack_text_literal(example_pack):
    sections = build_guide(example_pack)
    sections[1].items[0].text = "<script>x</script> *bold*"
    md, html = guide_markdown(sections), guide_html(sections)
    assert md.startswith("# Teacher's guide: Example") and "\\*bold\\*" in md and "&lt;script" in md
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert '<a href="https://www3.nhk.or.jp/' in html


def test_the_command_writes_the_guide_with_a_classrooms_rubric(tmp_path):
    done = guide(str(EXAMPLE), "--format", "html", "-o", str(tmp_path / "g.html"))
    assert done.returncode == 0, done.stderr
    assert "<h1>Teacher&#x27;s guide: Example" in (tmp_path / "g.html").read_text()
    shipped = guide("--classroom", "examples/classroom.toml")
    assert shipped.returncode == 0, shipped.stderr
    out = shipped.stdout
    for part in ("## Learning objectives", "## The source's predictions and how they fared",
                 "## Primary-source packet", "## How each capital frames it",
                 "## The model's assumptions", "trilateral\\_hardens", "**Evidence**",
                 "## Chronology: what really happened", "## Glossary"):  # fmt: skip
        assert part in out, part


def test_a_broken_classroom_file_is_reported(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text('[classroom]\nseed = "s"\n\n[[rubric.criteria]]\nnmae = "Evidence"\n')
    done = guide("--classroom", str(bad))
    assert done.returncode == 1 and "C503 unknown key `nmae`" in done.stderr
