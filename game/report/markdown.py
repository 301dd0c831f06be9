"""The debrief report as Markdown: for a learning platform, a wiki or an e-mail. The meters are
text sparklines and a table; the HTML report has the drawn charts.

Every piece of text from the pack or the player goes in as literal text (`md`): a renderer finds
no HTML, no link and no image in it. The only links are the sources' web addresses."""

from __future__ import annotations

import re
from urllib.parse import quote

from game.engine.pack import RESULT_VALUES
from game.inert import web_link
from game.report.model import DIRECT, Counterfactual, Decision, Reality, Report
from game.report.svg import fmt, spark
from game.views.ending import MATTERED, NO_PIVOTS, result_word
from game.views.reality import verdict_word
from game.views.voices import VOICES_NOTE

# What could start HTML, an entity, a link, an image, a code span or emphasis, or end a table cell
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
URL_SAFE = "/:?#[]@!$&'*+,;=%~"
_SPECIAL = re.compile(r"[\\`*_\[\]|&<>]")


def md(text: object) -> str:
    """Text as literal Markdown on one line (a table cell too): its own words, nothing a
    renderer would act on."""
    return _SPECIAL.sub(lambda m: _ENTITY.get(m[0], "\\" + m[0]), " ".join(str(text).split()))


def _paragraphs(text: str) -> str:
    return "\n\n".join(md(p) for p in re.split(r"\n\s*\n", text.strip()))


def _code(text: str) -> str:
    """A code span around `text` (on one line) that none of its backticks can close."""
    text = " ".join(text.split())
    ticks = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}"


def _link(label: str, url: str) -> str:
    """A link to a web address; any other address is left out. Spaces, parentheses and angle
    brackets are percent-encoded, so the address cannot end the link early."""
    if not web_link(url):
        return md(label)
    return f"[{md(label)}]({quote(url, safe=URL_SAFE)})"


def render_markdown(report: Report) -> str:
    who = md(report.player or "A player")
    lines = [f"# Debrief: {md(report.pack.title or report.pack.id)}", ""]
    meta = (
        f"{who} advised **{md(report.role_name or report.role)}**"
        + (f" ({md(report.office)})" if report.office else "")
        + f" · seed {_code(report.seed)}"
    )
    if report.classroom is not None:
        meta += f" · class **{md(report.classroom.title or report.classroom.id)}**"
        for what, value in (("team", report.classroom.team), ("group", report.classroom.group)):
            meta += f" · {what} **{md(value)}**" if value else ""
    meta += f" · {len(report.decisions)} decisions · {report.generated_at:%d %B %Y}"
    lines += [meta, ""]
    if report.pack_warning:
        lines += [f"> **Warning:** {report.pack_warning}", ""]
    if report.ending is None:
        lines += ["**Unfinished.** The game was saved before it ended.", ""]
    else:
        lines += [f"## Ending: {md(report.ending.title)}", ""]
        if report.ending.text:
            lines += [_paragraphs(report.ending.text), ""]
        if report.ending.epilogue:
            lines += [f"*{md(report.ending.epilogue)}*", ""]
    summary = f"**Overall score: {report.total:.0f}/100**"
    if report.result is not None:
        summary = f"**Result: {result_word(report.result)}** · " + summary
    p = report.predictions
    if p is not None and p.total:
        summary += f" · predictions right: {p.hits} of {p.total} ({100 * (p.accuracy or 0):.0f}%)"
    lines += [summary, ""]
    lines += _scorecard(report)
    lines += _why(report)
    lines += _mattered(report)
    lines += _meters(report)
    lines += _rubric(report)
    lines += _decisions(report)
    lines += _counterfactuals(report)
    lines += _reality(report)
    lines += _then_and_now(report)
    lines += _voices(report)
    lines += _questions(report)
    lines += _glossary(report)
    lines += _about(report)
    return "\n".join(lines).rstrip() + "\n"


def _scorecard(report: Report) -> list[str]:
    if not report.scorecard:
        return []
    out = ["## Objectives scorecard", "", "| Objective | Weight | Score |", "|---|---:|---:|"]
    for s in report.scorecard:
        out.append(f"| {md(s.label)} | {s.weight:g} | {s.score:.0f}/100 |")
    w = report.result_weight
    if report.result is not None and w and report.objectives is not None:
        out.append(f"| Your objectives | {1 - w:.0%} | {report.objectives:.0f}/100 |")
        value = RESULT_VALUES[report.result]
        out.append(f"| Result: {result_word(report.result)} | {w:.0%} | {value:.0f}/100 |")
        out += [f"| **Overall** | | **{report.total:.0f}/100** |", ""]
    else:
        out += [f"| **Overall (weighted)** | | **{report.total:.0f}/100** |", ""]
    return out


def _why(report: Report) -> list[str]:
    w = report.why
    if w is None:
        return []
    out = ["## Why this ending", "", md(w.summary), ""]
    out += [f"- Held: {md(c)}" for c in w.held]
    if w.held:
        out.append("")
    if w.missed:
        out += ["Endings checked before it, and what they lacked:", ""]
        out += [f"- **{md(m.title)}**: " + "; ".join(md(x) for x in m.failed) for m in w.missed]
        out.append("")
    if w.climbed:
        out += [md(w.climbed), ""]
        out += [f"- {md(step)}" for step in w.ladder]
        out.append("")
    return out


def _mattered(report: Report) -> list[str]:
    if report.why is None:
        return []
    out = ["## The decisions that mattered", "", MATTERED, ""]
    if not report.mattered:
        return [*out, NO_PIVOTS, ""]
    for p in report.mattered:
        out += [f"### {md(p.head)}", "", *[f"- {md(line)}" for line in p.lines], ""]
    return out


def _meters(report: Report) -> list[str]:
    if not report.meters:
        return []
    out = [
        "## The meters over time",
        "",
        f"From {md(report.dates[0]) if report.dates else '?'} to "
        f"{md(report.dates[-1]) if report.dates else '?'}, one value per turn.",
        "",
        "| Meter | Start | End | Over time |",
        "|---|---:|---:|---|",
    ]
    for m in sorted(report.meters, key=lambda m: m.hidden):
        hidden = " *(hidden)*" if m.hidden else ""
        out.append(
            f"| {md(m.label)}{hidden} | {fmt(m.values[0])} | {fmt(m.values[-1])} | "
            f"`{spark(m.values, m.min, m.max)}` |"
        )
    out.append("")
    return out


def _reality_lines(r: Reality, head: str = "What really happened") -> list[str]:
    when = f" ({md(r.date)})" if r.date else ""
    conf = f" *\\[confidence: {md(r.confidence)}\\]*" if r.confidence else ""
    out = [f"> **{head}{when}:** {md(r.text)}{conf}"]
    if r.verdict:
        out += [">", f"> **Verdict on the article's prediction:** {md(verdict_word(r.verdict))}"]
    if r.critical:
        out += [">", f"> **Read critically:** {md(r.critical)}"]
    if r.sources:
        cites = "; ".join(_link(s.cite, s.url) for s in r.sources)
        out += [">", f"> Sources: {cites}"]
    return out


def _decision(d: Decision) -> list[str]:
    kind = f" *\\[{md(d.kind)}\\]*" if d.kind else ""
    out = [f"### Turn {d.turn} · {md(d.when or d.date[:7])} — {md(d.title)}{kind}", ""]
    chose = f"Chose: **{md(d.label)}**"
    if d.outcome:
        chose += f" (outcome: {md(d.outcome)})"
    out += [chose, ""]
    others = [o for o in d.options if o.id != d.choice]
    if others:
        listed = "; ".join(md(o.label) + ("" if o.open else " (closed)") for o in others)
        out += [f"Other options: {listed}", ""]
    if d.cost:
        out += [f"Spent: {fmt(d.cost)} from the budget", ""]
    out += [f"Left to others: {item}" for item in d.left] + ([""] if d.left else [])
    if d.rationale:
        out += [f"> **Rationale:** {md(d.rationale)}", ""]
    elif d.event:
        out += ["*No rationale was given.*", ""]
    if d.predictions:
        items = ", ".join(
            f"{md(p.label)}: expected {md(p.expected)}, went {md(p.actual)} "
            + ("✓" if p.hit else "✗")
            for p in d.predictions
        )
        out += [f"Predicted: {items}", ""]
    direct = [c for c in d.changes if c.cause in DIRECT]
    world = [c for c in d.changes if c.cause not in DIRECT]
    if direct:
        out.append("What changed because of this decision:")
        out.append("")
        for c in direct:
            out.append(f"- {_change(c)} — because: {md(c.why)}")
        out.append("")
    if world:
        out += [f"…and {len(world)} change(s) from the world's own moves.", ""]
    if d.news:
        out += [f"- {md(n)}" for n in d.news] + [""]
    if d.note:
        out += [f"**Note:** {md(d.note)}", ""]
    if d.reality is not None:
        out += [*_reality_lines(d.reality), ""]
    return out


def _change(c) -> str:
    hidden = " (hidden)" if c.hidden else ""
    if isinstance(c.after, bool):
        return f"{md(c.label)}{hidden}: {'yes' if c.after else 'no'}"
    delta = float(c.after) - float(c.before)
    sign = "+" if delta >= 0 else "−"
    return f"{md(c.label)}{hidden} {sign}{fmt(abs(delta))} → {fmt(float(c.after))}"


def _decisions(report: Report) -> list[str]:
    out = ["## Decisions, rationales and what happened", ""]
    if report.reality_as_of:
        out += [f"*What really happened follows events up to {md(report.reality_as_of)}.*", ""]
    events = [d for d in report.decisions if d.event is not None]
    if not events:
        return [*out, "No decision was made.", ""]
    for d in events:
        out += _decision(d)
    quiet = len(report.decisions) - len(events)
    if quiet:
        out += [f"{quiet} quiet turn(s) passed without a decision.", ""]
    return out


def _counterfactual(c: Counterfactual) -> list[str]:
    ids: list[str] = []
    for b in (c.actual, *c.alternatives):
        ids += [k for k in b.endings if k not in ids]
    head = " | ".join(md(c.ending_titles.get(k, k)) for k in ids)
    out = [
        f"### Turn {c.turn} — {md(c.title)}",
        "",
        f"| Choice | Mean score | On your own dice | {head} |",
        "|---|---:|---|" + "---:|" * len(ids),
    ]
    for b in (c.actual, *c.alternatives):
        label = f"**{md(b.label)}** (yours)" if b is c.actual else md(b.label)
        shares = " | ".join(f"{100 * b.endings.get(k, 0) / b.runs:.0f}%" for k in ids)
        own = md(c.ending_titles.get(b.own_dice, b.own_dice))
        out.append(f"| {label} | {b.mean_score:.0f} | {own} | {shares} |")
    out.append("")
    return out


def _counterfactuals(report: Report) -> list[str]:
    if not report.counterfactuals:
        return []
    c0 = report.counterfactuals[0]
    dice = "each with its own dice from that turn on" if c0.dice == "fresh" else "on your dice"
    out = [
        "## What if you had chosen otherwise?",
        "",
        f"{c0.runs} games per option from the same position, {dice}; later decisions follow "
        "yours where the same event comes up, and are random otherwise. The columns show how "
        "those games ended.",
        "",
    ]
    for c in report.counterfactuals:
        out += _counterfactual(c)
    return out


def _reality(report: Report) -> list[str]:
    if report.ending is None or report.ending.reality is None:
        return []
    lines = _reality_lines(report.ending.reality, "Compared with this ending")
    return ["## What really happened", "", *lines, ""]


def _cites(sources) -> str:
    return "; ".join(_link(s.cite, s.url) for s in sources)


def _then_and_now(report: Report) -> list[str]:
    if not any(m.real for m in report.then_and_now):
        return []
    out = [
        "## Your game against what happened",
        "",
        "Month by month, what was on your desk beside what really happened.",
        "",
    ]
    for m in report.then_and_now:
        out += [f"**{md(m.label)}**" + ("" if m.played else " *(outside your game)*"), ""]
        out += [f"- Your desk: {md(what)}" for what in m.game]
        for r in m.real:
            sure = f" *\\[confidence: {md(r.confidence)}\\]*"
            sure = "" if r.confidence in ("", "high") else sure
            out.append(f"- In reality, {md(r.shown)}: {md(r.text)}{sure} ({_cites(r.sources)})")
        out.append("")
    return out


def _voices(report: Report) -> list[str]:
    if not report.voices:
        return []
    out = ["## How each capital frames it", "", f"*{md(VOICES_NOTE)}*", ""]
    for v in report.voices:
        out += [f"**{md(v.capital)}.** {md(v.text)} ({_cites(v.sources)})", ""]
    return out


def _glossary(report: Report) -> list[str]:
    if not report.glossary:
        return []
    out = ["## Terms in your briefings", ""]
    out += [f"- **{md(t.term)}**: {md(t.definition)}" for t in report.glossary]
    return [*out, ""]


def _rubric(report: Report) -> list[str]:
    c = report.classroom
    if c is None or not c.rubric:
        return []
    out = ["## How your memos are assessed", ""]
    for r in c.rubric:
        points = f" ({r.points:g} points)" if r.points else ""
        about = f": {md(r.description)}" if r.description else ""
        out.append(f"- **{md(r.name)}**{points}{about}")
    return [*out, ""]


def _questions(report: Report) -> list[str]:
    if not report.questions:
        return []
    out = ["## Questions for discussion", ""]
    for i, q in enumerate(report.questions, 1):
        tag = (
            " *(from your teacher)*"
            if q.teacher
            else ""
            if q.seen
            else " *(events you did not meet)*"
        )
        out.append(f"{i}. {md(q.text)}{tag}")
    return [*out, ""]


def _about(report: Report) -> list[str]:
    out = ["## About this game", "", "| Assumption | Value | Default |", "|---|---:|---:|"]
    for a in report.assumptions:
        mark = " **(changed)**" if a.changed else ""
        out.append(f"| {md(a.label)}{mark} | {_value(a.value)} | {_value(a.default)} |")
    out += [
        "",
        f"Pack {md(report.pack.id)} {md(report.pack.version)} · {report.turns} turns from "
        f"{md(report.start_date)}"
        + (f" · game {md(report.game_version)}" if report.game_version else ""),
        "",
    ]
    if report.notes:
        out += ["Notes on this report:", "", *[f"- {md(n)}" for n in report.notes], ""]
    if report.teaching_goals:
        out += ["The pack's teaching goals:", "", *[f"- {md(g)}" for g in report.teaching_goals]]
        out.append("")
    return out


def _value(v: bool | float) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return f"{v:g}"
