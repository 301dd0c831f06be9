"""The content format: pydantic models, the one source of truth.

A pack is a folder of TOML files. Every file is validated as a :class:`PackFile` (all sections
optional); ``pack.toml`` must hold the ``[pack]`` table and the singletons (calendar, escalation,
teaching). The loader merges the lists of every file into one pack. Expressions stay strings here;
``game.content.compiler`` parses them into the engine's compiled structures.

The JSON Schema (``korean-theater schema``) and the reference in ``docs/authoring.md`` are
generated from these models, so a field's ``description`` is its documentation.
"""

# Annotations are evaluated as the classes are made (no `from __future__ import annotations`):
# as strings, pydantic would evaluate each again, a tenth of what importing the schema costs.
import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from game.engine.limits import MAX_METER

FORMAT_VERSION = 1

Ident = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        max_length=64,
        description="A name usable in expressions: letters, digits and underscores.",
    ),
]
Slug = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$",
        max_length=80,
        description="An id: letters, digits and `_ . : -`, starting with a letter or digit.",
    ),
]
# A reference to an id: checked against the ids the pack declares (R202–R206), whose hints can
# then name the id meant, also when the reference is a name or title ("Soviet Union").
Ref = Annotated[str, Field(min_length=1, max_length=80, description="The id of an item.")]
Expr = Annotated[str, Field(max_length=1000, description="An expression (see the reference).")]
NumberOrExpr = Annotated[
    float | str, Field(description="A number, or an expression that gives a number.")
]
Text = Annotated[str, Field(max_length=20_000)]
MeterValue = Annotated[float, Field(ge=-MAX_METER, le=MAX_METER)]  # a span never overflows
Label = Annotated[str, Field(min_length=1, max_length=200)]
SHORT_LABEL = 40  # a short label's length, at most


def short_label(of: str) -> Any:
    """The `short` field of a model with a long label: what the layout shows where the label
    does not fit."""
    return Field(
        default="",
        max_length=SHORT_LABEL,
        description=f"A shorter {of} (up to {SHORT_LABEL} characters), for the desk's narrow "
        "panels and tabs where the full one does not fit.",
    )


class Model(BaseModel):
    # TOML has inf and nan; no number of the format may be either. Strict: a value is of the
    # TOML type the JSON Schema says (`once = "no"`, `turns = "6"` are refused by both).
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False, strict=True
    )


# --- pack metadata -------------------------------------------------------------------------


class PackMeta(Model):
    """`[pack]`: who made the pack and which format it is written in."""

    id: Slug = Field(description="Stable id of the pack; saves refer to it.")
    title: Label
    version: str = Field(default="0.1.0", max_length=40, description="The pack's own version.")
    format: int = Field(
        default=FORMAT_VERSION,
        description=f"Content format version; this game reads format {FORMAT_VERSION}.",
    )
    authors: list[Label] = Field(default_factory=list)
    description: Text = ""
    language: str = Field(default="en", max_length=20)
    quiet_text: Text = Field(
        default="A quiet month. No decision reaches your desk.",
        description="Briefing shown on a turn when no event can be drawn.",
    )
    show_closed_choices: bool = Field(
        default=True,
        description="Show options that are closed to the player now, with the reason.",
    )
    forecast: Literal["none", "words", "numbers"] = Field(
        default="words",
        description="What the advisor's staff forecast shows before a decision: `none`, `words` "
        "(direction and rough size, odds in words) or `numbers`. A classroom file may override it.",
    )


class Calendar(Model):
    """`[calendar]`: when the game starts, how long a turn is, and how many turns there are."""

    start: dt.date = Field(description="Date of turn 1, a TOML date such as 2023-09-01.")
    step: Literal["day", "week", "month", "quarter", "year"] = "month"
    turns: int = Field(ge=1, le=1000, description="Turn limit: the game ends after this turn.")


# --- roles, actors and state -----------------------------------------------------------------


class Objective(Model):
    """A goal that scores the end state from 0 to 100 for one role."""

    id: Slug
    label: Label
    short: str = short_label("label")
    score: Expr = Field(description="Number expression, 0–100 (clamped): how well it was met.")
    weight: float = Field(default=1.0, gt=0, le=100)
    description: Text = ""


class Role(Model):
    """`[[role]]`: a government the player can advise."""

    id: Slug
    name: Label
    office: Label = Field(
        description="The office the player works in, e.g. 'National Security Council'."
    )
    briefing: Text = Field(description="Markdown shown when the player chooses this role.")
    objectives: list[Objective] = Field(default_factory=list, alias="objective")


class Threshold(Model):
    """A named band of a meter: its label applies from `at` up to the next threshold."""

    at: MeterValue = Field(description="Where the band starts (inclusive).")
    label: Label


class Variable(Model):
    """`[[variable]]`: a bounded meter of the world."""

    id: Ident
    label: Label
    short: str = short_label("label")
    unit: str = Field(default="points", max_length=60)
    min: MeterValue = 0.0  # floats, as validated values are: defaults are not validated
    max: MeterValue = 100.0
    start: MeterValue
    low: str = Field(default="", max_length=200, description="What a low value means.")
    high: str = Field(default="", max_length=200, description="What a high value means.")
    description: Text = ""
    thresholds: list[Threshold] = Field(default_factory=list)
    hidden: bool = Field(
        default=False, description="Not shown to the player (still in the debrief)."
    )


class Flag(Model):
    """`[[flag]]`: a milestone that is true or false; read and set as `flags.ID`."""

    id: Ident
    label: Label
    description: Text = ""
    start: bool = False


class Assumption(Model):
    """`[[assumption]]`: a key belief of the model, a named parameter read as `assume.ID`."""

    id: Ident
    label: Label
    default: bool | float
    description: Text = ""


class Source(Model):
    """`[[source]]`: a citation that events and debrief notes point at."""

    id: Slug
    cite: Label = Field(description="Short citation, e.g. 'Karpov, para. 2'.")
    quote: Text = Field(default="", description="The passage itself, if it is the article.")
    url: str = Field(default="", max_length=500)


class GlossaryEntry(Model):
    term: Label
    definition: Text
    aliases: list[Label] = Field(
        default_factory=list,
        description="Other spellings the game recognises as this term in a briefing, e.g. "
        "`North Korea` for `DPRK`.",
    )


class Question(Model):
    text: Text
    events: list[Ref] = Field(default_factory=list, description="Events the question is about.")


class Goal(Model):
    """A learning objective and the events that teach it."""

    text: Text = Field(description="The objective, as students should be able to do it.")
    events: list[Slug] = Field(default_factory=list, description="Events that teach it.")


class Teaching(Model):
    """`[teaching]`: notes for teachers."""

    goals: list[Text | Goal] = Field(
        default_factory=list,
        description="Learning objectives: a sentence, or a table `{ text, events }` that names "
        "the events that teach it.",
    )
    questions: list[Question] = Field(default_factory=list, alias="question")
    notes: Text = Field(default="", description="For teachers: in the teacher's guide and docs.")
    packet: list[Slug] = Field(
        default_factory=list,
        description="A primary-source packet: ids of `[[source]]`s whose `quote` is an excerpt "
        "worth reading in class, in the order to read them.",
    )
    reality_as_of: str = Field(
        default="",
        max_length=80,
        description="How far the reality notes follow events, e.g. `February 2026`; shown with "
        "every debrief.",
    )


class Rung(Model):
    at: MeterValue = Field(description="Value of the escalation variable where this rung starts.")
    label: Label


class Escalation(Model):
    """`[escalation]`: a ladder on one variable; reaching the last rung ends the game."""

    variable: Ident
    rungs: list[Rung] = Field(min_length=2)
    ending: Ref = Field(description="The ending the last rung triggers.")


class Budget(Model):
    """`[budget]`: something scarce that options cost and the world refills.

    The budget is an ordinary `[[variable]]` (its label, range and start), so rules and effects
    can read and move it too. Each option may have a `cost`; an option that costs more than the
    budget holds is closed, and says why. Every turn, `refill` is added (clamped to the range).
    """

    variable: Ident = Field(description="The variable that holds the budget, e.g. `capital`.")
    refill: NumberOrExpr = Field(
        default=0.0,
        description="Added to the budget at the start of every turn: a number or an expression, "
        "e.g. `1 + support / 50`.",
    )
    noun: str = Field(
        default="",
        max_length=60,
        description='How options speak of it ("costs 2 capital"); default: the variable\'s label.',
    )


class Agenda(Model):
    """`[agenda]`: some turns put several briefings on the desk; the advisor handles one.

    The others are settled by their `default = true` choice: what the government does when
    nobody in your office takes the file. Only events with a default for the role join an agenda.
    """

    size: int = Field(default=2, ge=2, le=3, description="At most this many briefings a turn.")
    when: Expr = Field(default="true", description="On which turns an agenda may form.")


class Scoring(Model):
    """`[scoring]`: how the final score weighs the ending's result against the objectives."""

    result_weight: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Share of the final score given by the ending's result for the role "
        "(win 100, draw 50, loss 0); the rest is the weighted mean of the objectives.",
    )


# --- effects over time ------------------------------------------------------------------------


EffectMode = Literal["immediate", "lag", "smooth", "decay"]


class TimedEffect(Model):
    """An effect as a table, when it needs a condition or does not land at once.

    Modes: `immediate` (now), `lag` (lands `turns` turns later), `smooth` (the change is spread
    evenly over `turns` turns, starting now), `decay` (the change lands now and then fades: each
    later turn takes back `1 - factor` of what is left, until less than 0.5 remains).
    """

    do: Expr = Field(description="The effect statement, e.g. `tension += 5`.")
    mode: EffectMode = "immediate"
    turns: int = Field(default=1, ge=1, le=60)
    factor: float = Field(default=0.5, ge=0, lt=1, description="For `decay`: share kept a turn.")
    when: Expr | None = Field(default=None, description="Apply only if this holds (at once).")


Effect = Annotated[Expr | TimedEffect, Field(description="A statement, or a table with a mode.")]


class Later(Model):
    """A delayed consequence: an event forced onto the desk, or effects, `in` turns later."""

    in_: int = Field(alias="in", ge=1, le=120, description="How many turns later.")
    event: Ref | None = None
    effects: list[Effect] = Field(default_factory=list)
    text: Text = Field(default="", description="What the player reads when it arrives.")
    hidden: bool = Field(default=False, description="Not announced in advance.")
    force: bool = Field(default=False, description="Draw the event even if its `when` fails.")

    @model_validator(mode="after")
    def _something(self) -> "Later":
        if self.event is None and not self.effects:
            raise ValueError("a `later` entry needs an `event` or some `effects`")
        return self


class Outcome(Model):
    """A chance outcome of a choice. One roll picks at most one outcome of a choice."""

    chance: NumberOrExpr = Field(description="Probability 0–1 (a number or an expression).")
    label: str = Field(default="", max_length=200)
    text: Text = ""
    effects: list[Effect] = Field(default_factory=list)
    later: list[Later] = Field(default_factory=list)


# --- events and choices -------------------------------------------------------------------------


Confidence = Literal["high", "medium-high", "medium", "low-medium", "low"]
Verdict = Literal["borne-out", "partly", "not-borne-out", "not-yet"]


class Reality(Model):
    """What happened in reality: shown in the debrief."""

    text: Text
    date: str = Field(default="", max_length=80)
    sources: list[str] = Field(default_factory=list, description="Source ids or URLs.")
    confidence: Confidence = "high"
    critical: Text = Field(default="", description="Where the article deserves a critical reading.")
    verdict: Verdict | None = Field(
        default=None,
        description="How the prediction this event plays out has fared: `borne-out`, `partly`, "
        "`not-borne-out` or `not-yet`; `text` gives the facts behind it. Every `prediction` "
        "event needs one (V331).",
    )


class Choice(Model):
    """`[[event.choice]]`: an option the advisor can recommend."""

    id: Slug
    label: Label
    description: Text = ""
    roles: list[Ref] = Field(
        default_factory=list, description="Who may choose it; empty means the event's roles."
    )
    when: Expr = Field(default="true", description="Open only if this holds.")
    closed_text: str = Field(
        default="", max_length=300, description="Why it is closed, for players."
    )
    effects: list[Effect] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    later: list[Later] = Field(default_factory=list)
    tags: list[Ident] = Field(
        default_factory=list, description="Stances such as `hawkish`, `cautious`, `diplomatic`."
    )
    cost: NumberOrExpr = Field(
        default=0.0, description="What it spends from the `[budget]` (a number or an expression)."
    )
    default: bool = Field(
        default=False,
        description="What the government does when the advisor leaves this briefing to others "
        "(an agenda's other briefings are settled by it). At most one per role and event.",
    )
    debrief: Text = Field(default="", description="Note for the debrief.")


class Event(Model):
    """`[[event]]`: a storylet that can land on the advisor's desk."""

    id: Slug
    title: Label
    short: str = short_label("title")
    kind: Literal["historical", "hypothetical", "prediction"]
    roles: list[Ref] = Field(default_factory=list, description="Who sees it; empty means all.")
    when: Expr = "true"
    priority: int = Field(default=0, ge=-100, le=100, description="Higher tiers are drawn first.")
    weight: NumberOrExpr = 1.0
    once: bool = Field(default=True, description="Drawn at most once a game.")
    cooldown: int = Field(default=0, ge=0, le=1000, description="Turns before it can recur.")
    turn_min: int | None = Field(default=None, ge=1)
    turn_max: int | None = Field(default=None, ge=1)
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    on: dt.date | Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="Scheduled: happens on this date (a TOML date, in the turn it falls in) or "
        "turn (a number), before any other event that turn, if the role sees it, its `when` "
        "holds and an option is open; it is drawn on no other turn.",
    )
    later_only: bool = Field(
        default=False,
        description="Arrives only through a `later` of a choice: never drawn on its own.",
    )
    source: Ref | None = Field(default=None, description="The source it comes from.")
    text: Text = Field(description="The briefing, in Markdown.")
    reality: Reality | None = None
    choices: list[Choice] = Field(default_factory=list, alias="choice")


# --- the world's own motion --------------------------------------------------------------------


class Rule(Model):
    """`[[rule]]`: runs every turn, in order: drift, feedback, inertia."""

    id: Slug
    label: Label
    when: Expr = "true"
    chance: NumberOrExpr = 1.0
    every: int = Field(default=1, ge=1, le=120, description="Runs on every Nth turn.")
    effects: list[Effect] = Field(min_length=1)
    news: Text = Field(default="", description="A news line when it fires; empty means silent.")


class Move(Model):
    """`[[actor.move]]`: one entry of an actor's ordered list; the first that holds is taken."""

    id: Slug
    label: Label
    when: Expr = "true"
    chance: NumberOrExpr = 1.0
    effects: list[Effect] = Field(default_factory=list)
    news: Text = ""


class Actor(Model):
    """`[[actor]]`: a government run by rules; each turn it takes its first move that holds."""

    id: Slug
    name: Label
    short: str = Field(
        default="",
        max_length=SHORT_LABEL,
        description=f"The name the news and the consequences give it (up to {SHORT_LABEL} "
        "characters; default: `name`), e.g. `Russia` for an actor named `Russia (when you do "
        "not advise it)`.",
    )
    description: Text = ""
    moves: list[Move] = Field(default_factory=list, alias="move")


class Situation(Model):
    """`[[situation]]`: a standing condition with hysteresis, read as `situation.ID`."""

    id: Ident
    label: Label
    start: Expr = Field(description="It starts when this holds.")
    stop: Expr = Field(description="It stops when this holds (make it stricter than `start`).")
    effects: list[Effect] = Field(default_factory=list, description="Each turn while active.")
    news_start: Text = ""
    news_stop: Text = ""


Result = Literal["win", "draw", "loss"]


class Ending(Model):
    """`[[ending]]`: a future the game can end in. Highest `priority` is checked first."""

    id: Slug
    title: Label
    when: Expr = "true"
    priority: int = 0
    at: Literal["any", "end"] = Field(
        default="end", description="`any`: checked every turn; `end`: when turns run out."
    )
    text: Text
    epilogue: dict[str, Text] = Field(default_factory=dict, description="Role id → epilogue.")
    result: Result | dict[str, Result] | None = Field(
        default=None,
        description="What this future means for the player: `win`, `draw` or `loss`, for every "
        "role, or a table of role id → result. Not given: a loss for everyone if this is the "
        "escalation ladder's ending, else a draw (as for roles a table does not name).",
    )
    reality: Reality | None = None


# --- what happened, and who says what -----------------------------------------------------------


class ChronologyEntry(Model):
    """`[[chronology]]`: a real event, for the debrief's "your game against what happened"."""

    date: dt.date = Field(description="When it happened, a TOML date; see `precision`.")
    precision: Literal["day", "month"] = Field(
        default="day", description="`month` when only the month is known: shown as `Nov 2024`."
    )
    text: Text = Field(description="What happened, in a sentence or two.")
    sources: list[str] = Field(min_length=1, description="Source ids or URLs.")
    confidence: Confidence = Field(default="high", description="How sure the sources are.")
    events: list[Slug] = Field(default_factory=list, description="Events it corresponds to.")


class Voice(Model):
    """`[[voice]]`: how one capital frames the story in its own government's words, shown as
    that government's view, never as the truth."""

    capital: Label = Field(description="Who speaks, e.g. `Beijing`.")
    text: Text = Field(description="Its own public framing, with short quotes.")
    sources: list[str] = Field(min_length=1, description="Source ids or URLs.")


# --- defaults of a file -----------------------------------------------------------------------


def _defaults_of(model: type[Model], keys: tuple[str, ...], doc: str) -> type[Model]:
    """A table of some of `model`'s keys, each optional: what its items take when they do
    not say (validated as the items' own keys)."""
    fields: dict[str, Any] = {}
    for key in keys:
        f = model.model_fields[key]
        kind: Any = f.annotation
        if type(None) not in get_args(kind):
            kind = kind | None
        if f.metadata:
            kind = Annotated[(kind, *f.metadata)]
        fields[key] = (kind, Field(default=None, description=f.description))
    return create_model(f"{model.__name__}Defaults", __base__=Model, __doc__=doc, **fields)


EVENT_DEFAULTS = (
    "kind", "roles", "when", "priority", "weight", "once", "cooldown", "turn_min", "turn_max",
    "date_min", "date_max", "source", "later_only",
)  # fmt: skip
CHOICE_DEFAULTS = ("roles", "when", "closed_text", "tags", "cost")
EventDefaults = _defaults_of(
    Event,
    EVENT_DEFAULTS,
    "`[defaults.event]`: what every [[event]] of this file takes unless it says.",
)
ChoiceDefaults = _defaults_of(
    Choice,
    CHOICE_DEFAULTS,
    "`[defaults.choice]`: what every [[event.choice]] of this file takes unless it says.",
)

DEFAULTS_OF: dict[type[BaseModel], type[BaseModel]] = {EventDefaults: Event, ChoiceDefaults: Choice}


class Defaults(Model):
    """`[defaults]`: keys the events and choices of this file share, said once.

    An item's own key wins; they apply to the file they are in only."""

    event: EventDefaults | None = Field(  # type: ignore[valid-type]
        default=None, description="What the events of this file take unless they say."
    )
    choice: ChoiceDefaults | None = Field(  # type: ignore[valid-type]
        default=None, description="What the choices of this file's events take unless they say."
    )


# --- files -------------------------------------------------------------------------------------


class PackFile(Model):
    """One TOML file of a pack. `pack.toml` needs `[pack]` and `[calendar]`."""

    pack: PackMeta | None = None
    defaults: Defaults | None = None
    calendar: Calendar | None = None
    escalation: Escalation | None = None
    budget: Budget | None = None
    agenda: Agenda | None = None
    scoring: Scoring | None = None
    teaching: Teaching | None = None
    roles: list[Role] = Field(default_factory=list, alias="role")
    variables: list[Variable] = Field(default_factory=list, alias="variable")
    flags: list[Flag] = Field(default_factory=list, alias="flag")
    assumptions: list[Assumption] = Field(default_factory=list, alias="assumption")
    sources: list[Source] = Field(default_factory=list, alias="source")
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list, alias="actor")
    events: list[Event] = Field(default_factory=list, alias="event")
    rules: list[Rule] = Field(default_factory=list, alias="rule")
    situations: list[Situation] = Field(default_factory=list, alias="situation")
    endings: list[Ending] = Field(default_factory=list, alias="ending")
    chronology: list[ChronologyEntry] = Field(default_factory=list)
    voices: list[Voice] = Field(default_factory=list, alias="voice")


SINGLETONS = ("pack", "calendar", "escalation", "budget", "agenda", "scoring", "teaching")
