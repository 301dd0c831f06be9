"""Plain-text views of a game: the desk, the consequences, the ending.

Pure functions from engine objects to lines of text, shared by plain mode and the reports.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.pack import Pack, Variable
from game.engine.report import Change, TurnReport
from game.engine.session import Briefing, Session
from game.engine.state import GameState
from game.views.agenda import LETTERS, default_text, handled, left_lines
from game.views.budget import budget_text, closed_text, cost_text
from game.views.chronology import months_of
from game.views.ending import result_word
from game.views.forecast import forecast_summary, option_forecast
from game.views.glossary import terms_in, terms_line
from game.views.reality import citations, cite_text, date_text, reality_lines
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


def briefing_lines(
    session: Session, shown: int = 0, fog: str = "none", numbers: bool = True
) -> list[str]:
    """The desk: the budget, the briefings of an agenda (`shown` is the one read out), its text
    and source, and its options with their costs and, at a fog other than none, forecasts."""
    pack, state = session.pack, session.state
    agenda = session.agenda()
    b = agenda[shown]
    lines = [f"— Turn {b.turn} of {b.turns} · {month(b, pack)} —"]
    if pack.budget is not None:
        lines.append(budget_text(pack, state, numbers))
    lines.append("")
    if len(agenda) > 1:
        lines += [*agenda_lines(pack, state, agenda, shown), ""]
    head = b.title if not b.kind else f"{b.title}  [{KIND_LABEL.get(b.kind, b.kind)}]"
    lines += [head, ""]
    lines += b.text.strip().splitlines()
    if b.source is not None:
        lines += [""]
        if b.source.quote:
            lines += [f"“{b.source.quote.strip()}”"]
        lines += [f"Source: {b.source.cite}" + (f" <{b.source.url}>" if b.source.url else "")]
    terms = terms_line(terms_in(pack.glossary, b.text))
    if terms:
        lines += ["", f"{terms} (g explains them)"]
    if b.why:
        lines += [f"Why this reached you: {b.why if numbers else b.why.split(':')[0]}"]
    lines += ["", "Options:"]
    for o in b.options:
        cost = cost_text(pack, o.cost, numbers)
        meta = ([f"costs {cost}"] if cost else []) + (["the default if left"] if o.default else [])
        suffix = f" — {'; '.join(meta)}" if meta else ""
        if not o.open:
            assert b.event is not None
            why = closed_text(pack, state, b.event, o, numbers)
            lines.append(f"  -  {o.label}{suffix} (closed: {why})")
            continue
        lines.append(f"  {o.key}. {o.label}{suffix}")
        if o.description:
            lines.append(f"     {o.description}")
        if b.event is not None and fog != "none":
            fc = option_forecast(pack, state, b.event, o)
            lines.append(f"     Staff forecast: {forecast_summary(pack, fc, fog)}")
    return lines


def agenda_lines(
    pack: Pack, state: GameState, agenda: tuple[Briefing, ...], shown: int
) -> list[str]:
    """The briefings of an agenda by letter, each with what its default would do."""
    lines = [
        f"{len(agenda)} briefings on your desk: you handle one, and each other one is left "
        "to its default."
    ]
    for i, b in enumerate(agenda):
        assert b.event is not None
        below = " (below)" if i == shown else ""
        lines.append(
            f"  {LETTERS[i]}. {b.title}{below} — its default: {default_text(pack, state, b.event)}"
        )
    letters = ", ".join(LETTERS[: len(agenda)])
    lines.append(f"Type {letters} to read that briefing; a number decides on the one below.")
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
    result = result_word(card.result)
    if result:
        lines += ["", f"Result: {result}"]
    lines += ["", f"Your scorecard ({session.pack.roles[session.role].name}):"]
    for s in card.scores:
        lines.append(f"  {s.objective.label}: {s.value:.0f}/100 (weight {s.objective.weight:g})")
    w = card.result_weight
    if card.result is not None and w:
        lines.append(f"  Your objectives: {card.objectives:.0f}/100 ({1 - w:.0%} of the score)")
        lines.append(f"  Result: {result} ({w:.0%} of the score)")
    lines.append(f"  Overall: {card.total:.0f}/100")
    return lines


def debrief_lines(session: Session) -> list[str]:
    pack = session.pack
    lines = ["", "Debrief — your decisions and what really happened:"]
    if pack.reality_as_of:
        lines.append(f"(What really happened follows events up to {pack.reality_as_of}.)")
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
            lines += [f"  {line}" for line in reality_lines(pack, event.reality)]
    return lines + then_and_now_lines(session)


def then_and_now_lines(session: Session) -> list[str]:
    """Your game against what happened, month by month, and what came after it."""
    pack = session.pack
    months = months_of(session)
    if not any(m.real for m in months):
        return []
    lines = ["", "Your game against what happened:"]
    for m in months:
        lines += ["", f"  {m.label}" + ("" if m.played else " (outside your game)")]
        lines += [f"    Your desk: {what}" for what in m.game]
        for c in m.real:
            sure = "" if c.confidence == "high" else f" [confidence: {c.confidence}]"
            cites = "; ".join(cite_text(t, u) for t, u in citations(pack, c.sources))
            lines.append(
                f"    In reality, {date_text(c.date, c.precision)}: {c.text.strip()}{sure}"
            )
            lines.append(f"      Source: {cites}")
    return lines
