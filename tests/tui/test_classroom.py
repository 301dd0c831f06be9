"""Classroom mode in the full-screen game: the student's name, the locked seed and roles, the
memo that must pass, predict-then-reveal, hidden numbers, the classroom save and the report."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from textual.widgets import Input, OptionList, Static, TabbedContent
from tui_support import CLASSROOM, make_classroom_app, open_new_game, wait_for, wait_screen

from game.commands.play import play_tui
from game.report.load import read_report
from game.saves import read_save
from game.tui.widgets.meters import MeterRow

MEMO = "Deterrence is cheap now"


def screen_text(app) -> str:
    """Everything the text widgets of the current screen show."""
    return "\n".join(str(w.render()) for w in app.screen.query("Static, ReportBody"))


async def start_as(pilot, name: str = "Ada Lovelace") -> None:
    await open_new_game(pilot, roles=1)
    await pilot.press(*name, "enter")  # the name field has the focus; Enter goes to the roles
    await pilot.press("enter")
    await wait_screen(pilot, "DeskScreen")


async def decide(pilot, memo: str = MEMO, predict: str = "u") -> None:
    """Choose the first option with a memo and a prediction; wait for the consequences."""
    app = pilot.app
    await pilot.press("1")
    app.screen.query_one("#rationale", Input).value = memo
    await pilot.press("enter")
    await wait_screen(pilot, "PredictScreen")
    await pilot.press(predict, "enter")
    await wait_screen(pilot, "ConsequencesScreen")


async def test_new_game_locks_the_seed_and_offers_only_the_classroom_roles(tmp_path: Path) -> None:
    app = make_classroom_app(tmp_path / "saves", tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        assert "Week 6" in screen_text(app) and "class-3" in screen_text(app)
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one("#roles", OptionList).option_count == 1)
        seed = screen.query_one("#seed", Input)
        assert seed.value == "class-3" and seed.disabled
        assert screen.query_one("#player", Input).has_focus
        await pilot.press("ctrl+r")  # reseed is not offered
        assert seed.value == "class-3"
        await pilot.press("tab", "enter")  # a role, but no name yet
        assert type(app.screen).__name__ == "NewGameScreen"
        assert screen.query_one("#player", Input).has_focus
        await pilot.press(*"Ada", "enter", "enter")
        await wait_screen(pilot, "DeskScreen")
        session = app.screen.session
        assert (session.role, session.seed) == ("us", "class-3")
        assert session.assumptions["china_restrains"] is False
        assert app.classroom.player == "Ada"


async def test_a_memo_is_needed_and_predictions_are_revealed(tmp_path: Path) -> None:
    app = make_classroom_app(tmp_path / "saves", tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot)
        desk = app.screen
        memo = desk.query_one("#rationale", Input)
        assert memo.display and "at least 10 characters" in str(memo.border_title)
        await pilot.press("1", "enter")  # no memo: nothing is decided
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen"
        assert not desk.session.steps and memo.has_focus
        memo.value = "short"
        await pilot.press("enter")
        await pilot.pause()
        assert not desk.session.steps
        memo.value = MEMO
        await pilot.press("enter")
        await wait_screen(pilot, "PredictScreen")
        await pilot.press("enter")  # nothing predicted yet: the modal stays
        assert type(app.screen).__name__ == "PredictScreen"
        await pilot.press("escape")  # back to the desk; still nothing decided
        await wait_screen(pilot, "DeskScreen")
        assert not desk.session.steps
        await pilot.press("enter")
        await wait_screen(pilot, "PredictScreen")
        await pilot.press("d", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        session = app.screen.session
        assert session.steps[0].rationale == MEMO
        [prediction] = app.classroom.predictions
        assert prediction.expect == {"tension": "down"}
        assert prediction.turn == session.states()[0].turn
        [scored] = app.classroom.reveal(session, 0)
        text = screen_text(app)
        assert "your predictions" in text.lower()
        assert f"you said down, it went {scored.actual}" in text


async def test_hidden_numbers_show_words(tmp_path: Path) -> None:
    app = make_classroom_app(
        tmp_path / "saves", tmp_path, ("whatif_runs = 3", "whatif_runs = 3\nhide_numbers = true")
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await start_as(pilot)
        rows = list(app.screen.query(MeterRow))
        assert rows
        for row in rows:
            shown = str(row.render())
            assert not re.search(r"\d", shown), shown
        await decide(pilot)
        text = screen_text(app)
        assert "roll" not in text and "%" not in text
        assert not re.search(r"[▲▼][+−-]?\d", text), "a change is shown with its figure"


async def test_a_whole_classroom_game_leaves_a_save_a_record_and_a_report(
    tmp_path: Path,
) -> None:
    saves = tmp_path / "saves"
    app = make_classroom_app(saves, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot)
        turns = 0
        while type(app.screen).__name__ == "DeskScreen":
            await decide(pilot, predict="usd"[turns % 3])
            await pilot.press("enter")
            await wait_for(
                pilot, lambda: type(app.screen).__name__ in ("DeskScreen", "DebriefScreen")
            )
            turns += 1
        assert turns == 4  # the classroom's turn limit
        await pilot.press("5")
        assert app.screen.query_one(TabbedContent).active == "classroom"
        await wait_for(pilot, lambda: "Your report" in screen_text(app), timeout=30)
        text = screen_text(app)
        assert "what if you had chosen otherwise?" in text.lower()
        session = app.screen.session
    save = saves / "week-6-Ada-Lovelace-us.json"
    assert save.is_file(), sorted(p.name for p in saves.iterdir())
    part = read_save(save).classroom
    assert part is not None and part.settings["classroom"]["seed"] == "class-3"
    assert part.player == "Ada Lovelace" and len(part.predictions) == 4
    report, problems = read_report(saves / "reports" / "week-6-Ada-Lovelace-us.json")
    assert report is not None, problems
    assert report.player == "Ada Lovelace" and report.seed == "class-3"
    assert [d.rationale for d in report.decisions if d.choice] == [MEMO] * 4
    assert report.predictions is not None and report.predictions.total == 4
    assert report.counterfactuals and report.counterfactuals[0].runs == 3
    assert report.ending is not None and report.ending.id == session.ending().id
    assert json.loads((saves / "reports" / "week-6-Ada-Lovelace-us.json").read_text())


async def test_a_second_student_never_overwrites_the_first(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    for _ in range(2):
        app = make_classroom_app(saves, tmp_path)
        async with app.run_test(size=(100, 32)) as pilot:
            await start_as(pilot, "Kim")
            await decide(pilot)
        app.flush_saves()
    names = sorted(p.name for p in saves.glob("*.json"))
    assert names == ["week-6-Kim-us-2.json", "week-6-Kim-us.json"]


async def test_loading_a_classroom_save_gives_back_the_name_and_predictions(
    tmp_path: Path,
) -> None:
    saves = tmp_path / "saves"
    app = make_classroom_app(saves, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot, "Lee")
        await decide(pilot, predict="s")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
    app.flush_saves()

    again = make_classroom_app(saves, tmp_path)
    async with again.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: again.latest_save is not None)
        await pilot.press("c")
        await wait_screen(pilot, "StudentScreen")
        await pilot.press(*"lee", "enter")  # the name as the student gave it, in any case
        await wait_screen(pilot, "DeskScreen")
        game = again.classroom
        assert game.player == "Lee" and game.slot == "week-6-Lee-us"
        assert [p.expect for p in game.predictions] == [{"tension": "steady"}]
        await decide(pilot)
    again.flush_saves()
    part = read_save(saves / "week-6-Lee-us.json").classroom
    assert part is not None and len(part.predictions) == 2


async def test_a_save_of_another_world_is_refused(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    app = make_classroom_app(saves, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot)
        await decide(pilot)
    app.flush_saves()

    other = make_classroom_app(saves, tmp_path, ('seed = "class-3"', 'seed = "class-4"'))
    async with other.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: other.latest_save is not None)
        await pilot.press("c")
        await wait_screen(pilot, "StudentScreen")
        await pilot.press(*"Ada Lovelace", "enter")
        await wait_for(pilot, lambda: bool(other._notifications))
        assert type(other.screen).__name__ == "TitleScreen"
        notes = list(other._notifications)
        assert any("class-4" in n.message and n.severity == "error" for n in notes), [
            n.message for n in notes
        ]


def cli_args(tmp_path: Path, classroom: Path, **over) -> argparse.Namespace:
    args = dict(pack=None, role=None, seed=None, saves=str(tmp_path / "saves"), watch=False)
    args.update(over)
    return argparse.Namespace(plain=False, classroom=str(classroom), **args)


def test_a_broken_classroom_file_stops_before_the_screen_is_taken(tmp_path: Path, capsys) -> None:
    path = tmp_path / "class.toml"
    path.write_text(CLASSROOM.replace("turns = 4", 'turns = "four"'), encoding="utf-8")
    assert play_tui(cli_args(tmp_path, path)) == 1
    err = capsys.readouterr().err
    assert f"{path}:7:1: C504" in err and "turns" in err


def test_the_command_line_must_agree_with_the_classroom(tmp_path: Path, capsys) -> None:
    path = tmp_path / "class.toml"
    path.write_text(CLASSROOM, encoding="utf-8")
    assert play_tui(cli_args(tmp_path, path, seed="other")) == 2
    assert "class-3" in capsys.readouterr().err
    assert play_tui(cli_args(tmp_path, path, role="russia")) == 2
    assert "us" in capsys.readouterr().err


async def test_help_explains_the_classroom_rules(tmp_path: Path) -> None:
    app = make_classroom_app(tmp_path / "saves", tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot)
        app.screen.query_one("#choices").focus()  # not the memo, where ? is typed
        await pilot.press("question_mark")
        await wait_screen(pilot, "HelpScreen")
        text = screen_text(app)
        assert "In this class: Week 6" in text and "'class-3'" in text
        assert "memo of at least 10 characters" in text
        assert "PREDICT (CLASSROOM)" in text and "u up, d down, s steady" in text


async def test_a_game_saved_with_s_keeps_the_student_and_the_predictions(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    app = make_classroom_app(saves, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot, "Noor")
        await decide(pilot, predict="d")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        app.screen.query_one("#choices").focus()
        await pilot.press("s")
        await wait_screen(pilot, "SaveScreen")
        app.screen.query_one("#slot", Input).value = "before-the-vote"
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
    app.flush_saves()
    part = read_save(saves / "before-the-vote.json").classroom
    assert part is not None and part.player == "Noor"
    assert [p["expect"] for p in part.predictions] == [{"tension": "down"}]


async def test_the_dashboard_reads_as_the_prediction_was_scored(tmp_path: Path) -> None:
    """With moves under 6 counted steady, the tension meter's words after the reveal agree with
    the verdict on the prediction."""
    app = make_classroom_app(
        tmp_path / "saves",
        tmp_path,
        ("whatif_runs = 3", "whatif_runs = 3\nhide_numbers = true"),
        ("steady = 1", "steady = 6"),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await start_as(pilot)
        for _ in range(3):
            await decide(pilot, predict="u")
            session = app.screen.session
            [scored] = app.classroom.reveal(session, len(session.steps) - 1)
            await pilot.press("enter")
            await wait_screen(pilot, "DeskScreen")
            await pilot.pause(0.3)  # the desk catches up after the consequences
            [row] = [r for r in app.screen.query(MeterRow) if r.var.id == "tension"]
            reading = str(row.parts.figure)
            assert reading.endswith("steady") == (scored.actual == "steady"), (reading, scored)


async def test_on_a_shared_machine_continue_and_load_are_the_students_own(tmp_path: Path) -> None:
    """Ada plays and leaves; Kim sits down: Continue and Load ask the name, and Kim never gets
    Ada's game; Ada, back at any machine of the class, gets hers."""
    saves = tmp_path / "saves"
    app = make_classroom_app(saves, tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_as(pilot, "Ada")
        await decide(pilot)
    app.flush_saves()

    kim = make_classroom_app(saves, tmp_path)
    async with kim.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: kim.latest_save is not None)
        await pilot.press("c")
        await wait_screen(pilot, "StudentScreen")
        await pilot.press(*"Kim", "enter")
        await wait_for(pilot, lambda: any("'Kim'" in n.message for n in kim._notifications))
        assert type(kim.screen).__name__ == "TitleScreen" and kim.classroom is None
        await pilot.press("l")
        await wait_screen(pilot, "StudentScreen")
        await pilot.press(*"Kim", "enter")
        await wait_screen(pilot, "SaveScreen")
        await pilot.pause(0.3)
        assert kim.screen.infos == [] and "No game is saved under" in screen_text(kim)
        await pilot.press("escape")
        await wait_screen(pilot, "TitleScreen")
        await pilot.press("l")
        await wait_screen(pilot, "StudentScreen")
        await pilot.press(*"ada", "enter")
        await wait_screen(pilot, "SaveScreen")
        await wait_for(pilot, lambda: len(kim.screen.infos) == 1)
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        assert kim.classroom.player == "Ada" and len(kim.screen.session.steps) == 1


ASSIGNED = '\n[[assign]]\nteam = "Kremlin"\nrole = "russia"\nstudents = ["Ada Kim"]\n'
GROUP = '\n[[group]]\nname = "B"\nteams = ["Kremlin"]\nseed = "b-3"\n'


async def test_a_role_the_teacher_gave_is_chosen_and_locked(tmp_path: Path) -> None:
    app = make_classroom_app(
        tmp_path / "saves",
        tmp_path,
        ('roles = ["us"]', 'roles = ["us", "russia"]'),
        ("hawk_bias = 1.5\n", "hawk_bias = 1.5\n" + ASSIGNED + GROUP),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        screen = app.screen
        roles = screen.query_one("#roles", OptionList)
        await wait_for(pilot, lambda: roles.option_count == 2)
        line = screen.query_one("#assigned", Static)
        await pilot.press(*"Cy")  # a student without a role chooses one
        assert not line.display and not roles.disabled
        assert screen.query_one("#seed", Input).value == "class-3"
        await pilot.press("backspace", "backspace", *"ada  KIM")
        await wait_for(pilot, lambda: line.display)
        assert roles.disabled and roles.highlighted == 1
        assert screen.query_one("#seed", Input).value == "b-3"  # the group's, shown locked
        assert "Your teacher has given you the role" in str(line.render())
        assert "Kremlin" in str(line.render())
        await pilot.press("enter")  # the role is the teacher's: Enter starts
        await wait_screen(pilot, "DeskScreen")
        session = app.screen.session
        assert (session.role, session.seed) == ("russia", "b-3")  # the group's seed
