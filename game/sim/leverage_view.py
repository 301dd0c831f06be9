"""The decision-leverage report as rich tables and as one self-contained HTML page.

Pack text is printed as plain text (rich `Text`, never markup) and escaped in HTML.
"""

from __future__ import annotations

from html import escape

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from game.sim.leverage import COSMETIC, DOMINANT, MOVED, TARGETS


def _mark(ok: bool) -> str:
    return "ok" if ok else "below target"


def headline(role: dict) -> list[tuple[str, str, str]]:
    """(what, figure, verdict) rows: the figures an author keeps a pack strategic with."""
    d = role["decisions"]
    best = role["best_fair"]
    return [
        (
            f"best fair strategy ({best['strategy']}) vs random",
            f"{best['vs_random_sd']:+.2f} SD",
            _mark(best["vs_random_sd"] >= TARGETS["best_fair"]),
        ),
        (
            f"cosmetic decisions (spread < {COSMETIC:g} points)",
            f"{d['cosmetic_share']:.0%} of {d['probed']}",
            _mark(d["cosmetic_share"] <= TARGETS["cosmetic"]),
        ),
        (
            f"a changed decision moves the score > {MOVED:g} points",
            f"{d['moved_share']:.0%} of {d['changed']}",
            _mark(d["moved_share"] >= TARGETS["moved"]),
        ),
        (
            f"events with a dominant option (best in ≥ {DOMINANT:.0%})",
            f"{role['dominant_share']:.0%} of {len(role['events'])}",
            _mark(role["dominant_share"] <= TARGETS["dominant"]),
        ),
        ("mean spread (best − worst option)", f"{d['mean_spread']:.1f} points", ""),
    ]


def role_tables(role: dict) -> Group:
    parts: list = []
    title = Text(f"{role['role_name']} ({role['role']})", style="bold")
    parts.append(title)
    t = Table(title="Leverage", title_justify="left")
    t.add_column("measure")
    t.add_column("figure", justify="right")
    t.add_column("")
    for what, figure, verdict in headline(role):
        t.add_row(what, figure, Text(verdict, style="green" if verdict == "ok" else "yellow"))
    parts.append(t)
    s = Table(title=f"Strategies ({role['runs']} games each)", title_justify="left")
    for col in ("strategy", "mean", "SD", "vs random", "most frequent endings"):
        s.add_column(col, justify="right" if col in ("mean", "SD", "vs random") else "left")
    for x in role["strategies"]:
        top = ", ".join(f"{e} {p:.0%}" for e, p in list(x["endings"].items())[:3])
        name = x["strategy"] + (" (fair)" if x["fair"] else "")
        s.add_row(name, f"{x['mean']:.1f}", f"{x['sd']:.1f}", f"{x['vs_random_sd']:+.2f}", top)
    parts.append(s)
    e = Table(title="Endings", title_justify="left")
    for col in ("ending", "result", "random", "best share", "mean score"):
        e.add_column(col, justify="left" if col in ("ending", "result") else "right")
    for x in role["endings"]:
        best = max(x["shares"].values(), default=0.0)
        score = "—" if x["mean_score"] is None else f"{x['mean_score']:.1f}"
        e.add_row(
            Text(f"{x['title']} ({x['id']})"),
            x["result"],
            f"{x['shares'].get('random', 0):.0%}",
            f"{best:.0%}",
            score,
        )
    parts.append(e)
    ev = Table(title=f"Events (probed in {role['probes']} random games)", title_justify="left")
    for col in ("event", "states", "mean spread", "best option", "best in"):
        ev.add_column(col, justify="left" if col in ("event", "best option") else "right")
    for x in sorted(role["events"], key=lambda x: -(x["mean_spread"] or 0)):
        style = "yellow" if x["dominant"] else ("dim" if (x["mean_spread"] or 0) < COSMETIC else "")
        ev.add_row(
            Text(x["id"], style=style),
            str(x["states"]),
            f"{x['mean_spread']:.1f}",
            Text(x["best_option"] or "—"),
            f"{x['best_share']:.0%}",
        )
    parts.append(ev)
    if role["findings"]:
        f = Text("What to look at:\n", style="bold")
        for line in role["findings"]:
            f.append(f"  • {line}\n")
        parts.append(f)
    else:
        parts.append(Text("Every leverage target is met.", style="green"))
    return Group(*parts)


def print_leverage(report: dict, console: Console | None = None) -> None:
    console = console or Console()
    pack = report["pack"]
    console.print(Text(f"Decision leverage: {pack['title']} ({pack['id']})", style="bold"))
    for role in report["roles"]:
        console.print(role_tables(role))
    t = report["timing"]
    console.print(Text(f"{t['seconds']:.1f} s on {t['jobs']} process(es)", style="dim"))


CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px;
       padding: 0 1rem; color: #1d2330; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e6ee; }
th { background: #f4f6fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #1c7c3c; } .below { color: #8a5a00; } tr.dominant td { color: #8a5a00; }
tr.inert td { color: #7a8194; }
"""


def _e(x: object) -> str:
    return escape(str(x), quote=True)


def _table(head: list[str], rows: list[list[str]], classes: list[str] | None = None) -> str:
    h = "".join(f"<th>{_e(c)}</th>" for c in head)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        cells = "".join(f"<td>{c}</td>" for c in row)
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><tr>{h}</tr>{''.join(body)}</table>"


def render_leverage_html(report: dict) -> str:
    pack = report["pack"]
    out = [
        "<!doctype html><html lang='en'><meta charset='utf-8'>",
        f"<title>Decision leverage: {_e(pack['title'])}</title><style>{CSS}</style>",
        f"<h1>Decision leverage: {_e(pack['title'])}</h1>",
    ]
    for role in report["roles"]:
        out.append(f"<h2>{_e(role['role_name'])} ({_e(role['role'])})</h2>")
        rows = [
            [_e(w), _e(f), f"<span class='{'ok' if v == 'ok' else 'below'}'>{_e(v)}</span>"]
            for w, f, v in headline(role)
        ]
        out.append(_table(["measure", "figure", ""], rows))
        rows = [
            [
                _e(s["strategy"] + (" (fair)" if s["fair"] else "")),
                f"{s['mean']:.1f}",
                f"{s['sd']:.1f}",
                f"{s['vs_random_sd']:+.2f}",
                _e(", ".join(f"{e} {p:.0%}" for e, p in list(s["endings"].items())[:3])),
            ]
            for s in role["strategies"]
        ]
        out.append(_table(["strategy", "mean", "SD", "vs random (SD)", "endings"], rows))
        rows = [
            [
                _e(f"{x['title']} ({x['id']})"),
                _e(x["result"]),
                f"{x['shares'].get('random', 0):.0%}",
                f"{max(x['shares'].values(), default=0):.0%}",
                "—" if x["mean_score"] is None else f"{x['mean_score']:.1f}",
            ]
            for x in role["endings"]
        ]
        out.append(_table(["ending", "result", "random", "best share", "mean score"], rows))
        events = sorted(role["events"], key=lambda x: -(x["mean_spread"] or 0))
        rows = [
            [
                _e(x["id"]),
                str(x["states"]),
                f"{x['mean_spread']:.1f}",
                _e(x["best_option"] or "—"),
                f"{x['best_share']:.0%}",
            ]
            for x in events
        ]
        classes = [
            "dominant" if x["dominant"] else "inert" if x["mean_spread"] < COSMETIC else ""
            for x in events
        ]
        out.append(
            _table(["event", "states", "mean spread", "best option", "best in"], rows, classes)
        )
        if role["findings"]:
            items = "".join(f"<li>{_e(f)}</li>" for f in role["findings"])
            out.append(f"<h3>What to look at</h3><ul>{items}</ul>")
    out.append("</html>")
    return "\n".join(out)
