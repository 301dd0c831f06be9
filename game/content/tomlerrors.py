"""TOML syntax errors (P004) in words that lead to the fix.

The TOML reader says what it met ("Invalid value", "Illegal character '\\n'") at the place it
stopped; an author needs what they wrote wrong, where they wrote it, and how to write it. Each
rule below recognises one kind of mistake from the reader's message and the line's text, and
otherwise the reader's own message stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE = re.compile(r"(?<![\w.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w:.-])")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")
_BOOL_WORDS = {"yes": "true", "no": "false", "on": "true", "off": "false"}


# How to write in TOML 1.0 what game.content.locate found written in TOML 1.1.
TOML_1_0 = {
    "an inline table `{ … }` over several lines": "Put the inline table on one line, or give it "
    "a header of its own and one key a line (e.g. [[event.choice.outcomes]]).",
    "a comma before the `}` of an inline table": "Remove the comma after the table's last value.",
    "the escape `\\e`": "Write the character as \\u001b (and think twice: pack text is plain).",
    "the escape `\\x`": "Write the character as \\u00HH, with the same two hex digits.",
    "a time without seconds": "Add the seconds: 07:32:00.",
}


@dataclass(frozen=True)
class Explained:
    line: int
    col: int
    message: str
    hint: str


def explain(text: str, message: str, line: int, col: int) -> Explained:
    """The syntax error the reader reported as `message` at `line`:`col`, explained."""
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    for rule in (_curly, _unclosed, _date, _bare_word, _twice):
        found = rule(lines, here, message, line, col)
        if found is not None:
            return found
    return Explained(line, col, message, "")


CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"  # “ ” ‘ ’ „ « »


def _curly(lines: list[str], here: str, message: str, line: int, col: int) -> Explained | None:
    """Quotes as a word processor or autocorrect types them, where TOML expects straight ones
    (inside a straight-quoted string they are text, and not the slip)."""
    at = _outside_strings(here, CURLY)
    if at is None:
        return None
    return Explained(
        line,
        at + 1,
        f"`{here[at]}` is a curly quote, which TOML does not read as a quote",
        "TOML needs straight quotes (\" or '), not curly ones (“ ” ‘ ’) that a word processor "
        "types: retype them in a plain-text editor.",
    )


def _unclosed(lines: list[str], here: str, message: str, line: int, col: int) -> Explained | None:
    if message not in ("Illegal character '\\n'", "Unterminated string"):
        return None
    quote = _opening_quote(here)
    if quote is None:
        return None
    return Explained(
        line,
        quote + 1,
        "this string is not closed on its line",
        'Add the closing quote (") at the end of the text; text over several lines goes '
        'between triple quotes, """ … """.',
    )


def _opening_quote(line: str) -> int | None:
    """Where the string left open at the end of `line` starts."""
    return _scan(line)[1]


def _outside_strings(line: str, chars: str) -> int | None:
    """Where one of `chars` first stands in `line` outside its straight-quoted strings and
    comment."""
    return _scan(line, chars)[0]


def _scan(line: str, chars: str = "") -> tuple[int | None, int | None]:
    """(where one of `chars` first stands outside a string, where a string left open at the
    end starts), reading `line` up to its comment."""
    i, start = 0, None
    while i < len(line):
        ch = line[i]
        if start is None:
            if ch == "#":
                break
            if ch in chars:
                return i, None
            if ch in "\"'":
                start = i
        elif ch == "\\" and line[start] == '"':
            i += 1
        elif ch == line[start]:
            start = None
        i += 1
    return None, start


def _date(lines: list[str], here: str, message: str, line: int, col: int) -> Explained | None:
    for m in _DATE.finditer(here):
        year, month, day = m.groups()
        if len(month) == 2 and len(day) == 2:
            continue
        fixed = f"{year}-{int(month):02d}-{int(day):02d}"
        return Explained(
            line,
            m.start() + 1,
            f"`{m.group(0)}` is not a TOML date",
            f"Dates are written YYYY-MM-DD, with two digits for the month and the day: {fixed}.",
        )
    return None


def _bare_word(lines: list[str], here: str, message: str, line: int, col: int) -> Explained | None:
    if message != "Invalid value":
        return None
    m = re.match(r"[^\s,\]}#]+", here[col - 1 :])
    if m is None:
        return None
    word = m.group(0)
    lowered = word.lower()
    if lowered in ("true", "false"):
        hint = f"true and false are written in lower case, without quotes: {lowered}."
    elif lowered in _BOOL_WORDS:
        hint = f"Write {_BOOL_WORDS[lowered]} (or the other of true and false), without quotes."
    else:
        hint = (
            f'Quote text ("{word}"); a number is written in digits (40), and true, false and '
            "dates (2024-01-31) without quotes."
        )
    return Explained(line, col, f"`{word}` is not a TOML value", hint)


def _twice(lines: list[str], here: str, message: str, line: int, col: int) -> Explained | None:
    if message != "Cannot overwrite a value":
        return None
    header = _HEADER.match(here.replace("[[", "[").replace("]]", "]"))
    if header is not None:
        name = header.group(1).replace(" ", "")
        if here.lstrip().startswith("[["):
            single = _single_header(lines, name, line)
            if single is not None:
                return Explained(
                    single,
                    lines[single - 1].index("[") + 1,
                    f"`[{name}]` makes one table, but a `[[{name}]]` after it starts a list",
                    f"Write [[{name}]], with double brackets, for every one of the list.",
                )
        return Explained(
            line,
            col,
            f"the table [{name}] is declared twice",
            f"Declare each table once; for a list of them, write [[{name}]] before each.",
        )
    key = _KEY.match(here)
    name = key.group(1).strip() if key else "this key"
    return Explained(
        line,
        col,
        f"`{name}` is given twice in the same table",
        "Give each key once per table; if this line starts another item, put its header "
        "(such as [[event]] or [[event.choice]]) above it.",
    )


def _single_header(lines: list[str], name: str, before: int) -> int | None:
    """The line of the last `[name]` header (single brackets) above line `before`."""
    for n in range(before - 1, 0, -1):
        text = lines[n - 1]
        if text.lstrip().startswith("[["):
            continue
        m = _HEADER.match(text)
        if m is not None and m.group(1).replace(" ", "") == name:
            return n
    return None
