"""`korean-theater saves list | show SLOT | verify [SLOT] | delete SLOT | restore SLOT`.

Exit status: 0 all well, 1 a problem was found (a damaged save, a replay that diverges, a
missing slot), 2 a usage problem (e.g. an invalid save name).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import say
from game.inert import inert_line
from game.invocation import kt

ACTIONS = {
    "list": "list the saved games, newest first",
    "show": "show one save: its game, its decisions and rationales, its last state",
    "verify": "check saves: file integrity, backups, and a replay on the pack",
    "delete": "delete a save and its backup",
    "restore": "put a save's backup back in place (the replaced file is kept)",
}


def _common(p: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    p.add_argument("--saves", metavar="DIR", default=default, help="the saves folder")
    p.add_argument("--pack", metavar="PATH", default=default, help="the pack to replay saves on")


def add_parser(sub, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    _common(p, suppress=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    for action, text in ACTIONS.items():
        a = actions.add_parser(action, help=text, description=text)
        _common(a, suppress=True)
        if action in ("show", "delete", "restore"):
            a.add_argument("slot", help="the save's name (or, for show, a file path)")
        elif action == "verify":
            a.add_argument("slot", nargs="?", help="one save (default: all of them)")


def run(args: argparse.Namespace) -> int:
    from game import paths
    from game.saves import SaveStore

    store = SaveStore(paths.saves_dir(args.saves))
    action = args.action or "list"
    return {
        "list": _list,
        "show": _show,
        "verify": _verify,
        "delete": _delete,
        "restore": _restore,
    }[action](store, args)


def _err(text: str) -> None:
    say(text, sys.stderr)


def _usage_or_problem(e) -> int:
    from game.commands.common import fail
    from game.saves import SlotNameError

    if isinstance(e, SlotNameError):
        return fail(str(e))
    _err(f"korean-theater: {e}")
    _offer(e)
    return 1


def _offer(e) -> None:
    if e.backup is not None:
        slot = slot_name(e.backup)
        _err(f"  its backup {e.backup} is intact: restore it with `{kt('saves', 'restore', slot)}`")


def _when(t) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M")


def _list(store, args) -> int:
    scan = store.scan()
    if not scan.infos and not scan.errors:
        say(f"no saves in {store.root}")
        return 0
    say(f"saves in {store.root}:")
    rows = [("SAVE", "PACK", "ROLE", "TURN", "GAME DATE", "SAVED", "")]
    for i in scan.infos:
        rows.append(
            (
                inert_line(i.slot),
                f"{i.pack_id} {i.pack_version}",
                i.role,
                str(i.turn),
                i.date.isoformat(),
                _when(i.saved_at),
                "over" if i.over else "",
            )
        )
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for r in rows:
        say("  " + "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    if scan.errors:
        n = len(scan.errors)
        _err(
            f"{n} file{'s' if n > 1 else ''} cannot be read; "
            f"`{kt('saves', 'verify')}` says what is wrong"
        )
    return 0


def _show(store, args) -> int:
    from game.saves import SaveError, SlotNameError, read_save
    from game.saves.store import backup_of

    try:
        path = store.resolve(args.slot)
        data = read_save(path)
    except SaveError as e:
        if e.backup is None and not isinstance(e, SlotNameError):
            e.backup = store.good_backup(e.path)
        return _usage_or_problem(e)
    s = data.state
    status = f"over: {s.ending}" if s.over else f"in progress, event on the desk: {s.event or '—'}"
    say(inert_line(str(path)))
    say(f"  format      version {data.version}, written by korean-theater {data.game_version}")
    say(
        f"  pack        {data.pack.id} {data.pack.version} ({data.pack.title}), "
        f"digest {data.pack.digest}"
    )
    say(f"  role        {data.role}")
    say(f"  seed        {data.seed}")
    if data.assumptions:
        given = ", ".join(f"{k}={v}" for k, v in data.assumptions.items())
        say(f"  assumptions {given}")
    say(f"  started     {_when(data.started_at)}")
    say(f"  saved       {_when(data.saved_at)}")
    say(f"  turn        {s.turn} ({s.date.isoformat()}), {status}")
    bak = backup_of(path)
    if bak.exists() and bak != path:
        say(f"  backup      {bak}")
    say(f"  decisions   {len(data.decisions)}")
    for d in data.decisions:
        say(f"    turn {d.turn:>3}  {d.event or '(quiet turn)'} → {d.choice}")
        for line in d.rationale.splitlines():
            say(f"              “{line}”" if line.strip() else "")
    if s.values:
        say("  state")
        width = max(len(k) for k in s.values)
        for k, v in s.values.items():
            shown = f"{v:g}" if isinstance(v, float) else str(v).lower()
            say(f"    {k.ljust(width)}  {shown}")
    return 0


class _Packs:
    """Packs to replay saves on: --pack, else the shipped pack with the save's id."""

    def __init__(self, given: str | None) -> None:
        self.given = given
        self.by_id: dict[str, object] | None = None
        self.failed = False

    def find(self, pack_id: str):
        from game.content import packs

        if not self.given:
            return packs.shipped_with_id(pack_id)
        if self.by_id is None:
            self.by_id = {}
            pack = packs.load_or_say(self.given, sys.stderr)
            if pack is None:
                self.failed = True
            else:
                self.by_id[pack.meta.id] = pack
        return self.by_id.get(pack_id)


def _verify(store, args) -> int:
    from game.saves import SaveError
    from game.saves.store import SUFFIX, backup_of

    packs = _Packs(args.pack)
    if args.slot:
        try:
            paths = [store.resolve(args.slot)]
        except SaveError as e:
            return _usage_or_problem(e)
        if not paths[0].exists() and not backup_of(paths[0]).exists():
            _err(f"korean-theater: {paths[0]}: no such save")
            return 1
    else:
        if not store.root.is_dir():
            say(f"no saves in {store.root}")
            return 0
        paths = sorted(p for p in store.root.glob(f"*{SUFFIX}") if not p.name.startswith("."))
        orphans = [
            p
            for p in store.root.glob(f"*{SUFFIX}.bak")
            if not p.name.startswith(".") and not p.with_suffix("").exists()
        ]
        paths += sorted(orphans)
        if not paths:
            say(f"no saves in {store.root}")
    bad = 0
    for path in paths:
        bad += _verify_one(store, path, packs)
    if not args.slot:
        try:
            stray = store.temporary_files()  # never those of a save in progress
        except SaveError as e:
            _err(f"korean-theater: {e}")
            stray = []
        if stray:
            say(
                f"{len(stray)} temporary file(s) left by interrupted saves; the next save "
                "removes them"
            )
    if packs.failed:
        return 1
    return 1 if bad else 0


def _verify_one(store, path: Path, packs: _Packs) -> int:
    """Print the verdict on one save and its backup; returns 1 if a problem was found."""
    from game.saves import SaveError, read_save
    from game.saves.store import backup_of

    name = inert_line(path.name)
    if path.name.endswith(".bak"):  # a backup whose save is gone
        try:
            read_save(path)
        except SaveError as e:
            say(f"{name}: UNREADABLE backup without its save — {_what(e)}")
            return 1
        slot = slot_name(path)
        say(f"{name}: intact backup without its save: `{kt('saves', 'restore', slot)}`")
        return 0
    bad = _verify_save(store, path, packs)
    bak = backup_of(path)
    if bak.exists():
        try:
            read_save(bak)
        except SaveError as e:
            say(f"  backup {inert_line(bak.name)}: UNREADABLE — {_what(e)}")
            return 1
        hint = ""
        if _unreadable(path):
            hint = f"; restore it with `{kt('saves', 'restore', slot_name(path))}`"
        say(f"  backup {inert_line(bak.name)}: intact{hint}")
    return bad


def slot_name(path: Path) -> str:
    return path.name.removesuffix(".bak").removesuffix(".json")


def _what(e) -> str:
    """The message without the file name the line already starts with."""
    return str(e).removeprefix(f"{inert_line(str(e.path))}: ")


def _unreadable(path: Path) -> bool:
    from game.saves import SaveError, read_save

    try:
        read_save(path)
    except SaveError:
        return True
    return False


def _verify_save(store, path: Path, packs: _Packs) -> int:
    from game.saves import SaveError, read_save

    name = inert_line(path.name)
    try:
        data = read_save(path)
    except SaveError as e:
        say(f"{name}: UNREADABLE — {_what(e)}")
        return 1
    pack = packs.find(data.pack.id)
    where = f"{data.pack.id} {data.pack.version}, {data.role}, turn {data.state.turn}"
    if pack is None:
        say(f"{name}: file intact ({where}); not replayed: no pack {data.pack.id!r} at hand")
        return 0
    pack, note = _as_played(pack, data)
    if note:
        say(f"{name}: {note}")
    try:
        loaded = store.load(path, pack)
    except SaveError as e:
        say(f"{name}: CANNOT LOAD — {_what(e)}")
        return 1
    if loaded.problems:
        say(f"{name}: DIVERGES from pack {pack.meta.id} {pack.meta.version} ({where})")
        for p in loaded.problems:
            say(f"  {p}")
        return 1
    n = len(data.decisions)
    say(f"{name}: ok ({where}; {n} decisions replay to the saved state)")
    return 0


def _as_played(pack, data):
    """The pack as the save's game was played (a classroom game: with the classroom's turn
    limit and assumptions, as `report` replays it), and a note if that cannot be known."""
    if data.classroom is None:
        return pack, None
    from game.classroom.settings import apply_to_pack, settings_from_dict

    try:
        return apply_to_pack(pack, settings_from_dict(data.classroom.settings)), None
    except ValueError as e:
        return pack, f"its classroom settings cannot be read ({e}); replayed on the whole pack"


def _delete(store, args) -> int:
    from game.saves import SaveError
    from game.saves.store import backup_of

    try:
        path = store.path_of(args.slot)
        had_backup = backup_of(path).exists()
        store.delete(args.slot)
    except SaveError as e:
        return _usage_or_problem(e)
    say(f"deleted {path}" + (" and its backup" if had_backup else ""))
    return 0


def _restore(store, args) -> int:
    from game.saves import SaveError, read_save

    try:
        path = store.path_of(args.slot)
        existed = path.exists()
        done = store.restore_backup(path)
        data = read_save(path)
    except SaveError as e:
        return _usage_or_problem(e)
    when = f"turn {data.state.turn}, saved {_when(data.saved_at)}"
    if existed and done.replaced is None:
        say(f"{path} already holds its backup ({when}); nothing changed")
        return 0
    say(f"restored {path} from its backup ({when})")
    if done.replaced is not None:
        say(f"the file it replaced is kept as {done.replaced.name}")
    return 0
