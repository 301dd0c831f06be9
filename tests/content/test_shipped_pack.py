"""The shipped pack, content/korean-theater: clean, complete, and deterministic.

The recorded playthroughs at the bottom pin the pack's behaviour: if a content or engine change
alters what a given seed and list of choices lead to, the digest changes. When that is intended,
re-record them with ``.venv/bin/python tests/content/test_shipped_pack.py --record``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from game.content.compiler import load_pack
from game.engine.pack import Choice, Pack
from game.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent.parent
PACK = ROOT / "content" / "korean-theater"
ROLES = {"russia", "us", "rok"}
STANCES = {"hawkish", "cautious", "diplomatic", "economic"}


@pytest.fixture(scope="module")
def result():
    return load_pack(PACK)


@pytest.fixture(scope="module")
def pack(result) -> Pack:
    assert result.pack is not None, "\n".join(p.format() for p in result.problems)
    return result.pack


def all_choices(pack: Pack) -> list[Choice]:
    return [c for e in pack.events for c in e.choices]


def is_delayed(choice: Choice) -> bool:
    """A choice with a consequence that does not land at once."""
    effects = list(choice.effects)
    laters = list(choice.later)
    for o in choice.outcomes:
        effects += o.effects
        laters += o.later
    return bool(laters) or any(e.mode != "immediate" for e in effects)


# --- the checker ---------------------------------------------------------------------------------


def test_pack_checks_without_problems_or_warnings(result):
    assert [p.format() for p in result.problems] == []


def test_every_file_names_its_schema():
    for path in sorted(PACK.rglob("*.toml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = len(path.relative_to(ROOT).parts) - 1
        expected = "#:schema " + "../" * depth + "schema/korean-theater-pack.schema.json"
        assert first == expected, path


# --- size and shape ------------------------------------------------------------------------------


def test_counts(pack):
    assert set(pack.roles) == ROLES
    assert len(pack.events) >= 40, (
        f"only {len(pack.events)} events: part B's predictions.toml and shocks.toml are expected "
        "to bring the pack to 40 or more"
    )
    assert len(pack.endings) >= 8
    assert len(pack.rules) >= 15
    assert {"china", "japan", "dprk"} <= {a.id for a in pack.actors}
    assert 18 <= pack.meta.turns <= 24


def test_required_state(pack):
    variables = {v.id for v in pack.variables}
    assert variables >= {
        "tension", "ru_dprk_military", "sanctions", "trilateral", "china_align", "dprk_missiles",
        "munitions", "trade", "polarisation", "dprk_standing", "credibility", "support",
        "escalation",
    }  # fmt: skip
    flags = {f.id for f in pack.flags}
    assert flags >= {
        "summit_held", "lavrov_visit", "un_condemnation", "shipments_exposed",
        "treasury_sanctions", "naval_drills_proposed", "naval_drills_held", "treaty_signed",
        "ports_access", "rail_corridor", "rocket_cooperation", "camp_david", "un_panel_ended",
        "belarus_link", "tourism_open", "troops_deployed", "barter_deal",
    }  # fmt: skip
    assumptions = {a.id: a for a in pack.assumptions}
    assert assumptions["china_restrains"].default is True
    assert isinstance(assumptions["us_focus_europe"].default, bool)
    assert assumptions["kim_risk_appetite"].default == 1.0
    assert pack.escalation is not None
    assert [r.at for r in pack.escalation.rungs] == [0, 1, 2, 3, 4, 5, 6]
    assert pack.escalation.ending == "war"
    assert any(e.id == "war" and e.at == "any" for e in pack.endings)


def test_sources_cover_article_and_reporting(pack):
    article = [s for s in pack.sources if s.startswith("article:")]
    assert len(article) >= 16  # 9 paragraphs and 7 predictions
    for s in article:
        assert pack.sources[s].quote, s
    reporting = [s for s in pack.sources.values() if not s.id.startswith("article:")]
    assert len(reporting) >= 60  # one per work cited (tests/content/test_facts.py checks them)


def test_fallback_ending_is_unconditional(pack):
    fallback = [e for e in pack.endings if e.at == "end" and e.when.const is True]
    assert fallback, "no unconditional ending"
    assert fallback[-1].id == "frozen-standoff"


def test_every_ending_has_an_epilogue_for_every_role(pack):
    for ending in pack.endings:
        assert set(ending.epilogue) == ROLES, ending.id


def test_teaching(pack):
    assert len(pack.questions) >= 8
    ids = {e.id for e in pack.events}
    for _, events in pack.questions:
        assert events and set(events) <= ids
    assert len(pack.glossary) >= 15


# --- events and choices --------------------------------------------------------------------------


def test_every_event_has_source_and_kind(pack):
    for e in pack.events:
        assert e.source in pack.sources, e.id
        assert e.kind in {"historical", "hypothetical", "prediction"}, e.id


def test_every_role_that_sees_an_event_has_three_to_five_choices(pack):
    for e in pack.events:
        assert e.roles, e.id
        for role in e.roles:
            n = len(e.choices_for(role))
            assert 3 <= n <= 5, f"{e.id}: {role} has {n} choices"


def test_choices_are_tagged_with_a_stance(pack):
    untagged = [c.id for c in all_choices(pack) if not STANCES & set(c.tags)]
    assert len(untagged) <= len(all_choices(pack)) // 10, untagged


def test_a_third_of_choices_roll_dice_and_a_third_echo_later(pack):
    choices = all_choices(pack)
    with_outcomes = sum(1 for c in choices if c.outcomes)
    delayed = sum(1 for c in choices if is_delayed(c))
    assert with_outcomes * 3 >= len(choices), f"{with_outcomes}/{len(choices)} with outcomes"
    assert delayed * 3 >= len(choices), f"{delayed}/{len(choices)} with delayed consequences"


def test_historical_events_have_a_reality_note(pack):
    for e in pack.events:
        if e.kind == "historical":
            assert e.reality is not None and e.reality.sources, e.id


# --- recorded playthroughs -----------------------------------------------------------------------
# One full game per role: the seed, the choices made, and the digest of the final state.
# Re-record with: .venv/bin/python tests/content/test_shipped_pack.py --record

PLAYTHROUGHS: dict[str, tuple[str, list[str], str, str]] = {
    "rok": (
        "recorded-rok",
        [
            "stand-with-allies",
            "trilateral-statement",
            "naval-drills-proposal/seoul-beijing",
            "rok-ask-beijing",
            "new-doctrine",
            "pred-trade-record/rok-warn-firms",
            "china-leverage/seoul-beijing-summit",
            "rail-energy-corridor/say-nothing",
            "review-ukraine-aid",
            "global-partners",
            "shock-leaked-annex/rok-demand-explanation",
            "pacific-fleet-ports/japan-coordination",
            "save-standing",
            "monitor-troops",
            "channel-to-moscow",
            "rok-proportionate",
            "save-standing",
            "explain-at-home",
            "save-standing",
            "tend-alliance",
        ],
        "hostile-peace",
        "81e00e1694beb863c1016243292175bd",
    ),
    "russia": (
        "recorded-russia",
        [
            "frame-with-china",
            "tumangang-shipments/reroute-sea",
            "ru-conventional",
            "outbid",
            "naval-drills-proposal/shelve-drills",
            "pred-belarus-overture/ru-keep-bilateral",
            "pred-bodies-seat/ru-no-campaign",
            "ru-invest-mines",
            "pred-proxy-exercise/ru-condemn-bloc",
            "anti-western-consolidation/brics-agenda",
            "consult-beijing-routine",
            "save-credit",
            "work-the-un",
            "tend-partnership",
            "work-the-un",
            "ru-signal-opposition",
            "work-the-un",
            "consult-beijing-routine",
            "work-the-un",
            "save-credit",
        ],
        "frozen-standoff",
        "bdcef341ff21d6f7aa071e9c005bca31",
    ),
    "us": (
        "recorded-us",
        [
            "quiet-beijing",
            "tumangang-shipments/declassify-images",
            "ukraine-war-front/push-aid",
            "leave-china",
            "pred-proxy-patrons/us-quiet-posture",
            "shock-kim-absent/us-nuclear-security-talks",
            "pred-proxy-exercise/us-low-profile",
            "pred-trade-shortlist/us-russias-vote",
            "pred-bodies-finance/us-crypto",
            "nato-asia-partners/separate-alliances",
            "naval-drills-decision/carrier-group",
            "us-scale-down",
            "save-attention",
            "posture-review",
            "tend-enforcement",
            "us-press-calendar",
            "tend-trilateral",
            "tend-enforcement",
            "talk-to-beijing",
            "save-attention",
        ],
        "frozen-standoff",
        "8c117fa55b1f1862c891bbd280ad7e8a",
    ),
}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_recorded_playthrough_replays(pack, role):
    seed, choices, ending, digest = PLAYTHROUGHS[role]
    session = Session.replay(pack, role, seed, choices)
    assert session.over
    assert len(session.choices) == pack.meta.turns  # a full game, not one cut short by war
    assert session.state.ending == ending
    assert session.state.digest() == digest


def record(pack: Pack) -> None:
    """Play one full game per role with random open choices and print PLAYTHROUGHS."""
    print("PLAYTHROUGHS: dict[str, tuple[str, list[str], str, str]] = {")
    for role in sorted(ROLES):
        for attempt in range(100):  # the first seed whose game runs to the last turn
            seed = f"recorded-{role}" + (f"-{attempt}" if attempt else "")
            rng = random.Random(seed)
            session = Session.start(pack, role, seed)
            while not session.over:
                options = [o for b in session.agenda() for o in b.open_options]
                session = session.submit(rng.choice(options).decision)
            if len(session.choices) == pack.meta.turns:
                break
        state = session.state
        print(f"    {role!r}: (")
        print(f"        {seed!r},")
        print(f"        {list(session.choices)!r},")
        print(f"        {state.ending!r},")
        print(f"        {state.digest()!r},")
        print("    ),")
    print("}")


if __name__ == "__main__":
    if "--record" in sys.argv:
        sys.path.insert(0, str(ROOT))
        loaded = load_pack(PACK)
        assert loaded.pack is not None, [p.format() for p in loaded.problems]
        record(loaded.pack)
