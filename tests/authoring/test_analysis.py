"""The W4xx warnings of the static analysis: each reported where it belongs, never a false alarm."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiler import load_pack
from game.content.problems import CODES
from game.sim.report import summarise
from game.sim.runner import SimConfig, simulate

FIXTURES = Path(__file__).parent / "fixtures"
WARNINGS = FIXTURES / "warnings"
TRICKY = FIXTURES / "tricky"
ROOT = Path(__file__).resolve().parents[2]


def _marked(folder: Path) -> set[tuple[str, int, str]]:
    """(file, line, code) for every line marked `# W4xx` in a fixture pack."""
    found = set()
    for path in sorted(folder.glob("*.toml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for code in re.findall(r"#\s*(W4\d\d)\s*$", line):
                found.add((path.name, n, code))
    return found


def test_every_analysis_code_is_in_the_index_as_a_warning() -> None:
    codes = [c for c in CODES if c.startswith("W4")]
    assert codes == [*(f"W40{i}" for i in range(1, 10)), "W420"]
    for code in codes:
        title, fix = CODES[code]
        assert title and fix


def test_each_warning_is_reported_at_its_marked_line() -> None:
    result = load_pack(WARNINGS)
    assert result.pack is not None and not result.errors
    got = {(Path(p.file).name, p.line, p.code) for p in result.problems}
    expected = _marked(WARNINGS)
    assert {code for _, _, code in expected} == {*(f"W40{i}" for i in range(1, 10)), "W420"}
    assert got == expected
    assert all(p.severity == "warning" and p.hint for p in result.problems)


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        (
            "W401",
            "choice 'split' of event 'summit' can never be open: `alliance < 40` never holds "
            "(alliance stays within 50–100)",
        ),
        ("W402", "flag flags.never_set is read but no effect sets it: it is always false"),
        ("W403", "flag flags.never_read is set but nothing reads it"),
        ("W404", "variable 'unused' is never used"),
        ("W405", "event 'late' can never be drawn: `turn > 10` never holds in turns 1–10"),
        ("W406", "ending 'never' can never be reached: ending 'calm' comes first"),
        ("W407", "chance `tension / 40` ranges over 0–2.5"),
        ("W408", "would arrive 12 turn(s) after turn 1 at the earliest, after the last turn (10)"),
        ("W409", "`tension` can be 0 (tension stays within 0–100)"),
        ("W420", "variable 'prestige' is on the desk of role 'us' but nothing it moves reaches"),
    ],
)
def test_messages_say_why(code: str, needle: str) -> None:
    messages = [p.message for p in load_pack(WARNINGS).problems if p.code == code]
    assert any(needle in m for m in messages), messages


def test_constructs_that_can_happen_are_not_reported() -> None:
    result = load_pack(TRICKY)
    assert [p.format() for p in result.problems] == []


def test_the_tricky_fixture_really_reaches_everything() -> None:
    """The negative test means something only if what it does not report does happen."""
    pack = load_pack(TRICKY).pack
    assert pack is not None
    endings: set[str] = set()
    drawn: set[str] = set()
    for role in ("us", "rok"):
        report = summarise(pack, simulate(pack, SimConfig(role, runs=400, seed="t")))
        endings |= {e["id"] for e in report["endings"] if e["games"]}
        drawn |= {e["id"] for e in report["events"] if e["games"]}
        assert not report["never_open"]
    assert endings == {e.id for e in pack.endings}
    assert drawn == {e.id for e in pack.events}


def test_the_example_pack_has_no_false_alarm_other_than_its_unread_flag() -> None:
    problems = load_pack(ROOT / "tests" / "fixtures" / "packs" / "example").problems
    assert {p.code for p in problems} <= {"W403"}


def test_analysis_runs_only_on_packs_without_errors(tmp_path: Path) -> None:
    for name in ("pack.toml", "events.toml", "world.toml"):
        text = (WARNINGS / name).read_text(encoding="utf-8")
        if name == "events.toml":
            text = text.replace('when = "alliance < 40"', 'when = "aliance < 40"')
        (tmp_path / name).write_text(text, encoding="utf-8")
    codes = {p.code for p in load_pack(tmp_path).problems}
    assert "X002" in codes and not any(c.startswith("W4") for c in codes)


def test_large_generated_pack_settles_in_a_few_rounds(tmp_path: Path) -> None:
    """The fixpoint's work does not grow with the pack: a few rounds over 2,000 events (the
    time it takes is a benchmark's business: benchmarks/bench_engine.py)."""
    import sys

    from game.content.analysis import _Analysis
    from game.content.loader import read_pack
    from game.content.reach import WIDEN_AFTER

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_pack import generate
    finally:
        sys.path.pop(0)
    generate(tmp_path / "big", events=2000)
    result = load_pack(tmp_path / "big")
    assert result.pack is not None and result.problems == []
    analysis = _Analysis(result.pack, read_pack(tmp_path / "big"))
    assert analysis.solve() <= WIDEN_AFTER
    assert analysis.report() == []


# --------------------------------------------------------------------------- soundness


VARS = ("a", "b", "c")
ROLES = ("us", "rok")
OPS = ("<", "<=", ">", ">=", "==", "!=")


@st.composite
def conditions(draw) -> str:
    kind = draw(st.sampled_from(["cmp", "cmp", "flag", "turn", "true", "role", "and", "or"]))
    if kind == "cmp":
        return (
            f"{draw(st.sampled_from(VARS))} {draw(st.sampled_from(OPS))} "
            f"{draw(st.integers(-20, 120))}"
        )
    if kind == "flag":
        return draw(st.sampled_from(["flags.f", "not flags.f"]))
    if kind == "turn":
        return f"turn {draw(st.sampled_from(OPS[:4]))} {draw(st.integers(0, 9))}"
    if kind == "true":
        return "true"
    if kind == "role":
        return f'role {draw(st.sampled_from(["==", "!="]))} \\"{draw(st.sampled_from(ROLES))}\\"'
    left, right = draw(conditions()), draw(conditions())
    return f"({left}) {kind} ({right})"


@st.composite
def effects(draw) -> str:
    target = draw(st.sampled_from(VARS))
    kind = draw(st.sampled_from(["+=", "-=", "=", "*=", "flag", "timed"]))
    n = draw(st.integers(-15, 30))
    if kind == "flag":
        return f'"flags.f = {draw(st.sampled_from(["true", "false"]))}"'
    if kind == "timed":
        mode = draw(st.sampled_from(["lag", "smooth", "decay"]))
        return f'{{ do = "{target} += {n}", mode = "{mode}", turns = {draw(st.integers(1, 4))} }}'
    if kind == "*=":
        return f'"{target} *= {draw(st.sampled_from(["0.5", "1.5", "2", "-1"]))}"'
    if kind == "=":
        return f'"{target} = {draw(st.sampled_from(VARS))} + {n}"'
    return f'"{target} {kind} {n}"'


@st.composite
def packs(draw) -> dict[str, str]:
    turns = draw(st.integers(3, 8))
    head = [
        '[pack]\nid = "gen"\ntitle = "Generated"\n',
        f"[calendar]\nstart = 2025-01-01\nturns = {turns}\n",
        '[[role]]\nid = "us"\nname = "US"\noffice = "NSC"\nbriefing = "B"\n',
        '[[role]]\nid = "rok"\nname = "ROK"\noffice = "NSO"\nbriefing = "B"\n',
        '[[flag]]\nid = "f"\nlabel = "F"\n',
    ]
    for v in VARS:
        lo = draw(st.sampled_from([0, -10]))
        hi = draw(st.sampled_from([10, 50, 100]))
        start = draw(st.integers(lo, hi))
        head.append(
            f'[[variable]]\nid = "{v}"\nlabel = "{v}"\nmin = {lo}\nmax = {hi}\nstart = {start}\n'
        )
    events = []
    n_events = draw(st.integers(1, 4))
    for i in range(n_events):
        roles = draw(st.sampled_from(["", '["us"]', '["rok"]', '["us", "rok"]']))
        lines = [
            f'[[event]]\nid = "e{i}"\ntitle = "E{i}"\nkind = "hypothetical"\n'
            f'when = "{draw(conditions())}"\nonce = {draw(st.sampled_from(["true", "false"]))}\n'
            f"priority = {draw(st.integers(0, 2))}\n"
            + (f"turn_max = {draw(st.integers(1, turns))}\n" if draw(st.booleans()) else "")
            + (f"roles = {roles}\n" if roles else "")
            + 'text = "T"\n'
        ]
        for k in range(draw(st.integers(1, 3))):
            effs = ", ".join(draw(st.lists(effects(), min_size=0, max_size=3)))
            later = ""
            if draw(st.booleans()):
                target = draw(st.integers(0, n_events - 1))
                force = draw(st.sampled_from(["true", "false"]))
                later = (
                    f'  later = [{{ in = {draw(st.integers(1, 4))}, event = "e{target}", '
                    f"force = {force} }}]\n"
                )
            lines.append(
                f'  [[event.choice]]\n  id = "c{k}"\n  label = "C{k}"\n'
                f'  when = "{draw(conditions())}"\n  effects = [{effs}]\n{later}'
            )
        events.append("\n".join(lines))
    world = []
    for i in range(draw(st.integers(0, 2))):
        effs = ", ".join(draw(st.lists(effects(), min_size=1, max_size=2)))
        world.append(
            f'[[rule]]\nid = "r{i}"\nlabel = "R"\nwhen = "{draw(conditions())}"\n'
            f"effects = [{effs}]\n"
        )
    for i in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(["any", "end"]))
        world.append(
            f'[[ending]]\nid = "x{i}"\ntitle = "X"\nwhen = "{draw(conditions())}"\n'
            f'at = "{at}"\npriority = {draw(st.integers(0, 3))}\ntext = "X"\n'
        )
    world.append('[[ending]]\nid = "fallback"\ntitle = "F"\ntext = "F"\n')
    return {
        "pack.toml": "\n".join(head),
        "events.toml": "\n".join(events),
        "world.toml": "\n".join(world),
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=packs())
def test_what_the_analysis_rules_out_never_happens_in_play(tmp_path_factory, files) -> None:
    folder = tmp_path_factory.mktemp("gen")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = load_pack(folder)
    if result.pack is None:  # e.g. a `smooth` effect with `=`: not what this test is about
        return
    pack = result.pack
    for role in ROLES:
        _nothing_ruled_out_happens(pack, result.warnings, role, files)


def _nothing_ruled_out_happens(pack, warnings, role: str, files) -> None:
    report = summarise(pack, simulate(pack, SimConfig(role, runs=150, seed="sound")))
    drawn = {e["id"] for e in report["events"] if e["games"]}
    reached = {e["id"] for e in report["endings"] if e["games"]}
    opened = {(c["event"], c["choice"]) for c in report["choices"] if c["open"]}
    for p in warnings:
        m = p.message
        as_roles = re.search(r"\(as ('[^)]+)\)$", m)
        if as_roles and repr(role) not in as_roles.group(1):
            continue  # said of another role's games
        if p.code == "W405":
            eid = re.match(r"event '([^']+)'", m).group(1)  # type: ignore[union-attr]
            assert eid not in drawn, (m, files)
        elif p.code == "W406":
            eid = re.match(r"ending '([^']+)'", m).group(1)  # type: ignore[union-attr]
            assert eid not in reached, (m, files)
        elif p.code == "W401" and m.startswith("choice"):
            cid, eid = re.match(r"choice '([^']+)' of event '([^']+)'", m).groups()  # type: ignore[union-attr]
            assert (eid, cid) not in opened, (m, files)
