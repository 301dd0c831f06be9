"""`korean-theater play --classroom FILE --plain`: a classroom game in plain mode.

The student gives a name (if the classroom asks), picks one of the allowed roles and plays the
classroom's seed, assumptions and turn limit. After every decision the game is saved in the
slot `CLASSROOM-NAME-ROLE` with the classroom's part in it; at the end the JSON debrief
report goes to `SAVES/reports/` for the teacher to collect.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.classroom.files import clean_name, slug
from game.classroom.game import ClassroomGame, open_classroom
from game.classroom.settings import ClassroomSettings, apply_to_pack
from game.classroom.views import assigned_line
from game.engine.pack import Pack


def run_plain(args) -> int:
    """The entry `game.commands.play` calls for `--classroom FILE` in plain mode. Reads
    args.classroom, args.pack (overrides the file's pack), args.role, args.seed (must agree with
    the file's), args.saves; exit status 1 for a broken classroom file, 2 for a usage problem."""
    from game import paths

    pack = None
    if getattr(args, "pack", None):
        from game.content.packs import load_or_say

        pack = load_or_say(args.pack, sys.stderr)
        if pack is None:
            return 1
    settings, pack, problems = open_classroom(args.classroom, getattr(args, "pack", None), pack)
    if settings is None or pack is None:
        print(f"korean-theater: the classroom file {args.classroom} has problems:", file=sys.stderr)
        for p in problems:
            print(p.format(), file=sys.stderr)
        return 1
    seed = getattr(args, "seed", None)
    if seed and seed != settings.seed:
        print(
            f"korean-theater: this classroom plays the seed {settings.seed!r}; leave out --seed",
            file=sys.stderr,
        )
        return 2
    role = getattr(args, "role", None)
    if role is not None and (role not in pack.roles or not settings.allows(role)):
        allowed = [r for r in pack.roles if settings.allows(r)]
        print(
            f"korean-theater: this classroom plays the roles {', '.join(allowed)}, not {role!r}",
            file=sys.stderr,
        )
        return 2

    def read() -> str | None:
        line = sys.stdin.readline()
        return line if line else None

    saves = paths.saves_dir(getattr(args, "saves", None))
    return play_classroom(settings, pack, role, saves, sys.stdout, read)


def play_classroom(
    settings: ClassroomSettings,
    pack: Pack,
    role: str | None,
    saves: Path,
    out: TextIO,
    read: Callable[[], str | None],
    player: str | None = None,
) -> int:
    from game.plain import PlainGame

    played = apply_to_pack(pack, settings)
    game = PlainGame(played, out, read, classroom=settings)
    title = settings.title
    game.say(f"Classroom: {title}" + (f" · {played.meta.turns} turns" if title else ""))
    if player is None and settings.classroom.ask_name:
        while True:
            answer = game.ask("Your name (as your teacher will see it)> ")
            if answer is None:
                return 0
            player = clean_name(answer)
            if slug(player):
                break
            game.say("Type your name, or initials.")
    player = player or ""
    assigned, teachers = settings.assignment_of(player), assigned_line(settings, played, player)
    if assigned is not None and teachers is not None:
        game.say(teachers)
        role = assigned.role  # the teacher's, whatever --role says
    role = game.choose_role(role)
    if role is None:
        return 0
    session = settings.start(played, role, player)
    saver = _Saver(saves, ClassroomGame(settings, player, game.predictions))
    game.on_turn = saver
    session = game.run(session)
    if session.over and saver.path is not None:
        game.say("", "Writing your debrief report …")
        where = saver.write_report(session)
        if where is not None:
            game.say(
                f"Your report: {where}",
                f"Your save: {saver.path}",
                f"For a printable page: {saver.game.debrief_command(saver.path)}",
            )
    return 0


class _Saver:
    """Saves after every decision, with the classroom's part (name, predictions) in the save."""

    def __init__(self, root: Path, game: ClassroomGame):
        from game.saves import SaveStore

        self.store = SaveStore(root)
        self.root = root
        self.game = game  # its predictions are the plain game's own list
        self.path: Path | None = None
        self.failed = False

    def __call__(self, session) -> None:
        from game.saves import SaveError
        from game.saves.store import slot_of

        try:
            self.path = self.store.save_own(session, self.game.slot_for(session), self.game.part())
            self.game.slot = slot_of(self.path)  # never over another game
            for notice in self.store.take_notices():
                print(f"korean-theater: {notice}", file=sys.stderr)
        except (SaveError, OSError) as e:
            if not self.failed:
                print(f"korean-theater: cannot save the game: {e}", file=sys.stderr)
            self.failed = True

    def write_report(self, session) -> Path | None:
        from game.report.debrief import session_report

        game = self.game
        try:
            report = session_report(session, game.settings, game.player, list(game.predictions))
            return game.write_report(self.root, report, session)
        except OSError as e:
            print(f"korean-theater: cannot write the report: {e}", file=sys.stderr)
            return None
