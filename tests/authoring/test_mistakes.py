"""Typical author mistakes (tests/authoring/mistakes/): each is caught by `check --strict` as
the first of at most three problems, on its line, with a hint that names the fix."""

from __future__ import annotations

import pytest

from game.content.compiler import load_pack
from tests.authoring.mistakes.measure import PACK, judge, mistakes

MISTAKES = mistakes()


def test_the_pack_the_mistakes_are_made_in_is_clean() -> None:
    assert load_pack(PACK).problems == []


def test_there_are_at_least_twenty_mistakes_of_every_stage() -> None:
    assert len(MISTAKES) >= 20
    stages = {code[0] for m in MISTAKES for code in m.codes}
    assert stages >= {"P", "S", "R", "X", "V", "W"}


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_a_mistake_is_its_own_first_problem_where_it_is_with_its_fix(mistake) -> None:
    v = judge(mistake)
    shown = "\n".join(p.format() for p in v.problems)
    assert v.caught, "nothing reported"
    assert v.located and v.own_code, f"want {mistake.codes} at line {v.line}:\n{shown}"
    assert v.hinted, f"the hint should name {mistake.hint}:\n{shown}"
    assert v.few, shown
