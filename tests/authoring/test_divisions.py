"""W409: a division whose divisor can be 0 is warned about at the divisor; one whose divisor
cannot be 0, or that a condition guards, is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack

PACK = """\
[pack]
id = "divisions"
title = "Divisions"

[calendar]
start = 2025-01-01
turns = 10

[[role]]
id = "us"
name = "United States"
office = "NSC"
briefing = "Advise."

  [[role.objective]]
  id = "calm"
  label = "Calm"
  score = "100 - tension"

[[variable]]
id = "tension"
label = "Tension"
min = {lo}
max = {hi}
start = {start}

[[variable]]
id = "ratio"
label = "Ratio"
min = -1000000
max = 1000000
start = 0

[[rule]]
id = "swing"
label = "Tension swings"
effects = ["tension += 1", "tension -= 1"]

[[rule]]
id = "divide"
label = "A ratio"
when = "ratio > -1000000"
effects = ["ratio = {expr}"]

[[ending]]
id = "end"
title = "The end"
when = "ratio > -1000000"
text = "Time is up."
"""
EFFECT_LINE = PACK.splitlines().index('effects = ["ratio = {expr}"]') + 1
EFFECT_COL = len('effects = ["ratio = ') + 1  # where the expression starts on its line


def warnings(tmp_path: Path, expr: str, lo: float = 0, hi: float = 100, start: float = 50):
    tmp_path.mkdir(parents=True, exist_ok=True)
    text = PACK.format(lo=lo, hi=hi, start=start, expr=expr)
    (tmp_path / "pack.toml").write_text(text, encoding="utf-8")
    result = load_pack(tmp_path)
    assert result.errors == [], [p.format() for p in result.errors]
    return [p for p in result.problems if p.code == "W409"]


@pytest.mark.parametrize(
    ("expr", "divisor"),
    [
        ("100 / tension", "tension"),
        ("100 // (tension - 30)", "tension - 30"),
        ("100 % tension", "tension"),
        ("ratio + 1 / (tension - 30) * 2", "tension - 30"),
        ("100 / (turn - 5)", "turn - 5"),
        ("100 / 0", "0"),
        ("if tension > 50 then 1 / tension else 1 / (tension - 20)", "tension - 20"),
    ],
)
def test_a_divisor_that_can_be_zero_is_warned_about_where_it_is(tmp_path, expr, divisor) -> None:
    (p,) = warnings(tmp_path, expr)
    assert (p.line, p.col) == (EFFECT_LINE, EFFECT_COL + expr.rindex(divisor))
    assert p.severity == "warning" and f"`{divisor}`" in p.message and "gives 0" in p.message


@pytest.mark.parametrize(
    "expr",
    [
        "100 / (tension + 1)",
        "100 / max(tension, 1)",
        "if tension != 0 then 100 / tension else 0",
        "if tension > 0 then 100 / tension else 0",
        "if tension == 0 then 0 else 100 / tension",
        "if not (tension <= 0) then 100 / tension else 0",
        "if 0 < tension and ratio > 1 then 100 / tension else 0",
        "100 / (turn + 1)",
    ],
)
def test_a_divisor_that_cannot_be_zero_is_not(tmp_path, expr) -> None:
    assert warnings(tmp_path, expr) == []


def test_guards_in_conditions_too(tmp_path) -> None:
    folder = tmp_path / "p"
    warnings(folder, "1")
    pack = folder / "pack.toml"
    text = pack.read_text(encoding="utf-8")
    guarded = 'when = "tension > 0 and 100 / tension > 1"'
    pack.write_text(text.replace('when = "ratio > -1000000"', guarded, 1), encoding="utf-8")
    assert [p for p in load_pack(folder).problems if p.code == "W409"] == []
    pack.write_text(text.replace('when = "ratio > -1000000"', 'when = "100 / tension > 1"', 1))
    (p,) = [p for p in load_pack(folder).problems if p.code == "W409"]
    assert p.line == EFFECT_LINE - 1


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lo=st.integers(-50, 50),
    width=st.integers(1, 100),
    offset=st.integers(-120, 120),
    guarded=st.booleans(),
)
def test_warned_exactly_when_the_divisor_can_reach_zero(tmp_path, lo, width, offset, guarded):
    hi = lo + width
    divisor = f"tension - {offset}" if offset >= 0 else f"tension + {-offset}"
    expr = f"100 / ({divisor})"
    if guarded:
        expr = f"if {divisor} != 0 then {expr} else 0"
    found = warnings(tmp_path / "p", expr, lo=lo, hi=hi, start=lo)
    reaches_zero = lo <= offset <= hi  # tension takes every value of lo–hi (± 1 a turn)
    assert bool(found) == (reaches_zero and not guarded)
