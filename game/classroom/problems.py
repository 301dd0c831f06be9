"""Problem codes of classroom files and of reports (the C5xx family).

They are `game.content.problems.Problem`s, so they print like a pack's (`FILE:LINE:COL: CODE
message` and a hint). The codes are kept here, with their standard fixes, until the pack checker's
index (`game.content.problems.CODES`) and its documentation take a classroom family; the hint of
every problem is given explicitly, so nothing depends on that index.
"""

from __future__ import annotations

from functools import partial

from game.content.problems import problem

CODES: dict[str, tuple[str, str]] = {
    # classroom files
    "C501": ("classroom file unreadable", "Give the path of a UTF-8 TOML classroom file."),
    "C502": ("TOML syntax error", "Fix the TOML at the position shown."),
    "C503": (
        "unknown key",
        "Remove the key or correct its spelling (see examples/classroom.toml).",
    ),
    "C504": ("wrong type", "Give a value of the type the setting expects."),
    "C505": ("missing setting", "Add the required key."),
    "C506": ("invalid value", "Give a value in the allowed range or form."),
    "C507": (
        "unknown pack",
        "Name a shipped pack by id, or give a pack folder relative to the file.",
    ),
    "C508": ("unknown role", "Use the id of one of the pack's roles."),
    "C509": ("unknown or mistyped assumption", "Use an assumption of the pack, with its type."),
    "C510": ("variable cannot be predicted", "Name a visible variable of the pack."),
    "C511": ("turn limit beyond the calendar", "Give at most as many turns as the pack has."),
    # reports read by `korean-theater class`
    "C520": ("report unreadable", "Give the path of a report written by `korean-theater report`."),
    "C521": ("not a report", "Give a report (`report --format json`) or a save file."),
    "C522": ("report damaged", "Write the report again with `korean-theater report`."),
    "C523": ("report of another version", "Write the report again with this version of the game."),
    "C524": (
        "save not replayed",
        "Give your copy of the save's pack with --pack DIR (or your --classroom FILE).",
    ),
}


# A classroom or report problem; the hint defaults to the code's standard fix.
cproblem = partial(problem, codes=CODES)
