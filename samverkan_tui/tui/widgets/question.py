"""The current question, its answers and the routine's own help text. Owns the answer keys."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from samverkan_tui.core.routine.model import NO, YES, Question
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.widgets.hanging import Hanging
from samverkan_tui.tui.widgets.titles import set_border_title


class QuestionPanel(VerticalScroll, can_focus=True):
    """Answer with j/y (ja), n (nej) or the option's digit.

    It scrolls (↑/↓, PgUp/PgDn): every option and the whole help text can always be
    read, however small the window.
    """

    BINDINGS = bindings("QuestionPanel")

    class Answered(Message):
        def __init__(self, question: Question, value: str) -> None:
            super().__init__()
            self.question = question
            self.value = value

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question: Question | None = None
        # Typing ahead: "j 2 j" typed fast reaches this panel before the screen has shown
        # the next question. Answer keys that arrive while an answer is on its way wait
        # here and apply to the question they were meant for, in order; none is lost or
        # read against the question just answered.
        self._waiting = False
        self._typed_ahead: list[tuple[str, tuple[object, ...]]] = []
        self._footer_stale = False

    @property
    def answer_pending(self) -> bool:
        """An answer is on its way to the screen: the keys on offer are about to change."""
        return self._waiting

    def compose(self) -> ComposeResult:
        yield Static(id="question-text")

    def update(self, content: RenderableType) -> None:
        self.query_one("#question-text", Static).update(content)
        self.scroll_home(animate=False)

    def show(self, question: Question | None, number: int, total: int | None, editing: bool) -> None:
        """``total``: how many questions the walk asks in all, once the answers so far decide
        it (None until then: the counter does not promise a number it may break)."""
        self.question = question
        was_waiting, self._waiting = self._waiting, False
        # The footer waited while the answer was on its way (AnsweringScreen.keys_settled);
        # typing ahead, it may have been asked meanwhile: offer the keys of this question.
        if was_waiting or self._footer_stale:
            self._footer_stale = False
            self.call_after_refresh(self.screen.refresh_bindings)
        if self._typed_ahead:
            typed, self._typed_ahead = self._typed_ahead, []
            self.call_after_refresh(self._replay, typed)
        if question is None:
            set_border_title(self, "Alla frågor besvarade")
            self.update(
                Text(
                    "Planen är komplett. Tab går till svaren och planen; Enter på ett svar ändrar det.",
                    style="dim",
                )
            )
            return
        set_border_title(
            self,
            "Ändra svar" if editing else (f"Fråga {number} av {total}" if total else f"Fråga {number}"),
        )
        rows = []
        for index, option in enumerate(question.options, start=1):
            key = {YES: "j", NO: "n"}.get(option.value) if question.kind == "ja_nej" else None
            rows.append((Text(f" {key or index} ", style="reverse bold"), Text(option.label)))
        options = Hanging(rows)
        parts: list[RenderableType] = [Text(question.text, style="bold"), Text(""), options]
        if question.help:
            parts += [Text(""), Text(question.help, style="italic dim")]
        self.update(Group(*parts))

    def _replay(self, typed: list[tuple[str, tuple[object, ...]]]) -> None:
        for index, (action, parameters) in enumerate(typed):
            if self._waiting:  # an earlier replayed key answered: the rest wait again
                self._typed_ahead.extend(typed[index:])
                return
            if self.check_action(action, parameters):
                getattr(self, f"action_{action}")(*parameters)

    def _typed_while_waiting(self, action: str, *parameters: object) -> bool:
        if self._waiting:
            self._typed_ahead.append((action, parameters))
        return self._waiting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._waiting and action.startswith("answer_"):
            self._footer_stale = True  # the footer asked while no question was shown
            return True
        if self.question is None:
            return False
        if action in ("answer_yes", "answer_no"):
            return self.question.kind == "ja_nej"
        # Yes/no is j/n; digits pick among a choice's options.
        return not (action == "answer_option" and self.question.kind == "ja_nej")

    def _answer(self, value: str) -> None:
        if self.question is not None and self.question.option(value) is not None:
            self._waiting = True
            self.post_message(self.Answered(self.question, value))

    def action_answer_yes(self) -> None:
        if not self._typed_while_waiting("answer_yes"):
            self._answer(YES)

    def action_answer_no(self) -> None:
        if not self._typed_while_waiting("answer_no"):
            self._answer(NO)

    def action_answer_option(self, number: int) -> None:
        if self._typed_while_waiting("answer_option", number):
            return
        if self.question is not None and 1 <= number <= len(self.question.options):
            self._answer(self.question.options[number - 1].value)
