"""One broken pack per problem code: the checker names the code, the file and the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.compiler import load_pack
from game.content.problems import CODES

E = "events.toml"
W = "world.toml"
PK = "pack.toml"
ST = "strategy.toml"
NEW_EVENT = """
[[event]]
id = "extra"
title = "Extra"
kind = "hypothetical"
text = "x"

  [[event.choice]]
  id = "only-us"
  label = "Only for the US"
  roles = ["us"]
"""

SMOOTH_60 = '{ do = "tension += 1", mode = "smooth", turns = 60 }'

# code, file, [(old, new)], expected line, a word the message or hint must contain
CASES = [
    ("P004", E, [("priority = 5", "priority = = 5")], 7, ""),
    ("P006", E, [("crossing the bridge", "crossing\\u001b]0;pwned\\u0007")], 10, "u+001b"),
    ("S101", E, [("priority = 5", "priorty = 5")], 7, "priority"),
    ("S102", E, [("priority = 5", 'priority = "high"')], 7, "integer"),
    ("S103", E, [('kind = "historical"\nroles', "roles")], 2, "kind"),
    ("S104", E, [('kind = "historical"', 'kind = "historic"')], 5, "historical"),
    ("S105", E, [("", "\n[calendar]\nstart = 2023-01-01\nturns = 3\n")], 100, "pack.toml"),
    ("S106", PK, [("format = 1", "format = 2")], 8, "format 2"),
    ("R201", E, [('id = "treasury"', 'id = "shipments"')], 55, "twice"),
    ("R202", E, [('roles = ["us", "russia"]', 'roles = ["us", "rusia"]')], 6, "russia"),
    ("R203", E, [('event = "treasury"', 'event = "treasure"')], 29, "treasury"),
    ("R204", E, [('source = "article:p2"', 'source = "article:p9"')], 9, "article:p9"),
    ("R205", PK, [('variable = "escalation"', 'variable = "escalate"')], 18, "escalation"),
    ("R206", PK, [('ending = "war"', 'ending = "wars"')], 25, "war"),
    ("X001", E, [('effects = ["tension -= 3"]', 'effects = ["tension -= (3"]')], 37, ""),
    ("X002", E, [('effects = ["tension -= 3"]', 'effects = ["tensoin -= 3"]')], 37, "tension"),
    ("X003", W, [('when = "tension > 20"', 'when = "tension and 20"')], 5, ""),
    ("X004", E, [('effects = ["tension -= 3"]', 'effects = ["tension -= foo(3)"]')], 37, "min"),
    ("X005", E, [('effects = ["tension -= 3"]', 'effects = ["turn = 3"]')], 37, "turn"),
    ("X006", W, [('"tension > 20"', '"' + "(" * 40 + "1" + ")" * 40 + ' > 0"')], 5, ""),
    ("V301", PK, [("start = 40", "start = 140")], 66, "140"),
    ("V302", E, [("{ chance = 0.5,", "{ chance = 1.5,")], 26, "1.5"),
    (
        "V303",
        E,
        [('roles = ["us", "russia"]\npriority = 5', 'roles = ["us"]\npriority = 5')],
        43,
        "",
    ),
    ("V304", E, [("", NEW_EVENT)], 166, "russia"),
    ("V305", E, [("turn_max = 2", "turn_max = 2\nturn_min = 5")], 9, "window"),
    ("V306", PK, [("{ at = 2, label", "{ at = 5, label")], 19, "rise"),
    (
        "V307",
        W,
        [('title = "Frozen standoff"', 'title = "Frozen standoff"\nwhen = "turn > 99"')],
        1,
        "",
    ),
    ("V308", E, [("weight = 2", "weight = -1")], 134, "negative"),
    ("V309", E, [('{ do = "sanctions += 6", mode', '{ do = "sanctions = 6", mode')], 24, "smooth"),
    ("V310", W, [('when = "escalation >= 6"\n', "")], 28, "every turn"),
    ("V311", E, [("weight = 2", "weight = 1e7")], 134, "1e+07"),
    ("V312", W, [('["tension -= 1"]', "[" + ", ".join([SMOOTH_60] * 3) + "]")], 6, "5,000"),
    (
        "V313",
        E,
        [
            ("cooldown = 1\n", ""),
            (
                'effects = ["cooperation -= 3", "tension -= 2"]',
                'effects = ["cooperation -= 3", "tension -= 2"]\n'
                '  later = [{ in = 1, event = "talks" }, { in = 2, event = "talks" }]',
            ),
        ],
        114,
        "pile up",
    ),
    ("V320", ST, [("  cost = 2\n", "  cost = -2\n")], 41, "negative"),
    (
        "V321",
        ST,
        [('[budget]\nvariable = "capital"\n', '[nobudget]\nvariable = "capital"\n')],
        41,
        "budget",
    ),
    ("V322", ST, [("  cost = 2\n", "  cost = 2\n  default = true\n")], 50, "more than one"),
    ("V323", ST, [("  default = true\n", "")] * 3, 11, "default"),
    ("V324", W, [('id = "war"\n', 'id = "war"\nresult = { us = "win" }\n')], 26, "loss"),
    (
        "V325",
        E,
        [
            ('id = "treasury"\n', 'id = "treasury"\non = 3\n'),
            ('id = "talks"\n', 'id = "talks"\non = 3\n'),
        ],
        94,
        "both scheduled for turn 3",
    ),
    ("V330", E, [('  date = "20 Jan 2023"\n', "")], 12, "no date"),
    ("V331", E, [(', verdict = "partly"', "")], 100, "verdict"),
]


@pytest.mark.parametrize(
    ("code", "file", "edits", "line", "word"), CASES, ids=[c[0] for c in CASES]
)
def test_each_code_is_located(pack_copy, code, file, edits, line, word) -> None:
    folder = pack_copy({file: edits})
    problems = load_pack(folder).problems
    found = [p for p in problems if p.code == code]
    assert found, f"no {code}; got {[p.format() for p in problems]}"
    if code == "S105":
        line = max(p.line for p in found)
        assert line > 100  # the appended table, past the original end
    elif code == "V307":
        line = found[0].line  # reported on [pack]: the pack as a whole lacks it
    p = next((p for p in found if p.line == line), found[0])
    assert Path(p.file).name == (PK if code == "V307" else file)
    assert p.line == line, p.format()
    assert word.lower() in (p.message + " " + p.hint).lower(), p.format()
    assert p.hint, "every problem says what to do"


def test_every_code_has_a_case_or_its_own_test() -> None:
    covered = {c[0] for c in CASES} | {"P001", "P002", "P003", "P005"}  # see test_bad_input.py
    analysis = {c for c in CODES if c.startswith("W")}  # the analysis warnings have their tests
    assert set(CODES) - analysis <= covered


def test_the_example_pack_is_clean() -> None:
    from tests.support import EXAMPLE

    result = load_pack(EXAMPLE)
    assert result.problems == []
    assert result.pack is not None


def test_every_problem_is_reported_not_just_the_first(pack_copy) -> None:
    folder = pack_copy(
        {
            E: [
                ("priority = 5", "priorty = 5"),  # event 1: structure
                ('effects = ["sanctions -= 2"]', 'effects = ["sanctoins -= 2"]'),  # event 2
                ('when = "turn >= 2"', 'when = "turn >= 2 and"'),  # event 3
            ],
            W: [('when = "tension > 20"', 'when = "tension and 20"')],
            PK: [("start = 40", "start = 140")],
        }
    )
    codes = sorted(p.code for p in load_pack(folder).problems)
    assert codes == ["S101", "V301", "X001", "X002", "X003"]


def test_all_structural_problems_of_one_item_are_reported(pack_copy) -> None:
    folder = pack_copy({E: [("priority = 5", "priorty = 5\ncooldown = -1"), ("turn_max = 2", "")]})
    codes = sorted(p.code for p in load_pack(folder).problems)
    assert codes == ["S101", "S104"]


def test_expression_column_points_into_the_string(pack_copy) -> None:
    folder = pack_copy({E: [('effects = ["tension -= 3"]', 'effects = ["tension -= 3 + nope"]')]})
    (p,) = [p for p in load_pack(folder).problems if p.code == "X002"]
    assert (p.line, p.col) == (37, 30)  # the n of `nope`


def test_a_broken_item_does_not_cause_dangling_reference_noise(pack_copy) -> None:
    # treasury is broken (bad kind); the `later` that names it must not add an R203
    folder = pack_copy(
        {E: [('title = "Treasury sanctions"\nkind = "historical"', 'title = "T"\nkind = "x"')]}
    )
    codes = [p.code for p in load_pack(folder).problems]
    assert codes == ["S104"]


def test_problem_format_is_compiler_like(pack_copy) -> None:
    folder = pack_copy({E: [("priority = 5", "priorty = 5")]})
    (p,) = load_pack(folder).problems
    first, hint = p.format().splitlines()
    assert first == f"{folder / E}:7:1: S101 unknown key `priorty` in `event[0]`"
    assert hint.strip() == "hint: did you mean `priority`?"


@pytest.mark.parametrize(
    "written", ["\\u001b[2J", "\\b", "\\f", "\\r", "\\u0007", "\\U0000009b", "\u202e", "\u009b"]
)
def test_every_way_to_write_a_control_character_is_found(pack_copy, written) -> None:
    """Raw (a C1 control, a bidi override) or as any TOML escape, in a value or a key."""
    edits = [("crossing the bridge", f"crossing {written} the bridge")]
    edits += [('title = "Treasury sanctions"', f'"a{written}" = 1\ntitle = "Treasury sanctions"')]
    problems = load_pack(pack_copy({E: edits})).problems
    found = [p for p in problems if p.code == "P006"]
    assert {p.line for p in found} >= {10}, [p.format() for p in problems]
    assert len(found) == 2 and all(p.severity == "warning" for p in found)
    # the key is named inert: its control character shown as a visible one, not raw
    assert any(p.code == "S101" and re.search("[\u2400-\u2421\ufffd]", p.message) for p in problems)
