"""Shown instead of the app when the window is too small to read: below 60×20 the
columns would be cut into nonsense, so the app says so and waits to be made larger."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: auto; height: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        self.query_one(Static).update(
            f"Fönstret är för litet – minst {MIN_WIDTH}×{MIN_HEIGHT} (nu {width}×{height}).\n"
            "Gör fönstret större; Ctrl+Q avslutar."
        )
