"""What the analysis proves since issue 17 (item 2): per role, in time, endings implied by a
higher one, divisions where they can meet zero. Each case is made in the clean pack of the
mistakes (tests/authoring/mistakes/pack), which `check --strict` passes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.compiler import load_pack

PACK = Path(__file__).resolve().parent / "mistakes" / "pack"


def _warnings(tmp: Path, edits: dict[str, list[tuple[str, str]]]) -> list:
    folder = tmp / "pack"
    shutil.copytree(PACK, folder)
    for name, pairs in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    result = load_pack(folder)
    assert not result.errors, [p.format() for p in result.errors]
    return result.warnings


TRADE = 'kind = "hypothetical"\nroles = ["ussr"]'


def test_an_event_its_only_role_never_meets_is_never_drawn(tmp_path: Path) -> None:
    # flags.deal is set by the ussr's choices alone: a us game never sees the trade
    (w,) = _warnings(tmp_path, {"events.toml": [(TRADE, TRADE.replace("ussr", "us"))]})
    assert w.code == "W405" and "event 'trade' can never be drawn" in w.message
    assert "flags.deal is always false" in w.message


def test_an_event_listed_for_a_role_that_never_meets_it_is_said_of_that_role(tmp_path) -> None:
    (w,) = _warnings(tmp_path, {"events.toml": [(TRADE, TRADE.replace('"ussr"', '"us", "ussr"'))]})
    assert w.code == "W405" and w.message.endswith("(as 'us')")
    assert "take 'us' out of its `roles`" in w.hint


@pytest.mark.parametrize(
    "compare", ['role == \\"USSR\\"', 'role != \\"us\\" and role != \\"ussr\\"']
)
def test_a_role_no_game_has_never_holds(tmp_path: Path, compare: str) -> None:
    edit = ('  label = "Listen to them"\n', f'  label = "Listen to them"\n  when = "{compare}"\n')
    found = [w for w in _warnings(tmp_path, {"events.toml": [edit]}) if w.code == "W401"]
    assert [w.message.split(":")[0] for w in found] == [
        "choice 'listen' of event 'pressure' can never be open"
    ]


def test_a_choice_read_before_what_it_needs_can_happen_is_never_open(tmp_path: Path) -> None:
    # photos is drawn on turn 1; flags.deal is set on turn 2 at the earliest
    edit = ('  label = "Bomb the sites"\n', '  label = "Bomb the sites"\n  when = "flags.deal"\n')
    (w,) = _warnings(tmp_path, {"events.toml": [edit]})
    assert w.code == "W401" and "flags.deal is false until turn 2 at the earliest" in w.message
    assert "turn_min = 2" in w.hint


US_DEAL = ('effects = ["tension -= 10", "missiles -= 20"]', 'effects = ["flags.deal = true"]')


def test_an_event_that_surely_comes_first_is_read_then(tmp_path: Path) -> None:
    """No turn window: a once-only event of the highest tier that is always open is drawn on
    turn 1, so its choice that needs a flag set later is never open."""
    edits = [
        US_DEAL,
        ("turn_max = 1\npriority = 5\nsource", "priority = 9\nsource"),
        ('  label = "Bomb the sites"\n', '  label = "Bomb the sites"\n  when = "flags.deal"\n'),
    ]
    (w,) = _warnings(tmp_path, {"events.toml": edits})
    assert w.code == "W401" and "choice 'strike' of event 'photos'" in w.message


def test_an_event_with_a_rival_of_its_tier_is_not_surely_first(tmp_path: Path) -> None:
    edits = [
        US_DEAL,
        ("turn_max = 1\npriority = 5\nsource", "priority = 0\nsource"),
        ('  label = "Bomb the sites"\n', '  label = "Bomb the sites"\n  when = "flags.deal"\n'),
    ]
    assert _warnings(tmp_path, {"events.toml": edits}) == []  # `pressure` may come first


RELIEF = """[[ending]]
id = "relief"
title = "Relief"
when = "{when}"
priority = {priority}
text = "The world breathes."

[[ending]]
id = "standoff"
"""


@pytest.mark.parametrize(
    ("when", "priority", "reached"),
    [
        ("missiles < 20 and tension < 50 and prestige < 90", 5, False),  # implies withdrawal
        ("missiles < 20 and tension < 50 and prestige < 90", 20, True),  # comes first itself
        ("missiles < 20 or tension < 50", 5, True),  # holds where withdrawal does not
        ("missiles < 30 and tension < 60 and prestige < 95 and defcon >= 1", 5, False),
    ],
)
def test_an_ending_whose_condition_implies_a_higher_one_is_never_reached(
    tmp_path: Path, when: str, priority: int, reached: bool
) -> None:
    new = RELIEF.format(when=when, priority=priority)
    warnings = _warnings(tmp_path, {"world.toml": [('[[ending]]\nid = "standoff"\n', new)]})
    never = [w for w in warnings if w.code == "W406" and "'relief'" in w.message]
    assert bool(never) is not reached, [w.format() for w in warnings]
    if never:
        assert "ending 'withdrawal' comes first (priority 10 ≥ 5) and holds whenever" in (
            never[0].message
        )


@pytest.mark.parametrize(
    ("file", "old", "new", "shown"),
    [
        (
            "events.toml",
            'weight = "1 + tension / 50"',
            'weight = "1 + tagged(\\"hawkish\\") / tagged(\\"cautious\\")"',
            'tagged("cautious")',
        ),
        (
            "events.toml",
            'weight = "1 + tension / 50"',
            'weight = "1 + 5 / tagged(\\"cautious\\", 2)"',
            'tagged("cautious", 2)',
        ),
    ],
)
def test_a_division_by_a_count_that_starts_at_zero_is_found(
    tmp_path: Path, file: str, old: str, new: str, shown: str
) -> None:
    (w,) = _warnings(tmp_path, {file: [(old, new)]})
    assert w.code == "W409" and f"`{shown}` is 0 until the government takes a decision" in (
        w.message
    )


def test_a_division_in_a_cost_or_a_refill_is_found(tmp_path: Path) -> None:
    budget = '[budget]\nvariable = "prestige"\nrefill = "10 / missiles"\n\n[escalation]'
    edits = {
        "pack.toml": [("[escalation]", budget)],
        "events.toml": [
            ('  label = "Calm them"\n', '  label = "Calm them"\n  cost = "5 / tension"\n')
        ],
    }
    found = {(Path(w.file).name, w.code) for w in _warnings(tmp_path, edits)}
    assert ("pack.toml", "W409") in found and ("events.toml", "W409") in found


def test_a_choice_for_a_role_that_never_meets_its_event_is_never_offered(tmp_path: Path) -> None:
    # without Washington's quarantine in a ussr game, only the us can set flags.quarantine
    move = 'when = "role == \\"ussr\\" and turn >= 2 and not flags.quarantine"'
    warnings = _warnings(tmp_path, {"world.toml": [(move, 'when = "false"')]})
    offered = sorted(w.message for w in warnings if "never offered" in w.message)
    assert offered == [
        f"choice '{c}' of event 'ships' is never offered: no game of 'ussr' draws the event"
        for c in ("run", "turn-back")
    ]
