"""The command palette in Swedish: Textual's own strings are English.

Only the user-facing texts change; searching and running commands are Textual's. The
commands are the app's own (``SamverkanApp.get_system_commands``) and, after them, those
of the screen shown: the screens that have any are registered in ``screen_commands``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from samverkan_tui.tui.keys import bindings

PLACEHOLDER = "Sök kommando …"
NO_MATCHES = "Inga kommandon matchar"


class SwedishCommandPalette(CommandPalette):
    BINDINGS = bindings("SwedishCommandPalette")

    def __init__(self, **kwargs: Any) -> None:
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


def screen_commands(screen: Screen[object]) -> Iterable[SystemCommand]:
    """The commands of ``screen`` itself, if it is one of the screens that have any.

    The registry: a screen offers commands in the palette when it is listed here and has
    a ``palette_commands`` method. Imported when the palette asks, one at a time: the
    start screen's answer costs no import of the walk or the training screens.
    """
    from samverkan_tui.tui.screens.start import StartScreen

    if isinstance(screen, StartScreen):
        return screen.palette_commands()
    from samverkan_tui.tui.screens.walk import WalkScreen

    if isinstance(screen, WalkScreen):
        return screen.palette_commands()
    from samverkan_tui.tui.screens.exercise_list import ExerciseListScreen

    if isinstance(screen, ExerciseListScreen):
        return screen.palette_commands()
    return ()
