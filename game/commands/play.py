"""`korean-theater play`: the full-screen game, or `--plain` lines for screen readers and pipes."""

from __future__ import annotations

import argparse
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def fail(message: str, status: int = 2) -> int:
    from game.commands.common import fail

    return fail(message, status)


def say(text: str, file=None) -> None:
    from game.commands.common import say

    say(text, file)


def load_or_report(pack_path: str | None):
    # imported here: game.commands.common imports the engine, which the TUI loads only after
    # its first frame
    from game.commands.common import load_or_report

    return load_or_report(pack_path)


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument("--pack", help="a pack folder (default: the shipped pack)")
    p.add_argument("--role", help="the role to advise, e.g. us, rok, russia (skips the title)")
    p.add_argument("--seed", help="a word or number: the same seed gives the same world")
    p.add_argument("--saves", metavar="DIR", help="the saves folder (default: saves/)")
    p.add_argument(
        "--plain",
        action="store_true",
        help="line-oriented mode for screen readers and piped input; also used when the "
        "input or output is not a terminal",
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="reload the pack when one of its files changes, replaying your choices",
    )
    p.add_argument(
        "--continue",
        dest="resume",
        action="store_true",
        help="plain mode: go on with the newest saved game (the full-screen game: Continue on "
        "its title)",
    )
    p.add_argument(
        "--load",
        metavar="SAVE",
        help="plain mode: go on with a saved game, a slot name or a save file",
    )
    p.add_argument(
        "--classroom",
        metavar="FILE",
        help="play with a teacher's classroom file: its seed, roles, turn limit, rationales, "
        "predictions (see docs/teaching.md)",
    )


def run(args: argparse.Namespace) -> int:
    from game.seeds import MAX_SEED

    if args.seed and len(args.seed) > MAX_SEED:
        return fail(f"--seed has {len(args.seed)} characters; a seed has at most {MAX_SEED}")
    plain = args.plain or not (sys.stdin.isatty() and sys.stdout.isatty())
    if plain and args.watch:
        return fail("--watch needs the full-screen game (a terminal, without --plain)")
    resume = getattr(args, "resume", False) or getattr(args, "load", None)
    if resume and not plain:
        return fail("--continue and --load are for plain mode; the full-screen game has "
                    "Continue (c) and Load (l) on its title")  # fmt: skip
    if resume and (args.role or args.seed or getattr(args, "classroom", None)):
        return fail("a saved game goes on with its own role and seed, outside a classroom: "
                    "leave out --role, --seed and --classroom")  # fmt: skip
    if resume:
        return continue_plain(args)
    if getattr(args, "classroom", None) and plain:
        # Classroom mode in plain mode (game.plain_classroom); the full-screen game applies the
        # classroom in play_tui.
        from game.plain_classroom import run_plain

        return run_plain(args)
    if plain:
        pack = load_or_report(args.pack)
        if pack is None:
            return 1
        if args.role is not None and args.role not in pack.roles:
            return fail(f"unknown role {args.role!r}; choose from: {', '.join(pack.roles)}")
        seed = args.seed or secrets.token_hex(3)
        return play_plain(pack, args.role, seed, args.saves)
    return play_tui(args)


def play_plain(pack, role: str | None, seed: str, saves: str | None = None) -> int:
    from game.engine.session import Session
    from game.plain import PlainGame

    game = PlainGame(pack, sys.stdout, _read_line, on_turn=_autosaver(saves))
    role = game.choose_role(role)
    if role is None:
        return 0
    game.run(Session.start(pack, role, seed))
    return 0


def continue_plain(args: argparse.Namespace) -> int:
    """Go on with a saved game in plain mode: the newest save (`--continue`) or the one named
    (`--load`), replayed on --pack or else on the shipped pack it was played on."""
    from game import paths
    from game.plain import PlainGame
    from game.saves import SaveError, SaveStore, read_save

    store = SaveStore(paths.saves_dir(args.saves))
    try:
        if args.load:
            where = store.resolve(args.load)
        else:
            latest = store.latest()
            if latest is None:
                return fail(f"no saved game in {store.root} to continue", 1)
            where = latest.path
        data = read_save(where)
    except SaveError as e:
        return fail(e.message, 1)
    if data.classroom is not None:
        return fail(f"{where} is a classroom game: go on with it in the full-screen game, "
                    "`play --classroom FILE`, Load (l) on its title", 1)  # fmt: skip
    pack = load_or_report(args.pack) if args.pack else _shipped(data.pack.id)
    if pack is None:
        if not args.pack:
            fail(f"no shipped pack has the id {data.pack.id!r}: give its folder with --pack", 1)
        return 1
    try:
        loaded = store.load(where, pack)
    except SaveError as e:
        return fail(e.message, 1)
    game = PlainGame(pack, sys.stdout, _read_line, on_turn=_autosaver(args.saves))
    for problem in loaded.problems:
        game.say(f"Loaded with changes: {problem}")
    game.run(loaded.session)
    return 0


def _shipped(pack_id: str):
    """The shipped pack of this id, or None."""
    from game import paths
    from game.content.compiler import load_pack

    for folder in paths.shipped_packs():
        result = load_pack(folder)
        if result.pack is not None and result.pack.meta.id == pack_id:
            return result.pack
    return None


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return line if line else None


def _autosaver(saves: str | None):
    """A callback that autosaves after each turn, reporting (once) when it cannot."""
    from game import paths

    try:
        from game.saves.store import SaveError, SaveStore
    except ImportError:
        return None
    store = SaveStore(paths.saves_dir(saves))
    failed = False

    def autosave(session) -> None:
        nonlocal failed
        try:
            store.autosave(session)
            for notice in store.take_notices():
                print(f"korean-theater: {notice}", file=sys.stderr)
        except (SaveError, OSError) as e:
            if not failed:
                say(f"korean-theater: autosave failed: {e}", sys.stderr)
            failed = True

    return autosave


def _is_pack(path: Path) -> bool:
    return (path / "pack.toml").is_file() or (path.name == "pack.toml" and path.is_file())


def play_tui(args: argparse.Namespace) -> int:
    """The Textual app. The pack loads in the app after its first frame; a broken pack ends it
    with status 1 and the checker's problems (in --watch mode they are shown in the game).

    With `args.classroom` (a classroom file: `play --classroom`, and `serve` for each browser)
    the file is checked first (problems: status 1, before the screen is taken over), and the
    game plays the classroom's pack, roles, seed and rules."""
    from game import paths

    game = prepare_tui(args)
    if isinstance(game, int):
        return game
    return game.run(paths.saves_dir(args.saves))


@dataclass
class TuiGame:
    """What the full-screen game needs before it starts, ready for any number of games (the
    browsers of `serve` share one): the checked classroom, the pack library and the settings."""

    library: Any  # game.tui.services.PackLibrary
    pack: Path
    role: str | None = None
    seed: str | None = None
    watch: bool = False
    classroom: Any = None  # game.classroom.settings.ClassroomSettings
    gate: Any = None  # game.tui.gate.StartGate: the server's, shared by its games

    def app(self, saves: Path, seat: str | None = None):
        """A new app for a player saving in `saves` (`seat`: a browser's, to resume on reload)."""
        from game.tui.app import KoreanTheaterApp
        from game.tui.services import SaveShelf, Settings

        settings = Settings(
            pack=self.pack,
            role=self.role,
            seed=self.seed,
            watch=self.watch,
            classroom=self.classroom,
            seat=seat,
            gate=self.gate,
        )
        return KoreanTheaterApp(packs=self.library, saves=SaveShelf(saves), settings=settings)

    def run(self, saves: Path, seat: str | None = None) -> int:
        """Play one game to its end; the exit status."""
        app = self.app(saves, seat)
        try:
            app.run()
        finally:
            app.flush_saves()
        if app.problems:
            say(f"korean-theater: the pack at {self.pack} has problems:", sys.stderr)
            for line in app.problems:
                say(line, sys.stderr)
            return 1
        return app.return_code or 0


def prepare_tui(args: argparse.Namespace) -> TuiGame | int:
    """The game `args` ask for, or the exit status after saying what is wrong."""
    from game import paths
    from game.content.packs import folder_of

    classroom = None
    if getattr(args, "classroom", None):
        classroom, status = _classroom(args)
        if classroom is None:
            return status
        pack = Path(classroom.pack_path)
    else:
        pack = folder_of(args.pack)
        if not _is_pack(pack):
            load_or_report(str(pack))  # reports P001 (no such folder, no pack.toml) and the like
            return 1

    from game.tui.services import PackLibrary, pack_loader

    if classroom is not None:
        from game.tui.classroom import classroom_loader

        # the class plays one pack, as the classroom file sets it
        library = PackLibrary([pack], loader=classroom_loader(classroom))
    else:
        library = PackLibrary([pack, *paths.shipped_packs()], loader=pack_loader())
    return TuiGame(
        library,
        pack,
        role=args.role,
        seed=classroom.seed if classroom is not None else args.seed,
        watch=args.watch,
        classroom=classroom,
    )


def _classroom(args: argparse.Namespace):
    """(settings, 0) for `args.classroom`, or (None, exit status) having said what is wrong.

    `args.pack` overrides the pack the file names; `args.seed` and `args.role` must agree with
    the file (as in plain mode, game.plain_classroom.run_plain)."""
    from game.classroom.game import open_classroom
    from game.content.packs import folder_of

    played = None
    if args.pack:
        played = load_or_report(str(folder_of(args.pack)))
        if played is None:
            return None, 1
    settings, played, problems = open_classroom(args.classroom, args.pack, played)
    if settings is None:
        say(f"korean-theater: the classroom file {args.classroom} has problems:", sys.stderr)
        for p in problems:
            say(p.format(), sys.stderr)
        return None, 1
    seed = getattr(args, "seed", None)
    if seed and seed != settings.seed:
        fail(f"this classroom plays the seed {settings.seed!r}; leave out --seed")
        return None, 2
    role = getattr(args, "role", None)
    if role is not None and not settings.allows(role):
        allowed = ", ".join(settings.classroom.roles)
        fail(f"this classroom plays the roles {allowed}, not {role!r}")
        return None, 2
    if role is not None and played is not None and role not in played.roles:
        fail(f"unknown role {role!r}; choose from: {', '.join(played.roles)}")
        return None, 2
    return settings, 0
