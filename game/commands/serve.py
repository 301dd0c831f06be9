"""`korean-theater serve`: the full-screen game in web browsers, through textual-serve.

Each browser tab gets its own game (forked from one process that has loaded the game once), up
to --max-games at once, and a reload resumes it. With --classroom every game saves in the class's
folder (SAVES), each student known by the name they give, and the teacher gets a live view;
without one, each tab saves in a folder of its own (SAVES/browser-…). The page and its terminal
(xterm.js) come from the textual-serve package: nothing is fetched from the internet. Beyond
this machine the page needs a class token (the link the banner prints). Stop it with Ctrl+C.

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
import shutil
import socket
import sys
import tempfile
from pathlib import Path

MAX_GAMES = 30  # a class
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
        "--saves",
        metavar="DIR",
        help="the class's saves folder (default: saves/); without --classroom, each browser's "
        "folder goes in it",
    )
    p.add_argument("--classroom", metavar="FILE", help="a classroom file (docs/teaching.md)")
    p.add_argument("--title", help="the page's title")
    p.add_argument(
        "--max-games",
        type=int,
        default=MAX_GAMES,
        metavar="N",
        help=f"games played at once, at most (default {MAX_GAMES})",
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
    classroom = settings = None
    if args.classroom:
        from game.classroom.game import open_classroom

        pack = None
        if args.pack:
            from game.commands.common import load_or_report

            pack = load_or_report(args.pack)
            if pack is None:
                return 1
        settings, _, problems = open_classroom(args.classroom, args.pack, pack)
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
    public, found = public_url(args.host, args.port, args.public_url)
    # the game processes find the game's package even when it is not installed
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(paths.CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    import textual_serve

    from game.commands.browser_game import ENTRY
    from game.web.launch import Launcher
    from game.web.page import write_template
    from game.web.server import GameServer

    pack_folder = str(Path(args.pack).resolve()) if args.pack else None
    launcher = Launcher(ENTRY, pack_folder, classroom)
    teacher_key = secrets.token_urlsafe(12)
    teacher = None
    if settings is not None:
        from game.web.teacher import LiveView

        teacher = (teacher_key, LiveView(saves, settings).page)
    templates = Path(tempfile.mkdtemp(prefix="korean-theater-serve-"))
    try:
        write_template(templates)
        server = GameServer(
            launcher,
            saves,
            shared=settings is not None,
            max_games=args.max_games,
            token=token,
            teacher=teacher,
            host=args.host,
            port=args.port,
            title=title,
            public_url=public,
            statics_path=Path(textual_serve.__file__).parent / "static",
            templates_path=templates,
        )
        print("Loading the game …", flush=True)
        try:
            launcher.start()
        except RuntimeError as e:
            print(f"korean-theater: {e}", file=sys.stderr)
            return 1
        banner(args, public, found, token, teacher_key if teacher else None, saves, settings)
        try:
            server.serve()
        finally:
            launcher.close()
    finally:
        shutil.rmtree(templates, ignore_errors=True)
    return 0


def banner(args, public: str, found: bool, token, teacher_key, saves: Path, settings) -> None:
    """What the teacher needs: the link to share, where the games go, how to stop."""
    from game.invocation import kt

    link = f"{public}/?key={token}" if token else public
    print(f"Korean Theater for browsers at {link}")
    if not found:
        print(
            "  (this machine's address on the classroom network was not found: other machines "
            "need it; give it with --public-url http://ADDRESS:PORT)"
        )
    print(
        f"Each browser tab gets its own game ({args.max_games} at most at once); a reload "
        "resumes it" + ("; the page needs this link, with its key." if token else ".")
    )
    if settings is not None:
        print(f"Teacher's live view: {public}/teacher?key={teacher_key}")
        print(f"The class's saves: {saves}   (students are known by the name they give)")
        print(f"Collect the reports: {kt('class', str(saves / 'reports'), '--html', 'class.html')}")
    else:
        print(f"Saves: {saves}/browser-*   (collect them with: {kt('class', str(saves))})")
    print("Stop the server with Ctrl+C.", flush=True)


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


def public_url(host: str, port: int, given: str | None = None) -> tuple[str, bool]:
    """The address to share, and whether it can reach this machine from others: `given`
    (--public-url); for every interface (0.0.0.0, ::), this machine's address on the network
    its traffic leaves by (the host name often resolves to 127.0.0.1 or 127.0.1.1)."""
    if given:
        return given.rstrip("/"), True
    found = True
    if host in ("0.0.0.0", "::", ""):
        host = network_address() or "127.0.0.1"
        found = not ipaddress.ip_address(host).is_loopback
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}", found


def network_address() -> str | None:
    """This machine's address on the network its traffic would leave by (no packet is sent:
    connecting a UDP socket only picks the route), or None."""
    for family, target in ((socket.AF_INET, "10.255.255.255"), (socket.AF_INET6, "fd00::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((target, 1))
                address = s.getsockname()[0]
        except OSError:
            continue
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None
