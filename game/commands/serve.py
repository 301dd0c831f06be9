"""`korean-theater serve`: the full-screen game in web browsers, through textual-serve.

Each browser that opens the page gets its own game process and its own saves folder
(SAVES/browser-DATE-TIME-XXXX, removed again if nothing was saved in it), so a class can play on
one machine from many browsers, up to --max-games at once. The page and its terminal (xterm.js)
come from the textual-serve package itself: nothing is fetched from the internet. Beyond this
machine the page needs a class token (the link the banner prints). Stop the server with Ctrl+C.

    korean-theater serve                                    # http://127.0.0.1:8000 on this machine
    korean-theater serve --host 0.0.0.0 --new-token --classroom class.toml   # for the classroom

Exit status: 0 stopped, 1 a broken classroom file or pack, 2 a usage problem.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import secrets
import shlex
import shutil
import socket
import sys
import tempfile
from pathlib import Path

TEMPLATE = "app_index.html"
MAX_GAMES = 30  # a class; each game is a process of about 50 MB
TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,100}$")


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
    p.add_argument(
        "--max-games",
        type=int,
        default=MAX_GAMES,
        metavar="N",
        help=f"games played at once, at most (default {MAX_GAMES}; each takes about 50 MB)",
    )
    key = p.add_mutually_exclusive_group()
    key.add_argument(
        "--token",
        metavar="KEY",
        help="the class key browsers need (8 or more letters, digits, '-' or '_'); required "
        "with a --host beyond this machine, unless --new-token",
    )
    key.add_argument(
        "--new-token",
        action="store_true",
        help="make a class key and print the link with it",
    )


def run(args: argparse.Namespace) -> int:
    from game import paths
    from game.commands.common import fail

    if not 0 < args.port < 65536:
        return fail(f"--port must be between 1 and 65535, not {args.port}")
    if not 1 <= args.max_games <= 1000:
        return fail(f"--max-games must be between 1 and 1000, not {args.max_games}")
    token = secrets.token_urlsafe(12) if args.new_token else args.token
    if token is not None and not TOKEN.match(token):
        return fail("--token needs 8 to 100 letters, digits, '-' or '_' (or use --new-token)")
    if token is None and not is_loopback(args.host):
        return fail(
            f"--host {args.host} lets other machines play, so the page needs a class key: "
            "give one with --token KEY, or --new-token to have one made (the link is printed)"
        )
    try:
        import textual_serve  # noqa: F401
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
    public = (args.public_url or public_url(args.host, args.port)).rstrip("/")
    templates = Path(tempfile.mkdtemp(prefix="korean-theater-serve-"))
    try:
        write_template(templates, token)
        # the game processes find the game's package even when it is not installed
        root = str(paths.CHECKOUT)
        os.environ["PYTHONPATH"] = os.pathsep.join(
            [root, *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        import textual_serve

        from game.webserve import GameServer

        server = GameServer(
            lambda folder: child_command(folder, args.pack, classroom),
            saves,
            max_games=args.max_games,
            token=token,
            host=args.host,
            port=args.port,
            title=title,
            public_url=public,
            statics_path=Path(textual_serve.__file__).parent / "static",
            templates_path=templates,
        )
        link = f"{public}/?key={token}" if token else public
        print(f"Korean Theater for browsers at {link}")
        print(
            f"Each browser gets its own game ({args.max_games} at most at once)"
            + ("; the page needs this link, with its key." if token else ".")
        )
        # a classroom game writes its report at the end; other games leave their saves
        collect = f"{saves}/browser-*/reports" if classroom else f"{saves}/browser-*"
        print(f"Saves: {saves}/browser-*   (collect them with: korean-theater class {collect})")
        print("Stop the server with Ctrl+C.", flush=True)
        try:
            server.serve()
        finally:
            server.tidy_all()
    finally:
        shutil.rmtree(templates, ignore_errors=True)
    return 0


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (every address it names is a loopback)."""
    if not host.strip():
        return False  # every interface
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(a[4][0]).is_loopback for a in found)


def public_url(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::", ""):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def child_command(folder: Path, pack: str | None, classroom: str | None) -> str:
    """The shell command of one browser's game, saving in `folder`."""
    parts = [sys.executable, "-m", "game.commands.serve", "--child", "--saves", str(folder)]
    if pack:
        parts += ["--pack", str(Path(pack).resolve())]
    if classroom:
        parts += ["--classroom", classroom]
    return " ".join(shlex.quote(p) for p in parts)


def write_template(folder: Path, token: str | None = None) -> Path:
    """textual-serve's page without the web font it links from the internet (the font it ships
    is used instead), and with the class key in its websocket's address."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / TEMPLATE
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"\s*<link[^>]*fonts\.googleapis\.com[^>]*>", "", text)
    font = (
        "<style>@font-face { font-family: 'Roboto Mono'; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }</style>"
    )
    text = text.replace("</head>", f"    {font}\n  </head>", 1)
    if token is not None:
        text = text.replace("{{ app_websocket_url }}", "{{ app_websocket_url }}/" + token)
    text = text.replace(
        "Session ended.", "The game has ended, or every seat is taken: restart to try again."
    )
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
    from game.commands.play import play_tui

    args = argparse.Namespace(
        pack=a.pack,
        role=None,
        seed=None,
        saves=a.saves,  # this browser's own folder, made on the first save
        watch=False,
        plain=False,
        classroom=a.classroom,
    )
    return play_tui(args)


if __name__ == "__main__":
    raise SystemExit(child(sys.argv[1:]))
