"""The pending-work budget (V312) and chains of events that pile up (V313): a pack that passes
the checker never makes a game hold more than MAX_PENDING, however it is played; one that could
is refused, at the line that causes it."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.engine.limits import MAX_PENDING
from game.engine.resolve import QUIET, initial_state, open_choices, resolve

ROOT = Path(__file__).resolve().parents[2]

PACK = """\
[pack]
id = "pending"
title = "Pending work"

[calendar]
start = 2025-01-01
turns = {turns}

[[role]]
id = "us"
name = "United States"
office = "NSC"
briefing = "Advise."

[[variable]]
id = "tension"
label = "Tension"
start = 50

[[ending]]
id = "end"
title = "The end"
text = "Time is up."
"""


def write_pack(folder: Path, body: str, turns: int = 40) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(PACK.format(turns=turns), encoding="utf-8")
    (folder / "world.toml").write_text(body, encoding="utf-8")
    return folder


def event(eid: str, later: list[str], once: bool = False, cooldown: int = 0, head: str = "") -> str:
    return (
        f'[[event]]\nid = "{eid}"\ntitle = "{eid}"\nkind = "hypothetical"\n'
        f'once = {str(once).lower()}\ncooldown = {cooldown}\n{head}text = "x"\n\n'
        f'  [[event.choice]]\n  id = "go"\n  label = "Go"\n  later = [{", ".join(later)}]\n\n'
    )


def bring(eid: str, delay: int = 1) -> str:
    return f'{{ in = {delay}, event = "{eid}", force = true }}'


def play(pack, turns: int, seed: int) -> tuple[int, int]:
    """The most a game holds pending, and the most events waiting, choosing at random."""
    pick = random.Random(seed)
    state = initial_state(pack, "us", f"s{seed}")
    most = waiting = 0
    for _ in range(turns):
        if state.ending is not None:
            break
        options = [c.id for c, ok in open_choices(pack, state) if ok] or [QUIET]
        state, _ = resolve(pack, state, pick.choice(options), explain=False)
        most = max(most, len(state.pending))
        waiting = max(waiting, sum(1 for p in state.pending if getattr(p, "event", None)))
    return most, waiting


def codes(folder: Path) -> list[str]:
    return [p.code for p in load_pack(folder).errors]


# --------------------------------------------------------------------------- the examples


def test_smooth_effects_every_turn_are_refused_at_the_costliest_rule(tmp_path: Path) -> None:
    effects = ", ".join(['{ do = "tension += 1", mode = "smooth", turns = 60 }'] * 20)
    rules = "".join(
        f'[[rule]]\nid = "r{i}"\nlabel = "R"\neffects = [{effects}]\n\n' for i in range(3)
    )
    (p,) = load_pack(write_pack(tmp_path, rules)).errors
    assert p.code == "V312" and p.line == 4 and Path(p.file).name == "world.toml"
    assert "109,740" in p.message and f"{MAX_PENDING:,}" in p.message and "rule 'r0'" in p.message


def test_smooth_effects_written_as_one_string_count_as_their_tables(tmp_path: Path) -> None:
    """`"tension += 1 over 60 turns"` holds as much pending as its table: the same V312."""
    effects = ", ".join(['"tension += 1 over 60 turns"'] * 20)
    rules = "".join(
        f'[[rule]]\nid = "r{i}"\nlabel = "R"\neffects = [{effects}]\n\n' for i in range(3)
    )
    (p,) = load_pack(write_pack(tmp_path, rules)).errors
    assert p.code == "V312" and p.line == 4 and "109,740" in p.message


def test_an_event_that_brings_itself_back_twice_piles_up(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, event("loop", [bring("loop"), bring("loop", 2)]))
    (p,) = load_pack(folder).errors
    assert (p.code, p.line) == ("V313", 12)
    assert "'loop'" in p.message and "pile up" in p.message


def test_a_chain_through_an_outcome_and_another_event(tmp_path: Path) -> None:
    a = event("a", [bring("b")]).replace(
        "  later = [",
        '  outcomes = [{ chance = 0.5, later = [{ in = 2, event = "a" }] }]\n  later = [',
    )
    folder = write_pack(tmp_path, a + event("b", [bring("a")]))
    assert codes(folder) == ["V313"]


def test_a_chain_that_starts_another_endless_chain_each_pass(tmp_path: Path) -> None:
    body = event("a", [bring("a"), bring("b", 2)]) + event("b", [bring("b")])
    (p,) = load_pack(write_pack(tmp_path, body)).errors
    assert (p.code, p.line) == ("V313", 12) and "'a', 'b'" in p.message


def test_a_chain_that_feeds_events_which_end_is_fine(tmp_path: Path) -> None:
    body = event("a", [bring("a"), bring("b")]) + event("b", [bring("c")] * 4) + event("c", [])
    folder = write_pack(tmp_path, body, turns=300)
    result = load_pack(folder)
    assert result.errors == []
    _, waiting = play(result.pack, 300, seed=1)
    assert waiting <= 10


def test_chains_that_do_not_grow_are_fine(tmp_path: Path) -> None:
    steady = event("a", [bring("a")])  # one back for the one drawn
    once = event("b", [bring("b"), bring("b")], once=True)  # drawn once, copies dropped
    assert codes(write_pack(tmp_path, steady + once)) == []


def test_a_cooldown_does_not_stop_a_chain_from_piling_up(tmp_path: Path) -> None:
    # a copy of `a` waiting behind `b` outlives the cooldown (found by the property below)
    body = event("a", [bring("a"), bring("b"), bring("a")], cooldown=1)
    body += event("b", [bring("c")]) + event("c", [])
    (p,) = load_pack(write_pack(tmp_path, body)).errors
    assert (p.code, p.line) == ("V313", 12) and "once = true" in p.hint


def test_events_that_bring_many_in_turn_count_against_the_budget(tmp_path: Path) -> None:
    names = ["a", "b", "c", "d", "e"]
    body = "".join(
        event(n, [bring(m)] * 16 if m else [], head='when = "false"\n' if n != "a" else "")
        for n, m in zip(names, [*names[1:], None], strict=True)
    )
    (p,) = load_pack(write_pack(tmp_path, body, turns=400)).errors
    assert p.code == "V312" and "events brought in turn" in p.message and "once = true" in p.hint


def test_the_shipped_pack_is_far_under_the_budget() -> None:
    assert load_pack(ROOT / "content" / "korean-theater").errors == []


def test_the_limits_are_documented() -> None:
    text = " ".join((ROOT / "docs" / "authoring.md").read_text(encoding="utf-8").split())
    assert f"stays under {MAX_PENDING:,}" in text


# --------------------------------------------------------------------------- the guarantee

DELAYED = st.sampled_from(["lag", "smooth", "decay", "immediate"])


@st.composite
def busy_packs(draw) -> str:
    """Rules and situations with timed effects, and events that bring events back."""
    body = ""
    for i in range(draw(st.integers(0, 4))):
        effects = []
        for _ in range(draw(st.integers(1, 8))):
            mode = draw(DELAYED)
            turns = draw(st.integers(1, 60))
            factor = draw(st.sampled_from([0.5, 0.9, 0.99]))
            effects.append(
                f'{{ do = "tension += {draw(st.integers(1, 30))}", mode = "{mode}", '
                f"turns = {turns}, factor = {factor} }}"
            )
        kind = draw(st.sampled_from(["rule", "situation"]))
        if kind == "rule":
            body += f'[[rule]]\nid = "r{i}"\nlabel = "R"\neffects = [{", ".join(effects)}]\n\n'
        else:
            body += (
                f'[[situation]]\nid = "s{i}"\nlabel = "S"\nstart = "true"\nstop = "false"\n'
                f"effects = [{', '.join(effects)}]\n\n"
            )
    n = draw(st.integers(1, 4))
    for k in range(n):
        later = [
            bring(f"e{draw(st.integers(0, n - 1))}", draw(st.integers(1, 3)))
            for _ in range(draw(st.integers(0, 3)))
        ]
        body += event(
            f"e{k}", later, once=draw(st.booleans()), cooldown=draw(st.sampled_from([0, 0, 1]))
        )
    return body


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=busy_packs(), seed=st.integers(0, 3))
def test_a_pack_that_passes_never_holds_more_than_the_limit(tmp_path: Path, body, seed) -> None:
    result = load_pack(write_pack(tmp_path / "p", body, turns=120))
    if result.pack is None:
        assert {p.code for p in result.errors} <= {"V312", "V313"}, body
        return
    most, waiting = play(result.pack, 120, seed)
    assert most <= MAX_PENDING
    assert waiting <= 60  # events waiting for the desk do not grow with the game's length


def test_an_agenda_multiplies_the_decisions_of_a_turn(tmp_path: Path) -> None:
    lag = ", ".join(['{ do = "tension += 1", mode = "lag", turns = 60 }'] * 30)  # 1,830
    body = event("a", []).replace("  later = []", f"  default = true\n  effects = [{lag}]")
    assert codes(write_pack(tmp_path / "one", body)) == []
    folder = write_pack(tmp_path / "three", body)
    with open(folder / "pack.toml", "a", encoding="utf-8") as f:
        f.write("\n[agenda]\nsize = 3\n")
    (p,) = load_pack(folder).errors
    assert p.code == "V312" and "3 times a turn on an agenda" in p.message
