"""The real full-screen game in a pseudo-terminal: a briefing and a saved rationale that hold
terminal control sequences (set the title, erase the screen, CSI as one C1 character, a bidi
override) are drawn as text; none of them reaches the terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tui_support import EXAMPLE, run_in_pty

from game.content.compiler import load_pack
from game.engine.session import Session
from game.saves import SaveStore
from game.saves.format import checksum

ATTACK = "\x1b]0;PWNED-{}\x07\x1b[2J\x9b2J\u202e{}"


def hostile_game(tmp_path: Path) -> tuple[Path, Path]:
    """A pack whose first briefing attacks, and an autosave of it whose rationale attacks too,
    written raw into the file with a valid checksum (as a doctored save would be)."""
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    events = pack / "events.toml"
    attack = json.dumps(ATTACK.format("BRIEFING", "text"))[1:-1].replace("\\u009b", "\u009b")
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("crossing the bridge.", attack), encoding="utf-8")
    loaded = load_pack(pack).pack
    assert loaded is not None
    session = Session.start(loaded, "us", "pty")
    session = session.submit(session.briefing().open_options[0].id, "placeholder")
    saves = tmp_path / "saves"
    path = SaveStore(saves).autosave(session)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["decisions"][0]["rationale"] = ATTACK.format("RATIONALE", "because")
    doc.pop("checksum")
    doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return pack, saves


def test_no_control_sequence_from_a_pack_or_a_save_reaches_the_terminal(tmp_path: Path) -> None:
    pack, saves = hostile_game(tmp_path)
    new = ["--pack", str(pack), "--role", "us", "--seed", "pty"]
    code, out = run_in_pty(new, [(b"PWNED-BRIEFING", b"\x11")], saves / "fresh")
    assert code == 0, out[-2000:]
    assert "PWNED-BRIEFING" in out  # the briefing was drawn, as text
    steps = [(b"turn 2", b"c"), (b"Timeline", b"t"), (b"PWNED-RATIONALE", b"\x11")]
    code, later = run_in_pty(["--pack", str(pack)], steps, saves)
    assert code == 0, later[-2000:]
    assert "PWNED-RATIONALE" in later  # the timeline showed the saved rationale, as text
    for drawn in (out, later):
        assert "\x1b]0;PWNED" not in drawn
        assert "\x07\x1b[2J" not in drawn and "\x9b" not in drawn and "\u202e" not in drawn
