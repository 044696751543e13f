"""The plan: steps grouped by phase and role, each with its status, due date and warnings.

Owns the step keys: space ticks, e marks "ej aktuell", a opens the deviation dialog.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from samverkan_tui.core.deadlines import format_date
from samverkan_tui.core.hours import contact_status
from samverkan_tui.core.session import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    DONE,
    NOT_APPLICABLE,
    StepState,
)
from samverkan_tui.core.walk import Plan, PlannedStep

BOXES = {None: "[ ]", DONE: "[✓]", NOT_APPLICABLE: "[–]", DEVIATION: "[!]"}


def step_prompt(planned: PlannedStep, state: StepState | None, plan: Plan, now: dt.datetime) -> Text:
    step = planned.step
    status = state.status if state else None
    text = Text()
    text.append(BOXES[status] + " ", style="bold green" if status == DONE else "bold")
    text.append(step.text, style="dim" if status in (DONE, NOT_APPLICABLE) else "")
    if planned.due:
        overdue = planned.due < now.date() and status is None
        text.append(f"\n    Senast {format_date(planned.due)} ({step.deadline.text})",
                    style="bold red" if overdue else "cyan")
    for warning in step.warnings:
        text.append(f"\n    ⚠ {warning}", style="bold red")
    for note in step.notes:
        text.append(f"\n    {note}", style="italic dim")
    for contact in planned.contacts:
        summary = contact_status(contact, plan.routine, now).summary
        text.append(f"\n    ☎ {contact.name} {' / '.join(contact.phones)} – {summary}", style="yellow")
    if state is not None:
        local = state.at.astimezone(now.tzinfo)
        label = {DONE: "klar", NOT_APPLICABLE: "ej aktuell", DEVIATION: "avvikelse"}[state.status]
        if state.category:
            label += f": {DEVIATION_CATEGORIES.get(state.category, state.category)}"
        text.append(f"\n    {label} {local:%H.%M}", style="dim")
    return text


class PlanList(OptionList):
    BINDINGS = [
        Binding("space", "toggle_done", "Klar", id="toggle_done"),
        Binding("e", "not_applicable", "Ej aktuell", id="not_applicable"),
        Binding("a", "deviation", "Avvikelse", id="deviation"),
    ]

    class StepAction(Message):
        def __init__(self, step_id: str, action: str) -> None:
            super().__init__()
            self.step_id = step_id
            self.action = action

    def show(self, plan: Plan, states: dict[str, StepState], now: dt.datetime,
             keep_highlight: bool = True) -> None:
        """Redraw; the highlight stays on the same step while the user works in the plan,
        and starts at the first step otherwise."""
        highlighted = self.highlighted if keep_highlight else None
        current_id = (self.get_option_at_index(highlighted).id
                      if highlighted is not None and highlighted < self.option_count else None)
        self.clear_options()
        options: list[Option | None] = []
        for group in plan.groups:
            options.append(Option(Text(f"{group.phase.name} – {group.role.name}", style="bold underline"),
                                  disabled=True))
            options += [Option(step_prompt(p, states.get(p.id), plan, now), id=p.id) for p in group.steps]
        if not plan.steps:
            options.append(Option(Text("Inga steg ännu: besvara frågorna.", style="dim"), disabled=True))
        self.add_options(options)
        handled = sum(1 for p in plan.steps if p.id in states)
        self.border_title = f"Plan – {handled} av {len(plan.steps)} steg hanterade"
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if current_id is not None and current_id in ids:
            self.highlighted = ids.index(current_id)
        else:
            first = next((i for i, oid in enumerate(ids) if oid is not None), None)
            self.highlighted = first

    def current_step(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def _post(self, action: str) -> None:
        step_id = self.current_step()
        if step_id is not None:
            self.post_message(self.StepAction(step_id, action))

    def action_toggle_done(self) -> None:
        self._post("toggle")

    def action_not_applicable(self) -> None:
        self._post("not_applicable")

    def action_deviation(self) -> None:
        self._post("deviation")
