"""A walk's summary for the documentation system: what was done and when, what is left.

``walk_summary`` sorts a walk into steps done with their times, deviations with
category and scrubbed comment, steps marked not applicable, and the open steps with
their due dates (counted from their moments). The note a person reads is built from it
in one place, ``export.document.document_for_summary``, and rendered by
``export.render`` (text for `logg visa` and the app's `s` and its clipboard copy,
Markdown for `logg visa --format md`). The JSON is ``export.data.walk_dict`` (it keeps
the log's session id; the note leaves it out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.routine.model import Contact, Step
from samverkan_tui.core.routine.references import item_references
from samverkan_tui.core.walk.plan import PlannedStep
from samverkan_tui.core.walk.session import (
    StepState,
    WalkSession,
)
from samverkan_tui.core.walk.status import (
    DEVIATION,
    DONE,
    NOT_APPLICABLE,
)


@dataclass(frozen=True)
class HandledStep:
    step: Step
    state: StepState
    in_plan: bool
    reference: str = ""  # "RVT 2.3": the binder's (core.routine.references)

    @property
    def label(self) -> str:
        """The step as the note names it: "RVT 2.3 Undersök om …", found in the binder."""
        return f"{self.reference} {self.step.text}" if self.reference else self.step.text


@dataclass
class WalkSummary:
    session: WalkSession
    now: dt.datetime
    stored_content_hash: str | None = None
    answers: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, text, value, label
    unanswered: list[str] = field(default_factory=list)
    done: list[HandledStep] = field(default_factory=list)
    deviations: list[HandledStep] = field(default_factory=list)
    not_applicable: list[HandledStep] = field(default_factory=list)
    open: list[PlannedStep] = field(default_factory=list)
    contacts: list[tuple[Contact, dt.datetime]] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # step id → "RVT 2.3"

    def label(self, step: Step) -> str:
        """An open step as the note names it, with the binder's reference."""
        reference = self.references.get(step.id)
        return f"{reference} {step.text}" if reference else step.text

    @property
    def routine_changed(self) -> bool:
        """The routine file changed after the walk was stored (texts may differ)."""
        return (
            self.stored_content_hash is not None
            and self.stored_content_hash != self.session.routine.content_hash
        )

    def overdue(self, planned: PlannedStep) -> bool:
        return planned.due is not None and planned.due < self.now.date()


def walk_summary(
    session: WalkSession,
    now: dt.datetime,
    stored_content_hash: str | None = None,
) -> WalkSummary:
    """Sort the walk's steps into done, deviations, not applicable and open, at ``now``."""
    routine = session.routine
    plan = session.plan(now)
    summary = WalkSummary(session, now, stored_content_hash, references=item_references(routine))
    for question in plan.asked:
        value = plan.answers[question.id]
        option = question.option(value)
        summary.answers.append((question.id, question.text, value, option.label if option else value))
    summary.unanswered = [q.text for q in plan.unanswered]
    in_plan = session.recorded_in_plan(plan)
    buckets = {DONE: summary.done, DEVIATION: summary.deviations, NOT_APPLICABLE: summary.not_applicable}
    for step_id, state in sorted(session.steps.items(), key=lambda item: item[1].at):
        step = routine.step(step_id)
        if step is not None:
            buckets[state.status].append(
                HandledStep(step, state, step_id in in_plan, summary.references.get(step_id, ""))
            )
    visible = session.visible_states(plan)
    summary.open = [p for p in plan.actions if p.id not in visible]
    for contact_id, moment in sorted(session.contacts_used.items(), key=lambda item: item[1]):
        contact = routine.contact(contact_id)
        if contact is not None:
            summary.contacts.append((contact, moment))
    return summary


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(STOCKHOLM) if moment.tzinfo else moment
