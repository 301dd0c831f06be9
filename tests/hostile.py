"""Hostile text for the tests that untrusted text stays inert: terminal control sequences, bidi
overrides, markup, links of other schemes and spreadsheet formulas, mixed with any text."""

from __future__ import annotations

from hypothesis import strategies as st

from game.inert import UNSAFE

SEQUENCES = [
    "\x1b[2J",  # erase the screen
    "\x1b]0;PWNED\x07",  # set the terminal's title
    "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\",  # a terminal hyperlink
    "\x9b2J",  # CSI as one C1 character
    "\x9d0;PWNED\x9c",  # OSC and ST as C1 characters
    "\x07",
    "\x08\x08\x08",
    "\x00",
    "\x7f",
    "\r",
    "\r\x1b[K",  # rewrite the line
    "\x0b\x0c",
    "\x85",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2028",
]
MARKUP = [
    "<img src=x onerror=alert(document.title)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[calc](C:/Windows/System32/calc.exe)",
    "<javascript:alert(1)>",
    "![x](https://evil.example/beacon.png)",
    "[a]: javascript:alert(1)",
    "`",
    "\\",
    "|",
    "&lt;b&gt;",
]
FORMULAS = ["=", "+", "-", "@", "\t", '=HYPERLINK("https://evil.example")', "=1+1"]

control = st.sampled_from(SEQUENCES)
pieces = st.one_of(st.text(max_size=6), control, st.sampled_from(MARKUP))


@st.composite
def hostile(draw) -> str:
    """Text that holds at least one control sequence, and may start like a formula."""
    start = draw(st.sampled_from(["", *FORMULAS]))
    body = draw(st.lists(pieces, max_size=4))
    body.insert(draw(st.integers(0, len(body))), draw(control))
    return start + "".join(body)


def raw(output: str) -> list[str]:
    """The unsafe characters that reached `output` as they are."""
    return UNSAFE.findall(output)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: control characters, quotes and backslashes escaped."""
    out = []
    for ch in text:
        if ch in '"\\' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
