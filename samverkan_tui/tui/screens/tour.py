"""The guided tour: every branch of a routine in turn, for onboarding sessions.

One stop per screenful: the steps that are always in the plan, then each question with
its condition and help, and for each answer the steps it brings into the plan with their
conditions in plain Swedish (``core.tour.guided_tour``). What a stop shows is
``export.document.tour_stop_sections``, the stop's part of what `samverkan öva --rundtur`
prints. → / Space goes on, ← back.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.training.tour import TourStop, guided_tour
from samverkan_tui.export.document import tour_stop_sections
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.screens.training_view import section_parts
from samverkan_tui.tui.widgets.footer import PriorityFooter


def stop_renderable(routine: Routine, stops: list[TourStop], index: int) -> Group:
    name = routine.short_title or routine.title
    head = Text(f"Rundtur: {name} — stopp {index + 1} av {len(stops)}", style="dim")
    return Group(head, *section_parts(tour_stop_sections(routine, stops, index)))


class TourScreen(Screen[None]):
    CSS = """
    TourScreen #tour { height: 1fr; padding: 0 1; }
    """
    BINDINGS = bindings("TourScreen")

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine
        self.stops = guided_tour(routine)
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="tour"):
            yield Static(id="tour-text")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Rundtur – {self.routine.short_title or self.routine.title}"
        self.show_stop()
        self.query_one("#tour", VerticalScroll).focus()

    def show_stop(self) -> None:
        self.query_one("#tour-text", Static).update(stop_renderable(self.routine, self.stops, self.index))
        self.query_one("#tour", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def action_move(self, delta: int) -> None:
        self.index = max(0, min(len(self.stops) - 1, self.index + delta))
        self.show_stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            delta = parameters[0]
            assert isinstance(delta, int)
            return 0 <= self.index + delta < len(self.stops) or None  # None: dimmed, does nothing
        return True

    def action_leave(self) -> None:
        self.app.pop_screen()
