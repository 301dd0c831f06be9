"""Problems found in a pack, and the index of their stable codes.

Codes never change meaning once shipped; `docs/authoring.md` lists every one with an example and
its fix (a test keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Literal

from game.engine.limits import MAX_WEIGHT
from game.inert import inert_line

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"
    consequences: int = 0  # problems that follow from this one, folded into it
    cause: str = ""  # FILE:LINE:COL of the problem this one follows from, if it was folded

    def __post_init__(self) -> None:
        # file names and messages quote what they found (a key, a value, a path): one line each,
        # and inert, on a terminal, in JSON and on the TUI alike
        for name in ("file", "message", "hint"):
            object.__setattr__(self, name, inert_line(getattr(self, name)))

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.code} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        if self.consequences:
            text += f"\n    … and {_problems(self.consequences)} that follow from it"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _problems(n: int) -> str:
    return f"{n} problem" if n == 1 else f"{n} problems"


# code -> (title, what to do). The title is the problem's kind; messages add the specifics.
CODES: dict[str, tuple[str, str]] = {
    "P001": ("pack not found", "Give the path of a pack folder that holds a pack.toml."),
    "P002": ("file too large or too many files", "Split the pack or remove stray files."),
    "P003": ("not UTF-8 text", "Save the file as UTF-8."),
    "P004": ("TOML syntax error", "Fix the TOML at the position shown."),
    "P005": ("nested too deeply", "Flatten the arrays or tables."),
    "P006": (
        "control character in text",
        "Delete it: pack text is plain text, styled with Markdown, never with terminal codes.",
    ),
    "S101": ("unknown key", "Remove the key or correct its spelling."),
    "S102": ("wrong type", "Give a value of the type the field expects."),
    "S103": ("missing field", "Add the required key."),
    "S104": ("invalid value", "Give a value in the allowed range or form."),
    "S105": ("misplaced or missing section", "Put [pack] and [calendar] in pack.toml, once."),
    "S106": ("unsupported format version", "Set `format` in [pack] to a version this game reads."),
    "R201": ("duplicate id", "Give every item of a kind its own id."),
    "R202": ("unknown role", "Use the id of a [[role]] (or of an [[actor]] where allowed)."),
    "R203": ("unknown event", "Use the id of an [[event]]."),
    "R204": ("unknown source", "Use the id of a [[source]]."),
    "R205": ("unknown variable", "Use the id of a [[variable]]."),
    "R206": ("unknown ending", "Use the id of an [[ending]]."),
    "X001": ("expression syntax error", "Fix the expression at the column shown."),
    "X002": ("unknown name in expression", "Declare the name, or use one that is declared."),
    "X003": ("type error in expression", "Compare numbers to get a true/false value."),
    "X004": ("unknown function or wrong arguments", "Use min, max, clamp, abs, round, …"),
    "X005": ("bad effect", "Write `name = value`, `name += n`, `name -= n` or `name *= n`."),
    "X006": ("expression too long or nested too deeply", "Split it into simpler expressions."),
    "V301": ("variable range", "Keep min < max and start and thresholds within them."),
    "V302": ("chance outside 0–1", "Give probabilities between 0 and 1 that sum to at most 1."),
    "V303": ("nobody can see the event", "List a playable role in `roles`, or leave it empty."),
    "V304": ("no choice for a role", "Give each role that sees an event at least one choice."),
    "V305": ("impossible window", "Keep turn_min ≤ turn_max and dates inside the calendar."),
    "V306": ("escalation ladder", "List rungs in rising order within the variable's range."),
    "V307": ("no fallback ending", 'Add an ending with at = "end" and no condition.'),
    "V308": ("negative weight", "Weights must be zero or more."),
    "V309": ("effect mode", "Use `smooth` and `decay` only with += or -=."),
    "V310": ("ending at once", 'Give an `at = "any"` ending a `when` condition.'),
    "V311": ("weight too large", f"Keep weights at most {MAX_WEIGHT:g}: only their ratios count."),
    "V312": (
        "too much pending work",
        "Use fewer or shorter `smooth`, `lag` and `decay` effects in rules, situations and moves "
        "(they apply every turn), or shorter `later` delays.",
    ),
    "V313": (
        "events pile up",
        "Let each option of a repeating chain bring back at most one event that leads back into "
        "a chain, or give the events `once = true` (a `cooldown` only delays them).",
    ),
    "V320": ("negative cost", "Give a cost of zero or more; a refill belongs in [budget]."),
    "V321": ("cost without a budget", "Declare a [budget] in pack.toml, or remove the cost."),
    "V322": ("several defaults", "Mark at most one choice per role and event `default = true`."),
    "V323": ("agenda that never forms", "Mark default choices, or remove the [agenda]."),
    "V324": ("catastrophe that is not a defeat", 'Give the escalation ending `result = "loss"`.'),
    "V325": (
        "two events on one date",
        "Schedule one event a turn for each role: move one `on` to another date or turn, or "
        "give the events different roles.",
    ),
    "V330": (
        "a historical event without its history",
        "Say in [event.reality] what really happened, with its `date` and `sources`; or label "
        "the event `hypothetical`.",
    ),
    "V331": (
        "a prediction without a verdict",
        "Give [event.reality] a `verdict` (borne-out, partly, not-borne-out or not-yet) and the "
        "facts behind it in `text`.",
    ),
    # Warnings of the static analysis (game.content.analysis): proofs, never guesses.
    "W401": (
        "condition never holds",
        "Loosen the condition, or add effects that move its variables into range.",
    ),
    "W402": ("flag read but never set", "Set the flag in some effect, or stop reading it."),
    "W403": ("flag set but never read", "Read the flag in a condition, or remove it."),
    "W404": ("declared but never used", "Use it in an expression or effect, or remove it."),
    "W405": ("event never drawn", "Make its `when` reachable, or bring it with a `later`."),
    "W406": ("ending never reached", "Make its `when` reachable or give it a higher priority."),
    "W407": ("chance can leave 0–1", "Wrap the chance in clamp(…, 0, 1), or rescale it."),
    "W408": ("consequence after the last turn", "Shorten `in` or `turns`, or draw it earlier."),
    "W409": (
        "division by zero",
        "Guard the division (`if d != 0 then x / d else …`) or keep the divisor away from 0, "
        "e.g. max(d, 1): a division by zero gives 0.",
    ),
    "W420": (
        "a meter that cannot matter",
        "Let an objective, an ending or a condition on that role's desk read it (or what it "
        "moves), or hide it from that role.",
    ),
}


def problem(
    file: str,
    line: int,
    col: int,
    code: str,
    message: str,
    hint: str | None = None,
    severity: Severity = "error",
    codes: Mapping[str, tuple[str, str]] = CODES,
) -> Problem:
    """A problem; the hint defaults to the code's standard fix in `codes`."""
    return Problem(file, line, col, code, message, hint or codes.get(code, ("", ""))[1], severity)
