"""Scripted students: play classroom games in plain mode as a class would, for tests and for a
teacher's dry run of a lesson.

    python tests/classroom/scripted.py --classroom examples/classroom.toml --saves /tmp/class \
        --students 30 [--cli]

Each student answers the prompts plain mode shows: a name, then at each decision one of the
open options (by their own leaning: cautious, hawkish or mixed), a rationale in their own words,
and predictions. With --cli every game is a real `korean-theater play --classroom … --plain`
process fed through a pipe; without it the same plain mode runs in this process (faster).
Their JSON reports land in SAVES/reports/ for `korean-theater class`.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _in_the_games_environment() -> None:
    """Run with .venv's Python when started with one that lacks the game's packages (a
    teacher's `python3 tests/classroom/scripted.py …` after `python3 run.py play`)."""
    try:
        import pydantic  # noqa: F401
        import tomli  # noqa: F401
    except ImportError:
        venv = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        if venv.exists() and Path(sys.executable).absolute() != venv.absolute():
            raise SystemExit(subprocess.call([str(venv), __file__, *sys.argv[1:]])) from None
        raise SystemExit(
            "scripted.py needs the game installed: run `python3 run.py play` once first"
        ) from None


FIRST = ["Ada", "Bo", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivan", "Jin", "Kofi",
         "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tae", "Uma",
         "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Arjun", "Bea", "Carlos", "Dmitri", "Eun",
         "Farah"]  # fmt: skip
LAST = ["Kim", "Park", "Smith", "Ivanova", "Lee", "Garcia", "Chen", "Okafor", "Novak", "Sato"]
ROLES = ("us", "rok", "russia")
LEANINGS = ("cautious", "hawkish", "mixed")
REASONS = {
    "cautious": [
        "it lowers the risk of escalation while keeping our commitments credible",
        "we should not give Pyongyang a pretext; restraint buys time for diplomacy",
        "Beijing will respond better to a measured step than to pressure",
        "the costs of overreacting are higher than the costs of waiting a month",
    ],
    "hawkish": [
        "deterrence only works if the other side sees we are willing to pay a price",
        "weakness now invites more provocations later; we must show resolve",
        "sanctions have to bite, otherwise the regime has no reason to change course",
        "our allies need to see that we stand firm",
    ],
    "mixed": [
        "it balances pressure with an open door, which keeps our options open",
        "I expect a short-term rise in tension but a better position later",
        "domestic support matters and this is the option we can defend at home",
        "the evidence in the briefing points this way, although it is uncertain",
    ],
}
PROMPT = re.compile(r"(> )$")
OPTION = re.compile(r"^  (\d+)\. (.+)$")


@dataclass
class Student:
    name: str
    role: str
    leaning: str
    rnd: random.Random

    def reply(self, screen: str) -> str:
        """The answer to the prompt at the end of `screen` (what plain mode printed so far)."""
        tail = screen[-600:]
        if "Your name" in tail.splitlines()[-1]:
            return self.name
        last = tail.splitlines()[-1]
        if last.endswith("u/d/s> "):
            return self.rnd.choice(["u", "u", "d", "s"]) if "tension" in last.lower() else (
                self.rnd.choice(["u", "d", "s", "s"])
            )  # fmt: skip
        if last.startswith("Rationale> "):
            return self.reason(long=True)
        if last.startswith("Role> "):
            return "1"
        options = self.options(screen)
        if not options:
            return "1"
        if len(options) == 1:
            return options[0][0]
        k = self.pick(options)
        return f"{k} because {self.reason()}"

    @staticmethod
    def options(screen: str) -> list[tuple[str, str]]:
        block = screen[screen.rfind("Options:") :]
        return [m.groups() for line in block.splitlines() if (m := OPTION.match(line))]

    def pick(self, options: list[tuple[str, str]]) -> str:
        n = len(options)
        if self.leaning == "cautious":
            weights = [1 + i for i in range(n)]  # later options tend to be the softer ones
        elif self.leaning == "hawkish":
            weights = [n - i for i in range(n)]
        else:
            weights = [1] * n
        return self.rnd.choices([k for k, _ in options], weights=weights)[0]

    def reason(self, long: bool = False) -> str:
        text = self.rnd.choice(REASONS[self.leaning])
        if long:
            text += "; " + self.rnd.choice(REASONS["mixed"])
        return text


def students(n: int, seed: str = "class") -> list[Student]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
        out.append(Student(name, ROLES[i % 3], LEANINGS[(i // 3) % 3], random.Random(rnd.random())))
    return out


class _Screen(io.StringIO):
    pass


def play_in_process(student: Student, classroom: Path, saves: Path) -> int:
    from game.classroom.load import load_classroom
    from game.content.compiler import load_pack
    from game.plain_classroom import play_classroom

    settings, problems = load_classroom(classroom)
    assert settings is not None, [p.format() for p in problems]
    pack = load_pack(settings.pack_path).pack
    out = _Screen()
    budget = [5000]  # answers; a game that asks more than this is stuck

    def read() -> str | None:
        budget[0] -= 1
        return student.reply(out.getvalue()) + "\n" if budget[0] > 0 else None

    return play_classroom(settings, pack, student.role, saves, out, read)


def play_cli(student: Student, classroom: Path, saves: Path, command: list[str]) -> int:
    """A real plain-mode process: read until a prompt, answer, repeat."""
    proc = subprocess.Popen(
        [*command, "play", "--classroom", str(classroom), "--plain", "--saves", str(saves),
         "--role", student.role],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    screen = ""
    while True:
        chunk = proc.stdout.read1(65536)  # type: ignore[attr-defined]
        if not chunk:
            break
        screen += chunk.decode("utf-8", "replace")
        if PROMPT.search(screen):
            answer = student.reply(screen)
            proc.stdin.write((answer + "\n").encode())
            proc.stdin.flush()
            screen += answer + "\n"
    return proc.wait()


def main(argv: list[str] | None = None, say: Callable[[str], None] = print) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--classroom", default=str(ROOT / "examples" / "classroom.toml"))
    p.add_argument("--saves", required=True)
    p.add_argument("--students", type=int, default=30)
    p.add_argument("--cli", action="store_true", help="real processes through the CLI")
    a = p.parse_args(argv)
    saves = Path(a.saves)
    command = [sys.executable, "-m", "game"]
    from game.classroom.load import load_classroom

    settings, _ = load_classroom(a.classroom)
    for s in students(a.students):
        given = settings.assignment_of(s.name) if settings is not None else None
        s.role = given.role if given is not None else s.role  # the teacher's, as the game plays
        if a.cli:
            rc = play_cli(s, Path(a.classroom), saves, command)
        else:
            rc = play_in_process(s, Path(a.classroom), saves)
        say(f"{s.name:18} {s.role:7} {s.leaning:9} exit {rc}")
        if rc:
            return rc
    return 0


if __name__ == "__main__":
    _in_the_games_environment()
    raise SystemExit(main())
