"""The baseline for the TUI benchmarks: a bare Textual app that shows one label."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Label("Bare Textual app ready")


if __name__ == "__main__":
    Bare().run()
