"""The simulator's report as rich tables for the terminal. Pack text is printed as plain text."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _ci(ci: list[float]) -> str:
    return f"{100 * ci[0]:.1f}–{100 * ci[1]:.1f}%"


def _num(x: float | None, decimals: int = 1) -> str:
    return "—" if x is None else f"{x:.{decimals}f}"


def _decimals(resolution: float) -> int:
    text = f"{resolution:g}"
    return len(text.split(".")[1]) if "." in text else 0


def header(report: dict) -> Text:
    cfg, pack, timing = report["config"], report["pack"], report["timing"]
    text = Text()
    text.append(f"{pack['title']}", style="bold")
    text.append(f"  (pack {pack['id']} {pack['version']}, {pack['turns']} turns)\n")
    text.append(
        f"{report['games']} games as {cfg['role_name']} ({cfg['role']}), strategy "
        f"{cfg['strategy']}: {cfg['strategy_means']}; seed {cfg['seed']!r}\n"
    )
    if timing.get("seconds"):
        text.append(
            f"{timing['seconds']:.2f} s on {timing['jobs']} process(es): "
            f"{timing['games_per_second']:,.0f} games/s, "
            f"{timing['decisions_per_second']:,} decisions/s",
            style="dim",
        )
    return text


def endings_table(report: dict) -> Table:
    t = Table(title="Endings", title_justify="left")
    t.add_column("ending")
    t.add_column("games", justify="right")
    t.add_column("share", justify="right")
    t.add_column("95% CI", justify="right")
    t.add_column("mean score", justify="right")
    t.add_column("mean length", justify="right")
    for e in report["endings"]:
        style = "dim" if not e["games"] else None
        t.add_row(
            Text(f"{e['title']} ({e['id']})"),
            str(e["games"]),
            _pct(e["share"]),
            _ci(e["ci95"]),
            _num(e["mean_score"]),
            _num(e["mean_length"]),
            style=style,
        )
    return t


def summary_table(report: dict) -> Table:
    t = Table(title="Games", title_justify="left", show_header=False)
    t.add_column("")
    t.add_column("", justify="right")
    length, score = report["length"], report["score"]
    t.add_row(
        "length (decisions)",
        f"mean {length['mean']:.1f}; min {length['min']}, 5% {length['p5']}, median "
        f"{length['p50']}, 95% {length['p95']}, max {length['max']}",
    )
    t.add_row(
        "objective score (0–100)",
        f"mean {score['mean']:.1f} (95% CI {score['ci95'][0]:.1f}–{score['ci95'][1]:.1f})",
    )
    return t


def events_table(report: dict) -> Table:
    t = Table(title="Events (share of games in which each was drawn)", title_justify="left")
    t.add_column("event")
    t.add_column("kind")
    t.add_column("games", justify="right")
    t.add_column("share", justify="right")
    t.add_column("95% CI", justify="right")
    t.add_column("draws", justify="right")
    for e in report["events"]:
        t.add_row(
            Text(f"{e['title']} ({e['id']})"),
            e["kind"],
            str(e["games"]),
            _pct(e["share"]),
            _ci(e["ci95"]),
            str(e["draws"]),
            style="red" if not e["games"] else None,
        )
    return t


def choices_table(report: dict) -> Table:
    t = Table(
        title="Choices (open and taken, as a share of the times their event was drawn)",
        title_justify="left",
    )
    t.add_column("event / choice")
    t.add_column("tags")
    t.add_column("drawn", justify="right")
    t.add_column("open", justify="right")
    t.add_column("taken", justify="right")
    t.add_column("taken when open", justify="right")
    for c in report["choices"]:
        style = None
        if c["drawn"] and not c["open"]:
            style = "red"
        elif c["drawn"] and not c["taken"]:
            style = "yellow"
        t.add_row(
            Text(f"{c['event']} / {c['choice']}"),
            Text(", ".join(c["tags"])),
            str(c["drawn"]),
            _pct(c["open_share"]),
            _pct(c["taken_share"]),
            _pct(c["taken_when_open"]),
            style=style,
        )
    return t


def dominated_table(report: dict) -> Table | Text:
    rows = report["dominated"]
    probed = report["lookahead_decisions"]
    if not rows:
        return Text(
            f"No option was always matched or beaten by a sibling on the role's objectives "
            f"({probed} decisions probed one step ahead).",
            style="green",
        )
    t = Table(
        title=f"Options never better than a sibling on the role's objectives "
        f"(one step ahead, {probed} decisions probed)",
        title_justify="left",
    )
    t.add_column("event")
    t.add_column("option")
    t.add_column("never better than")
    t.add_column("compared", justify="right")
    t.add_column("worse", justify="right")
    for d in rows:
        t.add_row(
            Text(d["event"]),
            Text(d["choice"]),
            Text(d["by"]),
            str(d["compared"]),
            str(d["worse"]),
        )
    return t


def meters_table(report: dict) -> Table:
    """Each meter's median (5th–95th percentile) at a few turns and at the end."""
    samples = report["meters"][0]["turns"] if report["meters"] else []
    turns = [s["turn"] for s in samples]
    picks: list[int] = []
    if turns:
        for q in (0, 0.5, 1):
            turn = turns[round(q * (len(turns) - 1))]
            if turn not in picks:
                picks.append(turn)
    t = Table(
        title="Meters: median, and 5th–95th percentile below it, at the start of a turn",
        title_justify="left",
    )
    t.add_column("meter")
    for turn in picks:
        t.add_column(f"turn {turn}", justify="right")
    t.add_column("end", justify="right")
    for m in report["meters"]:
        d = _decimals(m["resolution"])
        by_turn = {s["turn"]: s for s in m["turns"]}
        cells = [_spread(by_turn.get(turn), d) for turn in picks]
        name = Text(m["id"])
        if m["hidden"]:
            name.append(" (hidden)", style="dim")
        t.add_row(name, *cells, _spread(m["final"] if "p50" in m["final"] else None, d))
    return t


def _spread(s: dict | None, d: int) -> Text:
    if s is None:
        return Text("—")
    text = Text(f"{s['p50']:.{d}f}\n")
    text.append(f"{s['p5']:.{d}f}–{s['p95']:.{d}f}", style="dim")
    return text


def never_text(report: dict) -> Text:
    text = Text()
    if report["never_drawn"]:
        text.append("Never drawn: ", style="bold red")
        text.append(", ".join(report["never_drawn"]) + "\n")
    if report["never_open"]:
        text.append("Never open when their event was drawn: ", style="bold red")
        text.append(", ".join(report["never_open"]) + "\n")
    if report["never_taken"]:
        text.append("Never taken: ", style="bold yellow")
        text.append(", ".join(report["never_taken"]) + "\n")
    if not text:
        text.append("Every event was drawn and every option was taken at least once.", "green")
    return text


def render(report: dict) -> Group:
    return Group(
        header(report),
        endings_table(report),
        summary_table(report),
        events_table(report),
        choices_table(report),
        never_text(report),
        dominated_table(report),
        meters_table(report),
    )


def print_report(report: dict, console: Console | None = None) -> None:
    (console or Console()).print(render(report))
