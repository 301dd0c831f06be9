"""`korean-theater schema`: the JSON Schema generated from the content models."""

from __future__ import annotations

import argparse

from game.commands.common import emit


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("-o", "--output", help="file to write (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from game.content.jsonschema import schema_text

    text = schema_text()
    return emit(text, args.output)
