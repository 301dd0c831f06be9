"""One example and its fix for every problem code, verified by the real checker.

Each verified example is a snippet added to (or patched into) the small :data:`BASE` pack; the
tests load it and check that it reports its code on the marked line (`# ←`), and that the fixed
snippet reports nothing at all.
"""

from __future__ import annotations

from tools.docgen.base import Example


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
        "V325",
        _event('  effects = ["tension -= 2"]\n', "on = 3\n")
        + "\n"
        + _event('  effects = ["tension += 2"]\n', "on = 3  # ←\n", event_id="lockout"),
        ("on = 3\n", "on = 4\n"),
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
