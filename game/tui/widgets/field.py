"""A one-line text field that types without laying out the whole screen.

Textual's Input stores the width of its text as its virtual size on every change, and a change of
a widget's virtual size lays out the whole screen: on the desk, about 150 widgets for each memo
letter, most of the 10 ms a letter cost (thirty students typing at once on two cores fell seconds
behind). A field whose own size does not depend on its text (no `auto` width or height) scrolls
within its virtual size without any layout: the size is stored and the field repainted.
"""

from __future__ import annotations

from typing import Self

from textual.widgets import Input


class TextField(Input):
    """Input, minus the screen's layout on each key (see the module's docstring)."""

    _typing = False  # a change of the text is being handled: its layout refresh is not needed

    def _watch_value(self, value: str) -> None:
        if self.styles.auto_dimensions:  # the field's size follows its text: lay out
            super()._watch_value(value)
            return
        self._typing = True
        try:
            super()._watch_value(value)
        finally:
            self._typing = False

    def refresh(
        self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        return super().refresh(
            *regions, repaint=repaint, layout=layout and not self._typing, recompose=recompose
        )
