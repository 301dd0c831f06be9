"""Plain-text views of a game: the desk, the consequences, the ending.

Pure functions from engine objects to lines of text, shared by plain mode and the reports.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.pack import Pack, Variable
from game.engine.report import Change, TurnReport
from game.engine.session import Briefing, Session
from game.views.agenda import handled, left_lines
from game.views.words import number, signed

KIND_LABEL = {
    "historical": "Historical",
    "hypothetical": "Hypothetical",
    "prediction": "Prediction",
}


def month(b: Briefing, pack: Pack) -> str:
    if pack.meta.step in ("month", "quarter", "year"):
        return b.date.strftime("%B %Y")
    return b.date.isoformat()


def briefing_lines(session: Session) -> list[str]:
    b = session.briefing()
    pack = session.pack
    lines = [f"— Turn {b.turn} of {b.turns} · {month(b, pack)} —", ""]
    head = b.title if not b.kind else f"{b.title}  [{KIND_LABEL.get(b.kind, b.kind)}]"
    lines += [head, ""]
    lines += b.text.strip().splitlines()
    if b.source is not None:
        lines += [""]
        if b.source.quote:
            lines += [f"“{b.source.quote.strip()}”"]
        lines += [f"Source: {b.source.cite}" + (f" <{b.source.url}>" if b.source.url else "")]
    if b.why:
        lines += [f"Why this reached you: {b.why}"]
    lines += ["", "Options:"]
    for o in b.options:
        if o.open:
            lines.append(f"  {o.key}. {o.label}")
            if o.description:
                lines.append(f"     {o.description}")
        else:
            lines.append(f"  -  {o.label} (closed: {o.why_closed})")
    return lines


def meter_lines(session: Session, trend: int = 0) -> list[str]:
    """Each visible meter: value, unit, change since last turn, reading; with `trend`, also the
    values of the last `trend` turns (the desk's sparkline, in words)."""
    pack = session.pack
    states = session.states()
    now, before = states[-1], states[-2] if len(states) > 1 else states[-1]
    lines = []
    esc = pack.escalation
    for v in pack.variables:
        if v.hidden or (esc is not None and v.slot == esc.slot):
            continue  # the ladder gets its own line
        value = now.values[v.slot]
        delta = value - before.values[v.slot]
        change = f" ({signed(delta)})" if abs(delta) >= 0.05 else ""
        reading = v.reading(value)
        reading = f" — {reading}" if reading else ""
        history = ""
        if trend and len(states) > 2:
            history = "; trend " + " → ".join(number(s.values[v.slot]) for s in states[-trend:])
        lines.append(f"  {v.label}: {number(value)} {v.unit}{change}{reading}{history}")
    if esc is not None:
        rung = esc.rung(now.values[esc.slot])
        top = len(esc.rungs) - 1
        lines.append(f"  Escalation: rung {rung} of {top} — {esc.rungs[rung].label}")
    return lines


def objective_lines(
    session: Session, score: Callable[[float], str] = lambda v: f"{v:.0f}/100"
) -> list[str]:
    """How the role's objectives would score now (`score` words a value); hidden ones say so
    instead of leaking."""
    pack = session.pack
    shown = {v.id for v in pack.variables if not v.hidden} | {"turn"}
    lines = []
    for s in session.scorecard().scores:
        if s.objective.score.reads <= shown:
            lines.append(f"  {s.objective.label}: {score(s.value)}")
        else:
            lines.append(f"  {s.objective.label}: not visible from your desk")
    return lines


def _change_line(c: Change, pack: Pack) -> str:
    if isinstance(c.after, bool):
        what = f"{c.label}: {'yes' if c.after else 'no'}"
    else:
        var = _variable(pack, c.target)
        unit = f" {var.unit}" if var else ""
        what = f"{c.label} {signed(c.delta)}{unit} → {number(c.after)}"
        if c.clamped:
            what += " (at its limit)"
    why = c.cause.label + (f" — {c.cause.detail}" if c.cause.detail else "")
    return f"  {what}   because: {why}"


def _variable(pack: Pack, vid: str) -> Variable | None:
    return next((v for v in pack.variables if v.id == vid), None)


def report_lines(session: Session, report: TurnReport) -> list[str]:
    pack = session.pack
    hidden = {v.id for v in pack.variables if v.hidden}
    lines = ["Consequences:"]
    for r in report.rolls:
        lines.append(f"  Chance: {r.what} — {r.result} (odds {r.chance:.0%}, roll {r.roll:.2f})")
    changes = [
        c
        for c in report.changes
        if c.target not in hidden and (isinstance(c.after, bool) or abs(c.delta) >= 0.05)
    ]
    lines += [_change_line(c, pack) for c in changes] or ["  No measurable change."]
    return lines + aftermath_lines(report)


def aftermath_lines(report: TurnReport) -> list[str]:
    """What arrived from earlier decisions, the news, and what is set for later."""
    lines = [f"  Arrived: {text}" for text in report.arrived]
    if report.news:
        lines += ["", "News:"]
        lines += [f"  {n.source}: {n.text}" for n in report.news]
    shown = [s for s in report.scheduled if not s.hidden]
    if shown:
        lines += ["", "Set in motion:"]
        lines += [f"  Turn {s.turn}: {s.text}" for s in shown]
    if any(s.hidden for s in report.scheduled):
        lines.append("  …and something you cannot see yet.")
    return lines


def ending_lines(session: Session) -> list[str]:
    ending = session.ending()
    if ending is None:
        return []
    lines = ["", f"=== {ending.title} ===", "", *ending.text.strip().splitlines()]
    epilogue = ending.epilogue.get(session.role)
    if epilogue:
        lines += ["", *epilogue.strip().splitlines()]
    card = session.scorecard()
    lines += ["", f"Your scorecard ({session.pack.roles[session.role].name}):"]
    for s in card.scores:
        lines.append(f"  {s.objective.label}: {s.value:.0f}/100 (weight {s.objective.weight:g})")
    lines.append(f"  Overall: {card.total:.0f}/100")
    return lines


def debrief_lines(session: Session) -> list[str]:
    pack = session.pack
    lines = ["", "Debrief — your decisions and what really happened:"]
    for step, state in zip(session.steps, session.states(), strict=False):
        event, choice = handled(pack, step.report)
        if event is None:
            continue
        label = choice.label if choice else step.choice
        lines += ["", f"Turn {state.turn}: {event.title} — you chose: {label}"]
        if step.rationale:
            lines.append(f"  Your rationale: {step.rationale}")
        lines += [f"  {line}" for line in left_lines(pack, step.report)]
        if choice is not None and choice.debrief:
            lines.append(f"  Note: {choice.debrief}")
        if event.reality is not None:
            r = event.reality
            when = f" ({r.date})" if r.date else ""
            lines.append(f"  In reality{when}: {r.text} [confidence: {r.confidence}]")
            if r.critical:
                lines.append(f"  Read critically: {r.critical}")
    return lines
