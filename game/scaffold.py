"""Scaffolding: a new pack that checks clean and plays, and new events in an existing pack.

Every file written names the JSON Schema on its first line (``#:schema …``), and the schema is
written beside the pack, so TOML editors (Taplo, Even Better TOML) complete keys and flag typos
without a network.
"""

from __future__ import annotations

import re
from pathlib import Path

from game import userfile
from game.content.jsonschema import SCHEMA_ID, schema_text
from game.content.loader import MAX_FILE_BYTES

SCHEMA_LINE = f"#:schema ./{SCHEMA_ID}\n"


class ScaffoldError(Exception):
    """The scaffold cannot be written (the message says why)."""


def slug(text: str) -> str:
    """A pack or event id from free text: 'My First Pack!' -> 'my-first-pack'."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return (s or "pack")[:60]


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


PACK_TOML = """{schema}# {title}: a pack for Korean Theater.
# Check it with `korean-theater check {folder}`, play it with
# `korean-theater play --pack {folder}`, and see how it plays over a thousand games with
# `korean-theater simulate {folder}`. The format is documented in docs/authoring.md.
#
# Files: pack.toml (this: the pack, the calendar, roles and state), events.toml (what lands on
# the advisor's desk), world.toml (rules that move the world each turn, and the endings).

[pack]
id = {id}
title = {title_toml}
version = "0.1.0"
format = 1
authors = ["You"]
description = "A crisis in twelve months."

[calendar]
start = 2025-01-01
step = "month"
turns = 12

[[role]]
id = "advisor"
name = "The Government"
office = "National Security Office"
briefing = "You advise the **head of government**. Keep the crisis from boiling over."

  [[role.objective]]
  id = "calm"
  label = "Keep tension low"
  score = "100 - tension"
  weight = 2

  [[role.objective]]
  id = "support"
  label = "Keep public support"
  score = "support"

[[variable]]
id = "tension"
label = "Tension"
unit = "index"
start = 40
low = "calm"
high = "on the brink"
thresholds = [{{ at = 70, label = "crisis" }}]

[[variable]]
id = "support"
label = "Public support"
unit = "%"
start = 55

[[flag]]
id = "talks_open"
label = "Talks are under way"

[[source]]
id = "notes"
cite = "Your research notes"
"""

EVENTS_TOML = """{schema}# Events: each is a briefing with choices. `when` says when it can be
# drawn, `priority` and `weight` which one is drawn when several can be.

[[event]]
id = "opening"
title = "A border incident"
kind = "hypothetical"
turn_max = 1
source = "notes"
text = \"\"\"
Shots were fired across the line last night. Nobody was hurt, but both capitals are watching
what you recommend.
\"\"\"

  [[event.choice]]
  id = "talk"
  label = "Propose talks"
  tags = ["cautious"]
  effects = ["tension -= 5", "flags.talks_open = true"]
  later = [{{ in = 2, event = "talks", text = "The talks open." }}]

  [[event.choice]]
  id = "warn"
  label = "Issue a warning"
  tags = ["hawkish"]
  effects = ["tension += 8", "support += 4"]

[[event]]
id = "talks"
title = "The talks"
kind = "hypothetical"
when = "flags.talks_open"
text = "The delegations meet. The other side asks for a gesture first."

  [[event.choice]]
  id = "gesture"
  label = "Make a gesture"
  tags = ["cautious"]
  effects = ["tension -= 10", "support -= 5"]

  [[event.choice]]
  id = "walk-out"
  label = "Walk out"
  tags = ["hawkish"]
  effects = ["tension += 6", "flags.talks_open = false"]

[[event]]
id = "drills"
title = "Military drills"
kind = "hypothetical"
when = "turn >= 3"
once = false
cooldown = 2
weight = "1 + tension / 50"
text = "The other side announces large drills near the line."

  [[event.choice]]
  id = "match"
  label = "Match them with drills of your own"
  tags = ["hawkish"]
  effects = ["tension += 6", "support += 2"]
  outcomes = [
    {{ chance = "tension / 200", effects = ["tension += 10"], text = "A jet strays." }},
  ]

  [[event.choice]]
  id = "restraint"
  label = "Call for restraint"
  tags = ["cautious"]
  effects = ["tension -= 3", "support -= 2"]
"""

WORLD_TOML = """{schema}# The world's own motion (rules run every turn), and the endings
# (the highest priority is checked first).

[[rule]]
id = "cooling"
label = "Tension eases by itself"
when = "tension > 20"
effects = ["tension -= 1"]

[[ending]]
id = "war"
title = "War"
when = "tension >= 95"
at = "any"
priority = 100
text = "The crisis boiled over."

[[ending]]
id = "settlement"
title = "A settlement"
when = "flags.talks_open and tension < 40"
priority = 10
text = "The talks produced a settlement."

[[ending]]
id = "standoff"
title = "A standoff"
text = "Nothing is settled, but nothing broke."
"""


def new_pack(folder: str | Path, title: str | None = None, pack_id: str | None = None) -> Path:
    """Write a new pack into `folder` (created if needed; it must not hold a pack yet)."""
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"{root} is a file")
    if (root / "pack.toml").exists():
        raise ScaffoldError(f"{root} already holds a pack (pack.toml)")
    clashes = [n for n in ("events.toml", "world.toml") if (root / n).exists()]
    if clashes:
        raise ScaffoldError(f"{root} already has {', '.join(clashes)}")
    title = title or root.resolve().name.replace("-", " ").replace("_", " ").title() or "New pack"
    pid = slug(pack_id or root.resolve().name or title)
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$", pid):
        raise ScaffoldError(f"{pid!r} cannot be a pack id")
    fields = {
        "schema": SCHEMA_LINE,
        "title": " ".join(title.split()),
        "title_toml": _toml_string(" ".join(title.split())[:200]),
        "id": _toml_string(pid),
        "folder": str(root),
    }
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / "pack.toml").write_text(PACK_TOML.format(**fields), encoding="utf-8")
        (root / "events.toml").write_text(EVENTS_TOML.format(**fields), encoding="utf-8")
        (root / "world.toml").write_text(WORLD_TOML.format(**fields), encoding="utf-8")
        (root / SCHEMA_ID).write_text(schema_text(), encoding="utf-8")
    except OSError as e:
        raise ScaffoldError(f"cannot write in {root}: {e.strerror}") from e
    return root


def event_toml(
    event_id: str, title: str, roles: list[str], variable: str | None, kind: str = "hypothetical"
) -> str:
    """A new event with two choices that every role sees."""
    up = f'["{variable} += 5"]' if variable else "[]"
    down = f'["{variable} -= 5"]' if variable else "[]"
    return f"""
[[event]]
id = {_toml_string(event_id)}
title = {_toml_string(title)}
kind = "{kind}"
# roles = [{", ".join(_toml_string(r) for r in roles)}]   # who sees it; empty means every role
# when = "turn >= 2"                                     # when it can be drawn
text = \"\"\"
What lands on the advisor's desk: a briefing in Markdown.
\"\"\"

  [[event.choice]]
  id = "act"
  label = "Act"
  tags = ["hawkish"]
  effects = {up}

  [[event.choice]]
  id = "wait"
  label = "Wait and see"
  tags = ["cautious"]
  effects = {down}
"""


def add_event(
    folder: str | Path,
    event_id: str,
    existing: set[str],
    roles: list[str],
    variable: str | None,
    title: str | None = None,
    file: str | None = None,
) -> Path:
    """Append an event skeleton to a file of the pack (created with the schema line if new)."""
    root = Path(folder)
    if root.is_file() and root.name == "pack.toml":
        root = root.parent
    if event_id in existing:
        raise ScaffoldError(f"the pack already has an event {event_id!r}")
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$", event_id) or len(event_id) > 80:
        raise ScaffoldError(
            f"{event_id!r} cannot be an event id: use letters, digits and `_ . : -`"
        )
    target = root / (file or "events.toml")
    try:
        target.resolve().relative_to(root.resolve())
    except ValueError:
        raise ScaffoldError(f"{target} is not inside the pack") from None
    if target.suffix != ".toml":
        raise ScaffoldError(f"{target} is not a .toml file")
    text = event_toml(event_id, title or event_id.replace("-", " ").capitalize(), roles, variable)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            old = userfile.read_text(target, MAX_FILE_BYTES)
            sep = "" if old.endswith("\n") or not old else "\n"
            target.write_text(old + sep + text, encoding="utf-8")
        else:
            depth = len(target.relative_to(root).parts) - 1
            schema = f"#:schema {'../' * depth or './'}{SCHEMA_ID}\n"
            target.write_text(schema + text.lstrip("\n"), encoding="utf-8")
    except userfile.FileRefused as e:
        raise ScaffoldError(f"cannot add to {target}: {e.message}") from None
    except OSError as e:
        raise ScaffoldError(f"cannot write {target}: {getattr(e, 'strerror', e)}") from e
    return target


def free_event_id(existing: set[str], base: str = "new-event") -> str:
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"
