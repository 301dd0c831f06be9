"""From a played game to its report: a pure function of the session and what the classroom
added (the student's name, the settings, scored predictions, counterfactuals)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from game.engine.counterfactual import Pivot, decisive
from game.engine.explain import why_ending
from game.engine.pack import Pack
from game.engine.pack import Reality as PackReality
from game.engine.resolve import is_open
from game.engine.session import Session
from game.inert import web_link
from game.report import model as M
from game.views.agenda import handled, left_items
from game.views.chronology import months_of
from game.views.consequences import scheduled_text
from game.views.ending import WhyText, pivot_text, why_text
from game.views.glossary import terms_in
from game.views.policy import Policy
from game.views.reality import date_text
from game.views.words import short_month

if TYPE_CHECKING:
    from game.classroom.predict import PredictionScore
    from game.classroom.settings import ClassroomSettings
    from game.classroom.whatif import WhatIf


def build_report(
    session: Session,
    *,
    player: str = "",
    classroom: ClassroomSettings | None = None,
    predictions: PredictionScore | None = None,
    whatifs: list[WhatIf] | tuple[WhatIf, ...] = (),
    notes: list[str] | tuple[str, ...] = (),
    game_version: str = "",
    now: dt.datetime | None = None,
    saved_pack: M.PackRef | None = None,
) -> M.Report:
    pack = session.pack
    role = pack.roles[session.role]
    states = session.states()
    hidden = {v.id for v in pack.variables if v.hidden}
    by_turn: dict[int, list] = {}
    if predictions is not None:
        for item in predictions.items:
            by_turn.setdefault(item.turn, []).append(item)
    decisions = []
    seen: set[str] = set()
    why = session.opening_reason
    for before, step in zip(states, session.steps, strict=False):
        decisions.append(_decision(pack, session.role, before, step, hidden, by_turn, why))
        why = step.report.draw.reason if step.report.draw is not None else ""
        seen.update(before.desk)
    ending = session.ending()
    card = session.scorecard()
    ending_why = why_ending(session)
    return M.Report(
        generated_at=now or dt.datetime.now(dt.UTC),
        game_version=game_version,
        pack=M.PackRef(
            id=pack.meta.id, title=pack.meta.title, version=pack.meta.version, digest=pack.digest
        ),
        saved_pack=saved_pack,
        role=session.role,
        role_name=role.name,
        office=role.office,
        seed=session.seed,
        player=player,
        classroom=_classroom(classroom, player),
        assumptions=[
            M.AssumptionUsed(
                id=a.id,
                label=a.label,
                value=states[0].values[a.slot],
                default=_defaults(pack).get(a.id, a.default),
            )
            for a in pack.assumptions
        ],
        turns=pack.meta.turns,
        start_date=pack.meta.start.isoformat(),
        over=session.over,
        ending=_ending(pack, session.role, ending) if ending is not None else None,
        dates=[pack.date_of(s.turn).isoformat() for s in states],
        meters=[
            M.Meter(
                id=v.id,
                label=v.label,
                unit=v.unit,
                min=v.min,
                max=v.max,
                hidden=v.hidden,
                values=[round(float(s.values[v.slot]), 4) for s in states],
            )
            for v in pack.variables
        ],
        escalation=[r.label for r in pack.escalation.rungs] if pack.escalation else [],
        decisions=decisions,
        scorecard=[
            M.Score(
                id=s.objective.id,
                label=s.objective.label,
                weight=s.objective.weight,
                score=round(s.value, 2),
                description=s.objective.description,
            )
            for s in card.scores
        ],
        total=round(card.total, 2),
        objectives=round(card.objectives, 2),
        result=card.result,
        result_weight=card.result_weight,
        why=_why(why_text(pack, session.role, ending_why)) if ending_why is not None else None,
        mattered=[_pivot(session, p) for p in decisive(session)] if ending_why is not None else [],
        predictions=_prediction_summary(predictions),
        counterfactuals=[_counterfactual(w) for w in whatifs],
        questions=_questions(pack, seen, classroom),
        teaching_goals=list(pack.teaching_goals),
        teaching_notes=pack.teaching_notes.strip(),
        reality_as_of=pack.reality_as_of,
        then_and_now=_then_and_now(session),
        glossary=_glossary(pack, role.briefing, seen),
        voices=[
            M.VoiceRef(capital=v.capital, text=v.text.strip(), sources=_sources(pack, v.sources))
            for v in pack.voices
        ],
        notes=list(notes),
    )


def _defaults(pack: Pack) -> dict[str, bool | float]:
    """The pack's own defaults (a classroom's pack has the classroom's values as defaults)."""
    base = pack.__dict__.get("_base_pack", pack)
    return {a.id: a.default for a in base.assumptions}


def _classroom(c: ClassroomSettings | None, player: str) -> M.ClassroomRef | None:
    if c is None:
        return None
    group = c.group_of(player)
    return M.ClassroomRef(
        id=c.id,
        title=c.classroom.title,
        digest=c.digest,
        turns=c.classroom.turns,
        hide_numbers=c.hide_numbers,
        rationale_required=c.rationale.required,
        rationale_min_length=c.rationale.min_length,
        predict=list(c.predicting),
        questions=list(c.classroom.questions),
        rubric=[
            M.Criterion(name=r.name, description=r.description, points=r.points)
            for r in c.rubric.criteria
        ],
        team=c.team_of(player),
        group=group.name if group is not None else "",
    )


def _sources(pack: Pack, ids: tuple[str, ...]) -> list[M.SourceRef]:
    sources = []
    for sid in ids:
        s = pack.sources.get(sid)
        if s is None:  # a bare reference: a URL is still a link
            url = sid if web_link(sid) else ""
            sources.append(M.SourceRef(id=sid, cite=sid, url=url))
        else:
            sources.append(M.SourceRef(id=s.id, cite=s.cite, url=s.url, quote=s.quote))
    return sources


def _reality(pack: Pack, r: PackReality | None) -> M.Reality | None:
    if r is None:
        return None
    return M.Reality(
        text=r.text.strip(),
        date=r.date,
        confidence=r.confidence,
        critical=r.critical.strip(),
        sources=_sources(pack, r.sources),
        verdict=r.verdict or "",
    )


def _then_and_now(session: Session) -> list[M.MonthRow]:
    pack = session.pack
    return [
        M.MonthRow(
            month=f"{m.year:04d}-{m.month:02d}",
            label=m.label,
            game=list(m.game),
            real=[
                M.RealEvent(
                    date=c.date.isoformat(),
                    shown=date_text(c.date, c.precision),
                    text=c.text.strip(),
                    confidence=c.confidence,
                    sources=_sources(pack, c.sources),
                )
                for c in m.real
            ],
            played=m.played,
        )
        for m in months_of(session)
    ]


def _glossary(pack: Pack, briefing: str, seen: set[str]) -> list[M.Term]:
    """The glossary's terms that the role's briefing and the events met use."""
    texts = [briefing]
    for e in pack.events:
        if e.id in seen:
            texts.append(e.text)
            if e.reality is not None:
                texts += [e.reality.text, e.reality.critical]
    return [
        M.Term(term=t.term, definition=t.definition.strip())
        for t in terms_in(pack.glossary, *texts)
    ]


def _decision(
    pack: Pack, role: str, before, step, hidden: set[str], by_turn, why: str
) -> M.Decision:
    report = step.report
    event, choice = handled(pack, report)
    env = list(before.values)
    if event is None:
        title, kind, label, note, options, tags = pack.meta.quiet_title, "", "Continue", "", [], []
        reality = None
    else:
        title, kind = event.title, event.kind
        label = choice.label if choice else report.choice
        note = choice.debrief.strip() if choice else ""
        tags = list(choice.tags) if choice else []
        options = [
            M.OptionRef(id=c.id, label=c.label, open=is_open(pack, c, env), tags=list(c.tags))
            for c in event.choices_for(role)
        ]
        reality = _reality(pack, event.reality)
    outcome = next((r.result for r in report.rolls if r.cause.kind == "outcome"), "")
    return M.Decision(
        turn=before.turn,
        date=pack.date_of(before.turn).isoformat(),
        when=short_month(pack, before.turn),
        event=event.id if event is not None else None,
        title=title,
        kind=kind,
        why_drawn=why,
        choice=report.choice,
        label=label,
        tags=tags,
        options=options,
        rationale=step.rationale,
        note=note,
        outcome=outcome,
        changes=[
            M.Change(
                target=c.target,
                label=c.label,
                before=c.before,
                after=c.after,
                cause=c.cause.kind,
                why=c.cause.label + (f" — {c.cause.detail}" if c.cause.detail else ""),
                clamped=c.clamped,
                hidden=c.target in hidden,
            )
            for c in report.changes
        ],
        rolls=[
            M.Roll(what=r.what, chance=round(r.chance, 4), roll=round(r.roll, 4), result=r.result)
            for r in report.rolls
        ],
        news=[f"{n.source}: {n.text.strip()}" for n in report.news],
        arrived=list(report.arrived),
        scheduled=[
            f"turn {s.turn}: {scheduled_text(pack, s, Policy())}"
            for s in report.scheduled
            if not s.hidden and s.turn <= pack.meta.turns  # what comes later never comes
        ],
        hidden_scheduled=sum(1 for s in report.scheduled if s.hidden),
        predictions=[
            M.PredictionItem(
                variable=p.variable,
                label=p.label,
                expected=p.expected,
                actual=p.actual,
                delta=round(p.delta, 4),
            )
            for p in by_turn.get(before.turn, [])
        ],
        reality=reality,
        cost=round(report.cost, 4),
        left=left_items(pack, report),
    )


def _why(w: WhyText) -> M.WhyEnding:
    return M.WhyEnding(
        summary=w.summary,
        held=list(w.held),
        missed=[M.MissedEnding(title=t, failed=list(f)) for t, f in w.missed],
        climbed=w.climbed,
        ladder=list(w.ladder),
    )


def _pivot(session: Session, p: Pivot) -> M.Pivot:
    t = pivot_text(session, p)
    best = p.alternatives[0].score if p.alternatives else None
    return M.Pivot(
        turn=p.turn,
        head=t.head,
        lines=list(t.lines),
        score=round(p.score, 2),
        best=round(best, 2) if best is not None else None,
    )


def _ending(pack: Pack, role: str, ending) -> M.Ending:
    return M.Ending(
        id=ending.id,
        title=ending.title,
        text=ending.text.strip(),
        epilogue=ending.epilogue.get(role, "").strip(),
        reality=_reality(pack, ending.reality),
    )


def _prediction_summary(score: PredictionScore | None) -> M.PredictionSummary | None:
    if score is None:
        return None
    return M.PredictionSummary(
        hits=score.hits,
        total=score.total,
        by_variable={k: [h, n] for k, (h, n) in score.by_variable().items()},
    )


def _branch(b) -> M.BranchOut:
    return M.BranchOut(
        choice=b.choice,
        label=b.label,
        runs=b.runs,
        endings=dict(b.endings),
        mean_score=round(b.mean_score, 2),
        own_dice=b.own_dice,
        own_dice_score=round(b.own_dice_score, 2),
    )


def _counterfactual(w: WhatIf) -> M.Counterfactual:
    used: set[str] = set()
    for b in w.branches:
        used.update(b.endings)
        used.add(b.own_dice)
    return M.Counterfactual(
        turn=w.turn,
        event=w.event,
        title=w.title,
        chosen=w.chosen,
        runs=w.runs,
        dice=w.dice,
        actual=_branch(w.actual),
        alternatives=[_branch(b) for b in w.alternatives],
        ending_titles={k: v for k, v in w.ending_titles.items() if k in used},
    )


def _questions(pack: Pack, seen: set[str], classroom: ClassroomSettings | None) -> list[M.Question]:
    out = [M.Question(text=q, teacher=True, seen=True) for q in _teacher_questions(classroom)]
    pack_qs = [
        M.Question(text=text.strip(), events=list(events), seen=bool(set(events) & seen))
        for text, events in pack.questions
    ]
    out += [q for q in pack_qs if q.seen] + [q for q in pack_qs if not q.seen]
    return out


def _teacher_questions(classroom: ClassroomSettings | None) -> list[str]:
    return list(classroom.classroom.questions) if classroom is not None else []
