"""How the person at this machine runs the game's commands, for the messages that tell them to.

After the README's set-up (`python3 run.py …`) the `korean-theater` command lives inside `.venv`
and is not on the PATH, so a message saying "run `korean-theater report …`" would fail. `run.py`
says how it was started in $KOREAN_THEATER_COMMAND (`python3 run.py kt`); otherwise the
command is `korean-theater` when that is on the PATH, else this Python with `-m game`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

ENV = "KOREAN_THEATER_COMMAND"


def command() -> str:
    """The words that start a `korean-theater` command here, ready for a shell."""
    given = os.environ.get(ENV, "").strip()
    if given:
        return given
    if shutil.which("korean-theater"):
        return "korean-theater"
    return shell_words(sys.executable, "-m", "game")


def kt(*args: str) -> str:
    """A whole command line for a message: `kt("report", path)` → `python3 run.py kt report …`,
    with the arguments quoted for this system's shell."""
    return " ".join([command(), shell_words(*args)]) if args else command()


def shell_words(*args: str) -> str:
    """Arguments quoted for this system's shell: POSIX quoting, or on Windows the quoting of
    cmd.exe and the C runtime (double quotes; single quotes mean nothing there)."""
    if os.name == "nt":
        return subprocess.list2cmdline(list(args))
    return " ".join(shlex.quote(a) for a in args)
