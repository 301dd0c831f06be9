"""The parts of the format that say what really happened — chronology, voices, verdicts, goals
and the source packet — are checked like the rest: each broken reference or value is reported
where it is, with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.compiler import load_pack

PK = "pack.toml"
CASES = [
    # (edit of pack.toml, code, words in the message)
    (('sources = ["facts:2"]\nevents', 'sources = ["facts:9"]\nevents'), "R204", "facts:9"),
    (('events = ["treasury"]\n', 'events = ["treasuri"]\n'), "R203", "treasuri"),
    (('packet = ["article:p2"]', 'packet = ["article:p3"]'), "R204", "article:p3"),
    (('events = ["shipments", "treasury"] }', 'events = ["shipments", "tresury"] }'), "R203",
     "tresury"),
    (('sources = ["facts:1"]\nconfidence = "medium"', 'sources = []\nconfidence = "medium"'),
     "S104", "at least 1"),
    (('precision = "month"', 'precision = "week"'), "S104", "precision"),
    (('capital = "Moscow"\n', ""), "S103", "capital"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "code", "words"), CASES, ids=[c[1] + c[2] for c in CASES])
def test_each_broken_part_is_reported_where_it_is(pack_copy, edit, code, words) -> None:
    folder = pack_copy({PK: [edit]})
    problems = [p for p in load_pack(folder).problems if p.code == code]
    assert problems, [p.format() for p in load_pack(folder).problems]
    p = problems[0]
    assert Path(p.file).name == PK and words in p.message + p.hint, p.format()
    text = (folder / PK).read_text(encoding="utf-8").splitlines()
    assert p.line > 1 and text[p.line - 1].strip(), p.format()  # a line of the broken part


def test_a_verdict_must_be_one_of_four(pack_copy) -> None:
    folder = pack_copy({"events.toml": [('verdict = "partly"', 'verdict = "mostly"')]})
    (p,) = [p for p in load_pack(folder).problems if p.code == "S104"]
    assert "borne-out" in p.message and "not-yet" in p.message


def test_the_chronology_is_compiled_in_date_order(example_pack) -> None:
    dates = [c.date for c in example_pack.chronology]
    assert dates == sorted(dates) and example_pack.chronology[1].precision == "month"
    assert [g.events for g in example_pack.goals] == [(), ("shipments", "treasury")]
    assert example_pack.glossary[0].aliases == ("Office of Foreign Assets Control",)
