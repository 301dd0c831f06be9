"""What tests share beyond fixtures: the example pack, a classroom file for it, and a guard
for child processes (a module, not a conftest, so that tests import it by name)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"

GOOD = f"""\
[classroom]
id = "week-6"
title = "Week 6"
pack = "{EXAMPLE.as_posix()}"
seed = "class-3"
roles = ["us"]
turns = 4
whatif_runs = 0

[rationale]
required = true
min_length = 10

[predict]
variables = ["tension"]
steady = 1

[assumptions]
china_restrains = false
hawk_bias = 1.5
"""


def limited_child() -> None:
    """A `preexec_fn` for a child process that could run away if a bound broke (reading
    /dev/zero, say): it fails at 3 GB of memory instead of taking the machine's."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
