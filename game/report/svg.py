"""Inline SVG charts for the reports: no scripts, no fonts to fetch, printable. Every text is
escaped; every chart has a role="img" and an aria-label."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from game.inert import inert

PALETTE = (
    "#4f6bd8", "#e0a84f", "#4f9a6b", "#c4574f", "#8a63c4", "#3aa0b5", "#b5843a", "#d46fa3",
    "#6b7a8f", "#9bb53a", "#3a5fb5", "#b53a5f",
)  # fmt: skip
WAR = "#b3261e"
INK, GRID, MUTED = "#1d2330", "#e3e6ee", "#5a6275"
SPARKS = "▁▂▃▄▅▆▇█"


def e(x: object) -> str:
    """Text (from a pack, a player, a file name) as inert HTML text or attribute value."""
    return escape(inert(str(x)), quote=True)


def colors(ids: Sequence[str]) -> dict[str, str]:
    """A stable colour for each id, in order; 'war' is always red."""
    out: dict[str, str] = {}
    k = 0
    for i in ids:
        if i in out:
            continue
        if i == "war":
            out[i] = WAR
            continue
        out[i] = PALETTE[k % len(PALETTE)]
        k += 1
    return out


def fmt(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def spark(values: Sequence[float], lo: float, hi: float) -> str:
    """A text sparkline (for Markdown)."""
    span = hi - lo or 1.0
    out = []
    for v in values:
        k = int((min(max(v, lo), hi) - lo) / span * (len(SPARKS) - 1) + 0.5)
        out.append(SPARKS[k])
    return "".join(out)


def line_chart(
    label: str,
    values: Sequence[float],
    lo: float,
    hi: float,
    x_labels: tuple[str, str] = ("", ""),
    marks: Sequence[int] = (),
    width: int = 340,
    height: int = 140,
) -> str:
    """One meter over time: a line from turn to turn, its range as the y axis. `marks` are
    indices to highlight (e.g. where predictions missed)."""
    left, right, top, bottom = 34, 10, 8, 22
    pw, ph = width - left - right, height - top - bottom
    n = len(values)
    span = (hi - lo) or 1.0

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - (min(max(v, lo), hi) - lo) / span)

    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{e(label)}: from {e(fmt(values[0]) if values else "")} '
        f'to {e(fmt(values[-1]) if values else "")}">'
    ]
    for frac in (0.0, 0.5, 1.0):
        v = lo + span * frac
        yy = y(v)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" '
            f'stroke="{GRID}"/><text x="{left - 4}" y="{yy + 4:.1f}" text-anchor="end">'
            f"{e(fmt(v))}</text>"
        )
    if n:
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{PALETTE[0]}" '
                     'stroke-width="2"/>')  # fmt: skip
        for i, v in enumerate(values):
            r = 3.2 if i in marks else 1.8
            fill = PALETTE[3] if i in marks else PALETTE[0]
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="{r}" fill="{fill}"/>')
    parts.append(
        f'<text x="{left}" y="{height - 5}">{e(x_labels[0])}</text>'
        f'<text x="{width - right}" y="{height - 5}" text-anchor="end">{e(x_labels[1])}</text>'
        "</svg>"
    )
    return "".join(parts)


def stacked_bars(
    rows: Sequence[tuple[str, dict[str, float]]],
    palette: dict[str, str],
    titles: dict[str, str],
    width: int = 760,
    label_w: int = 300,
    note: str = "",
) -> str:
    """One 100% bar per row (e.g. a choice), split by share (e.g. of each ending)."""
    row = 24
    plot = width - label_w - 24
    height = row * len(rows) + 24
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{e(note or "shares by row")}">']  # fmt: skip
    for tick in (0, 25, 50, 75, 100):
        xx = label_w + plot * tick / 100
        parts.append(
            f'<line x1="{xx:.1f}" y1="0" x2="{xx:.1f}" y2="{height - 18}" stroke="{GRID}"/>'
            f'<text x="{xx:.1f}" y="{height - 5}" text-anchor="middle">{tick}%</text>'
        )
    for i, (label, shares) in enumerate(rows):
        yy = i * row + 2
        short = label if len(label) <= 46 else label[:44] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{yy + 15}" text-anchor="end"><title>{e(label)}</title>'
            f"{e(short)}</text>"
        )
        xx = float(label_w)
        for key, share in shares.items():
            w = plot * share
            if w <= 0:
                continue
            tip = f"{titles.get(key, key)}: {100 * share:.0f}%"
            parts.append(
                f'<rect x="{xx:.1f}" y="{yy + 3}" width="{w:.1f}" height="16" '
                f'fill="{palette.get(key, MUTED)}"><title>{e(tip)}</title></rect>'
            )
            if w > 30:
                parts.append(
                    f'<text x="{xx + w / 2:.1f}" y="{yy + 15}" text-anchor="middle" '
                    f'class="on-bar">{100 * share:.0f}%</text>'
                )
            xx += w
    parts.append("</svg>")
    return "".join(parts)


def legend(palette: dict[str, str], titles: dict[str, str], keys: Sequence[str]) -> str:
    """An HTML legend for the colours of `keys`."""
    items = "".join(
        f'<span class="key"><i style="background:{palette.get(k, MUTED)}"></i>'
        f"{e(titles.get(k, k))}</span>"
        for k in keys
    )
    return f'<p class="legend">{items}</p>'


def hbars(
    rows: Sequence[tuple[str, float, str]],
    maximum: float = 100.0,
    width: int = 760,
    label_w: int = 300,
    note: str = "",
    suffix: str = "",
) -> str:
    """Horizontal bars: (label, value, colour); `suffix` follows each value (e.g. "%")."""
    row = 22
    plot = width - label_w - 60
    height = row * len(rows) + 6
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{e(note or "bars")}">']  # fmt: skip
    for i, (label, value, colour) in enumerate(rows):
        yy = i * row + 3
        w = plot * max(0.0, min(value, maximum)) / (maximum or 1)
        short = label if len(label) <= 46 else label[:44] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{yy + 13}" text-anchor="end"><title>{e(label)}</title>'
            f"{e(short)}</text>"
            f'<rect x="{label_w}" y="{yy + 2}" width="{w:.1f}" height="14" fill="{colour}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{yy + 13}">{e(fmt(value))}{e(suffix)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def strip_plot(
    groups: Sequence[tuple[str, Sequence[float]]],
    lo: float = 0.0,
    hi: float = 100.0,
    width: int = 760,
    label_w: int = 160,
    note: str = "",
    highlight: Sequence[tuple[int, float]] = (),
) -> str:
    """Each group's values as dots on a 0–100 line, with the group's mean as a bar; `highlight`
    (group index, value) dots are drawn in red (outliers)."""
    row = 30
    plot = width - label_w - 20
    height = row * len(groups) + 24
    span = (hi - lo) or 1.0
    hl = set(highlight)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{e(note or "values by group")}">']  # fmt: skip
    for tick in range(0, 101, 20):
        xx = label_w + plot * tick / 100
        parts.append(
            f'<line x1="{xx:.1f}" y1="0" x2="{xx:.1f}" y2="{height - 18}" stroke="{GRID}"/>'
            f'<text x="{xx:.1f}" y="{height - 5}" text-anchor="middle">'
            f"{e(fmt(lo + span * tick / 100))}</text>"
        )
    for gi, (label, values) in enumerate(groups):
        yy = gi * row + 15
        parts.append(f'<text x="{label_w - 8}" y="{yy + 4}" text-anchor="end">{e(label)}</text>')
        for k, v in enumerate(values):
            xx = label_w + plot * (min(max(v, lo), hi) - lo) / span
            jitter = ((k * 7) % 9 - 4) * 1.4
            red = (gi, v) in hl
            parts.append(
                f'<circle cx="{xx:.1f}" cy="{yy + jitter:.1f}" r="{4 if red else 3}" '
                f'fill="{PALETTE[3] if red else PALETTE[0]}" fill-opacity="0.75"/>'
            )
        if values:
            mean = sum(values) / len(values)
            xx = label_w + plot * (min(max(mean, lo), hi) - lo) / span
            parts.append(
                f'<line x1="{xx:.1f}" y1="{yy - 10}" x2="{xx:.1f}" y2="{yy + 10}" '
                f'stroke="{INK}" stroke-width="2"><title>mean {fmt(mean)}</title></line>'
            )
    parts.append("</svg>")
    return "".join(parts)
