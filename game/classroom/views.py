"""The debrief of a student's predictions, as plain lines (plain mode and the full-screen
game's Classroom tab). The rest of a game in words, for classes that hide the numbers, is the
shared views' (game.views.policy)."""

from __future__ import annotations

from game.classroom.predict import PredictionScore


def prediction_lines(score: PredictionScore) -> list[str]:
    """The debrief of a student's predictions."""
    if not score.items:
        return []
    lines = [
        "",
        f"Your predictions: {score.hits} of {score.total} right "
        f"({100 * (score.accuracy or 0):.0f}%; guessing scores about 33%).",
    ]
    for vid, (hits, n) in score.by_variable().items():
        label = next((s.label for s in score.items if s.variable == vid), vid)
        lines.append(f"  {label}: {hits} of {n}")
    misses = [s for s in score.items if not s.hit]
    if misses:
        lines.append("  Where the world surprised you:")
        for s in misses[:8]:
            lines.append(
                f"    Turn {s.turn}: {s.label} — you expected {s.expected}, it went {s.actual}"
            )
        if len(misses) > 8:
            lines.append(f"    …and {len(misses) - 8} more")
    return lines


def rubric_lines(criteria) -> list[str]:
    """How memos are assessed, a criterion a line: `Evidence (2 points): cites the briefing`.
    `criteria`: the classroom's (or a report's) rubric criteria."""
    lines = []
    for c in criteria:
        points = f" ({c.points:g} point{'s' if c.points != 1 else ''})" if c.points else ""
        about = f": {c.description}" if c.description else ""
        lines.append(f"  {c.name}{points}{about}")
    return lines


def assigned_line(settings, pack, player: str) -> str | None:
    """The line that tells a student the teacher chose their role (and team, and group), or
    None when the classroom file gives this student no role."""
    a = settings.assignment_of(player)
    if a is None or a.role not in pack.roles:
        return None
    team = f", with the team {a.team}" if a.team else ""
    return f"Your teacher has given you the role: {pack.roles[a.role].name}{team}."
