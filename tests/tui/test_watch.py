"""`--watch`: the pack reloads when a file changes and the game replays to where it was."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_support import wait_for, wait_screen

from game.tui.services import PackWatcher


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_watcher_sees_edits_new_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text("a = 1\n")
    watcher = PackWatcher(tmp_path)
    assert not watcher.changed()
    (tmp_path / "pack.toml").write_text("a = 22\n")
    assert watcher.changed()
    assert not watcher.changed()
    (tmp_path / "more.toml").write_text("")
    assert watcher.changed()
    (tmp_path / "notes.txt").write_text("not part of the pack")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.toml").write_text("")
    assert not watcher.changed()
    (tmp_path / "more.toml").unlink()
    assert watcher.changed()


async def test_reload_keeps_the_place_and_shows_problems(pack_copy, app_factory) -> None:
    pack = pack_copy()
    events = pack / "events.toml"
    app = app_factory(pack=pack, role="us", watch=True, poll=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        desk = app.screen
        await pilot.press("2", "enter")  # "quiet" at the shipments event
        await wait_screen(pilot, "ConsequencesScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        before = desk.session
        assert before.choices == ("quiet",)

        # an edit to the text on the desk: reloaded, replayed, same place
        edit(events, 'text = "OFAC is ready', 'text = "Edited: OFAC is ready')
        await wait_for(pilot, lambda: desk.session.pack is not before.pack)
        assert desk.session.choices == ("quiet",)
        assert desk.session.state.turn == before.state.turn
        assert "Edited: OFAC" in desk.session.briefing().text
        assert not desk.query_one("#problems", Static).display

        # a broken file: the problems are shown, the game goes on with the last good pack
        good = desk.session
        edit(events, 'when = "turn >= 2"', 'when = "turn >= "')
        await wait_for(pilot, lambda: desk.query_one("#problems", Static).display)
        banner = str(desk.query_one("#problems", Static).content)
        assert "events.toml:" in banner and "X001" in banner
        assert desk.session is good
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        assert len(desk.session.steps) == 2

        # fixed, but the first choice made no longer exists: replay as far as possible
        edit(events, 'when = "turn >= "', 'when = "turn >= 2"')
        edit(events, 'id = "quiet"', 'id = "hush"')
        edit(pack / "strategy.toml", "shipments/quiet", "shipments/hush")  # North Korea's memory
        await wait_for(pilot, lambda: "no longer fits" in str(desk.query_one("#problems").content))
        assert desk.session.choices == ()
        assert desk.session.state.turn == 1
        assert app.return_code is None  # still running


def test_the_library_keeps_a_pack_until_its_files_change(pack_copy) -> None:
    """`current` gives the pack loaded while its files are as they were, else loads it again
    (what serve's zygote asks before each game it forks)."""
    from game.content.packs import for_play
    from game.tui.services import PackLibrary

    pack = pack_copy()
    loads: list[Path] = []
    library = PackLibrary([pack], loader=lambda p: loads.append(p) or for_play(p))
    first = library.current(pack)  # never loaded: loaded now
    assert library.current(pack) is first and library.load(pack) is first and len(loads) == 1
    edit(pack / "pack.toml", 'title = "Example', 'title = "Edited example')
    second = library.current(pack)
    assert second is not first and second.pack.meta.title.startswith("Edited example")
    assert library.current(pack) is second and library.cached(pack) is second
    (pack / "extra.toml").write_text("", encoding="utf-8")
    assert library.current(pack) is not second and len(loads) == 3
