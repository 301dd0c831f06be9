"""The simulator's report as one self-contained HTML page: inline CSS and SVG charts, no scripts,
no network. Every piece of pack text is escaped."""

from __future__ import annotations

from html import escape

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 1100px; padding: 0 1rem; color: #1d2330; background: #fff; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; font-size: 1.15rem; }
.meta { color: #5a6275; } table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e6ee; }
th { background: #f4f6fa; font-weight: 600; } td.n { text-align: right;
     font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.never td { color: #b3261e; } tr.untaken td { color: #8a5a00; }
.bar { background: #d7def0; height: .7rem; display: inline-block; vertical-align: middle; }
.meters { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr));
          gap: 1rem; } figure { margin: 0; } figcaption { font-size: .9rem; color: #3b4356; }
svg text { font: 11px system-ui, sans-serif; fill: #3b4356; }
.note { color: #5a6275; font-size: .92rem; }
"""


def _e(x: object) -> str:
    return escape(str(x), quote=True)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def endings_svg(endings: list[dict]) -> str:
    if not endings:
        return ""
    row, label_w, width = 26, 260, 760
    plot = width - label_w - 70
    height = row * len(endings) + 30
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="Endings">']
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 20}" stroke="#e3e6ee"/>'
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{tick}%</text>'
        )
    for i, e in enumerate(endings):
        y = i * row + 4
        w = plot * e["share"]
        lo, hi = (label_w + plot * c for c in e["ci95"])
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(e["title"])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="14" fill="#4f6bd8"/>'
            f'<line x1="{lo:.1f}" y1="{y + 10}" x2="{hi:.1f}" y2="{y + 10}" stroke="#1d2330"/>'
            f'<line x1="{lo:.1f}" y1="{y + 5}" x2="{lo:.1f}" y2="{y + 15}" stroke="#1d2330"/>'
            f'<line x1="{hi:.1f}" y1="{y + 5}" x2="{hi:.1f}" y2="{y + 15}" stroke="#1d2330"/>'
            f'<text x="{label_w + plot + 8}" y="{y + 14}">{_pct(e["share"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def length_svg(report: dict) -> str:
    """A histogram of game lengths (decisions per game)."""
    length = report["length"]
    hist = length["histogram"]
    note = (
        f'<p class="note">Length in decisions: mean {length["mean"]}, min {length["min"]}, '
        f"5% {length['p5']}, median {length['p50']}, 95% {length['p95']}, max {length['max']}.</p>"
    )
    if not hist:
        return note
    width, height, left, bottom = 760, 150, 40, 22
    first, last = hist[0][0], hist[-1][0]
    slots = last - first + 1
    top = max(c for _, c in hist)
    pw, ph = width - left - 10, height - bottom - 8
    bw = pw / slots
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="Game lengths">'
    ]
    for i, c in hist:
        h = ph * c / top
        x = left + (i - first) * bw
        parts.append(
            f'<rect x="{x:.1f}" y="{8 + ph - h:.1f}" width="{max(bw - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="#4f6bd8"><title>{i} decisions: {c} games</title></rect>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 6}">{first}</text>'
        f'<text x="{left + pw}" y="{height - 6}" text-anchor="end">{last} decisions</text>'
        f'<text x="{left - 4}" y="16" text-anchor="end">{top}</text></svg>'
    )
    return note + "".join(parts)


def meter_svg(m: dict) -> str:
    turns = m["turns"]
    if len(turns) < 1:
        return ""
    width, height, left, bottom, top = 330, 170, 36, 22, 8
    pw, ph = width - left - 10, height - bottom - top
    t0, t1 = turns[0]["turn"], turns[-1]["turn"]
    span = max(1, t1 - t0)
    lo, hi = m["min"], m["max"]
    rng = (hi - lo) or 1

    def x(t: float) -> float:
        return left + pw * (t - t0) / span

    def y(v: float) -> float:
        return top + ph * (1 - (v - lo) / rng)

    def band(a: str, b: str) -> str:
        pts = [f"{x(s['turn']):.1f},{y(s[a]):.1f}" for s in turns]
        pts += [f"{x(s['turn']):.1f},{y(s[b]):.1f}" for s in reversed(turns)]
        return " ".join(pts)

    median = " ".join(f"{x(s['turn']):.1f},{y(s['p50']):.1f}" for s in turns)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{_e(m["label"])} over turns">',
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fafbfd" stroke="#e3e6ee"/>',
        f'<polygon points="{band("p5", "p95")}" fill="#d7def0"/>',
        f'<polygon points="{band("p25", "p75")}" fill="#9fb0e6"/>',
        f'<polyline points="{median}" fill="none" stroke="#24367a" stroke-width="2"/>',
        f'<text x="{left - 4}" y="{top + 9}" text-anchor="end">{hi:g}</text>',
        f'<text x="{left - 4}" y="{top + ph}" text-anchor="end">{lo:g}</text>',
        f'<text x="{left}" y="{height - 6}">turn {t0}</text>',
        f'<text x="{left + pw}" y="{height - 6}" text-anchor="end">turn {t1}</text>',
        "</svg>",
    ]
    return "".join(parts)


def render_html(report: dict) -> str:
    cfg, pack, timing = report["config"], report["pack"], report["timing"]
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Simulation: {_e(pack['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(pack['title'])}</h1>",
        f'<p class="meta">Pack {_e(pack["id"])} {_e(pack["version"])} (digest '
        f"{_e(pack['digest'])}), {pack['turns']} turns. {report['games']} games as "
        f"{_e(cfg['role_name'])} ({_e(cfg['role'])}), strategy <b>{_e(cfg['strategy'])}</b> "
        f"({_e(cfg['strategy_means'])}), seed {_e(cfg['seed'])}.",
    ]
    if timing.get("seconds"):
        out.append(
            f" {timing['seconds']:.2f} s on {timing['jobs']} process(es), "
            f"{timing['games_per_second']:,.0f} games/s."
        )
    out.append("</p>")
    out.append("<h2>Endings</h2>")
    out.append(
        '<p class="note">Bars: share of games; whiskers: 95% Wilson confidence interval.</p>'
    )
    out.append(endings_svg(report["endings"]))
    out.append(
        "<table><tr><th>ending</th><th>games</th><th>share</th><th>95% CI</th>"
        "<th>mean score</th><th>mean length</th></tr>"
    )
    for e in report["endings"]:
        out.append(
            f"<tr><td>{_e(e['title'])} <small>({_e(e['id'])})</small></td>"
            f'<td class="n">{e["games"]}</td><td class="n">{_pct(e["share"])}</td>'
            f'<td class="n">{_pct(e["ci95"][0])}–{_pct(e["ci95"][1])}</td>'
            f'<td class="n">{e["mean_score"] if e["mean_score"] is not None else "—"}</td>'
            f'<td class="n">{e["mean_length"] if e["mean_length"] is not None else "—"}</td>'
            "</tr>"
        )
    out.append("</table>")
    score = report["score"]
    out.append("<h2>Games</h2>")
    out.append(length_svg(report))
    out.append(
        f'<p class="note">Objective score (0–100): mean {score["mean"]} (95% CI '
        f"{score['ci95'][0]}–{score['ci95'][1]}).</p>"
    )
    out.append("<h2>Meters</h2>")
    out.append(
        '<p class="note">Median (line), 25th–75th (dark band) and 5th–95th percentile (light '
        "band) at the start of each sampled turn, over the games still running.</p>"
    )
    out.append('<div class="meters">')
    for m in report["meters"]:
        hidden = " (hidden)" if m["hidden"] else ""
        out.append(
            f"<figure>{meter_svg(m)}<figcaption>{_e(m['label'])}{hidden} — {_e(m['unit'])}, "
            f"end median {m['final'].get('p50', '—')}</figcaption></figure>"
        )
    out.append("</div>")
    out.append(
        "<h2>Events</h2><table><tr><th>event</th><th>kind</th><th>drawn in</th>"
        "<th>95% CI</th><th>draws</th></tr>"
    )
    for e in report["events"]:
        cls = ' class="never"' if not e["games"] else ""
        out.append(
            f"<tr{cls}><td>{_e(e['title'])} <small>({_e(e['id'])})</small></td>"
            f"<td>{_e(e['kind'])}</td>"
            f'<td class="n"><span class="bar" style="width:{60 * e["share"]:.0f}px"></span> '
            f"{_pct(e['share'])}</td>"
            f'<td class="n">{_pct(e["ci95"][0])}–{_pct(e["ci95"][1])}</td>'
            f'<td class="n">{e["draws"]}</td></tr>'
        )
    out.append("</table>")
    out.append(
        '<h2>Choices</h2><p class="note">Open and taken as a share of the times the event was '
        "drawn; red: never open, amber: never taken.</p><table><tr><th>event / choice</th>"
        "<th>tags</th><th>drawn</th><th>open</th><th>taken</th><th>taken when open</th></tr>"
    )
    for c in report["choices"]:
        cls = ""
        if c["drawn"] and not c["open"]:
            cls = ' class="never"'
        elif c["drawn"] and not c["taken"]:
            cls = ' class="untaken"'
        out.append(
            f"<tr{cls}><td>{_e(c['event'])} / {_e(c['choice'])}<br><small>{_e(c['label'])}"
            f'</small></td><td>{_e(", ".join(c["tags"]))}</td><td class="n">{c["drawn"]}</td>'
            f'<td class="n">{_pct(c["open_share"])}</td><td class="n">{_pct(c["taken_share"])}'
            f'</td><td class="n">{_pct(c["taken_when_open"])}</td></tr>'
        )
    out.append("</table>")
    out.append("<h2>Options never better than a sibling</h2>")
    if report["dominated"]:
        out.append(
            f'<p class="note">One step ahead on the role\'s weighted objectives, over '
            f"{report['lookahead_decisions']} probed decisions.</p><table><tr><th>event</th>"
            "<th>option</th><th>never better than</th><th>compared</th><th>worse</th></tr>"
        )
        for d in report["dominated"]:
            out.append(
                f"<tr><td>{_e(d['event'])}</td><td>{_e(d['choice'])}</td><td>{_e(d['by'])}</td>"
                f'<td class="n">{d["compared"]}</td><td class="n">{d["worse"]}</td></tr>'
            )
        out.append("</table>")
    else:
        out.append(
            f'<p class="note">None, over {report["lookahead_decisions"]} probed decisions.</p>'
        )
    out.append("</body></html>\n")
    return "\n".join(out)
