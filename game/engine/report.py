"""What a turn did and why: the engine's account of every change, roll and draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from game.engine.pack import Effect


class Cause(NamedTuple):
    """Why something changed (a named tuple: the engine makes many, even when not explaining).

    kind: choice | outcome | default | cost | later | lag | smooth | decay | rule | actor |
    situation | budget. `agent` is who acted: "player" (the government the player advises,
    whether the advisor decided or left it to a default), an actor's id, or "world" (rules,
    situations, the budget's refill); delayed effects keep the agent of what set them.
    """

    kind: str
    id: str
    label: str
    detail: str = ""
    agent: str = "world"


@dataclass(frozen=True, slots=True)
class Change:
    target: str  # variable id, or flags.ID / situation.ID
    label: str
    before: float | bool
    after: float | bool
    cause: Cause
    clamped: bool = False

    @property
    def delta(self) -> float:
        if isinstance(self.after, bool):
            return 0.0
        return float(self.after) - float(self.before)


NO_OUTCOME = "nothing more"  # as the staff forecast names it


@dataclass(frozen=True, slots=True)
class Roll:
    """A chance taken: the probability, the roll, and what it decided (an outcome's label, or
    NO_OUTCOME)."""

    what: str
    chance: float
    roll: float
    result: str
    cause: Cause


@dataclass(frozen=True, slots=True)
class News:
    """A line for the news feed: another actor's move or a rule firing."""

    source: str  # actor name, or "World"
    text: str
    cause: Cause


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A consequence set for later; hidden ones are not shown until they arrive. `text` is the
    pack's words for it; a delayed effect (`lag`) has none, and its `effects` say what it does."""

    turn: int
    text: str
    hidden: bool
    cause: Cause
    effects: tuple[Effect, ...] = ()


class Draw(NamedTuple):
    """Why the next event was put on the desk: `reason` in the scheduler's terms, and the same
    as data for words (game.views.draw). `how`: "set" (set in motion by `cause`), "only" (the
    one event open in its tier), "drawn" (by weight from `candidates`) or "quiet". A named tuple
    rather than a frozen dataclass: every turn draws one, and a tuple is several times cheaper
    to construct."""

    event: str | None
    reason: str
    probability: float
    candidates: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()  # the other briefings that share the desk
    how: str = ""
    tier: int | None = None
    weight: float = 0.0
    total: float = 0.0
    cause: Cause | None = None


@dataclass(frozen=True)
class TurnReport:
    """What one decision led to. `event` and `choice` are the briefing the advisor handled and
    the option taken; `defaults` are the other briefings of the agenda, settled by default."""

    turn: int
    event: str | None
    choice: str
    changes: tuple[Change, ...] = ()
    rolls: tuple[Roll, ...] = ()
    news: tuple[News, ...] = ()
    scheduled: tuple[Scheduled, ...] = ()
    arrived: tuple[str, ...] = ()
    draw: Draw | None = None
    ending: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    defaults: tuple[tuple[str, str], ...] = ()  # (event id, choice id), or choice "" if none open
    cost: float = 0.0  # what the decision spent from the budget

    def changes_to(self, target: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.target == target)
