"""The language's one error, with a stable code and a character span, and the limits that keep
any input from causing deep recursion, a hang or unbounded memory use (error X006)."""

from __future__ import annotations

MAX_LENGTH = 1000
MAX_TOKENS = 256
MAX_DEPTH = 32
MAX_STRING = 64
MAX_NUMBER_CHARS = 32


class ExprError(Exception):
    """A problem in an expression, with a stable code and the character span it concerns."""

    def __init__(
        self, code: str, message: str, pos: int, end: int, hint: str | None = None
    ) -> None:
        super().__init__(code, message, pos, end, hint)
        self.code = code
        self.message = message
        self.pos = pos
        self.end = max(end, pos + 1)
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.code} at {self.pos}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text
