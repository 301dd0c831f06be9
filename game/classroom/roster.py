"""The checks of a classroom file's roster: the `[[assign]]` tables (a role for named students
or a team) and the `[[group]]` tables (students who play other settings, for an A/B
comparison). Every slip is located, with what to do: an unknown role, a student named twice,
a group naming a team that does not exist or nobody at all, a group's unknown assumption."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.classroom.files import student_id
from game.classroom.problems import cproblem
from game.content.locate import Path as KeyPath
from game.content.problems import Problem

if TYPE_CHECKING:
    from game.classroom.settings import ClassroomSettings
    from game.engine.pack import Pack

At = Callable[..., tuple[int, int]]


def roster_problems(settings: ClassroomSettings, pack: Pack, name: str, at: At) -> list[Problem]:
    return _assign_problems(settings, pack, name, at) + _group_problems(settings, pack, name, at)


def _assign_problems(settings: ClassroomSettings, pack: Pack, name: str, at: At) -> list[Problem]:
    problems: list[Problem] = []
    allowed = [r for r in pack.roles if settings.allows(r)]
    students: dict[str, int] = {}  # student id -> the line that first names them
    teams: dict[str, int] = {}
    for i, a in enumerate(settings.assign):
        line, col = at("assign", i, "role")
        if a.role not in pack.roles:
            close = difflib.get_close_matches(a.role, list(pack.roles), n=1, cutoff=0.5)
            problems.append(
                cproblem(
                    name, line, col, "C508",
                    f"unknown role {a.role!r} in [[assign]]; the pack has: {', '.join(pack.roles)}",
                    f"did you mean `{close[0]}`?" if close else None,
                )
            )  # fmt: skip
        elif a.role not in allowed:
            problems.append(
                cproblem(
                    name, line, col, "C508",
                    f"the role {a.role!r} is given in [[assign]], but this class plays only "
                    f"{', '.join(allowed)}",
                    f"Add {a.role!r} to `roles` in [classroom], or give one of its roles.",
                )
            )  # fmt: skip
        if a.team:
            line, col = at("assign", i, "team")
            if a.team in teams:
                problems.append(
                    cproblem(
                        name, line, col, "C506",
                        f"the team {a.team!r} has a second [[assign]] table (the first is at "
                        f"line {teams[a.team]})",
                        "Give each team one [[assign]] table, with all its students in it.",
                    )
                )  # fmt: skip
            teams.setdefault(a.team, line)
        for j, student in enumerate(a.students):
            line, col = at("assign", i, "students", j)
            problems += _student_problem(student, students, line, col, name, "role")
    return problems


def _student_problem(
    student: str, seen: dict[str, int], line: int, col: int, name: str, what: str
) -> list[Problem]:
    """A blank name, or one already given (`seen`: student id -> its first line)."""
    key = student_id(student)
    if not key:
        return [
            cproblem(
                name, line, col, "C506", f"{student!r} is no student's name",
                "Write the name as the student types it, with at least a letter or a digit.",
            )
        ]  # fmt: skip
    if key in seen:
        return [
            cproblem(
                name, line, col, "C506",
                f"{student!r} is given a {what} twice (first at line {seen[key]}); names count "
                "as the same when they differ only in capitals and spaces",
                f"Give each student one {what}: remove the name here or at line {seen[key]}.",
            )
        ]  # fmt: skip
    seen[key] = line
    return []


def _group_problems(settings: ClassroomSettings, pack: Pack, name: str, at: At) -> list[Problem]:
    problems: list[Problem] = []
    teams = {a.team: a for a in settings.assign if a.team}
    names: dict[str, int] = {}
    members: dict[str, int] = {}  # student id -> the line that first puts them in a group
    for g, group in enumerate(settings.group):
        line, col = at("group", g, "name")
        if group.name in names:
            problems.append(
                cproblem(
                    name, line, col, "C506",
                    f"two groups are called {group.name!r} (the first at line {names[group.name]})",
                    "Give each group a name of its own: the class page compares them by name.",
                )
            )  # fmt: skip
        names.setdefault(group.name, line)
        if not group.students and not group.teams:
            problems.append(
                cproblem(
                    name, line, col, "C505", f"the group {group.name!r} names nobody",
                    "Give it `students = [\"…\"]` or `teams = [\"…\"]` (the teams of [[assign]]).",
                )
            )  # fmt: skip
        for k, team in enumerate(group.teams):
            line, col = at("group", g, "teams", k)
            if team not in teams:
                close = difflib.get_close_matches(team, list(teams), n=1, cutoff=0.6)
                listed = ", ".join(repr(t) for t in teams) or "none (give `team` in [[assign]])"
                problems.append(
                    cproblem(
                        name, line, col, "C506",
                        f"no team {team!r} in the [[assign]] tables; the teams are: {listed}",
                        f"did you mean `{close[0]}`?" if close else (
                            "Name a team given by `team = …` in an [[assign]] table."
                        ),
                    )
                )  # fmt: skip
                continue
            for student in teams[team].students:
                problems += _student_problem(student, members, line, col, name, "group")
        for j, student in enumerate(group.students):
            line, col = at("group", g, "students", j)
            problems += _student_problem(student, members, line, col, name, "group")
        problems += assumption_problems(
            group.assumptions, pack, name, at, ("group", g, "assumptions")
        )
    return problems


def assumption_problems(
    values: dict[str, bool | float],
    pack: Pack,
    name: str,
    at: At,
    where: KeyPath,
) -> list[Problem]:
    """Assumptions the pack does not have, or of the wrong type (a class's, or a group's)."""
    problems: list[Problem] = []
    known = {a.id: a for a in pack.assumptions}
    for key, value in values.items():
        line, col = at(*where, key)
        a = known.get(key)
        if a is None:
            listed = ", ".join(known) or "none"
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
            problems.append(
                cproblem(
                    name,
                    line,
                    col,
                    "C509",
                    f"unknown assumption {key!r}; the pack has: {listed}",
                    f"did you mean `{close[0]}`?" if close else None,
                )
            )
        elif isinstance(a.default, bool) != isinstance(value, bool):
            kind = "true or false" if isinstance(a.default, bool) else "a number"
            problems.append(
                cproblem(
                    name,
                    line,
                    col,
                    "C509",
                    f"assumption {key!r} is {kind} (its default is "
                    f"{str(a.default).lower()}), not {str(value).lower()}",
                )
            )
    return problems
