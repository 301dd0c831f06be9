"""Teams and groups on the class page: the class by the teams the classroom file gave, and an
A/B comparison of its groups (each played another seed or other assumptions): endings, scores,
predictions right and the choices where the groups differed most. Pure over the summary."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.report.svg import e

if TYPE_CHECKING:
    from game.report.summary import ClassSummary, Entry

REST = "The rest of the class"


@dataclass
class Side:
    """One group of the comparison."""

    name: str
    entries: list[Entry]
    world: list[str] = field(default_factory=list)  # how its world differs: seed, assumptions

    @property
    def endings(self) -> Counter[str]:
        return Counter(en.report.ending_title for en in self.entries)

    def mean_score(self, role: str) -> float | None:
        scores = [en.report.total for en in self.entries if en.report.role == role]
        return statistics.fmean(scores) if scores else None

    @property
    def predictions(self) -> tuple[int, int]:
        made = [en.report.predictions for en in self.entries if en.report.predictions]
        return sum(p.hits for p in made), sum(p.total for p in made)


@dataclass
class Divergence:
    """An event both groups met, and how differently they chose: `distance` is the share of
    students who would have to choose otherwise for the two groups to choose alike (0–1)."""

    role: str
    title: str
    distance: float
    shares: list[list[tuple[str, float]]]  # per side: (option label, share), most chosen first


@dataclass
class Comparison:
    sides: list[Side]
    roles: dict[str, str]
    divergences: list[Divergence]


def compare_groups(s: ClassSummary, n: int = 5) -> Comparison | None:
    """The class's groups side by side, or None when the class has no groups (or only one
    played)."""
    by_group: dict[str, list[Entry]] = defaultdict(list)
    for en in s.entries:
        by_group[en.group].append(en)
    if len(by_group) < 2:
        return None
    names = sorted(by_group, key=lambda g: (g == "", g))
    sides = [Side(g or REST, by_group[g]) for g in names]
    _describe_worlds(sides)
    return Comparison(sides, s.roles, _divergences(sides, n))


def _describe_worlds(sides: list[Side]) -> None:
    """What each side's world was, where the sides' worlds differ."""
    seeds = [Counter(en.report.seed for en in side.entries) for side in sides]
    if len({c.most_common(1)[0][0] for c in seeds}) > 1:
        for side, c in zip(sides, seeds, strict=True):
            side.world.append(f"seed {c.most_common(1)[0][0]}")
    values: list[dict[str, tuple[str, bool | float]]] = []
    for side in sides:
        first = side.entries[0].report
        values.append({a.id: (a.label, a.value) for a in first.assumptions})
    ids = {k for v in values for k in v}
    for aid in sorted(ids):
        seen = {v.get(aid, ("", None))[1] for v in values}
        if len(seen) > 1:
            for side, v in zip(sides, values, strict=True):
                label, value = v.get(aid, (aid, "—"))
                shown = str(value).lower() if isinstance(value, bool) else f"{value:g}"
                side.world.append(f"{label}: {shown}")


def _divergences(sides: list[Side], n: int) -> list[Divergence]:
    counts: list[dict[tuple[str, str], Counter[str]]] = []
    titles: dict[tuple[str, str], str] = {}
    labels: dict[tuple[str, str, str], str] = {}
    for side in sides:
        per: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for en in side.entries:
            for d in en.report.decisions:
                if d.event is None:
                    continue
                key = (en.report.role, d.event)
                per[key][d.choice] += 1
                titles[key] = d.title
                labels[(*key, d.choice)] = d.label
        counts.append(per)
    found = []
    for key in titles:
        if not all(key in per for per in counts):
            continue
        shares = [{c: k / sum(per[key].values()) for c, k in per[key].items()} for per in counts]
        distance = max(
            0.5 * sum(abs(a.get(c, 0) - b.get(c, 0)) for c in set(a) | set(b))
            for i, a in enumerate(shares)
            for b in shares[i + 1 :]
        )
        if distance > 0:
            found.append(
                Divergence(
                    key[0],
                    titles[key],
                    distance,
                    [
                        sorted(((labels[(*key, c)], v) for c, v in sh.items()), key=lambda x: -x[1])
                        for sh in shares
                    ],
                )
            )
    found.sort(key=lambda d: (-d.distance, d.title))
    return found[:n]


# -- the page -----------------------------------------------------------------------------------


def comparison_html(s: ClassSummary) -> list[str]:
    c = compare_groups(s)
    if c is None:
        return []
    heads = "".join(f"<th>{e(side.name)}</th>" for side in c.sides)
    out = [
        "<h2>The groups compared</h2>",
        '<p class="note">The classroom file gave these groups their own world; everything else '
        "was the same. Compare the scores within a role.</p>",
        f"<table><tr><th></th>{heads}</tr>",
        _row("Played with", ["; ".join(side.world) or "the class’s settings" for side in c.sides]),
        _row("Games", [str(len(side.entries)) for side in c.sides]),
    ]
    for role, name in c.roles.items():
        means = [side.mean_score(role) for side in c.sides]
        out.append(_row(f"Mean score, {name}", ["—" if m is None else f"{m:.1f}" for m in means]))
    out.append(_row("Predictions right", [_share(*side.predictions) for side in c.sides]))
    out.append(
        _row(
            "Endings",
            [
                "<br>".join(f"{k} × {e(t)}" for t, k in side.endings.most_common())
                for side in c.sides
            ],
            escaped=True,
        )
    )
    out.append("</table>")
    if c.divergences:
        out.append(
            "<h3>Where the groups chose differently</h3><table><tr><th>Event</th><th>Role</th>"
            f"{heads}<th>Differ</th></tr>"
        )
        for d in c.divergences:
            cells = "".join(
                "<td>" + "<br>".join(f"{e(lb)} <b>{100 * v:.0f}%</b>" for lb, v in sh[:2]) + "</td>"
                for sh in d.shares
            )
            out.append(
                f"<tr><td>{e(d.title)}</td><td>{e(c.roles.get(d.role, d.role))}</td>{cells}"
                f"<td class='n'>{100 * d.distance:.0f}%</td></tr>"
            )
        out.append("</table>")
    return out


def _row(head: str, cells: list[str], escaped: bool = False) -> str:
    tds = "".join(f"<td>{cell if escaped else e(cell)}</td>" for cell in cells)
    return f"<tr><th>{e(head)}</th>{tds}</tr>"


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.0f}%)" if total else "—"


def comparison_text(s: ClassSummary) -> list[str]:
    c = compare_groups(s)
    if c is None:
        return []
    lines = ["Groups:"]
    for side in c.sides:
        scores = ", ".join(
            f"{name} {m:.1f}"
            for role, name in c.roles.items()
            if (m := side.mean_score(role)) is not None
        )
        common = side.endings.most_common(1)[0]
        lines.append(
            f"  {side.name} ({'; '.join(side.world) or 'the class’s settings'}): "
            f"{len(side.entries)} game(s); mean score {scores}; predictions right "
            f"{_share(*side.predictions)}; most ended in “{common[0]}” ({common[1]})"
        )
    for d in c.divergences[:3]:
        picks = " vs ".join(f"{sh[0][0]} {100 * sh[0][1]:.0f}%" for sh in d.shares)
        role = c.roles.get(d.role, d.role)
        lines.append(f"  differed most at {d.title} ({role}): {picks}")
    return lines


# -- teams --------------------------------------------------------------------------------------


def teams_html(s: ClassSummary) -> list[str]:
    """The class by team: who was in it, its role, its mean score and endings."""
    by_team: dict[str, list[Entry]] = defaultdict(list)
    for en in s.entries:
        if en.team:
            by_team[en.team].append(en)
    if not by_team:
        return []
    out = [
        "<h2>Teams</h2><table><tr><th>Team</th><th>Role</th><th>Students</th><th>Mean score</th>"
        "<th>Endings</th><th>Predictions right</th></tr>"
    ]
    for team in sorted(by_team):
        group = sorted(by_team[team], key=lambda en: en.name.lower())
        roles = sorted({en.report.role_name or en.report.role for en in group})
        endings = Counter(en.report.ending_title for en in group)
        made = [en.report.predictions for en in group if en.report.predictions]
        out.append(
            f"<tr><td><b>{e(team)}</b></td><td>{e(', '.join(roles))}</td>"
            f"<td>{e(', '.join(en.name for en in group))}</td>"
            f"<td class='n'>{statistics.fmean(en.report.total for en in group):.1f}</td>"
            f"<td>{'<br>'.join(f'{k} × {e(t)}' for t, k in endings.most_common())}</td>"
            f"<td>{_share(sum(p.hits for p in made), sum(p.total for p in made))}</td></tr>"
        )
    return [*out, "</table>"]
