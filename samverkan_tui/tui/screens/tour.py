"""The guided tour: every branch of a routine in turn, for onboarding sessions.

One stop per screenful: the steps that are always in the plan, then each question with
its condition and help, and for each answer the steps it brings into the plan with their
conditions in plain Swedish (``core.tour.guided_tour``). What a stop shows is
``export.document.tour_stop_sections``, the stop's part of what `samverkan öva --rundtur`
prints. → / Space goes on, ← back; after the last stop an end page says the tour is
done and what comes next, and going on from it closes the tour.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.training.tour import TourStop, guided_tour
from samverkan_tui.export.document import tour_stop_sections
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.screens.training_view import section_parts
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar


def end_renderable(routine: Routine, stops: list[TourStop]) -> Group:
    """The page after the last stop: the tour has an end, and the trainee knows what next."""
    name = routine.short_title or routine.title
    questions = sum(1 for stop in stops if stop.question is not None)
    return Group(
        Text(f"Rundtur: {name} — slut", style="dim"),
        Text("\nRundturen är slut", style="bold underline"),
        Text(
            f"Du har sett rutinens alla {questions} frågor och vilka steg varje svar tar med. "
            "Öva nu på ett påhittat fall i listan.\n\n"
            "Enter eller → tillbaka till listan · ← föregående stopp"
        ),
    )


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
        yield TitleBar()
        with VerticalScroll(id="tour"):
            yield Static(id="tour-text")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Rundtur – {self.routine.short_title or self.routine.title}"
        self.show_stop()
        self.query_one("#tour", VerticalScroll).focus()

    @property
    def at_end(self) -> bool:
        return self.index == len(self.stops)

    def show_stop(self) -> None:
        if self.at_end:
            shown = end_renderable(self.routine, self.stops)
        else:
            shown = stop_renderable(self.routine, self.stops, self.index)
        self.query_one("#tour-text", Static).update(shown)
        self.query_one("#tour", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def action_move(self, delta: int) -> None:
        if self.at_end and delta > 0:
            self.action_leave()
            return
        self.index = max(0, min(len(self.stops), self.index + delta))  # len(stops): the end page
        self.show_stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            delta = parameters[0]
            assert isinstance(delta, int)
            return self.index + delta >= 0 or None  # None: dimmed, does nothing
        return True

    def action_leave(self) -> None:
        self.app.pop_screen()
