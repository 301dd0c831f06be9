"""The debrief as both front ends give it: the ending's "in reality" note with its sources, the
scorecard, and every decision beside what really happened, then the questions for discussion.
(The ending's own text is Markdown: the full-screen game renders it, plain mode gives it as
clean text, game.views.markup.)"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.pack import RESULT_VALUES, Pack, Reality
from game.engine.session import Session
from game.inert import inert
from game.views.agenda import handled, left_items
from game.views.blocks import Block, block, section
from game.views.chronology import months_of
from game.views.ending import result_word
from game.views.reality import citations, cite_text, date_text, verdict_line
from game.views.words import KIND_LABEL, short_month


def sources_text(pack: Pack, reality: Reality) -> str:
    """`NK News, 30 Apr 2025 <https://…>; Reuters, 14 Sept 2023 — confidence: high`: readable
    citations a reader can follow."""
    cites = [cite_text(c, u) for c, u in citations(pack, reality.sources)]
    confidence = f"confidence: {reality.confidence}" if reality.confidence else ""
    return " — ".join(x for x in ("; ".join(cites), confidence) if x)


def reality_blocks(
    pack: Pack, reality: Reality, head: str = "What really happened", kind: str = "item"
) -> list[Block]:
    """The note; a prediction's verdict; its sources and confidence; where to read it
    critically."""
    when = f" ({reality.date})" if reality.date else ""
    blocks = [block(kind, (f"{head}{when}: ", "good"), reality.text.strip())]
    verdict = verdict_line(reality.verdict, pack.reality_as_of)
    if verdict:
        blocks.append(block("item", (verdict, "strong accent")))
    sources = sources_text(pack, reality)
    if sources:
        blocks.append(block("sub", (sources, "dim em")))
    if reality.critical:
        blocks.append(block(kind, ("Read critically: ", "bad"), reality.critical.strip()))
    return blocks


def ending_reality_blocks(session: Session) -> list[Block]:
    """The ending's "in reality" note, with its sources."""
    ending = session.ending()
    if ending is None or ending.reality is None:
        return []
    return reality_blocks(session.pack, ending.reality, "In reality", kind="head")


@dataclass(frozen=True, slots=True)
class ScoreRow:
    value: float
    label: str
    extra: str = ""  # an objective's weight, a part's share of the score
    result: str = ""  # the ending's result, on its row
    overall: bool = False


def score_rows(session: Session) -> list[ScoreRow]:
    """Each objective's score; where the pack weighs the ending's result in, the objectives'
    mean, the result and the blend of both; the overall score last."""
    card = session.scorecard()
    rows = [
        ScoreRow(s.value, s.objective.label, f"×{s.objective.weight:g}" * (s.objective.weight != 1))
        for s in card.scores
    ]
    w = card.result_weight
    if card.result is not None and w:
        whole = w == 1  # the catastrophe (game.engine.scoring.result_weight)
        share = "not counted at a catastrophe" if whole else f"{1 - w:.0%} of the score"
        rows.append(ScoreRow(card.objectives, "Your objectives", share))
        rows.append(ScoreRow(RESULT_VALUES[card.result], "Result",
                             "all of the score" if whole else f"{w:.0%} of the score",
                             card.result))  # fmt: skip
    rows.append(ScoreRow(card.total, "Overall", overall=True))
    return rows


def scorecard_blocks(session: Session) -> list[Block]:
    role = session.pack.roles[session.role]
    blocks = [section(f"Your scorecard — {role.name}")]
    for row in score_rows(session):
        extra = f" ({row.extra})" if row.extra else ""
        if row.result:
            word = result_word(row.result)
            blocks.append(block("item", "Result: ", (word, f"result:{row.result}"), extra))
            continue
        style = "accent" if row.overall else "strong"
        blocks.append(
            block("item", (row.label, style), ": ", (f"{row.value:.0f}/100", style), extra)
        )
    result = session.scorecard().result
    if result is not None and not session.scorecard().result_weight:
        blocks.append(block("item", "Result: ", (result_word(result), f"result:{result}")))
    return blocks


def decision_blocks(session: Session) -> list[Block]:
    """Each decision beside what really happened; then the questions for discussion."""
    pack = session.pack
    blocks: list[Block] = []
    if pack.reality_as_of:
        note = f"What really happened follows events up to {pack.reality_as_of}."
        blocks.append(block("head", (note, "dim em")))
    for step, state in zip(session.steps, session.states(), strict=False):
        event, choice = handled(pack, step.report)
        if event is None:
            continue
        head: list = [(f"{short_month(pack, state.turn)}  ", "accent"), (event.title, "strong")]
        if event.kind:
            head += ["  ", (KIND_LABEL.get(event.kind, event.kind), f"kind:{event.kind}")]
        blocks.append(block("head", *head))
        chose = choice.label if choice else step.choice
        blocks.append(block("item", ("You chose: ", "dim"), (chose, "strong")))
        if step.rationale:
            blocks.append(block("item", ("Your rationale: ", "dim"), (inert(step.rationale), "em")))
        blocks += [block("item", ("Left to others: ", "dim"), item) for item in
                   left_items(pack, step.report)]  # fmt: skip
        if choice is not None and choice.debrief:
            blocks.append(block("item", ("Note: ", "dim"), choice.debrief.strip()))
        if event.reality is not None:
            blocks += reality_blocks(pack, event.reality)
    if pack.questions:
        blocks.append(section("For discussion"))
        blocks += [
            block("item", (f"{i}. ", "accent"), question)
            for i, (question, _events) in enumerate(pack.questions, 1)
        ]
    if not blocks:
        blocks.append(block("head", ("No decisions were made.", "dim em")))
    return blocks


def then_and_now_blocks(session: Session) -> list[Block]:
    """Your game against what happened, month by month, and what came after it."""
    pack = session.pack
    blocks: list[Block] = []
    for m in months_of(session):
        outside = "" if m.played else "  (outside your game)"
        blocks.append(block("head", (m.label, "accent"), (outside, "dim")))
        blocks += [block("item", ("Your desk: ", "dim"), (what, "strong")) for what in m.game]
        for c in m.real:
            sure = "" if c.confidence == "high" else f" (confidence: {c.confidence})"
            when = f"In reality, {date_text(c.date, c.precision)}: "
            blocks.append(block("item", (when, "good"), c.text.strip(), sure))
            cites = "; ".join(cite_text(t, u) for t, u in citations(pack, c.sources))
            blocks.append(block("sub", (f"Source: {cites}", "dim em")))
    return blocks
