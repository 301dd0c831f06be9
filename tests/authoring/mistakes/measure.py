"""How `check --strict` meets typical author mistakes (mistakes.toml, made one at a time in
the clean pack beside it): caught, located on the right line, with a hint that names the fix,
first among its problems, and how many problems in all.

    python tests/authoring/mistakes/measure.py          # a line per mistake, then the totals

Runs on the checker importable as `game` (from a checkout: the current one).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACK = HERE / "pack"
MAX_PROBLEMS = 3


@dataclass(frozen=True)
class Mistake:
    name: str
    file: str
    find: str
    replace: str
    empty: bool
    at: str
    codes: tuple[str, ...]
    hint: tuple[str, ...]

    def apply(self, folder: Path) -> int:
        """Make the mistake in a copy of the pack; the line its first problem must point at."""
        path = folder / self.file
        if self.empty:
            path.write_text("", encoding="utf-8")
            return 1
        text = path.read_text(encoding="utf-8")
        if self.find not in text:
            raise ValueError(f"{self.name}: {self.find!r} is not in {self.file}")
        text = text.replace(self.find, self.replace, 1)
        path.write_text(text, encoding="utf-8")
        start = text.index(self.replace)
        at = text.index(self.at, start) if self.at in text[start:] else text.index(self.at)
        return text.count("\n", 0, at) + 1


@dataclass(frozen=True)
class Verdict:
    mistake: Mistake
    problems: list  # of game.content.problems.Problem
    line: int  # where the first problem should be

    @property
    def first(self):
        return self.problems[0] if self.problems else None

    @property
    def caught(self) -> bool:
        return bool(self.problems)

    @property
    def located(self) -> bool:
        p = self.first
        return p is not None and Path(p.file).name == self.mistake.file and p.line == self.line

    @property
    def own_code(self) -> bool:
        return self.first is not None and self.first.code in self.mistake.codes

    @property
    def hinted(self) -> bool:
        p = self.first
        return p is not None and all(w.lower() in p.hint.lower() for w in self.mistake.hint)

    @property
    def few(self) -> bool:
        return len(self.problems) <= MAX_PROBLEMS

    @property
    def met(self) -> bool:
        return self.caught and self.located and self.own_code and self.hinted and self.few


def mistakes() -> list[Mistake]:
    data = tomllib.loads((HERE / "mistakes.toml").read_text(encoding="utf-8"))
    out = []
    for m in data["mistake"]:
        replace = m.get("replace", "")
        out.append(
            Mistake(
                m["name"],
                m["file"],
                m.get("find", ""),
                replace,
                m.get("empty", False),
                m.get("at", replace.splitlines()[0] if replace else ""),
                tuple(m["code"]),
                tuple(m["hint"]),
            )
        )
    return out


def judge(mistake: Mistake) -> Verdict:
    from game.content.compiler import load_pack

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        shutil.copytree(PACK, folder)
        line = mistake.apply(folder)
        problems = list(load_pack(folder).problems)
    return Verdict(mistake, problems, line)


def main() -> int:
    verdicts = [judge(m) for m in mistakes()]
    for v in verdicts:
        p = v.first
        marks = "".join(
            "x" if ok else "." for ok in (v.caught, v.located, v.own_code, v.hinted, v.few)
        )
        first = f"{p.code} line {p.line}" if p else "nothing"
        print(f"{marks}  {len(v.problems):3d}  {v.mistake.name}: {first} (want line {v.line})")
        if p is not None and not v.hinted:
            print(f"           hint: {p.hint}")
    n = len(verdicts)
    print()
    print("marks: caught, on the right line, its own code first, a hint naming the fix, ≤ 3 in all")
    for label, attr in (
        ("caught", "caught"),
        ("on the right line", "located"),
        ("own problem first", "own_code"),
        ("hint names the fix", "hinted"),
        (f"at most {MAX_PROBLEMS} problems", "few"),
        ("all of these", "met"),
    ):
        print(f"{label:>22}: {sum(getattr(v, attr) for v in verdicts)} of {n}")
    print(f"{'problems in all':>22}: {sum(len(v.problems) for v in verdicts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
