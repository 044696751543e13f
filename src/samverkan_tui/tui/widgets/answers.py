"""The questions answered so far; choosing one asks it again, which recomputes the plan."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from samverkan_tui.core.walk import Plan


class AnswersList(OptionList):
    BINDINGS = [Binding("enter", "select", "Ändra svar", id="change_answer")]

    def show(self, plan: Plan) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for question in plan.asked:
            option = question.option(plan.answers[question.id])
            prompt = Text.assemble((question.text, ""), "\n  → ", (option.label if option else "", "bold"))
            self.add_option(Option(prompt, id=question.id))
        self.border_title = f"Svar ({len(plan.asked)})"
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)
