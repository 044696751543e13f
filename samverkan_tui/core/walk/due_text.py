"""A planned item's due date as one Swedish line, for the app, `show` and every printout."""

from __future__ import annotations

from samverkan_tui.core.base.dates import format_date
from samverkan_tui.core.routine.deadline_phrases import deadline_phrase
from samverkan_tui.core.walk.plan import PlannedStep


def due_line(planned: PlannedStep) -> str:
    """The due date of a planned item as one line; "" when it has none.

    Where the law overrides the routine, the law's date is the only date shown, with the
    routine's wording beside it: a date the law forbids is never printed as due.
    """
    step = planned.step
    legal = step.legal
    if legal is not None and planned.legal_due is not None:
        label = planned.legal_from.label if planned.legal_from else None
        text = (
            f"Lagen: {legal.text} – senast {format_date(planned.legal_due)} "
            f"({deadline_phrase(legal.deadline, label)})"
        )
        if step.deadline is not None:
            text += f"; rutinen anger {step.deadline.text}"
        return text
    if planned.due is None or step.deadline is None:
        return ""
    label = planned.due_from.label if planned.due_from else None
    return f"Senast {format_date(planned.due)} ({deadline_phrase(step.deadline, label)})"
