"""`check` prints one line a problem (and one for its hint) and one summary line, whatever a file
name, a key or a title holds: none can forge a line of its output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"


def check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "check", str(folder)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_a_file_name_or_a_key_cannot_forge_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    evil = folder / "x.toml\nforged.toml:1:1: P001 all is well\n.toml"
    evil.write_text('"\\u001b[2J" = 1\n', encoding="utf-8")
    out = check(folder)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert all(line.startswith((str(folder), "    hint:", "1 error")) for line in lines), lines
    assert "\x1b" not in out.stdout and "S101" in out.stdout


def test_a_title_cannot_forge_a_line_of_the_summary(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    pack = folder / "pack.toml"
    text = pack.read_text(encoding="utf-8")
    title = 'title = "Example: A Winter on the Peninsula"'
    pack.write_text(text.replace(title, 'title = "A\\nforged: ok"'), encoding="utf-8")
    out = check(folder)
    assert out.returncode == 0, out.stdout
    (line,) = out.stdout.splitlines()
    assert line.startswith(f"{folder}: ok — A") and "forged: ok" in line


def test_the_summary_counts_in_words_that_agree() -> None:
    from types import SimpleNamespace

    from game.commands.check import pack_summary

    event = SimpleNamespace(choices=[object()])
    pack = SimpleNamespace(
        meta=SimpleNamespace(title="T"), roles=[1], events=[event], rules=[], endings=[1, 2]
    )
    assert pack_summary("p", pack) == "p: ok — T: 1 role, 1 event, 1 choice, 0 rules, 2 endings"
