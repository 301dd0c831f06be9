"""The documentation stays true: generated parts up to date, every code shown and every example
and the tutorial checked by the real checker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.compiler import load_pack
from game.content.problems import CODES
from game.sim.report import summarise
from game.sim.runner import SimConfig, simulate
from tools import docgen
from tools.docgen import base, codes, examples, reference

ROOT = Path(__file__).resolve().parents[2]


def test_generated_docs_are_up_to_date() -> None:
    assert docgen.REFERENCE.read_text(encoding="utf-8") == reference.reference_markdown(), (
        "docs/reference.md is stale: run python -m tools.docgen"
    )
    text = docgen.AUTHORING.read_text(encoding="utf-8")
    assert codes.authoring_with_codes(text) == text, (
        "the problem codes in docs/authoring.md are stale: run python -m tools.docgen"
    )


def test_the_classroom_reference_is_generated_from_its_models() -> None:
    """Every table and key of a classroom file is in docs/teaching.md, with a meaning, as the
    models of game.classroom.settings describe it."""
    from game.classroom.load import TABLES as FILE_TABLES
    from tools.docgen import classroom

    text = docgen.TEACHING.read_text(encoding="utf-8")
    assert classroom.teaching_with_classroom(text) == text, (
        "the classroom reference in docs/teaching.md is stale: run python -m tools.docgen"
    )
    documented = {table.strip("[]").split(".")[0] for table, _ in classroom.TABLES}
    assert documented | {"assumptions"} == set(FILE_TABLES)
    for _, model in classroom.TABLES:
        for name, info in model.model_fields.items():
            assert f"| `{name}` |" in text and (info.description or "").strip(), (model, name)


def test_every_model_of_the_format_has_a_section() -> None:
    assert reference.documented_models() == set(reference.ANCHORS)


def test_every_field_is_in_the_reference_with_a_meaning() -> None:
    text = reference.reference_markdown()
    for _, _, model in reference.SECTIONS:
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in text, (model.__name__, name)
            assert reference.meaning(model, name, info).strip(), (model.__name__, name)
    assert "|  |" not in text


def test_every_code_has_an_example_and_a_section() -> None:
    assert [e.code for e in examples.EXAMPLES] == list(CODES)
    authoring = docgen.AUTHORING.read_text(encoding="utf-8")
    reference = docgen.REFERENCE.read_text(encoding="utf-8")
    for code in CODES:
        assert f'<a id="{code.lower()}"></a>' in authoring
        assert f"[{code}](authoring.md#{code.lower()})" in reference


VERIFIED = [e for e in examples.EXAMPLES if e.verify]


@pytest.mark.parametrize("example", VERIFIED, ids=[e.code for e in VERIFIED])
def test_example_reports_its_code_where_marked_and_the_fix_reports_nothing(example) -> None:
    problems = base.run_example(example)
    hits = [p for p in problems if p.code == example.code]
    assert hits, [p.format() for p in problems]
    assert any(p.file == (example.at or example.file) for p in hits)
    line = example.line()
    if line is not None:
        assert any(p.line == line for p in hits), [p.format() for p in hits]
    assert [p.format() for p in base.run_example(example, good=True)] == []


def _tutorial_pack(folder: Path) -> Path:
    """The pack the tutorial in docs/authoring.md builds, from its `# file:` blocks, as an author
    who follows it has it: each block pasted whole under the `#:schema` line it keeps, what
    continues a file pasted after a blank line (so the guide's line numbers are theirs)."""
    text = docgen.AUTHORING.read_text(encoding="utf-8")
    files: dict[str, str] = {}
    for block in re.findall(r"```toml\n(.*?)```", text, re.S):
        m = re.fullmatch(r"# file: (\S+?)(, continued)?", block.partition("\n")[0])
        if m:
            above = files.get(m.group(1), "#:schema ./korean-theater-pack.schema.json")
            files[m.group(1)] = above + "\n" + ("\n" if m.group(2) else "") + block
    assert set(files) == {"pack.toml", "events.toml", "world.toml"}
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_the_tutorial_pack_checks_clean_and_plays_as_the_tutorial_says(tmp_path: Path) -> None:
    folder = _tutorial_pack(tmp_path)
    result = load_pack(folder)
    assert [p.format() for p in result.problems] == []
    pack = result.pack
    assert pack is not None
    shares = {}
    for strategy in ("random", "hawkish", "cautious"):
        report = summarise(pack, simulate(pack, SimConfig("rok", runs=2000, strategy=strategy)))
        shares[strategy] = {e["id"]: e["share"] for e in report["endings"]}
        if strategy == "cautious":
            assert report["never_drawn"] == ["reply"]
        if strategy == "random":
            dominated = {(d["event"], d["choice"], d["by"]) for d in report["dominated"]}
            assert ("images", "publish", "quiet") in dominated
    assert 0.35 < shares["random"]["enforced"] < 0.5 and 0.02 < shares["random"]["clash"] < 0.07
    assert 0.12 < shares["hawkish"]["clash"] < 0.25
    assert shares["cautious"]["clash"] == 0 and shares["cautious"]["enforced"] == 0


def test_the_tutorials_deliberate_mistake_gives_the_warnings_it_shows(tmp_path: Path) -> None:
    folder = _tutorial_pack(tmp_path)
    world = folder / "world.toml"
    world.write_text(
        world.read_text(encoding="utf-8").replace('when = "escalation >= 4"\nat = "any"\n', ""),
        encoding="utf-8",
    )
    shown = re.findall(
        r"^(world\.toml:\d+:\d+: W406 .*)$", docgen.AUTHORING.read_text("utf-8"), re.M
    )
    got = [
        p.format().splitlines()[0].replace(str(folder) + "/", "")
        for p in load_pack(folder).problems
    ]
    assert shown and got == shown


def test_step_2s_check_reports_what_the_guide_says_it_does(tmp_path: Path) -> None:
    from game.scaffold import new_pack

    folder = new_pack(tmp_path / "rail-bridge", title="The Rail Bridge")
    (tmp_path / "tutorial").mkdir()
    tutorial = _tutorial_pack(tmp_path / "tutorial")
    (folder / "pack.toml").write_text((tutorial / "pack.toml").read_text("utf-8"), "utf-8")
    codes = {p.code for p in load_pack(folder).problems}
    step_2 = docgen.AUTHORING.read_text("utf-8").split("### 2.", 1)[1].split("### 3.", 1)[0]
    named = set(re.findall(r"\(`([A-Z]\d{3})`\)", step_2))
    # what the guide names, and otherwise only the skeleton's variables, unknown now
    assert named == {"R206", "R204"} and named <= codes <= named | {"X002"}, codes


@pytest.mark.parametrize(
    ("score", "visible"),
    [("100 - tension", True), ("turn * 10", True), ("if flags.deal then 100 else 0", True)],
)
def test_an_objective_shows_during_play_as_the_guide_says(tmp_path, score, visible) -> None:
    import shutil

    from game.engine.session import Session
    from game.text import objective_lines
    from game.views.policy import policy

    folder = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "authoring" / "mistakes" / "pack", folder)
    pack_toml = folder / "pack.toml"
    text = pack_toml.read_text("utf-8").replace('score = "100 - missiles"', f'score = "{score}"')
    pack_toml.write_text(text, "utf-8")
    pack = load_pack(folder).pack
    assert pack is not None
    lines = objective_lines(Session.start(pack, "us", "seed"), policy(pack))
    hidden = [line for line in lines if "Get the missiles out" in line and "not visible" in line]
    assert bool(hidden) != visible
    said = " ".join(docgen.AUTHORING.read_text("utf-8").split())
    assert "reads a hidden meter is listed as *not visible" in said


def test_the_guides_way_to_name_the_lowest_band_names_it(tmp_path: Path) -> None:
    import shutil

    said = " ".join(docgen.AUTHORING.read_text("utf-8").split())
    written = re.search(r"to name the lowest band too, .*?: `(thresholds = \[.*?\])`", said)
    assert written, "the guide shows how to name the lowest band"
    folder = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "authoring" / "mistakes" / "pack", folder)
    pack_toml = folder / "pack.toml"
    text = pack_toml.read_text("utf-8")
    old = 'thresholds = [{ at = 70, label = "crisis" }]'
    pack_toml.write_text(text.replace(old, written.group(1)), "utf-8")
    pack = load_pack(folder).pack
    assert pack is not None
    tension = next(v for v in pack.variables if v.id == "tension")
    assert tension.reading(tension.min) == "calm" and tension.reading(tension.max) == "crisis"
