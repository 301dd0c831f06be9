"""`korean-theater simulate`: options, exit statuses, and the three outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "tests" / "fixtures" / "packs" / "example")


def test_json_report(capsys) -> None:
    assert main(["simulate", EXAMPLE, "--runs", "60", "--role", "russia", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["games"] == 60 and report["config"]["role"] == "russia"


def test_tables_and_html(tmp_path, capsys) -> None:
    out = tmp_path / "report.html"
    code = main(
        [
            "simulate",
            EXAMPLE,
            "--runs",
            "40",
            "--strategy",
            "cautious",
            "--html",
            str(out),
            "--jobs",
            "2",
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "Endings" in text and "Frozen standoff" in text and str(out) in text
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_default_role_is_the_first(capsys) -> None:
    assert main(["simulate", EXAMPLE, "--runs", "5", "--json", "--lookahead", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["role"] == "us"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runs", "-5"], "--runs must be at least 1"),
        (["--runs", "many"], "--runs must be a whole number"),
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--strategy", "lucky"], "invalid choice: 'lucky'"),
        (["--lookahead", "-1"], "--lookahead must be at least 0"),
    ],
)
def test_bad_options_exit_2_with_a_message(args, message, capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main(["simulate", EXAMPLE, *args])
    assert e.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "china"], "unknown role 'china'; choose from: us, russia"),
        (["--html", "/nonexistent/dir/r.html"], "no such folder: /nonexistent/dir"),
        (["--html", "."], "is a folder"),
    ],
)
def test_bad_values_exit_2_before_playing(args, message, capsys) -> None:
    assert main(["simulate", EXAMPLE, "--runs", "5", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_broken_pack_gets_the_checkers_report_and_exit_1(pack_copy, capsys) -> None:
    folder = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "trun >= 2"')]})
    assert main(["simulate", str(folder), "--runs", "5"]) == 1
    err = capsys.readouterr().err
    assert "X002" in err and "events.toml:" in err and "did you mean 'turn'" in err


def test_the_real_command_exits_2_on_bad_options() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "simulate", EXAMPLE, "--runs", "-1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 2 and "--runs must be at least 1" in out.stderr
    assert "Traceback" not in out.stderr
