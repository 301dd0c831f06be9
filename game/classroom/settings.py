"""Classroom settings: one TOML file a teacher writes so that a class plays the same world.

    [classroom]
    title = "IR 201 · Week 6"
    seed = "ir201-week6"          # everyone faces the same dice
    roles = ["us", "rok"]         # the roles students may take (default: all)
    turns = 12                    # end the game earlier than the pack does
    hide_numbers = true           # "high, rising" instead of 62 (+4)
    forecast = "words"            # the staff forecast on the desk: none, words or numbers

    [rationale]
    required = true
    min_length = 40

    [predict]                     # predict, then reveal
    variables = ["tension", "sanctions"]

    [assumptions]                 # the pack's assumptions, set for this class
    china_restrains = false

    [[rubric.criteria]]           # how memos are assessed: shown to students, on the class page
    name = "Evidence"
    description = "Cites what the briefing reports, and how sure it is"
    points = 2

The file is checked like a pack (game.classroom.load): every problem is reported with its line
and column and a stable code (C5xx, see game.classroom.problems), and the settings are checked
against the pack they name (roles, assumptions, variables, turn limit).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.classroom.files import student_id
from game.classroom.whatif import MAX_RUNS
from game.engine.pack import Pack

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class _Model(BaseModel):
    # strict: TOML has real booleans and numbers; "yes" is not true and "12" is not 12; and
    # TOML's nan and inf are no settings (a save could not hold them)
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Classroom(_Model):
    """The `[classroom]` table: who plays what, where and how long."""

    id: str = Field(
        default="",
        description="a short id for reports and save names (lowercase letters, digits, '-', "
        "'_', '.'); "
        "default: the file's name",
    )
    title: str = Field(
        default="",
        max_length=200,
        description="shown when the game starts and on every report (default: the id)",
    )
    pack: str = Field(
        default="",
        description="a shipped pack's id, or a pack folder relative to this file "
        "(default: the shipped pack)",
    )
    seed: str = Field(
        min_length=1,
        max_length=100,
        description="the seed everyone plays: the same dice for the whole class",
    )
    roles: list[str] = Field(
        default_factory=list,
        description='the roles students may take, e.g. ["us", "rok"] (default, or []: all)',
    )
    turns: int | None = Field(
        default=None,
        ge=1,
        le=1000,
        description="end the game after this many turns, at most the pack's (default: the pack's)",
    )
    hide_numbers: bool = Field(
        default=False,
        description="during play, meters, consequences and objectives in words (“high, rising”); "
        "the reports show the numbers",
    )
    forecast: Literal["none", "words", "numbers"] | None = Field(
        default=None,
        description="the staff forecast on the desk: none, words or numbers (default: the "
        "pack's; with hide_numbers, numbers become words)",
    )
    ask_name: bool = Field(default=True, description="ask each student's name for the reports")
    whatif_runs: int = Field(
        default=100,
        ge=0,
        le=MAX_RUNS,
        description="games per alternative in the debrief's counterfactuals (0: none)",
    )
    questions: list[str] = Field(
        default_factory=list,
        description="your own discussion questions: first in every report and on the class page",
    )

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if value and not _ID.match(value):
            raise ValueError("use lowercase letters, digits, '-', '_' and '.'")
        return value

    @field_validator("seed")
    @classmethod
    def _seed(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the seed cannot be blank")
        return value


class RationaleRule(_Model):
    """The `[rationale]` table: must students write why they chose what they chose?"""

    required: bool = Field(default=False, description="every decision needs a written rationale")
    min_length: int = Field(
        default=0, ge=0, le=5000, description="the rationale's minimum length, in characters"
    )
    prompt: str = Field(
        default="Why do you recommend this?",
        max_length=200,
        description="the question asked for it",
    )


class PredictRule(_Model):
    """The `[predict]` table: before the consequences show, the student predicts each of these
    variables' direction (up, down or steady)."""

    enabled: bool = Field(
        default=True, description="switch predictions off without deleting the table"
    )
    variables: list[str] = Field(
        min_length=1,
        max_length=6,
        description="the meters to predict (up, down or steady) before each reveal, 1–6",
    )
    steady: float = Field(
        default=1.0, ge=0, description="a change smaller than this counts as steady"
    )


class Criterion(_Model):
    """A line of the memo rubric: what a good memo does, and what it is worth."""

    name: str = Field(min_length=1, max_length=80, description="the criterion, in a few words")
    description: str = Field(default="", max_length=500, description="what a good memo does")
    points: float = Field(default=1.0, ge=0, le=100, description="what it is worth")


class Rubric(_Model):
    """The `[rubric]` table: how memos are assessed. Students see it before they write; the
    class page prints it with a grid to mark each student's memos."""

    criteria: list[Criterion] = Field(
        default_factory=list,
        max_length=12,
        description="up to 12 criteria, as `[[rubric.criteria]]` tables or inline tables",
    )


class Assignment(_Model):
    """An `[[assign]]` table: the role the teacher gives named students, one of them or a team.
    When one of them starts a game (full-screen, plain mode or a browser) the role is chosen for
    them and locked, with a line saying the teacher set it.

        [[assign]]
        team = "Seoul desk"               # optional: the class page groups its students
        role = "rok"
        students = ["Ada Kim", "Ben Lee"]
    """

    role: str = Field(min_length=1, description="the role these students play: a role of the pack")
    students: list[str] = Field(
        min_length=1,
        max_length=200,
        description='the students\' names as they will type them ("Ada Kim" and "ada  kim" are '
        "the same student); each student at most once in the file",
    )
    team: str = Field(
        default="",
        max_length=80,
        description="a team's name: the class page groups its students together (default: none)",
    )


class Group(_Model):
    """A `[[group]]` table: some of the class play another world, for an A/B comparison on the
    class page (say, one assumption flipped). Students in no group play the class's settings and
    are compared as "the rest of the class".

        [[group]]
        name = "B: Beijing does not restrain"
        teams = ["Seoul desk"]            # and/or students = ["Cy Park"]
        assumptions = { china_restrains = false }
    """

    name: str = Field(min_length=1, max_length=80, description="the group's name on the class page")
    students: list[str] = Field(
        default_factory=list, max_length=200, description="students in this group, by name"
    )
    teams: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="teams (the `team` of an [[assign]] table) whose students are in this group",
    )
    seed: str = Field(
        default="", max_length=100, description="the group's own seed (default: the class's)"
    )
    assumptions: dict[str, bool | float] = Field(
        default_factory=dict,
        description="the pack's assumptions as this group plays them, over the class's",
    )


class ClassroomSettings(_Model):
    """A classroom file, validated."""

    classroom: Classroom
    rationale: RationaleRule = RationaleRule()
    predict: PredictRule | None = None
    rubric: Rubric = Rubric()
    assumptions: dict[str, bool | float] = Field(default_factory=dict)
    assign: list[Assignment] = Field(
        default_factory=list, max_length=200, description="roles given to named students"
    )
    group: list[Group] = Field(
        default_factory=list, max_length=8, description="groups playing other settings (A/B)"
    )
    # Where it came from (set by load_classroom, not written in the file):
    source: str = Field(default="", exclude=True)
    digest: str = ""  # sha256 of the file's text, first 16 hex digits
    pack_path: str = Field(default="", exclude=True)

    # -- conveniences
    @property
    def id(self) -> str:
        return self.classroom.id

    @property
    def title(self) -> str:
        return self.classroom.title or self.classroom.id

    @property
    def seed(self) -> str:
        return self.classroom.seed

    @property
    def hide_numbers(self) -> bool:
        return self.classroom.hide_numbers

    @property
    def predicting(self) -> tuple[str, ...]:
        """The variables to predict each turn ((), when predictions are off)."""
        if self.predict is None or not self.predict.enabled:
            return ()
        return tuple(self.predict.variables)

    def steady_for(self, variable: str) -> float | None:
        """The threshold under which a change of `variable` counts as steady, when the class
        predicts it (None otherwise): its readings in words follow the same rule."""
        if self.predict is None or variable not in self.predicting:
            return None
        return self.predict.steady

    def allows(self, role: str) -> bool:
        return not self.classroom.roles or role in self.classroom.roles

    # -- the roster: roles, teams and groups given to named students
    def assignment_of(self, player: str) -> Assignment | None:
        """The `[[assign]]` table that names this student (the role the teacher gave them)."""
        key = student_id(player)
        if not key:
            return None
        return next((a for a in self.assign if key in {student_id(n) for n in a.students}), None)

    def team_of(self, player: str) -> str:
        a = self.assignment_of(player)
        return a.team if a is not None else ""

    def group_of(self, player: str) -> Group | None:
        """The `[[group]]` this student plays in, by name or by team (None: the rest of the
        class)."""
        key, team = student_id(player), self.team_of(player)
        if not key:
            return None
        for g in self.group:
            if key in {student_id(n) for n in g.students} or (team and team in g.teams):
                return g
        return None

    def seed_for(self, player: str) -> str:
        g = self.group_of(player)
        return g.seed if g is not None and g.seed else self.seed

    def assumptions_for(self, player: str) -> dict[str, bool | float]:
        g = self.group_of(player)
        return {**self.assumptions, **(g.assumptions if g is not None else {})}

    def start(self, pack: Pack, role: str, player: str = ""):
        """A new game of this classroom: its seed and assumptions, or those of the student's
        group (recorded in the save). `pack` should be `apply_to_pack(pack, self)`."""
        from game.engine.session import Session

        return Session.start(pack, role, self.seed_for(player), self.assumptions_for(player))

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain data (for the save's classroom part and the reports)."""
        return self.model_dump(mode="json")


# -- the rules the game applies ------------------------------------------------------------------


def apply_to_pack(pack: Pack, settings: ClassroomSettings | None) -> Pack:
    """The pack as this class plays it: only the allowed roles, the turn limit, and the
    classroom's assumptions as defaults. Its digest is unchanged (saves still match the pack's
    files); the dynamics change only through the turn limit and assumptions, which the save
    records (its assumptions, and its classroom part)."""
    if settings is None:
        return pack
    c = settings.classroom
    roles = {k: v for k, v in pack.roles.items() if settings.allows(k)} or dict(pack.roles)
    meta = pack.meta
    if c.turns is not None and c.turns < meta.turns:
        meta = dataclasses.replace(meta, turns=c.turns)
    assumptions = tuple(
        dataclasses.replace(a, default=_as_type(a.default, settings.assumptions[a.id]))
        if a.id in settings.assumptions
        else a
        for a in pack.assumptions
    )
    played = dataclasses.replace(pack, roles=roles, meta=meta, assumptions=assumptions)
    played.__dict__["_base_pack"] = pack.__dict__.get("_base_pack", pack)  # see base_pack()
    return played


def base_pack(pack: Pack) -> Pack:
    """The pack as its files define it, before `apply_to_pack`."""
    return pack.__dict__.get("_base_pack", pack)


def _as_type(default: bool | float, value: bool | float) -> bool | float:
    return bool(value) if isinstance(default, bool) else float(value)


def check_rationale(settings: ClassroomSettings | None, text: str) -> str | None:
    """What is wrong with a rationale under the classroom's rule, or None when it is fine."""
    if settings is None or not settings.rationale.required:
        return None
    words = " ".join(text.split())
    need = max(1, settings.rationale.min_length)
    if not words:
        return "This class asks for a rationale with every decision: write why you chose it."
    if len(words) < need:
        return (
            f"Your rationale has {len(words)} character{'s' if len(words) != 1 else ''}; this "
            f"class asks for at least {need}. "
            "Say what you expect to happen and why."
        )
    return None


def settings_from_dict(data: dict[str, Any]) -> ClassroomSettings:
    """Settings from `ClassroomSettings.to_dict()` (a record's or a report's copy); raises
    ValueError when the copy is not valid."""
    try:
        return ClassroomSettings.model_validate(data)
    except ValidationError as e:
        raise ValueError(f"invalid classroom settings: {e.errors()[0]['msg']}") from None
