"""`korean-theater schema`: the JSON Schema generated from the content models."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import fail


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("-o", "--output", help="file to write (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from game.content.jsonschema import schema_text

    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as e:
        return fail(f"cannot write {args.output}: {e.strerror}")
    return 0
