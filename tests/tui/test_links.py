"""Links in a pack's Markdown: only web links leave the game, and only after the player has seen
where they go; a program path or another scheme is refused with a message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Markdown, Static
from tui_support import EXAMPLE, make_app, wait_for, wait_screen

WEB = "https://example.org/news?id=1"
LINKS = {
    "program": "C:/Windows/System32/calc.exe",
    "web": WEB,
}


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """What reached the system's opener (Textual's App.open_url, which calls the driver)."""
    calls: list[str] = []
    monkeypatch.setattr(App, "open_url", lambda self, url, new_tab=True: calls.append(url))
    return calls


def linked_pack(folder: Path) -> Path:
    pack = folder / "pack"
    shutil.copytree(EXAMPLE, pack)
    events = pack / "events.toml"
    text = events.read_text(encoding="utf-8")
    links = " or ".join(f"[{name}]({url})" for name, url in LINKS.items())
    events.write_text(text.replace("Imagery shows **railcars** crossing the bridge.", links))
    return pack


async def click_link(pilot, name: str) -> None:
    """Click the link `name` in the briefing on the desk."""
    paragraph = pilot.app.screen.query_one("#event-text", Markdown).query("MarkdownParagraph")
    line = str(paragraph.first().content)
    await pilot.click(paragraph.first(), offset=(line.index(name) + 1, 0))
    await pilot.pause()


async def test_a_program_path_is_refused_and_never_opened(tmp_path: Path, opened) -> None:
    app = make_app(tmp_path / "saves", pack=linked_pack(tmp_path), role="us")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await click_link(pilot, "program")
        await wait_for(pilot, lambda: bool(app._notifications))
        assert type(app.screen).__name__ == "DeskScreen"  # no modal: nothing to confirm
        note = next(iter(app._notifications))
        assert note.title == "Link not opened" and LINKS["program"] in note.message
        for url in ("javascript:alert(1)", "file:///etc/passwd", "../../secret.txt", ""):
            app.open_url(url)
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen"
    assert opened == []


async def test_a_web_link_is_shown_then_opened_only_when_confirmed(tmp_path: Path, opened) -> None:
    app = make_app(tmp_path / "saves", pack=linked_pack(tmp_path), role="us")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_screen(pilot, "DeskScreen")
        await click_link(pilot, "web")
        await wait_screen(pilot, "OpenLinkScreen")
        shown = str(app.screen.query_one("#link-url", Static).content)
        assert WEB in shown and "example.org" in shown
        await pilot.press("enter")  # Cancel has the focus: opening takes a deliberate choice
        await wait_screen(pilot, "DeskScreen")
        assert opened == []
        await click_link(pilot, "web")
        await wait_screen(pilot, "OpenLinkScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "DeskScreen")
        assert opened == []
        await click_link(pilot, "web")
        await wait_screen(pilot, "OpenLinkScreen")
        await pilot.click("#open")
        await wait_screen(pilot, "DeskScreen")
    assert opened == [WEB]


def test_the_host_shown_cannot_be_a_look_alike() -> None:
    from game.tui.screens.open_link import link_host

    assert link_host("https://example.org/x") == "example.org"
    assert link_host("https://аррӏе.com/login") == "xn--80ak6aa92e.com (аррӏе.com)"
    assert link_host("https://user:pw@example.org:8080/") == "example.org"
