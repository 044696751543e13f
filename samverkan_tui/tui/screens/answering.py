"""The shared base of screens that ask a routine's questions: the walk and the exercise.

Answering, changing an earlier answer and taking the last one back work the same in
both. What this base reads is declared below; the subclasses set it and draw in ``redraw``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList

from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.widgets.question import QuestionPanel

if TYPE_CHECKING:
    from samverkan_tui.core.routine.model import Routine
    from samverkan_tui.core.walk.plan import Plan
    from samverkan_tui.core.walk.session import Event, WalkSession


class AnsweringScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,backspace", "back", "Tillbaka", id="back"),
        # The app's actions: a screen has no focus_next action of its own, and a binding
        # to a missing action silently does nothing (Tab did nothing here once).
        Binding("tab", "app.focus_next", "Nästa ruta", id="focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", "Föregående ruta", id="focus_previous", show=False),
    ]

    # Set by the subclasses: the routine asked, and the walk the answers go to (there is
    # one from the moment the screen is mounted).
    routine: Routine
    session: WalkSession
    plan: Plan | None = None  # the plan as last drawn; None before the first redraw
    editing: str | None = None  # a question asked again to change its answer

    def redraw(self) -> None:
        raise NotImplementedError

    def store_from_first_event(self) -> None:
        """Start storing the walk in the step log with its first event, not before:
        opening a routine or an exercise and leaving at once leaves nothing to resume."""
        self.session.listeners.append(self._start_log_on_first_event)

    def _start_log_on_first_event(self, session: WalkSession, event: Event) -> None:
        session.listeners.remove(self._start_log_on_first_event)
        # Looked up now, not at mount: the app opens the log after the first screen is painted.
        log = samverkan_app(self).step_log
        if log is not None:
            log.start(session)
        self.log_started()

    def log_started(self) -> None:
        """Called once the walk is in the step log (the walk remembers its role then)."""

    @on(QuestionPanel.Answered)
    def answered(self, message: QuestionPanel.Answered) -> None:
        changing = self.editing is not None
        before = {p.id for p in self.plan.actions} if changing and self.plan else set()
        self.session.answer(message.question.id, message.value, samverkan_app(self).now())
        self.editing = None
        self.redraw()
        if changing:
            self.report_change(before)

    def report_change(self, before: set[str]) -> None:
        """Say what an answer change did to the plan (the walk does; an exercise need not)."""

    @on(OptionList.OptionSelected, "#answers")
    def change_answer(self, message: OptionList.OptionSelected) -> None:
        self.editing = message.option.id
        self.redraw()

    def action_back(self) -> None:
        """Cancel a change; otherwise take back the last answer; at the start, leave."""
        if self.editing is not None:
            self.editing = None
        elif self.plan and self.plan.asked:
            self.session.clear_answer(self.plan.asked[-1].id, samverkan_app(self).now())
        else:
            self.app.pop_screen()
            return
        self.redraw()
