"""An installed wheel plays: it holds every module and data file of the checkout's game and the
shipped packs, and `korean-theater` from a clean virtual environment plays a plain game on them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = (".py", ".tcss", ".json")

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built offline (no build isolation) from a copy of the sources, so that the
    build leaves nothing in the checkout."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("game", "content"):
        shutil.copytree(ROOT / name, src / name, ignore=junk)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp), str(src)],
        check=True,
        capture_output=True,
    )
    (found,) = tmp.glob("korean_theater-*.whl")
    return found


def test_the_wheel_holds_every_module_and_the_shipped_packs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    game = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "game").rglob("*")
        if p.suffix in DATA and "__pycache__" not in p.parts
    }
    packs = {
        "game/shipped/" + p.relative_to(ROOT / "content").as_posix()
        for p in (ROOT / "content").rglob("*.toml")
    }
    assert "game/shipped/korean-theater/pack.toml" in packs
    assert game - names == set(), "add the new package to [tool.setuptools] packages"
    assert packs - names == set()


def test_an_installed_game_plays_a_plain_game(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    # The game's dependencies come from this environment (a path in a .pth file: its own .pth
    # files, among them the editable install of the checkout, are not read); the game itself
    # only from the wheel.
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", str(python),
         "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KOREAN_THEATER"))}
    env["KOREAN_THEATER_SAVES"] = str(tmp_path / "saves")
    where = subprocess.run(
        [python, "-c", "import game.paths as p; print(p.__file__); print(p.content_dir())"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=True,
    ).stdout.split()  # fmt: skip
    assert all(Path(w).is_relative_to(env_dir) for w in where), where
    game = bin_dir / ("korean-theater.exe" if os.name == "nt" else "korean-theater")
    out = subprocess.run(
        [game, "play", "--plain", "--role", "us", "--seed", "wheel"],
        input="1\n2\n3\n4\n5\n" * 100,  # a closed option asks again
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "P001" not in out.stderr
    assert "Result: " in out.stdout and "Why this ending:" in out.stdout  # to the end
