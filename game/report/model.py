"""The debrief report as data: what `korean-theater report --format json` writes and what
`korean-theater class` reads back. Every renderer (Markdown, HTML) works from this model only.

Version 1. A change that old readers cannot ignore bumps `version`; readers refuse versions they
do not know with a clear message (see game.report.load).
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT: Final = "korean-theater-report"
VERSION: Final = 1
MAX_TEXT = 50_000
# the causes of a change that the decision itself set off (its cost and the defaults it left)
DIRECT = ("choice", "outcome", "later", "cost", "default")


class _M(BaseModel):
    # JSON readers take NaN and Infinity; no number of a report may be either
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class PackRef(_M):
    id: str
    title: str = ""
    version: str = ""
    digest: str = ""


def _pack_name(p: PackRef) -> str:
    return f"{p.id} {p.version}, files {p.digest or 'unknown'}"


class Criterion(_M):
    """One line of the classroom's memo rubric."""

    name: str
    description: str = ""
    points: float = Field(default=0.0, ge=0)


class ClassroomRef(_M):
    id: str
    title: str = ""
    digest: str = ""
    turns: int | None = None
    hide_numbers: bool = False
    rationale_required: bool = False
    rationale_min_length: int = 0
    predict: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    rubric: list[Criterion] = Field(default_factory=list)
    # The student's team ([[assign]]) and group ([[group]]: another seed or assumptions); left
    # out of the JSON when there is none, so such a report reads as before in an older game.
    team: str = Field(default="", exclude_if=lambda v: not v)
    group: str = Field(default="", exclude_if=lambda v: not v)


class AssumptionUsed(_M):
    id: str
    label: str
    value: bool | float
    default: bool | float

    @property
    def changed(self) -> bool:
        return self.value != self.default


class SourceRef(_M):
    id: str
    cite: str
    url: str = ""
    quote: str = ""


class Reality(_M):
    text: str
    date: str = ""
    confidence: str = ""
    critical: str = ""
    sources: list[SourceRef] = Field(default_factory=list)
    verdict: str = ""  # on the article's prediction: borne-out, partly, not-borne-out, not-yet


class RealEvent(_M):
    """An entry of the pack's chronology."""

    date: str  # ISO
    shown: str  # "13 Sep 2023", or "Sep 2023"
    text: str
    confidence: str = ""
    sources: list[SourceRef] = Field(default_factory=list)


class MonthRow(_M):
    """A month of "your game against what happened"."""

    month: str  # "2023-09"
    label: str  # "Sep 2023"
    game: list[str] = Field(default_factory=list)  # what the game had on the desk
    real: list[RealEvent] = Field(default_factory=list)
    played: bool = False  # a month of the game, not before or after it


class Term(_M):
    term: str
    definition: str


class VoiceRef(_M):
    """How one capital frames the story, in its government's own words."""

    capital: str
    text: str
    sources: list[SourceRef] = Field(default_factory=list)


class Change(_M):
    target: str
    label: str
    before: bool | float
    after: bool | float
    cause: str  # choice | outcome | later | cost | default | lag | smooth | decay | rule | actor
    # | situation | budget
    why: str
    clamped: bool = False
    hidden: bool = False  # a hidden variable: not shown to the player during the game


class Roll(_M):
    what: str
    chance: float
    roll: float
    result: str


class OptionRef(_M):
    id: str
    label: str
    open: bool = True
    tags: list[str] = Field(default_factory=list)


class PredictionItem(_M):
    variable: str
    label: str
    expected: Literal["up", "down", "steady"]
    actual: Literal["up", "down", "steady"]
    delta: float

    @property
    def hit(self) -> bool:
        return self.expected == self.actual


class Decision(_M):
    turn: int = Field(ge=1)
    date: str
    when: str = ""  # the date as the pack's calendar says it: "Oct 2023", "1962-10-22"
    event: str | None
    title: str
    kind: str = ""
    why_drawn: str = ""
    choice: str
    label: str
    tags: list[str] = Field(default_factory=list)
    options: list[OptionRef] = Field(default_factory=list)
    rationale: str = Field(default="", max_length=MAX_TEXT)
    note: str = ""  # the pack's debrief note on this choice
    outcome: str = ""  # the chance outcome of the choice, if it had one
    changes: list[Change] = Field(default_factory=list)
    rolls: list[Roll] = Field(default_factory=list)
    news: list[str] = Field(default_factory=list)
    arrived: list[str] = Field(default_factory=list)
    scheduled: list[str] = Field(default_factory=list)
    hidden_scheduled: int = 0
    predictions: list[PredictionItem] = Field(default_factory=list)
    reality: Reality | None = None
    cost: float = 0.0  # what the decision spent from the budget
    left: list[str] = Field(default_factory=list)  # the briefings left to their defaults


class Meter(_M):
    id: str
    label: str
    unit: str = ""
    min: float
    max: float
    hidden: bool = False
    values: list[float]  # at the start of each turn played, and after the last decision


class Score(_M):
    id: str
    label: str
    weight: float
    score: float
    description: str = ""


class Ending(_M):
    id: str
    title: str
    text: str = ""
    epilogue: str = ""
    reality: Reality | None = None


class MissedEnding(_M):
    title: str
    failed: list[str] = Field(default_factory=list)  # the conditions that did not hold


class WhyEnding(_M):
    """Why the game ended as it did, worded (game.views.ending.why_text)."""

    summary: str
    held: list[str] = Field(default_factory=list)
    missed: list[MissedEnding] = Field(default_factory=list)
    climbed: str = ""
    ladder: list[str] = Field(default_factory=list)


class Pivot(_M):
    """A decision that mattered: replayed with each alternative on the game's own dice."""

    turn: int = Field(ge=1)
    head: str
    lines: list[str] = Field(default_factory=list)
    score: float  # the final score of the game as played
    best: float | None = None  # the best alternative's final score


class Question(_M):
    text: str
    events: list[str] = Field(default_factory=list)
    seen: bool = False  # one of its events was on this player's desk
    teacher: bool = False  # from the classroom file, not the pack


class PredictionSummary(_M):
    hits: int
    total: int
    by_variable: dict[str, list[int]] = Field(default_factory=dict)  # id -> [hits, total]

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.total if self.total else None


class BranchOut(_M):
    choice: str
    label: str
    runs: int
    endings: dict[str, int]
    mean_score: float
    own_dice: str
    own_dice_score: float


class Counterfactual(_M):
    turn: int
    event: str
    title: str
    chosen: str
    runs: int
    dice: str
    actual: BranchOut
    alternatives: list[BranchOut]
    ending_titles: dict[str, str] = Field(default_factory=dict)


class Report(_M):
    format: Literal["korean-theater-report"] = FORMAT
    version: Literal[1] = VERSION
    generated_at: dt.datetime
    game_version: str = ""
    pack: PackRef = Field(description="the pack the game was replayed and scored on")
    saved_pack: PackRef | None = Field(
        default=None,
        description="the pack the save names, when its files differ from `pack` (a save is "
        "scored on the teacher's pack, never on one it names)",
    )
    role: str
    role_name: str = ""
    office: str = ""
    seed: str
    player: str = ""
    classroom: ClassroomRef | None = None
    assumptions: list[AssumptionUsed] = Field(default_factory=list)
    turns: int = Field(ge=0, description="the game's length in turns (with the classroom limit)")
    start_date: str = ""
    over: bool
    ending: Ending | None = None
    dates: list[str] = Field(default_factory=list)  # the date of each meter value
    meters: list[Meter] = Field(default_factory=list)
    escalation: list[str] = Field(default_factory=list)  # the ladder's rung labels
    decisions: list[Decision] = Field(default_factory=list)
    scorecard: list[Score] = Field(default_factory=list)
    total: float = 0.0
    objectives: float | None = None  # the objectives' weighted mean, before the result counts
    result: Literal["win", "draw", "loss"] | None = None
    result_weight: float = 0.0  # the result's share of the total
    why: WhyEnding | None = None
    mattered: list[Pivot] = Field(default_factory=list)
    predictions: PredictionSummary | None = None
    counterfactuals: list[Counterfactual] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    teaching_goals: list[str] = Field(default_factory=list)
    teaching_notes: str = ""  # for the teacher: the class page shows them
    reality_as_of: str = ""  # how far the reality notes follow events
    then_and_now: list[MonthRow] = Field(default_factory=list)
    glossary: list[Term] = Field(default_factory=list)  # the terms the game's briefings used
    voices: list[VoiceRef] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # replay divergences, unreadable parts …

    @property
    def ending_title(self) -> str:
        return self.ending.title if self.ending else "Unfinished"

    @property
    def pack_warning(self) -> str:
        """What to say when the save's pack differs from the one it was scored on ('' if not)."""
        s = self.saved_pack
        if s is None:
            return ""
        return (
            f"Replayed and scored on the pack {_pack_name(self.pack)}, not on the pack the save "
            f"was made with ({_pack_name(s)}): their files differ."
        )

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
