"""Widgets and app behaviour that the screens rely on."""

from __future__ import annotations

from textual.content import Content
from tui_support import wait_for, wait_screen

from game.tui.screens import game_stylesheets
from game.tui.widgets.report import ReportBody


def test_the_report_body_wraps_with_hanging_indents() -> None:
    body = ReportBody(
        [
            ("head", Content("A head")),
            ("section", Content("SECTION")),
            ("item", Content("word " * 20)),
            ("sub", Content("detail " * 10)),
        ]
    )
    lines = [line.plain for line in body.lines(30)]
    assert lines[:3] == ["A head", "", "SECTION"]
    items = [line for line in lines[3:] if "word" in line]
    subs = [line for line in lines[3:] if "detail" in line]
    assert len(items) > 1 and len(subs) > 1  # both wrapped
    assert all(line.startswith("  word") for line in items)
    assert all(line.startswith("      detail") for line in subs)
    assert all(Content(line).cell_length <= 30 for line in lines)
    assert body.get_content_height(None, None, 30) == len(lines)


def files(app) -> set[str]:
    """The stylesheet files the app has read (widgets' DEFAULT_CSS aside)."""
    return {path for path, class_var in app.stylesheet.source if not class_var}


async def test_the_game_screens_stylesheets_are_read_on_the_title(app_factory) -> None:
    """Textual restyles the whole app when a screen brings a stylesheet it has not read yet:
    the app reads them all on the title, so a game's first decision does not pay for it."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        wanted = {str(path) for path in game_stylesheets()}
        await wait_for(pilot, lambda: wanted <= files(app))
        read = files(app)
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "DeskScreen")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConsequencesScreen")
        assert files(app) == read
