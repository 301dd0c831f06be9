"""The layers hold: each part of `game` imports only the parts below it, no module imports one
that imports it back, the domain never loads Textual and the engine does no I/O.

The arrows are read from the source: every import, at module level or inside a function, so
an import made lazily to break a cycle is still an arrow. Imports for annotations only (under
`if TYPE_CHECKING:`) load nothing and are not arrows.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import game

ROOT = Path(game.__file__).parent
BASE = {"game.inert", "game.userfile", "game.paths", "game.seeds", "game.invocation"}

# Each part of the package (a subpackage, or a module of game/ itself) and the parts it may
# import, besides itself and BASE. A new part must be placed here.
ALLOWED: dict[str, set[str]] = {
    "game.inert": set(),
    "game.userfile": set(),
    "game.paths": set(),
    "game.seeds": set(),
    "game.invocation": set(),
    "game.engine": set(),
    "game.content": {"game.engine"},
    "game.saves": {"game.engine"},
    "game.sim": {"game.engine", "game.content"},
    "game.views": {"game.engine"},
    "game.text": {"game.engine", "game.views"},
    "game.classroom": {"game.engine", "game.content", "game.saves", "game.views", "game.text"},
    "game.report": {"game.engine", "game.content", "game.saves", "game.views", "game.classroom"},
    "game.graph": {"game.engine"},
    "game.scaffold": {"game.content"},
    "game.lsp": {"game.engine", "game.content"},
    "game.plain": {"game.engine", "game.views", "game.text", "game.classroom"},
    "game.plain_classroom": {
        "game.engine", "game.content", "game.saves", "game.classroom", "game.report", "game.plain",
    },
    "game.tui": {
        "game.engine", "game.content", "game.saves", "game.views", "game.text", "game.classroom",
        "game.report",
    },
    "game.web": {"game.engine", "game.saves", "game.views", "game.classroom", "game.report"},
    "game.commands": {
        "game.engine", "game.content", "game.saves", "game.sim", "game.views", "game.classroom",
        "game.report", "game.graph", "game.scaffold", "game.plain", "game.plain_classroom",
        "game.tui", "game.web", "game.lsp",
    },
    "game.cli": {"game.commands"},
    "game.__main__": {"game.cli"},
}  # fmt: skip
DOMAIN = ["game.engine", "game.content", "game.saves", "game.report", "game.sim",
          "game.classroom", "game.views"]  # fmt: skip


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = modules()


def part_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _runtime_nodes(tree: ast.AST):
    """Every node of `tree` but what is under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in (child, *_runtime_nodes(child)))
            continue
        yield node
        yield from _runtime_nodes(node)


def imports(module: str, path: Path) -> set[str]:
    """The game modules `module` imports at run time, anywhere in its source."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name not in ("game", module):
                found.add(name)
    return found


GRAPH = {m: imports(m, p) for m, p in MODULES.items()}


def test_every_part_of_the_package_has_its_place() -> None:
    parts = {part_of(m) for m in MODULES if m != "game"}
    assert parts == set(ALLOWED), "place each new part of game/ in ALLOWED"
    assert "game.engine.session" in MODULES and "game.tui.app" in MODULES


def test_the_allowed_arrows_have_no_cycle() -> None:
    TopologicalSorter(ALLOWED).prepare()  # raises CycleError


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_the_parts_below_it(part: str) -> None:
    allowed = ALLOWED[part] | BASE | {part}
    crossed = sorted(
        f"{m} imports {t}"
        for m, targets in GRAPH.items()
        if part_of(m) == part
        for t in targets
        if part_of(t) not in allowed
    )
    assert not crossed, crossed


def test_no_module_imports_one_that_imports_it_back() -> None:
    try:
        TopologicalSorter(GRAPH).prepare()
    except CycleError as e:
        pytest.fail(f"import cycle: {' -> '.join(e.args[1])}")


def test_the_cycle_check_sees_a_cycle() -> None:
    with pytest.raises(CycleError):
        TopologicalSorter({**GRAPH, "game.engine.rng": {"game.engine.resolve"}}).prepare()


def test_domain_packages_never_import_textual() -> None:
    code = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        imported = []
        for name in {DOMAIN!r}:
            pkg = importlib.import_module(name)
            imported.append(name)
            for info in pkgutil.walk_packages(pkg.__path__, name + "."):
                importlib.import_module(info.name)
                imported.append(info.name)
        import game.cli, game.text, game.plain
        bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        assert not bad, bad
        print(len(imported))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == sum(part_of(m) in DOMAIN for m in MODULES)


def test_engine_does_no_io_or_printing() -> None:
    banned = re.compile(
        r"\b(print|open|input|eval|exec)\(|\bimport (os|io|pathlib|shutil)\b|sys\.std"
    )
    paths = sorted((ROOT / "engine").rglob("*.py"))
    assert ROOT / "engine" / "expr" / "parser.py" in paths  # the expression language's package too
    for path in paths:
        found = banned.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name} uses {found.group(0)}"
