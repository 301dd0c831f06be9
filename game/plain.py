"""Plain mode: the game as lines of text, for screen readers, pipes and scripts.

`printf '1\\n3\\n' | korean-theater play --plain --seed X --role us` plays a scripted game.
Each prompt reads one line: a number picks an option; `m` shows the meters, `h` help, `q` quits.
Input that ends early ends the game politely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from game import text
from game.engine.pack import Pack
from game.engine.session import ChoiceError, Session

HELP = """Commands: a number picks that option · m meters · w why this event · h help · q quit
After a number you may add a rationale: `2 because sanctions must bite`."""


class PlainGame:
    def __init__(
        self,
        pack: Pack,
        out: TextIO,
        read: Callable[[], str | None],
        on_turn: Callable[[Session], None] | None = None,
    ) -> None:
        self.pack = pack
        self.out = out
        self.read = read
        self.on_turn = on_turn

    def say(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.out)
        self.out.flush()

    def ask(self, prompt: str) -> str | None:
        print(prompt, end="", file=self.out)
        self.out.flush()
        line = self.read()
        if line is None:
            print(file=self.out)
            return None
        return line.strip()

    def choose_role(self, role: str | None) -> str | None:
        roles = list(self.pack.roles.values())
        if role is not None:
            return role
        if len(roles) == 1:
            return roles[0].id
        self.say("Whom do you advise?")
        for i, r in enumerate(roles, 1):
            self.say(f"  {i}. {r.name} — {r.office}")
        while True:
            answer = self.ask("Role> ")
            if answer is None or answer.lower() == "q":
                return None
            match = next((r.id for i, r in enumerate(roles, 1) if answer in (str(i), r.id)), None)
            if match:
                return match
            self.say(f"Type a number from 1 to {len(roles)}.")

    def run(self, session: Session) -> Session:
        pack = self.pack
        role = pack.roles[session.role]
        self.say(
            f"{pack.meta.title} — you advise {role.name} ({role.office}). Seed: {session.seed}"
        )
        self.say("", *role.briefing.strip().splitlines(), "", HELP)
        while not session.over:
            self.say("", *text.briefing_lines(session))
            answer = self.ask("Your recommendation> ")
            if answer is None or answer.lower() in ("q", "quit"):
                self.say("Game left unfinished.")
                return session
            cmd, _, rationale = answer.partition(" ")
            if cmd.lower() in ("m", "meters"):
                self.say("", "Meters:", *text.meter_lines(session))
                continue
            if cmd.lower() in ("h", "help", "?"):
                self.say(HELP)
                continue
            if cmd.lower() in ("w", "why"):
                self.say(f"Why this reached you: {session.briefing().why}")
                continue
            option = self.pick(session, cmd)
            if option is None:
                continue
            try:
                session = session.submit(option, rationale.strip())
            except ChoiceError as e:
                self.say(f"Not possible: {e}")
                continue
            self.say("", *text.report_lines(session, session.steps[-1].report))
            self.say("", "Meters:", *text.meter_lines(session))
            if self.on_turn is not None:
                self.on_turn(session)
        self.say(*text.ending_lines(session), *text.debrief_lines(session))
        return session

    def pick(self, session: Session, cmd: str) -> str | None:
        b = session.briefing()
        for o in b.options:
            if cmd in (str(o.key), o.id):
                if o.open:
                    return o.id
                self.say(f"That option is closed: {o.why_closed}")
                return None
        keys = ", ".join(str(o.key) for o in b.open_options)
        self.say(f"Type one of: {keys} (or h for help).")
        return None
