"""The guided tour: every branch of a routine in turn, for onboarding sessions.

One stop per screenful: the steps that are always in the plan, then each question with
its condition and help, and for each answer the steps it brings into the plan with their
conditions in plain Swedish (``core.training.guided_tour``). → / Space goes on, ← back.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from samverkan_tui.core.model import Routine
from samverkan_tui.core.training import TourStop, by_condition, guided_tour
from samverkan_tui.tui.widgets.footer import PriorityFooter


def stop_renderable(routine: Routine, stops: list[TourStop], index: int) -> Group:
    from samverkan_tui.tui.screens.training import hanging

    stop = stops[index]
    name = routine.short_title or routine.title
    head = Text(f"Rundtur: {name} — stopp {index + 1} av {len(stops)}\n\n", style="dim")
    if stop.question is None:
        head.append("Steg som alltid ingår i planen\n", style="bold")
        head.append("Oavsett hur frågorna besvaras.\n", style="italic dim")
        return Group(head, hanging([(Text("•"), Text(s.step.text)) for s in stop.always], 2))
    number = sum(1 for s in stops[: index + 1] if s.question is not None)
    head.append(f"Fråga {number}: {stop.question.text}\n", style="bold")
    head.append(f"Ställs bara om {stop.asked_when}." if stop.asked_when else "Ställs alltid.", style="italic")
    if stop.help:
        head.append(f"\n\n{stop.help}", style="dim")
    parts: list[RenderableType] = [head]
    for branch in stop.branches:
        parts.append(Text(f"\nSvar: {branch.option.label}", style="bold underline"))
        if branch.leads_to:
            parts.append(
                hanging(
                    [(Text("Leder till:", style="bold"), Text("; ".join(q.text for q in branch.leads_to)))], 2
                )
            )
        if not branch.steps:
            parts.append(Text("  Tar inte med några nya steg.", style="dim"))
        for condition, steps in by_condition(branch.steps):
            if condition:
                parts.append(hanging([(Text(""), Text(condition, style="italic"))], 1))
            parts.append(hanging([(Text("•"), Text(s.step.text)) for s in steps], 4))
    return Group(*parts)


class TourScreen(Screen[None]):
    CSS = """
    TourScreen #tour { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [
        # Priority: the focused scroll area binds left/right to horizontal scrolling.
        Binding("right,space,enter", "move(1)", "Nästa", id="tour_next", priority=True),
        Binding("left", "move(-1)", "Föregående", id="tour_previous", priority=True),
        Binding("escape", "leave", "Tillbaka", id="tour_leave"),
    ]

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

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "move":
            target = self.index + parameters[0]
            return 0 <= target < len(self.stops) or None  # None: shown dimmed, does nothing
        return True

    def action_leave(self) -> None:
        self.app.pop_screen()
