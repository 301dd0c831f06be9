"""The decisions that mattered: each decision replayed with every alternative, on the same dice.

From the state a decision was taken in, each other open option is taken instead and the game is
played out to its end on the game's own dice, answering every later briefing as the player did
when the same briefing comes up with the same option open, and otherwise by the briefing's
default (or its first open option). The difference between that game's final score and the
game actually played is the decision's weight. Pure and deterministic: no new dice.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.pack import Pack
from game.engine.resolve import decision_id, decisions, resolve, tables
from game.engine.scoring import scorecard
from game.engine.session import Session
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class Alternative:
    decision: str
    label: str
    score: float  # the final score had it been taken
    ending: str


@dataclass(frozen=True)
class Pivot:
    """One decision of the game and what its alternatives would have led to."""

    turn: int
    event: str
    decision: str
    label: str
    score: float  # the final score of the game as played
    ending: str
    alternatives: tuple[Alternative, ...]  # best first

    @property
    def weight(self) -> float:
        """The largest change of the final score any alternative would have made."""
        return max((abs(a.score - self.score) for a in self.alternatives), default=0.0)


def play_out(
    pack: Pack, state: GameState, first: str, answers: dict[str, str], limit: int = 10_000
) -> GameState:
    """The end of the game after taking `first` in `state`, answering later briefings from
    `answers` (event id -> choice id) where they are open, else by default."""
    state = resolve(pack, state, first, False)[0]
    for _ in range(limit):
        if state.ending is not None:
            break
        state = resolve(pack, state, _answer(pack, state, answers), False)[0]
    return state


def _answer(pack: Pack, state: GameState, answers: dict[str, str]) -> str:
    options = decisions(pack, state)
    for event in state.desk:
        mine = answers.get(event)
        if mine is not None and (d := decision_id(state, event, mine)) in options:
            return d
    defaults = tables(pack).defaults
    for event in state.desk:
        default = defaults.get((event, state.role))
        if default is not None and (d := decision_id(state, event, default.id)) in options:
            return d
    return options[0]


def answers_of(session: Session) -> dict[str, str]:
    """event id -> what the player chose the last time it was handled."""
    out: dict[str, str] = {}
    for step in session.steps:
        if step.report.event is not None:
            out[step.report.event] = step.report.choice
    return out


def pivots(session: Session) -> list[Pivot]:
    """Every decision that had an alternative, with what each alternative would have led to."""
    pack, role = session.pack, session.role
    final = session.state
    actual = scorecard(pack, role, final).total
    ending = final.ending or "open"
    answers = answers_of(session)
    out = []
    for state, step in zip(session.states(), session.steps, strict=False):
        options = decisions(pack, state)
        if len(options) < 2 or step.report.event is None:
            continue
        chosen = decision_id(state, step.report.event, step.report.choice)
        alts = []
        for d in options:
            if d == chosen:
                continue
            end = play_out(pack, state, d, answers)
            alts.append(
                Alternative(
                    d,
                    _label(pack, state, d),
                    scorecard(pack, role, end).total,
                    end.ending or "open",
                )  # fmt: skip
            )
        alts.sort(key=lambda a: -a.score)
        out.append(
            Pivot(
                state.turn,
                step.report.event,
                chosen,
                _label(pack, state, chosen),
                actual,
                ending,
                tuple(alts),
            )
        )
    return out


def decisive(session: Session, limit: int = 3) -> list[Pivot]:
    """The decisions whose alternatives would have changed the final score the most."""
    ranked = sorted(pivots(session), key=lambda p: -p.weight)
    return [p for p in ranked[:limit] if p.weight > 0]


def _label(pack: Pack, state: GameState, decision: str) -> str:
    event, _, choice = decision.rpartition("/")
    event = event or state.event or ""
    found = next(c for c in pack.events_by_id[event].choices if c.id == choice)
    return found.label
