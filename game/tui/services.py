"""What the Textual app depends on, passed into its constructor: packs, saves and settings.

Nothing here imports Textual, and the heavy imports (pydantic through the content loader, the
engine, the save store) happen on first use, so the app draws its first frame before paying
for them.
"""

from __future__ import annotations

import builtins
import datetime as dt
import importlib.util
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.inert import inert_line

if TYPE_CHECKING:
    from game.classroom.settings import ClassroomSettings
    from game.content.compiler import LoadResult
    from game.engine.pack import Pack
    from game.engine.session import Session
    from game.tui.gate import StartGate


@dataclass
class Settings:
    """What the player asked for on the command line."""

    pack: Path  # the pack played by default (the shipped one, or --pack)
    role: str | None = None  # with a role the game starts at once, skipping the title
    seed: str | None = None
    watch: bool = False  # reload the pack when its files change, keeping the player's place
    poll: float = 0.5  # seconds between two looks at the pack's files in watch mode
    theme: str = "korean-theater"
    # classroom mode (`play --classroom FILE`): the checked settings; the pack library then
    # holds the pack as the class plays it (game.tui.classroom.classroom_loader)
    classroom: ClassroomSettings | None = None
    # browser play (`serve`): the seat of the browser tab, whose game a reload resumes
    seat: str | None = None
    # browser play: the server's start gate, which lets a few games build their desk at a time
    gate: StartGate | None = None


def pack_loader() -> Callable[[Path], LoadResult]:
    """How the game loads a pack: without the checker's reachability warnings (only authors
    need them)."""

    def load(path: Path) -> LoadResult:
        from game.content.packs import for_play

        return for_play(path)

    return load


class PackLibrary:
    """The packs the player can choose from, loaded (and checked) once each, on demand.

    `load` is thread-safe: the app calls it from a worker so the UI never blocks on a load.
    `current` also loads a pack again when its files have changed since it was loaded.
    """

    def __init__(
        self,
        paths: list[Path],
        loader: Callable[[Path], LoadResult] | None = None,
    ) -> None:
        self.paths = list(dict.fromkeys(Path(p) for p in paths))
        self._loader = loader or pack_loader()
        self._cache: dict[Path, LoadResult] = {}
        self._files: dict[Path, PackWatcher] = {}  # each pack's files as they were loaded
        self._lock = threading.Lock()

    def add(self, path: Path) -> None:
        if Path(path) not in self.paths:
            self.paths.insert(0, Path(path))

    def cached(self, path: Path) -> LoadResult | None:
        return self._cache.get(Path(path))

    def load(self, path: Path, fresh: bool = False) -> LoadResult:
        path = Path(path)
        with self._lock:
            if not fresh and path in self._cache:
                return self._cache[path]
            files = PackWatcher(path)  # before reading them: a change meanwhile is seen later
            result = self._loader(path)
            self._cache[path], self._files[path] = result, files
            return result

    def current(self, path: Path) -> LoadResult:
        """The pack as its files are now: the one loaded, or loaded again if any of its files
        (*.toml) has changed, appeared or gone since (by modification time and size)."""
        path = Path(path)
        with self._lock:
            files = self._files.get(path)
            changed = files is None or files.changed()
        return self.load(path, fresh=changed)

    def keep(self, path: Path, result: LoadResult) -> None:
        """Give `result` for `path` from now on, its files as last seen (a pack edited into
        problems: serve goes on with the last good version until the files change again)."""
        with self._lock:
            self._cache[Path(path)] = result

    def find(self, pack_id: str) -> Pack | None:
        """The pack with this id among the library's packs (for loading a save)."""
        for path in self.paths:
            result = self.load(path)
            if result.pack is not None and result.pack.meta.id == pack_id:
                return result.pack
        return None


@dataclass(frozen=True)
class SlotInfo:
    """What the save screens show of a saved game (mirrors game.saves.store.SaveInfo)."""

    slot: str
    path: Path | None
    pack_id: str
    role: str
    turn: int
    date: str
    saved_at: dt.datetime
    over: bool
    player: str = ""  # the student of a classroom game


@dataclass(frozen=True)
class Damaged:
    """A save that cannot be read: which file, what is wrong, and an intact backup if any."""

    slot: str
    path: Path | None
    message: str
    backup: Path | None


class SaveProblem(Exception):
    """A save could not be written or read; `message` says which file and what is wrong."""

    def __init__(self, message: str, backup: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.backup = backup


@dataclass
class Loaded:
    session: Session
    problems: list[str]
    info: SlotInfo
    classroom: Any = None  # a classroom game's part of the save (game.saves.ClassroomPart)


class SaveShelf:
    """The save slots, through `game.saves.store.SaveStore` (imported on first use).

    Without that module (a checkout that lacks it), the shelf keeps saves in memory for the run,
    replaying the choices on load; the screens work the same either way.
    """

    AUTOSAVE = "autosave"

    def __init__(self, root: Path, store: Any | None = None) -> None:
        self.root = Path(root)
        self._store = store
        self._memory: dict[str, tuple[SlotInfo, tuple[Any, ...]]] = {}
        self._tried = store is not None
        self._lock = threading.Lock()

    @property
    def store(self) -> Any | None:
        with self._lock:
            if not self._tried:
                self._tried = True
                try:
                    from game.saves.store import SaveStore
                except ImportError:
                    self._store = None
                else:
                    self._store = SaveStore(self.root)
        return self._store

    @property
    def persistent(self) -> bool:
        """Whether saves go to files; asked by screens, so it imports nothing (the store needs
        pydantic and the engine: a fraction of a second the event loop must not wait)."""
        with self._lock:
            if self._tried:
                return self._store is not None
        return importlib.util.find_spec("game.saves.store") is not None

    def slot_problem(self, slot: str) -> str | None:
        """What is wrong with `slot` as a save name, or None."""
        if self.store is not None:
            from game.saves.store import slot_problem

            return slot_problem(slot)
        return None if slot.strip() else "a save name cannot be empty"

    # -- writing
    def save(self, session: Session, slot: str, classroom: Any = None) -> str:
        """Save to `slot` (with a classroom game's part, if given); returns where it went.
        Raises SaveProblem."""
        store = self.store
        if store is None:
            self._memory[slot] = (slot_info(slot, None, session), _replayable(session))
            return f"slot {slot!r} (kept in memory for this run)"
        with self._errors(f"cannot save to {self.root}"):
            if slot == self.AUTOSAVE:
                return str(store.autosave(session))
            return str(store.save(session, slot=slot, classroom=classroom))

    def save_own(self, session: Session, slot: str, classroom: Any = None) -> tuple[str, str]:
        """Save to `slot`, or beside it when another game holds it: never over another game.
        Returns the slot and where the save went. Raises SaveProblem."""
        store = self.store
        if store is None:
            return slot, self.save(session, slot, classroom)
        with self._errors(f"cannot save to {self.root}"):
            path = store.save_own(session, slot, classroom)
        return _slot_of(path), str(path)

    def autosave(self, session: Session) -> str:
        return self.save(session, self.AUTOSAVE)

    def take_notices(self) -> list[str]:
        """What the player should know about where their saves went (once each)."""
        store = self.store
        return store.take_notices() if store is not None else []

    def close(self) -> None:
        """Release this game's autosave slot to other games (at the end of the app)."""
        if self._store is not None:
            self._store.close()

    def delete(self, slot: str) -> None:
        store = self.store
        if store is None:
            self._memory.pop(slot, None)
            return
        with self._errors(f"cannot delete {slot}"):
            store.delete(slot)

    def restore_backup(self, slot: str) -> str:
        store = self.store
        if store is None:
            raise SaveProblem("saves kept in memory have no backups")
        with self._errors(f"cannot restore the backup of {slot}"):
            return str(store.restore_backup(slot).path)

    # -- reading
    def scan(self) -> tuple[list[SlotInfo], list[Damaged]]:
        """Readable saves, newest first, and the damaged ones."""
        store = self.store
        if store is None:
            infos = [info for info, _ in self._memory.values()]
            return sorted(infos, key=lambda i: i.saved_at, reverse=True), []
        try:
            found = store.scan()
        except OSError:
            return [], []
        damaged = [
            Damaged(
                _slot_of(getattr(e, "path", None)), getattr(e, "path", None), e.message, e.backup
            )
            for e in found.errors
        ]
        return [_slot_info(i) for i in found.infos], damaged

    def list(self) -> list[SlotInfo]:
        return self.scan()[0]

    def latest(self) -> SlotInfo | None:
        infos = self.list()
        return infos[0] if infos else None

    def newest(self) -> SlotInfo | None:
        """The newest save, from the headers of the saves alone (game.saves.header): what the
        title's Continue line shows, without the imports a full read needs. Opening it reads
        it whole."""
        if self._tried and self._store is None:  # saves kept in memory
            return self.latest()
        try:
            from game.saves.header import newest
        except ImportError:
            return self.latest()
        header = newest(self.root)
        return _slot_info(header) if header is not None else None

    def games_of(self, player: str) -> builtins.list[SlotInfo]:
        """The saves of a classroom student, by the name they gave, newest first."""
        from game.classroom.files import same_student

        return [i for i in self.list() if same_student(i.player, player)]

    def load(self, slot: str | Path, pack: Pack) -> Loaded:
        store = self.store
        if store is None:
            if str(slot) not in self._memory:
                raise SaveProblem(f"no save named {slot!r}")
            info, (role, seed, choices, rationales, assumptions) = self._memory[str(slot)]
            session, problems = replay_far(pack, role, seed, choices, rationales, assumptions)
            return Loaded(session, problems, info)
        with self._errors(f"cannot read {slot}"):
            loaded = store.load(slot, pack)
        info = _slot_info(loaded.info)
        return Loaded(loaded.session, list(loaded.problems), info, loaded.classroom)

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        from game.saves.store import SaveError

        try:
            yield
        except SaveError as e:
            raise SaveProblem(e.message, getattr(e, "backup", None)) from e
        except OSError as e:
            raise SaveProblem(f"{what}: {e.strerror or e}") from e


# A slot's name comes from its file's name and its role from the save: whatever a file dropped in
# the saves folder holds, they are shown as one inert line (loading goes by the path).
def _slot_of(path: Path | None) -> str:
    if path is None:
        return "?"
    name = Path(path).name
    for suffix in (".bak", ".json"):
        name = name.removesuffix(suffix)
    return inert_line(name)


def _slot_info(i: Any) -> SlotInfo:
    return SlotInfo(
        slot=inert_line(str(i.slot)),
        path=getattr(i, "path", None),
        pack_id=str(i.pack_id),
        role=inert_line(str(i.role)),
        turn=int(i.turn),
        date=str(i.date),
        saved_at=i.saved_at,
        over=bool(i.over),
        player=inert_line(str(getattr(i, "player", ""))),
    )


def slot_info(slot: str, path: Path | None, session: Session, player: str = "") -> SlotInfo:
    """What a save of `session` just made in `slot` looks like in the list."""
    date = session.pack.date_of(session.state.turn).isoformat()
    return SlotInfo(
        slot,
        path,
        session.pack.meta.id,
        session.role,
        session.state.turn,
        date,
        dt.datetime.now().astimezone(),
        session.over,
        player,
    )


def _replayable(session: Session) -> tuple[Any, ...]:
    return (
        session.role,
        session.seed,
        session.choices,
        session.rationales,
        dict(session.assumptions),
    )


def replay_far(
    pack: Pack,
    role: str,
    seed: str,
    choices: tuple[str, ...] | list[str],
    rationales: tuple[str, ...] | list[str] = (),
    assumptions: dict[str, bool | float] | None = None,
) -> tuple[Session, list[str]]:
    """Replay the choices on `pack` as far as they still fit: the session and what went wrong.

    Raises ChoiceError only when the game cannot even start (the role is gone).
    """
    from game.engine.session import ChoiceError, Session

    try:
        return Session.replay(pack, role, seed, list(choices), list(rationales), assumptions), []
    except ChoiceError:
        pass
    session = Session.start(pack, role, seed, assumptions)
    for i, choice in enumerate(choices):
        if session.over:
            return session, [
                f"the game now ends after {i} of {len(choices)} decisions; "
                "the later ones were dropped"
            ]
        try:
            why = rationales[i] if i < len(rationales) else ""
            session = session.submit(choice, why)
        except ChoiceError as e:
            return session, [
                f"decision {i + 1} ({choice!r}) no longer fits: {e}; "
                f"replayed {i} of {len(choices)} decisions"
            ]
    return session, []


def screenshot_folder(saves: Path) -> Path:
    """Where a screenshot goes: the user's downloads folder if there is one, else the saves
    folder (made if need be), else the current folder."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    if downloads.is_dir():
        return downloads
    try:
        saves.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.cwd()
    return saves


@dataclass
class PackWatcher:
    """Notices when any file of a pack folder changes, by polling modification times.

    Looks at the same files the loader reads (*.toml, not under hidden folders); adding or
    removing a file counts as a change.
    """

    root: Path
    _seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._seen = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        seen: dict[str, tuple[int, int]] = {}
        root = self.root.parent if self.root.name == "pack.toml" else self.root
        try:
            paths = list(root.rglob("*.toml"))
        except OSError:
            return seen
        for p in paths:
            try:
                if any(part.startswith(".") for part in p.relative_to(root).parts):
                    continue
                st = p.stat()
            except (OSError, ValueError):
                continue
            seen[str(p)] = (st.st_mtime_ns, st.st_size)
        return seen

    def changed(self) -> bool:
        now = self.snapshot()
        if now != self._seen:
            self._seen = now
            return True
        return False
