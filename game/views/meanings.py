"""What the meters mean: each one's description, what low and high mean, its bands, and the
rungs of the escalation ladder; then what each objective asks. The desk's `i` and plain mode's
`i` show it (the tooltips say the same of one meter, for the mouse)."""

from __future__ import annotations

from game.engine.pack import Pack, Variable
from game.views.blocks import Block, block, section
from game.views.policy import Policy
from game.views.readings import level
from game.views.words import number


def meter_meaning(var: Variable, policy: Policy) -> list[str]:
    """The lines that explain one meter (without its label)."""
    lines = [var.description.strip()] if var.description.strip() else []
    if policy.numbers:
        unit = f" {var.unit}" if var.unit else ""
        lines.append(f"Range {number(var.min)}–{number(var.max)}{unit}.")
        if var.low:
            lines.append(f"{number(var.min)} means {var.low}.")
        if var.high:
            lines.append(f"{number(var.max)} means {var.high}.")
        lines += [f"From {number(t.at)}: {t.label}." for t in var.thresholds]
        return lines
    if var.low:
        lines.append(f"Low means {var.low}.")
    if var.high:
        lines.append(f"High means {var.high}.")
    if var.thresholds:
        bands = ", ".join(dict.fromkeys(level(var, t.at) for t in var.thresholds))
        lines.append(f"From low to high it reads: {bands}.")
    return lines


def meaning_blocks(pack: Pack, role: str, policy: Policy) -> list[Block]:
    blocks: list[Block] = [section("The meters")]
    esc = pack.escalation
    for v in pack.variables:
        if v.hidden or (esc is not None and v.id == esc.variable):
            continue
        blocks.append(block("item", (v.label, "strong")))
        blocks += [block("sub", line) for line in meter_meaning(v, policy)]
    if esc is not None:
        blocks.append(section("The escalation ladder"))
        end = next((e.title for e in pack.endings if e.id == esc.ending), esc.ending)
        blocks.append(block("item", f"Reaching the last rung ends the game: “{end}”."))
        n = len(esc.rungs)
        blocks += [block("sub", f"Rung {i + 1} of {n}: {r.label}") for i, r in enumerate(esc.rungs)]
    objectives = pack.roles[role].objectives
    if objectives:
        blocks.append(section("Your objectives"))
        for o in objectives:
            weight = f" (counts ×{o.weight:g})" if o.weight != 1 and policy.numbers else ""
            blocks.append(block("item", (o.label, "strong"), weight))
            if o.description:
                blocks.append(block("sub", o.description))
    return blocks
