"""The engine's API: a game is a pack, a role, a seed and the list of choices made.

Everything else (the state at any turn, replays, undo, forks for counterfactuals, saves) follows
from that list. A :class:`Session` is immutable: `submit` returns a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from game.engine.pack import Ending, Event, Pack, Source
from game.engine.report import Draw, TurnReport
from game.engine.resolve import (
    OPEN_ENDING,
    QUIET,
    ChoiceError,
    affordable,
    cost_of,
    decision_id,
    opening,
    resolve,
)
from game.engine.scoring import Scorecard, scorecard
from game.engine.state import GameState

__all__ = ["Briefing", "ChoiceError", "Option", "Session", "Step"]


@dataclass(frozen=True, slots=True)
class Option:
    key: int  # 1-based, the key the player presses
    id: str
    label: str
    description: str
    open: bool
    why_closed: str = ""
    tags: tuple[str, ...] = ()
    cost: float = 0.0  # what it would spend from the budget now
    decision: str = ""  # what to submit to take it (the id, or "event/id" on an agenda)
    default: bool = False  # what happens to this briefing if the advisor handles another

    def __post_init__(self) -> None:
        if not self.decision:
            object.__setattr__(self, "decision", self.id)


@dataclass(frozen=True, slots=True)
class Briefing:
    """What lands on the advisor's desk this turn."""

    turn: int
    turns: int
    date: dt.date
    event: Event | None
    title: str
    kind: str
    text: str
    source: Source | None
    options: tuple[Option, ...]
    why: str  # why this event was drawn, in the scheduler's terms
    draw: Draw | None = None  # the same, as data (None: it shares the desk with the first)

    @property
    def open_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.open)


@dataclass(frozen=True, slots=True)
class Step:
    """One decision: what was chosen, the rationale given, and what it led to."""

    choice: str
    report: TurnReport
    state: GameState  # the state after it
    rationale: str = ""


@dataclass(frozen=True)
class Session:
    pack: Pack
    start_state: GameState
    steps: tuple[Step, ...] = ()
    assumptions: dict[str, bool | float] = field(default_factory=dict)
    opening_reason: str = ""  # why the first event was drawn
    opening_draw: Draw | None = field(default=None, compare=False)

    # -- starting and replaying
    @classmethod
    def start(
        cls,
        pack: Pack,
        role: str,
        seed: str,
        assumptions: dict[str, bool | float] | None = None,
    ) -> Session:
        state, draw = opening(pack, role, str(seed), assumptions)
        assert draw is not None  # explained
        return cls(pack, state, (), dict(assumptions or {}), draw.reason, draw)

    @classmethod
    def replay(
        cls,
        pack: Pack,
        role: str,
        seed: str,
        choices: list[str] | tuple[str, ...],
        rationales: list[str] | None = None,
        assumptions: dict[str, bool | float] | None = None,
    ) -> Session:
        """Rebuild a game from its choices; raises ChoiceError at the first that no longer fits."""
        session = cls.start(pack, role, seed, assumptions)
        for i, choice in enumerate(choices):
            why = rationales[i] if rationales and i < len(rationales) else ""
            session = session.submit(choice, why)
        return session

    # -- reading
    @property
    def role(self) -> str:
        return self.start_state.role

    @property
    def seed(self) -> str:
        return self.start_state.seed

    @property
    def state(self) -> GameState:
        return self.steps[-1].state if self.steps else self.start_state

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(s.choice for s in self.steps)

    @property
    def rationales(self) -> tuple[str, ...]:
        return tuple(s.rationale for s in self.steps)

    @property
    def over(self) -> bool:
        return self.state.over

    def states(self) -> list[GameState]:
        """The state at the start of every turn played, and the last."""
        return [self.start_state, *(s.state for s in self.steps)]

    def value(self, name: str, state: GameState | None = None) -> object:
        symbol = self.pack.scope.get(name)
        if symbol is None:
            raise KeyError(name)
        return (state or self.state).values[symbol.slot]

    def agenda(self) -> tuple[Briefing, ...]:
        """Every briefing on the desk this turn: one, or on an agenda turn two or three, of
        which the advisor handles one and the others are settled by their defaults."""
        state = self.state
        if state.event is None:
            return (self.briefing(),)
        return tuple(self.briefing(e) for e in state.desk)

    def briefing(self, event_id: str | None = None) -> Briefing:
        """A briefing on the desk (default: the first one drawn)."""
        pack, state = self.pack, self.state
        env = state.values
        draw = self.steps[-1].report.draw if self.steps else self.opening_draw
        why = draw.reason if draw else self.opening_reason
        if event_id is not None and event_id != state.event:
            why = f"also on the desk this {pack.meta.step}: the agenda holds more than one briefing"
            draw = None
        date = pack.date_of(state.turn)
        if state.event is None:
            quiet = Option(1, QUIET, "Continue", f"{pack.meta.let_pass}.", True)
            return Briefing(
                state.turn,
                pack.meta.turns,
                date,
                None,
                pack.meta.quiet_title,
                "",
                pack.meta.quiet_text,
                None,
                (quiet,) if not state.over else (),
                why,
                draw,
            )
        event = pack.events_by_id[event_id or state.event]
        options: list[Option] = []
        budget = pack.budget
        for choice in event.choices_for(state.role):
            cost = cost_of(choice, env)
            allowed = bool(choice.when.fn(env))
            is_open = allowed and affordable(pack, choice, env)
            if not is_open and not pack.meta.show_closed_choices:
                continue
            why_closed = ""
            if not allowed:
                why_closed = choice.closed_text or f"requires {choice.when.src}"
            elif not is_open and budget is not None:
                have = float(env[budget.slot])
                why_closed = f"costs {cost:g} {budget.noun}; you have {round(have, 1):g}"
            options.append(
                Option(
                    len(options) + 1,
                    choice.id,
                    choice.label,
                    choice.description,
                    is_open,
                    why_closed,
                    choice.tags,
                    cost,
                    decision_id(state, event.id, choice.id),
                    choice.default and len(state.desk) > 1,
                )
            )
        source = pack.sources.get(event.source) if event.source else None
        return Briefing(
            state.turn,
            pack.meta.turns,
            date,
            event,
            event.title,
            event.kind,
            event.text,
            source,
            tuple(options),
            why,
            draw,
        )

    # -- acting
    def submit(self, choice: str, rationale: str = "") -> Session:
        state, report = resolve(self.pack, self.state, choice)
        assert report is not None
        step = Step(choice, report, state, rationale)
        return replace(self, steps=(*self.steps, step))

    def undo(self, n: int = 1) -> Session:
        return self.fork(max(0, len(self.steps) - n))

    def fork(self, decisions: int) -> Session:
        """The session as it was after `decisions` choices: for undo and counterfactuals."""
        return replace(self, steps=self.steps[:decisions])

    # -- the end
    def ending(self) -> Ending | None:
        eid = self.state.ending
        if eid is None:
            return None
        return next((e for e in self.pack.endings if e.id == eid), OPEN_ENDING)

    def scorecard(self) -> Scorecard:
        return scorecard(self.pack, self.role, self.state)
