"""The page a browser opens: textual-serve's, made fit for a classroom.

- Nothing is fetched from the internet: the web font it links is dropped for the one it ships.
- Every address in it is relative to the address the browser used, so a page reached as
  http://192.168.1.20:8000 never points its browser at 127.0.0.1.
- Its websocket names the tab's seat: a random name kept in the tab's sessionStorage, which
  survives a reload (and a restarted server) but not a closed tab, so a reload resumes the
  game (game.saves.seats) and another student at the same machine starts afresh.
- The terminal has the keyboard focus as soon as the page has loaded, and again whenever the
  window gets it back: `n` starts a game without a click first.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = "app_index.html"
SEAT_KEY = "korean-theater-seat"

SCRIPT = """
    <script>
      (function () {
        var terminal = document.getElementById("terminal");
        var seat = null;
        try { seat = sessionStorage.getItem("SEAT_KEY"); } catch (e) {}
        if (!seat || !/^[A-Za-z0-9_-]{16,64}$/.test(seat)) {
          seat = "{{ seat }}";
          try { sessionStorage.setItem("SEAT_KEY", seat); } catch (e) {}
        }
        var scheme = location.protocol === "https:" ? "wss://" : "ws://";
        terminal.dataset.sessionWebsocketUrl =
          scheme + location.host + "{{ app_websocket_url }}/" + seat;
        function focusTerminal() {
          var input = document.querySelector(".xterm-helper-textarea");
          if (input && document.activeElement !== input) { input.focus(); }
        }
        window.addEventListener("load", function () { setTimeout(focusTerminal, 0); });
        window.addEventListener("focus", focusTerminal);
        document.addEventListener("visibilitychange", focusTerminal);
      })();
    </script>
""".replace("SEAT_KEY", SEAT_KEY)

ENDED = "The game has stopped: the connection was lost, or every seat is taken. " + (
    "Restart to go on where you were."
)


def write_template(folder: Path) -> Path:
    """textual-serve's page, changed as the module says, written to `folder`."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / TEMPLATE
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"\s*<link[^>]*fonts\.googleapis\.com[^>]*>", "", text)
    font = (
        "<style>@font-face { font-family: 'Roboto Mono'; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }</style>"
    )
    text = text.replace("</head>", f"    {font}\n  </head>", 1)
    text = text.replace("Session ended.", ENDED)
    text = text.replace("</body>", SCRIPT + "  </body>", 1)
    target = folder / TEMPLATE
    target.write_text(text, encoding="utf-8")
    return target
