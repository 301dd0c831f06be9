"""Before a link leaves the game: the address, in full, and the player's yes or no.

Every link a pack's Markdown offers (a briefing, an ending) reaches `KoreanTheaterApp.open_url`,
which opens only web links (game.inert.web_link), and those only after this modal. Anything else
(`C:/Windows/System32/calc.exe`, `file:`, `javascript:`) is refused with a message; on Windows
the system opener would have run a program.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from game.inert import inert_line
from game.tui.typed import GameModal


def link_host(url: str) -> str:
    """Where a link goes, as one inert line: a host in another script is shown as the DNS
    name it really is too (`xn--80ak6aa92e.com (аррӏе.com)`), so a look-alike cannot pass."""
    host = urlsplit(url).hostname or ""
    try:
        dns = host.encode("idna").decode("ascii")
    except UnicodeError:
        dns = host
    return inert_line(host if dns == host else f"{dns} ({host})")


class OpenLinkScreen(GameModal[bool]):
    """Open this web link? Returns True to open it; Esc or Cancel returns False."""

    CSS_PATH = "open_link.tcss"
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="link-box"):
            yield Static(
                Content.assemble(
                    ("This link goes to ", "dim"),
                    (link_host(self.url), "bold $accent"),
                    ("\n\n", ""),
                    (inert_line(self.url), ""),
                ),
                id="link-url",
            )
            with Horizontal(id="link-buttons"):
                yield Button("Open in the browser", id="open", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#link-box").border_title = "Open a web link?"
        self.query_one("#cancel", Button).focus()  # opening takes a deliberate choice

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "open")
