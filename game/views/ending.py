"""The end of a game in words: the result, why this ending came (the conditions that held, the
endings checked before it and what they lacked, who climbed the escalation ladder), and the
decisions that mattered (each with its best alternative, replayed on the same dice)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from game.engine.counterfactual import Alternative, Pivot
from game.engine.explain import Clause, EndingWhy, LadderStep
from game.engine.pack import Pack
from game.engine.resolve import OPEN_ENDING
from game.engine.session import Session
from game.views.ladder import standing_text
from game.views.policy import Policy
from game.views.rules import condition_text, label_of
from game.views.words import number, short_month

RESULT_WORD = {"win": "WIN", "draw": "DRAW", "loss": "DEFEAT"}
MATTERED = (
    "Each decision replayed with every other option on the same dice, your later decisions "
    "kept where they still apply."
)
NO_PIVOTS = "No other option would have changed your score."
# how a step the player set off came about, when not by the decision itself
HOW = {
    "outcome": " (a chance outcome)",
    "later": " (a delayed consequence)",
    "lag": " (a delayed effect)",
    "smooth": " (a gradual effect)",
    "cost": " (a cost)",
}


def result_word(result: str | None) -> str:
    """WIN, DRAW or DEFEAT ('' while the game goes on)."""
    return RESULT_WORD.get(result or "", "")


def ending_title(pack: Pack, ending_id: str) -> str:
    found = next((e for e in pack.endings if e.id == ending_id), OPEN_ENDING)
    return found.title


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number(value)
    return str(value)


def clause_text(pack: Pack, clause: Clause) -> str:
    """`Russia–DPRK military cooperation at least 60 (now 52): missed by 8` — in words, with
    the labels of what it reads (the debrief shows every number, hidden meters too)."""
    seen = Policy()
    esc = pack.escalation

    def reading(n: str, v: object) -> str:
        if esc is not None and n == esc.variable and isinstance(v, (int, float)):
            return standing_text(esc, float(v))
        return _value(v)

    if len(clause.readings) == 1:  # the condition names it already
        readings = "now: " + reading(*clause.readings[0])
    else:
        readings = ", ".join(f"{label_of(pack, n)}: {reading(n, v)}" for n, v in clause.readings)
    out = condition_text(pack, clause.text, seen) + (f" ({readings})" if readings else "")
    if clause.gap is not None:
        out += f": missed by {number(clause.gap)}"
    return out


@dataclass(frozen=True)
class WhyText:
    summary: str
    held: tuple[str, ...]  # the conditions of the ending that held
    missed: tuple[tuple[str, tuple[str, ...]], ...]  # (ending checked before it, what failed)
    climbed: str  # who took the steps up the ladder, in one sentence ('' when none was taken)
    ladder: tuple[str, ...]  # each step, with its month and who took it


def why_text(pack: Pack, role: str, why: EndingWhy) -> WhyText:
    ending = why.ending
    if why.by_ladder:
        assert pack.escalation is not None
        last = pack.escalation.rungs[-1].label
        everyone = all(ending.result_for(r) == "loss" for r in pack.roles)
        summary = f"The escalation ladder reached its last rung, {last}: the game ends there" + (
            ", a defeat for every side." if everyone else "."
        )
    elif ending.id == OPEN_ENDING.id:
        summary = "Time ran out before any of the endings this pack describes was reached."
    elif ending.when.const is True:
        summary = f"“{ending.title}” is what remains when none of the endings before it holds."
    else:
        summary = f"“{ending.title}” came because its conditions held at the end."
    missed = tuple(
        (m.ending.title, tuple(clause_text(pack, c) for c in m.failed)) for m in why.missed
    )
    return WhyText(
        summary,
        tuple(clause_text(pack, c) for c in why.held if c.text.strip() != "true"),
        missed,
        climbed_text(pack, why.ladder),
        tuple(ladder_text(pack, s) for s in why.ladder),
    )


def who(pack: Pack, step: LadderStep) -> tuple[str, str]:
    """(who took a step, what they did): you, your government by default, an actor, the world."""
    if step.agent == "player":
        if step.kind == "default":
            return "Your government (a briefing left to its default)", step.label
        return "You" + HOW.get(step.kind, ""), step.label
    actor = next((a for a in pack.actors if a.id == step.agent), None)
    if actor is not None:
        return actor.shown, step.label.removeprefix(f"{actor.shown}: ")
    return "The world", step.label


def _rung(pack: Pack, value: float) -> str:
    assert pack.escalation is not None
    return pack.escalation.rungs[pack.escalation.rung(value)].label


def ladder_text(pack: Pack, step: LadderStep) -> str:
    """`Oct 2023 · North Korea: Answers repeated pressure (Routine → Posturing)`."""
    by, what = who(pack, step)
    before, after = _rung(pack, step.before), _rung(pack, step.after)
    rungs = f"{before} → {after}" if before != after else f"within {after}"
    return f"{short_month(pack, step.turn)} · {by}: {what} ({rungs})"


def climbed_text(pack: Pack, steps: tuple[LadderStep, ...]) -> str:
    """`5 steps up the escalation ladder: North Korea took 3, you 2.`"""
    if not steps:
        return "Nobody took a step up the escalation ladder." if pack.escalation else ""
    counts = Counter(
        "you" if s.agent == "player" else who(pack, s)[0] if s.agent != "world" else "the world"
        for s in steps
    )
    parts = [
        f"{name} took {n}" if i == 0 else f"{name} {n}"
        for i, (name, n) in enumerate(counts.most_common())
    ]
    n = len(steps)
    return f"{n} step{'s' if n != 1 else ''} up the escalation ladder: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class PivotText:
    head: str  # `Turn 3 · Nov 2023 — A summit offer`
    lines: tuple[str, ...]  # what you chose, the best alternative, the verdict


def pivot_text(session: Session, pivot: Pivot) -> PivotText:
    pack = session.pack
    title = pack.events_by_id[pivot.event].title
    end = ending_title(pack, pivot.ending)
    lines = [f"You chose: {pivot.label} — final score {pivot.score:.0f}, {end}"]
    if pivot.alternatives:
        best, worst = pivot.alternatives[0], pivot.alternatives[-1]
        lines.append(
            f"Best alternative: {_alternative(session, pivot, best)} — final score "
            f"{best.score:.0f}, {ending_title(pack, best.ending)}"
        )
        gain = best.score - pivot.score
        loss = pivot.score - worst.score
        if gain >= 0.5:
            verdict = f"It would have added {gain:.0f} points to your final score"
            if best.ending != pivot.ending:
                verdict += f" and ended in “{ending_title(pack, best.ending)}” instead"
            lines.append(verdict + ".")
        elif loss >= 0.5 and len(pivot.alternatives) == 1:
            lines.append(f"Your choice was the better one, by {loss:.0f} points.")
        elif loss >= 0.5:
            lines.append(
                f"Your choice was the best one here: {_alternative(session, pivot, worst)} "
                f"would have cost {loss:.0f} points."
            )
    return PivotText(f"Turn {pivot.turn} · {short_month(pack, pivot.turn)} — {title}", tuple(lines))


def _alternative(session: Session, pivot: Pivot, alt: Alternative) -> str:
    """An alternative's label, and its briefing when it was another one of the agenda."""
    pack = session.pack
    state = next(s for s in session.states() if s.turn == pivot.turn)
    event = alt.decision.rpartition("/")[0] or state.event or ""
    if event == pivot.event:
        return f"“{alt.label}”"
    return f"“{alt.label}” (on “{pack.events_by_id[event].title}”)"


def why_lines(w: WhyText) -> list[str]:
    """Why this ending, as plain lines (plain mode)."""
    lines = ["Why this ending:", f"  {w.summary}"]
    lines += [f"  Held: {text}" for text in w.held]
    if w.missed:
        lines.append("  Endings checked before it, and what they lacked:")
        for title, failed in w.missed:
            lines.append(f"    {title}: " + "; ".join(failed))
    if w.climbed:
        lines.append(f"  {w.climbed}")
        lines += [f"    {text}" for text in w.ladder]
    return lines


def mattered_lines(texts: list[PivotText]) -> list[str]:
    """The decisions that mattered, as plain lines (plain mode)."""
    lines = ["The decisions that mattered:", f"  {MATTERED}"]
    if not texts:
        lines.append(f"  {NO_PIVOTS}")
    for t in texts:
        lines.append(f"  {t.head}")
        lines += [f"    {line}" for line in t.lines]
    return lines
