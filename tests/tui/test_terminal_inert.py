"""The real full-screen game in a pseudo-terminal: a briefing and a saved rationale that hold
terminal control sequences (set the title, erase the screen, CSI as one C1 character, a bidi
override) are drawn as text; none of them reaches the terminal."""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tui_support import EXAMPLE, ROOT

from game.content.compiler import load_pack
from game.engine.session import Session
from game.saves import SaveStore
from game.saves.format import checksum

ATTACK = "\x1b]0;PWNED-{}\x07\x1b[2J\x9b2J\u202e{}"


def run_steps(args: list[str], steps: list[tuple[bytes, bytes]], saves: Path) -> tuple[int, str]:
    """Run the game in an 80×24 pty; each time the next step's text has been drawn, type its
    keys. The exit status and everything written to the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", KOREAN_THEATER_SAVES=str(saves))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "play", *args],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen, done, since = b"", 0, 0
    deadline = time.monotonic() + 60
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if done < len(steps) and steps[done][0] in seen[since:]:
                os.write(master, steps[done][1])
                done += 1
                since = len(seen)  # the next step must be drawn after these keys
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return proc.returncode, seen.decode("utf-8", "replace")


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
    code, out = run_steps(new, [(b"PWNED-BRIEFING", b"\x11")], saves / "fresh")
    assert code == 0, out[-2000:]
    assert "PWNED-BRIEFING" in out  # the briefing was drawn, as text
    steps = [(b"turn 2", b"c"), (b"Timeline", b"t"), (b"PWNED-RATIONALE", b"\x11")]
    code, later = run_steps(["--pack", str(pack)], steps, saves)
    assert code == 0, later[-2000:]
    assert "PWNED-RATIONALE" in later  # the timeline showed the saved rationale, as text
    for drawn in (out, later):
        assert "\x1b]0;PWNED" not in drawn
        assert "\x07\x1b[2J" not in drawn and "\x9b" not in drawn and "\u202e" not in drawn
