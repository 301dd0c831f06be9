"""Events on dates (issue 17, item 4): an event scheduled with `on` happens on its turn,
before any other; one marked `later_only` comes through a `later` alone; packs of days or
weeks say so on quiet turns and in reports."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.engine.resolve import decisions, initial_state, resolve

PACK = Path(__file__).resolve().parents[1] / "authoring" / "mistakes" / "pack"
# The pack steps by weeks from Monday 1962-10-15; `pressure` (priority 0) recurs when tension
# is over 30, and `letter` (turn 2 on) may answer it.
LETTER = 'id = "letter"\ntitle = "A letter from Khrushchev"\nkind = "historical"\n'


def _pack(tmp: Path, edits: list[tuple[str, str]]):
    folder = tmp / "pack"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(PACK, folder)
    path = folder / "events.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = load_pack(folder)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result


def _play(pack, role: str, seed: str) -> list[str | None]:
    """The events drawn, turn by turn, taking the first open option."""
    state = initial_state(pack, role, seed)
    drawn = []
    while state.ending is None:
        drawn.append(state.event)
        state, _ = resolve(pack, state, decisions(pack, state)[0])
    return drawn


SLOW = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SLOW
@given(
    turn=st.integers(2, 6),
    seed=st.text(min_size=1, max_size=8),
    role=st.sampled_from(["us", "ussr"]),
)
def test_a_scheduled_event_comes_on_its_turn_and_on_no_other(tmp_path_factory, turn, seed, role):
    result = _pack(tmp_path_factory.mktemp("s"), [(LETTER, LETTER + f"on = {turn}\n")])
    drawn = _play(result.pack, role, seed)
    if len(drawn) >= turn:
        assert drawn[turn - 1] == "letter", drawn
    assert drawn.count("letter") <= 1 and "letter" not in drawn[: turn - 1]


def test_a_date_is_the_turn_it_falls_in(tmp_path: Path) -> None:
    # 1962-10-27, a Saturday: in the week of Monday 10-22, turn 2
    result = _pack(tmp_path, [(LETTER, LETTER + "on = 1962-10-27\n")])
    assert result.pack.events_by_id["letter"].on_turn == 2
    state = initial_state(result.pack, "us", "any")
    state, report = resolve(result.pack, state, decisions(result.pack, state)[0])
    assert state.event == "letter" and "scheduled for 1962-10-22 (turn 2)" in report.draw.reason


def test_a_scheduled_event_comes_before_a_later_and_the_later_waits(tmp_path: Path) -> None:
    # photos/blockade brings `ships` on turn 2; the letter is scheduled for turn 2 as well
    result = _pack(tmp_path, [(LETTER, LETTER + "on = 2\n"), ('when = "turn >= 2"\n', "")])
    pack = result.pack
    state = initial_state(pack, "us", "seed")
    assert state.event == "photos"
    state, _ = resolve(pack, state, "blockade")
    assert state.event == "letter"
    state, _ = resolve(pack, state, decisions(pack, state)[0])
    assert state.event == "ships"  # the later's event, a turn on


def test_a_scheduled_event_whose_condition_fails_does_not_happen(tmp_path: Path) -> None:
    result = _pack(
        tmp_path, [(LETTER, LETTER + "on = 2\n"), ('when = "turn >= 2"', 'when = "turn >= 3"')]
    )
    for seed in ("a", "b", "c"):
        drawn = _play(result.pack, "us", seed)
        assert "letter" not in drawn


def test_an_event_brought_only_by_a_later_is_never_drawn_on_its_own(tmp_path: Path) -> None:
    ships = 'id = "ships"\ntitle = "Ships at the line"\nkind = "historical"\n'
    result = _pack(tmp_path, [(ships, ships + "later_only = true\n")])
    pack = result.pack
    for seed in ("a", "b", "c", "d"):
        drawn = _play(pack, "ussr", seed)  # Washington's quarantine sets the flag, no later
        assert "ships" not in drawn
    state = initial_state(pack, "us", "a")
    state, _ = resolve(pack, state, "blockade")  # its later brings the ships
    assert state.event == "ships"


def test_an_event_no_later_brings_is_reported(tmp_path: Path) -> None:
    trade = 'id = "trade"\ntitle = "The Jupiter trade"\nkind = "hypothetical"\n'
    result = _pack(tmp_path, [(trade, trade + "later_only = true\n")])
    (w,) = [p for p in result.warnings if p.code == "W405"]
    assert "it comes only through a `later`, and no `later` brings it" in w.message


def test_the_checker_refuses_a_date_off_the_calendar_or_two_on_one_turn(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    path = folder / "events.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(LETTER, LETTER + "on = 1962-12-25\n"), encoding="utf-8")
    (p,) = load_pack(folder).problems
    assert (
        p.code == "V305" and "the calendar runs from 1962-10-15 (turn 1) to 1962-11-19" in p.message
    )
    ships = 'id = "ships"\ntitle = "Ships at the line"\nkind = "historical"\n'
    text = text.replace(LETTER, LETTER + "on = 3\n").replace(ships, ships + "on = 3\n")
    path.write_text(text, encoding="utf-8")
    codes = [p.code for p in load_pack(folder).problems]
    assert codes == ["V325"]


def test_quiet_turns_and_reports_speak_of_the_pack_s_step(tmp_path: Path) -> None:
    from game.engine.session import Session
    from game.report.build import build_report
    from game.report.markdown import render_markdown
    from game.views.chronology import months_of

    result = _pack(
        tmp_path,
        [('when = "tension > 30"', 'when = "false"'), ('when = "turn >= 2"', 'when = "false"')],
    )
    pack = result.pack
    assert (pack.meta.quiet_title, pack.meta.let_pass) == ("A quiet week", "Let the week pass")
    session = Session.start(pack, "us", "q")
    while not session.state.over:
        session = session.submit(decisions(pack, session.state)[0], "")
    text = render_markdown(build_report(session))
    assert "### Turn 2 · 1962-10-22" in text and "1962-10 —" not in text
    desk = [what for month in months_of(session) for what in month.game]
    assert "A quiet week" in desk and "A quiet month" not in desk
