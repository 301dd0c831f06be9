"""Messages that tell someone to run a command name it the way it runs on their machine."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from game import invocation

ROOT = Path(__file__).resolve().parent.parent


def test_the_command_is_what_run_py_says_else_korean_theater_on_the_path_else_python(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(invocation.ENV, "python3 run.py kt")
    assert invocation.kt("report", "my save.json") == "python3 run.py kt report 'my save.json'"
    monkeypatch.delenv(invocation.ENV)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert invocation.command() == f"{shlex.quote(sys.executable)} -m game"
    script = tmp_path / "korean-theater"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert invocation.command() == "korean-theater"


def test_windows_quoting_is_cmd_exe_s(monkeypatch) -> None:
    monkeypatch.setattr(os, "name", "nt")
    quoted = invocation.shell_words("C:\\Program Files\\py.exe", "--saves", "a b", "it's")
    assert quoted == '"C:\\Program Files\\py.exe" --saves "a b" it\'s'


@pytest.mark.skipif(os.name == "nt", reason="a POSIX shell runs the command")
def test_run_py_tells_the_game_how_it_was_started(tmp_path: Path) -> None:
    """`python3 run.py kt …` passes its own name on: the command the game prints then runs
    from the same place, with no `korean-theater` on the PATH."""
    probe = "from game.invocation import command; print(command())"
    env = {k: v for k, v in os.environ.items() if k != invocation.ENV}
    code = f"import run, sys; sys.argv = ['run.py', 'kt']; run.run(sys.executable, '-c', {probe!r})"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{Path(sys.executable).stem} run.py kt"
