"""The start gate of `serve` (game.tui.gate): a few desks built at a time, in the order the
games asked, never held by a game that has ended, and keys typed meanwhile wait for the desk."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_support import options_ready, wait_for, wait_screen

from game.tui.ahead import AHEAD
from game.tui.gate import StartGate
from game.tui.widgets.choices import ChoiceList

pytestmark = pytest.mark.skipif(not StartGate.available(), reason="no flock on this system")


async def test_a_slot_is_held_by_one_game_at_a_time_in_the_order_they_asked(tmp_path) -> None:
    gate = StartGate(tmp_path, slots=1)
    first = await gate.enter()
    order: list[str] = []

    async def wait(name: str) -> int | None:
        fd = await gate.enter()
        order.append(name)
        return fd

    second = asyncio.ensure_future(wait("second"))
    await asyncio.sleep(0.01)  # the second asks before the third
    third = asyncio.ensure_future(wait("third"))
    await asyncio.sleep(0.3)
    assert order == []  # the slot is taken
    gate.leave(first)
    gate.leave(await asyncio.wait_for(second, 5))
    gate.leave(await asyncio.wait_for(third, 5))
    assert order == ["second", "third"]


async def test_a_game_that_waited_long_enough_goes_on_without_a_slot(tmp_path) -> None:
    gate = StartGate(tmp_path, slots=1)
    held = await gate.enter()
    assert await asyncio.wait_for(gate.enter(patience=0.3), 5) is None
    assert not list(tmp_path.glob("queue-*"))  # it left the queue
    gate.leave(held)


async def test_a_game_that_ended_never_holds_the_gate(tmp_path) -> None:
    """Its slot (a lock the system releases) and its place in the queue are free again."""
    script = textwrap.dedent(f"""
        import fcntl, os, pathlib, time
        folder = pathlib.Path({str(tmp_path)!r})
        fd = os.open(folder / "slot-0", os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        (folder / f"queue-{{time.time_ns():020d}}-{{os.getpid()}}").touch()
        print("held", flush=True)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
    gate = StartGate(tmp_path, slots=1)
    fd = await asyncio.wait_for(gate.enter(), 5)
    assert fd is not None
    gate.leave(fd)
    assert not list(tmp_path.glob("queue-*"))


async def test_a_desk_waits_for_the_games_starting_meanwhile(tmp_path) -> None:
    """Titles first: a game still starting (its fork to its title) holds the desks back,
    unless it has ended, and never for longer than `titles`."""
    gate = StartGate(tmp_path, slots=1)
    starting = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f"starting-{starting.pid}").touch()  # another game, starting
        gate.starting()  # this one too: it no longer is once it goes to its desk
        desk = asyncio.ensure_future(gate.enter())
        await asyncio.sleep(0.4)
        assert not desk.done()
        assert not (tmp_path / f"starting-{os.getpid()}").exists()
        (tmp_path / f"starting-{starting.pid}").unlink()  # its title is ready
        gate.leave(await asyncio.wait_for(desk, 5))

        (tmp_path / f"starting-{starting.pid}").touch()  # a game that never gets started
        gate.leave(await asyncio.wait_for(gate.enter(titles=0.3), 5))  # waits only so long
        assert (tmp_path / f"starting-{starting.pid}").exists()
    finally:
        starting.kill()
        starting.wait()
    gate.leave(await asyncio.wait_for(gate.enter(), 5))  # a game that ended holds nothing
    assert not list(tmp_path.glob("starting-*"))


async def test_a_game_of_the_gate_has_started_once_its_title_is_ready(
    app_factory, tmp_path: Path
) -> None:
    gate = StartGate(tmp_path / "gate", slots=1)
    gate.folder.mkdir()
    app = app_factory(seat="seat-aaaaaaaaaaaaaaaa")  # a browser's: the pack loads at once
    app.settings.gate = gate
    marker = gate.folder / f"starting-{os.getpid()}"
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: marker.exists() or app.is_screen_installed(AHEAD))
        await wait_for(pilot, lambda: not marker.exists())
        built = app.get_screen(AHEAD)
        assert built.is_mounted  # the new game screen built ahead is ready
        assert type(app.screen).__name__ == "TitleScreen"


async def test_keys_typed_while_a_game_waits_for_the_gate_go_to_its_desk(
    app_factory, tmp_path: Path
) -> None:
    gate = StartGate(tmp_path / "gate", slots=1)
    gate.folder.mkdir()
    app = app_factory()
    app.settings.gate = gate
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_screen(pilot, "TitleScreen")
        await wait_for(pilot, lambda: app.pack_about is not None)
        taken = await gate.enter()  # another game is building its desk
        await pilot.press("n")
        await wait_screen(pilot, "NewGameScreen")
        seed = app.screen.query_one("#seed", Input).value
        await pilot.press("ctrl+s", "1", "r", "o", "k")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "NewGameScreen"  # the desk waits for the gate
        assert app.screen.query_one("#seed", Input).value == seed
        gate.leave(taken)
        await wait_screen(pilot, "DeskScreen")
        await options_ready(pilot)
        desk = app.screen
        await wait_for(pilot, lambda: desk.query_one("#rationale", Input).value == "ok")
        assert desk.query_one(ChoiceList).index == 0  # `1` highlighted option 1
