"""The teacher's guide, generated from a pack (`korean-theater guide`): what it teaches and with
which events, the teacher's notes, when each event can come up, how the source's predictions
fared, the primary-source packet, each capital's own view, the model's assumptions and what
they drive, the memo rubric, the discussion questions, the chronology and the glossary.

Built as plain sections first, then written as Markdown (literal text, as in the reports) or
as one printable HTML page."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from game.engine.expr.compiler import Compiled, CompiledEffect
from game.engine.pack import Event, Pack
from game.report.markdown import _link, md
from game.views.reality import citations, date_text, verdict_word
from game.views.voices import VOICES_NOTE

Cite = tuple[str, str]  # (citation, web address)


@dataclass
class Item:
    head: str = ""
    text: str = ""
    quote: str = ""
    note: str = ""
    cites: list[Cite] = field(default_factory=list)


@dataclass
class Section:
    title: str
    intro: str = ""
    items: list[Item] = field(default_factory=list)


def _when(pack: Pack, e: Event) -> str:
    """`turn 7 (Mar 2024)`, or `turns 2–3 (Oct–Nov 2023)`: where an event's window lies."""
    if e.turn_min > pack.meta.turns:
        return "never in the calendar"
    hi = min(e.turn_max, pack.meta.turns)
    first, last = pack.date_of(e.turn_min), pack.date_of(hi)
    if e.turn_min == hi:
        return f"turn {hi} ({first:%b %Y})"
    return f"turns {e.turn_min}–{hi} ({first:%b %Y} – {last:%b %Y})"


def _events(pack: Pack, ids: tuple[str, ...]) -> str:
    events = [pack.events_by_id[i] for i in ids if i in pack.events_by_id]
    return "; ".join(f"{e.title} ({_when(pack, e)})" for e in events)


def readers(pack: Pack, name: str) -> list[str]:
    """What reads a name such as `assume.china_restrains`: rules, actors' moves, events."""

    def read(exprs: list[Compiled | CompiledEffect | None]) -> bool:
        return any(x is not None and name in x.reads for x in exprs)

    out = []
    for r in pack.rules:
        if read([r.when, r.chance, *(x.stmt for x in r.effects)]):
            out.append(f"rule “{r.label}”")
    for a in pack.actors:
        for m in a.moves:
            if read([m.when, m.chance, *(x.stmt for x in m.effects)]):
                out.append(f"{a.name}: “{m.label}”")
    for e in pack.events:
        exprs: list[Compiled | CompiledEffect | None] = [e.when, e.weight]
        for c in e.choices:
            exprs += [c.when, *(x.stmt for x in c.effects), *(o.chance for o in c.outcomes)]
        if read(exprs):
            out.append(f"event “{e.title}”")
    return out


def build_guide(pack: Pack, rubric=()) -> list[Section]:
    """The guide's sections; `rubric`: a classroom file's criteria, if one is given."""
    m = pack.meta
    roles = "; ".join(f"{r.name} ({r.office})" for r in pack.roles.values())
    about = Section(
        f"Teacher's guide: {m.title}",
        f"{m.description.strip()}\n\n{m.turns} turns of one {m.step} from {m.start:%B %Y}. "
        f"Students advise: {roles}."
        + (
            f" The reality notes follow events up to {pack.reality_as_of}."
            if pack.reality_as_of
            else ""
        ),  # fmt: skip
    )
    out = [about]
    if pack.goals:
        out.append(
            Section(
                "Learning objectives",
                "Each objective with the events that teach it (and where in the game they fall).",
                [Item(text=g.text, note=_events(pack, g.events)) for g in pack.goals],
            )
        )
    if pack.teaching_notes.strip():
        out.append(Section("Notes for the teacher", pack.teaching_notes.strip()))
    out.append(
        Section(
            "When each event can come up",
            "Its window in turns and months; a consequence set in motion may bring an event "
            "later than its window.",
            [
                Item(head=e.title, text=f"{e.kind}, {_when(pack, e)}")
                for e in sorted(pack.events, key=lambda e: (e.turn_min, e.turn_max))
            ],
        )
    )
    out += _predictions(pack)
    packet = [pack.sources[s] for s in pack.packet if s in pack.sources]
    if packet:
        out.append(
            Section(
                "Primary-source packet",
                "Excerpts as published in the sources cited; read the source before quoting more.",
                [Item(head=s.cite, quote=s.quote.strip(), cites=[(s.cite, s.url)]) for s in packet],
            )
        )
    if pack.voices:
        out.append(
            Section(
                "How each capital frames it",
                VOICES_NOTE,
                [
                    Item(head=v.capital, text=v.text.strip(), cites=citations(pack, v.sources))
                    for v in pack.voices
                ],
            )
        )
    out.append(_assumptions(pack))
    out.append(
        Section(
            "Memo rubric",
            "From your classroom file: students see it on the desk and in their reports, and the "
            "class page prints it with a grid to mark each student's memos."
            if rubric
            else "Add a [rubric] to your classroom file (see examples/classroom.toml): students "
            "then see it before they write, and the class page prints it with a marking grid.",
            [Item(head=r.name, text=r.description, note=f"{r.points:g} points") for r in rubric],
        )
    )
    if pack.questions:
        out.append(
            Section(
                "Discussion questions",
                "",
                [Item(text=q, note=_events(pack, ev)) for q, ev in pack.questions],
            )
        )
    if pack.chronology:
        out.append(
            Section(
                "Chronology: what really happened",
                "Every report sets the student's game against these months.",
                [
                    Item(
                        head=date_text(c.date, c.precision),
                        text=c.text.strip(),
                        note="" if c.confidence == "high" else f"confidence: {c.confidence}",
                        cites=citations(pack, c.sources),
                    )
                    for c in pack.chronology
                ],
            )
        )
    if pack.glossary:
        out.append(
            Section(
                "Glossary",
                "Students meet these terms on the desk (g), in plain mode (g) and in reports.",
                [Item(head=t.term, text=t.definition.strip()) for t in pack.glossary],
            )
        )
    return out


def _predictions(pack: Pack) -> list[Section]:
    events = [e for e in pack.events if e.kind == "prediction"]
    if not events:
        return []
    items = []
    for source in dict.fromkeys(e.source for e in events):
        s = pack.sources.get(source or "")
        items.append(Item(head=s.cite if s else "Other predictions", quote=s.quote if s else ""))
        for e in (e for e in events if e.source == source):
            r = e.reality
            verdict = verdict_word(r.verdict if r else None) or "no verdict given"
            items.append(
                Item(
                    head=f"{e.title}: {verdict}",
                    text=r.text.strip() if r else "",
                    note=r.critical.strip() if r else "",
                    cites=citations(pack, r.sources) if r else [],
                )
            )
    as_of = f" as of {pack.reality_as_of}" if pack.reality_as_of else ""
    return [
        Section(
            "The source's predictions and how they fared",
            f"Each prediction, with the events that play it out and their verdict{as_of}.",
            items,
        )
    ]


def _assumptions(pack: Pack) -> Section:
    items = []
    for a in pack.assumptions:
        read = readers(pack, f"assume.{a.id}")
        default = ("true" if a.default else "false") if isinstance(a.default, bool) else a.default
        items.append(
            Item(
                head=f"{a.label} (`{a.id}`, default {default})",
                text=a.description.strip(),
                note=("It drives: " + "; ".join(read)) if read else "Nothing reads it.",
            )
        )
    return Section(
        "The model's assumptions",
        "The beliefs built into the model, each a switch or a dial: set them in the classroom "
        "file's [assumptions] and compare how the same choices play out.",
        items,
    )


# --- writers -------------------------------------------------------------------------------


def guide_markdown(sections: list[Section]) -> str:
    lines: list[str] = []
    for n, s in enumerate(sections):
        lines += [f"{'#' if n == 0 else '##'} {md(s.title)}", ""]
        if s.intro:
            lines += [md(p) + "\n" for p in s.intro.split("\n\n")]
        for i in s.items:
            head = f"**{md(i.head)}**" + (": " if i.text else "") if i.head else ""
            line = f"- {head}{md(i.text)}"
            if i.note:
                line += f" *({md(i.note)})*"
            if i.cites:
                line += " — " + "; ".join(_link(c, u) for c, u in i.cites)
            lines.append(line)
            if i.quote:
                lines += ["", f"  > {md(i.quote)}", ""]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _a(cite: str, url: str) -> str:
    from game.inert import web_link

    text = html.escape(cite)
    return f'<a href="{html.escape(url)}">{text}</a>' if web_link(url) else text


def guide_html(sections: list[Section]) -> str:
    from game.report.html import CSS

    e = html.escape
    title = sections[0].title if sections else "Teacher's guide"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
    ]
    for n, s in enumerate(sections):
        out.append(f"<h1>{e(s.title)}</h1>" if n == 0 else f"<h2>{e(s.title)}</h2>")
        out += [f"<p>{e(p)}</p>" for p in s.intro.split("\n\n") if p.strip()]
        if s.items:
            out.append("<ul>")
            for i in s.items:
                parts = [f"<b>{e(i.head)}</b>" + (": " if i.text else "") if i.head else ""]
                parts.append(e(i.text))
                if i.note:
                    parts.append(f" <span class='note'>({e(i.note)})</span>")
                if i.cites:
                    parts.append(" — " + "; ".join(_a(c, u) for c, u in i.cites))
                if i.quote:
                    parts.append(f"<blockquote>{e(i.quote)}</blockquote>")
                out.append(f"<li>{''.join(parts)}</li>")
            out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
