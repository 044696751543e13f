"""A walk's summary for the documentation system: what was done and when, what is left.

``walk_summary`` sorts a walk into steps done with their times, deviations with
category and scrubbed comment, steps marked not applicable, and the open steps with
their due dates (counted from their moments). The note a person reads is built from it
in one place, ``export.document.document_for_summary``, and rendered by
``export.render`` (text for `logg visa` and the app's `s` and its clipboard copy,
Markdown for `logg visa --format md`). This module also gives the JSON (which keeps
the log's session id; the note leaves it out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samverkan_tui.core.clock import STOCKHOLM
from samverkan_tui.core.model import Contact, Step
from samverkan_tui.core.session import (
    ANSWER,
    CLEAR_ANSWER,
    CLEAR_STEP,
    CONTACT,
    STEP,
    Event,
    StepState,
    WalkSession,
)
from samverkan_tui.core.status import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    DONE,
    NOT_APPLICABLE,
    status_label,
)
from samverkan_tui.core.walk import PlannedStep
from samverkan_tui.steplog.store import SessionInfo

WIDTH = 80


@dataclass(frozen=True)
class HandledStep:
    step: Step
    state: StepState
    in_plan: bool


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
    summary = WalkSummary(session, now, stored_content_hash)
    for question in plan.asked:
        value = plan.answers[question.id]
        option = question.option(value)
        summary.answers.append((question.id, question.text, value, option.label if option else value))
    summary.unanswered = [q.text for q in plan.unanswered]
    in_plan = {p.id for p in plan.steps}
    buckets = {DONE: summary.done, DEVIATION: summary.deviations, NOT_APPLICABLE: summary.not_applicable}
    for step_id, state in sorted(session.steps.items(), key=lambda item: item[1].at):
        step = routine.step(step_id)
        if step is not None:
            buckets[state.status].append(HandledStep(step, state, step_id in in_plan))
    visible = session.visible_states(plan)
    summary.open = [p for p in plan.actions if p.id not in visible]
    for contact_id, moment in sorted(session.contacts_used.items(), key=lambda item: item[1]):
        contact = routine.contact(contact_id)
        if contact is not None:
            summary.contacts.append((contact, moment))
    return summary


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(STOCKHOLM) if moment.tzinfo else moment


# -- JSON -------------------------------------------------------------------------------


def _iso(moment: dt.datetime | None) -> str | None:
    return _local(moment).isoformat() if moment else None


def _state_dict(state: StepState) -> dict[str, object]:
    return {
        "status": state.status,
        "status_label": status_label(state.status),
        "at": _iso(state.at),
        "category": state.category,
        "category_label": DEVIATION_CATEGORIES.get(state.category) if state.category else None,
        "comment": state.comment,
    }


def summary_dict(summary: WalkSummary) -> dict[str, object]:
    session, routine = summary.session, summary.session.routine
    steps: list[dict[str, object]] = []
    for item in (*summary.done, *summary.deviations, *summary.not_applicable):
        steps.append(
            {"id": item.step.id, "text": item.step.text, "in_plan": item.in_plan, **_state_dict(item.state)}
        )
    for planned in summary.open:
        steps.append(
            {
                "id": planned.id,
                "text": planned.step.text,
                "in_plan": True,
                "status": None,
                "deadline": planned.step.deadline.text if planned.step.deadline else None,
                "due": planned.due.isoformat() if planned.due else None,
                "overdue": summary.overdue(planned),
            }
        )
    return {
        "id": session.id,
        "routine": {
            "id": routine.id,
            "title": routine.title,
            "version": routine.version,
            "content_hash": routine.content_hash,
        },
        "stored_content_hash": summary.stored_content_hash,
        "routine_changed": summary.routine_changed,
        "mode": session.mode,
        "started_at": _iso(session.started_at),
        "updated_at": _iso(session.updated_at),
        "finished_at": _iso(session.finished_at),
        "now": _iso(summary.now),
        "answers": [
            {"question": q, "text": t, "value": v, "label": label} for q, t, v, label in summary.answers
        ],
        "unanswered": summary.unanswered,
        "steps": steps,
        "contacts_used": [{"id": c.id, "name": c.name, "at": _iso(m)} for c, m in summary.contacts],
    }


def raw_dict(info: SessionInfo, events: list[Event]) -> dict[str, object]:
    """A stored walk whose routine is no longer in the catalog: ids and times only."""
    answers: dict[str, str] = {}
    steps: dict[str, dict[str, object]] = {}
    contacts: dict[str, str | None] = {}
    for event in events:
        if event.kind == ANSWER:
            answers[event.question or ""] = event.value or ""
        elif event.kind == CLEAR_ANSWER:
            answers.pop(event.question or "", None)
        elif event.kind == STEP:
            steps[event.step or ""] = _state_dict(
                StepState(event.status or "", event.at, event.category, event.comment)
            )
        elif event.kind == CLEAR_STEP:
            steps.pop(event.step or "", None)
        elif event.kind == CONTACT:
            contacts.setdefault(event.contact or "", _iso(event.at))
    return {
        "id": info.id,
        "routine": {
            "id": info.routine_id,
            "title": None,
            "version": info.routine_version,
            "content_hash": None,
        },
        "stored_content_hash": info.content_hash,
        "routine_available": False,
        "mode": info.mode,
        "started_at": _iso(info.started_at),
        "updated_at": _iso(info.updated_at),
        "finished_at": _iso(info.finished_at),
        "answers": [{"question": q, "value": v} for q, v in answers.items()],
        "steps": [{"id": s, **state} for s, state in steps.items()],
        "contacts_used": [{"id": c, "at": at} for c, at in contacts.items()],
    }
