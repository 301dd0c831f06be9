"""docs/reference.md: every section of the format, from the pydantic models and their field
descriptions, the expression language's functions and the problem codes."""

from __future__ import annotations

import datetime as dt
import types
import typing

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from game.content import schema as S
from game.content.problems import CODES
from tools.docgen.base import severity

SECTIONS: list[tuple[str, str, type[BaseModel]]] = [
    ("pack", "[pack]", S.PackMeta),
    ("calendar", "[calendar]", S.Calendar),
    ("role", "[[role]]", S.Role),
    ("objective", "[[role.objective]]", S.Objective),
    ("variable", "[[variable]]", S.Variable),
    ("threshold", "thresholds = [{ … }] in a [[variable]]", S.Threshold),
    ("flag", "[[flag]]", S.Flag),
    ("assumption", "[[assumption]]", S.Assumption),
    ("source", "[[source]]", S.Source),
    ("glossary", "[[glossary]]", S.GlossaryEntry),
    ("teaching", "[teaching]", S.Teaching),
    ("goal", "goals = [{ … }] in [teaching]", S.Goal),
    ("question", "[[teaching.question]]", S.Question),
    ("chronology", "[[chronology]]", S.ChronologyEntry),
    ("voice", "[[voice]]", S.Voice),
    ("escalation", "[escalation]", S.Escalation),
    ("rung", "rungs = [{ … }] in [escalation]", S.Rung),
    ("budget", "[budget]", S.Budget),
    ("agenda", "[agenda]", S.Agenda),
    ("scoring", "[scoring]", S.Scoring),
    ("event", "[[event]]", S.Event),
    ("choice", "[[event.choice]]", S.Choice),
    ("outcome", "outcomes = [{ … }] in a choice", S.Outcome),
    ("later", "later = [{ … }] in a choice or outcome", S.Later),
    ("timed-effect", "an effect written as a table", S.TimedEffect),
    ("reality", "[event.reality] and [ending.reality]", S.Reality),
    ("rule", "[[rule]]", S.Rule),
    ("actor", "[[actor]]", S.Actor),
    ("move", "[[actor.move]]", S.Move),
    ("situation", "[[situation]]", S.Situation),
    ("ending", "[[ending]]", S.Ending),
    ("defaults", "[defaults]", S.Defaults),
    ("event-defaults", "[defaults.event]", S.EventDefaults),
    ("choice-defaults", "[defaults.choice]", S.ChoiceDefaults),
]
ANCHORS = {model: anchor for anchor, _, model in SECTIONS}
NAMED: list[tuple[object, str]] = [
    (S.Ident, "name"),
    (S.Slug, "id"),
    (S.Expr, "expression"),
    (S.NumberOrExpr, "number or expression"),
    (S.Effect, "[effect](#effects)"),
    (S.Text, "text"),
    (S.Label, "text"),
]


def type_name(hint: object) -> str:
    for alias, name in NAMED:
        if hint is alias:
            return name
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(parts)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"table of {type_name(args[1])}"
    if origin is typing.Literal:
        return " \\| ".join(f'`"{a}"`' for a in args)
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        anchor = ANCHORS.get(hint)
        return f"[{hint.__name__}](#{anchor})" if anchor else hint.__name__
    simple = {str: "text", int: "integer", float: "number", bool: "true/false", dt.date: "date"}
    return simple.get(hint, str(hint))  # type: ignore[call-overload]


# Meanings for fields whose model gives none (or only its type's generic one). A test checks
# every field of the reference has a meaning, so a new field needs a description here or,
# better, in game/content/schema.py.
MEANINGS: dict[tuple[type[BaseModel], str], str] = {
    (S.PackMeta, "title"): "The pack's title, shown when the player picks a pack.",
    (S.PackMeta, "authors"): "Who wrote it.",
    (S.PackMeta, "description"): "A paragraph about the pack, shown before play.",
    (S.PackMeta, "language"): "Language of the pack's text (an IETF tag such as `en`).",
    (S.Calendar, "step"): "How long a turn is.",
    (S.Role, "id"): 'Stable id of the role (`--role`, `roles = [...]`, `role == "…"`).',
    (S.Role, "name"): "The government's name.",
    (S.Role, "objective"): "What the role wants: each scores the end state 0–100.",
    (S.Objective, "id"): "Stable id of the objective within its role.",
    (S.Objective, "label"): "What the objective is, for the debrief.",
    (S.Objective, "weight"): "Its weight in the role's overall score (a weighted mean).",
    (S.Objective, "description"): "A longer explanation.",
    (S.Variable, "id"): "The variable's name in expressions and effects.",
    (S.Variable, "label"): "The meter's name as players see it.",
    (S.Variable, "unit"): "What the number counts (index, %, rung …).",
    (S.Variable, "min"): "The lowest value; effects are clamped to it.",
    (S.Variable, "max"): "The highest value; effects are clamped to it.",
    (S.Variable, "start"): "The value on turn 1.",
    (S.Variable, "description"): "What the meter measures and how to read it.",
    (S.Variable, "thresholds"): 'Named levels, e.g. `[{ at = 70, label = "crisis" }]`.',
    (S.Threshold, "at"): "The value where the level starts.",
    (S.Threshold, "label"): "The level's name.",
    (S.Flag, "id"): "The flag's name: read and set as `flags.ID`.",
    (S.Flag, "label"): "The milestone as players see it.",
    (S.Flag, "description"): "A longer explanation.",
    (S.Flag, "start"): "Its value on turn 1.",
    (S.Assumption, "id"): "The assumption's name: read as `assume.ID`.",
    (S.Assumption, "label"): "The belief, in words.",
    (S.Assumption, "default"): "Its value unless a teacher sets another (true/false or a number).",
    (S.Assumption, "description"): "Why the model makes it, and what changes if it is flipped.",
    (S.Source, "id"): "Stable id that events, endings and notes cite.",
    (S.Source, "url"): "Where to read it.",
    (S.GlossaryEntry, "term"): "The term.",
    (S.GlossaryEntry, "definition"): "Its definition.",
    (S.Teaching, "goals"): "What students should take away.",
    (S.Teaching, "question"): "Discussion questions.",
    (S.Teaching, "notes"): "Notes for the teacher.",
    (S.Question, "text"): "The question.",
    (S.Escalation, "variable"): "The variable the ladder reads.",
    (S.Escalation, "rungs"): "The rungs, lowest first; the last one ends the game.",
    (S.Rung, "label"): "The rung's name.",
    (S.Event, "id"): "Stable id of the event (saves, `later`, teaching questions).",
    (S.Event, "title"): "The briefing's headline.",
    (S.Event, "kind"): "Historical, hypothetical, or the article's prediction.",
    (S.Event, "when"): "It can be drawn only while this holds.",
    (S.Event, "weight"): "Its relative chance among the events of its tier that can be drawn.",
    (S.Event, "turn_min"): "The first turn it can be drawn.",
    (S.Event, "turn_max"): "The last turn it can be drawn.",
    (S.Event, "date_min"): "The first date it can be drawn (the turn on or after it).",
    (S.Event, "date_max"): "The last date it can be drawn (the turn on or before it).",
    (S.Event, "reality"): "What really happened, for the debrief.",
    (S.Event, "choice"): "The options ([[event.choice]]).",
    (S.Choice, "id"): "Stable id of the choice within its event (saves record it).",
    (S.Choice, "label"): "The option as the advisor reads it.",
    (S.Choice, "description"): "A longer explanation of the option.",
    (S.Choice, "effects"): "What it does at once (or with a timing).",
    (S.Choice, "outcomes"): "Chance outcomes: one roll picks at most one.",
    (S.Choice, "later"): "Delayed consequences.",
    (S.Outcome, "label"): "The outcome's name.",
    (S.Outcome, "text"): "What the player reads when it happens.",
    (S.Outcome, "effects"): "What it does.",
    (S.Outcome, "later"): "Delayed consequences of the outcome.",
    (S.Later, "event"): "The event it sets in motion.",
    (S.Later, "effects"): "The effects that land then.",
    (S.TimedEffect, "mode"): "When the change lands (see above).",
    (S.TimedEffect, "turns"): "For `lag` and `smooth`: how many turns.",
    (S.Reality, "text"): "What happened.",
    (S.Reality, "date"): "When, in words.",
    (S.Reality, "confidence"): "How sure the sources are.",
    (S.Rule, "id"): "Stable id of the rule.",
    (S.Rule, "label"): "What the rule models.",
    (S.Rule, "when"): "It runs only while this holds.",
    (S.Rule, "chance"): "Probability 0–1 that it fires when it runs.",
    (S.Rule, "effects"): "What it does.",
    (S.Actor, "id"): "Stable id of the actor.",
    (S.Actor, "name"): "The government's name.",
    (S.Actor, "description"): "Who they are and how they behave.",
    (S.Actor, "move"): "The ordered moves ([[actor.move]]).",
    (S.Move, "id"): "Stable id of the move within its actor.",
    (S.Move, "label"): "What the actor does.",
    (S.Move, "when"): "It can be taken only while this holds.",
    (S.Move, "chance"): "Probability 0–1 that it is taken when it holds.",
    (S.Move, "effects"): "What it does.",
    (S.Move, "news"): "A news line when it is taken.",
    (S.Situation, "id"): "The situation's name: read as `situation.ID`.",
    (S.Situation, "label"): "The situation as players see it.",
    (S.Situation, "news_start"): "A news line when it starts.",
    (S.Situation, "news_stop"): "A news line when it stops.",
    (S.Ending, "id"): "Stable id of the ending.",
    (S.Ending, "title"): "The ending's title.",
    (S.Ending, "when"): "It applies only if this holds.",
    (S.Ending, "priority"): "Higher is checked first.",
    (S.Ending, "text"): "What the player reads.",
    (S.Ending, "reality"): "How it compares with what really happened.",
}
_GENERIC = ("An expression (see", "A number, or an", "An id: letters", "A name usable")


def meaning(model: type[BaseModel], name: str, info) -> str:
    model = S.DEFAULTS_OF.get(model, model)  # a default means what the item's own key does
    own = info.description or ""
    if own and not own.startswith(_GENERIC):
        return own
    return MEANINGS.get((model, info.alias or name), own)


def _constraints(info) -> str:
    parts = []
    for m in info.metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            if getattr(m, attr, None) is not None:
                parts.append(f"{sign} {getattr(m, attr):g}")
        if getattr(m, "min_length", None):
            parts.append(f"at least {m.min_length}")
    return ", ".join(parts)


def _default(info) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.default_factory()
        return "`[]`" if isinstance(value, list) else "`{}`"
    d = info.default
    if d is None or d is PydanticUndefined:
        return "—"
    if isinstance(d, bool):
        return "`true`" if d else "`false`"
    if isinstance(d, str):
        return f'`"{d}"`' if len(d) < 40 else "(see below)"
    return f"`{d:g}`" if isinstance(d, float) else f"`{d}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def model_table(model: type[BaseModel]) -> list[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    lines = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind = type_name(hints[name])
        if info.metadata and (c := _constraints(info)):
            kind += f" ({c})"
        lines.append(
            f"| `{key}` | {kind} | {_default(info)} | {_cell(meaning(model, name, info))} |"
        )
    return lines


def documented_models() -> set[type[BaseModel]]:
    """Every model reachable from a pack file (a test checks each has a section)."""
    found: set[type[BaseModel]] = set()
    todo: list[object] = [S.PackFile]
    while todo:
        hint = todo.pop()
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            if hint in found:
                continue
            found.add(hint)
            todo.extend(typing.get_type_hints(hint, include_extras=True).values())
        else:
            todo.extend(typing.get_args(hint))
    found.discard(S.PackFile)
    return found


EXPRESSIONS = """## Expressions

Conditions (`when`, `start`, `stop`), weights, chances, objective scores and effects are written
in a small language. It is parsed once when the pack loads and checked against the declared
names, so a typo is an error with a "did you mean", not a surprise in play.

| you write | meaning |
|---|---|
| `12`, `3.5`, `.5`, `true`, `false`, `"us"` | numbers, true/false, strings (≤ 64 characters) |
| `tension` | a variable's value |
| `flags.ID`, `assume.ID`, `situation.ID` | a flag, an assumption, whether a situation is active |
| `turn`, `role` | the turn number (1 = the first), the id of the role being played |
| `+ - * / // %`, `-x` | arithmetic; division by zero gives 0 |
| `< <= > >= == !=` | comparisons (not chained: write `a < b and b < c`) |
| `and`, `or`, `not` | logic |
| `if C then A else B` | a conditional value |

Types are number, true/false and string; true/false are not numbers (write
`if flags.x then 1 else 0`). Evaluation never fails: a result that would be infinite or not a
number becomes 0. Limits: 1,000 characters, 256 tokens, nesting depth 32.

Functions:

{functions}

### Effects

An effect is a statement: `NAME = EXPR`, `NAME += EXPR`, `NAME -= EXPR` or `NAME *= EXPR`, on a
variable or a flag (`flags.ID = true`). Variables are kept within their `min`–`max`. Written as a
table ([TimedEffect](#timed-effect)), an effect can have a condition and a timing:
`immediate` (now), `lag` (lands `turns` turns later), `smooth` (spread evenly over `turns`
turns), `decay` (lands now, then fades by `factor` a turn); `smooth` and `decay` need `+=` or
`-=`.
"""


def functions_table() -> str:
    from game.engine.expr import FUNCTIONS

    notes = {
        "min": "the smallest argument",
        "max": "the largest argument",
        "clamp": "x kept within lo–hi",
        "abs": "absolute value",
        "round": "rounded to a whole number (or to ndigits decimals, 0–6)",
        "floor": "rounded down",
        "ceil": "rounded up",
        "fair_add": "moves x toward hi (amount > 0) or lo (amount < 0) by |amount| % of the "
        "distance left; never overshoots (lo, hi default to 0, 100)",
    }
    lines = ["| function | gives |", "|---|---|"]
    for f in FUNCTIONS.values():
        lines.append(f"| `{f.signature}` | {notes.get(f.name, '')} |")
    return "\n".join(lines)


SUMMARIES: dict[type[BaseModel], str] = {
    S.Threshold: "A named level of a variable, shown beside its value (e.g. 70: crisis).",
    S.GlossaryEntry: "A term and its definition, for the in-game glossary.",
    S.Question: "A discussion question for the class, about some events.",
    S.Rung: "A rung of the escalation ladder: where it starts and what it is called.",
}


def _summary(model: type[BaseModel]) -> str:
    doc = (model.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else SUMMARIES.get(model, "")


def reference_markdown() -> str:
    out = [
        "# Korean Theater pack format: reference",
        "",
        "<!-- Generated by `python -m tools.docgen` from game/content/schema.py, the "
        "expression language and game/content/problems.py. Do not edit by hand. -->",
        "",
        f"Format version {S.FORMAT_VERSION}. A pack is a folder of TOML files: `pack.toml` holds "
        "`[pack]` and `[calendar]` (and may hold anything else); every other `*.toml` file in the "
        "folder and its subfolders adds roles, variables, events, rules and endings. The tutorial "
        "is in [authoring.md](authoring.md); `korean-theater schema` writes the JSON Schema for "
        "editors.",
        "",
        "## Sections",
        "",
        "| section | what |",
        "|---|---|",
    ]
    for anchor, toml, model in SECTIONS:
        doc = _summary(model)
        doc = doc.split(": ", 1)[1] if doc.startswith("`") and ": " in doc else doc
        doc = doc[:1].upper() + doc[1:]
        out.append(f"| [`{toml}`](#{anchor}) | {_cell(doc)} |")
    out.append("")
    for anchor, toml, model in SECTIONS:
        out.append(f'<a id="{anchor}"></a>')
        out.append("")
        out.append(f"## `{toml}`")
        out.append("")
        doc = " ".join((model.__doc__ or "").split()) or _summary(model)
        if doc:
            out.append(doc)
            out.append("")
        out.extend(model_table(model))
        out.append("")
    out.append(EXPRESSIONS.format(functions=functions_table()))
    out.append("## Problem codes")
    out.append("")
    out.append(
        "Every problem has a stable code. Errors stop a pack from loading; warnings do not "
        "(`korean-theater check --strict` fails on them too). Each code has an example and its "
        "fix in [authoring.md](authoring.md#problem-codes)."
    )
    out.append("")
    out.append("| code | severity | problem | what to do |")
    out.append("|---|---|---|---|")
    for code, (title, fix) in CODES.items():
        anchor = code.lower()
        out.append(
            f"| [{code}](authoring.md#{anchor}) | {severity(code)} | {_cell(title)} | "
            f"{_cell(fix)} |"
        )
    out.append("")
    return "\n".join(out)
