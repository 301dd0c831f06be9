"""The real `korean-theater play` in a pseudo-terminal: it starts, draws, quits, and a broken
pack ends it with status 1 and the checker's problems (no traceback)."""

from __future__ import annotations

from pathlib import Path

from tui_support import EXAMPLE, run_in_pty


def run_in_terminal(args: list[str], until: bytes, keys: bytes, tmp_path: Path) -> tuple[int, str]:
    """Run the game in a 80×24 pty; when `until` has been drawn, type `keys`; the exit status
    and everything written to the terminal."""
    return run_in_pty(args, [(until, keys)], tmp_path / "saves")


def test_title_then_quit(tmp_path: Path) -> None:
    code, out = run_in_terminal(["--pack", str(EXAMPLE)], b"A Winter on the", b"q", tmp_path)
    assert code == 0
    assert "New game" in out
    assert "Traceback" not in out


def test_role_goes_straight_to_the_desk(tmp_path: Path) -> None:
    args = ["--pack", str(EXAMPLE), "--role", "russia", "--seed", "pty"]
    code, out = run_in_terminal(args, b"Deny everything", b"\x11", tmp_path)
    assert code == 0
    assert "Deny everything" in out


def test_broken_pack_exits_1_with_problems(pack_copy, tmp_path: Path) -> None:
    """A game started at once on a broken pack; without --role the title shows and New game
    shows the problems (tests/tui/test_title_light.py)."""
    folder = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "turn >= "')]})
    code, out = run_in_terminal(["--pack", str(folder), "--role", "us"], b"\x00", b"", tmp_path)
    assert code == 1
    assert "has problems" in out
    assert "events.toml:" in out and "X001" in out
    assert "Traceback" not in out
