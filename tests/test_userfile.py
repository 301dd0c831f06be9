"""game.userfile, the one reader of files a user names: regular files only, never blocking, never
more than its limit, a byte-order mark accepted. What could hang or exhaust memory if it broke
runs in a child process with a time and memory limit, so a regression fails instead of hanging."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game import userfile
from tests.support import limited_child

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")


def guarded(code: str) -> subprocess.CompletedProcess[str]:
    """`code` in a child process with limited memory and 60 seconds."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=limited_child,
    )


def refusal(path: Path, how: str = "read_bytes", limit: int = 1000) -> tuple[str, str]:
    out = guarded(
        f"""
        from game import userfile
        try:
            userfile.{how}({str(path)!r}, {limit})
        except userfile.FileRefused as e:
            print(e.reason, e.message, sep="|")
        else:
            print("read|")
        """
    )
    assert out.returncode == 0, out.stderr
    reason, message = out.stdout.strip().split("|", 1)
    return reason, message


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero(tmp_path: Path) -> Path:
    path = tmp_path / "zero.toml"
    path.symlink_to("/dev/zero")
    return path


@pytest.fixture
def sparse(tmp_path: Path) -> Path:
    path = tmp_path / "huge.toml"
    with open(path, "wb") as f:
        f.truncate(4 << 30)  # 4 GB that take no room on the disk
    return path


@pytest.mark.parametrize("how", ["read_bytes", "read_head", "read_text"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(fifo: Path, how: str) -> None:
    assert refusal(fifo, how) == ("special", f"{fifo} is a named pipe, not a file")


@pytest.mark.parametrize("how", ["read_bytes", "read_head", "read_text"])
def test_a_link_to_dev_zero_is_refused_unread(zero: Path, how: str) -> None:
    assert refusal(zero, how) == ("special", f"{zero} is a device, not a file")


def test_a_big_file_is_refused_with_the_limit_unread(sparse: Path) -> None:
    reason, message = refusal(sparse, limit=2 * 1024 * 1024)
    assert reason == "too big"
    assert message == "the file is 4,294,967,296 bytes; at most 2 MB is read"


def test_the_head_of_a_big_file_is_only_its_head(sparse: Path) -> None:
    assert userfile.read_head(sparse, 10) == b"\0" * 10


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        assert refusal(path) == ("special", f"{path} is a socket, not a file")


def test_folders_missing_files_and_limits(tmp_path: Path) -> None:
    with pytest.raises(userfile.FileRefused) as e:
        userfile.read_bytes(tmp_path, 10)
    assert e.value.reason == "special" and "is a folder" in e.value.message
    with pytest.raises(userfile.FileRefused) as e:
        userfile.read_bytes(tmp_path / "nope.toml", 10)
    assert e.value.reason == "missing"
    f = tmp_path / "f.toml"
    f.write_bytes(b"x" * 11)
    with pytest.raises(userfile.FileRefused) as e:
        userfile.read_bytes(f, 10)
    assert (e.value.reason, e.value.message) == (
        "too big",
        "the file is 11 bytes; at most 10 bytes is read",
    )
    assert userfile.read_bytes(f, 11) == b"x" * 11


def test_a_byte_order_mark_is_dropped_and_bad_bytes_are_located(tmp_path: Path) -> None:
    f = tmp_path / "f.toml"
    f.write_bytes(b"\xef\xbb\xbf[classroom]\n")
    assert userfile.read_text(f, 100) == "[classroom]\n"
    f.write_bytes(b"a = 1\nb = \xff\n")
    with pytest.raises(userfile.FileRefused) as e:
        userfile.read_text(f, 100)
    assert (e.value.reason, e.value.line, e.value.col) == ("encoding", 2, 5)
    assert "0xff" in e.value.message
