"""What the title screen says of the pack: its title, its length and whom the player may advise.

Read from the pack's `pack.toml` alone, as data to show, never validated: the title must not
pay for pydantic, the schema and the engine (a third of the game's memory) before the player
asks for a game. The full load, with the checker's problems, comes when a game is opened
(game.tui.services.PackLibrary). The file is read as every user file is (game.userfile: a
regular file, bounded) and parsed by the game's one TOML reader (game.content.tomlread.parse,
which needs no pydantic), and every string shown is made inert (game.inert).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import userfile
from game.inert import inert_line

if TYPE_CHECKING:
    from game.content.compiler import LoadResult

MAX_BYTES = 2 * 1024 * 1024  # the loader's limit for one file of a pack
MAX_SHOWN = 120  # characters of one name on the title


@dataclass(frozen=True)
class PackAbout:
    title: str = ""
    turns: int | None = None
    roles: tuple[str, ...] = ()
    problem: str = ""  # why the pack cannot be described (or played), said plainly
    id: str = ""
    role_names: tuple[tuple[str, str], ...] = ()  # (role id, name)

    def role_name(self, pack_id: str, role: str) -> str:
        """A role's name, for a save of this pack; its id for a save of another."""
        names = dict(self.role_names) if pack_id == self.id else {}
        return names.get(role, role)

    @classmethod
    def of(cls, result: LoadResult) -> PackAbout:
        """What a loaded pack says of itself (its problems when it cannot be played)."""
        if result.pack is None:
            return cls(problem=f"The pack has {len(result.errors)} problem(s)")
        meta, roles = result.pack.meta, result.pack.roles.values()
        names = tuple((r.id, r.name) for r in roles)
        return cls(meta.title, meta.turns, tuple(n for _, n in names), id=meta.id, role_names=names)


def read_about(folder: Path) -> PackAbout:
    """What `folder`'s pack.toml says of the pack; `problem` says why it cannot be read."""
    path = Path(folder)
    path = path if path.name == "pack.toml" else path / "pack.toml"
    try:
        text = userfile.read_text(path, MAX_BYTES)
    except userfile.FileRefused as e:
        return PackAbout(problem=f"The pack cannot be opened: {inert_line(e.message)}")
    from game.content.problems import problem
    from game.content.tomlread import parse

    data, bad = parse(str(path), text, "P004", "P005", problem)
    if data is None:
        where = f"{bad.file}:{bad.line}: {bad.message}" if bad else str(path)
        return PackAbout(problem=f"The pack cannot be read: {where}")
    pack = data.get("pack")
    title = _shown(pack.get("title")) if isinstance(pack, dict) else ""
    if not title:
        return PackAbout(problem=f"The pack's {path.name} has no [pack] title: New game says more")
    calendar = data.get("calendar")
    turns = calendar.get("turns") if isinstance(calendar, dict) else None
    roles = data.get("role")
    named = [
        (_shown(r.get("id")), _shown(r.get("name")))
        for r in (roles if isinstance(roles, list) else [])
        if isinstance(r, dict)
    ]
    return PackAbout(
        title,
        turns if isinstance(turns, int) and not isinstance(turns, bool) and turns > 0 else None,
        tuple(name for _, name in named if name),
        id=_shown(pack.get("id")) if isinstance(pack, dict) else "",
        role_names=tuple((i, name) for i, name in named if i and name),
    )


def _shown(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    text = inert_line(value.strip())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
