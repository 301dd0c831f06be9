"""Untrusted text stays inert, end to end: whatever a pack's text, a pack file's name, a save's
rationale or a student's name holds (terminal control sequences, bidi overrides, markup, links,
formulas), no command writes it raw: plain mode, check, simulate, graph, saves, report (Markdown,
HTML, JSON), the class page and its CSVs."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from game.classroom.load import load_classroom
from game.cli import main
from game.content.compiler import load_pack
from game.engine.session import Session
from game.inert import inert_line
from game.report.build import build_report
from game.report.load import read_report
from game.saves import SaveStore, read_save
from game.saves.format import checksum
from tests.hostile import FORMULAS, hostile, raw, toml_string

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
SHOWN = ("title", "text", "label", "name", "office", "briefing", "cite", "description", "quote")
FEW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def kt(*args: str, stdin: str = "") -> str:
    """Run a command in this process; everything it wrote, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        _stdin(stdin),
    ):
        main(list(args))
    return out.getvalue() + err.getvalue()


@contextlib.contextmanager
def _stdin(text: str):
    import sys

    old, sys.stdin = sys.stdin, io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = old


def hostile_pack(folder: Path, text: str, file_name: str) -> Path:
    """The example pack with every shown string replaced by `text`, and one more file, named
    after `file_name`, that holds an unused flag with that label."""
    pack = folder / "pack"
    shutil.copytree(EXAMPLE, pack)
    value = toml_string(text)
    keys = "|".join(SHOWN)
    for path in pack.glob("*.toml"):
        body = path.read_text(encoding="utf-8")
        body = re.sub(rf'\b((?:{keys})\s*=\s*)"""[^"]*"""', lambda m: m[1] + value, body)
        body = re.sub(rf'\b((?:{keys})\s*=\s*)"[^"\n]*"', lambda m: m[1] + value, body)
        path.write_text(body, encoding="utf-8")
    name = "x" + file_name.replace("/", "_").replace("\x00", "_")[:80] + ".toml"
    (pack / name).write_text(f'[[flag]]\nid = "spare"\nlabel = {value}\n', encoding="utf-8")
    return pack


@FEW
@given(text=hostile(), rationale=hostile(), file_name=hostile())
def test_a_hostile_pack_reaches_no_output_raw(text: str, rationale: str, file_name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pack = hostile_pack(Path(tmp), text, file_name)
        result = load_pack(pack)
        assert result.pack is not None, [p.format() for p in result.errors]
        assert any(p.code == "P006" for p in result.warnings)
        play = ["play", "--plain", "--pack", str(pack), "--seed", "s", "--role", "us"]
        script = "\n".join(["1 " + rationale.replace("\n", " "), "m", "o", "w", *["1"] * 8]) + "\n"
        outputs = {
            "check": kt("check", str(pack)),
            "check --format json": kt("check", "--format", "json", str(pack)),
            "play --plain": kt(*play, "--saves", str(Path(tmp) / "saves"), stdin=script),
            "simulate": kt("simulate", str(pack), "--runs", "3", "--quiet", "--lookahead", "1"),
            "simulate --json": kt("simulate", str(pack), "--runs", "3", "--json"),
            "graph": kt("graph", str(pack)),
            "graph --format dot": kt("graph", str(pack), "--format", "dot"),
        }
        for command, out in outputs.items():
            assert raw(out) == [], command
        shown_name = inert_line(next(p.name for p in pack.glob("x*.toml")))
        assert shown_name in outputs["check"]  # the file is named, inert, on one line


# -- saves, reports, the class page and its CSVs ------------------------------------------------


def hostile_save(folder: Path, rationale: str, name: str) -> Path:
    """A save of the example pack whose rationales are `rationale`, written raw into the file
    (with a valid checksum), under a file name made of `name`."""
    pack = load_pack(EXAMPLE).pack
    assert pack is not None
    session = Session.start(pack, "us", "s")
    while not session.over:
        session = session.submit(session.briefing().open_options[0].id, "placeholder")
    saves = folder / "saves"
    path = SaveStore(saves).save(session, "game")
    doc = json.loads(path.read_text(encoding="utf-8"))
    for d in doc["decisions"]:
        d["rationale"] = rationale
    doc.pop("checksum")
    doc["checksum"] = checksum(doc)
    target = saves / ("x" + name.replace("/", "_").replace("\x00", "_")[:60] + ".json")
    path.unlink()
    target.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return target


class Tags(HTMLParser):
    """The tags of a page, with their attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert_html(html: str, where: str, local: bool = False) -> None:
    """No script, no image, no event handler; links only to the web, to a place in the page
    (`#s3`, the contents) or, with `local`, to a relative path or a file."""
    for tag, attrs in Tags(html).tags:
        assert tag not in ("script", "img", "iframe", "object", "embed"), (where, tag)
        assert not any(a.lower().startswith("on") for a in attrs), (where, tag, attrs)
        href = attrs.get("href") or attrs.get("src")
        if href is not None:
            ok = href.startswith(("http://", "https://"))
            ok |= local and href.startswith(("./", "file:///"))
            ok |= re.fullmatch(r"#[A-Za-z0-9_-]*", href) is not None
            assert ok, (where, href)


@FEW
@given(rationale=hostile(), name=hostile(), player=hostile())
def test_hostile_saves_and_reports_reach_no_output_raw(rationale, name, player) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        save = hostile_save(folder, rationale, name)
        saves = str(save.parent)
        outputs = {
            "saves list": kt("saves", "--saves", saves, "list"),
            "saves show": kt("saves", "--saves", saves, "show", str(save)),
            "saves verify": kt("saves", "--saves", saves, "--pack", str(EXAMPLE), "verify"),
        }
        for fmt in ("md", "html", "json"):
            outputs[f"report {fmt}"] = kt(
                "report", str(save), "--pack", str(EXAMPLE), "--format", fmt, "--whatif-runs", "0"
            )
        for command, out in outputs.items():
            assert raw(out) == [], command
        assert_inert_html(outputs["report html"], "report html")
        for preset in ("commonmark", "gfm-like"):
            rendered = MarkdownIt(preset).render(outputs["report md"])
            assert_inert_html(rendered, f"report md ({preset})")

        # a report of another student, with a hostile name, beside the save
        pack = load_pack(EXAMPLE).pack
        session = Session.start(pack, "us", "s2").submit("declassify", rationale)
        report = build_report(session, player=player)
        named = save.parent / "javascript:alert(document.title).json"
        named.write_text(report.to_json(), encoding="utf-8")
        page, students, decisions = (folder / n for n in ("class.html", "s.csv", "d.csv"))
        out = kt("class", saves, "--pack", str(EXAMPLE), "--html", str(page),
                 "--csv", str(students), "--decisions-csv", str(decisions))  # fmt: skip
        assert raw(out) == [], "class"
        html = page.read_text(encoding="utf-8")
        assert raw(html) == []
        assert_inert_html(html, "class page", local=True)
        for table in (students, decisions):
            text = table.read_text(encoding="utf-8")
            assert raw(text) == [], table.name
            for row in csv.reader(io.StringIO(text)):
                for cell in row:
                    assert not cell.startswith(tuple(f[0] for f in FORMULAS)), (table.name, cell)


# -- the readers: what they return is inert, whichever net the writers add ------------------------


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings(v)


@FEW
@given(text=hostile())
def test_what_people_wrote_is_inert_once_a_save_is_read(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        save = hostile_save(Path(tmp), text, "game")
        doc = json.loads(save.read_text(encoding="utf-8"))
        doc["pack"]["title"] = text
        doc["classroom"] = {"settings": {"title": text, "questions": [text]}, "player": text}
        doc.pop("checksum")
        doc["checksum"] = checksum(doc)
        save.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        data = read_save(save)
    written = [d.rationale for d in data.decisions]
    written += [data.pack.title, data.classroom.player, *strings(data.classroom.settings)]
    assert all(raw(t) == [] for t in written)


@FEW
@given(text=hostile())
def test_a_report_read_back_is_inert(text: str) -> None:
    pack = load_pack(EXAMPLE).pack
    session = Session.start(pack, "us", text).submit("declassify", text)
    report = build_report(session, player=text, notes=[text])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.json"
        path.write_text(report.model_dump_json(), encoding="utf-8")  # raw, as a forger would
        back, problems = read_report(path)
    assert problems == [] and back is not None
    assert all(raw(t) == [] for t in strings(back.model_dump(mode="json")))


@FEW
@given(text=hostile())
def test_a_classroom_file_is_inert_once_read(text: str) -> None:
    from tests.support import GOOD

    body = GOOD.replace('title = "Week 6"', f"title = {toml_string(text)}")
    body = body.replace("min_length = 10", f"min_length = 10\nprompt = {toml_string(text)}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "class.toml"
        path.write_text(body, encoding="utf-8")
        settings_, problems = load_classroom(path)
        assert problems == [] and settings_ is not None
        assert raw(kt("check", str(path))) == []
    assert all(raw(t) == [] for t in strings(settings_.model_dump(mode="json")))
