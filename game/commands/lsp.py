"""`korean-theater lsp`: the language server for packs (game.lsp.server), over stdio.

Editors start it themselves (docs/authoring.md, "Editor set-up"). It needs the `lsp` extra
(pygls); without it the command says how to install it."""

from __future__ import annotations

import argparse


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("--stdio", action="store_true", help="talk over stdin and stdout (the default)")


def run(args: argparse.Namespace) -> int:
    from game.commands.common import fail

    try:
        from game.lsp.server import serve
    except ImportError as e:
        return fail(
            f"the language server needs pygls ({e.name} is missing): "
            "pip install 'korean-theater[lsp]'"
        )
    serve()
    return 0
