"""Shared fixtures: the example pack, compiled, copies of it to break, and classroom files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from game.content.compiler import load_pack
from game.engine.pack import Pack
from tests.support import EXAMPLE, GOOD

# Hypothesis' per-example deadline is a timing assertion: on a loaded machine a replayed save
# takes longer than 200 ms and the test fails for no fault of the code. Speed is measured in
# benchmarks/; pytest-timeout still stops a hang. Slow generation is no fault either.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


@pytest.fixture(autouse=True, scope="session")
def _command_named_korean_theater() -> None:
    """Messages name the game's command as `korean-theater` in the tests (how it is named for
    the person at the machine is game.invocation's, and tests/test_invocation.py's)."""
    os.environ["KOREAN_THEATER_COMMAND"] = "korean-theater"


@pytest.fixture(scope="session")
def example_pack() -> Pack:
    result = load_pack(EXAMPLE)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result.pack


@pytest.fixture
def pack_copy(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the example pack with text replaced: pack_copy({"events.toml": [(old, new)]})."""

    def make(edits: dict[str, list[tuple[str, str]]] | None = None) -> Path:
        target = tmp_path / "pack"
        shutil.copytree(EXAMPLE, target)
        for name, pairs in (edits or {}).items():
            path = target / name
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            for old, new in pairs:
                if old:
                    assert old in text, f"{old!r} not in {name}"
                    text = text.replace(old, new, 1)
                else:
                    text += new
            path.write_text(text, encoding="utf-8")
        return target

    return make


@pytest.fixture
def classroom_file(tmp_path: Path) -> Callable[..., Path]:
    """A classroom file: GOOD with text replaced, or the text given."""

    def make(*edits: tuple[str, str], text: str | None = None, name: str = "class.toml") -> Path:
        body = GOOD if text is None else text
        for old, new in edits:
            assert old in body, old
            body = body.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        return path

    return make
