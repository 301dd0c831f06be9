"""The format reference and the problem-code guide, generated from the code.

`docs/reference.md` is generated from the pydantic models (`game.content.schema`, whose field
descriptions are the documentation), the expression language's function table and the `CODES`
index; the problem-code section of `docs/authoring.md` (between its `codes:begin`/`codes:end`
markers) is generated from :data:`EXAMPLES`: one example and its fix for every code, with the
checker's own message. A test regenerates both and fails when the committed files differ:

    python -m game.content.docs          # rewrite docs/reference.md and the section of authoring.md
    python -m game.content.docs --check  # exit 1 if they are out of date

Each verified example is a snippet added to (or patched into) the small :data:`BASE` pack; the
tests load it and check that it reports its code on the marked line (`# ←`), and that the fixed
snippet reports nothing at all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import types
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from game.content import schema as S
from game.content.problems import CODES

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "reference.md"
AUTHORING = ROOT / "docs" / "authoring.md"
BEGIN, END = "<!-- codes:begin -->", "<!-- codes:end -->"

# --------------------------------------------------------------------------- examples

MARK = "# ←"

BASE: dict[str, str] = {
    "pack.toml": """[pack]
id = "example"
title = "Example"
format = 1

[calendar]
start = 2025-01-01
turns = 12

[[role]]
id = "us"
name = "United States"
office = "National Security Council"
briefing = "You advise the President."

  [[role.objective]]
  id = "calm"
  label = "Keep tension low"
  score = "100 - tension"

[[role]]
id = "rok"
name = "Republic of Korea"
office = "National Security Office"
briefing = "You advise the President."

[[variable]]
id = "tension"
label = "Tension"
start = 40

[[flag]]
id = "deal"
label = "A deal is signed"

[[source]]
id = "notes"
cite = "Research notes"
""",
    "events.toml": """[[event]]
id = "summit"
title = "A summit"
kind = "hypothetical"
text = "Leaders meet."

  [[event.choice]]
  id = "sign"
  label = "Sign the deal"
  effects = ["flags.deal = true", "tension -= 5"]

  [[event.choice]]
  id = "walk"
  label = "Walk out"
  effects = ["tension += 5"]
""",
    "world.toml": """[[ending]]
id = "war"
title = "War"
when = "tension >= 100"
at = "any"
priority = 100
text = "War."

[[ending]]
id = "deal"
title = "A deal"
when = "flags.deal"
priority = 10
text = "A deal holds."

[[ending]]
id = "standoff"
title = "A standoff"
text = "Nothing is settled."
""",
}


@dataclass(frozen=True)
class Example:
    code: str
    bad: str  # the TOML shown; written as example.toml, or patched into `file`
    fix: tuple[str, str] | None = None  # (old, new) in `bad` that fixes it
    file: str = "example.toml"
    patch: str | None = None  # `bad` replaces this text of the base file `file`
    at: str | None = None  # the file the problem is reported in, if not `file`
    where: str = ""  # for patches: what the shown lines belong to
    note: str = ""  # for examples that are not TOML (verify=False)
    verify: bool = True

    @property
    def good(self) -> str | None:
        if self.fix is None:
            return None
        old, new = self.fix
        assert old in self.bad, (self.code, old)
        return self.bad.replace(old, new, 1)

    def files(self, good: bool = False) -> dict[str, str]:
        """The pack's files with the example (or its fix) in place."""
        text = self.good if good else self.bad
        assert text is not None
        files = dict(BASE)
        if self.patch is not None:
            assert self.patch in files[self.file], self.code
            files[self.file] = files[self.file].replace(self.patch, text, 1)
        else:
            files[self.file] = text
        return files

    def line(self) -> int | None:
        """The line the problem should point at: the one marked `# ←`."""
        files = self.files()
        for n, text in enumerate(files[self.file].splitlines(), 1):
            if MARK in text:
                return n
        return None


def _event(body: str, head: str = "", event_id: str = "strike") -> str:
    return f"""[[event]]
id = "{event_id}"
title = "A general strike"
kind = "hypothetical"
{head}text = "The unions walk out."

  [[event.choice]]
  id = "talk"
  label = "Talk to the unions"
{body}"""


EXAMPLES: list[Example] = [
    Example(
        "P001",
        "$ korean-theater check packs/my-pak",
        note="The path is not a folder that holds a `pack.toml`, or a file in the pack is not a "
        "regular file (a named pipe, a device, a broken link). Give the right folder: "
        "`korean-theater check packs/my-pack`.",
        verify=False,
    ),
    Example(
        "P002",
        "a 3 MB events.toml",
        note="A file may hold 2 MB, a pack 16 MB in at most 500 TOML files. Split big files; "
        "remove stray ones.",
        verify=False,
    ),
    Example(
        "P003",
        "a file saved as Latin-1 or UTF-16",
        note="Save every file as UTF-8 (every modern editor can; it is the default of most).",
        verify=False,
    ),
    Example(
        "P004",
        _event('  effects = ["tension -= 2"]\n', 'title = "A strike\n').replace(
            'title = "A general strike"\n', ""
        ),
        ('title = "A strike\n', 'title = "A strike"\n'),
    ),
    Example(
        "P005",
        "x = [[[[[[[[[[ … ]]]]]]]]]]  (hundreds deep)",
        note="No pack needs arrays or tables nested this deep; flatten them.",
        verify=False,
    ),
    Example(
        "P006",
        _event('  effects = ["tension -= 2"]\n').replace(
            'text = "The unions walk out."', 'text = "The unions walk out.\\u001b[2J"  # ←'
        ),
        ("\\u001b[2J", ""),
    ),
    Example(
        "S101",
        _event('  effects = ["tension -= 2"]\n').replace(
            'title = "A general strike"', 'titel = "A general strike"  # ←'
        ),
        ("titel", "title"),
    ),
    Example(
        "S102",
        _event('  effects = ["tension -= 2"]\n', 'priority = "high"  # ←\n'),
        ('"high"', "2"),
    ),
    Example(
        "S103",
        _event('  effects = ["tension -= 2"]\n')
        .replace('kind = "hypothetical"\n', "")
        .replace("[[event]]\n", "[[event]]  # ←\n", 1),
        ('title = "A general strike"\n', 'title = "A general strike"\nkind = "hypothetical"\n'),
    ),
    Example(
        "S104",
        _event('  effects = ["tension -= 2"]\n').replace(
            'kind = "hypothetical"', 'kind = "rumour"  # ←'
        ),
        ('"rumour"', '"hypothetical"'),
    ),
    Example(
        "S105",
        "[calendar]  # ←\nstart = 2025-01-01\nturns = 24\n",
        ("[calendar]  # ←\nstart = 2025-01-01\nturns = 24\n", "# [calendar] is in pack.toml\n"),
    ),
    Example(
        "S106",
        "format = 2  # ←\n",
        ("format = 2", "format = 1"),
        file="pack.toml",
        patch="format = 1\n",
        where="in `[pack]`",
    ),
    Example(
        "R201",
        _event('  effects = ["tension -= 2"]\n', event_id="summit").replace(
            'id = "summit"', 'id = "summit"  # ←'
        ),
        ('"summit"', '"strike"'),
    ),
    Example(
        "R202",
        _event('  effects = ["tension -= 2"]\n', 'roles = ["usa"]  # ←\n'),
        ('"usa"', '"us"'),
    ),
    Example(
        "R203",
        _event('  later = [{ in = 2, event = "sumit" }]  # ←\n'),
        ('"sumit"', '"summit"'),
    ),
    Example(
        "R204",
        _event('  effects = ["tension -= 2"]\n', 'source = "note"  # ←\n'),
        ('"note"', '"notes"'),
    ),
    Example(
        "R205",
        '[escalation]\nvariable = "alert"  # ←\nending = "war"\nrungs = [\n'
        '  { at = 0, label = "Calm" },\n  { at = 50, label = "Crisis" },\n'
        '  { at = 100, label = "War" },\n]\n',
        ('"alert"', '"tension"'),
    ),
    Example(
        "R206",
        '[escalation]\nvariable = "tension"\nending = "wars"  # ←\nrungs = [\n'
        '  { at = 0, label = "Calm" },\n  { at = 50, label = "Crisis" },\n'
        '  { at = 100, label = "War" },\n]\n',
        ('"wars"', '"war"'),
    ),
    Example(
        "X001",
        _event('  effects = ["tension -= 2"]\n', 'when = "tension >> 50"  # ←\n'),
        (">>", ">"),
    ),
    Example(
        "X002",
        _event('  effects = ["tension -= 2"]\n', 'when = "tenson > 50"  # ←\n'),
        ("tenson", "tension"),
    ),
    Example(
        "X003",
        _event('  effects = ["tension -= 2"]\n', 'when = "tension"  # ←\n'),
        ('"tension"', '"tension > 50"'),
    ),
    Example(
        "X004",
        _event('  effects = ["tension = maximum(tension, 50)"]  # ←\n'),
        ("maximum", "max"),
    ),
    Example(
        "X005",
        _event('  effects = ["turn += 1"]  # ←\n'),
        ('"turn += 1"', '"tension += 1"'),
    ),
    Example(
        "X006",
        'when = "a + a + a + … (1,001 characters)"',
        note="Expressions are limited to 1,000 characters, 256 tokens and nesting depth 32. "
        "Split a long condition into a situation or a flag set by an effect.",
        verify=False,
    ),
    Example(
        "V301",
        '[[variable]]\nid = "trade"\nlabel = "Russia–DPRK trade"\nstart = 120  # ←\n\n'
        + _event('  effects = ["tension -= trade / 10"]\n'),
        ("120", "20"),
    ),
    Example(
        "V302",
        _event('  outcomes = [{ chance = 1.5, effects = ["tension += 5"] }]  # ←\n'),
        ("1.5", "0.5"),
    ),
    Example(
        "V303",
        _event('  roles = ["rok"]  # ←\n  effects = ["tension -= 2"]\n', 'roles = ["us"]\n'),
        ('["rok"]', '["us"]'),
    ),
    Example(
        "V304",
        '[[event]]  # ←\nid = "strike"\ntitle = "A general strike"\nkind = "hypothetical"\n'
        'text = "The unions walk out."\n',
        (
            'text = "The unions walk out."\n',
            'text = "The unions walk out."\n\n  [[event.choice]]\n  id = "talk"\n'
            '  label = "Talk to the unions"\n',
        ),
    ),
    Example(
        "V305",
        _event('  effects = ["tension -= 2"]\n', "turn_min = 5  # ←\nturn_max = 3\n"),
        ("turn_max = 3", "turn_max = 8"),
    ),
    Example(
        "V306",
        '[escalation]\nvariable = "tension"\nending = "war"\nrungs = [  # ←\n'
        '  { at = 0, label = "Calm" },\n  { at = 60, label = "Crisis" },\n'
        '  { at = 50, label = "Alert" },\n  { at = 100, label = "War" },\n]\n',
        (
            '  { at = 60, label = "Crisis" },\n  { at = 50, label = "Alert" },\n',
            '  { at = 50, label = "Alert" },\n  { at = 60, label = "Crisis" },\n',
        ),
    ),
    Example(
        "V307",
        'title = "A standoff"\nwhen = "tension < 50"\n',
        ('when = "tension < 50"\n', ""),
        file="world.toml",
        patch='title = "A standoff"\n',
        at="pack.toml",
        where="the fallback ending `standoff` given a condition",
    ),
    Example(
        "V308",
        _event('  effects = ["tension -= 2"]\n', "weight = -1  # ←\n"),
        ("-1", "1"),
    ),
    Example(
        "V309",
        _event('  effects = [{ do = "tension = 50", mode = "smooth", turns = 3 }]  # ←\n'),
        ('"tension = 50"', '"tension += 10"'),
    ),
    Example(
        "V310",
        '[[ending]]\nid = "calm"\ntitle = "Calm returns"\nat = "any"  # ←\npriority = 50\n'
        'text = "Calm returns."\n',
        ('at = "any"  # ←\n', 'at = "any"  # ←\nwhen = "tension <= 0"\n'),
    ),
    Example(
        "V311",
        _event('  effects = ["tension -= 2"]\n', "weight = 5000000  # ←\n"),
        ("5000000", "5"),
    ),
    Example(
        "V312",
        '[[rule]]\nid = "slow-burn"\nlabel = "Tension builds slowly"\neffects = [  # ←\n'
        + '  { do = "tension += 1", mode = "smooth", turns = 60 },\n' * 3
        + "]\n",
        ('  { do = "tension += 1", mode = "smooth", turns = 60 },\n' * 2, ""),
    ),
    Example(
        "V313",
        _event(
            '  later = [{ in = 1, event = "strike" }, { in = 2, event = "strike" }]  # ←\n',
            "once = false\n",
        ),
        ('{ in = 1, event = "strike" }, ', ""),
    ),
    Example(
        "V320",
        '[budget]\nvariable = "capital"\n\n[[variable]]\nid = "capital"\nlabel = "Capital"\n'
        "start = 5\n\n" + _event('  cost = -2  # ←\n  effects = ["tension -= 2"]\n'),
        ("cost = -2", "cost = 2"),
    ),
    Example(
        "V321",
        _event('  cost = 2  # ←\n  effects = ["tension -= 2"]\n'),
        ("  cost = 2  # ←\n", ""),
    ),
    Example(
        "V322",
        _event(
            '  default = true\n  effects = ["tension -= 2"]\n\n'
            '  [[event.choice]]\n  id = "wait"\n  label = "Wait"\n  default = true  # ←\n'
        ),
        ("  default = true  # ←\n", ""),
    ),
    Example(
        "V323",
        "[agenda]  # ←\nsize = 2\n",
        ("[agenda]  # ←\nsize = 2\n", ""),
    ),
    Example(
        "V324",
        '[escalation]\nvariable = "tension"\nending = "war"\nrungs = [\n'
        '  { at = 0, label = "Calm" },\n  { at = 100, label = "War" },\n]\n\n'
        '[[ending]]\nid = "war"  # ←\ntitle = "War"\nresult = { us = "win" }\n'
        'when = "tension >= 100"\nat = "any"\npriority = 100\ntext = "War."\n',
        ('result = { us = "win" }\n', ""),
        file="world.toml",
        patch='[[ending]]\nid = "war"\ntitle = "War"\nwhen = "tension >= 100"\nat = "any"\n'
        'priority = 100\ntext = "War."\n',
        where="the escalation ending, given a result that rewards the war",
    ),
    Example(
        "V330",
        '[[event]]\nid = "veto"\ntitle = "The panel\'s mandate"\nkind = "historical"\n'
        'text = "The renewal comes to a vote."\n\n  [event.reality]  # ←\n'
        '  text = "Russia vetoed the renewal on 28 March 2024."\n\n'
        '  [[event.choice]]\n  id = "watch"\n  label = "Watch the vote"\n',
        (
            '  text = "Russia vetoed the renewal on 28 March 2024."\n',
            '  text = "Russia vetoed the renewal on 28 March 2024."\n  date = "28 Mar 2024"\n'
            '  sources = ["https://localnews8.com/news/ap-national/2024/03/28/russia-vetoes-un-'
            'resolution-abolishing-monitoring-of-un-sanctions-against-north-korea-by-un-experts/"]\n',
        ),
    ),
    Example(
        "V331",
        '[[event]]\nid = "tours"\ntitle = "Tours for Russians"\nkind = "prediction"\n'
        'text = "More tours, closed borders."\n\n  [event.reality]  # ←\n'
        '  text = "Russian groups from February 2024; the borders stayed closed."\n'
        '  date = "2024–2025"\n\n'
        '  [[event.choice]]\n  id = "watch"\n  label = "Watch the bookings"\n',
        ('  date = "2024–2025"\n', '  date = "2024–2025"\n  verdict = "borne-out"\n'),
    ),
    Example(
        "W401",
        _event(
            '  when = "tension > 150"  # ←\n  effects = ["tension -= 2"]\n\n'
            '  [[event.choice]]\n  id = "wait"\n  label = "Wait"\n'
        ),
        ("150", "50"),
    ),
    Example(
        "W402",
        '[[flag]]\nid = "ceasefire"  # ←\nlabel = "Ceasefire agreed"\n\n'
        + _event('  effects = ["tension -= 2"]\n', 'when = "not flags.ceasefire"\n'),
        ('"tension -= 2"', '"flags.ceasefire = true"'),
    ),
    Example(
        "W403",
        '[[flag]]\nid = "strike_over"  # ←\nlabel = "The strike is over"\n\n'
        + _event('  effects = ["flags.strike_over = true"]\n'),
        ('text = "The unions', 'when = "not flags.strike_over"\ntext = "The unions'),
    ),
    Example(
        "W404",
        '[[variable]]\nid = "trade"  # ←\nlabel = "Russia–DPRK trade"\nstart = 20\n\n'
        + _event('  effects = ["tension -= 2"]\n'),
        ('"tension -= 2"', '"tension -= trade / 10"'),
    ),
    Example(
        "W405",
        _event('  effects = ["tension -= 2"]\n', 'when = "turn > 20"  # ←\n'),
        ("turn > 20", "turn > 10"),
    ),
    Example(
        "W406",
        '[[ending]]\nid = "brink"\ntitle = "On the brink"\nwhen = "tension > 100"  # ←\n'
        'priority = 50\ntext = "The peninsula ends the year on the brink."\n',
        ("tension > 100", "tension >= 90"),
    ),
    Example(
        "W407",
        _event(
            '  outcomes = [\n    { chance = "tension / 50", effects = ["tension += 5"] },  # ←\n'
            "  ]\n"
        ),
        ("tension / 50", "tension / 100"),
    ),
    Example(
        "W408",
        _event('  later = [{ in = 20, effects = ["tension -= 5"] }]  # ←\n'),
        ("in = 20", "in = 2"),
    ),
    Example(
        "W409",
        _event('  effects = ["tension -= 100 / tension"]  # ←\n'),
        ("100 / tension", "100 / max(tension, 1)"),
    ),
    Example(
        "W420",
        '[[variable]]\nid = "prestige"  # ←\nlabel = "Prestige"\nstart = 50\n\n'
        + _event('  effects = ["tension -= 2", "prestige += 5"]\n'),
        ('"tension -= 2"', '"tension -= prestige / 25"'),
    ),
]


# --------------------------------------------------------------------------- running examples


def run_example(example: Example, good: bool = False) -> list:
    """The problems the checker reports for an example (or its fix), with paths relative to the
    pack folder."""
    from game.content.compiler import load_pack

    with tempfile.TemporaryDirectory(prefix="kt-example-") as tmp:
        root = Path(tmp)
        for name, text in example.files(good).items():
            (root / name).write_text(text, encoding="utf-8")
        problems = load_pack(root).problems
        prefix = str(root) + "/"
        return [
            type(p)(
                p.file.replace(prefix, ""),
                p.line,
                p.col,
                p.code,
                p.message.replace(prefix, ""),
                p.hint,
                p.severity,
            )
            for p in problems
        ]


def severity(code: str) -> str:
    return (
        "warning"
        if code.startswith("W") or code in ("P006", "V307", "V323", "V324", "V330", "V331")
        else "error"
    )


# --------------------------------------------------------------------------- the model reference

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


SUMMARIES = {
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
        "<!-- Generated by `python -m game.content.docs` from game/content/schema.py, the "
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


def codes_markdown() -> str:
    """The problem-code section of docs/authoring.md."""
    by_code = {e.code: e for e in EXAMPLES}
    out = [
        BEGIN,
        "<!-- Generated by `python -m game.content.docs` from game/content/docs.py; the tests "
        "check every example reports its code and every fix reports nothing. -->",
        "",
    ]
    families = [
        ("P", "Files"),
        ("S", "Structure"),
        ("R", "References"),
        ("X", "Expressions"),
        ("V", "Values"),
        ("W", "Analysis warnings"),
    ]
    known = {prefix for prefix, _ in families}
    for prefix in dict.fromkeys(code[0] for code in CODES):
        if prefix not in known:
            families.append((prefix, "Other"))
    for prefix, name in families:
        out.append(f"### {name} ({prefix}…)")
        out.append("")
        for code, (title, fix) in CODES.items():
            if not code.startswith(prefix):
                continue
            out.append(f'<a id="{code.lower()}"></a>')
            out.append("")
            out.append(f"#### {code} — {title} ({severity(code)})")
            out.append("")
            ex = by_code.get(code)
            if ex is None:
                out.append(f"**What to do:** {fix}")
                out.append("")
                continue
            if not ex.verify:
                out.append(f"Example: `{ex.bad}`. {ex.note}")
                out.append("")
                continue
            where = f"`{ex.file}`" + (f", {ex.where}" if ex.where else "")
            out.append(f"In {where}:")
            out.append("")
            out.append("```toml")
            out.append(ex.bad.rstrip("\n"))
            out.append("```")
            out.append("")
            shown = [p for p in run_example(ex) if p.code == code]
            if shown:
                out.append("The checker says:")
                out.append("")
                out.append("```text")
                out.extend(p.format() for p in shown)
                out.append("```")
                out.append("")
            good = ex.good
            out.append(f"**What to do:** {fix}")
            out.append("")
            if good is not None and good.strip():
                out.append("Fixed:")
                out.append("")
                out.append("```toml")
                out.append(_unmark(good).rstrip("\n"))
                out.append("```")
                out.append("")
    out.append(END)
    return "\n".join(out)


def _unmark(text: str) -> str:
    return "\n".join(line.split(f"  {MARK}")[0] for line in text.split("\n"))


def authoring_with_codes(text: str) -> str:
    """`text` (docs/authoring.md) with its generated section replaced."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{AUTHORING.name} has no {BEGIN} … {END} section")
    return text[:start] + codes_markdown() + text[end + len(END) :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate docs/reference.md and the codes section of docs/authoring.md."
    )
    parser.add_argument("--check", action="store_true", help="only check they are up to date")
    args = parser.parse_args(argv)
    wanted = {REFERENCE: reference_markdown()}
    if AUTHORING.exists():
        wanted[AUTHORING] = authoring_with_codes(AUTHORING.read_text(encoding="utf-8"))
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p} is out of date: run python -m game.content.docs", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(wanted[p], encoding="utf-8")
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
