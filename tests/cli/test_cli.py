"""The real command line, through a subprocess: exit codes, formats, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"


def kt(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=120,
    )


def test_check_clean_pack_exits_0() -> None:
    out = kt("check", str(EXAMPLE))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok — Example" in out.stdout


def test_check_broken_pack_exits_1_with_located_problems(pack_copy) -> None:
    folder = pack_copy({"events.toml": [("priority = 5", "priorty = 5")]})
    out = kt("check", str(folder))
    assert out.returncode == 1
    assert f"{folder / 'events.toml'}:7:1: S101" in out.stdout
    assert "hint: did you mean `priority`?" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_check_json_for_editors(pack_copy) -> None:
    folder = pack_copy({"events.toml": [("priority = 5", "priorty = 5")]})
    out = kt("check", str(folder), "--format", "json")
    data = json.loads(out.stdout)
    assert out.returncode == 1 and data["ok"] is False and data["errors"] == 1
    (p,) = data["problems"]
    assert (p["code"], p["line"], p["col"], p["severity"]) == ("S101", 7, 1, "error")


def test_check_warnings_pass_unless_strict(pack_copy) -> None:
    folder = pack_copy(
        {
            "world.toml": [
                ('title = "Frozen standoff"', 'title = "Frozen standoff"\nwhen = "turn > 9"')
            ]
        }
    )
    assert kt("check", str(folder)).returncode == 0
    strict = kt("check", "--strict", str(folder))
    assert strict.returncode == 1 and "V307" in strict.stdout


def test_check_missing_folder_exits_1(tmp_path: Path) -> None:
    out = kt("check", str(tmp_path / "nope"))
    assert out.returncode == 1 and "P001" in out.stdout


def test_usage_errors_exit_2() -> None:
    assert kt("check").returncode == 2
    assert kt("frobnicate").returncode == 2
    assert kt("check", str(EXAMPLE), "--format", "xml").returncode == 2


def test_schema_matches_the_committed_copy() -> None:
    out = kt("schema")
    assert out.returncode == 0
    committed = (ROOT / "schema" / "korean-theater-pack.schema.json").read_text(encoding="utf-8")
    assert out.stdout == committed, (
        "run: korean-theater schema -o schema/korean-theater-pack.schema.json"
    )
    schema = json.loads(out.stdout)
    assert {"event", "role", "variable", "pack"} <= set(schema["properties"])


def test_schema_to_an_unwritable_place_exits_2(tmp_path: Path) -> None:
    out = kt("schema", "-o", str(tmp_path / "missing" / "dir" / "s.json"))
    assert out.returncode == 2 and "cannot write" in out.stderr


def test_play_with_a_broken_pack_shows_problems_and_exits_1(pack_copy) -> None:
    folder = pack_copy({"events.toml": [("priority = 5", "priorty = 5")]})
    out = kt("play", "--plain", "--pack", str(folder), "--role", "us")
    assert out.returncode == 1
    assert "S101" in out.stderr and "Traceback" not in out.stderr


def test_play_with_an_unknown_role_exits_2() -> None:
    out = kt("play", "--plain", "--pack", str(EXAMPLE), "--role", "china")
    assert out.returncode == 2 and "unknown role" in out.stderr


def test_python_dash_m_and_the_console_script_agree() -> None:
    exe = Path(sys.executable).parent / "korean-theater"
    if not exe.exists():
        return  # not installed as a script in this environment
    a = subprocess.run([str(exe), "check", str(EXAMPLE)], capture_output=True, text=True)
    assert a.stdout == kt("check", str(EXAMPLE)).stdout


def test_check_takes_a_classroom_file_too(tmp_path: Path) -> None:
    out = kt("check", str(ROOT / "examples" / "classroom.toml"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok — classroom 'IR 201" in out.stdout and "seed 'ir201-week6'" in out.stdout

    bad = tmp_path / "week6.toml"
    text = (ROOT / "examples" / "classroom.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace("turns = 12 ", "turns = 40 "), encoding="utf-8")
    out = kt("check", str(bad), "--format", "json")
    assert out.returncode == 1
    [problem] = json.loads(out.stdout)["problems"]
    assert (problem["code"], problem["line"]) == ("C511", 12)
    assert "Traceback" not in out.stdout + out.stderr
