"""The class page as a 15-minute debrief: the decisions that mattered most (each game's own,
counted, never replayed again), one event across roles, what really happened beside the class's
choices, prediction accuracy by meter and by event, the teacher's and the pack's questions; all
in the contents, short (details collapsed), and inert whatever the pack or the students wrote."""

from __future__ import annotations

import re
import statistics

import pytest

from game.report.classpage import render_class_html
from game.report.discussion import (
    mattered_most,
    prediction_tallies,
    questions,
    realities,
)
from game.report.summary import gather, summarize
from game.report.svg import e
from tests.report.organised_class import QUESTION

SECTIONS = [
    "The decisions that mattered most",
    "One event across roles",
    "What really happened, beside the class’s choices",
    "Prediction accuracy by meter and by event",
    "Questions for the discussion",
]


@pytest.fixture(scope="module")
def summary(class_saves):
    return summarize(gather([str(class_saves / "reports")])[0])


def test_every_section_is_on_the_page_and_in_its_contents(summary) -> None:
    page = render_class_html(summary)
    for heading in SECTIONS:
        anchor = re.search(rf'<h2 id="(s\d+)">{heading}</h2>', page)
        assert anchor, heading
        assert f'<a href="#{anchor.group(1)}">{heading}</a></li>' in page
    assert 'href="#projector"' in page and "body:has(#projector:target)" in page


def test_the_decisions_that_mattered_are_each_games_own_counted(summary, monkeypatch) -> None:
    import game.engine.counterfactual as counterfactual

    def no_replays(*args, **kwargs):
        raise AssertionError("the class page replays no game: the reports have their pivots")

    monkeypatch.setattr(counterfactual, "decisive", no_replays)
    ranked = mattered_most(summary)
    assert ranked
    for m in ranked:
        pivots = [
            p
            for en in summary.entries
            if en.report.role == m.role
            for p in en.report.mattered
            for d in en.report.decisions
            if d.turn == p.turn and d.title == m.title
        ]
        assert m.games == len(pivots)
        gains = [p.best - p.score for p in pivots if p.best is not None]
        assert m.mean_gain == (statistics.fmean(gains) if gains else None)
        assert m.example[1][0] in {p.head for p in pivots}
    games = [m.games for m in ranked]
    assert games == sorted(games, reverse=True)
    assert "The decisions that mattered most" in render_class_html(summary)


def test_one_event_across_roles_shows_each_roles_choices(summary) -> None:
    page = render_class_html(summary)
    part = page[page.index(">One event across roles</h2>") :]
    part = part[: part.index("<h2", 5)]
    shared = {ev.event for ev in summary.events if ev.role == "us"} & {
        ev.event for ev in summary.events if ev.role == "russia"
    }
    assert shared and part.count("<details") == len(shared)
    assert part.count("<details open>") == 1  # the most met event open, the rest collapsed
    assert "<td>United States</td>" in part and "<td>Russia</td>" in part


def test_prediction_accuracy_by_meter_and_by_event_adds_up(summary) -> None:
    by_meter, by_event = prediction_tallies(summary)
    made = sum(en.report.predictions.total for en in summary.entries if en.report.predictions)
    right = sum(en.report.predictions.hits for en in summary.entries if en.report.predictions)
    assert made and sum(t.total for t in by_meter.values()) == made
    assert sum(t.total for t in by_event.values()) == made
    assert sum(t.hits for t in by_meter.values()) == right == sum(t.hits for t in by_event.values())


def test_what_really_happened_sits_beside_the_class_choices(summary) -> None:
    found = realities(summary)
    assert found
    page = render_class_html(summary)
    part = page[page.index("beside the class’s choices</h2>") :]
    for reality, evs in found:
        block = part[part.index(f"<b>{evs[0].title}</b>") :]
        block = block[: block.index("</details>")]
        assert "The class chose" in block and 'class="reality"' in block
        assert e(reality.text) in block


def test_the_teachers_questions_come_first_then_the_packs_once_each(summary) -> None:
    found = questions(summary)
    assert found[0][:2] == (QUESTION, True)
    texts = [q for q, _, _ in found]
    assert len(texts) == len(set(texts)) and len(texts) > 1
    page = render_class_html(summary)
    assert QUESTION not in page and "Was &lt;b&gt;Beijing&lt;/b&gt; the key?" in page


def test_the_page_stays_short(summary) -> None:
    """Per-event tables are collapsed: outside <details> the page has a handful of tables,
    however many events the class met."""
    page = render_class_html(summary)
    outside = re.sub(r"<details.*?</details>", "", page, flags=re.S)
    assert len(summary.events) >= 8
    assert outside.count("<table") <= 14, outside.count("<table")
    assert "<h4>" not in outside


def test_hostile_reality_notes_and_sources_stay_text(summary) -> None:
    """A doctored report's reality note, source and link: text on the page, and only a web
    address becomes a link."""
    en = next(en for en in summary.entries if any(d.reality for d in en.report.decisions))
    k, d = next((k, d) for k, d in enumerate(en.report.decisions) if d.reality is not None)
    evil_source = d.reality.sources[0].model_copy(
        update={"cite": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)"}
    ) if d.reality.sources else None  # fmt: skip
    reality = d.reality.model_copy(
        update={
            "text": "<script>alert(2)</script>",
            "sources": [evil_source] if evil_source else [],
        }
    )
    decisions = list(en.report.decisions)
    decisions[k] = d.model_copy(update={"reality": reality, "title": "<i>x</i>"})
    doctored = en.report.model_copy(update={"decisions": decisions})
    others = [x.report for x in summary.entries if x is not en]
    from game.report.summary import Entry

    page = render_class_html(
        summarize(
            [Entry("evil.json", doctored), *(Entry(f"{i}.json", r) for i, r in enumerate(others))]
        )
    )
    assert "<script>alert(2)" not in page and "&lt;script&gt;alert(2)" in page
    assert "<i>x</i>" not in page and "javascript:" not in page
    assert "<img" not in page
