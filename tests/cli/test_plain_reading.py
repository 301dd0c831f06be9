"""A whole game of the shipped pack in plain mode, read as a screen reader's user reads it (issue
13): rules in words, one way to number the ladder, nothing announced for after the last turn, no
markup, each source quoted once, the outcome first and the small shifts folded, the debrief as
full as the full-screen one; and a saved game goes on in plain mode."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.compiler import load_pack
from game.engine.session import Session
from game.views.desk import quoted_on

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "content" / "korean-theater"
EXAMPLE = ROOT / "tests" / "fixtures" / "packs" / "example"
RULE_CODE = re.compile(r"\b[a-z][a-z0-9_]*(\.[a-z0-9_]+)? ?(\+=|-=|\*=|/=|==|!=|>=|<=|=) ?[\w\d(]")


def keys_for(pack_dir: Path, role: str, seed: str) -> tuple[Session, list[str]]:
    """A game that goes through the open options in turn, and the keys that play it."""
    pack = load_pack(pack_dir).pack
    assert pack is not None
    session = Session.start(pack, role, seed)
    keys: list[str] = []
    while not session.over:
        options = session.briefing().open_options
        option = options[len(keys) % len(options)]
        keys.append(str(option.key))
        session = session.submit(option.decision)
    return session, keys


def play(saves: Path, *args: str, stdin: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--saves", str(saves), *args],
        capture_output=True, text=True, input=stdin, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module", params=["us", "russia"])
def game(request, tmp_path_factory) -> tuple[Session, str]:
    """A whole shipped game in plain mode, `d` typed after the first decision."""
    role = request.param
    session, keys = keys_for(SHIPPED, role, "read")
    script = "\n".join([keys[0], "d", *keys[1:]]) + "\n"
    saves = tmp_path_factory.mktemp("saves")
    return session, play(saves, "--role", role, "--seed", "read", stdin=script)


def test_rules_are_said_in_words_with_the_meters_labels(game) -> None:
    _, text = game
    lines = [re.sub(r"https?://\S+", "", line) for line in text.splitlines()]
    code = [line for line in lines if RULE_CODE.search(line)]
    assert code == [], code[:5]
    assert "flags." not in text


def test_the_ladder_is_numbered_one_way(game) -> None:
    session, text = game
    n = len(session.pack.escalation.rungs)
    mentions = re.findall(r"[^\n]{0,12}\brungs?\b[^\n]{0,12}", text)
    numbered = [m for m in mentions if re.search(r"\d", m)]  # "the lowest rungs" is prose
    assert numbered
    for m in numbered:
        assert re.search(rf"rungs? \d+ of {n}\b", m) or "one rung" in m or "rungs of" in m, m
    assert not re.search(r"\d+ of \d+ \(|\(0–\d\)", "\n".join(mentions))


def test_nothing_is_announced_for_after_the_last_turn(game) -> None:
    session, text = game
    turns = session.pack.meta.turns
    later = [int(t) for t in re.findall(r"\b[Tt]urn (\d+)\b(?! of)", text)]
    assert later and max(later) <= turns, sorted(set(later))[-5:]
    last = text.split(f"— Turn {turns} of {turns}")[1].split("Your recommendation>")[0]
    assert "(some of it later)" not in last, last


def test_actors_go_by_their_short_names(game) -> None:
    _, text = game
    assert "(when you do not advise it)" not in text


def test_no_markup_is_read_aloud(game) -> None:
    _, text = game
    for mark in ("**", "__", "](", "<br", "&amp;"):
        assert mark not in text, mark
    assert not re.search(r"^#+ ", text, re.M)


def test_each_source_passage_is_quoted_in_full_once(game) -> None:
    _, text = game
    quotes = [line for line in text.splitlines() if line.startswith("“") and len(line) > 200]
    assert quotes
    repeated = {q[:60] for q in quotes if quotes.count(q) > 1}
    assert not repeated, repeated


def test_the_outcome_first_then_the_objectives_and_the_drift_folded(game) -> None:
    _, text = game
    turns = text.split("You recommended: ")[1:]
    assert turns
    folded = 0
    for turn in turns:
        body = turn.split("— Turn ")[0].split("===")[0]
        heads = [h for h in ("What happened:", "Your objectives:", "What changed, and why:")
                 if h in body]  # fmt: skip
        assert heads == sorted(heads, key=body.index), heads
        if "small shifts" in body:
            folded += 1
            assert "(type d to list them)" in body
    assert folded, "no turn folds its small shifts"
    shifts = text.split("The small shifts:\n")[1].split("\n\n")[0]
    assert "(world rule)" in shifts or "(another actor)" in shifts, shifts
    assert text.count("world rule") < len(turns) * 6  # the drift is on request, not in every turn


def test_the_plain_debrief_has_the_reality_note_sources_and_questions(game) -> None:
    session, text = game
    debrief = text.split(f"=== {session.ending().title} ===")[1]
    reality = session.ending().reality
    assert reality is not None and "In reality" in debrief
    cites = [session.pack.sources[s].cite for s in reality.sources]
    assert all(c in debrief for c in cites), cites
    assert session.pack.questions and "For discussion:" in debrief
    for i, (question, _) in enumerate(session.pack.questions, 1):
        assert f"{i}. {question.split()[0]}" in debrief


def test_why_a_briefing_came_is_in_words_and_w_gives_the_figures(tmp_path: Path) -> None:
    text = play(tmp_path, "--role", "us", "--seed", "read", stdin="w\nq\n")
    why = [line for line in text.splitlines() if line.startswith("Why this reached you:")]
    assert why and not any("tier" in w or "weight" in w for w in why), why
    assert "scheduler" in text.split("Why this reached you:")[2]


def test_a_saved_game_goes_on_in_plain_mode(tmp_path: Path) -> None:
    session, keys = keys_for(EXAMPLE, "us", "goon")
    first = play(tmp_path, "--pack", str(EXAMPLE), "--role", "us", "--seed", "goon",
                 stdin="\n".join(keys[:2]) + "\nq\n")  # fmt: skip
    assert "— Turn 3 of" in first
    rest = play(tmp_path, "--pack", str(EXAMPLE), "--continue",
                stdin="\n".join(keys[2:]) + "\n")  # fmt: skip
    assert "— Turn 3 of" in rest and "— Turn 1 of" not in rest
    assert f"=== {session.ending().title} ===" in rest


def test_news_is_told_once_and_a_returning_briefing_says_so(game) -> None:
    session, text = game
    news = []
    for part in text.split("\nNews:\n")[1:]:
        news += [line for line in part.split("\n\n")[0].splitlines() if line.startswith("  ")]
    assert news and len(news) == len(set(news)), [n for n in news if news.count(n) > 1][:3]
    seen: set[str] = set()
    for state in session.states()[:-1]:
        for event_id in state.desk[:1]:  # the briefing read out on its turn
            title = session.pack.events_by_id[event_id].title
            turn = text.split(f"— Turn {state.turn} of ")[1].split("Your recommendation>")[0]
            if event_id in seen:
                assert "Back on your desk" in turn, title
            seen.add(event_id)
            seen.update(state.desk)


def test_the_events_own_effects_are_credited_to_it(game) -> None:
    """An effect every option of the briefing has happens whatever the advisor chooses: it is
    the event's, not "your decision"."""
    session, text = game
    pack, role = session.pack, session.role
    credited = 0
    for step, part in zip(session.steps, text.split("You recommended: ")[1:], strict=False):
        event = pack.events_by_id.get(step.report.event or "")
        options = event.choices_for(role) if event is not None else ()
        if len(options) < 2:
            continue
        common = set.intersection(*({e.stmt.src for e in c.effects} for c in options))
        body = part.split("— Turn ")[0]
        line = f"{event.title}  (the event itself, whatever you chose)"
        if common and line in body:
            credited += 1
        for c in options:  # what every option does is never said to be the decision's
            for e in c.effects:
                if e.stmt.src in common:
                    assert f"{e.stmt.src}  (your decision)" not in body
    assert credited


# The routine news of ordinary months and the highest rung it still fits (world.toml's `when`s).
ROUTINE_NEWS = {"harvest": 1, "abducted": 2, "Dandong": 3}


def test_the_routine_news_of_a_calm_month_never_comes_in_a_crisis() -> None:
    """Pyongyang's harvest report, Tokyo's abductions appeal and the trucks at Dandong are the
    news of ordinary months: never on a rung higher than they fit."""
    pack = load_pack(SHIPPED).pack
    assert pack is not None and pack.escalation is not None
    slot = pack.escalation.slot
    told = dict.fromkeys(ROUTINE_NEWS, 0)
    for seed in range(20):
        for role in pack.roles:
            session = Session.start(pack, role, f"calm-{seed}")
            while not session.over:  # half the games climb the ladder as fast as they can
                options = session.briefing().open_options
                hawkish = [o for o in options if "hawkish" in o.tags and seed % 2]
                session = session.submit((hawkish or options)[0].decision)
            states = session.states()
            for i, step in enumerate(session.steps):
                rungs = (states[i].values[slot], states[i + 1].values[slot])  # before, after
                for news in step.report.news:
                    for words, highest in ROUTINE_NEWS.items():
                        if words in news.text:
                            told[words] += 1
                            # judged mid-turn: the turn's own changes may move a rung either way
                            assert min(rungs) <= highest + 1, (words, seed, role, step.report.turn)
    assert all(told.values()), told


def test_f_reads_a_folded_passage_in_full_even_on_an_agenda_turn(tmp_path: Path) -> None:
    """`f` reads the briefing shown in full, as on the desk, also where `b` names briefing b;
    and the help has no backticks for a screen reader to read aloud."""
    pack = load_pack(SHIPPED).pack
    assert pack is not None
    for seed in ("read", "fold", "agenda"):
        session, keys = Session.start(pack, "us", seed), []
        while not session.over:
            shown = session.agenda()[0]
            folded = shown.source is not None and shown.source.quote and quoted_on(session, shown)
            if folded and len(session.state.desk) > 1:
                break
            option = session.briefing().open_options[
                len(keys) % len(session.briefing().open_options)
            ]
            keys.append(str(option.key))
            session = session.submit(option.decision)
        else:
            continue
        break
    else:
        pytest.fail("no seed has a folded passage on an agenda turn")
    text = play(tmp_path, "--role", "us", "--seed", seed, stdin="\n".join([*keys, "f", "h", "q"]))
    turn = text.split(f"— Turn {session.state.turn} of", 1)[1]
    quote = shown.source.quote.strip()
    assert f"“{quote}”" in turn, "f did not read the passage in full"
    assert "f reads it again" in turn
    help_text = turn.split("Commands:")[-1]
    assert "`" not in help_text and "f the briefing again, in full" in help_text
