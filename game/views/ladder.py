"""The escalation ladder, numbered one way everywhere: rungs count from 1, "rung 2 of 7", and a
rung is named by its label (alone, where numbers are hidden). The ladder's meter is never shown
as a figure with a unit."""

from __future__ import annotations

from game.engine.pack import Escalation


def rung_number(esc: Escalation, value: float) -> int:
    """The rung `value` stands on, counted from 1."""
    return esc.rung(value) + 1


def rung_text(esc: Escalation, value: float) -> str:
    """`rung 2 of 7`."""
    return f"rung {rung_number(esc, value)} of {len(esc.rungs)}"


def rung_label(esc: Escalation, value: float) -> str:
    return esc.rungs[esc.rung(value)].label


def standing_text(esc: Escalation, value: float, numbers: bool = True) -> str:
    """`rung 2 of 7: Posturing: launches and drills` (without numbers: the label alone)."""
    if not numbers:
        return rung_label(esc, value)
    return f"{rung_text(esc, value)}: {rung_label(esc, value)}"


def move_text(esc: Escalation, before: float, after: float, numbers: bool = True) -> str:
    """`up to rung 3 of 7: Heightened alert` (`down to …`, `still on …` within a rung)."""
    was, now = esc.rung(before), esc.rung(after)
    how = "up to" if now > was else "down to" if now < was else "still on"
    return f"{how} {standing_text(esc, after, numbers)}"
