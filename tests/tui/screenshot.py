"""Write the README's screenshot of the desk: `python tests/tui/screenshot.py [OUT.svg]`.

Plays two turns of the shipped pack (falling back to the example pack while the shipped one
does not check) with a fixed seed at 120×40, so the meters and the news have something to show.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tui_support import EXAMPLE, ROOT, make_app, wait_screen  # noqa: E402

from game.content.compiler import load_pack  # noqa: E402
from game.paths import default_pack  # noqa: E402


async def shoot(out: Path) -> Path:
    pack = default_pack() if load_pack(default_pack()).pack is not None else EXAMPLE
    with tempfile.TemporaryDirectory() as saves:
        app = make_app(Path(saves), pack=pack, role="us", seed="readme")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_screen(pilot, "DeskScreen")
            for key in ("2", "3"):
                await pilot.pause(0.2)
                await pilot.press(key, "enter")
                await wait_screen(pilot, "ConsequencesScreen")
                await pilot.press("enter")
                await wait_screen(pilot, "DeskScreen")
            await pilot.press("2")
            await pilot.pause(0.5)
            app.save_screenshot(filename=out.name, path=str(out.parent))
    return pack


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.svg"
    target.parent.mkdir(parents=True, exist_ok=True)
    used = asyncio.run(shoot(target.resolve()))
    print(f"wrote {target} ({used.name})")
