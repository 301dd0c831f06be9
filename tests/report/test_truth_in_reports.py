"""What really happened reaches every report: the verdict on a prediction, the game set against
the chronology, each capital's voice, the terms met, the teaching goals, the memo rubric, the
sources with their links; and the class page carries the rubric's marking grid and the notes."""

from __future__ import annotations

import pytest

from game.classroom.settings import ClassroomSettings
from game.engine.session import Session
from game.report import render
from game.report.build import build_report
from game.report.classpage import render_class_html
from game.report.summary import Entry, summarize
from game.text import debrief_lines

RUBRIC = {"criteria": [{"name": "Evidence", "description": "Cites the briefing", "points": 2}]}


def met_talks(pack) -> Session:
    """A finished game of the example pack whose desk had the prediction event 'talks'."""
    for n in range(200):
        session = Session.start(pack, "us", f"truth-{n}")
        while not session.over:
            session = session.submit(session.briefing().open_options[0].id, "because")
        if any(s.report.choice and e == "talks" for s, e in _handled(session)):
            return session
    raise AssertionError("no game met 'talks'")


def _handled(session):
    from game.views.agenda import handled

    for step in session.steps:
        event, _ = handled(session.pack, step.report)
        yield step, event.id if event else None


@pytest.fixture(scope="module")
def report(example_pack):
    session = met_talks(example_pack)
    classroom = ClassroomSettings.model_validate(
        {"classroom": {"id": "c1", "seed": "s"}, "rubric": RUBRIC}
    )
    return session, build_report(session, classroom=classroom)


def test_the_verdict_is_in_the_report_and_every_rendering(report):
    session, r = report
    talks = next(d for d in r.decisions if d.event == "talks")
    assert talks.reality is not None and talks.reality.verdict == "partly"
    for fmt in ("md", "html"):
        assert "Partly borne out" in render(r, fmt)
    assert '"verdict": "partly"' in render(r, "json")
    assert any("Verdict on the article's prediction" in line for line in debrief_lines(session))
    assert r.reality_as_of == "February 2026"


def test_your_game_is_set_against_what_happened(report):
    session, r = report
    assert any(m.real for m in r.then_and_now) and any(m.game for m in r.then_and_now)
    assert any(not m.played for m in r.then_and_now)  # the chronology before the game
    md, html = render(r, "md"), render(r, "html")
    assert "## Your game against what happened" in md and "OFAC designates" in md
    assert "Your game against what happened" in html
    lines = "\n".join(debrief_lines(session))
    assert (
        "Your game against what happened" in lines and "Source: Yonhap, 17 Aug 2023 <https" in lines
    )


def test_sources_voices_terms_goals_and_rubric(report):
    _, r = report
    md, html = render(r, "md"), render(r, "html")
    assert "[Yonhap, 17 Aug 2023](https://en.yna.co.kr/" in md
    assert '<a href="https://en.yna.co.kr/' in html
    assert r.voices and "## How each capital frames it" in md and "Moscow" in html
    assert [t.term for t in r.glossary] == ["OFAC"]
    assert "## Terms in your briefings" in md and "Office of Foreign Assets Control" in md
    assert "The pack's teaching goals" in md and "Weigh exposure against quiet pressure" in md
    assert "## How your memos are assessed" in md and "Evidence" in html
    assert r.teaching_notes.startswith("Play it twice")


def test_the_class_page_marks_memos_by_the_rubric_and_carries_the_notes(report):
    _, r = report
    page = render_class_html(summarize([Entry("a.json", r), Entry("b.json", r)]))
    assert "Marking the memos" in page and "Evidence /2" in page
    assert "For the teacher" in page and "Play it twice" in page
    without = r.model_copy(update={"classroom": None, "teaching_notes": "", "teaching_goals": []})
    plain = render_class_html(summarize([Entry("a.json", without)]))
    assert "Marking the memos" not in plain and "For the teacher" not in plain
