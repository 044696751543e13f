"""The plan: the routine's items in its own order, under its headings.

Actions carry a box and their role; information is shown without one and cannot be
ticked. Owns the step keys: space ticks, e marks "ej aktuell", a opens the deviation
dialog. Whom to call right now is the walk's pinned call line above the plan
(``core.walk.call_now``); each step's phone lines say whether the contact answers now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from samverkan_tui.core.walk.due_text import due_line
from samverkan_tui.core.walk.plan import Plan, PlannedStep
from samverkan_tui.core.walk.session import StepState
from samverkan_tui.core.walk.status import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    DONE,
    NOT_APPLICABLE,
    STATUS_LABELS,
)
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.widgets.hanging import Hanging, hanging
from samverkan_tui.tui.widgets.titles import set_border_subtitle, set_border_title

BOXES = {None: "[ ]", DONE: "[✓]", NOT_APPLICABLE: "[–]", DEVIATION: "[!]"}
# How a step's phone line says whether the contact answers now (None: no hours given);
# one unit, like the number before it (a non-breaking space, kept by hanging.wrap_kept).
ANSWERS_NOW = {True: "öppet\u00a0nu", False: "stängt\u00a0nu", None: ""}
# An information item longer than INFORMATION_LINES shows its first INFORMATION_SHORT
# lines in the plan, ending in "…"; a short one (a warning, a note) is shown whole.
INFORMATION_LINES = 2
INFORMATION_SHORT = 1
INFORMATION_HINT = "i läser informationen"


def _keep(text: str) -> str:
    """Phone numbers never wrap inside the number: their spaces become non-breaking."""
    from samverkan_tui.core.base.phone_numbers import keep_numbers_together

    return keep_numbers_together(text)


def contacts_open(planned: PlannedStep, now: dt.datetime) -> tuple[bool | None, ...]:
    """Whether each of the step's contacts answers at ``now``, in the step's order."""
    from samverkan_tui.core.walk.hours import contact_status

    return tuple(contact_status(c, None, now).open_now for c in planned.contacts)


def step_prompt(
    planned: PlannedStep,
    state: StepState | None,
    plan: Plan,
    now: dt.datetime,
    answers_now: tuple[bool | None, ...] = (),
) -> Hanging:
    step = planned.step
    role = plan.routine.role(step.role)
    text = Text()
    if not step.checkable:
        # Long information (a principle, a definition, the law's text) on one line: in full
        # it filled the first screen at 80×24, and the first actions were below it. The
        # whole text is a key away (i, WalkScreen.action_read_information) and in every
        # printout.
        text.append(_keep(step.text), style="italic")
        for note in step.notes:
            text.append(f"\n{_keep(note)}", style="italic dim")
        return hanging(Text(" ℹ ", style="dim"), text, INFORMATION_LINES, INFORMATION_SHORT)
    status = state.status if state else None
    text.append(f"{role.name if role else step.role}", style="reverse")
    text.append(" ")
    text.append(_keep(step.text), style="dim" if status in (DONE, NOT_APPLICABLE) else "")
    due = due_line(planned)
    if due:
        overdue = planned.due is not None and planned.due < now.date() and status is None
        text.append(f"\n{due}", style="bold red" if overdue else "cyan")
    for warning in step.warnings:
        text.append(f"\n⚠ {_keep(warning)}", style="bold red")
    for note in step.notes:
        text.append(f"\n{_keep(note)}", style="italic dim")
    for index, contact in enumerate(planned.contacts):
        # Each number one unbreakable unit; a line may wrap between two numbers.
        numbers = " / ".join(_keep(phone) for phone in contact.phones)
        text.append(f"\n☎ {contact.name} {numbers}".rstrip(), style="yellow")
        answers = ANSWERS_NOW[answers_now[index]] if index < len(answers_now) else ""
        if answers:
            text.append(f" · {answers}", style="green" if answers_now[index] else "bold red")
    if state is not None:
        local = state.at.astimezone(now.tzinfo)
        label = STATUS_LABELS[state.status]
        if state.category:
            label += f": {DEVIATION_CATEGORIES.get(state.category, state.category)}"
        unreached = plan.routine.contact(state.contact) if state.contact else None
        if unreached is not None:
            label += f" ({unreached.name})"
        if state.comment:
            label += f" – ”{state.comment}”"
        text.append(f"\n{label} {local:%H.%M}", style="dim")
    box = Text(BOXES[status], style="bold green" if status == DONE else "bold")
    return hanging(box, text)


class PlanList(OptionList):
    BINDINGS = bindings("PlanList")

    class StepAction(Message):
        def __init__(self, step_id: str, action: str) -> None:
            super().__init__()
            self.step_id = step_id
            self.action = action

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Options are reused while their content is unchanged, also when a changed answer
        # is changed back: renders are kept per option object (below), and new objects on
        # every key would be drawn anew. Both caches are bounded.
        self._options_by_key: LRUCache[tuple[object, ...], Option] = LRUCache(maxsize=256)
        self._kept_renders: LRUCache[tuple[object, ...], tuple[int, list[Strip]]] = LRUCache(maxsize=512)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """The option list's render of ``option``, kept across changes of the options.

        Textual drops every rendered option whenever the options change, and the plan
        changes them on almost every key: re-rendering each step was most of a keypress.
        Options are reused while their content is the same (``_option``), so their renders
        can be too, keyed by what they are drawn with; only the option's index, which the
        strips carry for mouse clicks, is brought up to date.
        """
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        key = (option, style, padding, width)
        index = self._option_to_index[option]
        kept = self._kept_renders.get(key)
        if kept is None:
            strips = super()._get_option_render(option, style)
        elif kept[0] != index:
            # A segment's own meta wins over one applied on top: clear it first.
            strips = [
                Strip(
                    [
                        Segment(text, style and style.clear_meta_and_links(), control)
                        for text, style, control in strip
                    ],
                    strip.cell_length,
                ).apply_meta({"option": index})
                for strip in kept[1]
            ]
        else:
            return kept[1]
        self._kept_renders[key] = (index, strips)
        return strips

    def _option(self, key: tuple[object, ...], make: Callable[..., Option]) -> Option:
        option = self._options_by_key.get(key)
        if option is None:
            option = self._options_by_key[key] = make()
        return option

    def show(
        self,
        plan: Plan,
        states: dict[str, StepState],
        now: dt.datetime,
        keep_highlight: bool = True,
        progress: tuple[int, int] | None = None,
        filtered: bool = False,
    ) -> None:
        """Redraw; the highlight stays on the same step while the user works in the plan,
        and starts at the first open action otherwise."""
        highlighted = self.highlighted if keep_highlight else None
        current_id = (
            self.get_option_at_index(highlighted).id
            if highlighted is not None and highlighted < self.option_count
            else None
        )
        options: list[Option] = []

        # Callable[..., Option]: the makers are lambdas that bind the loop values as
        # defaults, and mypy types a lambda with defaults only against "...".
        def add(key: tuple[object, ...], make: Callable[..., Option]) -> None:
            options.append(self._option(key, make))

        phase = None
        for part in plan.sections:
            if part.phase is not None and part.phase.id != phase and part.depth == 0:
                phase = part.phase.id
                add(
                    ("phase", phase),
                    lambda p=part.phase: Option(Text(p.name.upper(), style="bold underline"), disabled=True),
                )
            if part.section is not None and not part.continued:
                add(
                    ("section", part.section.id),
                    lambda s=part.section, d=part.depth: Option(
                        hanging(Text("  " * d), Text(s.title, style="bold"))
                        if d
                        else Text(s.title, style="bold"),
                        disabled=True,
                    ),
                )
            for planned in part.steps:
                state = states.get(planned.id)
                overdue = planned.due is not None and planned.due < now.date()
                answers_now = contacts_open(planned, now) if planned.contacts else ()
                key = ("step", planned.id, state, planned.due, overdue, answers_now)
                add(
                    key,
                    lambda p=planned, st=state, a=answers_now: Option(
                        step_prompt(p, st, plan, now, a), id=p.id, disabled=not p.checkable
                    ),
                )
        if not plan.steps:
            add(
                ("empty", filtered),
                lambda: Option(
                    Text(
                        "Inga av dina steg här: f visar alla steg."
                        if filtered
                        else "Inga steg ännu: besvara frågorna.",
                        style="dim",
                    ),
                    disabled=True,
                ),
            )
        if [o for o in self.options] != options:
            self.clear_options()
            self.add_options(options)
        handled, total = (
            progress
            if progress is not None
            else (sum(1 for p in plan.actions if p.id in states), len(plan.actions))
        )
        title = f"Plan – {handled} av {total} steg hanterade"
        set_border_title(self, title + (" (mina steg)" if filtered else ""))
        set_border_subtitle(self, INFORMATION_HINT if any(not p.checkable for p in plan.steps) else "")
        ids = [option.id if not option.disabled else None for option in options]
        if current_id is not None and current_id in ids:
            self.highlighted = ids.index(current_id)
        elif not keep_highlight or self.highlighted is None:
            first_open = next((i for i, oid in enumerate(ids) if oid is not None and oid not in states), None)
            self.highlighted = (
                first_open
                if first_open is not None
                else next((i for i, oid in enumerate(ids) if oid is not None), None)
            )
            # The plan opens at its top, so the first actions are on screen under the call
            # line; the highlight waits on the first open action for the user to come in.
            self.call_after_refresh(self.scroll_home, animate=False, immediate=True)

    def current_step(self) -> str | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.disabled else option.id

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
