"""Reading and checking a classroom file (game.classroom.settings has its format): every
problem located with its line, column and C5xx code, the settings checked against the pack they
name."""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

from game.classroom.problems import cproblem
from game.classroom.roster import assumption_problems, roster_problems
from game.classroom.settings import (
    Assignment,
    Classroom,
    ClassroomSettings,
    Group,
    PredictRule,
    RationaleRule,
    Rubric,
)
from game.content import tomlread
from game.content.locate import Locator
from game.content.locate import Path as KeyPath
from game.content.problems import Problem
from game.engine.pack import Pack
from game.inert import scrub
from game.invocation import kt

MAX_BYTES = 256 * 1024


def load_classroom(
    path: str | Path, pack: Pack | None = None
) -> tuple[ClassroomSettings | None, list[Problem]]:
    """Read and check a classroom file. With `pack`, check the settings against it; without,
    load the pack the file names. Returns (settings, []) or (None, problems)."""
    settings, _, problems = classroom_and_pack(path, pack)
    return settings, problems


def classroom_and_pack(
    path: str | Path, pack: Pack | None = None
) -> tuple[ClassroomSettings | None, Pack | None, list[Problem]]:
    """`load_classroom`, with the pack the settings were checked against (`pack`, or the one
    the file names), so that nothing loads it a second time."""
    path = Path(path)
    name = str(path)
    text, problem = _read(path)
    if problem is not None:
        return None, None, [problem]
    data, problem = tomlread.parse(name, text, "C502", "C502", cproblem)
    if data is None:
        return None, None, [problem] if problem is not None else []
    scrub(data)  # its text (a title, questions) is shown to every student
    locator = Locator(text)
    problems: list[Problem] = []
    for key in data:
        if key not in TABLES:
            line, col = locator.find((key,))
            hint: str | None
            if key.casefold() in TABLES:
                hint = f"table names are in lower case: `[{key.casefold()}]`"
            else:
                close = difflib.get_close_matches(key, sorted(TABLES), n=1, cutoff=0.6)
                hint = f"did you mean `[{close[0]}]`?" if close else None
            problems.append(cproblem(name, line, col, "C503", f"unknown table `{key}`", hint))
    if problems:
        return None, None, problems
    if "classroom" not in data:
        problems.append(
            cproblem(name, 1, 1, "C505", "the file needs a [classroom] table with at least `seed`")
        )
        return None, None, problems
    settings, problems = tomlread.validate(ClassroomSettings, data, name, (), locator.find, WORDS)
    if settings is None:
        return None, None, sorted(problems, key=lambda p: (p.line, p.col, p.code))
    if not settings.classroom.id:
        stem = re.sub(r"[^a-z0-9_.-]+", "-", path.stem.lower()).strip("-.") or "classroom"
        settings = settings.model_copy(
            update={"classroom": settings.classroom.model_copy(update={"id": stem})}
        )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    settings = settings.model_copy(update={"source": name, "digest": digest})
    if pack is None:
        pack_path, problem = _find_pack(path, settings, locator)
        if problem is not None:
            return None, None, [problem]
        from game.content.packs import for_play

        result = for_play(pack_path)
        if result.pack is None:
            line, col = locator.find(("classroom", "pack"))
            first = result.errors[0].format().splitlines()[0] if result.errors else ""
            return (
                None,
                None,
                [
                    cproblem(
                        name,
                        line,
                        col,
                        "C507",
                        f"the pack at {pack_path} has {len(result.errors)} problem(s): {first}",
                        f"Run `{kt('check', str(pack_path))}` and fix it.",
                    )
                ],
            )
        pack = result.pack
        settings = settings.model_copy(update={"pack_path": str(pack_path)})
    problems = check_against_pack(settings, pack, locator)
    if problems:
        return None, None, sorted(problems, key=lambda p: (p.line, p.col, p.code))
    return settings, pack, []


def _read(path: Path) -> tuple[str, Problem | None]:
    from game import userfile

    name = str(path)
    if path.is_dir():
        return "", cproblem(name, 1, 1, "C501", f"{name} is a folder, not a classroom file")
    try:
        return userfile.read_text(path, MAX_BYTES), None
    except userfile.FileRefused as e:
        message = f"no such classroom file: {name}" if e.reason == "missing" else e.message
        return "", cproblem(name, e.line, e.col, "C501", message)


TABLES = ("classroom", "rationale", "predict", "assumptions", "rubric", "assign", "group")
_KNOWN: dict[str, set[str]] = {
    "": set(TABLES),
    "classroom": set(Classroom.model_fields),
    "rationale": set(RationaleRule.model_fields),
    "predict": set(PredictRule.model_fields),
    "rubric": set(Rubric.model_fields),
    "assign": set(Assignment.model_fields),
    "group": set(Group.model_fields),
}


def _table(path: KeyPath) -> str:
    """`[rationale]`, or `the 2nd [[assign]] table` for a table of an array of them."""
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        names = ".".join(str(part) for part in path if isinstance(part, str))
        n = path[-1] + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} [[{names}]] table"
    return f"[{_describe(path)}]"


WORDS = tomlread.Words(
    make=cproblem,
    unknown="C503",
    type="C504",
    missing="C505",
    value="C506",
    place=lambda path: f"`{_describe(path)}`",
    table=_table,
    known=lambda path: _KNOWN.get(_describe(tuple(p for p in path if isinstance(p, str))), set()),
    cutoff=0.6,
)


def _describe(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _find_pack(
    path: Path, settings: ClassroomSettings, locator: Locator
) -> tuple[Path, Problem | None]:
    from game import paths
    from game.content.packs import named_by_file

    wanted = settings.classroom.pack
    if not wanted:
        return paths.default_pack(), None
    found = named_by_file(wanted, path.parent)
    if found is not None:
        return found, None
    line, col = locator.find(("classroom", "pack"))
    names = ", ".join(sorted(p.name for p in paths.shipped_packs())) or "none found"
    return (path.parent / wanted).resolve(), cproblem(
        str(path),
        line,
        col,
        "C507",
        f"no pack {wanted!r}: not a shipped pack ({names}) nor a folder with a pack.toml "
        f"beside this file",
    )


def pack_named(settings: ClassroomSettings) -> Path | None:
    """The pack folder the classroom file itself names (resolved), or None when there is none."""
    if not settings.source:
        return None
    folder, problem = _find_pack(Path(settings.source), settings, Locator(""))
    return None if problem is not None else folder.resolve()


def check_against_pack(
    settings: ClassroomSettings, pack: Pack, locator: Locator | None = None
) -> list[Problem]:
    """Roles, assumptions, predicted variables and the turn limit, against the pack."""
    name = settings.source or "classroom.toml"

    def at(*path: str | int) -> tuple[int, int]:
        return locator.find(tuple(path)) if locator is not None else (1, 1)

    problems: list[Problem] = []
    c = settings.classroom
    roles = ", ".join(pack.roles)
    for i, role in enumerate(c.roles):
        if role not in pack.roles:
            line, col = at("classroom", "roles", i)
            problems.append(
                cproblem(name, line, col, "C508", f"unknown role {role!r}; the pack has: {roles}")
            )
    problems += assumption_problems(settings.assumptions, pack, name, at, ("assumptions",))
    if settings.predict is not None:
        visible = {v.id: v for v in pack.variables if not v.hidden}
        for i, vid in enumerate(settings.predict.variables):
            if vid not in visible:
                line, col = at("predict", "variables", i)
                why = "is hidden from the players" if vid in {v.id for v in pack.variables} else (
                    "is not a variable of the pack"
                )  # fmt: skip
                problems.append(
                    cproblem(
                        name,
                        line,
                        col,
                        "C510",
                        f"{vid!r} {why}; visible variables: {', '.join(visible)}",
                    )
                )
        if len(set(settings.predict.variables)) != len(settings.predict.variables):
            line, col = at("predict", "variables")
            problems.append(cproblem(name, line, col, "C506", "a variable is listed twice"))
    problems += roster_problems(settings, pack, name, at)
    if c.turns is not None and c.turns > pack.meta.turns:
        line, col = at("classroom", "turns")
        problems.append(
            cproblem(
                name,
                line,
                col,
                "C511",
                f"turns = {c.turns}, but the pack {pack.meta.id!r} has {pack.meta.turns} turns",
            )
        )
    return problems
