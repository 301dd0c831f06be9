"""Files that are not files, through the real command line: a named pipe, a link to /dev/zero
and a sparse 4 GB file, given to `check`, `class` and `play --classroom`, are refused at once
with a located message. Every command runs with a time and memory limit, so a regression fails
rather than hangs; and a classroom file with a byte-order mark is read alike everywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import limited_child

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")


def kt(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=90,
        preexec_fn=limited_child,
    )
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    return out


def hostile(folder: Path, suffix: str) -> dict[str, Path]:
    """A named pipe, a link to /dev/zero and a sparse 4 GB file, named *suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    pipe, zero, huge = (folder / f"{n}{suffix}" for n in ("pipe", "zero", "huge"))
    os.mkfifo(pipe)
    zero.symlink_to("/dev/zero")
    with open(huge, "wb") as f:
        f.truncate(4 << 30)
    return {"pipe": pipe, "zero": zero, "huge": huge}


def test_check_refuses_pipes_and_devices_among_a_packs_files(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    files = hostile(folder / "events", ".toml")
    out = kt("check", str(folder))
    assert out.returncode == 1
    assert f"{files['pipe']}:1:1: P001 {files['pipe']} is a named pipe, not a file" in out.stdout
    assert f"{files['zero']}:1:1: P001 {files['zero']} is a device, not a file" in out.stdout
    assert f"{files['huge']}:1:1: P002 the file is 4,294,967,296 bytes; at most 2 MB" in out.stdout


@pytest.mark.parametrize("kind", ["pipe", "zero"])
def test_check_of_a_classroom_file_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    path = hostile(tmp_path, ".toml")[kind]
    out = kt("check", str(path))
    assert out.returncode == 1
    what = "a named pipe" if kind == "pipe" else "a device"
    assert f"{path}:1:1: C501 {path} is {what}, not a file" in out.stdout


def test_check_of_a_huge_toml_file_does_not_read_it(tmp_path: Path) -> None:
    path = hostile(tmp_path, ".toml")["huge"]
    out = kt("check", str(path))
    assert out.returncode == 1 and "P001" in out.stdout


@pytest.mark.parametrize("kind", ["pipe", "zero", "huge"])
def test_play_classroom_refuses_a_classroom_file_that_is_not_a_file(tmp_path, kind) -> None:
    path = hostile(tmp_path, ".toml")[kind]
    out = kt("play", "--plain", "--classroom", str(path), "--saves", str(tmp_path / "s"))
    assert out.returncode == 1
    assert f"{path}:1:1: C501" in out.stderr


def test_class_skips_hand_ins_that_are_not_files_and_names_them(tmp_path: Path) -> None:
    files = hostile(tmp_path / "reports", ".json")
    out = kt("class", str(tmp_path / "reports"), *map(str, files.values()))
    assert out.returncode == 1  # none could be read
    for path in files.values():
        assert f"skipped {path}" in out.stderr
    assert f"{files['pipe']} is a named pipe, not a file" in out.stderr
    assert f"{files['zero']} is a device, not a file" in out.stderr
    assert "4,294,967,296 bytes; at most 32 MB" in out.stderr


def test_a_classroom_file_with_a_byte_order_mark_is_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    text = f'[classroom]\nseed = "bom"\npack = "{EXAMPLE.as_posix()}"\nask_name = false\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    checked = kt("check", str(path))
    assert checked.returncode == 0 and "ok — classroom" in checked.stdout, checked.stdout
    played = kt(
        "play", "--plain", "--classroom", str(path), "--role", "us", "--saves", str(tmp_path),
        stdin="q\n",
    )  # fmt: skip
    assert played.returncode == 0 and "Seed: bom" in played.stdout, played.stderr
