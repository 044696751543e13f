"""The shared base of screens that ask a routine's questions: the walk and the exercise.

Answering, changing an earlier answer and taking the last one back work the same in
both. Esc and Backspace never take an answer back: they cancel a change, or move the
focus back to the question, or leave the screen (the walk is kept). Taking back the last
answer is its own key, ``u``, offered in the footer while there is an answer to take back.
What this base reads is declared below; the subclasses set it and draw in ``redraw``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import OptionList

from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.styles import screen_css
from samverkan_tui.tui.widgets.question import QuestionPanel

if TYPE_CHECKING:
    from samverkan_tui.core.routine.model import Routine
    from samverkan_tui.core.walk.plan import Plan
    from samverkan_tui.core.walk.session import Event, WalkSession
    from samverkan_tui.steplog.store import StepLog


class AnsweringScreen(Screen[None]):
    BINDINGS = bindings("AnsweringScreen")
    DEFAULT_CSS = screen_css(__file__)

    # Set by the subclasses: the routine asked, and the walk the answers go to (there is
    # one from the moment the screen is mounted).
    routine: Routine
    session: WalkSession
    plan: Plan | None = None  # the plan as last drawn; None before the first redraw
    editing: str | None = None  # a question asked again to change its answer

    def redraw(self) -> None:
        raise NotImplementedError

    def keys_settled(self) -> bool:
        """False while an answer is on its way (the footer waits for the next question:
        meanwhile every answer key is taken, to be typed ahead, and would be shown)."""
        return not self.query_one(QuestionPanel).answer_pending

    def store_from_first_event(self) -> None:
        """Start storing the walk in the step log with its first event, not before:
        opening a routine or an exercise and leaving at once leaves nothing to resume."""
        self.session.listeners.append(self._start_log_on_first_event)

    def _start_log_on_first_event(self, session: WalkSession, event: Event) -> None:
        session.listeners.remove(self._start_log_on_first_event)
        # Not looked up at mount: the app opens the log after the first screen is painted,
        # and an answer typed ahead can come before that (it is stored once the log is open).
        app = samverkan_app(self)
        app.when_step_log_ready(self._start_log)
        app.open_step_log_soon()

    def _start_log(self, log: StepLog | None) -> None:
        if log is not None:
            log.start(self.session)
        self.log_started()

    def log_started(self) -> None:
        """Called once the walk is in the step log (the walk remembers its role then)."""

    def closed(self) -> bool:
        """A finished walk is a closed record: say so instead of changing it."""
        if self.session.finished:
            self.notify("Genomgången är avslutad. Tryck o för att öppna den igen och ändra.", timeout=6)
            return True
        return False

    @on(QuestionPanel.Answered)
    def answered(self, message: QuestionPanel.Answered) -> None:
        if self.closed():
            return
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
        if self.closed():
            return
        self.editing = message.option.id
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_answer":
            return bool(self.plan and self.plan.asked) and not self.session.finished
        return True

    def action_back(self) -> None:
        """Cancel a change; from elsewhere go back to the question; from the question, leave.

        Never takes an answer back (that is ``u``): an Escape too many must not unwind a walk.
        """
        if self.editing is not None:
            self.editing = None
            self.redraw()
            return
        question = self.query_one(QuestionPanel)
        answers = self.query_one("#answers", OptionList)
        home = question if question.question is not None else answers
        if self.focused not in (question, answers) and home.display and home.focusable:
            home.focus()
            return
        self.app.pop_screen()

    def action_undo_answer(self) -> None:
        """Take back the last answer, said aloud: the plan changes with it."""
        if not (self.plan and self.plan.asked) or self.session.finished:
            return
        question = self.plan.asked[-1]
        self.editing = None
        self.session.clear_answer(question.id, samverkan_app(self).now())
        self.redraw()
        self.notify(f"Svaret togs tillbaka: {question.text}", timeout=5)
