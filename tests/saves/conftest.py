"""Fixtures of the save tests: the pinned pack and a store in a temporary folder."""

from __future__ import annotations

import pytest
from helpers_saves import PINNED, compile_pack

from game.saves import SaveStore


@pytest.fixture(scope="session")
def pinned():
    return compile_pack(PINNED)


@pytest.fixture
def store(tmp_path):
    return SaveStore(tmp_path / "saves")
