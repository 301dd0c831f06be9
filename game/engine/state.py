"""The immutable state of one game between two decisions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import NamedTuple

from game.engine.expr.scope import Value
from game.engine.pack import Effect
from game.engine.report import Cause


def _number(v: object) -> object:
    """A number as the digest sees it: 0, 0.0 and -0.0 alike, whatever path computed it."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return round(float(v), 9) + 0.0
    return v


@dataclass(frozen=True, slots=True)
class PendingDelta:
    """A step of a `smooth` or `decay` effect, landing at `turn`."""

    turn: int
    slot: int
    delta: float
    cause: Cause
    factor: float = 0.0  # decay: share of the shock still left after this step
    remaining: float = 0.0

    def fingerprint(self) -> list[object]:
        return ["d", self.turn, self.slot, _number(self.delta), self.cause.kind, self.cause.id]


@dataclass(frozen=True, slots=True)
class PendingLater:
    """Effects or an event set for `turn` by a choice, an outcome or a lagged effect."""

    turn: int
    cause: Cause
    effects: tuple[Effect, ...] = ()
    event: str | None = None
    text: str = ""
    hidden: bool = False
    force: bool = False

    def fingerprint(self) -> list[object]:
        stmts = [e.stmt.src for e in self.effects]
        return ["l", self.turn, self.cause.kind, self.cause.id, self.event, stmts]


Pending = PendingDelta | PendingLater


class GameState(NamedTuple):
    """A named tuple rather than a frozen dataclass: the engine builds one per turn, and a
    tuple is several times cheaper to construct."""

    role: str
    seed: str
    key: int  # rng key derived from the seed
    turn: int  # the turn whose decision is on the desk
    values: tuple[Value, ...]  # every slot's value (see game.engine.pack)
    event: str | None  # the event on the desk; None is a quiet turn
    drawn: dict[str, int]  # event id -> the last turn it was drawn; never mutated once built
    pending: tuple[Pending, ...] = ()
    ending: str | None = None
    agenda: tuple[str, ...] = ()  # further briefings on the desk, beside `event`

    @property
    def desk(self) -> tuple[str, ...]:
        """Every briefing on the desk: the first drawn, then the agenda's others."""
        return () if self.event is None else (self.event, *self.agenda)

    @property
    def over(self) -> bool:
        return self.ending is not None

    def drawn_turn(self, event_id: str) -> int | None:
        return self.drawn.get(event_id)

    def digest(self) -> str:
        """A stable fingerprint of the state, to check a replay against a save."""
        values = list(self.values)
        while values and values[-1] == ():  # memory slots a pack does not use
            values.pop()
        fields = [
            self.role,
            self.seed,
            self.turn,
            [_number(v) for v in values],
            self.event,
            sorted(self.drawn.items()),
            [p.fingerprint() for p in self.pending],
            self.ending,
        ]
        if self.agenda:
            fields.append(list(self.agenda))
        payload = json.dumps(
            fields,
            separators=(",", ":"),
            default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
