"""Classroom mode in plain mode: the name, the rationale rule, hidden numbers, predict-then-reveal,
the save with the classroom's part in it, and the report written at the end."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.load import load_classroom
from game.plain_classroom import play_classroom, run_plain
from game.report.load import read_report
from game.saves import read_save

ROOT = Path(__file__).resolve().parents[2]


def run_game(settings, pack, lines: list[str], saves: Path, role="us") -> tuple[int, str]:
    out = io.StringIO()
    feed = iter(lines)

    def read() -> str | None:
        line = next(feed, None)
        return None if line is None else line + "\n"

    rc = play_classroom(settings, pack, role, saves, out, read)
    return rc, out.getvalue()


def answers(n: int = 12) -> list[str]:
    """Per decision: a choice with no rationale, a short one, a good one, a bad and a good
    prediction."""
    return ["Ada Lovelace", *(["1", "short", "because deterrence", "x", "u"] * n)]


def test_a_classroom_game_in_plain_mode(classroom_file, example_pack, tmp_path: Path) -> None:
    s, _ = load_classroom(classroom_file(), example_pack)
    rc, text = run_game(s, example_pack, answers(), tmp_path)
    assert rc == 0
    assert "Classroom: Week 6 · 4 turns" in text
    assert "— Turn 1 of 4 ·" in text and "Turn 5 of" not in text
    # the rationale rule
    assert "Why do you recommend this? (at least 10 characters)" in text
    assert "Your rationale has 5 characters; this class asks for at least 10." in text
    # predict, then reveal
    assert "Peninsula tension (now 40)? u/d/s> " in text
    assert "Type u (up), d (down) or s (steady)." in text
    assert re.search(
        r"  (right|wrong)  Peninsula tension  you said up, it went (up|down|steady) \([+−±]\d", text
    )
    assert re.search(r"Your predictions: \d+ of \d+ right", text)
    # the save (with the name and predictions in it) and the report
    save = tmp_path / "week-6-Ada-Lovelace-us.json"
    data = read_save(save)
    assert data.seed == "class-3" and data.assumptions == {
        "china_restrains": False,
        "hawk_bias": 1.5,
    }
    assert set(data.rationales) == {"because deterrence"}
    part = data.classroom
    assert part is not None and part.player == "Ada Lovelace"
    assert part.settings["classroom"]["id"] == "week-6"
    assert len(part.predictions) == len(data.decisions) - _quiet(data)
    assert not list(tmp_path.glob("*.classroom"))  # no file beside the save any more
    report, problems = read_report(tmp_path / "reports" / "week-6-Ada-Lovelace-us.json")
    assert problems == [] and report is not None
    assert report.player == "Ada Lovelace" and report.classroom.id == "week-6"
    assert report.predictions is not None and report.predictions.total == len(part.predictions)
    assert f"Your report: {tmp_path / 'reports'}" in text


def _quiet(data) -> int:
    return sum(1 for d in data.decisions if d.event is None)


def test_hidden_numbers_show_words(classroom_file, example_pack, tmp_path: Path) -> None:
    hide = 'whatif_runs = 0\nhide_numbers = true\nforecast = "numbers"'
    s, problems = load_classroom(classroom_file(("whatif_runs = 0", hide)), example_pack)
    assert problems == []
    rc, text = run_game(s, example_pack, ["Ada Lovelace", "m", "w", *answers()[1:]], tmp_path)
    assert rc == 0
    # the desk: the budget and the staff forecast in words (a numbers forecast becomes words)
    assert "Political capital: moderate · some more next month" in text
    forecasts = [line for line in text.splitlines() if "Staff forecast:" in line]
    assert forecasts and all(not re.search(r"\d", line) for line in forecasts), forecasts
    meters = text.split("Meters:")[1].split("Your recommendation>")[0].strip().splitlines()
    assert meters and all(not re.search(r"\d", line) for line in meters), meters
    assert "Peninsula tension (now tense)? u/d/s> " in text
    consequences = text.split("You recommended:")[1].split("— Turn 2")[0]
    assert not re.search(r"odds \d|roll \d|→ \d", consequences), consequences


def test_input_ending_early_leaves_the_game_unfinished(
    classroom_file, example_pack, tmp_path: Path
) -> None:
    s, _ = load_classroom(classroom_file(), example_pack)
    rc, text = run_game(s, example_pack, ["Bo", "1", "short"], tmp_path)
    assert rc == 0 and "Game left unfinished." in text
    assert not (tmp_path / "reports").exists()


def test_two_students_with_one_name_never_overwrite(classroom_file, example_pack, tmp_path) -> None:
    s, _ = load_classroom(classroom_file(), example_pack)
    run_game(s, example_pack, answers(), tmp_path)
    run_game(s, example_pack, answers(), tmp_path)
    assert {p.name for p in tmp_path.glob("*.json")} == {
        "week-6-Ada-Lovelace-us.json",
        "week-6-Ada-Lovelace-us-2.json",
    }


def test_saves_verify_replays_a_classroom_game_as_the_class_played_it(
    classroom_file, example_pack, tmp_path, capsys
) -> None:
    """The class plays 4 of the pack's 6 turns with its own assumptions: replayed on the whole
    pack, the save would diverge (no ending yet), which a teacher would read as tampering."""
    from game.cli import main

    s, _ = load_classroom(classroom_file(), example_pack)
    rc, _ = run_game(s, example_pack, answers(), tmp_path)
    assert rc == 0
    assert read_save(tmp_path / "week-6-Ada-Lovelace-us.json").state.ending is not None
    pack = ROOT / "tests" / "fixtures" / "packs" / "example"
    code = main(["saves", "verify", "--saves", str(tmp_path), "--pack", str(pack)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("week-6-Ada-Lovelace-us.json: ok (example 1.0.0, us, turn 5; 4 ")


def _args(**kw) -> argparse.Namespace:
    base = {"classroom": None, "pack": None, "role": None, "seed": None, "saves": None}
    return argparse.Namespace(**{**base, **kw})


def test_run_plain_refuses_a_broken_file_a_seed_and_a_role(
    classroom_file, tmp_path: Path, capsys, monkeypatch
) -> None:
    from tests.support import EXAMPLE

    bad = classroom_file(("turns = 4", "turns = 40"))
    assert run_plain(_args(classroom=str(bad), saves=str(tmp_path))) == 1
    err = capsys.readouterr().err
    assert "class.toml:7:1: C511" in err
    good = classroom_file()
    assert run_plain(_args(classroom=str(good), seed="other", saves=str(tmp_path))) == 2
    assert "plays the seed 'class-3'" in capsys.readouterr().err
    assert run_plain(_args(classroom=str(good), role="russia", saves=str(tmp_path))) == 2
    assert "plays the roles us, not 'russia'" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no input: it ends at once, politely
    assert run_plain(_args(classroom=str(good), pack=str(EXAMPLE), saves=str(tmp_path))) == 0


def test_the_cli_plays_a_classroom_game(classroom_file, tmp_path: Path) -> None:
    path = classroom_file()
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", "--classroom", str(path), "--plain",
         "--saves", str(tmp_path)],
        input="\n".join(answers()) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Why do you recommend this?" in out.stdout
    report = json.loads((tmp_path / "reports" / "week-6-Ada-Lovelace-us.json").read_text())
    assert report["player"] == "Ada Lovelace"


@pytest.mark.parametrize("pack_in", ["file", "command line"])
def test_the_printable_page_command_the_game_prints_works(
    classroom_file, tmp_path: Path, pack_in: str
) -> None:
    """Wherever the pack was named (in the classroom file, or with --pack over it), the save
    records the folder played and the command printed at the end makes the debrief as is."""
    from tests.support import EXAMPLE

    path = classroom_file(
        *([(f'pack = "{EXAMPLE.as_posix()}"\n', "")] if pack_in != "file" else [])
    )
    extra = ["--pack", str(EXAMPLE)] if pack_in != "file" else []
    env = {**os.environ, "KOREAN_THEATER_COMMAND": f"{shlex.quote(sys.executable)} -m game"}
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", "--classroom", str(path), "--plain",
         "--saves", str(tmp_path / "saves"), *extra],
        input="\n".join(answers()) + "\n", capture_output=True, text=True, cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    save = read_save(tmp_path / "saves" / "week-6-Ada-Lovelace-us.json")
    assert save.classroom is not None and Path(save.classroom.pack_path) == EXAMPLE.resolve()
    command = out.stdout.split("For a printable page: ")[1].splitlines()[0]
    assert ("--pack" in command) == (pack_in != "file")
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Ada Lovelace" in (tmp_path / "debrief.html").read_text(encoding="utf-8")


def test_plain_classroom_loads_its_pack_once_for_play(
    classroom_file, tmp_path: Path, monkeypatch
) -> None:
    """The classroom file is checked against the pack that is then played: one load, without
    the authors' reachability analysis."""
    import game.content.compiler as compiler

    loads: list[bool] = []
    real = compiler.load_pack

    def counted(path, analyse_pack=True):
        loads.append(analyse_pack)
        return real(path, analyse_pack=analyse_pack)

    monkeypatch.setattr(compiler, "load_pack", counted)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run_plain(_args(classroom=str(classroom_file()), saves=str(tmp_path))) == 0
    assert loads == [False]
