"""Engine objects as Textual `Content`: pack text always goes in as plain text, never markup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content

from game import text
from game.engine.pack import Pack, Variable
from game.engine.report import Cause, Change, TurnReport
from game.engine.session import Session
from game.inert import inert
from game.views.agenda import handled, left_items, spent_text
from game.views.words import short_month

if TYPE_CHECKING:
    from game.classroom.game import ClassroomGame

KIND_STYLE = {
    "historical": "bold $success",
    "hypothetical": "bold $warning",
    "prediction": "bold $accent",
}
CAUSE_KIND = {
    "choice": "your decision",
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
    "budget": "budget renewed",
}


def kind_badge(kind: str) -> Content:
    if not kind:
        return Content("")
    label = text.KIND_LABEL.get(kind, kind)
    return Content.assemble((f" {label.upper()} ", f"reverse {KIND_STYLE.get(kind, 'bold')}"))


def month(session: Session, turn: int) -> str:
    pack = session.pack
    date = pack.date_of(turn)
    if pack.meta.step in ("month", "quarter", "year"):
        return date.strftime("%B %Y")
    return date.isoformat()


def variable(pack: Pack, vid: str) -> Variable | None:
    return next((v for v in pack.variables if v.id == vid), None)


def delta(value: float, unit: str = "") -> Content:
    """A change with an arrow: ▲ +4 / ▼ −2, or nothing for no change."""
    if abs(value) < 0.05:
        return Content.styled("·", "dim")
    arrow = "▲" if value > 0 else "▼"
    style = "$warning" if value > 0 else "$primary-lighten-2"
    label = f"{arrow}{text.signed(value)}" + (f" {unit}" if unit else "")
    return Content.styled(label, style)


def change_line(change: Change, pack: Pack) -> Content:
    """`Sanctions integrity  +2 points → 62` (or `Shipments exposed  yes`)."""
    if isinstance(change.after, bool):
        return Content.assemble(
            (change.label, "bold"), "  ", ("yes" if change.after else "no", "italic")
        )
    var = variable(pack, change.target)
    unit = f" {var.unit}" if var and var.unit else ""
    parts: list[str | Content | tuple[str, str]] = [
        (change.label, "bold"),
        "  ",
        delta(change.delta),
        (" → ", "dim"),
        (text.number(float(change.after)), "bold"),
        (unit, "dim"),
    ]
    if change.clamped:
        parts.append(("  (at its limit)", "dim italic"))
    return Content.assemble(*parts)


def worded_change_line(change: Change, pack: Pack, steady: float | None = None) -> Content:
    """A change without numbers (classroom): `Sanctions integrity  rising → high`."""
    from game.views.readings import qualitative, trend

    if isinstance(change.after, bool):
        return change_line(change, pack)
    var = variable(pack, change.target)
    if var is None:
        return Content.styled(change.label, "bold")
    move = trend(var, float(change.after), float(change.before), steady)
    style = "$warning" if change.delta > 0 else "$primary-lighten-2"
    return Content.assemble(
        (change.label, "bold"),
        "  ",
        (move, style),
        (" → ", "dim"),
        (qualitative(var, float(change.after)), "bold"),
    )


def cause_head(cause: Cause) -> Content:
    kind = CAUSE_KIND.get(cause.kind, cause.kind)
    return Content.assemble(
        ("▸ ", "$accent"), (cause.label, "bold $accent"), (f"  ({kind})", "dim")
    )


Block = tuple[str, Content]  # (kind, text): kind is head, section, item or sub (indented)


def report_blocks(
    session: Session, index: int, classroom: ClassroomGame | None = None
) -> list[Block]:
    """The consequences of decision `index` (0-based): changes by cause, rolls, news, later.

    Blocks keep their indent when the text wraps, so a long cause stays readable at 80 columns.
    In classroom mode the student's predictions come first, right or wrong, and a classroom
    that hides the numbers gets words ("rising → high", "odds: likely").
    """
    hide = classroom is not None and classroom.hide_numbers
    pack = session.pack
    step = session.steps[index]
    report: TurnReport = step.report
    blocks: list[Block] = []
    event, choice = handled(pack, report)
    chosen = choice.label if choice else (pack.meta.let_pass if event is None else step.choice)
    blocks.append(
        (
            "head",
            Content.assemble(
                (event.title if event else pack.meta.quiet_title, "bold"),
                "  ",
                kind_badge(event.kind if event else ""),
            ),
        )
    )
    blocks.append(
        ("head", Content.assemble(("You recommended: ", "dim"), (chosen, "bold $accent")))
    )
    spent = spent_text(pack, report, numbers=not hide)
    if spent:
        blocks.append(("head", Content.styled(spent, "$accent")))
    if step.rationale:
        label = "Your memo: " if classroom is not None else "Your rationale: "
        why = inert(step.rationale)  # typed or pasted, or from a save: never a terminal code
        blocks.append(("head", Content.assemble((label, "dim"), (why, "italic"))))
    left = left_items(pack, report)
    if left:
        blocks.append(("section", section("Left to others")))
        blocks += [("item", Content(item)) for item in left]
    if report.notes:
        blocks.append(("section", section("Notes on the pack")))
        blocks += [("item", Content(note)) for note in report.notes]
    if classroom is not None:
        blocks += prediction_blocks(classroom, session, index)

    story = [n for n in report.news if n.cause.kind == "outcome"]
    news = [n for n in report.news if n.cause.kind != "outcome"]
    if story:
        blocks.append(("section", section("What happened")))
        blocks += [("item", Content(n.text)) for n in story]

    hidden = {v.id for v in pack.variables if v.hidden}
    changes = [c for c in report.changes if c.target not in hidden]
    blocks.append(("section", section("What changed, and why")))
    if not changes:
        blocks.append(("item", Content.styled("No measurable change.", "dim")))
    for cause, group in group_by_cause(changes):
        blocks.append(("item", cause_head(cause)))
        for c in group:
            if hide:  # a predicted variable is steady by the class's rule
                steady = classroom.settings.steady_for(c.target) if classroom else None
                blocks.append(("sub", worded_change_line(c, pack, steady)))
            else:
                blocks.append(("sub", change_line(c, pack)))
        if hide:
            continue  # details are odds and rolls
        for d in sorted({c.cause.detail for c in group if c.cause.detail}):
            blocks.append(("sub", Content.styled(d, "dim italic")))
    for arrived in report.arrived:
        blocks.append(("item", Content.assemble(("Arrived: ", "dim"), arrived)))

    rolls = report.rolls
    if hide:  # as in plain mode: the outcomes, not every yes/no roll
        rolls = tuple(
            r for r in rolls if r.cause.kind == "outcome" or r.result not in ("yes", "no")
        )
    if rolls:
        blocks.append(("section", section("Chance")))
        for r in rolls:
            if hide:
                from game.views.readings import chance_word

                odds = f"   ({chance_word(r.chance)})"
            else:
                odds = f"   odds {r.chance:.0%} · roll {r.roll:.2f}"
            blocks.append(
                (
                    "item",
                    Content.assemble(
                        (r.what, "bold"),
                        ("  →  ", "dim"),
                        (r.result, "dim" if r.result in ("no", "no outcome") else "bold $accent"),
                        (odds, "dim"),
                    ),
                )
            )

    if news:
        blocks.append(("section", section("News")))
        for n in news:
            blocks.append(("item", Content.assemble((n.source, "bold"), ": ", n.text)))

    shown = [s for s in report.scheduled if not s.hidden]
    secret = any(s.hidden for s in report.scheduled)
    if shown or secret:
        blocks.append(("section", section("Set in motion")))
        for s in shown:
            blocks.append(
                (
                    "item",
                    Content.assemble(
                        (short_month(pack, s.turn), "bold"),
                        (f" (turn {s.turn})  ", "dim"),
                        s.text,
                    ),
                )
            )
        if secret:
            blocks.append(
                ("item", Content.styled("…and something you cannot see yet.", "dim italic"))
            )
    return blocks


def prediction_blocks(classroom: ClassroomGame, session: Session, index: int) -> list[Block]:
    """What the student predicted before decision `index`, beside what happened."""
    reveals = classroom.reveal(session, index)
    if not reveals:
        return []
    hits = sum(r.hit for r in reveals)
    blocks: list[Block] = [
        ("section", section(f"Your predictions: {hits} of {len(reveals)} right")),
    ]
    for r in reveals:
        mark = ("✓ right", "bold $success") if r.hit else ("✗ wrong", "bold $error")
        moved = "" if classroom.hide_numbers else f" ({text.signed(r.delta)})"
        blocks.append(
            (
                "item",
                Content.assemble(
                    mark,
                    "  ",
                    (r.label, "bold"),
                    ("  you said ", "dim"),
                    (r.expected, "bold"),
                    (", it went ", "dim"),
                    (r.actual, "bold"),
                    (moved, "dim"),
                ),
            )
        )
    return blocks


# how far each kind of block is indented, wrapped lines included
INDENT = {"head": "", "section": "", "item": "  ", "sub": "      "}


def next_content(session: Session, index: int, classroom: ClassroomGame | None = None) -> Content:
    """What lands on the desk after decision `index`, and why (or how the game ended)."""
    report = session.steps[index].report
    after = session.states()[index + 1]
    if after.over:
        ending = session.ending() if index == len(session.steps) - 1 else None
        title = ending.title if ending else "the end"
        return Content.assemble(section("The game ends"), "\n  ", (title, "bold"))
    pack = session.pack
    titles = [pack.events_by_id[e].title for e in after.desk]
    title = " + ".join(titles) if titles else pack.meta.quiet_title
    parts: list[str | Content | tuple[str, str]] = [
        section("Next on your desk"),
        "\n  ",
        (short_month(pack, after.turn), "bold"),
        "  ",
        (title, "bold"),
    ]
    if report.draw is not None and report.draw.reason:
        reason = report.draw.reason
        if classroom is not None and classroom.hide_numbers:
            reason = reason.split(":")[0]  # without the weights
        parts += [("\n  why: ", "dim"), (reason, "dim italic")]
    return Content.assemble(*parts)


def section(title: str) -> Content:
    return Content.styled(title.upper(), "bold $secondary-lighten-2")


def group_by_cause(changes: Iterable[Change]) -> list[tuple[Cause, list[Change]]]:
    groups: dict[tuple[str, str, str], tuple[Cause, list[Change]]] = {}
    for c in changes:
        key = (c.cause.kind, c.cause.id, c.cause.label)
        if key not in groups:
            groups[key] = (c.cause, [])
        groups[key][1].append(c)
    return list(groups.values())
