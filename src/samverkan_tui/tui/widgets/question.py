"""The current question, its answers and the routine's own help text. Owns the answer keys."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from samverkan_tui.core.model import NO, YES, Question


class QuestionPanel(Static, can_focus=True):
    """Answer with j/y (ja), n (nej) or the option's digit."""

    BINDINGS = [
        Binding("j,y", "answer_yes", "Ja", id="answer_yes"),
        Binding("n", "answer_no", "Nej", id="answer_no"),
        *[Binding(str(n), f"answer_option({n})", show=False) for n in range(1, 10)],
    ]

    class Answered(Message):
        def __init__(self, question: Question, value: str) -> None:
            super().__init__()
            self.question = question
            self.value = value

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.question: Question | None = None

    def show(self, question: Question | None, number: int, total: int, editing: bool) -> None:
        self.question = question
        if question is None:
            self.border_title = "Alla frågor besvarade"
            self.update(Text("Planen är komplett. Tab går till planen; välj ett svar i "
                             "listan nedan för att ändra det.", style="dim"))
            return
        self.border_title = "Ändra svar" if editing else f"Fråga {number} av minst {total}"
        text = Text(question.text + "\n\n", style="bold")
        for index, option in enumerate(question.options, start=1):
            key = {YES: "j", NO: "n"}.get(option.value) if question.kind == "ja_nej" else None
            text.append(f" {key or index} ", style="reverse bold")
            text.append(f" {option.label}\n")
        if question.help:
            text.append("\n" + question.help, style="italic dim")
        self.update(text)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.question is None:
            return False
        if action in ("answer_yes", "answer_no"):
            return self.question.kind == "ja_nej"
        return True

    def _answer(self, value: str) -> None:
        if self.question is not None and self.question.option(value) is not None:
            self.post_message(self.Answered(self.question, value))

    def action_answer_yes(self) -> None:
        self._answer(YES)

    def action_answer_no(self) -> None:
        self._answer(NO)

    def action_answer_option(self, number: int) -> None:
        if self.question is not None and 1 <= number <= len(self.question.options):
            self._answer(self.question.options[number - 1].value)
