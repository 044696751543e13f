"""Övningsläge: the exercises, grouped by routine, each with its score once done; and the
guided tours. Enter opens an exercise or a tour, r the highlighted routine's tour."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samverkan_tui.export.document import when_text
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.screens.training import TrainingRun, routine_name
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar

TOUR_PREFIX = "rundtur:"


class ExerciseListScreen(Screen[None]):
    """The exercises, grouped by routine, each with its score once done; and the tours."""

    CSS = """
    ExerciseListScreen #training-list { height: 1fr; border: round $primary; }
    ExerciseListScreen #training-hint, ExerciseListScreen #training-status {
        padding: 0 1; height: auto;
    }
    ExerciseListScreen #training-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = bindings("ExerciseListScreen")

    def __init__(self, run: TrainingRun, focus: str | None = None) -> None:
        super().__init__()
        self.run = run
        self.focus_routine = focus

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(
            "Övningsläge – påhittade fall. Enter öppnar en övning; r ger en guidad rundtur genom rutinen.",
            id="training-hint",
        )
        yield OptionList(id="training-list")
        yield Static(id="training-status")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = "Övningsläge"
        self.refresh_list()
        self.query_one("#training-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        options = self.query_one("#training-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        current = None
        for routine, exercise in self.run.items:
            if routine is not current:
                current = routine
                options.add_option(Option(Text(routine_name(routine), style="bold"), disabled=True))
                options.add_option(
                    Option(
                        Text("  Guidad rundtur genom rutinen", style="italic"), id=TOUR_PREFIX + routine.id
                    )
                )
            prompt = Text(f"  {exercise.title}")
            done = self.run.grade_of(routine, exercise)
            if done is not None:
                prompt.append(f"  ✓ {done.score} p", style="bold green" if done.perfect else "bold")
            if exercise.now is not None:
                prompt.append(f"\n    {when_text(exercise.now)}", style="dim")
            options.add_option(Option(prompt, id=f"{routine.id}/{exercise.id}"))
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        else:
            # The first exercise (of the routine chosen on the start screen, if any).
            ids = [options.get_option_at_index(i).id or "" for i in range(options.option_count)]
            exercises = [i for i, oid in enumerate(ids) if "/" in oid]
            chosen = [i for i in exercises if ids[i].split("/")[0] == self.focus_routine]
            first = chosen or exercises
            options.highlighted = first[0] if first else None
        done_count = len(self.run.grades)
        status = f"{done_count} av {len(self.run.items)} övningar gjorda"
        if done_count:
            status += f" · snitt {self.run.summary().score} av 100 · s visar sammanfattningen"
        self.query_one("#training-status", Static).update(Text(status, style="dim"))
        self.refresh_bindings()

    def _highlighted_id(self) -> str | None:
        options = self.query_one("#training-list", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(OptionList.OptionSelected, "#training-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.open_item(event.option.id or "")

    def open_item(self, option_id: str) -> None:
        if option_id.startswith(TOUR_PREFIX):
            self.open_tour(option_id.removeprefix(TOUR_PREFIX))
            return
        from samverkan_tui.tui.screens.exercise import ExerciseScreen

        for routine, exercise in self.run.items:
            if f"{routine.id}/{exercise.id}" == option_id:
                now = samverkan_app(self).now()
                self.app.push_screen(ExerciseScreen(self.run, routine, exercise, now))
                return

    def open_tour(self, routine_id: str) -> None:
        from samverkan_tui.tui.screens.tour import TourScreen

        routine = next((r for r, _ in self.run.items if r.id == routine_id), None)
        if routine is not None:
            self.app.push_screen(TourScreen(routine))

    def action_tour(self) -> None:
        option_id = self._highlighted_id() or ""
        routine_id = option_id.removeprefix(TOUR_PREFIX).split("/")[0]
        self.open_tour(routine_id)

    def action_summary(self) -> None:
        from samverkan_tui.tui.screens.training_summary import TrainingSummaryScreen

        self.app.push_screen(TrainingSummaryScreen(self.run))

    def action_leave(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "summary":
            return bool(self.run.grades)
        return True

    def palette_commands(self) -> Iterator[SystemCommand]:
        for routine, exercise in self.run.items:
            yield SystemCommand(
                f"Öva: {exercise.title}",
                routine_name(routine),
                lambda key=f"{routine.id}/{exercise.id}": self.open_item(key),
            )
        for routine in {r.id: r for r, _ in self.run.items}.values():
            yield SystemCommand(
                f"Rundtur: {routine_name(routine)}",
                "Varje fråga och gren",
                lambda rid=routine.id: self.open_tour(rid),
            )
