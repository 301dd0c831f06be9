"""`python3 run.py` on a first run that cannot install (no internet): advice, not a traceback.

A copy of run.py and pyproject.toml in a fresh folder, with pip told to use no index (as offline):
the virtual environment is made, the install fails, and run.py says what to do, exiting 1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_first_run_without_internet_says_what_to_do(tmp_path: Path) -> None:
    for name in ("run.py", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(tmp_path / "no-wheels")}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        [sys.executable, "run.py", "kt", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "could not install the packages it needs" in done.stderr
    assert "PIP_NO_INDEX=1 PIP_FIND_LINKS=wheels" in done.stderr
    assert not (tmp_path / ".venv" / ".installed").exists()  # the next run tries again
