"""Plain-text views of a game: the desk, the meters, the consequences, the ending and debrief.

Pure functions from engine objects to lines of text for plain mode, built from the same views
as the full-screen game (game.views), so both say the same things in the same order: pack
Markdown as clean text, and numbers or words as the policy (game.views.policy) says.
"""

from __future__ import annotations

from game.engine.pack import Pack
from game.engine.session import Briefing, Session
from game.engine.state import GameState
from game.views.agenda import LETTERS, default_text
from game.views.blocks import plain_lines
from game.views.budget import budget_text, closed_text, cost_text
from game.views.consequences import consequences
from game.views.debrief import (
    decision_blocks,
    ending_reality_blocks,
    scorecard_blocks,
    then_and_now_blocks,
)
from game.views.desk import (
    folded_quote,
    objective_rows,
    quoted_note,
    quoted_on,
    returning_note,
)
from game.views.draw import draw_text
from game.views.forecast import forecast_summary, option_forecast
from game.views.glossary import terms_in, terms_line
from game.views.ladder import standing_text
from game.views.markup import plain_text
from game.views.policy import Policy
from game.views.words import KIND_LABEL, number, signed

DRIFT_HINT = " (type d to list them)"


def month(b: Briefing, pack: Pack) -> str:
    if pack.meta.step in ("month", "quarter", "year"):
        return b.date.strftime("%B %Y")
    return b.date.isoformat()


def briefing_lines(
    session: Session, shown: int, policy: Policy, in_full: bool = False
) -> list[str]:
    """The desk: the budget, how the objectives and the ladder stand, the briefings of an
    agenda (`shown` is the one read out), its text and source (a passage quoted before in this
    game by its first words, unless `in_full`), why it came, and its options with their costs
    and, at a fog other than none, forecasts."""
    pack, state = session.pack, session.state
    agenda = session.agenda()
    b = agenda[shown]
    lines = [f"— Turn {b.turn} of {b.turns} · {month(b, pack)} —"]
    if pack.budget is not None:
        lines.append(budget_text(pack, state, policy.numbers))
    lines += status_lines(session, policy)
    lines.append("")
    if len(agenda) > 1:
        lines += [*agenda_lines(pack, state, agenda, shown), ""]
    head = b.title if not b.kind else f"{b.title}  [{KIND_LABEL.get(b.kind, b.kind)}]"
    lines.append(head)
    back = returning_note(session, b)
    if back:
        lines.append(back)
    lines += ["", *plain_text(b.text).splitlines()]
    if b.source is not None:
        lines += [""]
        if b.source.quote:
            before = None if in_full else quoted_on(session, b)
            if before is None:
                lines += [f"“{b.source.quote.strip()}”"]
            else:
                note = quoted_note(session, before)
                lines += [f"{folded_quote(b.source.quote)} ({note}; f reads it again)"]
        lines += [f"Source: {b.source.cite}" + (f" <{b.source.url}>" if b.source.url else "")]
    terms = terms_line(terms_in(pack.glossary, b.text))
    if terms:
        lines += ["", f"{terms} (g explains them)"]
    why = draw_text(b.draw, b.why, policy)
    if why:
        lines += [f"Why this reached you: {why}"]
    lines += ["", "Options:"]
    for o in b.options:
        cost = cost_text(pack, o.cost, policy.numbers)
        meta = ([f"costs {cost}"] if cost else []) + (["the default if left"] if o.default else [])
        suffix = f" — {'; '.join(meta)}" if meta else ""
        if not o.open:
            assert b.event is not None
            why = closed_text(pack, state, b.event, o, policy.numbers)
            lines.append(f"  -  {o.label}{suffix} (closed: {why})")
            continue
        lines.append(f"  {o.key}. {o.label}{suffix}")
        if o.description:
            lines.append(f"     {o.description}")
        if b.event is not None and policy.fog != "none":
            fc = option_forecast(pack, state, b.event, o)
            lines.append(f"     Staff forecast: {forecast_summary(pack, fc, policy.fog)}")
    return lines


def status_lines(session: Session, policy: Policy) -> list[str]:
    """How the objectives stand (what the desk's panel shows) and the ladder's rung."""
    from game.views.readings import score_word

    parts = []
    for row in objective_rows(session, policy):
        label = row.short or row.label  # never cut: a screen reader reads what is there
        if row.value is None:
            parts.append(f"{label} not visible")
        else:
            parts.append(f"{label} {row.value:.0f}" if policy.numbers else
                         f"{label}: {score_word(row.value)}")  # fmt: skip
    lines = [f"Your objectives: {' · '.join(parts)}"] if parts else []
    esc = session.pack.escalation
    if esc is not None:
        value = float(session.state.values[esc.slot])
        lines.append(f"Escalation: {standing_text(esc, value, policy.numbers)}")
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


def meter_lines(session: Session, policy: Policy, trend: int = 0) -> list[str]:
    """Each visible meter: value, unit, change since last turn, reading; with `trend`, also the
    values of the last `trend` turns (the desk's trend line, in words). Without numbers: its
    reading in words ("high, rising")."""
    from game.views.readings import qualitative

    pack = session.pack
    states = session.states()
    now, before = states[-1], states[-2] if len(states) > 1 else None
    lines = []
    esc = pack.escalation
    for v in pack.variables:
        if not policy.sees_name(v.id) or (esc is not None and v.id == esc.variable):
            continue  # the ladder gets its own line
        value = now.values[v.slot]
        previous = before.values[v.slot] if before is not None else None
        if not policy.numbers:
            lines.append(f"  {v.label}: {qualitative(v, value, previous, policy.steady_for(v.id))}")
            continue
        delta = value - (previous if previous is not None else value)
        change = f" ({signed(delta)})" if abs(delta) >= 0.05 else ""
        reading = v.reading(value)
        reading = f" — {reading}" if reading else ""
        history = ""
        if trend and len(states) > 2:
            history = "; trend " + " → ".join(number(s.values[v.slot]) for s in states[-trend:])
        lines.append(f"  {v.label}: {number(value)} {v.unit}{change}{reading}{history}")
    if esc is not None:
        standing = standing_text(esc, float(now.values[esc.slot]), policy.numbers)
        lines.append(f"  Escalation: {standing}")
    return lines


def objective_lines(session: Session, policy: Policy) -> list[str]:
    """How the role's objectives would score now; one that reads a hidden meter says so
    instead of leaking it."""
    from game.views.readings import score_word

    lines = []
    for row in objective_rows(session, policy):
        if row.value is None:
            lines.append(f"  {row.label}: not visible from your desk")
        else:
            score = f"{row.value:.0f}/100" if policy.numbers else score_word(row.value)
            weight = f" (counts ×{row.weight:g})" if row.weight != 1 and policy.numbers else ""
            lines.append(f"  {row.label}: {score}{weight}")
    return lines


def consequence_lines(
    session: Session, index: int, policy: Policy, reveals: tuple = (), memo: bool = False
) -> list[str]:
    """The consequences of decision `index`, the small shifts folded into one line."""
    view = consequences(session, index, policy, reveals, memo)
    return plain_lines(view.blocks, DRIFT_HINT)


def drift_lines(session: Session, index: int, policy: Policy) -> list[str]:
    """The small shifts of decision `index`, by cause."""
    drift = consequences(session, index, policy).drift
    return plain_lines(drift) if drift else ["  No small shifts this turn."]


def ending_lines(session: Session) -> list[str]:
    """The future reached (its text, the epilogue, what happened in reality and the sources),
    the result and the scorecard."""
    ending = session.ending()
    if ending is None:
        return []
    lines = ["", f"=== {ending.title} ===", "", *plain_text(ending.text).splitlines()]
    epilogue = ending.epilogue.get(session.role)
    if epilogue:
        lines += ["", *plain_text(epilogue).splitlines()]
    reality = ending_reality_blocks(session)
    if reality:
        lines += ["", *plain_lines(reality)]
    lines += plain_lines(scorecard_blocks(session))
    return lines


def debrief_lines(session: Session) -> list[str]:
    """Every decision beside what really happened, with its sources; the questions; then your
    game against what happened, month by month."""
    lines = ["", "Debrief — your decisions and what really happened:", "",
             *plain_lines(decision_blocks(session))]  # fmt: skip
    then_and_now = then_and_now_blocks(session)
    if then_and_now:
        lines += ["", "Your game against what happened:", "", *plain_lines(then_and_now)]
    return lines
