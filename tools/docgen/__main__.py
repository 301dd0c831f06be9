"""`python -m tools.docgen [--check]`: write (or check) the generated documentation."""

from __future__ import annotations

import argparse
import sys

from tools.docgen import AUTHORING, REFERENCE, TEACHING
from tools.docgen.classroom import teaching_with_classroom
from tools.docgen.codes import authoring_with_codes
from tools.docgen.reference import reference_markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate docs/reference.md, the codes section of docs/authoring.md and the "
        "classroom file's reference in docs/teaching.md."
    )
    parser.add_argument("--check", action="store_true", help="only check they are up to date")
    args = parser.parse_args(argv)
    wanted = {REFERENCE: reference_markdown()}
    if AUTHORING.exists():
        wanted[AUTHORING] = authoring_with_codes(AUTHORING.read_text(encoding="utf-8"))
    if TEACHING.exists():
        wanted[TEACHING] = teaching_with_classroom(TEACHING.read_text(encoding="utf-8"))
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p} is out of date: run python -m tools.docgen", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(wanted[p], encoding="utf-8")
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
