"""Plain-text views for classes that hide the numbers: the meters, the consequences and the
objectives in words ("Tension: high, rising"), and the prediction debrief.

The counterparts of game.text.meter_lines / report_lines / objective_lines; plain mode uses these
when the classroom file says `hide_numbers = true`.
"""

from __future__ import annotations

from game import text
from game.classroom.predict import PredictionScore
from game.classroom.settings import ClassroomSettings
from game.engine.report import TurnReport
from game.engine.session import Session
from game.text import aftermath_lines
from game.views.readings import chance_word, qualitative, score_word, trend

ARROW = {"up": "up", "down": "down", "steady": "steady"}


def meter_lines(session: Session, settings: ClassroomSettings | None = None) -> list[str]:
    """The meters in words; a variable the class predicts is steady by the prediction's rule."""
    pack = session.pack
    states = session.states()
    now, before = states[-1], states[-2] if len(states) > 1 else None
    lines = []
    for v in pack.variables:
        if v.hidden:
            continue
        previous = before.values[v.slot] if before is not None else None
        steady = settings.steady_for(v.id) if settings is not None else None
        lines.append(f"  {v.label}: {qualitative(v, now.values[v.slot], previous, steady)}")
    esc = pack.escalation
    if esc is not None:
        lines.append(f"  Escalation: {esc.rungs[esc.rung(now.values[esc.slot])].label}")
    return lines


def report_lines(
    session: Session, report: TurnReport, settings: ClassroomSettings | None = None
) -> list[str]:
    """The consequences of a decision, without numbers (a variable the class predicts is steady
    by the prediction's rule)."""
    pack = session.pack
    variables = {v.id: v for v in pack.variables}
    hidden = {v.id for v in pack.variables if v.hidden}
    lines = ["Consequences:"]
    for r in report.rolls:
        if r.cause.kind == "outcome" or r.result not in ("yes", "no"):
            lines.append(f"  Chance: {r.what} — {r.result} ({chance_word(r.chance)})")
    shown = 0
    for c in report.changes:
        if c.target in hidden:
            continue
        shown += 1
        why = c.cause.label
        if isinstance(c.after, bool):
            lines.append(f"  {c.label}: {'yes' if c.after else 'no'}   because: {why}")
            continue
        var = variables.get(c.target)
        if var is None:
            continue
        steady = settings.steady_for(c.target) if settings is not None else None
        move = trend(var, float(c.after), float(c.before), steady)
        lines.append(f"  {c.label} {move} → {qualitative(var, float(c.after))}   because: {why}")
    if not shown:
        lines.append("  No measurable change.")
    return lines + aftermath_lines(report)


def objective_lines(session: Session) -> list[str]:
    return text.objective_lines(session, score=score_word)


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
