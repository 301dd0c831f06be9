"""The format reference and the problem-code guide, generated from the code.

`docs/reference.md` is generated from the pydantic models (`game.content.schema`, whose field
descriptions are the documentation), the expression language's function table and the `CODES`
index (tools.docgen.reference); the problem-code section of `docs/authoring.md` (between its
`codes:begin`/`codes:end` markers) is generated from `tools.docgen.examples.EXAMPLES`: one
example and its fix for every code, with the checker's own message (tools.docgen.codes); the
classroom file's reference in `docs/teaching.md` (between `classroom:begin`/`classroom:end`) from
the models of game.classroom.settings (tools.docgen.classroom). A test regenerates them and
fails when the committed files differ:

    python -m tools.docgen          # rewrite reference.md and the sections of the other two
    python -m tools.docgen --check  # exit 1 if they are out of date

It is a tool of the checkout, outside the `game` package: an installed game has no docs to
write.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "reference.md"
AUTHORING = ROOT / "docs" / "authoring.md"
TEACHING = ROOT / "docs" / "teaching.md"
