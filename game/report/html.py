"""The debrief report as one self-contained, printable HTML page: inline CSS and SVG, no
scripts, nothing fetched. Every piece of text from the pack or the player is escaped."""

from __future__ import annotations

from game.engine.pack import RESULT_VALUES
from game.inert import web_link
from game.report import svg
from game.report.model import DIRECT, Counterfactual, Decision, Reality, Report
from game.report.svg import e
from game.views.ending import MATTERED, NO_PIVOTS, result_word
from game.views.reality import verdict_word
from game.views.voices import VOICES_NOTE

CSS = """
:root { --ink: #1d2330; --muted: #5a6275; --line: #e3e6ee; --soft: #f4f6fa; --accent: #4f6bd8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 1000px; padding: 0 1rem; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.2rem; margin: 2.2rem 0 .6rem;
     border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .3rem; }
.meta, .note { color: var(--muted); } .note { font-size: .92rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ending { background: var(--soft); border-left: 4px solid var(--accent); padding: .8rem 1rem;
          margin: 1rem 0; }
.ending.war { border-color: #b3261e; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem; }
figure { margin: 0; } figcaption { font-size: .88rem; color: #3b4356; }
svg text { font: 11px system-ui, sans-serif; fill: #3b4356; } svg text.on-bar { fill: #fff; }
.decision { border-top: 1px solid var(--line); padding-top: .4rem; break-inside: avoid; }
.kind { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
        border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; margin-left: .4rem; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid var(--accent);
             background: #f8f9fc; }
.options { color: var(--muted); font-size: .9rem; } .options b { color: var(--ink); }
.reality { background: #fbf7ee; border-left: 3px solid #e0a84f; padding: .4rem .8rem;
           margin: .5rem 0; }
.warn { background: #fff4e5; border-left: 4px solid #e0a84f; padding: .5rem .8rem; }
.verdict { font-weight: 600; } .month { margin: .8rem 0 .2rem; font-weight: 600; }
.outside { color: var(--muted); font-weight: 400; }
.hit { color: #2e7d4f; } .miss { color: #b3261e; }
.legend .key { display: inline-block; margin-right: 1rem; font-size: .88rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem;
            vertical-align: -1px; }
ul.tight { margin: .2rem 0; padding-left: 1.2rem; }
details > summary { cursor: pointer; color: var(--muted); }
.changed { font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } .decision, figure, table, .ending { break-inside: avoid; }
  details { display: none; } a { color: inherit; text-decoration: none; }
}
"""


def render_html(report: Report) -> str:
    title = f"Debrief: {report.pack.title or report.pack.id}"
    who = report.player or "A player"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)} — {e(who)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">{e(who)} advised <b>{e(report.role_name or report.role)}</b>'
        f"{' (' + e(report.office) + ')' if report.office else ''} · seed <code>{e(report.seed)}"
        f"</code>{_classroom_line(report)} · {len(report.decisions)} decisions · report of "
        f"{e(report.generated_at.strftime('%d %B %Y'))}</p>",
    ]
    if report.pack_warning:
        parts.append(f'<p class="warn"><b>Warning:</b> {e(report.pack_warning)}</p>')
    parts += _ending(report)
    parts += _scorecard(report)
    parts += _why(report)
    parts += _mattered(report)
    parts += _meters(report)
    parts += _rubric(report)
    parts += _decisions(report)
    parts += _predictions(report)
    parts += _counterfactuals(report)
    parts += _reality(report)
    parts += _then_and_now(report)
    parts += _voices(report)
    parts += _questions(report)
    parts += _glossary(report)
    parts += _about(report)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _classroom_line(report: Report) -> str:
    c = report.classroom
    if c is None:
        return ""
    team = f" · team <b>{e(c.team)}</b>" if c.team else ""
    group = f" · group <b>{e(c.group)}</b>" if c.group else ""
    return f" · class <b>{e(c.title or c.id)}</b>{team}{group}"


def _ending(report: Report) -> list[str]:
    if report.ending is None:
        return [
            '<div class="ending"><b>Unfinished.</b> The game was saved before it ended; what '
            "follows covers the decisions made so far.</div>"
        ]
    end = report.ending
    cls = "ending war" if report.result == "loss" else "ending"
    out = [f'<div class="{cls}"><h2 style="margin-top:0;border:0">Ending: {e(end.title)}</h2>']
    out += [f"<p>{_para(end.text)}</p>"] if end.text else []
    out += [f"<p><i>{_para(end.epilogue)}</i></p>"] if end.epilogue else []
    result = f"Result: {result_word(report.result)} · " if report.result is not None else ""
    out.append(f"<p><b>{result}Overall score: {report.total:.0f}/100</b>")
    if report.predictions is not None and report.predictions.total:
        p = report.predictions
        out.append(f" · predictions right: {p.hits} of {p.total} ({100 * (p.accuracy or 0):.0f}%)")
    out.append("</p></div>")
    return out


def _para(text: str) -> str:
    return "</p><p>".join(e(block.strip()).replace("\n", " ") for block in text.split("\n\n"))


def _scorecard(report: Report) -> list[str]:
    if not report.scorecard:
        return []
    rows = [(s.label, s.score, svg.PALETTE[0]) for s in report.scorecard]
    out = ["<h2>Objectives scorecard</h2>", svg.hbars(rows, note="objective scores, 0 to 100")]
    out.append("<table><tr><th>Objective</th><th>Weight</th><th>Score</th></tr>")
    for s in report.scorecard:
        out.append(
            f"<tr><td>{e(s.label)}<div class='note'>{e(s.description)}</div></td>"
            f"<td class='n'>{s.weight:g}</td><td class='n'>{s.score:.0f}/100</td></tr>"
        )
    w = report.result_weight
    overall = "Overall (weighted)"
    if report.result is not None and w and report.objectives is not None:
        overall = "Overall"
        value = RESULT_VALUES[report.result]
        out.append(
            f"<tr><td>Your objectives</td><td class='n'>{1 - w:.0%}</td>"
            f"<td class='n'>{report.objectives:.0f}/100</td></tr>"
            f"<tr><td>Result: <b>{result_word(report.result)}</b></td>"
            f"<td class='n'>{w:.0%}</td><td class='n'>{value:.0f}/100</td></tr>"
        )
    out.append(f"<tr><th>{overall}</th><th></th><th class='n'>{report.total:.0f}/100</th></tr>")
    out.append("</table>")
    return out


def _why(report: Report) -> list[str]:
    w = report.why
    if w is None:
        return []
    out = ["<h2>Why this ending</h2>", f"<p>{e(w.summary)}</p>"]
    if w.held:
        out.append("<ul class='tight'>" + "".join(f"<li>✓ {e(c)}</li>" for c in w.held) + "</ul>")
    if w.missed:
        out.append("<p>Endings checked before it, and what they lacked:</p><ul class='tight'>")
        out += [f"<li><b>{e(m.title)}</b>: {e('; '.join(m.failed))}</li>" for m in w.missed]
        out.append("</ul>")
    if w.climbed:
        out.append(f"<p>{e(w.climbed)}</p>")
        out.append("<ul class='tight'>" + "".join(f"<li>{e(s)}</li>" for s in w.ladder) + "</ul>")
    return out


def _mattered(report: Report) -> list[str]:
    if report.why is None:
        return []
    out = ["<h2>The decisions that mattered</h2>", f"<p class='note'>{e(MATTERED)}</p>"]
    if not report.mattered:
        return [*out, f"<p>{e(NO_PIVOTS)}</p>"]
    for p in report.mattered:
        out.append(f"<h3>{e(p.head)}</h3><ul class='tight'>")
        out += [f"<li>{e(line)}</li>" for line in p.lines]
        out.append("</ul>")
    return out


def _meters(report: Report) -> list[str]:
    if not report.meters or not report.dates:
        return []
    first, last = report.dates[0], report.dates[-1]
    out = [
        "<h2>The meters over time</h2>",
        f'<p class="note">Each point is the value at the start of a turn, from {e(first)} to '
        f"{e(last)}; red points are turns where a prediction about that meter missed.</p>",
        '<div class="grid">',
    ]
    misses: dict[str, set[int]] = {}
    first_turn = report.decisions[0].turn if report.decisions else 1
    for d in report.decisions:
        for p in d.predictions:
            if not p.hit:
                misses.setdefault(p.variable, set()).add(d.turn - first_turn + 1)
    for m in sorted(report.meters, key=lambda m: m.hidden):
        chart = svg.line_chart(
            m.label, m.values, m.min, m.max, (first[:7], last[:7]), sorted(misses.get(m.id, ()))
        )
        hidden = " <i>(hidden from the player)</i>" if m.hidden else ""
        change = m.values[-1] - m.values[0] if m.values else 0.0
        out.append(
            f"<figure>{chart}<figcaption><b>{e(m.label)}</b>{hidden}: "
            f"{svg.fmt(m.values[0])} → {svg.fmt(m.values[-1])} "
            f"({'+' if change >= 0 else '−'}{svg.fmt(abs(change))}) {e(m.unit)}</figcaption>"
            "</figure>"
        )
    out.append("</div>")
    return out


def reality_block(r: Reality, head: str = "What really happened") -> str:
    when = f" ({e(r.date)})" if r.date else ""
    conf = f" <span class='note'>[confidence: {e(r.confidence)}]</span>" if r.confidence else ""
    out = [f'<div class="reality"><b>{e(head)}{when}:</b> {e(r.text)}{conf}']
    if r.verdict:
        word = e(verdict_word(r.verdict))
        out.append(f"<br>Verdict on the article's prediction: <span class='verdict'>{word}</span>")
    if r.critical:
        out.append(f"<br><b>Read critically:</b> {e(r.critical)}")
    if r.sources:
        cites = "; ".join(_cite(s.cite, s.url) for s in r.sources)
        out.append(f"<br><span class='note'>Sources: {cites}</span>")
    out.append("</div>")
    return "".join(out)


def _cite(cite: str, url: str) -> str:
    if web_link(url):
        return f'<a href="{e(url)}">{e(cite)}</a>'
    return e(cite)


def _decision(d: Decision) -> list[str]:
    kind = f'<span class="kind">{e(d.kind)}</span>' if d.kind else ""
    out = [
        '<div class="decision">',
        f"<h3>Turn {d.turn} · {e(d.when or d.date[:7])} — {e(d.title)}{kind}</h3>",
        f"<p>Chose: <b>{e(d.label)}</b>"
        + (f" <span class='note'>(outcome: {e(d.outcome)})</span>" if d.outcome else "")
        + "</p>",
    ]
    others = [o for o in d.options if o.id != d.choice]
    if others:
        listed = "; ".join(e(o.label) + ("" if o.open else " (closed)") for o in others)
        out.append(f'<p class="options">Other options: {listed}</p>')
    if d.why_drawn:
        out.append(f'<p class="note">Why this event came up: {e(d.why_drawn)}</p>')
    if d.cost:
        out.append(f"<p class='note'>Spent: {svg.fmt(d.cost)} from the budget</p>")
    out += [f"<p class='note'>Left to others: {e(item)}</p>" for item in d.left]
    if d.rationale:
        out.append(f"<blockquote><b>Rationale:</b> {e(d.rationale)}</blockquote>")
    elif d.event:
        out.append('<p class="note">No rationale was given.</p>')
    if d.predictions:
        items = ", ".join(
            f'<span class="{"hit" if p.hit else "miss"}">{e(p.label)}: expected {p.expected}, '
            f"went {p.actual} {'✓' if p.hit else '✗'}</span>"
            for p in d.predictions
        )
        out.append(f"<p>Predicted: {items}</p>")
    direct = [c for c in d.changes if c.cause in DIRECT]
    world = [c for c in d.changes if c.cause not in DIRECT]
    if direct or world:
        out.append("<table><tr><th>What changed</th><th>Change</th><th>Because</th></tr>")
        for c in direct:
            out.append(_change_row(c))
        out.append("</table>")
        if world:
            out.append(
                f"<details><summary>…and {len(world)} change(s) from the world's own moves"
                "</summary><table>"
            )
            out += [_change_row(c) for c in world]
            out.append("</table></details>")
    if d.news:
        out.append("<ul class='tight'>" + "".join(f"<li>{e(n)}</li>" for n in d.news) + "</ul>")
    if d.scheduled or d.hidden_scheduled:
        later = [e(s) for s in d.scheduled]
        if d.hidden_scheduled:
            later.append(f"{d.hidden_scheduled} consequence(s) the player could not see")
        out.append(f"<p class='note'>Set in motion: {'; '.join(later)}</p>")
    if d.note:
        out.append(f"<p><b>Note:</b> {e(d.note)}</p>")
    if d.reality is not None:
        out.append(reality_block(d.reality))
    out.append("</div>")
    return out


def _change_row(c) -> str:
    if isinstance(c.after, bool):
        change = "yes" if c.after else "no"
    else:
        delta = float(c.after) - float(c.before)
        sign = "+" if delta >= 0 else "−"
        change = f"{sign}{svg.fmt(abs(delta))} → {svg.fmt(float(c.after))}"
        if c.clamped:
            change += " (at its limit)"
    hidden = " <i>(hidden)</i>" if c.hidden else ""
    return (
        f"<tr><td>{e(c.label)}{hidden}</td><td class='n'>{e(change)}</td><td>{e(c.why)}</td></tr>"
    )


def _decisions(report: Report) -> list[str]:
    if not report.decisions:
        return ["<h2>Decisions</h2><p>No decision was made.</p>"]
    as_of = f" (following events up to {e(report.reality_as_of)})" if report.reality_as_of else ""
    out = [
        "<h2>Decisions, rationales and what happened</h2>",
        '<p class="note">Each decision with the reasons given, the changes it caused directly, '
        f"and what really happened at that point{as_of}.</p>",
    ]
    for d in report.decisions:
        if d.event is None:
            continue
        out += _decision(d)
    quiet = sum(1 for d in report.decisions if d.event is None)
    if quiet:
        out.append(f"<p class='note'>{quiet} quiet turn(s) passed without a decision.</p>")
    return out


def _predictions(report: Report) -> list[str]:
    p = report.predictions
    if p is None or not p.total:
        return []
    out = [
        "<h2>Predict, then reveal</h2>",
        f"<p>{p.hits} of {p.total} predictions right ({100 * (p.accuracy or 0):.0f}%). "
        "With three possible answers (up, down, steady), guessing scores about 33%.</p>",
        "<table><tr><th>Meter</th><th>Right</th><th>Of</th></tr>",
    ]
    labels = {m.id: m.label for m in report.meters}
    for vid, (hits, n) in p.by_variable.items():
        out.append(
            f"<tr><td>{e(labels.get(vid, vid))}</td><td class='n'>{hits}</td>"
            f"<td class='n'>{n}</td></tr>"
        )
    out.append("</table>")
    return out


def _counterfactual(c: Counterfactual, palette: dict[str, str]) -> list[str]:
    rows = []
    for b in (c.actual, *c.alternatives):
        mark = "★ " if b is c.actual else ""  # the player's own choice
        rows.append((mark + b.label, {k: v / b.runs for k, v in b.endings.items()}))
    note = f"endings after turn {c.turn} by choice"
    out = [
        f"<h3>Turn {c.turn} — {e(c.title)}</h3>",
        svg.stacked_bars(rows, palette, c.ending_titles, note=note),
        "<table><tr><th>Choice</th><th>Mean score</th><th>On your own dice</th></tr>",
    ]
    for b in (c.actual, *c.alternatives):
        own = c.ending_titles.get(b.own_dice, b.own_dice)
        label = f"<b>{e(b.label)}</b>" if b is c.actual else e(b.label)
        out.append(
            f"<tr><td>{label}</td><td class='n'>{b.mean_score:.0f}</td><td>{e(own)} "
            f"({b.own_dice_score:.0f})</td></tr>"
        )
    out.append("</table>")
    return out


def _counterfactuals(report: Report) -> list[str]:
    if not report.counterfactuals:
        return []
    ids: list[str] = []
    titles: dict[str, str] = {}
    for c in report.counterfactuals:
        titles.update(c.ending_titles)
        for b in (c.actual, *c.alternatives):
            ids += list(b.endings)
    palette = svg.colors(sorted(set(ids), key=ids.index))
    c0 = report.counterfactuals[0]
    dice = (
        "each game with its own dice from that turn on"
        if c0.dice == "fresh"
        else "every game on the dice of your own game"
    )
    out = [
        "<h2>What if you had chosen otherwise?</h2>",
        f'<p class="note">For each decision: {c0.runs} games played from the same position with '
        f"each option, {dice}; later decisions follow yours where the same event comes up, and "
        "are random otherwise. The bars show how those games ended (★ marks your choice); “on "
        "your own dice” is the one game played with the dice you actually had.</p>",
        svg.legend(palette, titles, list(palette)),
    ]
    for c in report.counterfactuals:
        out += _counterfactual(c, palette)
    return out


def _reality(report: Report) -> list[str]:
    out = ["<h2>What really happened</h2>"]
    if report.ending is not None and report.ending.reality is not None:
        out.append(reality_block(report.ending.reality, "Compared with this ending"))
    seen: dict[str, tuple[str, str]] = {}
    for d in report.decisions:
        if d.reality is not None:
            for s in d.reality.sources:
                seen.setdefault(s.id, (s.cite, s.url))
    if report.ending is not None and report.ending.reality is not None:
        for s in report.ending.reality.sources:
            seen.setdefault(s.id, (s.cite, s.url))
    if not seen and len(out) == 1:
        return []
    out.append(
        '<p class="note">Each decision above says what happened at that point in reality. '
        "The sources cited:</p>"
    )
    out.append(
        "<ul class='tight'>"
        + "".join(f"<li>{_cite(cite, url)}</li>" for cite, url in seen.values())
        + "</ul>"
    )
    return out


def _cites(sources) -> str:
    return "; ".join(_cite(s.cite, s.url) for s in sources)


def _then_and_now(report: Report) -> list[str]:
    if not any(m.real for m in report.then_and_now):
        return []
    out = [
        "<h2>Your game against what happened</h2>",
        '<p class="note">Month by month, what was on your desk beside what really happened.</p>',
    ]
    for m in report.then_and_now:
        outside = "" if m.played else " <span class='outside'>(outside your game)</span>"
        out.append(f"<p class='month'>{e(m.label)}{outside}</p><ul class='tight'>")
        out += [f"<li>Your desk: <b>{e(what)}</b></li>" for what in m.game]
        for r in m.real:
            sure = "" if r.confidence in ("", "high") else f" [confidence: {e(r.confidence)}]"
            out.append(
                f"<li>In reality, {e(r.shown)}: {e(r.text)}"
                f"<span class='note'>{sure} ({_cites(r.sources)})</span></li>"
            )
        out.append("</ul>")
    return out


def _voices(report: Report) -> list[str]:
    if not report.voices:
        return []
    out = ["<h2>How each capital frames it</h2>", f'<p class="note">{e(VOICES_NOTE)}</p>']
    for v in report.voices:
        out.append(
            f"<p><b>{e(v.capital)}.</b> {e(v.text)} "
            f"<span class='note'>({_cites(v.sources)})</span></p>"
        )
    return out


def _glossary(report: Report) -> list[str]:
    if not report.glossary:
        return []
    out = ["<h2>Terms in your briefings</h2><dl>"]
    out += [f"<dt><b>{e(t.term)}</b></dt><dd>{e(t.definition)}</dd>" for t in report.glossary]
    return [*out, "</dl>"]


def _rubric(report: Report) -> list[str]:
    c = report.classroom
    if c is None or not c.rubric:
        return []
    out = ["<h2>How your memos are assessed</h2><table><tr><th>Criterion</th><th>Points</th></tr>"]
    for r in c.rubric:
        about = f"<div class='note'>{e(r.description)}</div>" if r.description else ""
        out.append(f"<tr><td><b>{e(r.name)}</b>{about}</td><td class='n'>{r.points:g}</td></tr>")
    return [*out, "</table>"]


def _questions(report: Report) -> list[str]:
    if not report.questions:
        return []
    out = ["<h2>Questions for discussion</h2><ol>"]
    for q in report.questions:
        tag = (
            " <span class='note'>(from your teacher)</span>"
            if q.teacher
            else ""
            if q.seen
            else " <span class='note'>(about events you did not meet)</span>"
        )
        out.append(f"<li>{e(q.text)}{tag}</li>")
    out.append("</ol>")
    return out


def _about(report: Report) -> list[str]:
    out = ["<h2>About this game</h2><table><tr><th>Assumption</th><th>Value</th><th>Default</th>"]
    out[-1] += "</tr>"
    for a in report.assumptions:
        cls = " class='changed'" if a.changed else ""
        out.append(
            f"<tr{cls}><td>{e(a.label)}</td><td class='n'>{e(_value(a.value))}</td>"
            f"<td class='n'>{e(_value(a.default))}</td></tr>"
        )
    out.append("</table>")
    c = report.classroom
    facts = [
        f"Pack {e(report.pack.id)} {e(report.pack.version)} ({e(report.pack.digest)})",
        f"{report.turns} turns from {e(report.start_date)}",
        f"game {e(report.game_version)}" if report.game_version else "",
    ]
    if c is not None:
        facts.append(
            f"classroom {e(c.id)}"
            + (", numbers hidden during play" if c.hide_numbers else "")
            + (
                f", rationale required (≥ {c.rationale_min_length} characters)"
                if c.rationale_required
                else ""
            )  # fmt: skip
        )
    out.append(f"<p class='note'>{' · '.join(f for f in facts if f)}</p>")
    if report.notes:
        out.append("<p class='note'>Notes on this report:</p><ul class='tight'>")
        out += [f"<li>{e(n)}</li>" for n in report.notes]
        out.append("</ul>")
    if report.teaching_goals:
        out.append("<h3>The pack's teaching goals</h3><ul class='tight'>")
        out += [f"<li>{e(g)}</li>" for g in report.teaching_goals]
        out.append("</ul>")
    return out


def _value(v: bool | float) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return f"{v:g}"
