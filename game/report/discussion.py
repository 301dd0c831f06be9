"""The class page's sections for the discussion: one event as each role met it, prediction
accuracy by event and by meter, what really happened beside what the class chose, the
questions to ask, and the decisions that mattered most across the class. Pure over the
summary's reports: "the decisions that mattered" are each game's own (Report.mattered, the
engine's replays), counted here, never computed again. Long parts are collapsed (<details>)
so the page stays short; everything from a pack, a classroom file or a save is escaped."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.report.html import reality_block
from game.report.svg import e
from game.views.ending import MATTERED
from game.views.reality import verdict_word

if TYPE_CHECKING:
    from game.report.model import Reality
    from game.report.summary import ClassSummary, EventSummary

SHOWN = 3  # events shown open before the rest are collapsed
MEMOS = 2  # memos quoted per role in "one event across roles"


def _choices(ev: EventSummary, n: int = 3) -> str:
    """The most chosen options of an event, with their shares: `Designate them 60%`."""
    top = sorted(ev.options.values(), key=lambda o: -o.count)[:n]
    return "<br>".join(
        f"{e(o.label)} <b>{100 * o.count / ev.faced:.0f}%</b>" for o in top if o.count
    )


def _by_event(s: ClassSummary) -> dict[str, list[EventSummary]]:
    out: dict[str, list[EventSummary]] = defaultdict(list)
    for ev in s.events:
        out[ev.event].append(ev)
    return out


# -- one event across roles ---------------------------------------------------------------------


def across_roles_html(s: ClassSummary) -> list[str]:
    shared = [evs for evs in _by_event(s).values() if len(evs) >= 2]
    if not shared:
        return []
    shared.sort(key=lambda evs: (-sum(ev.faced for ev in evs), evs[0].title))
    out = [
        "<h2>One event across roles</h2>",
        '<p class="note">The same event on different desks: what each role’s students chose, '
        "and why (two memos per role).</p>",
    ]
    for i, evs in enumerate(shared):
        rows = []
        for ev in evs:
            memos = [r for r in ev.rationales if r.text.strip()][:MEMOS]
            quoted = "".join(
                f"<div class='card'><div class='who'>{e(r.name)} · {e(r.label)}</div>"
                f"{e(r.text)}</div>"
                for r in memos
            )
            rows.append(
                f"<tr><td>{e(s.roles.get(ev.role, ev.role))}</td><td class='n'>{ev.faced}</td>"
                f"<td>{_choices(ev)}</td><td>{quoted}</td></tr>"
            )
        faced = sum(ev.faced for ev in evs)
        out.append(
            f"<details{' open' if i == 0 else ''}><summary><b>{e(evs[0].title)}</b> — met by "
            f"{faced} students in {len(evs)} roles</summary><table><tr><th>Role</th>"
            "<th>Faced</th><th>Chose</th><th>Why</th></tr>" + "".join(rows) + "</table></details>"
        )
    return out


# -- predictions by event and by meter ----------------------------------------------------------


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0


def prediction_tallies(s: ClassSummary) -> tuple[dict[str, Tally], dict[tuple[str, str], Tally]]:
    """The class's predictions right, by meter (its label) and by event (role, title)."""
    by_meter: dict[str, Tally] = defaultdict(Tally)
    by_event: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for en in s.entries:
        for d in en.report.decisions:
            for p in d.predictions:
                for t in (by_meter[p.label], by_event[(en.report.role, d.title)]):
                    t.total += 1
                    t.hits += p.hit
    return dict(by_meter), dict(by_event)


def predictions_html(s: ClassSummary) -> list[str]:
    by_meter, by_event = prediction_tallies(s)
    if not by_meter:
        return []
    out = [
        "<h2>Prediction accuracy by meter and by event</h2>",
        '<p class="note">How often the class foresaw which way a meter would move (guessing '
        "scores about a third); the events where the world surprised the class most come "
        "first.</p><table><tr><th>Meter</th><th>Right</th><th>Share</th></tr>",
    ]
    for label, t in sorted(by_meter.items(), key=lambda x: x[1].share):
        out.append(_tally_row(e(label), t))
    out.append("</table>")
    events = sorted(by_event.items(), key=lambda x: (x[1].share, -x[1].total, x[0][1]))
    head = "<table><tr><th>Event</th><th>Right</th><th>Share</th></tr>"
    rows = [_tally_row(f"{e(title)} <span class='note'>({e(s.roles.get(role, role))})</span>", t)
            for (role, title), t in events]  # fmt: skip
    out.append(head + "".join(rows[:5]) + "</table>")
    if len(rows) > 5:
        out.append(
            f"<details><summary>The other {len(rows) - 5} events</summary>{head}"
            + "".join(rows[5:])
            + "</table></details>"
        )
    return out


def _tally_row(label_html: str, t: Tally) -> str:
    bar = f'<span class="bar" style="width:{t.share * 10:.2f}rem"></span>'
    return (
        f"<tr><td>{label_html}</td><td class='n'>{t.hits}/{t.total}</td>"
        f"<td class='n' style='width:15rem'>{bar} {100 * t.share:.0f}%</td></tr>"
    )


# -- what really happened -----------------------------------------------------------------------


def realities(s: ClassSummary) -> list[tuple[Reality, list[EventSummary]]]:
    """Each event with a note on what really happened, with how each role chose at it; in the
    order the events came up."""
    notes: dict[str, Reality] = {}
    for en in s.entries:
        for d in en.report.decisions:
            if d.event is not None and d.reality is not None:
                notes.setdefault(d.event, d.reality)
    found = [(notes[k], evs) for k, evs in _by_event(s).items() if k in notes]
    found.sort(key=lambda x: min(ev.typical_turn for ev in x[1]))
    return found


def reality_html(s: ClassSummary) -> list[str]:
    found = realities(s)
    if not found:
        return []
    out = [
        "<h2>What really happened, beside the class’s choices</h2>",
        '<p class="note">Each event the class met that the pack follows in reality, in the '
        "order they came up: open one to see what the class chose beside what happened, with "
        "the sources.</p>",
    ]
    for reality, evs in found:
        verdict = verdict_word(reality.verdict)
        tag = f" · <span class='verdict'>{e(verdict)}</span>" if verdict else ""
        when = f" <span class='note'>({e(reality.date)})</span>" if reality.date else ""
        rows = "".join(
            f"<tr><td>{e(s.roles.get(ev.role, ev.role))}</td><td class='n'>{ev.faced}</td>"
            f"<td>{_choices(ev)}</td></tr>"
            for ev in evs
        )
        out.append(
            f"<details><summary><b>{e(evs[0].title)}</b>{when}{tag}</summary>"
            "<table><tr><th>Role</th><th>Faced</th><th>The class chose</th></tr>"
            f"{rows}</table>{reality_block(reality)}</details>"
        )
    return out


# -- questions ----------------------------------------------------------------------------------


def questions(s: ClassSummary) -> list[tuple[str, bool, int]]:
    """(question, from the teacher, how many students met one of its events): the teacher's
    questions first, then the pack's, each once."""
    found: dict[str, list] = {}
    for en in s.entries:
        c = en.report.classroom
        for text in c.questions if c is not None else ():
            found.setdefault(text, [True, 0])
        for q in en.report.questions:
            item = found.setdefault(q.text, [q.teacher, 0])
            item[1] += q.seen
    ordered = sorted(found.items(), key=lambda x: not x[1][0])
    return [(text, teacher, seen) for text, (teacher, seen) in ordered]


def questions_html(s: ClassSummary) -> list[str]:
    found = questions(s)
    if not found:
        return []
    out = ["<h2>Questions for the discussion</h2><ol>"]
    for text, teacher, seen in found:
        note = "from the classroom file" if teacher else f"met by {seen} of {s.n} students"
        out.append(f"<li>{e(text)} <span class='note'>({note})</span></li>")
    return [*out, "</ol>"]


# -- the decisions that mattered ----------------------------------------------------------------


@dataclass
class Mattered:
    """An event that was one of the decisions that mattered in some of the class's games."""

    role: str
    title: str
    games: int = 0
    gains: list[float] = field(default_factory=list)  # the best alternative − as played
    example: tuple[str, tuple[str, ...]] = ("", ())  # the game with the most to gain

    @property
    def mean_gain(self) -> float | None:
        return statistics.fmean(self.gains) if self.gains else None


def mattered_most(s: ClassSummary, n: int = 8) -> list[Mattered]:
    """The events that most often were among a game's decisions that mattered (each game's own
    Report.mattered), with the mean points the best alternative would have added."""
    found: dict[tuple[str, str], Mattered] = {}
    best_gain: dict[tuple[str, str], float] = {}
    for en in s.entries:
        r = en.report
        turns = {d.turn: d for d in r.decisions if d.event is not None}
        for p in r.mattered:
            d = turns.get(p.turn)
            if d is None:
                continue
            key = (r.role, d.event or "")
            m = found.setdefault(key, Mattered(r.role, d.title))
            m.games += 1
            gain = p.best - p.score if p.best is not None else None
            if gain is not None:
                m.gains.append(gain)
            if gain is not None and gain > best_gain.get(key, float("-inf")):
                best_gain[key] = gain
                m.example = (en.name, (p.head, *p.lines))
    ranked = sorted(found.values(), key=lambda m: (-m.games, -(m.mean_gain or 0), m.title))
    return ranked[:n]


def mattered_html(s: ClassSummary) -> list[str]:
    ranked = mattered_most(s)
    if not ranked:
        return []
    out = [
        "<h2>The decisions that mattered most</h2>",
        "<p class='note'>Each game’s debrief lists the decisions that mattered in it: "
        f"{e(MATTERED)} These are the events that most often were among them, with how many "
        "points the best other option would have added on average (− when the class’s choice "
        "was the better one).</p>",
        "<table><tr><th>Event</th><th>Role</th><th>Games of the role</th><th>Best other option</th>"
        "<th>The clearest case</th></tr>",
    ]
    for m in ranked:
        gain = "—" if m.mean_gain is None else f"{m.mean_gain:+.0f} points"
        name, lines = m.example
        case = (
            f"<details><summary>{e(name)}</summary>"
            + "<br>".join(e(line) for line in lines)
            + "</details>"
            if lines
            else ""
        )
        out.append(
            f"<tr><td>{e(m.title)}</td><td>{e(s.roles.get(m.role, m.role))}</td>"
            f"<td class='n'>{m.games} of {len(s.scores.get(m.role, []))}</td>"
            f"<td class='n'>{gain}</td><td>{case}</td></tr>"
        )
    return [*out, "</table>"]
