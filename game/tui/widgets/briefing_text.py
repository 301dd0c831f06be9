"""A briefing's text (the desk's, a role's on the new-game screen): Markdown, made with its
first text."""

from __future__ import annotations

from textual.widgets import Markdown


class BriefingText(Markdown):
    """Made with its first text, so that its paragraphs come with the screen; each later text
    is parsed and laid out only if it differs from the one on show."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.text = text

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update(text)
