"""A problem is one line (and its hint one more), whatever its file name or message holds:
newlines and other control characters are shown escaped, so no part can forge a line of
`check`'s output or drive the terminal."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.content.problems import Problem, escaped

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"


def shown_safely(line: str) -> bool:
    return all(unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") for ch in line)


@given(file=st.text(), message=st.text(), hint=st.text())
def test_a_problem_is_one_line_and_its_hint_another(file: str, message: str, hint: str) -> None:
    lines = Problem(file, 3, 4, "S101", message, hint).format().split("\n")
    assert len(lines) == (2 if hint else 1)
    assert all(shown_safely(line) for line in lines)
    assert lines[0].endswith(f":3:4: S101 {escaped(message)}")


@given(st.text())
def test_escaping_keeps_printable_text_and_can_be_told_apart(text: str) -> None:
    out = escaped(text)
    assert shown_safely(out)
    if text.isprintable():
        assert out == text
    else:
        assert out.encode("ascii", "backslashreplace").decode("unicode_escape") == text


def test_check_output_cannot_be_forged_by_a_file_name_or_a_key(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    evil = folder / "x.toml\nforged.toml:1:1: P001 all is well\n.toml"
    evil.write_text('"\\u001b[2J" = 1\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "game", "check", str(folder)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert not any(line.startswith("forged.toml") for line in lines)
    assert all(line.startswith(('"', "    hint:", "1 error")) for line in lines), lines
    assert "\x1b" not in out.stdout and "\\x1b[2J" in out.stdout
    assert '\\nforged.toml:1:1: P001 all is well\\n.toml":1:1: S101' in out.stdout
