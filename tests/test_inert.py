"""game.inert: whatever the text, nothing unsafe survives it; it changes nothing else, and it is
lossless inside JSON. Links: only http(s). CSV cells: never a formula."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from game.inert import (
    UNSAFE,
    csv_cell,
    has_unsafe,
    inert,
    inert_json,
    inert_line,
    scrub,
    web_link,
)
from tests.hostile import FORMULAS, hostile, raw

# any text, lone surrogates included (JSON can carry them)
anything = st.one_of(hostile(), st.text(st.characters(codec=None, categories=None)))


@given(anything)
def test_inert_leaves_nothing_unsafe_and_is_idempotent(text: str) -> None:
    shown = inert(text)
    assert raw(shown) == []
    assert inert(shown) == shown
    shown.encode("utf-8")  # a lone surrogate would raise here
    line = inert_line(text)
    assert raw(line) == [] and "\n" not in line and "\t" not in line


@given(anything)
def test_has_unsafe_says_what_the_pattern_finds(text: str) -> None:
    assert has_unsafe(text) == (UNSAFE.search(text) is not None)


def test_has_unsafe_knows_every_ascii_character() -> None:
    for code in range(128):
        text = f"ok {chr(code)} ok"
        assert has_unsafe(text) == (UNSAFE.search(text) is not None), code


@given(st.text())
def test_safe_text_is_left_as_it_is(text: str) -> None:
    safe = UNSAFE.sub("", text)
    assert inert(safe) == safe


@given(st.recursive(anything | st.integers(), lambda c: st.lists(c) | st.dictionaries(anything, c)))
def test_inert_json_is_lossless_inside_json(value) -> None:
    text = inert_json(json.dumps(value, ensure_ascii=False))
    assert raw(text) == []
    assert json.loads(text) == value


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@given(st.recursive(anything, lambda c: st.lists(c) | st.dictionaries(anything, c), max_leaves=30))
def test_scrub_makes_every_string_and_key_inert(value) -> None:
    unsafe = [s for s in strings(value) if UNSAFE.search(s.replace("\r\n", "\n"))]
    doc = {"root": value}
    found = scrub(doc)
    assert all(raw(s) == [] for s in strings(doc))
    assert bool(found) == bool(unsafe)


def test_scrub_survives_deep_nesting() -> None:
    doc: list = ["\x1b"]
    for _ in range(10_000):
        doc = [doc]
    assert len(scrub(doc)) == 1


@given(hostile())
def test_a_csv_cell_is_never_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert isinstance(cell, str) and raw(cell) == []
    assert not cell.startswith(tuple(f[0] for f in FORMULAS))
    assert csv_cell(-3.5) == -3.5


SCHEMES = ["javascript", "file", "data", "vbscript", "c", "C", "ms-settings", "mailto", "ftp", ""]


@given(st.text(), st.sampled_from([*SCHEMES, "http", "https"]))
def test_only_web_links_pass(rest: str, scheme: str) -> None:
    url = f"{scheme}:{rest}"
    if web_link(url):
        assert scheme in ("http", "https") and rest.startswith("//")
        assert raw(url) == [] and " " not in url


def test_web_links() -> None:
    assert web_link("https://example.org/a?b=c#d") and web_link("HTTP://example.org")
    for bad in ("C:/Windows/System32/calc.exe", "javascript:alert(1)", "file:///etc/passwd",
                "https:\\\\evil", "https://", "//example.org", "https://exa mple.org",
                "https://example.org/\x1b[2J", "http://[::1"):  # fmt: skip
        assert not web_link(bad), bad


@given(anything)
def test_inert_text_keeps_its_length(text: str) -> None:
    """A label that fits its field still fits once inert: checks of length cannot turn a warning
    about a control character into an error about a long field."""
    assert len(inert(text)) == len(text.replace("\r\n", "\n"))
    assert len(inert_line(text)) == len(text.replace("\r\n", "\n"))
