"""What a decision led to, as the consequences screen and plain mode both say it, in one order:

1. the briefing, what you recommended, what it cost, your rationale, what you left to others;
2. what happened: the chance outcome of your decision first;
3. (in a classroom) how your predictions went;
4. how your objectives moved;
5. the changes that matter, by cause: yours, the big ones, those that cross a meter's band,
   every flag and the ladder; the small shifts of the world's own motion fold into one line
   (`TurnView.drift`) that opens on request;
6. what arrived from earlier decisions, the news not reported before in this game, what is set
   in motion for the turns the game still has, and the pack's notes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from game.engine.pack import Pack
from game.engine.report import NO_OUTCOME, Cause, Change, TurnReport
from game.engine.scoring import scorecard
from game.engine.session import Session
from game.inert import inert
from game.views.agenda import handled, left_items, spent_text
from game.views.blocks import Block, Part, block, section
from game.views.ladder import move_text
from game.views.policy import Policy
from game.views.readings import chance_word, qualitative, score_word, trend
from game.views.rules import effect_text
from game.views.words import KIND_LABEL, number, short_month, signed

CAUSE_KIND = {
    "choice": "your decision",
    "event": "the event itself, whatever you chose",
    "outcome": "chance outcome",
    "later": "delayed consequence",
    "lag": "delayed effect",
    "smooth": "gradual effect",
    "decay": "fading shock",
    "rule": "world rule",
    "actor": "another actor",
    "situation": "situation",
    "cost": "its cost",
    "default": "left to others: the default",
    "budget": "the budget, each turn",
}
# whom the folded small shifts come from, by their causes' kind
SHIFTED_BY = {
    "rule": "world rules",
    "actor": "other actors",
    "situation": "situations",
    "decay": "fading shocks",
    "smooth": "gradual effects",
    "lag": "delayed effects",
    "later": "delayed consequences",
    "budget": "the budget's renewal",
}
MEASURABLE = 0.05  # a meter's change below this is no change (it shows as +0)
NOTABLE = 0.02  # a change this big, as a share of its meter's range, is never folded away
MOVED = 0.5  # an objective's score that moves less is not mentioned
# a timed effect's cause kind, and the mode of the effect it comes from
MODES = {"choice": "immediate", "default": "immediate", "smooth": "smooth", "decay": "decay"}


@dataclass(frozen=True)
class TurnView:
    blocks: tuple[Block, ...]  # in order, with one "fold" block where the small shifts are
    drift: tuple[Block, ...]  # the small shifts, by cause

    def shown(self, unfolded: bool = False) -> list[Block]:
        """The blocks with the small shifts folded into their line, or listed after it."""
        out: list[Block] = []
        for b in self.blocks:
            out.append(b)
            if b.kind == "fold" and unfolded:
                out += self.drift
        return out


def consequences(
    session: Session, index: int, policy: Policy, reveals: tuple = (), memo: bool = False
) -> TurnView:
    """The consequences of decision `index` (0-based). `reveals`: the scored predictions made
    before it (game.classroom.predict.Scored); `memo`: the rationale is a classroom's memo."""
    pack = session.pack
    step = session.steps[index]
    report = step.report
    blocks = head_blocks(session, index, policy, memo)
    blocks += happened_blocks(pack, report, policy)
    if reveals:
        blocks += prediction_blocks(reveals, policy)
    blocks += objective_blocks(session, index, policy)
    changes = [
        credited(pack, session.role, c)
        for c in report.changes
        if policy.sees_name(c.target) and (isinstance(c.after, bool) or abs(c.delta) >= MEASURABLE)
    ]
    big = [c for c in changes if notable(pack, c)]
    small = [c for c in changes if not notable(pack, c)]
    blocks.append(section("What changed, and why"))
    if not big:
        none = "No change that matters." if small else "No measurable change."
        blocks.append(block("item", (none, "dim")))
    blocks += change_blocks(pack, big, policy)
    if small:
        blocks.append(fold_block(small, policy))
    blocks += [block("item", ("Arrived: ", "dim"), text) for text in report.arrived]
    blocks += news_blocks(session, index)
    blocks += later_blocks(pack, report, policy)
    if report.notes:
        blocks.append(section("Notes on the pack"))
        blocks += [block("item", note) for note in report.notes]
    return TurnView(tuple(blocks), tuple(change_blocks(pack, small, policy)))


def head_blocks(session: Session, index: int, policy: Policy, memo: bool) -> list[Block]:
    pack = session.pack
    step = session.steps[index]
    report = step.report
    event, choice = handled(pack, report)
    chosen = choice.label if choice else (pack.meta.let_pass if event is None else step.choice)
    title: list[Part] = [(event.title if event else pack.meta.quiet_title, "strong")]
    if event is not None and event.kind:
        title += ["  ", (KIND_LABEL.get(event.kind, event.kind), f"kind:{event.kind}")]
    blocks = [
        block("title", *title),
        block("head", ("You recommended: ", "dim"), (chosen, "accent")),
    ]
    spent = spent_text(pack, report, numbers=policy.numbers)
    if spent:
        blocks.append(block("head", (spent, "accent")))
    if step.rationale:
        label = "Your memo: " if memo else "Your rationale: "
        why = inert(step.rationale)  # typed or pasted, or from a save: never a terminal code
        blocks.append(block("head", (label, "dim"), (why, "em")))
    left = left_items(pack, report)
    if left:
        blocks.append(section("Left to others"))
        blocks += [block("item", item) for item in left]
    return blocks


def happened_blocks(pack: Pack, report: TurnReport, policy: Policy) -> list[Block]:
    """The chance outcome of the decision (and of the defaults), then what it brought."""
    _, choice = handled(pack, report)
    blocks: list[Block] = []
    for r in report.rolls:
        if not policy.numbers:
            odds = f"   ({chance_word(r.chance)})"
        else:
            odds = f"   odds {r.chance:.0%} · roll {r.roll:.2f}"
        result = "dim" if r.result == NO_OUTCOME else "accent"
        what: list[Part] = []
        if choice is None or r.what != choice.label:  # a default's roll says whose it is
            what = [(r.what, "strong"), ("  →  ", "dim")]
        blocks.append(block("item", *what, (r.result, result), (odds, "dim")))
    blocks += [block("item", n.text) for n in report.news if n.cause.kind == "outcome"]
    return [section("What happened"), *blocks] if blocks else []


def prediction_blocks(reveals: tuple, policy: Policy) -> list[Block]:
    hits = sum(r.hit for r in reveals)
    blocks = [section(f"Your predictions: {hits} of {len(reveals)} right")]
    for r in reveals:
        mark: list[Part] = [("✓ ", "glyph"), ("right", "good")]
        if not r.hit:
            mark = [("✗ ", "glyph"), ("wrong", "bad")]
        moved = f" ({signed(r.delta)})" if policy.numbers else ""
        blocks.append(
            block(
                "item",
                *mark,
                "  ",
                (r.label, "strong"),
                ("  you said ", "dim"),
                (r.expected, "strong"),
                (", it went ", "dim"),
                (r.actual, "strong"),
                (moved, "dim"),
            )
        )
    return blocks


def objective_blocks(session: Session, index: int, policy: Policy) -> list[Block]:
    """How each objective the player can see moved with the turn."""
    pack, role = session.pack, session.role
    states = session.states()
    before = scorecard(pack, role, states[index]).scores
    after = scorecard(pack, role, states[index + 1]).scores
    blocks: list[Block] = []
    for b, a in zip(before, after, strict=True):
        o = a.objective
        change = a.value - b.value
        if not policy.sees(o.score.reads) or abs(change) < MOVED:
            continue
        tone = "good" if change > 0 else "bad"
        if policy.numbers:
            moved: list[Part] = [
                f"{a.value:.0f}/100 ",
                (f"({signed(round(change))})", tone),
            ]
        else:
            was, now = score_word(b.value), score_word(a.value)
            how = "better" if change > 0 else "worse"
            moved = [(how, tone), (f": {was} → {now}" if was != now else f", still {now}", "")]
        blocks.append(block("item", (o.label, "strong"), "  ", *moved))
    if not blocks:
        blocks = [block("item", ("No change to your objectives.", "dim"))]
    return [section("Your objectives"), *blocks]


def credited(pack: Pack, role: str, change: Change) -> Change:
    """The change, credited to the event itself when the effect that made it is one every
    option of the briefing has: it happens whatever the advisor chooses."""
    cause = change.cause
    mode = MODES.get(cause.kind) if cause.agent == "player" else None
    event_id, _, choice_id = cause.id.partition("/")
    event = pack.events_by_id.get(event_id) if mode else None
    if event is None:
        return change
    options = event.choices_for(role)
    taken = next((c for c in options if c.id == choice_id), None)
    if taken is None or len(options) < 2:
        return change

    def effects(choice) -> set[tuple[str, str, str]]:
        return {
            (e.stmt.src, e.mode, e.when.src if e.when is not None else "")
            for e in choice.effects
            if e.stmt.target.name == change.target and e.mode == mode
        }

    mine = effects(taken)
    if not mine or any(not mine <= effects(other) for other in options):
        return change
    event_cause = Cause("event", event.id, event.title, cause.detail, "world")
    return Change(change.target, change.label, change.before, change.after, event_cause,
                  change.clamped)  # fmt: skip


def notable(pack: Pack, change: Change) -> bool:
    """Whether a change is shown at once: the government's own, a flag or situation, the
    ladder, a change that moves its meter into another band, or a big one."""
    if isinstance(change.after, bool) or change.cause.agent == "player":
        return True
    esc = pack.escalation
    if esc is not None and change.target == esc.variable:
        return True
    var = next((v for v in pack.variables if v.id == change.target), None)
    if var is None:
        return True
    if var.reading(float(change.before)) != var.reading(float(change.after)):
        return True
    return abs(change.delta) >= NOTABLE * (var.max - var.min)


def change_blocks(pack: Pack, changes: Iterable[Change], policy: Policy) -> list[Block]:
    """The changes grouped by cause, each cause with its kind, each change with its detail."""
    blocks: list[Block] = []
    for cause, group in group_by_cause(changes):
        kind = CAUSE_KIND.get(cause.kind, cause.kind)
        blocks.append(
            block("item", ("▸ ", "glyph"), (cause.label, "cause"), (f"  ({kind})", "dim"))
        )
        blocks += [block("sub", *change_parts(pack, c, policy)) for c in group]
        if policy.numbers:  # the details are odds and rolls
            details = sorted({c.cause.detail for c in group if c.cause.detail})
            blocks += [block("sub", (d, "dim em")) for d in details]
    return blocks


def change_parts(pack: Pack, change: Change, policy: Policy) -> list[Part]:
    """`Sanctions integrity  ▲+2 → 62 points`, `Treaty signed  yes`, `Escalation ladder  up to
    rung 3 of 7: …` (words: `Sanctions integrity  rising → high`)."""
    label: Part = (change.label, "strong")
    if isinstance(change.after, bool):
        return [label, "  ", ("yes" if change.after else "no", "em")]
    esc = pack.escalation
    before, after = float(change.before), float(change.after)
    if esc is not None and change.target == esc.variable:
        return [label, "  ", move_text(esc, before, after, policy.numbers)]
    var = next((v for v in pack.variables if v.id == change.target), None)
    direction = "up" if change.delta > 0 else "down"
    if var is None:
        return [label]
    if not policy.numbers:
        return [
            label,
            "  ",
            (trend(var, after, before, policy.steady_for(var.id)), direction),
            (" → ", "dim"),
            (qualitative(var, after), "strong"),
        ]
    parts: list[Part] = [
        label,
        "  ",
        ("▲" if change.delta > 0 else "▼", f"glyph {direction}"),
        (signed(change.delta), direction),
        (" → ", "dim"),
        (number(after), "strong"),
        (f" {var.unit}" if var.unit else "", "dim"),
    ]
    if change.clamped:
        parts.append(("  (at its limit)", "dim em"))
    return parts


def fold_block(small: list[Change], policy: Policy) -> Block:
    """`…and 14 small shifts from world rules and other actors`."""
    kinds = Counter(SHIFTED_BY.get(c.cause.kind, "others") for c in small)
    named = [k for k, _ in kinds.most_common(2)]
    whom = " and ".join(named) + (" and others" if len(kinds) > 2 else "")
    n = len(small)
    return block("fold", (f"…and {n} small shift{'s' if n != 1 else ''}", "strong"),
                 f" from {whom}")  # fmt: skip


def news_blocks(session: Session, index: int) -> list[Block]:
    """The news of the turn that the game has not reported before (an actor's standing habit
    is news once)."""
    seen = {(n.source, n.text) for s in session.steps[:index] for n in s.report.news}
    news = [
        n
        for n in session.steps[index].report.news
        if n.cause.kind != "outcome" and (n.source, n.text) not in seen
    ]
    if not news:
        return []
    return [section("News"), *(block("item", (n.source, "strong"), ": ", n.text) for n in news)]


def scheduled_text(pack: Pack, s, policy: Policy) -> str:
    """A consequence set for later (game.engine.report.Scheduled), in words."""
    if s.text:
        return s.text
    return "; ".join(effect_text(pack, e.stmt, policy) for e in s.effects) or "a consequence"


def later_blocks(pack: Pack, report: TurnReport, policy: Policy) -> list[Block]:
    """What is set in motion for the turns the game still has; what would come after its last
    turn never comes, and is only counted."""
    last = pack.meta.turns
    announced = [s for s in report.scheduled if not s.hidden]
    shown = [s for s in announced if s.turn <= last]
    after = len(announced) - len(shown)
    secret = any(s.hidden and s.turn <= last for s in report.scheduled)
    if not (shown or after or secret):
        return []
    blocks = [section("Set in motion")]
    for s in shown:
        when = short_month(pack, s.turn)
        text = scheduled_text(pack, s, policy)
        blocks.append(block("item", (when, "strong"), (f" (turn {s.turn})", "dim"), "  ", text))
    if secret:
        blocks.append(block("item", ("…and something you cannot see yet.", "dim em")))
    if after:
        more = "one more consequence" if after == 1 else f"{after} more consequences"
        blocks.append(
            block("item", (f"({more} would come after the last turn: not in this game)", "dim"))
        )
    return blocks


def group_by_cause(changes: Iterable[Change]) -> list[tuple[Cause, list[Change]]]:
    groups: dict[tuple[str, str, str], tuple[Cause, list[Change]]] = {}
    for c in changes:
        key = (c.cause.kind, c.cause.id, c.cause.label)
        if key not in groups:
            groups[key] = (c.cause, [])
        groups[key][1].append(c)
    return list(groups.values())
