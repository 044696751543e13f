"""Plain dictionaries for JSON output: the scripting interface other tools rely on."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from samverkan_tui.core.model import Contact, Phase, Question, Role, Routine
from samverkan_tui.core.walk import Plan, describe_condition

if TYPE_CHECKING:  # core.hours (and with it the holiday table) only when a status is asked for
    from samverkan_tui.core.hours import ContactStatus


def routine_summary(routine: Routine, today: dt.date) -> dict[str, object]:
    due = routine.review_due()
    return {
        "id": routine.id,
        "title": routine.title,
        "short_title": routine.short_title or routine.title,
        "version": routine.version,
        "source": routine.source,
        "units": list(routine.units),
        "adopted": routine.adopted.isoformat() if routine.adopted else None,
        "revised": routine.revised.isoformat() if routine.revised else None,
        "review_due": due.isoformat() if due else None,
        "review_overdue": routine.review_overdue(today),
        "review_interval_assumed": routine.review_interval_assumed,
        "review_status": routine.review_status(today),
        "remarks": [{"text": r.text, "severity": r.severity} for r in routine.remarks],
        "content_hash": routine.content_hash,
    }


def question_dict(routine: Routine, question: Question) -> dict[str, object]:
    return {
        "id": question.id,
        "text": question.text,
        "help": question.help,
        "type": question.kind,
        "when": describe_condition(routine, question.when) or None,
        "options": [{"value": o.value, "label": o.label} for o in question.options],
    }


def contact_dict(routine: Routine, contact: Contact) -> dict[str, object]:
    return {
        "id": contact.id,
        "name": contact.name,
        "unit": contact.unit,
        "phones": list(contact.phones),
        "fax": list(contact.fax),
        "instructions": contact.instructions,
        "hours_note": contact.hours_note,
        "fallback": _fallback(routine, contact),
    }


def _fallback(routine: Routine, contact: Contact) -> dict[str, str] | None:
    """The fallback as ``{id, name}``, the same shape as `samverkan kontakter` gives."""
    other = routine.contact(contact.fallback) if contact.fallback else None
    return {"id": other.id, "name": other.name} if other else None


def contact_status_dict(status: ContactStatus) -> dict[str, object]:
    """Whether a contact answers at a moment: the JSON fields `samverkan kontakter` and the
    exercises share."""
    return {
        "open_now": status.open_now,
        "reason": status.reason,
        "closes_at": status.closes_at.isoformat() if status.closes_at else None,
        "next_open": status.next_open.isoformat() if status.next_open else None,
        "fallback": {"id": status.fallback.id, "name": status.fallback.name} if status.fallback else None,
        "uncertain": status.uncertain,
        "summary": status.summary,
    }


def contact_record(contact: Contact, routine: Routine | None, now: dt.datetime) -> dict[str, object]:
    """A contact and its status at ``now`` (`samverkan kontakter --format json`).

    Phone and fax numbers are kept exactly as the routine writes them.
    """
    from samverkan_tui.core.hours import contact_status
    from samverkan_tui.core.hours_text import weekly_hours_lines

    record: dict[str, object] = {
        "id": contact.id,
        "routine": routine.id if routine else None,
        "name": contact.name,
        "unit": contact.unit,
        "phones": list(contact.phones),
        "fax": list(contact.fax),
        "instructions": contact.instructions,
        "fallback_id": contact.fallback,
        "hours": weekly_hours_lines(contact),
    }
    record.update(contact_status_dict(contact_status(contact, routine, now)))
    return record


def plan_dict(plan: Plan) -> dict[str, object]:
    from samverkan_tui.core.deadlines import due_line

    routine = plan.routine
    return {
        "now": plan.now.isoformat(),
        "moments": {
            m.id: {"label": m.label, "at": plan.moment_time(m.id).isoformat(), "given": m.id in plan.moments}
            for m in plan.moments_needed
        },
        "answers": dict(plan.answers),
        "complete": plan.complete,
        "next_question": plan.next_question.id if plan.next_question else None,
        "unanswered": [question_dict(routine, q) for q in plan.unanswered],
        "general_rules": list(routine.general_rules),
        "plan": [
            {
                "id": p.step.id,
                "text": p.step.text,
                "role": p.step.role,
                "role_name": _name(routine.role(p.step.role)),
                "phase": p.step.phase,
                "phase_name": _name(routine.phase(p.step.phase)),
                "section": p.step.section,
                "section_title": _section_title(routine, p.step.section),
                "kind": p.step.kind,
                "checkable": p.step.checkable,
                "deadline": p.step.deadline.text if p.step.deadline else None,
                "due": p.due.isoformat() if p.due else None,
                "due_from": p.due_from.id
                if p.due_from
                else (p.legal_from.id if p.legal_from and p.legal_due else None),
                "legal_due": p.legal_due.isoformat() if p.legal_due else None,
                "legal_reference": p.step.legal.reference if p.step.legal else None,
                "due_text": due_line(p) or None,
                "contacts": [contact_dict(routine, c) for c in p.contacts],
                "warnings": list(p.step.warnings),
                "notes": list(p.step.notes),
            }
            for p in plan.steps
        ],
    }


def _name(role_or_phase: Role | Phase | None) -> str:
    return role_or_phase.name if role_or_phase else ""


def _section_title(routine: Routine, section_id: str) -> str | None:
    section = routine.section(section_id)
    return section.title if section else None
