"""Pure wording of the glossary, verdicts, citations and the chronology."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from game.engine.pack import GlossaryTerm
from game.views.chronology import months_of, then_and_now
from game.views.glossary import first_use, terms_in, terms_line
from game.views.reality import cite_text, date_text, verdict_line, verdict_word

OFAC = GlossaryTerm(
    "OFAC", "The US Treasury's sanctions office.", ("Office of Foreign Assets Control",)
)
ROK = GlossaryTerm("ROK", "Republic of Korea.", ("South Korea",))
LEAP = GlossaryTerm("Great Leap Forward", "China, 1958–62.", ("Big Leap",))
GLOSSARY = (OFAC, ROK, LEAP)

words = st.text(alphabet="abcdefghij klmnop,.;", max_size=40)


@given(before=words, after=words, term=st.sampled_from(GLOSSARY), spelling=st.integers(0, 1))
def test_a_term_or_alias_is_found_wherever_it_stands_as_a_word(before, after, term, spelling):
    name = (term.term, *term.aliases)[min(spelling, len(term.aliases))]
    text = f"{before} {name} {after}"
    assert term in terms_in(GLOSSARY, text)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_an_acronym_is_not_found_inside_a_word_or_in_lower_case(stem):
    assert first_use(ROK, f"{stem}rok and rok-choice and ROKs") is None
    assert first_use(ROK, f"{stem} the ROK said") is not None


def test_terms_come_in_the_order_the_text_uses_them():
    text = "The Big Leap, then OFAC; later South Korea and OFAC again."
    assert terms_in(GLOSSARY, text) == (LEAP, OFAC, ROK)
    assert terms_line(terms_in(GLOSSARY, text)) == "Terms: Great Leap Forward, OFAC, ROK"
    assert terms_line(()) == ""


def test_verdicts_citations_and_dates():
    assert verdict_word("partly") == "Partly borne out"
    assert verdict_word(None) == "" and verdict_line(None) == ""
    assert verdict_line("not-yet", "February 2026") == (
        "Verdict on the article's prediction (as of February 2026): Not (yet) borne out"
    )
    assert (
        cite_text("NK News, 2025", "https://nknews.org/x") == "NK News, 2025 <https://nknews.org/x>"
    )
    assert cite_text("https://a.b/c", "https://a.b/c") == "https://a.b/c"
    assert date_text(dt.date(2024, 12, 3), "day") == "3 Dec 2024"
    assert date_text(dt.date(2024, 12, 3), "month") == "Dec 2024"


def test_then_and_now_sets_each_month_of_a_game_beside_what_happened(example_pack):
    months = then_and_now(example_pack, [(1, "Satellite images"), (3, "Talks")])
    labels = [m.label for m in months]
    assert labels == ["Aug 2023", "Sep 2023", "Nov 2023"]  # by month, in order
    aug, sep, nov = months
    assert not aug.played and aug.real and not aug.game  # before the game
    assert sep.played and sep.game == ("Satellite images",) and not sep.real
    assert nov.played and nov.game == ("Talks",) and nov.real


def test_months_of_a_session_name_every_turn(example_pack):
    from game.engine.session import Session

    session = Session.start(example_pack, "us", "months")
    session = session.submit(session.briefing().open_options[0].id)
    months = months_of(session)
    assert any(m.game for m in months) and any(m.real for m in months)
