"""Engine objects as Textual `Content`: pack text always goes in as plain text, never markup."""

from __future__ import annotations

from textual.content import Content

from game.engine.session import Session
from game.tui.spans import span_content
from game.views.blocks import Span
from game.views.draw import draw_text
from game.views.policy import Policy
from game.views.words import KIND_LABEL, short_month, signed

Block = tuple[str, Content]  # (kind, text), as game.tui.widgets.report.ReportBody lays it out


def kind_badge(kind: str) -> Content:
    if not kind:
        return Content("")
    return span_content(Span(KIND_LABEL.get(kind, kind), f"kind:{kind}"))


def month(session: Session, turn: int) -> str:
    pack = session.pack
    date = pack.date_of(turn)
    if pack.meta.step in ("month", "quarter", "year"):
        return date.strftime("%B %Y")
    return date.isoformat()


def delta(value: float, unit: str = "") -> Content:
    """A change with an arrow: ▲ +4 / ▼ −2, or nothing for no change."""
    if abs(value) < 0.05:
        return Content.styled("·", "dim")
    arrow = "▲" if value > 0 else "▼"
    style = "$warning" if value > 0 else "$primary-lighten-2"
    label = f"{arrow}{signed(value)}" + (f" {unit}" if unit else "")
    return Content.styled(label, style)


def next_content(session: Session, index: int, policy: Policy) -> Content:
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
    if report.draw is not None:
        why = draw_text(report.draw, report.draw.reason, policy)
        if why:
            parts += [("\n  why: ", "dim"), (why, "dim italic")]
    return Content.assemble(*parts)


def section(title: str) -> Content:
    return span_content(Span(title, "section"))
