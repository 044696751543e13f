"""Baseline for start-up in a real terminal: the smallest Textual app (Header, Static, Footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Baslinjen är redo")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
