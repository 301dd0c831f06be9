"""`korean-theater play --plain` end to end: a scripted game through a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from game.content.compiler import load_pack
from game.engine.session import Session

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"


def play(*args: str, stdin: str, saves: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "play", *args, "--saves", str(saves)],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=120,
    )


def scripted_game(role: str, seed: str) -> tuple[Session, list[str]]:
    """A game that picks options 1, 2, 1, 2 … (1 when there is no 2), and the keys typed."""
    pack = load_pack(EXAMPLE).pack
    assert pack is not None
    session = Session.start(pack, role, seed)
    keys: list[str] = []
    while not session.over:
        options = {str(o.key): o.id for o in session.briefing().options if o.open}
        key = "2" if len(keys) % 2 and "2" in options else "1"
        keys.append(key)
        session = session.submit(options[key])
    return session, keys


def test_a_whole_scripted_game(tmp_path: Path) -> None:
    expected, keys = scripted_game("us", "class-3")
    assert "2" in keys
    script = "\n".join(["1 deterrence needs daylight", keys[1], "m", "o", "w", *keys[2:]]) + "\n"
    assert keys[0] == "1"
    out = play(
        "--plain", "--pack", str(EXAMPLE), "--seed", "class-3", "--role", "us",
        stdin=script, saves=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    text = out.stdout
    # the desk: date and turn, the labelled event, its source passage, the options, the meters
    assert "— Turn 1 of 6 · September 2023 —" in text
    assert "Satellite images at Tumangang–Khasan  [Historical]" in text
    assert "“In January 2023, the White House published satellite images…”" in text
    assert "Source: Karpov, para. 2" in text
    assert "  1. Declassify the imagery" in text
    assert "Escalation: rung" in text
    assert "; trend " in text  # the sparkline, in words
    assert "Your objectives now:" in text
    assert "Why this reached you:" in text
    # the consequences: the outcome first, then the objectives, then the changes by cause
    first = text.split("You recommended: Declassify the imagery")[1]
    assert first.index("What happened:") < first.index("Your objectives:")
    assert first.index("Your objectives:") < first.index("What changed, and why:")
    assert "  Declassify the imagery  (your decision)" in first
    assert "odds 50% · roll" in first
    # the end: the same ending as the engine reaches, the scorecard and the debrief
    ending = expected.ending()
    assert f"=== {ending.title} ===" in text
    assert "Overall:" in text
    assert "Your rationale: deterrence needs daylight" in text
    assert "In reality" in text
    for i in range(1, expected.state.turn):
        assert f"— Turn {i} of 6 ·" in text
    # autosaved after every turn: the save holds the finished game
    autosave = json.loads((tmp_path / "autosave.json").read_text(encoding="utf-8"))
    assert "class-3" in json.dumps(autosave)


def test_role_asked_when_not_given_and_input_ending_early(tmp_path: Path) -> None:
    out = play("--plain", "--pack", str(EXAMPLE), "--seed", "x", stdin="2\n1\n", saves=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Whom do you advise?" in out.stdout
    assert "you advise Russia" in out.stdout
    assert "Game left unfinished." in out.stdout


def test_not_a_terminal_plays_plain(tmp_path: Path) -> None:
    out = play("--pack", str(EXAMPLE), "--seed", "x", "--role", "us", stdin="q\n", saves=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "— Turn 1 of 6 · September 2023 —" in out.stdout
    assert "\x1b[" not in out.stdout  # no full-screen escape codes into a pipe


def test_broken_pack_exits_1_with_located_problems(pack_copy, tmp_path: Path) -> None:
    folder = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "turn >= "')]})
    for args in (["--plain"], []):
        out = play(*args, "--pack", str(folder), "--role", "us", stdin="1\n", saves=tmp_path)
        assert out.returncode == 1
        assert f"{folder / 'events.toml'}:" in out.stderr
        assert "X001" in out.stderr
        assert "Traceback" not in out.stdout + out.stderr


def test_missing_pack_exits_1(tmp_path: Path) -> None:
    for args in (["--plain"], []):
        out = play(*args, "--pack", str(tmp_path / "nowhere"), stdin="", saves=tmp_path)
        assert out.returncode == 1
        assert "P001" in out.stderr and "nowhere" in out.stderr
        assert "Traceback" not in out.stdout + out.stderr


def test_bad_role_and_watch_without_terminal_are_usage_errors(tmp_path: Path) -> None:
    out = play("--plain", "--pack", str(EXAMPLE), "--role", "china", stdin="", saves=tmp_path)
    assert out.returncode == 2
    assert "unknown role 'china'" in out.stderr
    out = play("--plain", "--watch", "--pack", str(EXAMPLE), stdin="", saves=tmp_path)
    assert out.returncode == 2
    assert "--watch" in out.stderr


def test_agenda_letters_costs_and_forecasts(tmp_path: Path) -> None:
    """Seed snap puts two briefings on the desk at turn 4: a letter reads the other one, a
    number decides on the one read, and the consequences say what was left and spent."""
    script = "1\n1\n1\nb\n1 aid first\nq\n"
    out = play(
        "--plain", "--pack", str(EXAMPLE), "--seed", "snap", "--role", "us",
        stdin=script, saves=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Political capital 2 / 4 · +1.1 next month" in text
    assert "Staff forecast: slightly good for your objectives; raises Sanctions integrity" in text
    assert "2 briefings on your desk: you handle one" in text
    agenda = text.split("— Turn 4 of 6", 1)[1]
    summit = "  a. A summit offer (below) — its default: Take note through the usual channels"
    assert summit in agenda
    assert "  1. Accept and prepare a summit — costs 2 capital" in agenda
    assert "  2. Take note through the usual channels — the default if left" in agenda
    after_b = agenda.split("Your recommendation> ")[1]
    assert "  b. A request for food aid (below) — its default: Decline for now" in after_b
    assert "  1. Fund the deliveries — costs 1 capital" in after_b
    consequences = agenda.split("You recommended: Fund the deliveries")[1]
    consequences = consequences.split("— Turn 5 of 6")[0]
    assert "Spent: 1 capital" in consequences
    assert (
        "Left to others:\n  A summit offer — Take note through the usual channels" in consequences
    )
    saved = json.loads((tmp_path / "autosave.json").read_text(encoding="utf-8"))
    assert "aid/fund" in json.dumps(saved) and "aid first" in json.dumps(saved)


def test_a_letter_and_a_number_decide_on_another_briefing_at_once(tmp_path: Path) -> None:
    out = play(
        "--plain", "--pack", str(EXAMPLE), "--seed", "snap", "--role", "us",
        stdin="1\n1\n1\nb2\nq\n", saves=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Left to others:\n  A summit offer — Take note through the usual channels" in out.stdout
    assert "aid/decline" in (tmp_path / "autosave.json").read_text(encoding="utf-8")


def test_the_forecast_in_numbers_and_none(pack_copy, tmp_path: Path) -> None:
    line = 'description = "Six months, two advisors, one rail bridge."'
    for fog in ("numbers", "none"):
        pack = pack_copy({"pack.toml": [(line, f'{line}\nforecast = "{fog}"')]})
        out = play(
            "--plain", "--pack", str(pack), "--seed", "snap", "--role", "us",
            stdin="q\n", saves=tmp_path,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        if fog == "none":
            assert "Staff forecast" not in out.stdout
        else:
            assert "Staff forecast: your objectives +2.0; Peninsula tension −3" in out.stdout
            assert "50% chance: Allies sign on" in out.stdout
        shutil.rmtree(pack)


def test_an_option_the_budget_cannot_afford_is_closed(pack_copy, tmp_path: Path) -> None:
    pack = pack_copy(
        {"strategy.toml": [("start = 2", "start = 0"), ('"0.5 + sanctions / 100"', '"0.1"')]}
    )
    out = play(
        "--plain", "--pack", str(pack), "--seed", "snap", "--role", "us",
        stdin="1\n1\n1\naccept\nq\n", saves=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Political capital 0.3 / 4 · +0.1 next month" in text
    closed = (
        "  -  Accept and prepare a summit — costs 2 capital (closed: costs 2 capital; you have 0.3)"
    )
    assert closed in text
    assert "That option is closed: costs 2 capital; you have 0.3" in text
    assert "Game left unfinished." in text


def test_the_debrief_gives_the_result_why_and_what_mattered(tmp_path: Path) -> None:
    expected = Session.start(load_pack(EXAMPLE).pack, "us", "snap")
    while not expected.over:
        expected = expected.submit(expected.briefing().open_options[0].decision)
    assert expected.state.ending == "war"
    out = play(
        "--plain", "--pack", str(EXAMPLE), "--seed", "snap", "--role", "us",
        stdin="1\n" * 10, saves=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = out.stdout.split("=== War on the peninsula ===")[1]
    assert "Result: DEFEAT" in text
    assert "  Result: DEFEAT (all of the score)" in text
    assert "(not counted at a catastrophe)" in text
    why = text.split("Why this ending:")[1]
    assert "The escalation ladder reached its last rung, War" in why
    assert "North Korea: Answers repeated pressure (Crisis → War)" in why
    mattered = why.split("The decisions that mattered:")[1]
    assert "You chose: " in mattered and "Best alternative: “" in mattered
