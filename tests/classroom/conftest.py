"""Fixtures for the classroom tests: classroom files for the example pack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"

GOOD = f"""\
[classroom]
id = "week-6"
title = "Week 6"
pack = "{EXAMPLE.as_posix()}"
seed = "class-3"
roles = ["us"]
turns = 4
whatif_runs = 0

[rationale]
required = true
min_length = 10

[predict]
variables = ["tension"]
steady = 1

[assumptions]
china_restrains = false
hawk_bias = 1.5
"""


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
