"""Plain mode: the game as lines of text, for screen readers, pipes and scripts.

`printf '1\\n3\\n' | korean-theater play --plain --seed X --role us` plays a scripted game.
Each prompt reads one line: a number picks an option of the briefing shown; on an agenda turn a
letter (a, b, c) shows another briefing and `b2` decides option 2 of briefing b; `f` shows the
briefing in full, `m` the meters, `i` what they mean, `d` the last turn's small shifts, `h` help,
`q` quits. Input that ends early ends the game politely.

It says what the full-screen game shows, in the same order (game.text, from game.views): after
a decision its outcome first, then how your objectives moved and the changes that matter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from game import text
from game.engine.counterfactual import decisive
from game.engine.explain import why_ending
from game.engine.pack import Pack
from game.engine.session import ChoiceError, Session
from game.inert import inert
from game.views.agenda import LETTERS
from game.views.blocks import plain_lines
from game.views.budget import closed_text
from game.views.draw import draw_detail, draw_text
from game.views.ending import mattered_lines, pivot_text, why_lines, why_text
from game.views.glossary import glossary_lines as view_glossary_lines
from game.views.glossary import terms_in
from game.views.markup import plain_text
from game.views.meanings import meaning_blocks
from game.views.policy import policy
from game.views.voices import voice_lines
from game.views.words import number

HELP = """Commands: a number picks that option · f the briefing again, in full · m meters
· i what the meters mean · o objectives · d the last turn's small shifts · w why this event
· g the briefing's terms (glossary: every term) · v each capital's view
· h help · q quit
With several briefings on the desk: a, b or c shows that briefing, a number decides on the one
shown, and a letter with a number, as in b2, decides option 2 of briefing b (the others are left
to their defaults).
After a number you may add a rationale, as in: 2 because sanctions must bite."""
TREND = 5  # turns of history shown with each meter, like the desk's sparklines


class PlainGame:
    def __init__(
        self,
        pack: Pack,
        out: TextIO,
        read: Callable[[], str | None],
        on_turn: Callable[[Session], None] | None = None,
        classroom=None,
    ) -> None:
        self.pack = pack
        self.out = out
        self.read = read
        self.on_turn = on_turn
        # Classroom mode (game.classroom.ClassroomSettings): a rationale may be required,
        # numbers may be hidden, and the player may predict before each reveal.
        self.classroom = classroom
        self.predictions: list = []  # game.classroom.Prediction, one per decision predicted
        self.shown = 0  # which briefing of the agenda is read out
        self.policy = policy(pack, classroom)  # what the player may see (game.views.policy)

    # Everything shown goes through `inert`: pack text is made inert when the pack is read, but
    # a rationale typed (or pasted) here is shown again in the debrief.
    def say(self, *lines: str) -> None:
        for line in lines:
            print(inert(line), file=self.out)
        self.out.flush()

    def ask(self, prompt: str) -> str | None:
        print(inert(prompt), end="", file=self.out)
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
        """Play `session` to its end (or until the input ends); a session with decisions in it
        is a saved game continued."""
        pack = self.pack
        role = pack.roles[session.role]
        self.say(
            f"{pack.meta.title} — you advise {role.name} ({role.office}). Seed: {session.seed}"
        )
        if session.steps:
            n = len(session.steps)
            self.say(
                f"Your saved game goes on: {n} decision{'s' if n != 1 else ''} made, "
                f"turn {session.state.turn} of {pack.meta.turns} on the desk.",
                "",
                HELP,
            )
        else:
            self.say("", *plain_text(role.briefing).splitlines(), "", HELP)
        if self.classroom is not None and self.classroom.rubric.criteria:
            from game.classroom.views import rubric_lines

            self.say(
                "", "Your memos are assessed on:", *rubric_lines(self.classroom.rubric.criteria)
            )
        shown: Session | None = None
        while not session.over:
            if shown is not session:  # the briefing once per turn, not after every command
                self.shown = 0
                self.say("", *self.briefing_lines(session))
                shown = session
            answer = self.ask("Your recommendation> ")
            if answer is None or answer.lower() in ("q", "quit"):
                self.say("Game left unfinished.")
                return session
            cmd, _, rationale = answer.partition(" ")
            if cmd.lower() in ("m", "meters"):
                self.say("", "Meters:", *text.meter_lines(session, self.policy, TREND))
                continue
            if cmd.lower() in ("i", "info"):
                self.say(*plain_lines(meaning_blocks(pack, session.role, self.policy)))
                continue
            if cmd.lower() in ("o", "objectives"):
                self.say("", "Your objectives now:", *text.objective_lines(session, self.policy))
                continue
            if cmd.lower() in ("d", "drift"):
                if not session.steps:
                    self.say("No decision yet: the small shifts come with the consequences.")
                else:
                    index = len(session.steps) - 1
                    self.say(
                        "", "The small shifts:", *text.drift_lines(session, index, self.policy)
                    )
                continue
            if cmd.lower() in ("h", "help", "?"):
                self.say(HELP)
                continue
            if cmd.lower() in ("g", "glossary"):
                self.say("", *self.glossary_lines(session, every=cmd.lower() == "glossary"))
                continue
            if cmd.lower() in ("v", "views"):
                self.say("", *voice_lines(pack))
                continue
            letter = self.agenda_letter(session, cmd)
            if letter is not None:
                self.shown = letter
                cmd = cmd[1:]
                if not cmd:
                    self.say("", *self.briefing_lines(session))
                    continue
            elif cmd.lower() in ("f", "full", "b", "briefing"):  # b: before agendas took it
                self.say("", *self.briefing_lines(session, in_full=True))
                continue
            if cmd.lower() in ("w", "why"):
                b = session.agenda()[self.shown]
                self.say(f"Why this reached you: {draw_text(b.draw, b.why, self.policy)}")
                detail = draw_detail(b.draw, b.why, self.policy)
                if detail:
                    self.say(detail)
                continue
            option = self.pick(session, cmd)
            if option is None:
                continue
            rationale = rationale.strip()
            prediction = None
            if self.classroom is not None and session.state.event is not None:
                asked = self.classroom_questions(session, option, rationale)
                if asked is None:
                    self.say("Game left unfinished.")
                    return session
                rationale, prediction = asked
            try:
                session = session.submit(option, rationale)
            except ChoiceError as e:
                self.say(f"Not possible: {e}")
                continue
            if prediction is not None:
                self.predictions.append(prediction)
            self.say("", *self.report_lines(session))
            if self.on_turn is not None:
                self.on_turn(session)
        self.say(*text.ending_lines(session), *self.ending_why_lines(session))
        self.say(*text.debrief_lines(session))
        if self.classroom is not None and self.predictions:
            from game.classroom.predict import score_predictions
            from game.classroom.views import prediction_lines

            steady = self.classroom.predict.steady if self.classroom.predict else 1.0
            self.say(*prediction_lines(score_predictions(session, self.predictions, steady)))
        return session

    # -- views: numbers, or words when the classroom hides them (self.policy)
    def briefing_lines(self, session: Session, in_full: bool = False) -> list[str]:
        return text.briefing_lines(session, self.shown, self.policy, in_full)

    def glossary_lines(self, session: Session, every: bool = False) -> list[str]:
        """The terms of the briefing shown, or (`every`, or when it uses none) the glossary."""
        glossary = self.pack.glossary
        terms = () if every else terms_in(glossary, session.agenda()[self.shown].text)
        if terms:
            return ["Terms in this briefing:", *view_glossary_lines(terms)]
        if not glossary:
            return ["This pack has no glossary."]
        return ["Glossary:", *view_glossary_lines(glossary)]

    def ending_why_lines(self, session: Session) -> list[str]:
        """Why this ending, and the decisions that mattered (replayed: a fraction of a second)."""
        why = why_ending(session)
        if why is None:
            return []
        pivots = [pivot_text(session, p) for p in decisive(session)]
        w = why_text(self.pack, session.role, why)
        return ["", *why_lines(w), "", *mattered_lines(pivots)]

    def report_lines(self, session: Session) -> list[str]:
        """The consequences of the last decision, with the predictions made before it."""
        index = len(session.steps) - 1
        reveals: tuple = ()
        if self.classroom is not None and self.predictions:
            from game.classroom.predict import score_predictions

            made = [p for p in self.predictions if p.turn == session.steps[index].report.turn]
            steady = self.classroom.predict.steady if self.classroom.predict else 1.0
            reveals = score_predictions(session, made[-1:], steady).items
        return text.consequence_lines(session, index, self.policy, reveals, self.classroom
                                      is not None)  # fmt: skip

    # -- classroom: the rationale rule, then predict before the reveal
    def classroom_questions(self, session: Session, option: str, rationale: str):
        """(rationale, prediction or None), or None when the input ends."""
        from game.classroom.settings import check_rationale

        rule = self.classroom.rationale
        problem = check_rationale(self.classroom, rationale)
        if problem is not None:
            least = f" (at least {rule.min_length} characters)" if rule.min_length else ""
            self.say(f"{rule.prompt}{least}")
            criteria = self.classroom.rubric.criteria
            if criteria:
                self.say(f"Your memo is assessed on: {', '.join(c.name for c in criteria)}.")
        while problem is not None:
            answer = self.ask("Rationale> ")
            if answer is None:
                return None
            rationale = answer.strip()
            problem = check_rationale(self.classroom, rationale)
            if problem is not None:
                self.say(problem)
        variables = self.classroom.predicting
        if not variables:
            return rationale, None
        from game.classroom.predict import Prediction, parse_direction
        from game.views.readings import qualitative

        self.say("Before you see the consequences: which way will these move this turn?")
        self.say("  u = up, d = down, s = steady")
        expect = {}
        for vid in variables:
            var = self.pack.variable(vid)
            value = session.state.values[var.slot]
            now = number(value) if self.policy.numbers else qualitative(var, value)
            while True:
                answer = self.ask(f"{var.label} (now {now})? u/d/s> ")
                if answer is None:
                    return None
                found = parse_direction(answer)
                if found is not None:
                    expect[vid] = found
                    break
                self.say("Type u (up), d (down) or s (steady).")
        return rationale, Prediction(turn=session.state.turn, choice=option, expect=expect)

    def agenda_letter(self, session: Session, cmd: str) -> int | None:
        """The briefing a command starts with on an agenda turn (`b`, `b2`), or None."""
        agenda = session.state.desk
        if len(agenda) < 2 or not cmd or (cmd[1:] and not cmd[1:].isdigit()):
            return None
        index = LETTERS.find(cmd[0].lower())
        return index if 0 <= index < len(agenda) else None

    def pick(self, session: Session, cmd: str) -> str | None:
        """The decision a key names on the briefing shown (its id on an agenda's others)."""
        b = session.agenda()[self.shown]
        for o in b.options:
            if cmd in (str(o.key), o.id):
                if o.open:
                    return o.decision
                assert b.event is not None
                why = closed_text(self.pack, session.state, b.event, o, self.policy.numbers)
                self.say(f"That option is closed: {why}")
                return None
        keys = ", ".join(str(o.key) for o in b.open_options)
        more = ", or a letter for another briefing" if len(session.state.desk) > 1 else ""
        self.say(f"Type one of: {keys}{more} (or h for help).")
        return None
