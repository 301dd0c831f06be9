"""The teacher's live view of a class playing through `serve`: who is playing, their turn, their
last decision and memo, the endings so far and the predictions right so far, refreshing itself.

It reads the class's saves as the teacher's tools do (game.classroom.teacher): each replayed on
the teacher's pack with the teacher's classroom file, never on what a save names. A save is read
again only when its file has changed, so a refresh every few seconds costs little.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from game.classroom.settings import ClassroomSettings
from game.inert import inert_line
from game.report.svg import e

REFRESH = 5  # seconds between two refreshes of the page


@dataclass(frozen=True)
class Row:
    """One student's game as it stands."""

    student: str
    role: str
    turn: int
    turns: int
    over: bool
    ending: str
    last_event: str
    last_choice: str
    memo: str
    hits: int
    predicted: int
    saved_at: dt.datetime
    problem: str = ""  # why the save could not be read
    team: str = ""  # the student's team in the classroom file's [[assign]], if any
    group: str = ""  # the student's [[group]] (A/B), if the class has groups


class LiveView:
    def __init__(self, saves: Path, settings: ClassroomSettings) -> None:
        self.saves = Path(saves)
        self.settings = settings
        self._rows: dict[Path, tuple[tuple[int, int], Row | None]] = {}
        self._lock = threading.Lock()

    def rows(self) -> list[Row]:
        """Every game of this class in the saves folder, the most recently active first."""
        with self._lock:
            seen: dict[Path, tuple[tuple[int, int], Row | None]] = {}
            for path in sorted(self.saves.glob("*.json")):
                try:
                    st = path.stat()
                except OSError:
                    continue
                stamp = (st.st_mtime_ns, st.st_size)
                known = self._rows.get(path)
                seen[path] = known if known and known[0] == stamp else (stamp, self._row(path))
            self._rows = seen
        rows = [row for _, row in seen.values() if row is not None]
        return sorted(rows, key=lambda r: r.saved_at, reverse=True)

    def _row(self, path: Path) -> Row | None:
        from game.classroom.predict import score_predictions
        from game.classroom.teacher import GameLoadError, Teacher
        from game.report.debrief import load_game
        from game.saves import SaveError, read_save
        from game.views.agenda import handled

        try:
            data = read_save(path)
        except SaveError:
            return None  # a save being written, or not one: the next refresh sees it
        part = data.classroom
        if part is None or part.settings.get("classroom", {}).get("id") != self.settings.id:
            return None  # not a game of this class
        try:
            game = load_game(path, Teacher(Path(self.settings.pack_path), self.settings))
        except GameLoadError as err:
            return Row(inert_line(part.player), data.role, data.state.turn, 0, False, "", "",
                       "", "", 0, 0, data.saved_at, problem=str(err),
                       **self._placing(part.player))  # fmt: skip
        session = game.session
        pack = session.pack
        steps = [s for s in session.steps if s.report.event is not None]
        last = steps[-1] if steps else None
        event, choice = handled(pack, last.report) if last is not None else (None, None)
        steady = self.settings.predict.steady if self.settings.predict else 1.0
        score = score_predictions(session, game.predictions, steady)
        ending = session.ending() if session.over else None
        return Row(
            student=game.player or path.stem,
            role=pack.roles[session.role].name if session.role in pack.roles else session.role,
            turn=min(session.state.turn, pack.meta.turns),
            turns=pack.meta.turns,
            over=session.over,
            ending=ending.title if ending is not None else "",
            last_event=event.title if event is not None else "",
            last_choice=choice.label if choice is not None else "",
            memo=last.rationale if last is not None else "",
            hits=score.hits,
            predicted=score.total,
            saved_at=data.saved_at,
            **self._placing(game.player),
        )

    def _placing(self, player: str) -> dict[str, str]:
        """The student's team and group, as the classroom file places them."""
        group = self.settings.group_of(player) if self.settings.group else None
        rest = "the rest of the class" if self.settings.group else ""
        return {
            "team": inert_line(self.settings.team_of(player)),
            "group": inert_line(group.name) if group is not None else rest,
        }

    def page(self) -> str:
        """The page, refreshing itself every REFRESH seconds."""
        from game.report.html import CSS

        rows = self.rows()
        now = dt.datetime.now(dt.UTC)
        endings = Counter(r.ending for r in rows if r.over)
        hits = sum(r.hits for r in rows)
        predicted = sum(r.predicted for r in rows)
        playing = sum(1 for r in rows if not r.over and not r.problem)
        title = e(self.settings.title)
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="refresh" content="{REFRESH}">',
            f"<title>Live: {title}</title><style>{CSS} body {{ max-width: 1300px; }}"
            " td.memo { max-width: 28rem; }</style></head><body>",
            f"<h1>{title}: the class live</h1>",
            f'<p class="meta">{len(rows)} game(s) · {playing} being played · '
            f"{sum(endings.values())} ended · refreshed every {REFRESH} s · "
            f"{dt.datetime.now():%H:%M:%S}</p>",
        ]
        if predicted:
            parts.append(
                f"<p>Predictions right so far: <b>{hits} of {predicted}</b> "
                f"({100 * hits / predicted:.0f}%; guessing scores about 33%)</p>"
            )
        if endings:
            listed = ", ".join(f"{e(k)} ({n})" for k, n in endings.most_common())
            parts.append(f"<p>Endings so far: {listed}</p>")
        teams = any(r.team for r in rows)
        groups = bool(self.settings.group)
        placing = ("<th>Team</th>" if teams else "") + ("<th>Group</th>" if groups else "")
        parts.append(
            f"<table><tr><th>Student</th>{placing}<th>Role</th><th>Turn</th>"
            "<th>Last decision</th><th>Memo</th><th>Predictions</th><th>Ending</th>"
            "<th>Active</th></tr>"
        )
        for r in rows:
            who = f"<td>{e(r.student)}</td>" + (f"<td>{e(r.team)}</td>" if teams else "")
            who += f"<td>{e(r.group)}</td>" if groups else ""
            if r.problem:
                parts.append(
                    f"<tr>{who}<td>{e(r.role)}</td><td colspan='6' "
                    f"class='warn'>{e(r.problem)}</td></tr>"
                )
                continue
            turn = "ended" if r.over else f"{r.turn} of {r.turns}"
            decision = f"<b>{e(r.last_choice)}</b> — {e(r.last_event)}" if r.last_event else ""
            predictions = f"{r.hits}/{r.predicted}" if r.predicted else ""
            parts.append(
                f"<tr>{who}<td>{e(r.role)}</td><td class='n'>{turn}</td>"
                f"<td>{decision}</td><td class='memo'>{e(r.memo)}</td>"
                f"<td class='n'>{predictions}</td><td>{e(r.ending)}</td>"
                f"<td class='n'>{_ago(now - r.saved_at)}</td></tr>"
            )
        if not rows:
            columns = 8 + teams + groups
            parts.append(f"<tr><td colspan='{columns}'>No game has been saved yet.</td></tr>")
        parts.append("</table></body></html>")
        return "\n".join(parts) + "\n"


def _ago(delta: dt.timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"
