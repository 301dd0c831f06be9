"""`korean-theater serve`: the full-screen game in web browsers, through textual-serve.

Each browser that opens the page gets its own game process and its own saves folder
(SAVES/browser-DATE-TIME-XXXX), so a class can play on one machine from many browsers. The page
and its terminal (xterm.js) come from the textual-serve package itself: nothing is fetched from
the internet. Stop the server with Ctrl+C.

    korean-theater serve                                    # http://127.0.0.1:8000 on this machine
    korean-theater serve --host 0.0.0.0 --classroom class.toml   # for the classroom's network

Exit status: 0 stopped, 1 a broken classroom file or pack, 2 a usage problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import secrets
import shlex
import socket
import sys
import tempfile
from pathlib import Path

TEMPLATE = "app_index.html"


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1;"
                   " 0.0.0.0 for other machines of the classroom network)")  # fmt: skip
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, e.g. http://192.168.1.20:8000 (default: from --host)",
    )
    p.add_argument("--pack", metavar="DIR", help="a pack folder (default: the shipped pack)")
    p.add_argument(
        "--saves", metavar="DIR", help="where each browser's saves folder goes (default: saves/)"
    )
    p.add_argument("--classroom", metavar="FILE", help="a classroom file (docs/teaching.md)")
    p.add_argument("--title", help="the page's title")


def run(args: argparse.Namespace) -> int:
    from game import paths
    from game.commands.common import fail

    if not 0 < args.port < 65536:
        return fail(f"--port must be between 1 and 65535, not {args.port}")
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            "korean-theater: serving to browsers needs the textual-serve package: "
            "pip install textual-serve",
            file=sys.stderr,
        )
        return 1
    title = args.title or "Korean Theater"
    classroom = None
    if args.classroom:
        from game.classroom.settings import load_classroom

        pack = None
        if args.pack:
            from game.commands.common import load_or_report

            pack = load_or_report(args.pack)
            if pack is None:
                return 1
        settings, problems = load_classroom(args.classroom, pack)
        if settings is None:
            print(f"korean-theater: the classroom file {args.classroom} has problems:",
                  file=sys.stderr)  # fmt: skip
            for p in problems:
                print(p.format(), file=sys.stderr)
            return 1
        classroom = str(Path(args.classroom).resolve())
        title = args.title or settings.title or title
    elif args.pack:
        from game.commands.common import load_or_report

        if load_or_report(args.pack) is None:
            return 1
    saves = paths.saves_dir(args.saves).resolve()
    command = child_command(saves, args.pack, classroom)
    public = args.public_url or public_url(args.host, args.port)
    templates = Path(tempfile.mkdtemp(prefix="korean-theater-serve-"))
    write_template(templates)
    # the game processes find the game's package even when it is not installed
    root = str(paths.CHECKOUT)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [root, *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    import textual_serve

    static = Path(textual_serve.__file__).parent / "static"
    server = Server(
        command,
        host=args.host,
        port=args.port,
        title=title,
        public_url=public,
        statics_path=static,
        templates_path=templates,
    )
    print(f"Korean Theater for browsers at {public} — each browser gets its own game.")
    # a classroom game writes its report at the end; other games leave their saves
    collect = f"{saves}/browser-*/reports" if classroom else f"{saves}/browser-*"
    print(f"Saves: {saves}/browser-*   (collect them with: korean-theater class {collect})")
    server.serve()
    return 0


def public_url(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::", ""):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def child_command(saves: Path, pack: str | None, classroom: str | None) -> str:
    """The shell command textual-serve runs for each browser."""
    parts = [sys.executable, "-m", "game.commands.serve", "--child", "--saves", str(saves)]
    if pack:
        parts += ["--pack", str(Path(pack).resolve())]
    if classroom:
        parts += ["--classroom", classroom]
    return " ".join(shlex.quote(p) for p in parts)


def write_template(folder: Path) -> Path:
    """textual-serve's page without the web font it links from the internet; the font it ships
    is used instead."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / TEMPLATE
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"\s*<link[^>]*fonts\.googleapis\.com[^>]*>", "", text)
    font = (
        "<style>@font-face { font-family: 'Roboto Mono'; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }</style>"
    )
    text = text.replace("</head>", f"    {font}\n  </head>", 1)
    target = folder / TEMPLATE
    target.write_text(text, encoding="utf-8")
    return target


# -- the game process of one browser ---------------------------------------------------------------


def child(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="korean-theater serve --child")
    p.add_argument("--child", action="store_true")
    p.add_argument("--saves", required=True)
    p.add_argument("--pack")
    p.add_argument("--classroom")
    a = p.parse_args(argv)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(a.saves) / f"browser-{stamp}-{secrets.token_hex(2)}"
    folder.mkdir(parents=True, exist_ok=True)
    from game.commands.play import play_tui

    args = argparse.Namespace(
        pack=a.pack,
        role=None,
        seed=None,
        saves=str(folder),
        watch=False,
        plain=False,
        classroom=a.classroom,
    )
    return play_tui(args)


if __name__ == "__main__":
    raise SystemExit(child(sys.argv[1:]))
