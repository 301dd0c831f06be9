"""The shipped pack keeps its facts honest where a machine can check them.

- A historical briefing is on the desk only while its text is true: never after the real event it
  leads up to, never before the events it reports as past (`TRUE_WHILE`, with the date of each),
  whether it is drawn in its window or brought by an earlier decision's `later`.
- Every historical event has a dated, sourced reality note; every prediction event a verdict;
  the chronology and the capitals' voices cite sources that exist, are readable and are no blog.
- Every glossary term is used by something a player reads; no player-visible text shows an
  internal source id; every source is cited.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from game.content.compiler import load_pack
from game.engine.pack import Pack
from game.engine.session import Session
from game.report.guide import readers
from game.views.glossary import first_use

PACK = Path(__file__).resolve().parent.parent.parent / "content" / "korean-theater"
D = dt.date

# event id -> (not before, not after): the briefing reports as past what happened on `not
# before` (so it may come in that month or later) and leads up to what happened on `not after`
# (so it may come in that month or earlier). None: no bound. Sources: the event's reality note.
TRUE_WHILE: dict[str, tuple[dt.date | None, dt.date | None]] = {
    "vostochny-summit": (D(2023, 9, 12), D(2023, 9, 13)),  # the train crosses; the summit
    "lavrov-visit": (D(2023, 9, 13), D(2023, 10, 18)),
    "un-joint-condemnation": (D(2023, 10, 13), D(2024, 1, 10)),  # deliveries begun; Jan statements
    "tumangang-shipments": (D(2023, 10, 13), None),
    "treasury-designations": (D(2023, 8, 16), None),
    "naval-drills-proposal": (D(2023, 9, 4), None),  # the NIS briefing
    "rocket-science": (D(2023, 8, 24), D(2023, 11, 21)),  # second failure; the third launch
    "leaders-letters": (D(2023, 9, 13), None),
    "ukraine-war-front": (D(2023, 10, 13), D(2024, 4, 24)),  # shells arrive; the aid is signed
    "primary-foe": (D(2024, 1, 15), D(2024, 1, 15)),
    "china-leverage": (D(2023, 9, 13), D(2025, 9, 3)),  # until Beijing's embrace of Kim
    "panel-of-experts-veto": (None, D(2024, 3, 28)),
    "msmt-launch": (D(2024, 4, 30), D(2024, 10, 16)),  # the Panel ends; the MSMT launches
    "treaty-revival": (D(2023, 9, 13), D(2024, 6, 19)),
    "treaty-ratification": (D(2024, 10, 18), D(2024, 12, 4)),  # troops reported; in force
    "rail-energy-corridor": (None, D(2025, 4, 30)),  # the road bridge is begun
    "camp-david-implementation": (D(2023, 8, 18), D(2023, 12, 19)),  # data sharing goes live
    "nato-asia-partners": (None, D(2024, 7, 9)),
    "shock-satellite": (D(2023, 11, 21), D(2024, 5, 27)),  # the launch; the next
    "shock-seoul-crisis": (D(2024, 12, 14), D(2025, 4, 4)),  # impeachment; the Court's ruling
    "shock-troops": (D(2024, 10, 18), D(2025, 4, 26)),  # first reports; acknowledged
    "pred-tourism-ski": (None, D(2024, 2, 9)),  # the first package flies
    "pred-belarus-overture": (D(2023, 9, 13), D(2024, 7, 23)),  # the first FM visit
    "pred-trade-record": (D(2023, 11, 18), None),  # officials count the growth
}
BLOGS = re.compile(r"blogspot\.|wordpress\.com|medium\.com|substack\.com|livejournal\.", re.I)


@pytest.fixture(scope="module")
def pack() -> Pack:
    result = load_pack(PACK)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result.pack


def possible_turns(pack: Pack) -> dict[str, set[int]]:
    """Every turn each event can be on the desk: its window, and wherever a `later` of a choice
    or outcome can bring it (the engine draws a scheduled event outside its window), to a
    fixpoint."""
    last = pack.meta.turns
    turns = {e.id: set(range(e.turn_min, min(e.turn_max, last) + 1)) for e in pack.events}
    changed = True
    while changed:
        changed = False
        for e in pack.events:
            for c in e.choices:
                for later in (*c.later, *(x for o in c.outcomes for x in o.later)):
                    if later.event is None:
                        continue
                    new = {t + later.delay for t in turns[e.id] if t + later.delay <= last}
                    if not new <= turns[later.event]:
                        turns[later.event] |= new
                        changed = True
    return turns


def month_after(pack: Pack, turn: int) -> dt.date:
    return pack.date_of(turn + 1)


def untrue(pack: Pack, eid: str, turns: set[int]) -> list[str]:
    start, end = TRUE_WHILE[eid]
    wrong = []
    for t in sorted(turns):
        if start is not None and month_after(pack, t) <= start:
            wrong.append(f"turn {t} ({pack.date_of(t):%b %Y}) is before {start}")
        if end is not None and pack.date_of(t) > end:
            wrong.append(f"turn {t} ({pack.date_of(t):%b %Y}) is after {end}")
    return wrong


def test_the_table_names_real_events(pack):
    assert set(TRUE_WHILE) <= set(pack.events_by_id)
    historical = {e.id for e in pack.events if e.kind == "historical"}
    dated = {"anti-western-consolidation"}  # generic: summits 'are coming' in any month
    assert historical - dated <= set(TRUE_WHILE), historical - dated - set(TRUE_WHILE)
    # an event of a real date (the Seoul crisis, the troops, the satellite …) is not hypothetical
    labels = {eid: pack.events_by_id[eid].kind for eid in TRUE_WHILE}
    assert {k for k, kind in labels.items() if kind == "hypothetical"} == set()


def test_a_briefing_is_on_the_desk_only_while_its_text_is_true(pack):
    turns = possible_turns(pack)
    wrong = {eid: untrue(pack, eid, turns[eid]) for eid in TRUE_WHILE}
    assert not {k: v for k, v in wrong.items() if v}


def test_no_month_has_one_briefing_before_an_event_and_another_after_it(pack):
    """A briefing that leads up to a real event and one that reports it are never drawn in the
    same month: the desk would say both that it is coming and that it has happened."""
    turns = possible_turns(pack)
    for before, (_, happens) in TRUE_WHILE.items():
        for after, (happened, _) in TRUE_WHILE.items():
            if before != after and happens is not None and happens == happened:
                both = sorted(turns[before] & turns[after])
                assert not both, f"{before} and {after} can share turns {both}"


def test_a_later_brings_a_historical_event_only_inside_its_window(pack):
    turns = possible_turns(pack)
    for e in pack.events:
        if e.kind == "historical":
            extra = turns[e.id] - set(range(e.turn_min, e.turn_max + 1))
            assert not extra, f"{e.id}: a later brings it at turns {sorted(extra)}"


@pytest.mark.parametrize("role", ["russia", "us", "rok"])
def test_the_simulator_draws_briefings_only_while_true(pack, role):
    """Random games through the real engine: every briefing on the desk is in the turns the
    static check allows, and so true when drawn."""
    allowed = possible_turns(pack)
    for n in range(25):
        rng = random.Random(f"{role}-{n}")
        session = Session.start(pack, role, f"facts-{role}-{n}")
        while True:
            for eid in session.state.desk:
                turn = session.state.turn
                assert turn in allowed[eid], (eid, turn)
                if eid in TRUE_WHILE:
                    assert not untrue(pack, eid, {turn}), (eid, turn)
            if session.over:
                break
            options = [o for b in session.agenda() for o in b.open_options]
            session = session.submit(rng.choice(options).decision)


# --- reality notes, verdicts, chronology, voices -------------------------------------------------


def test_every_historical_event_has_a_dated_sourced_reality_note(pack):
    for e in pack.events:
        if e.kind == "historical":
            r = e.reality
            assert r is not None and r.date and r.sources, e.id
            assert re.search(r"20\d\d", r.date), (e.id, r.date)


def test_every_prediction_event_has_a_verdict_with_the_facts_behind_it(pack):
    predictions = [e for e in pack.events if e.kind == "prediction"]
    assert len(predictions) >= 14
    for e in predictions:
        assert e.reality is not None and e.reality.verdict, e.id
        assert e.reality.sources and len(e.reality.text) > 100, e.id
        assert e.source and e.source.startswith("article:pred"), e.id
    # each of the article's seven predictions is judged
    assert {e.source for e in predictions} == {f"article:pred{n}" for n in range(1, 8)}


def test_reality_notes_follow_events_to_the_latest_reporting(pack):
    assert pack.reality_as_of == "February 2026"
    assert pack.chronology[-1].date >= D(2026, 2, 1)
    dates = [c.date for c in pack.chronology]
    assert dates == sorted(dates)
    for c in pack.chronology:
        assert c.date <= D(2026, 2, 28), c.text  # nothing reliable was found after February 2026
        assert c.sources and c.text.strip()


def test_each_capital_speaks_for_itself(pack):
    capitals = {v.capital for v in pack.voices}
    assert capitals == {"Moscow", "Washington", "Seoul", "Beijing", "Tokyo", "Pyongyang"}
    for v in pack.voices:
        assert v.sources and '"' in v.text, v.capital  # in its own words, quoted


# --- sources -------------------------------------------------------------------------------------


def cited(pack: Pack) -> list[str]:
    ids = [e.source for e in pack.events if e.source]
    for r in [e.reality for e in pack.events] + [e.reality for e in pack.endings]:
        if r is not None:
            ids += r.sources
    for c in pack.chronology:
        ids += c.sources
    for v in pack.voices:
        ids += v.sources
    return ids + list(pack.packet)


def test_every_source_cited_exists_and_every_source_is_cited(pack):
    ids = cited(pack)
    assert set(ids) <= set(pack.sources), set(ids) - set(pack.sources)
    unused = set(pack.sources) - set(ids) - {s for s in pack.sources if s.startswith("article:")}
    assert not unused, unused


def test_sources_are_readable_citations_with_links_and_no_blogs(pack):
    for s in pack.sources.values():
        assert not BLOGS.search(s.url + s.quote), s.id
        if s.id.startswith("article:"):
            assert s.quote, s.id
            continue
        assert s.url.startswith(("https://", "http://")), s.id
        assert re.search(r"\d{4}|: ", s.cite), s.id  # says who and when, or what
        assert not s.cite.lower().startswith("fact sheet"), s.id


def test_the_primary_source_packet_is_quoted(pack):
    assert len(pack.packet) >= 10
    for sid in pack.packet:
        assert pack.sources[sid].quote, sid


def player_texts(pack: Pack) -> list[str]:
    """Everything the game shows a player of the pack's own words."""
    texts = [pack.meta.description]
    for role in pack.roles.values():
        texts.append(role.briefing)
    for e in pack.events:
        texts += [e.title, e.text]
        if e.source in pack.sources:  # the passage the briefing comes from, on the desk
            texts.append(pack.sources[e.source].quote)
        if e.reality is not None:
            texts += [e.reality.text, e.reality.critical]
        for c in e.choices:
            texts += [c.label, c.description, c.debrief, c.closed_text]
            for o in c.outcomes:
                texts += [o.label, o.text]
            texts += [x.text for x in c.later] + [x.text for o in c.outcomes for x in o.later]
    for e in pack.endings:
        texts += [e.title, e.text, *e.epilogue.values()]
        if e.reality is not None:
            texts += [e.reality.text, e.reality.critical]
    texts += [c.text for c in pack.chronology] + [v.text for v in pack.voices]
    texts += [q for q, _ in pack.questions] + [g.text for g in pack.goals]
    texts += [a.label + " " + a.description for a in pack.assumptions]
    return [t for t in texts if t]


def test_no_player_text_shows_an_internal_source_id(pack):
    ids = "|".join(re.escape(s) for s in pack.sources)
    pattern = re.compile(rf"(?<![\w-])(?:{ids}|facts:\d+)(?![\w-])")
    for text in player_texts(pack):
        assert not pattern.search(text), text[:120]


# --- glossary, teaching ------------------------------------------------------------------------


def test_every_glossary_term_is_used_where_a_player_reads(pack):
    texts = "\n".join(player_texts(pack))
    unused = [t.term for t in pack.glossary if first_use(t, texts) is None]
    assert not unused, unused


def test_learning_objectives_name_the_events_that_teach_them(pack):
    assert len(pack.goals) >= 6
    for g in pack.goals:
        assert g.events and set(g.events) <= set(pack.events_by_id), g.text
    assert pack.teaching_notes.strip()


def test_the_models_thesis_assumptions_can_be_flipped(pack):
    for aid in ("trilateral_hardens", "polarisation_pulls_china"):
        assert readers(pack, f"assume.{aid}"), aid
    for a in pack.assumptions:
        assert a.description and readers(pack, f"assume.{a.id}"), a.id
