"""`korean-theater serve` in a real headless Chromium, driven over the DevTools protocol.

The page loads with the keyboard on the game, the title screen appears, a key press opens a new
game and another starts it; a second browser tab gets a game of its own; a classroom game
survives a reload in the middle of it, and the teacher's live view shows it. Skipped, saying
so, where Chromium or textual-serve is not installed (`.ci/run` installs Debian's chromium).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from cdp import Browser, Page, find_chromium  # noqa: E402
from served import eventually, games, start, stop, wait_for_port  # noqa: E402

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium): browser play not tested",
)
TITLE_TEXT = ("New game", "Russia–DPRK partnership")


@pytest.fixture
def server(tmp_path: Path):
    proc, port, saves = start(tmp_path)
    try:
        wait_for_port(port, proc)
        yield port, saves, proc
    finally:
        stop(proc)


@pytest.fixture
def browser(tmp_path: Path):
    b = Browser(CHROMIUM, tmp_path / "profile")
    (tmp_path / "profile").mkdir()
    port = b.start()
    try:
        yield port
    finally:
        b.stop()


async def _open(session, devtools: int, url: str, new_tab: bool = False) -> Page:
    if new_tab:
        async with session.put(f"http://127.0.0.1:{devtools}/json/new?about:blank") as r:
            target = await r.json()
        ws = await session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(ws)
    else:
        page = await Page.open(session, devtools)
    await page.call("Network.enable")
    await page.call("Page.enable")
    await page.call("Page.navigate", url=url)
    return page


async def _enter(page: Page) -> None:
    for kind in ("keyDown", "keyUp"):
        params = {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
        await page.call(
            "Input.dispatchKeyEvent", **params, **({"text": "\r"} if kind == "keyDown" else {})
        )


async def _ctrl(page: Page, key: str) -> None:
    code = ord(key.upper())
    for kind in ("keyDown", "keyUp"):
        await page.call(
            "Input.dispatchKeyEvent",
            type=kind,
            key=key,
            code=f"Key{key.upper()}",
            modifiers=2,
            windowsVirtualKeyCode=code,
        )


@needs_chromium
def test_title_screen_loads_and_a_key_press_starts_a_game(server, browser) -> None:
    import aiohttp

    port, saves, proc = server
    url = f"http://127.0.0.1:{port}/"

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            page = await _open(session, browser, url)
            await page.wait_for_text(*TITLE_TEXT, timeout=60)
            assert "-first-byte" in (await page.evaluate("document.body.className"))
            assert await page.evaluate("document.querySelector('.xterm-screen') !== null")
            await page.wait_for_text("advise Russian", timeout=60)  # the pack has loaded

            seen = len(page.frames)
            await page.press("n")  # the title screen's "New game", without a click first
            await page.wait_for_text("Seed", since=seen, timeout=30)
            assert any('"stdin", "n"' in s or '"stdin","n"' in s for s in page.sent)
            await page.wait_for_text("National Security Council", since=seen, timeout=30)

            seen = len(page.frames)
            await _ctrl(page, "s")  # the new-game screen's "Start"
            await page.wait_for_text("Turn 1 of", since=seen, timeout=60)

            # a second browser gets its own game process
            other = await _open(session, browser, url, new_tab=True)
            await other.wait_for_text(*TITLE_TEXT, timeout=60)
            assert len(games(proc)) == 2
            # leaving the page ends its game, which leaves no folder (nothing was saved)
            for p in (other, page):
                await p.call("Page.navigate", url="about:blank")
            await asyncio.get_running_loop().run_in_executor(
                None, eventually, lambda: not games(proc), 60, "the games' end"
            )
            assert not list(saves.glob("browser-*"))
            await other.close()
            await page.close()

    asyncio.run(asyncio.wait_for(scenario(), 180))


def test_the_page_fetches_nothing_from_the_internet(server) -> None:
    import urllib.request

    port, _, _ = server
    html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
    assert "fonts.googleapis.com" not in html
    assert "RobotoMono" in html  # the font textual-serve ships, served locally
    for ref in ("static/js/textual.js", "static/css/xterm.css"):
        assert f'"/{ref}"' in html
    assert "127.0.0.1" not in html  # every address is the one the browser used


def _at_a_classroom_title(tmp_path: Path, browser, text: str, steps) -> None:
    """Serve a classroom file of `text`, open the page in Chromium and, at the title, take
    `steps(page)`."""
    import aiohttp

    classroom = tmp_path / "class.toml"
    classroom.write_text(text)
    proc, port, _ = start(tmp_path, "--classroom", str(classroom))
    try:
        wait_for_port(port, proc)

        async def scenario() -> None:
            async with aiohttp.ClientSession() as session:
                page = await _open(session, browser, f"http://127.0.0.1:{port}/")
                await page.wait_for_text("New game", "Class: Week 6", timeout=60)
                await steps(page)
                await page.close()

        asyncio.run(asyncio.wait_for(scenario(), 180))
    finally:
        stop(proc)


@needs_chromium
def test_a_classroom_gives_every_browser_its_rules(tmp_path: Path, browser) -> None:
    from tests.support import GOOD

    async def steps(page: Page) -> None:
        seen = len(page.frames)
        await page.press("n")  # the classroom's rules: the name asked, the seed locked
        await page.wait_for_text("Your name", "Class seed", since=seen, timeout=30)
        await page.wait_for_text("seoul-1961", since=seen, timeout=30)

    text = GOOD.replace('seed = "class-3"', 'seed = "seoul-1961"')
    _at_a_classroom_title(tmp_path, browser, text, steps)


def test_serve_refuses_a_broken_classroom_file(tmp_path: Path) -> None:
    bad = tmp_path / "class.toml"
    bad.write_text('[classroom]\nseed = "x"\nrolez = []\n')
    done = subprocess.run(
        [sys.executable, "-m", "game", "serve", "--classroom", str(bad), "--port", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "class.toml:3:1: C503 unknown key `rolez`" in done.stderr


@needs_chromium
def test_a_classroom_game_survives_a_reload_and_the_teacher_sees_it(
    tmp_path: Path, browser
) -> None:
    """A student plays a turn in Chromium, the page reloads in the middle of the next: the same
    game is back on the desk; the teacher's live view (behind its own key) shows the student,
    their turn, decision and memo."""
    import re
    import urllib.error
    import urllib.request

    import aiohttp

    from tests.support import GOOD

    classroom = tmp_path / "class.toml"
    classroom.write_text(GOOD)
    proc, port, saves = start(tmp_path, "--classroom", str(classroom))
    try:
        wait_for_port(port, proc)
        banner = b""
        while b"Stop the server" not in banner:
            banner += proc.stdout.readline()
        [teacher] = re.findall(rb"http://\S+/teacher\?key=\S+", banner)
        url = f"http://127.0.0.1:{port}/"

        async def scenario() -> None:
            async with aiohttp.ClientSession() as session:
                page = await _open(session, browser, url)
                await page.wait_for_text("New game", "Class: Week 6", timeout=60)
                await page.press("n")
                await page.wait_for_text("Your name", timeout=30)
                for letter in "Ada":
                    await page.press(letter)
                await _enter(page)  # to the roles
                await _enter(page)  # start
                await page.wait_for_text("Turn 1 of", timeout=60)
                await page.press("1")
                await page.press("r")  # to the memo, typed at once: it owns every letter
                await page.call("Input.insertText", text="Talks first, then pressure.")
                await _enter(page)
                await page.wait_for_text("Before you see the consequences", timeout=30)
                await page.press("u")
                await _enter(page)
                seen = len(page.frames)
                await _enter(page)  # past the consequences: turn 2
                await page.wait_for_text("Turn 2 of", since=seen, timeout=60)

                known = len(page.sockets)
                await page.call("Page.reload")
                reloaded = await page.new_socket(known)  # the old game's last frames aside
                await page.wait_for_text("Turn 2 of", socket=reloaded, timeout=60)  # the desk
                assert len(games(proc)) == 1  # the old game ended with its connection
                await page.close()

        asyncio.run(asyncio.wait_for(scenario(), 240))
        live = urllib.request.urlopen(teacher.decode(), timeout=30).read().decode()
        assert "Ada" in live and "Talks first, then pressure." in live
        assert "2 of 4" in live and re.search(r">[01]/1<", live)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(teacher.decode()[:-1], timeout=30)
        assert refused.value.code == 403
        assert [p.name for p in saves.glob("*.json")]  # the game is in the class's folder
    finally:
        stop(proc)


@needs_chromium
def test_a_role_the_teacher_gave_is_the_students_in_the_browser(tmp_path: Path, browser) -> None:
    """A student the classroom file gives a role types their name: the role is chosen, locked
    and said to be the teacher's; Enter starts the game in it."""
    from tests.support import GOOD

    async def steps(page: Page) -> None:
        await page.press("n")
        await page.wait_for_text("Your name", timeout=30)
        seen = len(page.frames)
        await page.call("Input.insertText", text="ada kim")
        await page.wait_for_text("Your teacher has given you the role", since=seen)
        seen = len(page.frames)
        await _enter(page)  # the role is the teacher's: Enter starts
        await page.wait_for_text("Turn 1 of", "advising Russia", since=seen, timeout=60)

    roster = '\n[[assign]]\nteam = "Kremlin"\nrole = "russia"\nstudents = ["Ada Kim"]\n'
    text = GOOD.replace('roles = ["us"]', 'roles = ["us", "russia"]') + roster
    _at_a_classroom_title(tmp_path, browser, text, steps)
