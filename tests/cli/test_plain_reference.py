"""Plain mode explains the briefing's terms (g, glossary), gives each capital's view (v), shows
the memo rubric before a student writes, and ends with verdicts, sources and the game set against
what happened."""

from __future__ import annotations

import io

from game.classroom.settings import ClassroomSettings, apply_to_pack
from game.engine.session import Session
from game.plain import PlainGame


def run(pack, lines: list[str], classroom=None, role: str = "us", seed: str = "plain-ref") -> str:
    feed = iter(lines)
    out = io.StringIO()
    played = apply_to_pack(pack, classroom)
    game = PlainGame(played, out, lambda: next(feed, None), classroom=classroom)
    start = classroom.start(played, role) if classroom else Session.start(played, role, seed)
    game.run(start)
    return out.getvalue()


def test_g_explains_the_briefings_terms_and_glossary_lists_them_all(example_pack):
    text = run(example_pack, ["glossary"] + ["g", "1"] * 10)
    assert "Glossary:\n  OFAC: The US Treasury's Office of Foreign Assets Control." in text
    # the OFAC briefing names its term, and g explains it there
    assert "Terms: OFAC (g explains them)" in text
    assert "Terms in this briefing:\n  OFAC:" in text


def test_v_gives_each_capitals_own_view_with_its_source(example_pack):
    text = run(example_pack, ["v", "q"])
    assert "How each capital frames it." in text and "not the truth" in text
    assert "Moscow:" in text and "Source: NHK World, 21 Jan 2023 <https://" in text


def test_the_debrief_gives_verdicts_sources_and_then_and_now(example_pack):
    text = run(example_pack, ["1"] * 30)
    assert "What really happened follows events up to February 2026." in text
    assert "Source: " in text and "<https://" in text
    assert "Your game against what happened:" in text and "(outside your game)" in text


def test_a_classroom_rubric_is_shown_before_the_student_writes(example_pack):
    settings = ClassroomSettings.model_validate(
        {
            "classroom": {"id": "c1", "seed": "s", "ask_name": False},
            "rationale": {"required": True, "min_length": 5},
            "rubric": {"criteria": [{"name": "Evidence", "description": "Cites it", "points": 2}]},
        }
    )
    text = run(example_pack, ["1", "because of the briefing", "q"], classroom=settings)
    assert "Your memos are assessed on:\n  Evidence (2 points): Cites it" in text
    assert "Your memo is assessed on: Evidence." in text
