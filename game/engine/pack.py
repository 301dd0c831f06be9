"""A pack compiled for play: plain, immutable structures with expressions already compiled.

The content layer validates TOML with pydantic and builds these; the engine never sees pydantic.
Values live in one flat list (the *env*) indexed by slot: variables, then flags, assumptions,
situations, and last `turn` and `role`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from game.engine.expr import Compiled, CompiledEffect, Scope


@dataclass(frozen=True, slots=True)
class Effect:
    """One effect statement with its timing."""

    stmt: CompiledEffect
    mode: str = "immediate"  # immediate | lag | smooth | decay
    turns: int = 1
    factor: float = 0.5
    when: Compiled | None = None


@dataclass(frozen=True, slots=True)
class Later:
    delay: int
    event: str | None
    effects: tuple[Effect, ...]
    text: str
    hidden: bool
    force: bool


@dataclass(frozen=True, slots=True)
class Outcome:
    chance: Compiled
    label: str
    text: str
    effects: tuple[Effect, ...]
    later: tuple[Later, ...]


@dataclass(frozen=True, slots=True)
class Reality:
    text: str
    date: str
    sources: tuple[str, ...]
    confidence: str
    critical: str
    verdict: str | None = None  # borne-out | partly | not-borne-out | not-yet


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    description: str
    roles: frozenset[str]
    when: Compiled
    closed_text: str
    effects: tuple[Effect, ...]
    outcomes: tuple[Outcome, ...]
    later: tuple[Later, ...]
    tags: tuple[str, ...]
    debrief: str
    cost: Compiled | None = None  # None: free
    default: bool = False  # what the government does when the advisor leaves the briefing


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    index: int
    title: str
    kind: str
    roles: frozenset[str]
    when: Compiled
    priority: int
    weight: Compiled
    once: bool
    cooldown: int
    turn_min: int
    turn_max: int
    source: str | None
    text: str
    reality: Reality | None
    choices: tuple[Choice, ...]
    short: str = ""  # the title where the full one does not fit ('' : none given)
    on_turn: int | None = None  # scheduled for this turn, and drawn on no other
    later_only: bool = False  # brought by a `later` only, never drawn on its own

    @property
    def drawn_on_its_own(self) -> bool:
        """Whether the turn's draw among the events in their windows may pick it."""
        return self.on_turn is None and not self.later_only

    def choices_for(self, role: str) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if role in c.roles)

    def default_for(self, role: str) -> Choice | None:
        """The choice taken when the advisor leaves this briefing to others, if any."""
        return next((c for c in self.choices if c.default and role in c.roles), None)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: str
    when: Compiled
    chance: Compiled
    every: int
    effects: tuple[Effect, ...]
    news: str


@dataclass(frozen=True, slots=True)
class Move:
    id: str
    label: str
    when: Compiled
    chance: Compiled
    effects: tuple[Effect, ...]
    news: str


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    description: str
    moves: tuple[Move, ...]
    short: str = ""  # the name in the news and the consequences ('': the name)

    @property
    def shown(self) -> str:
        return self.short or self.name


@dataclass(frozen=True, slots=True)
class Situation:
    id: str
    label: str
    slot: int
    start: Compiled
    stop: Compiled
    effects: tuple[Effect, ...]
    news_start: str
    news_stop: str


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    when: Compiled
    priority: int
    at: str
    text: str
    epilogue: dict[str, str]
    reality: Reality | None
    results: dict[str, str] = field(default_factory=dict)  # role -> win | draw | loss

    def result_for(self, role: str) -> str:
        return self.results.get(role, "draw")


RESULT_VALUES = {"win": 100.0, "draw": 50.0, "loss": 0.0}


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    label: str
    score: Compiled
    weight: float
    description: str
    short: str = ""  # the label where the full one does not fit ('': none given)


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    office: str
    briefing: str
    objectives: tuple[Objective, ...]


@dataclass(frozen=True, slots=True)
class Threshold:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Variable:
    id: str
    slot: int
    label: str
    unit: str
    min: float
    max: float
    start: float
    low: str
    high: str
    description: str
    thresholds: tuple[Threshold, ...]
    hidden: bool
    short: str = ""  # the label where the full one does not fit ('': none given)

    def reading(self, value: float) -> str:
        """The label of the highest threshold reached, or '' below all of them."""
        label = ""
        for t in self.thresholds:
            if value >= t.at:
                label = t.label
        return label


@dataclass(frozen=True, slots=True)
class Flag:
    id: str
    slot: int
    label: str
    description: str
    start: bool


@dataclass(frozen=True, slots=True)
class Assumption:
    id: str
    slot: int
    label: str
    default: bool | float
    description: str


@dataclass(frozen=True, slots=True)
class Rung:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Escalation:
    variable: str
    slot: int
    rungs: tuple[Rung, ...]
    ending: str

    def rung(self, value: float) -> int:
        index = 0
        for i, r in enumerate(self.rungs):
            if value >= r.at:
                index = i
        return index


@dataclass(frozen=True, slots=True)
class Budget:
    """Something scarce: a variable that options cost and that `refill` tops up every turn."""

    variable: str
    slot: int
    refill: Compiled
    noun: str  # "capital": how an option speaks of its cost


@dataclass(frozen=True, slots=True)
class Agenda:
    """Turns on which up to `size` briefings share the desk and the advisor handles one."""

    size: int
    when: Compiled


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    cite: str
    quote: str
    url: str


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Goal:
    """A learning objective and the events that teach it."""

    text: str
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChronologyEntry:
    """A real event, dated, for setting a game against what happened."""

    date: dt.date
    precision: str  # day | month
    text: str
    sources: tuple[str, ...]
    confidence: str
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Voice:
    """How one capital frames the story, in its own government's words."""

    capital: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Meta:
    id: str
    title: str
    version: str
    format: int
    authors: tuple[str, ...]
    description: str
    quiet_text: str
    show_closed_choices: bool
    forecast: str  # none | words | numbers
    start: dt.date
    step: str
    turns: int

    # A turn with no briefing, in the words of the pack's calendar ("A quiet week").
    @property
    def quiet_title(self) -> str:
        return f"A quiet {self.step}"

    @property
    def let_pass(self) -> str:
        """The one option of a quiet turn: "Let the month pass"."""
        return f"Let the {self.step} pass"


@dataclass(frozen=True)
class Pack:
    meta: Meta
    scope: Scope
    roles: dict[str, Role]
    variables: tuple[Variable, ...]
    flags: tuple[Flag, ...]
    assumptions: tuple[Assumption, ...]
    situations: tuple[Situation, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    rules: tuple[Rule, ...]
    endings: tuple[Ending, ...]  # sorted by priority, highest first
    escalation: Escalation | None
    sources: dict[str, Source]
    budget: Budget | None = None
    agenda: Agenda | None = None
    result_weight: float = 0.0  # share of the final score that the ending's result gives
    glossary: tuple[GlossaryTerm, ...] = ()
    goals: tuple[Goal, ...] = ()
    questions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    teaching_notes: str = ""
    packet: tuple[str, ...] = ()  # source ids of the primary-source packet
    reality_as_of: str = ""
    chronology: tuple[ChronologyEntry, ...] = ()  # by date
    voices: tuple[Voice, ...] = ()
    digest: str = ""  # hash of the pack's files; saves record it
    turn_slot: int = 0
    role_slot: int = 0
    # The memory of the government's decisions, read by `tagged`, `chose` and `set_by`; kept
    # only when some expression reads it, so packs without memory keep their digests.
    uses_memory: bool = False
    events_by_id: dict[str, Event] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.events_by_id:
            self.events_by_id.update((e.id, e) for e in self.events)

    @property
    def memory_slot(self) -> int:
        """A tuple of (turn, "event/choice", tags) for every decision the government took."""
        return self.role_slot + 1

    @property
    def setters_slot(self) -> int:
        """A tuple of (flag id, who set it: "player", an actor id or "world")."""
        return self.role_slot + 2

    @property
    def n_slots(self) -> int:
        return self.role_slot + 3

    @property
    def teaching_goals(self) -> tuple[str, ...]:
        return tuple(g.text for g in self.goals)

    def variable(self, vid: str) -> Variable:
        return next(v for v in self.variables if v.id == vid)

    def date_of(self, turn: int) -> dt.date:
        return add_steps(self.meta.start, self.meta.step, turn - 1)


def add_steps(start: dt.date, step: str, n: int) -> dt.date:
    if step == "day":
        return start + dt.timedelta(days=n)
    if step == "week":
        return start + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12}[step] * n
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    day = min(start.day, _days_in_month(year, month))
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


# The ending of a game whose turns ran out with no ending of its pack holding.
OPEN_ENDING = Ending(
    id="open",
    title="The story goes on",
    when=None,  # type: ignore[arg-type]
    priority=-(10**9),
    at="end",
    text="Time ran out before the crisis settled into any of the futures this pack describes.",
    epilogue={},
    reality=None,
)
