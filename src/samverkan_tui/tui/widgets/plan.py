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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Options are reused while their content is unchanged: the list caches rendered
        # lines per option object, and new objects on every key would grow those caches
        # (and the garbage collector's pauses) without bound.
        self._options_by_key: dict[tuple, Option] = {}

    def _option(self, key: tuple, make) -> Option:
        option = self._options_by_key.get(key)
        if option is None:
            option = self._options_by_key[key] = make()
        return option

    def show(self, plan: Plan, states: dict[str, StepState], now: dt.datetime,
             keep_highlight: bool = True) -> None:
        """Redraw; the highlight stays on the same step while the user works in the plan,
        and starts at the first step otherwise."""
        highlighted = self.highlighted if keep_highlight else None
        current_id = (self.get_option_at_index(highlighted).id
                      if highlighted is not None and highlighted < self.option_count else None)
        options: list[Option] = []
        used: set[tuple] = set()
        for group in plan.groups:
            key = ("group", group.phase.id, group.role.id)
            options.append(self._option(key, lambda g=group: Option(
                Text(f"{g.phase.name} – {g.role.name}", style="bold underline"), disabled=True)))
            used.add(key)
            for planned in group.steps:
                state = states.get(planned.id)
                summaries = tuple(contact_status(c, plan.routine, now).summary
                                  for c in planned.contacts)
                overdue = planned.due is not None and planned.due < now.date()
                key = ("step", planned.id, state, planned.due, overdue, summaries)
                options.append(self._option(key, lambda p=planned, st=state: Option(
                    step_prompt(p, st, plan, now), id=p.id)))
                used.add(key)
        if not plan.steps:
            key = ("empty",)
            options.append(self._option(key, lambda: Option(
                Text("Inga steg ännu: besvara frågorna.", style="dim"), disabled=True)))
            used.add(key)
        self._options_by_key = {k: v for k, v in self._options_by_key.items() if k in used}
        if [o for o in self.options] != options:
            self.clear_options()
            self.add_options(options)
        handled = sum(1 for p in plan.steps if p.id in states)
        self.border_title = f"Plan – {handled} av {len(plan.steps)} steg hanterade"
        ids = [option.id for option in options]
        if current_id is not None and current_id in ids:
            self.highlighted = ids.index(current_id)
        elif not keep_highlight or self.highlighted is None:
            self.highlighted = next((i for i, oid in enumerate(ids) if oid is not None), None)

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
