"""The command palette in Swedish: Textual's own strings are English.

Only the user-facing texts change; searching and running commands are Textual's.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Sök kommando …"
NO_MATCHES = "Inga kommandon matchar"


class SwedishCommandPalette(CommandPalette):
    BINDINGS = [
        Binding("escape", "escape", "Stäng kommandopaletten"),
        Binding("down", "cursor_down", "Nästa kommando", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=PLACEHOLDER, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's version adds an English "No matches found"; this one says it in Swedish.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(f"{NO_MATCHES} ”{search_value}”", style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
