"""serve's zygote: every game it forks gets the pack the zygote loaded (and checked) before the
fork, as it is on disk when the game starts: a pack edited while the server runs is loaded again
for the next game, while the server's event loop goes on."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from game.web.launch import web_env
from game.web.zygote import Zygote, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="the zygote needs fork")
PROBE = Path(__file__).parent / "zygote_probe.py"
ROOT = Path(__file__).resolve().parents[2]
TITLE = 'title = "Example: A Winter on the Peninsula"'


def with_zygote(pack: Path, scenario, **env: str):
    """What `scenario(zygote)` gives, run against a zygote started for `pack` (then stopped)."""
    environment = {**web_env(), "PYTHONPATH": str(ROOT), **env}
    z = Zygote([sys.executable, str(PROBE)], str(pack), None, environment)
    z.start()
    try:
        return asyncio.run(scenario(z))
    finally:
        z.close()


async def game(z: Zygote, folder: Path) -> dict:
    """What the next game forked says it got."""
    process = await z.spawn(folder, "seat-aaaaaaaaaaaaaaaa", 80, 24)
    line = await asyncio.wait_for(process.stdout.readline(), 60)
    process.stdin.close()
    return json.loads(line)


def retitle(pack: Path, title: str) -> None:
    path = pack / "pack.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(TITLE, f'title = "{title}"', 1), encoding="utf-8")


def test_a_game_gets_the_pack_loaded_before_the_fork_and_an_edited_pack_again(
    pack_copy, tmp_path: Path
) -> None:
    pack = pack_copy()

    async def scenario(z: Zygote) -> list[dict]:
        said = [await game(z, tmp_path)]
        said.append(await game(z, tmp_path))
        retitle(pack, "Edited during the lesson")
        said.append(await game(z, tmp_path))
        said.append(await game(z, tmp_path))
        (pack / "more.toml").write_text("", encoding="utf-8")  # a file added is a change too
        said.append(await game(z, tmp_path))
        return said

    title = "Example: A Winter on the Peninsula"
    assert with_zygote(pack, scenario) == [
        {"title": title, "loads": 1},  # the zygote's own load, shared: the game loaded nothing
        {"title": title, "loads": 1},
        {"title": "Edited during the lesson", "loads": 2},  # loaded again, once
        {"title": "Edited during the lesson", "loads": 2},
        {"title": "Edited during the lesson", "loads": 3},
    ]


def test_a_pack_edited_into_problems_is_not_served_and_the_server_says_why(
    pack_copy, tmp_path: Path, capfd
) -> None:
    pack = pack_copy()

    async def scenario(z: Zygote) -> list[dict]:
        said = [await game(z, tmp_path)]
        path = pack / "events.toml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace('when = "turn >= 2"', 'when = "turn >= "', 1), "utf-8")
        said.append(await game(z, tmp_path))  # the last good version
        said.append(await game(z, tmp_path))  # not loaded again: the files are as they were
        path.write_text(good, encoding="utf-8")
        retitle(pack, "Fixed")
        said.append(await game(z, tmp_path))
        return said

    title = "Example: A Winter on the Peninsula"
    assert with_zygote(pack, scenario) == [
        {"title": title, "loads": 1},
        {"title": title, "loads": 2},
        {"title": title, "loads": 2},
        {"title": "Fixed", "loads": 3},
    ]
    told = capfd.readouterr().err
    assert "has changed and now has 1 problem(s); new games get the last good version" in told
    assert "events.toml" in told


def test_the_server_loop_runs_on_while_the_zygote_loads_an_edited_pack(
    pack_copy, tmp_path: Path
) -> None:
    pack = pack_copy()

    async def scenario(z: Zygote) -> tuple[dict, int]:
        await game(z, tmp_path)
        retitle(pack, "Edited")
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.ensure_future(tick())
        said = await game(z, tmp_path)
        ticker.cancel()
        return said, ticks

    said, ticks = with_zygote(pack, scenario, PROBE_SLOW_RELOAD="1")  # a reload takes 1 s
    assert said == {"title": "Edited", "loads": 2}
    # held by the reload, the loop would have ticked once or twice, after it; it ticks through it
    assert ticks > 10
