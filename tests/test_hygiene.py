"""The tests keep their own rules: timings are measured in benchmarks/, never asserted; a skip
says why in terms of this repository; fixtures are shared through conftest files and helpers
through modules, and no module imports a conftest."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SOURCES = sorted(p for p in TESTS.rglob("*.py") if "__snapshots__" not in p.parts)
CLOCKS = {"perf_counter", "monotonic", "time", "process_time", "perf_counter_ns", "monotonic_ns"}


def _calls_clock(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute | ast.Name)
        and (n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id) in CLOCKS
        for n in ast.walk(node)
    )


def _clocked_names(tree: ast.AST) -> set[str]:
    """Names assigned from a clock (`start = time.perf_counter()`, `took = clock() - start`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _calls_clock(node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def timing_assertions(source: str) -> list[int]:
    """Lines of `assert`s that compare a duration read from a clock."""
    tree = ast.parse(source)
    clocked = _clocked_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        for cmp in (n for n in ast.walk(node.test) if isinstance(n, ast.Compare)):
            names = {n.id for n in ast.walk(cmp) if isinstance(n, ast.Name)}
            if _calls_clock(cmp) or names & clocked:
                found.append(node.lineno)
                break
    return found


def test_no_test_asserts_a_timing() -> None:
    found = [
        f"{p.relative_to(ROOT)}:{line}"
        for p in SOURCES
        for line in timing_assertions(p.read_text(encoding="utf-8"))
    ]
    assert not found, f"timings belong in benchmarks/: {found}"


def test_the_timing_check_sees_one() -> None:
    source = (
        "import time\nstart = time.perf_counter()\nrun()\nassert time.perf_counter() - start < 1\n"
    )
    assert timing_assertions(source) == [4]
    took = "took = clock.monotonic() - t0\nassert took < 0.5\nassert len(x) < 3\n"
    assert timing_assertions(took) == [2]


def _skip_reasons(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if not name.endswith(("skip", "skipif", "importorskip", "xfail")):
            continue
        texts = [a for a in node.args if isinstance(a, ast.Constant)]
        texts += [k.value for k in node.keywords if k.arg in ("reason", "msg")]
        for t in texts:
            if isinstance(t, ast.Constant) and isinstance(t.value, str):
                found.append((node.lineno, t.value))
    return found


def test_every_skip_reason_stays_inside_the_repository() -> None:
    outside = [
        f"{p.relative_to(ROOT)}:{line}: {reason}"
        for p in SOURCES
        for line, reason in _skip_reasons(ast.parse(p.read_text(encoding="utf-8")))
        if _outside(reason)
    ]
    assert not outside, outside


def _outside(reason: str) -> bool:
    """Whether a reason names a file of a machine rather than of the repository (devices such
    as /dev/zero are the system's, not a file)."""
    words = (w.strip("()[],.;:'\"`") for w in reason.split())
    return any(w.startswith(("/", "~")) and not w.startswith("/dev/") and len(w) > 1 for w in words)


def test_the_skip_check_sees_a_reason_outside() -> None:
    assert _outside("not wired yet (see /work/kt-bugs.md)")
    assert _outside("see ~/notes.txt")
    assert not _outside("named pipes and /dev/zero") and not _outside("see docs/teaching.md")


def test_no_module_imports_a_conftest() -> None:
    found = []
    for p in SOURCES:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n.split(".")[-1] == "conftest" for n in names):
                found.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"share helpers through a module (tests/support.py): {found}"
