"""A class's games side by side: endings, how often each option was chosen at each event, scores,
rationales, predictions and outliers.

`gather` reads reports (and save files, which it turns into reports) and skips, naming them and
saying why, the files it cannot read; `summarize` is pure over the reports it got.
"""

from __future__ import annotations

import glob
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.content.problems import Problem
from game.report.model import Report

if TYPE_CHECKING:
    from game.classroom.teacher import Teacher

MIN_GAP = 8.0  # score points from the role's median below which no score is called unusual


@dataclass(frozen=True)
class Entry:
    file: str
    report: Report
    replayed: bool = False  # a save replayed on the teacher's pack (else a report as written)

    @property
    def name(self) -> str:
        return self.report.player or Path(self.file).stem

    @property
    def team(self) -> str:
        """The student's team, as the classroom file gave it ('' for none)."""
        return self.report.classroom.team if self.report.classroom else ""

    @property
    def group(self) -> str:
        """The student's group of an A/B class ('' for the rest of the class)."""
        return self.report.classroom.group if self.report.classroom else ""

    @property
    def pack_check(self) -> str:
        """same, differs (the save's pack is not the one it was scored on) or not replayed."""
        if self.report.saved_pack is not None:
            return "differs"
        return "same" if self.replayed else "not replayed"


@dataclass(frozen=True)
class Skipped:
    file: str
    problems: tuple[Problem, ...]

    def lines(self) -> list[str]:
        return [p.format() for p in self.problems]


def expand(paths: list[str]) -> list[Path]:
    """The files named. A folder stands for every *.json file under it (a class's saves folder
    with its reports/, or one folder per browser), hidden folders left out, and a save whose
    report is in the reports/ beside it left for its report; a name with * or ? that names no
    file is a pattern (for a shell that did not expand it, or a teacher who quoted it)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += _under(p)
        elif not p.exists() and any(c in str(p) for c in "*?["):
            for found in sorted(glob.glob(str(p), recursive=True)):
                out += _under(Path(found)) if Path(found).is_dir() else [Path(found)]
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _under(folder: Path) -> list[Path]:
    found = [
        q
        for q in sorted(folder.rglob("*.json"))
        if q.is_file() and not any(part.startswith(".") for part in q.relative_to(folder).parts)
    ]
    reported = set(found)
    return [q for q in found if q.parent / "reports" / q.name not in reported]


def gather(paths: list[str], teacher: Teacher | None = None) -> tuple[list[Entry], list[Skipped]]:
    """Read every report (or save, replayed on the teacher's pack) named; never fails as a
    whole."""
    from game.classroom.problems import cproblem
    from game.classroom.teacher import GameLoadError
    from game.report.load import read_report, sniff

    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for path in expand(paths):
        name = str(path)
        try:
            if sniff(path) == "save":
                entries.append(Entry(name, _from_save(path, teacher), replayed=True))
                continue
            report, problems = read_report(path)
        except GameLoadError as e:
            problems = [cproblem(name, 1, 1, "C524", f"not replayed: {e}")]
            report = None
        except Exception as e:  # one bad file never stops the summary
            problems = [cproblem(name, 1, 1, "C522", f"cannot be used: {e}")]
            report = None
        if report is None:
            skipped.append(Skipped(name, tuple(problems)))
        else:
            entries.append(Entry(name, report))
    return entries, skipped


def _from_save(path: Path, teacher: Teacher | None) -> Report:
    from game.report.debrief import game_report, load_game

    return game_report(load_game(path, teacher), whatif_runs=0)


# -- the summary ---------------------------------------------------------------------------------


@dataclass
class OptionCount:
    choice: str
    label: str
    count: int = 0
    by_role: Counter = field(default_factory=Counter)


@dataclass
class Rationale:
    name: str
    role: str
    choice: str
    label: str
    text: str


@dataclass
class EventSummary:
    """One event as the students of one role met it (options differ by role)."""

    role: str
    event: str
    title: str
    kind: str
    turns: list[int] = field(default_factory=list)
    options: dict[str, OptionCount] = field(default_factory=dict)
    rationales: list[Rationale] = field(default_factory=list)

    @property
    def faced(self) -> int:
        return sum(o.count for o in self.options.values())

    @property
    def typical_turn(self) -> float:
        return statistics.median(self.turns) if self.turns else 0.0


@dataclass
class Outlier:
    name: str
    file: str
    reason: str


@dataclass
class ClassSummary:
    title: str
    entries: list[Entry]
    skipped: list[Skipped]
    warnings: list[str]
    roles: dict[str, str]  # id -> name, in order of first appearance
    endings: dict[str, str]  # id -> title, most reached first
    ending_counts: Counter
    ending_by_role: dict[str, Counter[str]]
    events: list[EventSummary]
    scores: dict[str, list[tuple[str, float]]]  # role -> [(name, total)]
    objectives: dict[str, list[tuple[str, float, float]]]  # role -> [(label, mean, weight)]
    outliers: list[Outlier]
    predictions: list[tuple[str, int, int]]  # (name, hits, total)

    @property
    def n(self) -> int:
        return len(self.entries)


def summarize(entries: list[Entry], skipped: list[Skipped] | None = None) -> ClassSummary:
    skipped = skipped or []
    reports = [e.report for e in entries]
    title = _title(reports)
    roles: dict[str, str] = {}
    endings: dict[str, str] = {}
    ending_counts: Counter = Counter()
    by_role: dict[str, Counter] = defaultdict(Counter)
    events: dict[tuple[str, str], EventSummary] = {}
    scores: dict[str, list[tuple[str, float]]] = defaultdict(list)
    objective_values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    objective_meta: dict[str, dict[str, tuple[str, float]]] = defaultdict(dict)
    predictions = []
    for entry in entries:
        r = entry.report
        roles.setdefault(r.role, r.role_name or r.role)
        end_id = r.ending.id if r.ending else "unfinished"
        endings.setdefault(end_id, r.ending.title if r.ending else "Unfinished")
        ending_counts[end_id] += 1
        by_role[r.role][end_id] += 1
        scores[r.role].append((entry.name, r.total))
        for s in r.scorecard:
            objective_values[r.role][s.id].append(s.score)
            objective_meta[r.role][s.id] = (s.label, s.weight)
        if r.predictions is not None and r.predictions.total:
            predictions.append((entry.name, r.predictions.hits, r.predictions.total))
        for d in r.decisions:
            if d.event is None:
                continue
            key = (r.role, d.event)
            ev = events.get(key)
            if ev is None:
                ev = events[key] = EventSummary(r.role, d.event, d.title, d.kind)
            ev.turns.append(d.turn)
            for o in d.options:
                ev.options.setdefault(o.id, OptionCount(o.id, o.label))
            opt = ev.options.setdefault(d.choice, OptionCount(d.choice, d.label))
            opt.count += 1
            opt.by_role[r.role] += 1
            ev.rationales.append(Rationale(entry.name, r.role, d.choice, d.label, d.rationale))
    ordered = sorted(endings, key=lambda k: -ending_counts[k])
    return ClassSummary(
        title=title,
        entries=entries,
        skipped=skipped,
        warnings=_warnings(entries),
        roles=roles,
        endings={k: endings[k] for k in ordered},
        ending_counts=ending_counts,
        ending_by_role=dict(by_role),
        events=sorted(
            events.values(), key=lambda e: (list(roles).index(e.role), e.typical_turn, e.title)
        ),
        scores=dict(scores),
        objectives={
            role: [
                (objective_meta[role][oid][0], statistics.fmean(vals), objective_meta[role][oid][1])
                for oid, vals in objs.items()
            ]
            for role, objs in objective_values.items()
        },
        outliers=_outliers(entries, events, ending_counts, endings),
        predictions=predictions,
    )


def _title(reports: list[Report]) -> str:
    classes = Counter((r.classroom.title or r.classroom.id) for r in reports if r.classroom)
    if classes:
        return classes.most_common(1)[0][0]
    packs = Counter(r.pack.title or r.pack.id for r in reports)
    return packs.most_common(1)[0][0] if packs else "A class"


def _warnings(entries: list[Entry]) -> list[str]:
    """Reports that do not share the class's world, said plainly."""
    out: list[str] = []
    if not entries:
        return out
    for what, key in (
        ("seed", lambda r: r.seed),
        ("pack version", lambda r: f"{r.pack.id} {r.pack.version}"),
        ("classroom", lambda r: r.classroom.id if r.classroom else "(none)"),
        ("turn limit", lambda r: str(r.turns)),
    ):
        values = Counter(key(e.report) for e in entries)
        if len(values) > 1:
            common, n = values.most_common(1)[0]
            odd = [e.name for e in entries if key(e.report) != common]
            shown = ", ".join(odd[:6]) + (f" and {len(odd) - 6} more" if len(odd) > 6 else "")
            out.append(
                f"Not everyone played the same {what}: {n} of {len(entries)} have "
                f"{common!r}; different: {shown}."
            )
    differs = [e.name for e in entries if e.report.saved_pack is not None]
    if differs:
        out.append(
            f"{len(differs)} save(s) were made on a pack whose files differ from yours; they are "
            f"replayed and scored on yours: {', '.join(differs[:8])}"
            + (" …" if len(differs) > 8 else "")
        )
    unfinished = [e.name for e in entries if not e.report.over]
    if unfinished:
        out.append(
            f"{len(unfinished)} game(s) unfinished: {', '.join(unfinished[:8])}"
            + (" …" if len(unfinished) > 8 else "")
        )
    return out


def _outliers(
    entries: list[Entry],
    events: dict[tuple[str, str], EventSummary],
    ending_counts: Counter,
    endings: dict[str, str],
) -> list[Outlier]:
    out: list[Outlier] = []
    n = len(entries)
    by_role: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_role[e.report.role].append(e)
    for role, group in by_role.items():
        if len(group) < 4:
            continue
        totals = sorted(e.report.total for e in group)
        q1, _, q3 = statistics.quantiles(totals, n=4, method="inclusive")
        iqr = q3 - q1
        lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
        median = statistics.median(totals)
        for e in group:
            t = e.report.total
            if (t < lo or t > hi) and abs(t - median) >= MIN_GAP:
                side = "high" if t > hi else "low"
                out.append(
                    Outlier(
                        e.name,
                        e.file,
                        f"unusually {side} score for {e.report.role_name or role}: "
                        f"{t:.0f} (median {median:.0f})",
                    )
                )
    if n >= 5:
        for e in entries:
            end = e.report.ending.id if e.report.ending else "unfinished"
            if ending_counts[end] == 1:
                out.append(Outlier(e.name, e.file, f"the only game to end in “{endings[end]}”"))
        lone: dict[str, list[str]] = defaultdict(list)
        for ev in events.values():
            if ev.faced < 5:
                continue
            for opt in ev.options.values():
                if opt.count == 1:
                    who = next(r.name for r in ev.rationales if r.choice == opt.choice)
                    lone[who].append(f"“{opt.label}” at {ev.title}")
        for name, picks in lone.items():
            file = next((e.file for e in entries if e.name == name), "")
            listed = "; ".join(picks[:3]) + (
                f" and {len(picks) - 3} more" if len(picks) > 3 else ""
            )
            out.append(Outlier(name, file, f"{len(picks)} choice(s) nobody else made: {listed}"))
    for e in entries:
        made = [d for d in e.report.decisions if d.event is not None]
        missing = sum(1 for d in made if not d.rationale.strip())
        if made and missing * 2 >= len(made) and missing >= 2:
            out.append(
                Outlier(e.name, e.file, f"no rationale for {missing} of {len(made)} decisions")
            )
    return out


# -- CSV -------------------------------------------------------------------------------------------


class _SafeCsv:
    """A CSV writer whose every cell is made safe for a spreadsheet (game.inert.csv_cell): a
    name or a rationale that begins with `=` is text, never a formula."""

    def __init__(self, buf) -> None:
        import csv

        self._w = csv.writer(buf, lineterminator="\n")

    def writerow(self, row: list) -> None:
        from game.inert import csv_cell

        self._w.writerow([csv_cell(v) for v in row])


def students_csv(summary: ClassSummary) -> str:
    """One row per game: who (the student's id in the class, and the name as typed), role,
    ending, scores, rationales, predictions, and the student's team and group."""
    import io

    from game.classroom.files import student_id

    objective_ids: list[str] = []  # role:objective (roles have their own objectives)
    for e in summary.entries:
        for s in e.report.scorecard:
            key = f"{e.report.role}:{s.id}"
            if key not in objective_ids:
                objective_ids.append(key)
    buf = io.StringIO()
    w = _SafeCsv(buf)
    w.writerow(
        [
            "file", "student_id", "player", "role", "seed", "classroom", "pack", "pack_version",
            "pack_digest", "pack_check", "save_pack_digest", "over",
            "ending", "ending_title", "total", *[f"score:{o}" for o in objective_ids],
            "decisions", "rationales", "mean_rationale_chars", "prediction_hits",
            "predictions", "team", "group",
        ]
    )  # fmt: skip
    for e in summary.entries:
        r = e.report
        scores = {f"{r.role}:{s.id}": s.score for s in r.scorecard}
        made = [d for d in r.decisions if d.event is not None]
        given = [d.rationale for d in made if d.rationale.strip()]
        w.writerow(
            [
                e.file, student_id(r.player), e.name, r.role, r.seed,
                r.classroom.id if r.classroom else "",
                r.pack.id, r.pack.version, r.pack.digest, e.pack_check,
                r.saved_pack.digest if r.saved_pack else "", r.over,
                r.ending.id if r.ending else "",
                r.ending_title, f"{r.total:.2f}",
                *[f"{scores[o]:.2f}" if o in scores else "" for o in objective_ids],
                len(made), len(given),
                f"{statistics.fmean(len(t) for t in given):.0f}" if given else "0",
                r.predictions.hits if r.predictions else "",
                r.predictions.total if r.predictions else "", e.team, e.group,
            ]
        )  # fmt: skip
    return buf.getvalue()


def decisions_csv(summary: ClassSummary) -> str:
    """One row per decision: for spreadsheets and statistics packages."""
    import io

    buf = io.StringIO()
    w = _SafeCsv(buf)
    w.writerow(["file", "player", "role", "turn", "date", "event", "event_title", "choice",
                "choice_label", "rationale", "predictions_right", "predictions"])  # fmt: skip
    for e in summary.entries:
        for d in e.report.decisions:
            if d.event is None:
                continue
            w.writerow(
                [
                    e.file, e.name, e.report.role, d.turn, d.date, d.event, d.title, d.choice,
                    d.label, d.rationale, sum(1 for p in d.predictions if p.hit),
                    len(d.predictions),
                ]
            )  # fmt: skip
    return buf.getvalue()


def grades_csv(summary: ClassSummary, rubric: list[str]) -> str:
    """One row per student for a gradebook: the student's id and name, role, score, ending,
    predictions right, every memo (one per line, with its turn), and an empty column for each
    of the teacher's `rubric` criteria. A student with several games gets the row of their
    best-scored one."""
    import io

    from game.classroom.files import student_id

    best: dict[str, Entry] = {}
    for e in summary.entries:
        key = student_id(e.report.player) or e.file
        if key not in best or e.report.total > best[key].report.total:
            best[key] = e
    buf = io.StringIO()
    w = _SafeCsv(buf)
    w.writerow(["student_id", "student", "role", "score", "ending", "over",
                "predictions_right", "predictions", "memos", *rubric])  # fmt: skip
    for key, e in sorted(best.items()):
        r = e.report
        memos = "\n".join(
            f"Turn {d.turn}: {d.rationale.strip()}"
            for d in r.decisions
            if d.event is not None and d.rationale.strip()
        )
        w.writerow(
            [
                key, e.name, r.role_name or r.role, f"{r.total:.0f}", r.ending_title, r.over,
                r.predictions.hits if r.predictions else "",
                r.predictions.total if r.predictions else "", memos, *([""] * len(rubric)),
            ]
        )  # fmt: skip
    return buf.getvalue()
