"""One policy for what a player may see (issue 16, item 5): a classroom that hides the numbers
hides them everywhere plain mode speaks during play, the commands a player types included."""

from __future__ import annotations

import re
from pathlib import Path

from game.classroom.load import load_classroom
from tests.classroom.test_plain_classroom import answers, run_game

LEAKS = re.compile(r"weight \d|\d%|tier \d|odds \d|roll \d|\d+(\.\d+)? of \d+(\.\d+)? \(")


def test_hidden_numbers_stay_hidden_in_every_command(classroom_file, example_pack, tmp_path: Path):
    hide = 'whatif_runs = 0\nhide_numbers = true\nforecast = "numbers"'
    s, problems = load_classroom(classroom_file(("whatif_runs = 0", hide)), example_pack)
    assert problems == []
    commands = ["w", "m", "i", "o", "b", "h"]
    script = ["Ada Lovelace", *commands, *answers()[1:6], "d", "w", *answers()[6:]]
    rc, text = run_game(s, example_pack, script, tmp_path)
    assert rc == 0
    play = text.split("===")[0]  # the debrief, after the game, may give the figures
    assert "Why this reached you:" in play
    leaks = [line for line in play.splitlines() if LEAKS.search(line)]
    assert leaks == [], leaks
