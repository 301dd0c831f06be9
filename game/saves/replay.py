"""From a session to its save, and back by replaying the decisions against a pack.

When the pack has changed since the save was made, the replay goes as far as the saved decisions
still fit and says exactly where and why it stops or drifts: an event or a choice that is gone,
closed or no longer drawn, a choice whose rules were edited, a state that came out different.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from typing import Any

from game.engine.pack import Effect, Later, Pack
from game.engine.session import ChoiceError, Session
from game.engine.state import GameState
from game.saves.format import ClassroomPart, Decision, PackRef, SaveData, StateSummary

MAX_LISTED = 6  # value differences named in one note


@functools.lru_cache(maxsize=1)
def game_version() -> str:
    try:
        from importlib.metadata import version

        return version("korean-theater")
    except Exception:  # not installed: a checkout run without `pip install -e`
        return "unknown"


# -- fingerprints and summaries --------------------------------------------------------------


def _effects(effects: tuple[Effect, ...]) -> list[list[object]]:
    return [
        [e.stmt.src, e.mode, e.turns, e.factor, e.when.src if e.when is not None else None]
        for e in effects
    ]


def _later(later: tuple[Later, ...]) -> list[list[object]]:
    return [[x.delay, x.event, _effects(x.effects), x.hidden, x.force] for x in later]


def choice_spec(pack: Pack, event_id: str | None, choice_id: str) -> str:
    """A short fingerprint of what a choice does (not of its wording); '' for a quiet month."""
    event = pack.events_by_id.get(event_id) if event_id else None
    choice = next((c for c in event.choices if c.id == choice_id), None) if event else None
    if choice is None:
        return ""
    spec: list[Any] = [
        choice.id,
        sorted(choice.roles),
        choice.when.src,
        _effects(choice.effects),
        [[o.chance.src, _effects(o.effects), _later(o.later)] for o in choice.outcomes],
        _later(choice.later),
    ]
    payload = json.dumps(spec, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def summarize(pack: Pack, state: GameState) -> StateSummary:
    values: dict[str, bool | float | str] = {}
    for v in pack.variables:
        values[v.id] = state.values[v.slot]
    for f in pack.flags:
        values[f"flags.{f.id}"] = state.values[f.slot]
    for a in pack.assumptions:
        values[f"assume.{a.id}"] = state.values[a.slot]
    for s in pack.situations:
        values[f"situation.{s.id}"] = state.values[s.slot]
    return StateSummary(
        turn=state.turn,
        date=pack.date_of(state.turn),
        event=state.event,
        ending=state.ending,
        digest=state.digest(),
        values=values,
    )


def _text(text: str) -> str:
    """Text as UTF-8 can hold it: a lone surrogate (never typed, but possible) becomes '?'."""
    return text.encode("utf-8", "replace").decode("utf-8")


def snapshot(
    session: Session,
    started_at: dt.datetime,
    saved_at: dt.datetime,
    classroom: ClassroomPart | None = None,
) -> SaveData:
    pack = session.pack
    decisions = []
    before = session.start_state
    for step in session.steps:
        decisions.append(
            Decision(
                turn=before.turn,
                event=before.event,
                choice=step.choice,
                rationale=_text(step.rationale),
                digest=step.state.digest(),
                spec=choice_spec(pack, before.event, step.choice),
            )
        )
        before = step.state
    return SaveData(
        game_version=game_version(),
        pack=PackRef(
            id=pack.meta.id, title=pack.meta.title, version=pack.meta.version, digest=pack.digest
        ),
        role=session.role,
        seed=session.seed,
        assumptions=dict(session.assumptions),
        started_at=started_at,
        saved_at=saved_at,
        decisions=decisions,
        state=summarize(pack, session.state),
        classroom=classroom,
    )


# -- the replay ------------------------------------------------------------------------------


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _differences(saved: dict[str, Any], now: dict[str, Any]) -> list[str]:
    out = []
    for name, old in saved.items():
        if name not in now:
            out.append(f"{name} no longer exists")
        elif now[name] != old and not (
            isinstance(old, float) and isinstance(now[name], float) and abs(old - now[name]) < 1e-9
        ):
            out.append(f"{name} {_fmt(now[name])} (saved {_fmt(old)})")
    if len(out) > MAX_LISTED:
        out = [*out[:MAX_LISTED], f"and {len(out) - MAX_LISTED} more"]
    return out


def _quiet(pack: Pack) -> str:
    return pack.meta.quiet_title.lower()  # "a quiet month"


def _why_refused(pack: Pack, state: GameState, d: Decision) -> str:
    where = f"turn {d.turn}"
    event = pack.events_by_id.get(state.event) if state.event else None
    if event is None:
        return f"{where}: the save chose {d.choice!r}, but this is now {_quiet(pack)}"
    choice = next((c for c in event.choices if c.id == d.choice), None)
    if choice is None:
        return f"{where}: choice {d.choice!r} of event {event.id!r} no longer exists"
    if state.role not in choice.roles:
        return (
            f"{where}: choice {d.choice!r} of event {event.id!r} is no longer open to "
            f"the role {state.role!r}"
        )
    why = choice.closed_text or f"it requires {choice.when.src}"
    return f"{where}: choice {d.choice!r} of event {event.id!r} is now closed ({why})"


def _why_other_event(pack: Pack, state: GameState, d: Decision) -> str | None:
    """Why the event on the desk is not the saved one, or None when it is."""
    where = f"turn {d.turn}"
    if d.event is not None and d.event not in pack.events_by_id:
        return f"{where}: event {d.event!r} no longer exists"
    if not d.digest or d.event == state.event:  # a version-1 record does not know its events
        return None
    if d.event is None:
        return f"{where}: the save had {_quiet(pack)} here, but the pack now draws {state.event!r}"
    if state.event is None:
        return f"{where}: event {d.event!r} is no longer drawn here (it is now {_quiet(pack)})"
    return f"{where}: event {state.event!r} is now drawn where the save had {d.event!r}"


def _why_drifted(pack: Pack, d: Decision) -> str:
    where = f"turn {d.turn}"
    if d.event is None:
        return (
            f"{where}: the quiet {pack.meta.step} now leads to a different state than in the "
            "save: the pack's rules, actors or situations changed"
        )
    what = f"choice {d.choice!r} of event {d.event!r}"
    if d.spec and choice_spec(pack, d.event, d.choice) != d.spec:
        return (
            f"{where}: {what} has changed since the save (its effects, outcomes or conditions "
            "differ); the game follows the new rules from here"
        )
    return (
        f"{where}: {what} is unchanged, but the state after it differs from the save: the "
        "pack's rules, actors, situations or other content changed"
    )


def restore(data: SaveData, pack: Pack) -> tuple[Session, list[str]]:
    """The session the save describes, replayed on `pack`, and notes on every divergence.

    The caller has checked that the pack's id and the role match. Never raises ChoiceError:
    the replay stops at the first decision that no longer fits, and says so.
    """
    problems: list[str] = []
    known = {a.id for a in pack.assumptions}
    for name in data.assumptions:
        if name not in known:
            problems.append(f"assumption {name!r} no longer exists in the pack; ignored")
    session = Session.start(pack, data.role, data.seed, data.assumptions)
    total = len(data.decisions)
    drifted_at: int | None = None  # the turn of the first drift reported
    suspect: Decision | None = None  # drifted, unexplained yet: maybe only the next draw moved
    stopped: str | None = None
    stop_turn = 0
    done = 0

    def drift(d: Decision) -> None:
        nonlocal drifted_at
        drifted_at = d.turn
        problems.append(_why_drifted(pack, d))

    for d in data.decisions:
        stop_turn = d.turn
        state = session.state
        if state.over:
            stopped = f"turn {d.turn}: the game now ends before this decision ({state.ending!r})"
            break
        stopped = _why_other_event(pack, state, d)
        if stopped:
            break
        if suspect is not None:  # the same event came up: the drift was in the values
            drift(suspect)
            suspect = None
        try:
            session = session.submit(d.choice, d.rationale)
        except ChoiceError:
            stopped = _why_refused(pack, state, d)
            break
        except Exception as e:  # an engine or pack bug: report it, keep what was replayed
            stopped = f"turn {d.turn}: the game fails on this decision ({type(e).__name__}: {e})"
            break
        done += 1
        if d.digest and drifted_at is None and session.state.digest() != d.digest:
            if d.spec and choice_spec(pack, d.event, d.choice) != d.spec:
                drift(d)  # the choice itself was edited: say so at once
            else:
                suspect = d
    if stopped:
        if drifted_at is not None and drifted_at < stop_turn:
            stopped += f" (following the change at turn {drifted_at})"
        problems.append(f"{stopped}; replayed {done} of {total} decisions")
        return session, _context(data, pack, problems)
    if suspect is not None:
        drift(suspect)
    if session.state.digest() != data.state.digest:
        diffs = _differences(data.state.values, summarize(pack, session.state).values)
        if data.state.ending != session.state.ending:
            now = repr(session.state.ending) if session.state.ending else "none yet"
            saved = repr(data.state.ending) if data.state.ending else "none"
            diffs.insert(0, f"ending {now} (saved {saved})")
        if drifted_at is None:
            detail = ": " + ", ".join(diffs) if diffs else " (its digest differs)"
            problems.append(f"after all {total} decisions the state differs from the save{detail}")
        elif diffs:
            problems.append(f"after all {total} decisions: " + ", ".join(diffs))
    return session, _context(data, pack, problems)


def _context(data: SaveData, pack: Pack, problems: list[str]) -> list[str]:
    """Add what changed since the save (the pack, or the game) when anything diverged."""
    if problems:
        if data.pack.digest and data.pack.digest != pack.digest:
            change = (
                f"version {data.pack.version} → {pack.meta.version}"
                if data.pack.version != pack.meta.version
                else f"version {pack.meta.version}, files edited"
            )
            problems.append(f"pack {pack.meta.id!r} changed since this save ({change})")
        elif data.game_version != game_version():
            problems.append(
                f"the game changed since this save ({data.game_version} → {game_version()})"
            )
    return problems
