"""The domain never imports Textual: only game.tui (and the play command) may."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

DOMAIN = [
    "game.engine",
    "game.content",
    "game.saves",
    "game.report",
    "game.sim",
    "game.classroom",
    "game.views",
]


def test_domain_packages_never_import_textual() -> None:
    code = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        imported = []
        for name in {DOMAIN!r}:
            try:
                pkg = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            imported.append(name)
            for info in pkgutil.walk_packages(pkg.__path__, name + "."):
                importlib.import_module(info.name)
                imported.append(info.name)
        import game.cli, game.text, game.plain
        bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        assert not bad, bad
        assert "game.engine.session" in imported and "game.content.compiler" in imported
        print(len(imported))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= 10


def test_engine_does_no_io_or_printing() -> None:
    from pathlib import Path

    import game.engine

    root = Path(game.engine.__file__).parent
    banned = re.compile(
        r"\b(print|open|input|eval|exec)\(|\bimport (os|io|pathlib|shutil)\b|sys\.std"
    )
    paths = sorted(root.rglob("*.py"))
    assert root / "expr" / "parser.py" in paths  # the expression language's package too
    for path in paths:
        found = banned.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name} uses {found.group(0)}"
