"""Counterfactuals: had the player chosen otherwise at one turn, how would the game have ended?

Everything before that turn stays as played: the same pack, role, seed, assumptions and earlier
decisions, so the same state on the desk. From there each *run* plays the game out twice or more,
once with the choice the player made and once with each alternative, with everything else the
same in both: the same dice (paired runs, "common random numbers") and the same way of making the
later decisions — the player's own choice whenever an event they faced comes up again with that
option open, otherwise one of the open options at random (the same random stream in every
branch). On an agenda turn the alternatives include the options of the other briefings.

`dice="fresh"` (the default) gives each run its own dice from the turn in question on: the spread
of endings is the uncertainty the player faced when deciding. `dice="same"` keeps the game's own
dice for every run, so the only difference between runs is how the unfamiliar later events are
answered. Either way, `own_dice` is the one game played on the game's own dice with the player's
later choices where they apply: "on the dice you actually had".
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.engine import rng
from game.engine.counterfactual import answers_of
from game.engine.pack import Pack
from game.engine.resolve import (
    OPEN_ENDING,
    QUIET,
    decision_id,
    decisions,
    open_choices,
    resolve,
)
from game.engine.scoring import scorecard
from game.engine.session import Session
from game.engine.state import GameState

DICE = ("fresh", "same")
MAX_RUNS = 5000  # games per choice, the most a command line or a classroom file may ask


class WhatIfError(ValueError):
    """The counterfactual asked for does not exist (no such turn, no such option …)."""


@dataclass(frozen=True)
class Branch:
    """The games played from one choice at the turn in question."""

    choice: str
    label: str
    runs: int
    endings: dict[str, int]  # ending id -> games
    mean_score: float  # the role's weighted objective score at the end, averaged
    own_dice: str  # the ending on the game's own dice
    own_dice_score: float

    def share(self, ending: str) -> float:
        return self.endings.get(ending, 0) / self.runs if self.runs else 0.0


@dataclass(frozen=True)
class WhatIf:
    turn: int
    event: str
    title: str
    chosen: str  # what the player chose
    runs: int
    dice: str
    actual: Branch  # the player's own choice, played out the same way as the alternatives
    alternatives: tuple[Branch, ...]
    ending_titles: dict[str, str] = field(default_factory=dict)
    played_ending: str | None = None  # how the game actually ended (None: unfinished)

    @property
    def branches(self) -> tuple[Branch, ...]:
        return (self.actual, *self.alternatives)

    def ending_ids(self) -> list[str]:
        """Every ending reached in any branch, most frequent first."""
        total: Counter[str] = Counter()
        for b in self.branches:
            total.update(b.endings)
        return [e for e, _ in total.most_common()]


def decision_turns(session: Session) -> list[int]:
    """Turns whose decision had an alternative (more than one open option on the desk, in any
    of the agenda's briefings)."""
    turns = []
    for state in session.states()[: len(session.steps)]:
        if state.event is not None and len(decisions(session.pack, state)) > 1:
            turns.append(state.turn)
    return turns


def desk_options(pack: Pack, state: GameState, handled: str) -> dict[str, tuple[str, bool]]:
    """decision -> (label, open) for every option on the desk; an option of another briefing of
    the agenda than `handled` names its briefing."""
    out = {}
    for e in state.desk:
        title = pack.events_by_id[e].title
        for c, ok in open_choices(pack, state, e):
            label = c.label if e == handled else f"{c.label} (on “{title}”)"
            out[decision_id(state, e, c.id)] = (label, ok)
    return out


def whatif(
    session: Session,
    turn: int,
    choices: list[str] | tuple[str, ...] | None = None,
    runs: int = 500,
    dice: str = "fresh",
) -> WhatIf:
    """The counterfactual at `turn`: the given alternatives (default: every other open option)
    against the player's own choice, `runs` paired games each."""
    if dice not in DICE:
        raise WhatIfError(f"dice must be one of {', '.join(DICE)}, not {dice!r}")
    if not 1 <= runs <= MAX_RUNS:
        raise WhatIfError(f"runs must be between 1 and {MAX_RUNS}, not {runs}")
    pack = session.pack
    first = session.start_state.turn
    k = turn - first
    if not 0 <= k < len(session.steps):
        played = f"turns {first}–{first + len(session.steps) - 1}" if session.steps else "no turn"
        raise WhatIfError(f"turn {turn} was not played in this game ({played} were)")
    state = session.states()[k]
    chosen = session.steps[k].choice
    if state.event is None:
        quiet = pack.meta.quiet_title.lower()
        raise WhatIfError(f"turn {turn} was {quiet}: there was nothing else to choose")
    event = pack.events_by_id[session.steps[k].report.event or state.event]
    options = desk_options(pack, state, event.id)
    labels = {d: label for d, (label, _) in options.items()}
    open_ids = [d for d, (_, ok) in options.items() if ok]
    if choices:
        for c in choices:
            if c not in labels:
                raise WhatIfError(
                    f"{c!r} is not an option of {event.id!r} for {session.role!r}; options: "
                    + ", ".join(labels)
                )
            if c not in open_ids:
                raise WhatIfError(f"{c!r} was closed at turn {turn}: it could not be chosen")
        alts = [c for c in dict.fromkeys(choices) if c != chosen]
    else:
        alts = [c for c in open_ids if c != chosen]
    player = answers_of(session)
    play = _Player(pack, session.role, player, session.seed, dice)
    actual = play.branch(state, chosen, labels.get(chosen, chosen), runs)
    branches = tuple(play.branch(state, c, labels[c], runs) for c in alts)
    titles = {e.id: e.title for e in pack.endings}
    titles[OPEN_ENDING.id] = OPEN_ENDING.title
    return WhatIf(
        turn=turn,
        event=event.id,
        title=event.title,
        chosen=chosen,
        runs=runs,
        dice=dice,
        actual=actual,
        alternatives=branches,
        ending_titles=titles,
        played_ending=session.state.ending,
    )


def debrief_whatifs(session: Session, runs: int = 100, dice: str = "fresh") -> list[WhatIf]:
    """A counterfactual for every decision that had an alternative (for the debrief)."""
    if runs <= 0:
        return []
    return [whatif(session, t, None, runs, dice) for t in decision_turns(session)]


class _Player:
    def __init__(self, pack: Pack, role: str, player: dict[str, str], seed: str, dice: str):
        self.pack = pack
        self.role = role
        self.player = player
        self.seed = seed
        self.dice = dice

    def branch(self, state: GameState, choice: str, label: str, runs: int) -> Branch:
        endings: Counter[str] = Counter()
        total = 0.0
        for r in range(runs):
            start = state
            if self.dice == "fresh":
                start = state._replace(key=rng.seed_key(f"{self.seed}/whatif/{state.turn}/{r}"))
            rnd = random.Random(f"{self.seed}/whatif-choices/{state.turn}/{r}")
            end = self.play_out(start, choice, rnd)
            endings[end.ending or OPEN_ENDING.id] += 1
            total += scorecard(self.pack, self.role, end).total
        rnd = random.Random(f"{self.seed}/whatif-choices/{state.turn}/own")
        own = self.play_out(state, choice, rnd)
        return Branch(
            choice=choice,
            label=label,
            runs=runs,
            endings=dict(endings.most_common()),
            mean_score=total / runs if runs else 0.0,
            own_dice=own.ending or OPEN_ENDING.id,
            own_dice_score=scorecard(self.pack, self.role, own).total,
        )

    def play_out(self, state: GameState, first: str, rnd: random.Random) -> GameState:
        pack = self.pack
        state = resolve(pack, state, first, False)[0]
        while state.ending is None:
            if state.event is None:
                state = resolve(pack, state, QUIET, False)[0]
                continue
            open_ids = decisions(pack, state)
            mine = (decision_id(state, e, self.player.get(e, "")) for e in state.desk)
            pick = next((d for d in mine if d in open_ids), None)
            if pick is None:
                pick = open_ids[int(rnd.random() * len(open_ids))]
            state = resolve(pack, state, pick, False)[0]
        return state
