"""The start screen: the routines, filtered as you type; Enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from samverkan_tui.core.model import Routine
from samverkan_tui.tui.widgets.footer import PriorityFooter


def routine_prompt(routine: Routine, today) -> Text:
    title = Text(routine.short_title or routine.title, style="bold")
    status = routine.review_status(today)
    meta = Text(f"\n  {', '.join(routine.units)} · version {routine.version} · ", style="dim")
    mark = Text(status, style="bold red" if routine.review_overdue(today) else "dim")
    if routine.review_overdue(today):
        mark = Text("⚠ " + status, style="bold red")
    return Text.assemble(title, meta, mark)


class StartScreen(Screen[None]):
    """Pick a routine. Typing filters; arrows move; Enter opens."""

    BINDINGS = [
        Binding("enter", "open", "Öppna", id="open", priority=True),
        Binding("down", "move(1)", "Nästa", id="next", show=False, priority=True),
        Binding("up", "move(-1)", "Föregående", id="previous", show=False, priority=True),
        Binding("escape", "clear_filter", "Rensa filter", id="clear_filter", show=False),
        # Ctrl: plain letters go to the filter (Övningsläge: tui/screens/training.py).
        Binding("ctrl+o", "training", "Övning", id="training"),
        # Not in the footer (it is full at 80 columns): Ctrl+P and the help list it.
        Binding("ctrl+g", "review", "Granska", id="review", show=False,
                tooltip="Årlig granskning av rutinen"),
        # "?" opens help here too (the filter never needs it).
        Binding("question_mark", "app.help", "Hjälp", id="help_start", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static("Välj rutin – skriv för att filtrera, Enter öppnar", id="start-hint")
            yield Input(placeholder="Filtrera rutiner …", id="filter")
            yield OptionList(id="routines")
            yield Static(id="start-status")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.refresh_list("")
        self.query_one("#filter", Input).focus()
        self.call_after_refresh(self.app.first_screen_ready)  # opens the step log, too
        self.call_after_refresh(self.offer_resume)

    def routines(self) -> list[Routine]:
        return self.app.catalog.routines()

    def refresh_list(self, text: str) -> None:
        needle = text.strip().lower()
        today = self.app.now().date()
        options = self.query_one("#routines", OptionList)
        options.clear_options()
        for routine in self.routines():
            haystack = " ".join((routine.id, routine.title, routine.short_title, *routine.units)).lower()
            if all(word in haystack for word in needle.split()):
                options.add_option(Option(routine_prompt(routine, today), id=routine.id))
        if options.option_count:
            options.highlighted = 0
        elif needle:
            options.add_option(Option(Text(f"Inga rutiner matchar ”{text.strip()}”. Esc rensar "
                                           "filtret.", style="dim"), disabled=True))

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.refresh_list(event.value)

    @on(OptionList.OptionSelected, "#routines")
    def routine_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_routine(event.option.id)

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_open(self) -> None:
        options = self.query_one("#routines", OptionList)
        if options.highlighted is None or options.get_option_at_index(options.highlighted).disabled:
            self.notify("Ingen rutin matchar filtret.", severity="warning")
            return
        self.open_routine(options.get_option_at_index(options.highlighted).id)

    def open_routine(self, routine_id: str | None, session=None) -> None:
        from samverkan_tui.tui.screens.walk import WalkScreen

        routine = self.app.catalog.get(routine_id or "")
        if routine is not None:
            self.app.push_screen(WalkScreen(routine, session=session))

    def action_training(self) -> None:
        from samverkan_tui.tui.screens.training import open_training

        options = self.query_one("#routines", OptionList)
        highlighted = options.highlighted
        open_training(self.app, focus=options.get_option_at_index(highlighted).id
                      if highlighted is not None else None)

    def action_review(self) -> None:
        from samverkan_tui.tui.screens.review import ReviewScreen

        options = self.query_one("#routines", OptionList)
        if options.highlighted is None or options.get_option_at_index(options.highlighted).disabled:
            self.notify("Välj en rutin att granska.", severity="warning")
            return
        routine = self.app.catalog.get(options.get_option_at_index(options.highlighted).id or "")
        if routine is not None:
            self.app.push_screen(ReviewScreen(routine))

    # -- resuming -------------------------------------------------------------
    def offer_resume(self) -> None:
        status = self.app.step_log_error
        if status:
            self.query_one("#start-status", Static).update(
                Text(f"⚠ Stegloggen kan inte användas: {status} Inget sparas.", style="bold red"))
        log = self.app.step_log
        if log is None or self.app.training_routine is not None:  # `samverkan öva`: no offer
            return
        unfinished = [i for i in log.unfinished()
                      if i.mode == "ärende" and self.app.catalog.get(i.routine_id) is not None]
        if not unfinished:
            return
        from samverkan_tui.tui.screens.resume import SHOWN, ResumeScreen

        unfinished.sort(key=lambda i: i.updated_at, reverse=True)
        sessions = [log.resume(i.id, self.app.catalog.get(i.routine_id)) for i in unfinished[:SHOWN]]

        def chosen(session) -> None:
            if session is not None:
                self.open_routine(session.routine.id, session=session)

        self.app.push_screen(ResumeScreen(sessions, len(unfinished), lambda s: log.discard(s.id)),
                             chosen)

    def palette_commands(self):
        from textual.app import SystemCommand

        for routine in self.routines():
            yield SystemCommand(f"Öppna {routine.short_title or routine.title}", routine.id,
                                lambda rid=routine.id: self.open_routine(rid))
        yield SystemCommand("Övningsläge", "Öva rutinerna på påhittade fall, eller en guidad "
                            "rundtur", self.action_training)
        yield SystemCommand("Granska rutinen", "Årlig granskning av den markerade rutinen, punkt för "
                            "punkt, med protokoll", self.action_review)
