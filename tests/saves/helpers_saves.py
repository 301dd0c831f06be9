"""Games and packs for the save tests (a module, not a conftest, so tests import it by name).

Tests that check exact turns and messages use PINNED, a frozen copy of the example pack; the
property and fault-injection tests use the live example pack (and the shipped pack if present).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from game.content.compiler import load_pack
from game.engine.pack import Pack
from game.engine.session import Session

HERE = Path(__file__).resolve().parent
PINNED = HERE / "data" / "example-pinned"
EXAMPLE = HERE.parent / "fixtures" / "packs" / "example"
SHIPPED = HERE.parents[1] / "content" / "korean-theater"

# A full game of the pinned pack as the US
US_CHOICES = ["declassify", "designate", "warn", "continue", "warn", "continue"]


def compile_pack(path: Path) -> Pack:
    result = load_pack(path)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result.pack


def pinned_copy(target: Path, edits: list[tuple[str, str, str]] = ()) -> Path:
    """A copy of the pinned pack with (file, old, new) edits: each `old` must occur."""
    shutil.copytree(PINNED, target)
    for name, old, new in edits:
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def play(pack: Pack, role: str = "us", seed: str = "abc", n: int | None = None, pick: int = 0):
    """Play `n` decisions (default: to the end), taking the `pick`-th open option each time."""
    session = Session.start(pack, role, seed)
    while not session.over and (n is None or len(session.steps) < n):
        options = session.briefing().open_options
        option = options[pick % len(options)]
        session = session.submit(option.id, f"turn {session.state.turn}: {option.label}")
    return session


def us_game(pack: Pack) -> Session:
    """The pinned pack's US game, with a rationale for every decision."""
    rationales = [f"because {i}" for i in range(len(US_CHOICES))]
    return Session.replay(pack, "us", "abc", US_CHOICES, rationales)
