"""The class summary as one self-contained, printable HTML page (and as plain text)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import statistics
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from game.invocation import kt
from game.report import svg
from game.report.discussion import (
    across_roles_html,
    mattered_html,
    predictions_html,
    questions_html,
    reality_html,
)
from game.report.groups import comparison_html, comparison_text, teams_html
from game.report.html import CSS as REPORT_CSS
from game.report.svg import e

if TYPE_CHECKING:
    from game.report.summary import ClassSummary, EventSummary

CSS = (
    REPORT_CSS
    + """
body { max-width: 1150px; }
.skip { background: #fdecea; border-left: 4px solid #b3261e; padding: .5rem .8rem; }
.skip pre { white-space: pre-wrap; margin: .2rem 0; font-size: .85rem; }
.side { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .6rem;
        break-inside: avoid; }
.card .who { font-weight: 600; } .card .what { color: var(--muted); font-size: .88rem; }
.card.none { color: var(--muted); font-style: italic; }
.figures { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: .8rem 0; }
.figures div { min-width: 8rem; } .figures b { display: block; font-size: 1.6rem; }
h3.role { font-size: 1.1rem; margin-top: 1.6rem; color: var(--accent); }
h4 { font-size: .98rem; margin: 1rem 0 .3rem; }
.bar { background: #4f6bd8; height: .7rem; display: inline-block; vertical-align: middle; }
nav.contents { border: 1px solid var(--line); padding: .4rem .8rem; margin: 1rem 0; }
nav.contents ol { columns: 2; margin: .3rem 0; }
body:has(#projector:target) { max-width: none; font-size: 1.45rem; }
body:has(#projector:target) .note, body:has(#projector:target) nav.contents ol { display: none; }
details { margin: .3rem 0; } details > summary { color: var(--ink); }
body:has(#projector:target) details > summary { padding: .2rem 0; }
body:has(#projector:target) h2 { font-size: 2.2rem; }
body:has(#projector:target) h3 { font-size: 1.7rem; }
@media print { nav.contents { display: none; } details { display: block; } }
"""
)


def render_class_html(
    summary: ClassSummary, base: str | None = None, debriefs: dict[str, str] | None = None
) -> str:
    """`base`: the folder the page is written to, so links to the reports are relative;
    `debriefs`: each game's HTML debrief (by the game's file), linked instead of its file."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Class summary — {e(summary.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>Class summary: {e(summary.title)}</h1>",
        f'<p class="meta">{summary.n} game(s) · {len(summary.skipped)} file(s) skipped · '
        f"made {dt.date.today():%d %B %Y}</p>",
    ]
    parts += _figures(summary)
    for w in summary.warnings:
        parts.append(f'<p class="warn">{e(w)}</p>')
    if summary.skipped:
        parts.append('<div class="skip"><b>Skipped (could not be read):</b>')
        for s in summary.skipped:
            parts.append(f"<pre>{e(chr(10).join(s.lines()))}</pre>")
        parts.append("</div>")
    if not summary.entries:
        parts.append("<p>No report could be read.</p></body></html>")
        return "\n".join(parts) + "\n"
    body = _split(summary)
    body += comparison_html(summary)
    body += teams_html(summary)
    body += _endings(summary)
    body += _scores(summary)
    body += mattered_html(summary)
    body += across_roles_html(summary)
    body += reality_html(summary)
    body += _predictions(summary)
    body += predictions_html(summary)
    body += questions_html(summary)
    body += _choices(summary)
    body += _rationales(summary)
    body += _rubric(summary)
    body += _outliers(summary)
    body += _students(summary, base, debriefs or {})
    body += _teacher(summary)
    parts += _with_contents(body)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _with_contents(body: list[str]) -> list[str]:
    """The sections, each heading with an anchor, after a list of them (and the projector
    view's switch: the page in large type, for a class discussion)."""
    heads: list[tuple[str, str]] = []
    out: list[str] = []
    for part in body:
        if part.startswith("<h2>") and "</h2>" in part:
            anchor, end = f"s{len(heads) + 1}", part.index("</h2>")
            heads.append((anchor, part[4:end]))
            part = f'<h2 id="{anchor}">{part[4:]}'
        out.append(part)
    links = "".join(f'<li><a href="#{a}">{title}</a></li>' for a, title in heads)
    return [
        '<nav class="contents"><b>Contents</b> · <a href="#projector">projector view</a> · '
        f'<a href="#">normal view</a><ol>{links}</ol></nav><span id="projector"></span>',
        *out,
    ]


def split_events(s: ClassSummary, n: int = 10) -> list[tuple[float, EventSummary]]:
    """The events where the class disagreed most: 1 − the share of the most chosen option,
    among events at least two students faced; most divided first."""
    ranked = []
    for ev in s.events:
        if ev.faced >= 2 and len(ev.options) >= 2:
            top = max(o.count for o in ev.options.values())
            ranked.append((1 - top / ev.faced, ev))
    ranked.sort(key=lambda x: (-x[0], -x[1].faced, x[1].title))
    return [r for r in ranked if r[0] > 0][:n]


def _split(s: ClassSummary) -> list[str]:
    ranked = split_events(s)
    if not ranked:
        return []
    out = [
        "<h2>Where the class split</h2>",
        '<p class="note">The decisions the class disagreed on most, to open the discussion: the '
        "two most chosen options and their shares of the students who faced the event.</p>",
        "<table><tr><th>#</th><th>Event</th><th>Role</th><th>Faced</th><th>Most chosen</th>"
        "<th>Next</th></tr>",
    ]
    for i, (_, ev) in enumerate(ranked, 1):
        top = sorted(ev.options.values(), key=lambda o: -o.count)[:2]
        cells = "".join(
            f"<td>{e(o.label)} <b>{100 * o.count / ev.faced:.0f}%</b></td>" for o in top
        )
        out.append(
            f"<tr><td class='n'>{i}</td><td>{e(ev.title)}</td>"
            f"<td>{e(s.roles.get(ev.role, ev.role))}</td><td class='n'>{ev.faced}</td>{cells}</tr>"
        )
    out.append("</table>")
    return out


def _figures(s: ClassSummary) -> list[str]:
    totals = [t for group in s.scores.values() for _, t in group]
    if not totals:
        return []
    common = next(iter(s.endings), "")
    share = s.ending_counts[common] / s.n if s.n else 0
    rationales = [
        len(d.rationale)
        for en in s.entries
        for d in en.report.decisions
        if d.event is not None and d.rationale.strip()
    ]
    figures = [
        (str(s.n), "games"),
        (f"{statistics.median(totals):.0f}", "median score"),
        (f"{100 * share:.0f}%", f"ended in “{s.endings.get(common, '')}”"),
        (str(len(s.endings)), "different endings"),
        (f"{statistics.median(rationales):.0f}" if rationales else "0", "characters per rationale"),
    ]
    if s.predictions:
        hits = sum(h for _, h, _ in s.predictions)
        total = sum(t for _, _, t in s.predictions)
        figures.append((f"{100 * hits / total:.0f}%", "predictions right"))
    items = "".join(f"<div><b>{e(v)}</b>{e(k)}</div>" for v, k in figures)
    return [f'<div class="figures">{items}</div>']


def _endings(s: ClassSummary) -> list[str]:
    palette = svg.colors(list(s.endings))
    rows = [(title, 100 * s.ending_counts[k] / s.n, palette[k]) for k, title in s.endings.items()]
    out = [
        "<h2>Endings</h2>",
        svg.hbars(rows, note="share of games reaching each ending, percent", suffix="%"),
        "<table><tr><th>Ending</th><th>Games</th>"
        + "".join(f"<th>{e(name)}</th>" for name in s.roles.values())
        + "</tr>",
    ]
    for k, title in s.endings.items():
        cells = "".join(
            f"<td class='n'>{s.ending_by_role.get(r, Counter())[k]}</td>" for r in s.roles
        )
        out.append(f"<tr><td>{e(title)}</td><td class='n'>{s.ending_counts[k]}</td>{cells}</tr>")
    out.append("</table>")
    return out


def _scores(s: ClassSummary) -> list[str]:
    groups = []
    highlight = []
    flagged = {o.name for o in s.outliers if "score" in o.reason}
    for gi, (role, items) in enumerate(s.scores.items()):
        groups.append((s.roles.get(role, role), [t for _, t in items]))
        highlight += [(gi, t) for name, t in items if name in flagged]
    out = [
        "<h2>Scores</h2>",
        '<p class="note">Each dot is one game’s overall score (0–100, the weighted mean of the '
        "role’s objectives); the bar is the mean; red dots are outliers.</p>",
        svg.strip_plot(groups, note="overall scores by role", highlight=highlight),
        "<table><tr><th>Role</th><th>Games</th><th>Mean</th><th>Median</th><th>Min</th>"
        "<th>Max</th></tr>",
    ]
    for role, items in s.scores.items():
        t = [x for _, x in items]
        out.append(
            f"<tr><td>{e(s.roles.get(role, role))}</td><td class='n'>{len(t)}</td>"
            f"<td class='n'>{statistics.fmean(t):.1f}</td>"
            f"<td class='n'>{statistics.median(t):.1f}</td><td class='n'>{min(t):.0f}</td>"
            f"<td class='n'>{max(t):.0f}</td></tr>"
        )
    out.append("</table>")
    for role, objectives in s.objectives.items():
        out.append(f"<h3>{e(s.roles.get(role, role))}: objectives, class mean</h3>")
        out.append(
            svg.hbars(
                [(label, mean, svg.PALETTE[0]) for label, mean, _ in objectives],
                note=f"mean objective scores for {s.roles.get(role, role)}",
            )
        )
    return out


def _choices(s: ClassSummary) -> list[str]:
    out = [
        "<h2>How often each option was chosen</h2>",
        '<p class="note">For each role (each has its own options), the events in the order they '
        "usually came up; shares are of the students of that role who faced the event. Options "
        "nobody chose show as 0.</p>",
    ]
    role = None
    for ev in s.events:
        if ev.role != role:
            role = ev.role
            out.append(f"<h3 class='role'>{e(s.roles.get(role, role))}</h3>")
        out += _event_choices(ev, s)
    return out


def _event_choices(ev: EventSummary, s: ClassSummary) -> list[str]:
    kind = f'<span class="kind">{e(ev.kind)}</span>' if ev.kind else ""
    when = f"usually turn {ev.typical_turn:.0f}" if ev.turns else ""
    top = max(ev.options.values(), key=lambda o: o.count)
    top_share = f"{100 * top.count / ev.faced:.0f}%" if ev.faced else "—"
    out = [
        f"<details><summary><b>{e(ev.title)}</b>{kind} <span class='note'>— faced by "
        f"{ev.faced}, {when}; most chose {e(top.label)} ({top_share})</span></summary>"
    ]
    out.append("<table><tr><th>Option</th><th>Chosen</th><th>Share</th></tr>")
    for o in sorted(ev.options.values(), key=lambda o: -o.count):
        share = o.count / ev.faced if ev.faced else 0
        bar = f'<span class="bar" style="width:{share * 12:.2f}rem"></span>'
        out.append(
            f"<tr><td>{e(o.label)}</td><td class='n'>{o.count}</td>"
            f"<td class='n' style='width:18rem'>{bar} {100 * share:.0f}%</td></tr>"
        )
    out.append("</table></details>")
    return out


def _rationales(s: ClassSummary) -> list[str]:
    out = [
        "<h2>Rationales side by side</h2>",
        '<p class="note">For each event, what each student chose and why, grouped by option so '
        "that the reasons for the same choice sit together.</p>",
    ]
    role = None
    for ev in s.events:
        if ev.role != role:
            role = ev.role
            out.append(f"<h3 class='role'>{e(s.roles.get(role, role))}</h3>")
        memos = sum(1 for r in ev.rationales if r.text.strip())
        out.append(
            f"<details><summary><b>{e(ev.title)}</b> <span class='note'>— {memos} memo(s)"
            "</span></summary>"
        )
        by_choice: dict[str, list] = {}
        for r in ev.rationales:
            by_choice.setdefault(r.choice, []).append(r)
        for items in sorted(by_choice.values(), key=len, reverse=True):
            out.append(
                f"<p><b>{e(items[0].label)}</b> <span class='note'>({len(items)})</span></p>"
            )
            out.append('<div class="side">')
            for r in items:
                if r.text.strip():
                    out.append(
                        f'<div class="card"><div class="who">{e(r.name)}</div>{e(r.text)}</div>'
                    )
                else:
                    out.append(
                        f'<div class="card none"><div class="who">{e(r.name)}</div>'
                        "no rationale</div>"
                    )
            out.append("</div>")
        out.append("</details>")
    return out


def _rubric(s: ClassSummary) -> list[str]:
    """The classroom's memo rubric, and a grid to mark each student's memos by it."""
    classes = [en.report.classroom for en in s.entries if en.report.classroom is not None]
    rubric = next((c.rubric for c in classes if c.rubric), [])
    if not rubric:
        return []
    out = ["<h2>Marking the memos</h2><table><tr><th>Criterion</th><th>Points</th></tr>"]
    for r in rubric:
        out.append(
            f"<tr><td><b>{e(r.name)}</b><div class='note'>{e(r.description)}</div></td>"
            f"<td class='n'>{r.points:g}</td></tr>"
        )
    total = sum(r.points for r in rubric)
    heads = "".join(f"<th>{e(r.name)} /{r.points:g}</th>" for r in rubric)
    out.append(f"</table><table><tr><th>Student</th><th>Memos</th>{heads}<th>/{total:g}</th></tr>")
    blank = "<td></td>" * (len(rubric) + 1)
    for en in sorted(s.entries, key=lambda x: x.name.lower()):
        memos = sum(1 for d in en.report.decisions if d.event is not None and d.rationale.strip())
        out.append(f"<tr><td>{e(en.name)}</td><td class='n'>{memos}</td>{blank}</tr>")
    return [*out, "</table>"]


def _teacher(s: ClassSummary) -> list[str]:
    """The pack's teaching goals and its notes for teachers."""
    r = next((en.report for en in s.entries if en.report.teaching_notes), None)
    r = r or next((en.report for en in s.entries if en.report.teaching_goals), None)
    if r is None:
        return []
    out = ["<h2>For the teacher</h2>"]
    if r.teaching_goals:
        out += ["<p><b>The pack's teaching goals</b></p><ul class='tight'>"]
        out += [f"<li>{e(g)}</li>" for g in r.teaching_goals] + ["</ul>"]
    out += [f"<p>{e(p.strip())}</p>" for p in r.teaching_notes.split("\n\n") if p.strip()]
    guide = kt("guide", "--format", "html", "-o", "guide.html")
    out.append(f'<p class="note">The whole teacher\'s guide: <code>{e(guide)}</code>.</p>')
    return out


def _predictions(s: ClassSummary) -> list[str]:
    if not s.predictions:
        return []
    out = [
        "<h2>Predictions</h2>",
        '<p class="note">Share of predictions right per student (guessing scores about 33%).</p>',
    ]
    rows = sorted(((name, 100 * h / t, svg.PALETTE[2]) for name, h, t in s.predictions),
                  key=lambda r: -r[1])  # fmt: skip
    out.append(
        svg.hbars(rows, note="prediction accuracy by student, percent", label_w=220, suffix="%")
    )
    return out


def _outliers(s: ClassSummary) -> list[str]:
    out = ["<h2>Outliers</h2>"]
    if not s.outliers:
        return [*out, "<p>No game stands out.</p>"]
    out.append(
        '<p class="note">Games worth a look in the discussion: unusual scores (outside 1.5 '
        "interquartile ranges, per role), endings only one student reached, choices nobody else "
        "made, and missing rationales.</p><table><tr><th>Student</th><th>Why</th></tr>"
    )
    for o in s.outliers:
        out.append(f"<tr><td>{e(o.name)}</td><td>{e(o.reason)}</td></tr>")
    out.append("</table>")
    return out


def _href(file: str, base: str | None) -> str:
    """A link to a report that is only ever a path (relative to the page where it can be), and
    percent-encoded: no file name, `javascript:alert(1).json` say, makes it a script or another
    scheme."""
    rel = file
    if base:
        with contextlib.suppress(ValueError):  # on another drive
            rel = os.path.relpath(file, base)
    path = Path(rel)
    if path.is_absolute():
        return path.as_uri()
    return "./" + quote(path.as_posix())


def _students(s: ClassSummary, base: str | None, debriefs: dict[str, str]) -> list[str]:
    teams = any(en.team for en in s.entries)
    out = [
        "<h2>Every game</h2><table><tr>"
        + ("<th>Team</th>" if teams else "")
        + "<th>Student</th><th>Role</th><th>Ending</th>"
        "<th>Score</th><th>Predictions</th><th>Pack</th><th>Report</th></tr>"
    ]
    for en in sorted(s.entries, key=lambda x: (x.team, x.report.role, -x.report.total)):
        r = en.report
        pred = f"{r.predictions.hits}/{r.predictions.total}" if r.predictions else ""
        debrief = debriefs.get(en.file)
        href = _href(debrief or en.file, base)
        label = "debrief" if debrief else os.path.basename(en.file)
        team = f"<td>{e(en.team)}</td>" if teams else ""
        out.append(
            f"<tr>{team}<td>{e(en.name)}</td><td>{e(r.role_name or r.role)}</td>"
            f"<td>{e(r.ending_title)}</td><td class='n'>{r.total:.0f}</td>"
            f"<td class='n'>{pred}</td>{_pack_cell(en)}"
            f"<td><a href='{e(href)}'>{e(label)}</a></td></tr>"
        )
    out.append("</table>")
    return out


def _pack_cell(en) -> str:
    """Whether the game was scored on the pack it was played on."""
    warning = en.report.pack_warning
    if warning:
        return f"<td class='warn'><b>differs</b>: {e(warning)}</td>"
    return f"<td>{e(en.pack_check)}</td>"


def render_class_text(s: ClassSummary) -> list[str]:
    """A short plain-text summary for the terminal."""
    lines = [f"Class summary: {s.title} — {s.n} game(s), {len(s.skipped)} skipped"]
    lines += [f"  warning: {w}" for w in s.warnings]
    for sk in s.skipped:
        lines += [f"  skipped: {line.splitlines()[0]}" for line in sk.lines()[:1]]
    if not s.entries:
        return lines
    lines.append("Endings:")
    for k, title in s.endings.items():
        lines.append(f"  {s.ending_counts[k]:3d}  {100 * s.ending_counts[k] / s.n:3.0f}%  {title}")
    lines.append("Scores:")
    for role, items in s.scores.items():
        t = [x for _, x in items]
        lines.append(
            f"  {s.roles.get(role, role)}: {len(t)} game(s), mean {statistics.fmean(t):.1f}, "
            f"min {min(t):.0f}, max {max(t):.0f}"
        )
    lines += comparison_text(s)
    if s.outliers:
        lines.append("Outliers:")
        lines += [f"  {o.name}: {o.reason}" for o in s.outliers[:10]]
    return lines
