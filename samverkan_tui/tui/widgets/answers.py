"""The questions answered so far; choosing one asks it again, which recomputes the plan."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from samverkan_tui.core.walk.plan import Plan
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.widgets.titles import set_border_title


class AnswersList(OptionList):
    BINDINGS = bindings("AnswersList")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._options_by_key: dict[tuple[str, str], Option] = {}  # reused: see PlanList

    def show(self, plan: Plan) -> None:
        highlighted = self.highlighted
        options = []
        for question in plan.asked:
            key = (question.id, plan.answers[question.id])
            option = self._options_by_key.get(key)
            if option is None:
                chosen = question.option(key[1])
                prompt = Text.assemble(
                    (question.text, ""), "\n  → ", (chosen.label if chosen else "", "bold")
                )
                option = self._options_by_key[key] = Option(prompt, id=question.id)
            options.append(option)
        keep = {(q.id, plan.answers[q.id]) for q in plan.asked}
        self._options_by_key = {k: v for k, v in self._options_by_key.items() if k in keep}
        if list(self.options) != options:
            self.clear_options()
            self.add_options(options)
        # Taking an answer back is its own key (Esc never does): said where the answers are,
        # also when a narrow footer has no room for it.
        set_border_title(self, f"Svar ({len(plan.asked)})" + (" · u ångrar" if plan.asked else ""))
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)
