"""The small pack every example of tools.docgen.examples is written into, the shape of an
example, and what the checker reports for one."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

MARK = "# ←"

BASE: dict[str, str] = {
    "pack.toml": """[pack]
id = "example"
title = "Example"
format = 1

[calendar]
start = 2025-01-01
turns = 12

[[role]]
id = "us"
name = "United States"
office = "National Security Council"
briefing = "You advise the President."

  [[role.objective]]
  id = "calm"
  label = "Keep tension low"
  score = "100 - tension"

[[role]]
id = "rok"
name = "Republic of Korea"
office = "National Security Office"
briefing = "You advise the President."

[[variable]]
id = "tension"
label = "Tension"
start = 40

[[flag]]
id = "deal"
label = "A deal is signed"

[[source]]
id = "notes"
cite = "Research notes"
""",
    "events.toml": """[[event]]
id = "summit"
title = "A summit"
kind = "hypothetical"
text = "Leaders meet."

  [[event.choice]]
  id = "sign"
  label = "Sign the deal"
  effects = ["flags.deal = true", "tension -= 5"]

  [[event.choice]]
  id = "walk"
  label = "Walk out"
  effects = ["tension += 5"]
""",
    "world.toml": """[[ending]]
id = "war"
title = "War"
when = "tension >= 100"
at = "any"
priority = 100
text = "War."

[[ending]]
id = "deal"
title = "A deal"
when = "flags.deal"
priority = 10
text = "A deal holds."

[[ending]]
id = "standoff"
title = "A standoff"
text = "Nothing is settled."
""",
}


@dataclass(frozen=True)
class Example:
    code: str
    bad: str  # the TOML shown; written as example.toml, or patched into `file`
    fix: tuple[str, str] | None = None  # (old, new) in `bad` that fixes it
    file: str = "example.toml"
    patch: str | None = None  # `bad` replaces this text of the base file `file`
    at: str | None = None  # the file the problem is reported in, if not `file`
    where: str = ""  # for patches: what the shown lines belong to
    note: str = ""  # for examples that are not TOML (verify=False)
    verify: bool = True

    @property
    def good(self) -> str | None:
        if self.fix is None:
            return None
        old, new = self.fix
        assert old in self.bad, (self.code, old)
        return self.bad.replace(old, new, 1)

    def files(self, good: bool = False) -> dict[str, str]:
        """The pack's files with the example (or its fix) in place."""
        text = self.good if good else self.bad
        assert text is not None
        files = dict(BASE)
        if self.patch is not None:
            assert self.patch in files[self.file], self.code
            files[self.file] = files[self.file].replace(self.patch, text, 1)
        else:
            files[self.file] = text
        return files

    def line(self) -> int | None:
        """The line the problem should point at: the one marked `# ←`."""
        files = self.files()
        for n, text in enumerate(files[self.file].splitlines(), 1):
            if MARK in text:
                return n
        return None


def run_example(example: Example, good: bool = False) -> list:
    """The problems the checker reports for an example (or its fix), with paths relative to the
    pack folder."""
    from game.content.compiler import load_pack

    with tempfile.TemporaryDirectory(prefix="kt-example-") as tmp:
        root = Path(tmp)
        for name, text in example.files(good).items():
            (root / name).write_text(text, encoding="utf-8")
        problems = load_pack(root).problems
        prefix = str(root) + "/"
        return [
            type(p)(
                p.file.replace(prefix, ""),
                p.line,
                p.col,
                p.code,
                p.message.replace(prefix, ""),
                p.hint,
                p.severity,
            )
            for p in problems
        ]


def severity(code: str) -> str:
    return (
        "warning"
        if code.startswith("W") or code in ("P006", "V307", "V323", "V324", "V330", "V331")
        else "error"
    )
