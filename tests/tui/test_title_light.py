"""The title is light: it says what the pack is and what Continue resumes without loading the pack
or reading the saves whole (no pydantic, no schema, no engine); the pack loads when a game is
opened, and its problems show there."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from textual.widgets import OptionList, Static
from tui_support import EXAMPLE, wait_for, wait_screen

from game.content.packs import for_play
from game.engine.session import Session
from game.saves.store import SaveStore
from game.tui.app import KoreanTheaterApp
from game.tui.services import PackLibrary, SaveShelf, Settings

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pydantic", "game.content.", "game.engine", "game.saves.format", "game.saves.store")
# the resolver of pack folders the command line goes through, and the TOML reader's parser
# (with its problems and the limits they name), which read pack.toml for the title
LIGHT = {
    "game.content.packs",
    "game.content.tomlread",
    "game.content.tomlerrors",
    "game.content.locate",
    "game.content.problems",
    "game.engine",
    "game.engine.limits",
}

# The app as `play --pack PACK --saves SAVES` builds it, started headless and left on the title
# until what it shows of the pack and of the newest save has been read, and every worker is done.
AT_THE_TITLE = textwrap.dedent(
    """
    import argparse, asyncio, json, sys, time
    from game.commands.play import prepare_tui

    pack, saves = sys.argv[1], sys.argv[2]
    args = argparse.Namespace(
        pack=pack, role=None, seed=None, watch=False, classroom=None, saves=saves
    )
    app = prepare_tui(args).app(saves)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            deadline = time.monotonic() + 20
            while app.pack_about is None or app.latest_save is None:
                assert time.monotonic() < deadline, "the title never said what the pack is"
                await pilot.pause(0.02)
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            print(json.dumps({
                "persistent": app.saves.persistent,  # the saves screen asks, on the UI thread
                "screen": type(app.screen).__name__,
                "line": str(app.screen.query_one("#pack-line").content),
                "continue": str(app.screen.query_one("#menu").get_option("continue").prompt),
                "modules": sorted(sys.modules),
            }))

    asyncio.run(main())
    """
)


def saved_game(saves: Path, pack: Path = EXAMPLE, turns: int = 1) -> Session:
    result = for_play(pack)
    assert result.pack is not None
    session = Session.start(result.pack, "us", "light")
    for _ in range(turns):
        session = session.submit(session.briefing().open_options[0].id)
    SaveStore(saves).save(session)
    return session


def test_the_title_imports_neither_pydantic_nor_the_content_nor_the_engine(tmp_path) -> None:
    saves = tmp_path / "saves"
    saved_game(saves)
    run = subprocess.run(
        [sys.executable, "-c", AT_THE_TITLE, str(EXAMPLE), str(saves)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["screen"] == "TitleScreen"
    assert seen["persistent"] is True
    assert "Example: A Winter on the Peninsula" in seen["line"]
    assert "6 turns" in seen["line"] and "United States, Russia" in seen["line"]
    assert "us · turn 2" in seen["continue"]
    heavy = [m for m in seen["modules"] if m.startswith(HEAVY) and m not in LIGHT]
    assert not heavy, heavy
    assert "textual" in seen["modules"]  # the check sees what the process imported


async def test_continue_says_a_finished_game_is_over_on_a_line_of_its_own(
    app_factory, tmp_path
) -> None:
    saved_game(tmp_path / "saves", turns=6)  # the example pack's last turn: the game is over
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.latest_save is not None)
        await pilot.pause()
        prompt = str(app.screen.query_one("#menu", OptionList).get_option("continue").prompt)
        assert prompt.splitlines()[1].strip().startswith("us · the game is over · ")
        assert "turn 7" not in prompt


async def test_new_game_loads_the_pack_and_starts_by_keyboard(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        assert app.packs.cached(EXAMPLE) is None  # the title has not loaded it
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        await wait_for(pilot, lambda: app.screen.query_one("#roles", OptionList).option_count == 2)
        await pilot.press("enter")  # the first role
        await wait_screen(pilot, "DeskScreen")
        assert app.screen.session.role == "us"
        assert app.packs.cached(EXAMPLE) is not None


async def test_a_broken_pack_shows_its_problems_when_new_game_opens(pack_copy, app_factory):
    pack = pack_copy({"events.toml": [('when = "turn >= 2"', 'when = "turn >= "')]})
    app = app_factory(pack=pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        line = app.screen.query_one("#pack-line", Static)
        assert "Example: A Winter on the Peninsula" in str(line.content)  # from pack.toml
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        objectives = app.screen.query_one("#objectives", Static)
        await wait_for(pilot, lambda: "cannot be played" in str(objectives.content))
        assert "events.toml:" in str(objectives.content) and "X001" in str(objectives.content)
        assert any("problem(s)" in (n.title or "") for n in app._notifications)
        assert app.return_code is None  # the game goes on: another pack may be chosen
        await pilot.press("escape")
        await wait_screen(pilot, "TitleScreen")
        assert "The pack has 1 problem(s)." in str(line.content)


async def test_a_pack_toml_that_cannot_be_read_is_said_plainly(pack_copy, app_factory) -> None:
    pack = pack_copy({"pack.toml": [("[pack]", "[pack")]})
    app = app_factory(pack=pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        line = str(app.screen.query_one("#pack-line", Static).content)
        assert "The pack cannot be read:" in line and "pack.toml:4:" in line


async def test_continue_resumes_the_newest_save(app_factory, tmp_path: Path) -> None:
    played = saved_game(tmp_path / "saves", turns=2)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.latest_save is not None)
        assert app.latest_save.turn == 3 and app.latest_save.role == "us"
        await pilot.press("c")
        await wait_screen(pilot, "DeskScreen")
        assert app.screen.session.choices == played.choices
        assert app.screen.session.state.digest() == played.state.digest()


async def test_keys_typed_while_the_pack_opens_wait_for_it(tmp_path: Path) -> None:
    """`n` then Enter at once, as a fast typist or a browser sends them: Enter starts the game
    with the first role once the pack has loaded, rather than warning that none is open."""

    def slow(path: Path):
        time.sleep(0.5)  # a big pack, or a busy machine
        return for_play(path)

    app = KoreanTheaterApp(
        PackLibrary([EXAMPLE], loader=slow), SaveShelf(tmp_path / "saves"), Settings(EXAMPLE)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.pack_about is not None)
        await pilot.press("n", "enter")
        await wait_screen(pilot, "DeskScreen", timeout=20)
        assert app.screen.session.role == "us"
