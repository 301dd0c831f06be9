"""The folder of saves: slots, the autosave, backups, listing, loading and deleting.

A slot `NAME` is the file `NAME.json` in the store's folder; its previous good version is kept
as `NAME.json.bak`. The autosave is the slot `autosave`; when a different game is autosaved, the
earlier game's autosave is first kept under `autosave-YYYYMMDD-HHMMSS`, so starting a new game
never loses the last one (the newest `KEEP_ARCHIVED` of those are kept).

Games may share the folder at the same time (two terminals): every write holds the folder's
lock (game.saves.lock); a running game holds its autosave slot, so a second one autosaves to
`autosave-2`; `save_own` never writes over another game. What the player should know about
that comes from `take_notices`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from game.engine.pack import Pack
from game.engine.session import ChoiceError, Session
from game.saves import lock
from game.saves.atomic import STALE_AFTER, fsync_dir, sweep, temporary_files, write_atomic
from game.saves.crosscheck import contradictions
from game.saves.format import ClassroomPart, SaveData, SaveError, decode, encode, read_save
from game.saves.lock import FileLock, folder_lock
from game.saves.replay import restore, snapshot
from game.saves.slots import (
    AUTOSAVE,
    BACKUP_SUFFIX,
    MAX_SLOT,
    MAX_SLOT_BYTES,
    SUFFIX,
    SlotNameError,
    backup_of,
    slot_of,
    slot_problem,
)

__all__ = [
    "AUTOSAVE",
    "BACKUP_SUFFIX",
    "MAX_SLOT",
    "MAX_SLOT_BYTES",
    "SUFFIX",
    "LoadedSave",
    "SaveData",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "SlotNameError",
    "backup_of",
    "read_save",
    "slot_of",
    "slot_problem",
]

REPLACED_SUFFIX = ".replaced"
KEEP_ARCHIVED = 20
MAX_AUTOSAVES = 99  # games autosaving in one folder at the same time (a computer lab)
LEASE_SUFFIX = ".lease"
_ARCHIVED = re.compile(rf"{AUTOSAVE}(-\d+)?-\d{{8}}-\d{{6}}(-\d+)?")


@dataclass(frozen=True)
class SaveInfo:
    slot: str
    path: Path
    pack_id: str
    pack_version: str
    role: str
    turn: int
    date: dt.date  # the game date of the turn on the desk
    saved_at: dt.datetime
    over: bool
    seed: str
    player: str = ""  # the student of a classroom game

    @classmethod
    def of(cls, data: SaveData, path: Path) -> SaveInfo:
        return cls(
            slot=slot_of(path),
            path=path,
            pack_id=data.pack.id,
            pack_version=data.pack.version,
            role=data.role,
            turn=data.state.turn,
            date=data.state.date,
            saved_at=data.saved_at,
            over=data.state.over,
            seed=data.seed,
            player=data.classroom.player if data.classroom is not None else "",
        )


@dataclass(frozen=True)
class LoadedSave:
    session: Session
    problems: list[str]  # divergence notes; empty when the game is exactly as saved
    info: SaveInfo
    classroom: ClassroomPart | None = None  # a classroom game's part of the save


class Restored(NamedTuple):
    path: Path  # the slot's file, now its backup's copy
    replaced: Path | None  # where the file it replaced was kept; None if nothing was replaced


@dataclass
class Scan:
    infos: list[SaveInfo] = field(default_factory=list)
    errors: list[SaveError] = field(default_factory=list)


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _same_game(data: SaveData, session: Session) -> bool:
    """The same game, possibly at another turn: same pack, role, seed and assumptions, and one
    list of choices continues the other."""
    if (data.pack.id, data.role, data.seed) != (session.pack.meta.id, session.role, session.seed):
        return False
    if data.assumptions != dict(session.assumptions):
        return False
    saved, now = tuple(data.choices), session.choices
    n = min(len(saved), len(now))
    return saved[:n] == now[:n]


def _key(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _content(data: SaveData) -> dict[str, Any]:
    """What a save says about the game, without when and by which build it was written."""
    return data.model_dump(exclude={"saved_at", "started_at", "game_version"})


class SaveStore:
    """The saves of one folder, as one game (process) sees them. Every write holds the
    folder's lock, so the games sharing a folder never interleave a read-compare-replace."""

    def __init__(self, root: Path | str, clock: Callable[[], dt.datetime] = _now) -> None:
        self.root = Path(root)
        self.clock = clock
        self._lease: FileLock | None = None  # this game's hold on its autosave slot
        self._autosave_slot = AUTOSAVE
        # file -> digest of its bytes as this store left them (None: it could not be read back)
        self._mine: dict[Path, str | None] = {}
        self._notices: list[str] = []

    # -- names
    def path_of(self, slot: str) -> Path:
        problem = slot_problem(slot)
        if problem:
            raise SlotNameError(f"invalid save name {slot!r}: {problem}", self.root)
        return self.root / f"{slot}{SUFFIX}"

    def resolve(self, slot_or_path: str | Path) -> Path:
        """The file meant: a Path as it is; text with a folder separator as a path; a file name
        (`x.json`, `x.json.bak`) in this store if it is there, else as a path; else a slot."""
        if isinstance(slot_or_path, Path):
            return slot_or_path
        text = str(slot_or_path)
        if "/" in text or "\\" in text:
            return Path(text)
        if text.endswith((SUFFIX, BACKUP_SUFFIX)):
            here = self.root / text
            if here.exists() or not Path(text).exists():
                self.path_of(slot_of(here))  # a file name of this store: its name is a slot's
                return here
            return Path(text)
        return self.path_of(text)

    # -- the folder's lock, and what the player should be told
    @contextlib.contextmanager
    def _locked(self) -> Iterator[FileLock]:
        held = folder_lock(self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            taken = held.acquire()
        except OSError as e:
            raise SaveError(f"{self.root}: cannot be written ({e.strerror or e})", self.root) from e
        if not taken:
            raise SaveError(
                f"{self.root}: another game has kept this folder busy for {lock.WAIT:g} s; "
                "nothing was written (try again)",
                self.root,
            )
        try:
            yield held
        finally:
            held.release()

    def take_notices(self) -> list[str]:
        """What the player should know about where their game went (once each)."""
        notices, self._notices = self._notices, []
        return notices

    def close(self) -> None:
        """Let another game autosave to this game's slot (the end of the process does too)."""
        if self._lease is not None:
            self._lease.release()
            self._lease = None

    def temporary_files(self) -> list[Path]:
        """Temporary files left by saves that were interrupted (a crash): looked at under the
        folder's lock, so that a save in progress is never among them."""
        if not self.root.is_dir():
            return []
        with self._locked():
            return temporary_files(self.root)

    # -- writing
    def _read_quiet(self, path: Path) -> SaveData | None:
        try:
            return read_save(path)
        except SaveError:
            return None

    def save(
        self, session: Session, slot: str = AUTOSAVE, classroom: ClassroomPart | None = None
    ) -> Path:
        """Write `session` to `slot`, crash-safely; the slot's previous good file becomes its
        backup. `classroom`: a classroom game's part (game.classroom.record). Saving what the
        slot already holds writes nothing (the backup stays a step behind). Raises SaveError:
        SlotNameError for a bad name, or when the disk refuses (the slot's file is untouched)."""
        path = self.path_of(slot)
        with self._locked() as held:
            return self._write(path, session, classroom, held)

    def save_own(self, session: Session, slot: str, classroom: ClassroomPart | None = None) -> Path:
        """Save a game in a slot of its own, never over another game: in `slot` if it holds no
        file, or the file this store last wrote or loaded there; else in the first of `slot-2`,
        `slot-3` … that holds none (with a notice). Returns the file written."""
        self.path_of(slot)
        with self._locked() as held:
            name, n = slot, 1
            while not self._free_or_mine(path := self.path_of(name)):
                n += 1
                name = f"{slot}-{n}"
            if name != slot and _key(self.path_of(slot)) in self._mine:
                self._notices.append(
                    f"Another game has saved to {slot}{SUFFIX} since this game did; this game "
                    f"now saves to {name}{SUFFIX}."
                )
            return self._write(path, session, classroom, held)

    def _free_or_mine(self, path: Path) -> bool:
        mine = self._mine.get(_key(path))
        return (not path.exists() and not backup_of(path).exists()) or (
            mine is not None and mine == _digest(path)
        )

    def autosave(self, session: Session) -> Path:
        """Save after a turn, in this game's autosave slot: `autosave`, or `autosave-2`, … while
        other games running at the same time autosave in this folder (with a notice). There, a
        different game's autosave (one played before) is kept aside first, never lost."""
        with self._locked() as held:
            path = self.path_of(self._own_autosave())
            current = self._read_quiet(path)
            if current is not None and not _same_game(current, session):
                try:
                    self._archive(path, current)
                except OSError as e:
                    raise SaveError(
                        f"{path}: cannot be kept aside ({e.strerror or e}); nothing was written",
                        path,
                    ) from e
            return self._write(path, session, None, held)

    def _own_autosave(self) -> str:
        """This game's autosave slot, held (by a lock on `.SLOT.lease`) while the game runs."""
        if self._lease is not None:
            return self._autosave_slot
        for n in range(1, MAX_AUTOSAVES + 1):
            slot = AUTOSAVE if n == 1 else f"{AUTOSAVE}-{n}"
            lease = FileLock(self.root / f".{slot}{LEASE_SUFFIX}")
            try:
                taken = lease.acquire(wait=0)
            except OSError as e:
                raise SaveError(
                    f"{self.root}: cannot be written ({e.strerror or e})", self.root
                ) from e
            if taken:
                self._lease, self._autosave_slot = lease, slot
                if n > 1:
                    self._notices.append(
                        f"Another game is autosaving to {AUTOSAVE}{SUFFIX} in {self.root}; "
                        f"this game autosaves to {slot}{SUFFIX}."
                    )
                return slot
        raise SaveError(
            f"{self.root}: {MAX_AUTOSAVES} games are autosaving in this folder already; "
            "nothing was written (play with --saves DIR in another folder)",
            self.root,
        )

    def _write(
        self, path: Path, session: Session, classroom: ClassroomPart | None, held: FileLock
    ) -> Path:
        """Write the save (the caller holds the folder's lock)."""
        current = self._read_quiet(path)
        now = self.clock()
        started = current.started_at if current and _same_game(current, session) else now
        data = snapshot(session, started, now, classroom)
        if current is not None and _content(current) == _content(data):
            self._mine[_key(path)] = _digest(path)
            return path
        try:
            raw = encode(data)
        except ValueError as e:  # a NaN, which strict JSON cannot hold
            raise SaveError(f"{path}: cannot be saved: {e}; nothing was written", path) from e
        decode(raw, path)  # never write a file this game could not read back
        try:
            write_atomic(path, raw, backup_of(path) if current is not None else None)
        except OSError as e:
            raise SaveError(
                f"{path}: cannot be written ({e.strerror or e}); the previous save is untouched",
                path,
            ) from e
        self._mine[_key(path)] = hashlib.sha256(raw).hexdigest()
        # under a real lock no other save is in progress here: every temporary file is litter
        sweep(self.root, older_than=0 if held.real else STALE_AFTER)
        return path

    def _archive(self, path: Path, data: SaveData) -> None:
        base = f"{slot_of(path)}-{data.saved_at.astimezone():%Y%m%d-%H%M%S}"
        name, n = base, 1
        while self.path_of(name).exists():
            n += 1
            name = f"{base}-{n}"
        target = self.path_of(name)
        os.replace(path, target)
        bak = backup_of(path)
        if bak.exists():
            os.replace(bak, backup_of(target))
        fsync_dir(self.root)
        archived = [i for i in self.list() if _ARCHIVED.fullmatch(i.slot)]
        for old in archived[KEEP_ARCHIVED:]:
            with contextlib.suppress(SaveError):
                self._remove(old.path)

    # -- reading
    def scan(self) -> Scan:
        """Every save in the folder, newest first, and an error for each unreadable one."""
        found = Scan()
        if not self.root.is_dir():
            return found
        stamped = []
        for path in sorted(self.root.glob(f"*{SUFFIX}")):
            if path.name.startswith("."):
                continue
            try:
                data = read_save(path)
            except SaveError as e:
                e.backup = self.good_backup(path)
                found.errors.append(e)
                continue
            try:
                mtime = path.stat().st_mtime
            except OSError:  # deleted meanwhile
                continue
            stamped.append((data.saved_at, mtime, SaveInfo.of(data, path)))
        stamped.sort(key=lambda t: (t[0], t[1]), reverse=True)
        found.infos = [t[2] for t in stamped]
        return found

    def list(self) -> list[SaveInfo]:
        """Readable saves, newest first (unreadable ones are reported by `scan`)."""
        return self.scan().infos

    def latest(self) -> SaveInfo | None:
        infos = self.list()
        return infos[0] if infos else None

    def good_backup(self, path: Path) -> Path | None:
        """The backup of `path` if there is one and it reads intact."""
        bak = backup_of(path)
        if bak == path or not bak.is_file():
            return None
        try:
            read_save(bak)
        except SaveError:
            return None
        return bak

    def load(self, slot_or_path: str | Path, pack: Pack) -> LoadedSave:
        """Read a save and replay it on `pack`. Raises SaveError (with `backup` set when an
        intact backup exists); divergences from a changed pack are in `problems`."""
        path = self.resolve(slot_or_path)
        try:
            data = read_save(path)
        except SaveError as e:
            e.backup = self.good_backup(path)
            raise
        loaded = self._use(data, path, pack)
        self._mine[_key(path)] = _digest(path)  # the game goes on saving here (save_own)
        return loaded

    def load_backup(self, slot_or_path: str | Path, pack: Pack) -> LoadedSave:
        path = backup_of(self.resolve(slot_or_path))
        if not path.exists():
            raise SaveError(f"{path}: there is no backup of this save", path)
        return self._use(read_save(path), path, pack)

    def _use(self, data: SaveData, path: Path, pack: Pack) -> LoadedSave:
        if data.pack.id != pack.meta.id:
            raise SaveError(
                f"{path}: this save is for the pack {data.pack.id!r}, not {pack.meta.id!r}; "
                f"load it with that pack",
                path,
            )
        if data.role not in pack.roles:
            raise SaveError(
                f"{path}: the role {data.role!r} of this save no longer exists in pack "
                f"{pack.meta.id!r} (roles: {', '.join(pack.roles)})",
                path,
            )
        try:
            session, problems = restore(data, pack)
        except ChoiceError as e:  # the start itself is refused, e.g. a bad assumption
            raise SaveError(
                f"{path}: this game cannot start on pack {pack.meta.id!r}: {e}", path
            ) from e
        if not problems:  # the decisions replay: then every field derived from them must agree
            found = contradictions(data, pack, session, same_pack=data.pack.digest == pack.digest)
            if found:
                problems = [
                    "the save contradicts its own decisions: " + "; ".join(found) + " (it was "
                    "edited after it was written, its checksum made to match, or written by a "
                    "faulty game)"
                ]
        return LoadedSave(session, problems, SaveInfo.of(data, path), data.classroom)

    # -- removing
    def delete(self, slot: str) -> None:
        """Remove a slot and its backup; SaveError if there is neither."""
        path = self.path_of(slot)
        with self._locked():
            self._remove(path)

    def _remove(self, path: Path) -> None:
        bak = backup_of(path)
        if not path.exists() and not bak.exists():
            raise SaveError(f"{path}: no such save", path)
        for p in (path, bak):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        fsync_dir(self.root)

    def restore_backup(self, slot_or_path: str | Path) -> Restored:
        """Put a slot's intact backup back in place. The file it replaces is kept beside it as
        `NAME.json.replaced` (or `NAME.json.2.replaced`, …: one kept earlier is never replaced).
        A slot that already holds its backup is left as it is (`replaced` is then None)."""
        path = self.resolve(slot_or_path)
        with self._locked():
            bak = backup_of(path)
            if not bak.exists():
                raise SaveError(f"{path}: there is no backup of this save", path)
            read_save(bak)  # raises if the backup is damaged too
            raw = bak.read_bytes()
            kept = None
            if path.exists():
                if path.read_bytes() == raw:
                    return Restored(path, None)
                kept, n = path.with_name(path.name + REPLACED_SUFFIX), 1
                while kept.exists():
                    n += 1
                    kept = path.with_name(f"{path.name}.{n}{REPLACED_SUFFIX}")
                os.replace(path, kept)
            write_atomic(path, raw)
            return Restored(path, kept)
