"""Every number of a pack is finite and of a sane size: TOML's inf and nan, and magnitudes whose
spans overflow, are located problems, never a crash later in the game, the simulator or a
report."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.engine.limits import MAX_METER, MAX_WEIGHT
from game.engine.session import Session
from game.sim.stats import binning

# (file, text in the example pack, the same with {x} where the number goes)
FIELDS = [
    ("pack.toml", "start = 40", "start = {x}"),
    ("pack.toml", "start = 40", "start = 40\nmin = {x}"),
    ("pack.toml", 'id = "sanctions"\nlabel = "Sanctions integrity"', "{0}\nmax = {x}"),
    ("pack.toml", '{ at = 30, label = "tense" }', '{{ at = {x}, label = "tense" }}'),
    ("pack.toml", '{ at = 2, label = "Posturing" }', '{{ at = {x}, label = "Posturing" }}'),
    ("pack.toml", "default = 1.0", "default = {x}"),
    ("pack.toml", "weight = 2", "weight = {x}"),
    ("events.toml", "{ chance = 0.5,", "{{ chance = {x},"),
    ("events.toml", "factor = 0.5", "factor = {x}"),
    ("events.toml", "weight = 2", "weight = {x}"),
]
EDGES = [math.inf, -math.inf, math.nan, 1e308, -1e308, 5e-324, 1e16, MAX_METER * 1.5, 0.0]


def toml_float(x: float) -> str:
    return repr(x)  # inf, -inf, nan, 1e+308 and 0.5 are all TOML floats


def _edit(folder: Path, field: tuple[str, str, str], x: float) -> None:
    name, old, new = field
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new.format(old, x=toml_float(x)), 1), encoding="utf-8")


def _numbers(pack) -> list[float]:
    found = []
    for v in pack.variables:
        found += [v.min, v.max, v.start, *(t.at for t in v.thresholds)]
    if pack.escalation is not None:
        found += [r.at for r in pack.escalation.rungs]
    found += [a.default for a in pack.assumptions if not isinstance(a.default, bool)]
    found += [o.weight for r in pack.roles.values() for o in r.objectives]
    for e in pack.events:
        found += [float(e.weight.const)] if e.weight.const is not None else []
        for c in e.choices:
            found += [float(o.chance.const) for o in c.outcomes if o.chance.const is not None]
            for eff in (*c.effects, *(x for o in c.outcomes for x in o.effects)):
                found.append(eff.factor)
    return found


@pytest.mark.parametrize("field", FIELDS, ids=[f"{f[0]}:{f[1][:18]}" for f in FIELDS])
@pytest.mark.parametrize("x", [math.inf, -math.inf, math.nan], ids=["inf", "-inf", "nan"])
def test_inf_and_nan_are_located_errors(pack_copy, field, x) -> None:
    folder = pack_copy()
    _edit(folder, field, x)
    result = load_pack(folder)
    assert result.pack is None
    found = [p for p in result.errors if "finite" in p.message]
    assert found, [p.format() for p in result.problems]
    (p,) = found
    assert Path(p.file).name == field[0] and p.code == "S104"
    text = (folder / field[0]).read_text(encoding="utf-8").splitlines()
    assert toml_float(x) in text[p.line - 1]  # at the line of the number
    assert "finite" in p.hint


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(FIELDS),
    x=st.one_of(st.sampled_from(EDGES), st.floats(allow_nan=True, allow_infinity=True)),
)
@example(field=FIELDS[7], x=math.inf)  # chance = inf once became a chance of 0
@example(field=FIELDS[9], x=1e300)  # and a huge weight a weight of 0
def test_a_pack_that_loads_holds_only_sane_numbers(pack_copy, tmp_path, field, x) -> None:
    folder = _fresh(pack_copy, tmp_path)
    _edit(folder, field, x)
    result = load_pack(folder)  # never raises
    assert all(p.line >= 1 and p.hint for p in result.problems)
    pack = result.pack
    if pack is None:
        return
    assert all(math.isfinite(n) for n in _numbers(pack))
    for v in pack.variables:
        assert -MAX_METER <= v.min < v.max <= MAX_METER
        b = binning(v.min, v.max)
        assert 1 < b.bins <= 201 and math.isfinite(b.step)
    for e in pack.events:
        assert e.weight.const is None or 0 <= e.weight.const <= MAX_WEIGHT
        for c in e.choices:
            assert all(o.chance.const is None or 0 <= o.chance.const <= 1 for o in c.outcomes)
    if field == FIELDS[7]:  # the number given is the chance the game rolls, not a rounded one
        (outcome, *_) = pack.events_by_id["shipments"].choices[0].outcomes
        assert outcome.chance.const == pytest.approx(x, rel=1e-9)
    if field == FIELDS[9]:
        assert pack.events_by_id["drills"].weight.const == pytest.approx(x, rel=1e-9)
    s = Session.start(pack, "us", "finite")
    for _ in range(3):
        if s.over:
            break
        s = s.submit(s.briefing().open_options[0].id)
    assert all(math.isfinite(x) for x in s.state.values if isinstance(x, float))


def _fresh(pack_copy, tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "pack"
    if folder.exists():
        shutil.rmtree(folder)
    return pack_copy()


def test_a_huge_weight_is_said_with_its_value(pack_copy) -> None:
    folder = pack_copy({"events.toml": [("weight = 2", "weight = 1e300")]})
    (p,) = load_pack(folder).errors
    assert (p.code, p.line) == ("V311", 134) and "1e+300" in p.message


def test_a_huge_chance_is_said_with_its_value(pack_copy) -> None:
    folder = pack_copy({"events.toml": [("{ chance = 0.5,", "{ chance = 1e300,")]})
    (p,) = load_pack(folder).errors
    assert (p.code, p.line) == ("V302", 26) and "1e+300" in p.message


def test_meter_ranges_beyond_the_limit_are_refused(pack_copy) -> None:
    folder = pack_copy({"pack.toml": [("start = 40", "start = 40\nmin = -1e308\nmax = 1e308")]})
    problems = load_pack(folder).errors
    assert [(p.code, p.line) for p in problems] == [("S104", 67), ("S104", 68)]
    assert all("1000000000000" in p.message for p in problems)
