"""Hints that lead to the fix (issue 17, item 5), as classes: a key under the wrong table, an
undeclared flag, a date without its zeros, an unclosed string, an id in the wrong case, a bare
word."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import fixes
from game.content.compiler import load_pack
from game.content.problems import Problem

PACK = Path(__file__).resolve().parent / "mistakes" / "pack"
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _check(tmp: Path, name: str, old: str, new: str) -> list[Problem]:
    folder = tmp / "pack"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(PACK, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_pack(folder).problems


NESTED = [(t, t[:-1]) for t in fixes.tables() if len(t) > 1 and t[:-1] in fixes.tables()]


@pytest.mark.parametrize("table,parent", NESTED, ids=[".".join(t) for t, _ in NESTED])
def test_a_key_of_the_parent_table_says_where_it_belongs(table, parent) -> None:
    own = set(fixes.keys_of(table))
    for key in fixes.keys_of(parent):
        if key in own or (*parent, key) in fixes.tables():
            continue
        hint = fixes.unknown_key((*table, 0), key) or ""
        assert f"is a key of {fixes.header(parent)}" in hint, (table, key, hint)
        assert f"`{key}`?" not in hint  # never "did you mean" the key itself


def test_a_key_under_the_wrong_table_names_its_table(tmp_path: Path) -> None:
    problems = _check(
        tmp_path,
        "events.toml",
        '  label = "Calm them"\n',
        '  label = "Calm them"\n  cooldown = 2\n',
    )
    assert problems[0].code == "S101"
    assert "is a key of [[event]], not of [[event.choice]]" in problems[0].hint


NAMES = st.from_regex(r"[a-z]{4,12}", fullmatch=True).filter(
    lambda n: n not in ("quarantine", "deal", "true", "false")
)


@SLOW
@given(name=NAMES)
def test_an_undeclared_flag_says_how_to_declare_it(tmp_path_factory, name: str) -> None:
    problems = _check(
        tmp_path_factory.mktemp("f"),
        "events.toml",
        "flags.quarantine = true",
        f"flags.{name} = true",
    )
    first = problems[0]
    assert first.code == "X002" and f"flags.{name}" in first.message
    suggested = re.findall(r"'flags\.([a-z_]+)'", first.hint)
    import difflib

    for other in suggested:  # only a flag spelt alike, never one that shares `flags.`
        assert difflib.SequenceMatcher(None, name, other).ratio() >= 0.75, first.hint
    if not suggested:
        assert "[[flag]]" in first.hint and f'id = "{name}"' in first.hint


@SLOW
@given(
    day=st.dates(),
    pad=st.sampled_from(["month", "day", "both"]),
)
def test_a_date_without_its_zeros_says_how_to_write_it(tmp_path_factory, day, pad) -> None:
    if (pad in ("month", "both") and day.month >= 10) or (pad in ("day", "both") and day.day >= 10):
        return
    month = str(day.month) if pad != "day" else f"{day.month:02d}"
    dd = str(day.day) if pad != "month" else f"{day.day:02d}"
    written = f"{day.year:04d}-{month}-{dd}"
    problems = _check(
        tmp_path_factory.mktemp("d"), "pack.toml", "start = 1962-10-15", f"start = {written}"
    )
    (first,) = problems
    assert (first.code, first.line) == ("P004", 11)
    assert day.isoformat() in first.hint and "YYYY-MM-DD" in first.hint


_EVENTS = (PACK / "events.toml").read_text(encoding="utf-8").splitlines()
STRINGS = [  # each written once, so that replacing it changes that line
    (n, line)
    for n, line in enumerate(_EVENTS, 1)
    if re.fullmatch(r'\s*[a-z_]+ = "[^"\\]*"', line) and _EVENTS.count(line) == 1
]


@SLOW
@given(at=st.sampled_from(STRINGS))
def test_an_unclosed_string_is_shown_where_it_opens(tmp_path_factory, at) -> None:
    n, line = at
    problems = _check(tmp_path_factory.mktemp("s"), "events.toml", line + "\n", line[:-1] + "\n")
    (first,) = problems
    assert (first.code, first.line, first.col) == ("P004", n, line.index('"') + 1)
    assert "not closed" in first.message and "closing quote" in first.hint


@pytest.mark.parametrize("written", ["US", "Us", "uS", "United States", "united states"])
def test_a_role_in_another_case_or_by_its_name_names_its_id(tmp_path: Path, written: str) -> None:
    problems = _check(tmp_path, "events.toml", 'roles = ["us"]', f'roles = ["{written}"]')
    assert problems[0].code == "R202" and "did you mean 'us'?" in problems[0].hint


@pytest.mark.parametrize("word", ["forty", "high", "Yes", "TRUE"])
def test_a_bare_word_says_how_to_quote_it(tmp_path: Path, word: str) -> None:
    (first,) = _check(tmp_path, "pack.toml", "start = 40", f"start = {word}")
    assert first.code == "P004" and f"`{word}` is not a TOML value" in first.message
    assert "quote" in first.hint.lower() or "true" in first.hint
