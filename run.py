#!/usr/bin/env python3
"""Set everything up and run it: `python3 run.py play` or `python3 run.py test`.

Needs only Python 3.11+. The first run makes a virtual environment in .venv and installs the game
with its development tools; later runs reinstall only when pyproject.toml has changed.

    python3 run.py play [ARGS]    play the game (ARGS go to `korean-theater play`)
    python3 run.py test [ARGS]    lint, type-check, then the whole test suite (ARGS go to pytest)
    python3 run.py kt ARGS        any `korean-theater` command: `kt check content/korean-theater`
    python3 run.py bench [--quick] every benchmark (figures for the notes, never tests)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is what an old Python meets first
        sys.exit(f"Korean Theater needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and Path(python()).exists():
        return
    if not Path(python()).exists():
        print("Creating a virtual environment in .venv …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as e:
            sys.exit(NO_VENV.format(error=e, venv=VENV))
    print("Installing Korean Theater and its tools (first run only) …", flush=True)
    pip = [python(), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if subprocess.run([*pip, "-e", f"{ROOT}[dev]"]).returncode != 0:
        sys.exit(NO_INSTALL)
    STAMP.write_text(wanted)


NO_VENV = """
Korean Theater could not make its virtual environment ({error}).
On Debian or Ubuntu, Python's venv module comes apart: sudo apt install python3-venv
Then delete the half-made folder {venv} and run this again."""

NO_INSTALL = """
Korean Theater could not install the packages it needs (pip said why, above).
The first run downloads them (Textual, pydantic, tomli and a few more, about 30 MB): connect
to the internet and run this again. For a machine that stays offline, download them on one
that is online, into a folder you then copy across:
    python3 -m pip download -d wheels ".[dev]"      (in this folder, online)
and install from that folder, offline:
    PIP_NO_INDEX=1 PIP_FIND_LINKS=wheels python3 run.py play
(on Windows: set PIP_NO_INDEX=1 and set PIP_FIND_LINKS=wheels, then py run.py play)."""


def run(*cmd: str, here: bool = False) -> int:
    """Run a command in the checkout, or (`here`) where the user is, so that the paths they
    give (`kt check week6.toml`) mean what they mean on their command line. The game's messages
    that name a command name it as this script was started (game.invocation)."""
    env = {**os.environ}
    env.setdefault("KOREAN_THEATER_COMMAND", kt_command())
    return subprocess.call(list(cmd), cwd=None if here else ROOT, env=env)


def kt_command() -> str:
    """`python3 run.py kt`, as the user typed it: `korean-theater` is not on their PATH."""
    words = [Path(sys.executable).stem, sys.argv[0] or "run.py", "kt"]
    if os.name == "nt":
        return subprocess.list2cmdline(words)
    import shlex

    return " ".join(shlex.quote(w) for w in words)


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("play", [])
    if task in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if task not in ("play", "test", "kt", "bench"):
        print(__doc__)
        return 2
    setup()
    if task == "play":
        return run(python(), "-m", "game", "play", *rest, here=True)
    if task == "kt":
        return run(python(), "-m", "game", *rest, here=True)
    if task == "bench":
        return run(python(), str(ROOT / "benchmarks" / "run_all.py"), *rest)
    code = [p for p in ("game", "tests", "tools", "benchmarks", "run.py") if (ROOT / p).exists()]
    lint = run(python(), "-m", "ruff", "check", *code)
    fmt = run(python(), "-m", "ruff", "format", "--check", *code)
    types = run(python(), "-m", "mypy")  # what it checks, and how strictly: pyproject.toml
    tests = run(python(), "-m", "pytest", *rest)
    return tests or lint or fmt or types


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
