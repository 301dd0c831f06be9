"""Output that cannot be written: when the reader of the pipe goes away (`… | head`) a command
ends quietly with the status of a program ended by SIGPIPE (141); when standard output is closed
from the start it says so in one line and exits 1. Never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
SIGPIPE_STATUS = 141
pytestmark = pytest.mark.skipif(os.name != "posix", reason="pipes and SIGPIPE")


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )


def test_plain_mode_ends_quietly_when_its_reader_goes_away(tmp_path: Path) -> None:
    game = start("play", "--plain", "--pack", str(EXAMPLE), "--role", "us", "--seed", "x",
                 "--saves", str(tmp_path))  # fmt: skip
    assert game.stdout is not None and game.stdin is not None and game.stderr is not None
    assert game.stdout.read(20)  # the game is running and waits for a decision
    game.stdout.close()  # the reader goes away
    try:
        game.stdin.write(b"1\n" * 40)
        game.stdin.close()
    except BrokenPipeError:
        pass
    assert game.wait(timeout=60) == SIGPIPE_STATUS
    assert game.stderr.read() == b""


@pytest.mark.parametrize("args", [("schema",), ("check", str(EXAMPLE), "--format", "json")])
def test_other_commands_end_quietly_too(args: tuple[str, ...]) -> None:
    command = start(*args)
    assert command.stdout is not None and command.stderr is not None
    command.stdout.close()  # before the command has written anything
    assert command.wait(timeout=60) == SIGPIPE_STATUS
    assert command.stderr.read() == b""


def test_a_closed_standard_output_is_said_in_one_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--pack", str(EXAMPLE), "--role", "us",
         "--seed", "x", "--saves", str(tmp_path)],
        input=b"1\n" * 20,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stderr.decode() == (
        "korean-theater: standard output is closed; nothing could be shown\n"
    )
