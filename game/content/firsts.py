"""Which events may come first on each turn of a calendar: the two highest-ranked of those that
may be drawn then, and those a `later` may bring (they come before any drawn one). The analysis
asks it of every turn of every once-only event (game.content.reach, `surely_drawn_by`).

Made in time linear in the events and the turns: each turn keeps at most two of each, and a
turn that has its two is skipped from then on. Filling every turn of every event's window
instead made a pack of ten thousand events open on all of a thousand turns take 12 s to check.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

Ranked = tuple[int, str]  # (priority, event id): the higher comes first, as sorted
T = TypeVar("T", bound=Hashable)


class Firsts:
    """Per turn 1…`turns`: `drawn[t]`, the two highest-ranked events that may be drawn (highest
    first); `brought[t]`, two of the events a `later` may bring (all of them if fewer)."""

    def __init__(
        self,
        turns: int,
        drawn: Iterable[tuple[Ranked, int, int]],
        brought: Iterable[tuple[str, int, int]],
    ) -> None:
        """`drawn`: each event's rank and the turns (first, last) it may be drawn; `brought`:
        an event and turns it may be brought on."""
        self.turns = turns
        self.drawn: list[list[Ranked]] = _two_per_turn(turns, sorted(drawn, reverse=True))
        self.brought: list[list[str]] = _two_per_turn(turns, brought)
        self.first_on: dict[str, list[int]] = {}  # the turns an event ranks first, in order
        for t in range(1, turns + 1):
            if self.drawn[t]:
                self.first_on.setdefault(self.drawn[t][0][1], []).append(t)

    def rival(self, t: int, event: str) -> int | None:
        """The priority of the highest-ranked other event that may be drawn on turn `t`."""
        return next((p for p, e in self.drawn[t] if e != event), None)

    def others_brought(self, t: int, event: str) -> bool:
        return any(e != event for e in self.brought[t])


def _two_per_turn(turns: int, items: Iterable[tuple[T, int, int]]) -> list[list[T]]:
    """For each turn 1…`turns`, the first two distinct items (in the order given) whose turns
    (first, last) hold it. `ahead[t]` leads to the first turn from `t` on with room left."""
    slots: list[list[T]] = [[] for _ in range(turns + 2)]
    ahead = list(range(turns + 2))

    def room_from(t: int) -> int:
        root = t
        while ahead[root] != root:
            root = ahead[root]
        while ahead[t] != root:  # shorten the way for the next look
            ahead[t], t = root, ahead[t]
        return root

    for item, first, last in items:
        first, last = max(first, 1), min(last, turns)
        if first > last:
            continue
        t = room_from(first)
        while t <= last:
            slot = slots[t]
            if item not in slot:
                slot.append(item)
                if len(slot) == 2:
                    ahead[t] = t + 1
            t = room_from(t + 1)
    return slots
