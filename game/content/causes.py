"""Which problems follow from which: the root cause first, what follows folded into it.

One broken declaration makes every use of what it declared look wrong: a file that does not
parse, an item whose `id` is misspelt, a `pack.toml` that lost its `[pack]`. The uses are then
reported as unknown names and references, which say nothing of the cause. So:

- problems are ordered by stage — files (P), then structure (S), then references, expressions
  and values (R, X, V), warnings last — and within a stage `pack.toml`, where names are
  declared, first;
- a problem that may follow from a broken declaration (an unknown name or reference of the kind
  it could have declared; an event nobody can see because its roles are unknown; a cost with no
  [budget] when a file that may hold it did not load) is folded into
  the problem of that declaration, which says how many follow from it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from game.content.problems import Problem

_STAGES = {"P": 0, "S": 1, "R": 2, "X": 2, "V": 2, "W": 3}
# The kind of declaration a reference problem names.
_REFERENCE_KINDS = {
    "R202": "role",
    "R203": "event",
    "R204": "source",
    "R205": "variable",
    "R206": "ending",
}
_NAME = re.compile(r"^unknown (name|flag|choice|tag) '([^']+)'")
_NAMESPACES = {"flags": "flag", "assume": "assumption", "situation": "situation"}
# what a memory function's argument names is declared by: set_by("flag"), chose("event/choice")
_REMEMBERED = {"flag": "flag", "choice": "event", "tag": "event"}


@dataclass
class Roots:
    """Broken declarations, as the loader found them."""

    unreadable: list[Problem] = field(default_factory=list)  # files that did not parse
    anonymous: dict[str, list[Problem]] = field(default_factory=dict)  # kind -> id-less items
    empty_main: list[Problem] = field(default_factory=list)  # pack.toml without [pack]


def order_key(p: Problem) -> tuple[int, bool, bool, str, int, int, str]:
    warning = p.severity == "warning"
    return (
        _STAGES.get(p.code[:1], 2) if not warning else 3,
        warning,
        not p.file.endswith("pack.toml"),
        p.file,
        p.line,
        p.col,
        p.code,
    )


def fold(problems: Iterable[Problem], roots: Roots) -> tuple[list[Problem], list[Problem]]:
    """(the problems to show, root causes first; those folded into one of them)."""
    ordered = sorted(problems, key=order_key)
    counts: dict[int, int] = {}
    shown: list[Problem] = []
    folded: list[Problem] = []
    for p in ordered:
        root = _root_of(p, roots, ordered)
        if root is None or root is p:
            shown.append(p)
            continue
        counts[id(root)] = counts.get(id(root), 0) + 1
        folded.append(dataclasses.replace(p, cause=_where(root)))
    shown = [
        dataclasses.replace(p, consequences=counts[id(p)]) if id(p) in counts else p for p in shown
    ]
    return shown, folded


def _where(p: Problem) -> str:
    return f"{p.file}:{p.line}:{p.col}"


def _kind(p: Problem) -> str | None:
    """The kind of declaration whose absence `p` may be, or None if it is no such problem."""
    if p.code in _REFERENCE_KINDS:
        return _REFERENCE_KINDS[p.code]
    m = _NAME.match(p.message) if p.code == "X002" else None
    if m is None:
        return None
    if m.group(1) != "name":
        return _REMEMBERED[m.group(1)]
    prefix, dot, _ = m.group(2).partition(".")
    return _NAMESPACES.get(prefix, "variable") if dot else "variable"


def _root_of(p: Problem, roots: Roots, every: list[Problem]) -> Problem | None:
    if p.code == "V303" and p.message.startswith("no playable role can see"):
        # its roles are unknown: the R202 at the same place says which
        return next(
            (r for r in every if r.code == "R202" and (r.file, r.line) == (p.file, p.line)), None
        )
    if p.code == "S105" and "no [calendar]" in p.message:
        return next((r for r in roots.empty_main if r.file == p.file), None)
    if p.code == "V321":  # the [budget] the costs need may be in what did not load
        return _first(roots.empty_main + roots.unreadable)
    if p.code == "S103" and "no [[role]]" in p.message:
        return _first(roots.anonymous.get("role", []) + roots.empty_main + roots.unreadable)
    kind = _kind(p)
    if kind is None:
        return None
    return _first(roots.anonymous.get(kind, []) + roots.empty_main + roots.unreadable)


def _first(candidates: list[Problem]) -> Problem | None:
    return min(candidates, key=order_key) if candidates else None
