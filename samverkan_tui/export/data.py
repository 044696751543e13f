"""Plain dictionaries for JSON output: the scripting interface other tools rely on.

Every `--format json` of the CLI is built here, one function per thing, so that the same
thing has the same keys wherever it appears: a routine reference (`routine_ref`), a contact
(`contact_dict`, with `contact_ref` for its fallback), an answer (`answer_dict`), a question,
a step, a plan item, a walk. `export/output_schemas.py` publishes the same shapes as JSON
Schemas (`samverkan schema --utdata`), and tests validate every command's output against
them. Two file formats keep their writer next to their reader: the follow-up aggregate
(`steplog.report.aggregate_dict`, read back by `statistik slå-ihop`) and the routine draft
(`core.draft.draft_record`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from samverkan_tui.core.routine.model import Contact, Exercise, Phase, Question, Remark, Role, Routine, Step
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.plan import Plan, PlannedStep, describe_condition

if TYPE_CHECKING:
    from samverkan_tui.core.base.problems import Problem
    from samverkan_tui.core.manage.compare import Change, Comparison
    from samverkan_tui.core.manage.review_walk import Review
    from samverkan_tui.core.routine.catalog import Entry as CatalogEntry
    from samverkan_tui.core.training.grading import AnswerGrade, ContactAtMoment, Grade
    from samverkan_tui.core.training.tour import TourStep, TourStop
    from samverkan_tui.core.validation.validate import FileReport
    from samverkan_tui.core.walk.hours import ContactStatus
    from samverkan_tui.core.walk.session import Event, StepState
    from samverkan_tui.steplog.store import SessionInfo, SessionRow
    from samverkan_tui.steplog.summary import WalkSummary

JsonDict = dict[str, object]


def _iso_date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# -- routines ---------------------------------------------------------------------------


def routine_ref(
    routine_id: str, version: str, title: str | None = None, content_hash: str | None = None
) -> JsonDict:
    """Which routine something is about: the same four keys everywhere.

    ``title`` and ``content_hash`` are None where only the step log's ids are at hand (a
    walk whose routine cannot be read, the log's listing)."""
    return {"id": routine_id, "title": title, "version": version, "content_hash": content_hash}


def ref(routine: Routine) -> JsonDict:
    """``routine_ref`` of a loaded routine."""
    return routine_ref(routine.id, routine.version, routine.title, routine.content_hash)


def remark_dict(remark: Remark) -> JsonDict:
    return {"text": remark.text, "severity": remark.severity}


def routine_summary(routine: Routine, today: dt.date) -> JsonDict:
    # No due date where the source states no interval: a yearly default would be invented.
    due = None if routine.review_interval_assumed else routine.review_due()
    return {
        "id": routine.id,
        "title": routine.title,
        "short_title": routine.short_title or routine.title,
        "version": routine.version,
        "source": routine.source,
        "units": list(routine.units),
        "adopted": _iso_date(routine.adopted),
        "revised": _iso_date(routine.revised),
        "review_due": _iso_date(due),
        "review_overdue": routine.review_overdue(today),
        "review_interval_assumed": routine.review_interval_assumed,
        "review_status": routine.review_status(today),
        "remarks": [remark_dict(r) for r in routine.remarks],
        "content_hash": routine.content_hash,
    }


def catalog_entry_dict(entry: CatalogEntry, today: dt.date) -> JsonDict:
    """`samverkan lista`: a routine, where its file is and what it replaces."""
    return {
        **routine_summary(entry.routine, today),
        "path": str(entry.path),
        "origin": entry.origin,
        "overrides": [str(p) for p in entry.shadows],
    }


def routine_dict(routine: Routine, today: dt.date) -> JsonDict:
    """`samverkan visa` without answers: the routine and its questions."""
    return {
        **routine_summary(routine, today),
        "questions": [question_dict(routine, q) for q in routine.questions],
    }


def show_dict(plan: Plan) -> JsonDict:
    """`samverkan visa` with answers: the routine, its questions and the plan."""
    return {**routine_dict(plan.routine, plan.now.date()), **plan_dict(plan)}


def problem_dict(problem: Problem) -> JsonDict:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint,
    }


def file_report_dict(report: FileReport) -> JsonDict:
    """`samverkan kontrollera`: one routine file and what is wrong with it."""
    return {
        "file": str(report.path),
        "ok": report.ok,
        "routine": ref(report.routine) if report.routine else None,
        "problems": [problem_dict(p) for p in report.problems],
    }


# -- questions and answers --------------------------------------------------------------


def question_dict(routine: Routine, question: Question) -> JsonDict:
    return {
        "id": question.id,
        "text": question.text,
        "help": question.help,
        "type": question.kind,
        "when": describe_condition(routine, question.when) or None,
        "options": [{"value": o.value, "label": o.label} for o in question.options],
    }


def answer_dict(question_id: str, value: str | None, text: str | None, label: str | None) -> JsonDict:
    """One answer: the question's id and text, the value and its label.

    ``text`` and ``label`` are None only for a stored walk whose routine cannot be read;
    ``value`` (and ``label``) only for a question a trainee left unanswered."""
    return {"question": question_id, "text": text, "value": value, "label": label}


def routine_answer(routine: Routine, question_id: str, value: str) -> JsonDict:
    question = routine.question(question_id)
    option = question.option(value) if question else None
    return answer_dict(
        question_id, value, question.text if question else None, option.label if option else None
    )


# -- contacts ---------------------------------------------------------------------------


def contact_ref(contact: Contact) -> JsonDict:
    """A contact named, e.g. as another contact's fallback: ``{id, name}``."""
    return {"id": contact.id, "name": contact.name}


def contact_dict(contact: Contact, routine: Routine, now: dt.datetime) -> JsonDict:
    """A contact and whether it answers at ``now``: the same keys in `kontakter`, in
    `visa`'s plan items and in a graded exercise. Numbers are kept as the routine writes them."""
    from samverkan_tui.core.walk.hours import contact_status
    from samverkan_tui.core.walk.hours_text import weekly_hours_lines

    status = contact_status(contact, routine, now)
    return {
        "id": contact.id,
        "routine": ref(routine),
        "name": contact.name,
        "unit": contact.unit,
        "phones": list(contact.phones),
        "fax": list(contact.fax),
        "instructions": contact.instructions,
        "hours_note": contact.hours_note,
        "hours": weekly_hours_lines(contact),
        **contact_status_dict(status),
    }


def contact_status_dict(status: ContactStatus) -> JsonDict:
    """Whether a contact answers at a moment, and who to call otherwise: the status half
    of ``contact_dict``."""
    return {
        "fallback": contact_ref(status.fallback) if status.fallback else None,
        "open_now": status.open_now,
        "reason": status.reason,
        "closes_at": _iso(status.closes_at),
        "next_open": _iso(status.next_open),
        "uncertain": status.uncertain,
        "summary": status_summary(status),
    }


# -- plans ------------------------------------------------------------------------------


def step_dict(step: Step) -> JsonDict:
    """A routine item named outside a plan (grading, the tour, a review)."""
    return {"id": step.id, "text": step.text, "role": step.role, "phase": step.phase}


def plan_item_dict(plan: Plan, planned: PlannedStep) -> JsonDict:
    from samverkan_tui.core.walk.due_text import due_line

    routine, step = plan.routine, planned.step
    legal_from = planned.legal_from.id if planned.legal_from and planned.legal_due else None
    return {
        "id": step.id,
        "text": step.text,
        "role": step.role,
        "role_name": _name(routine.role(step.role)),
        "phase": step.phase,
        "phase_name": _name(routine.phase(step.phase)),
        "section": step.section,
        "section_title": _section_title(routine, step.section),
        "kind": step.kind,
        "checkable": step.checkable,
        "deadline": step.deadline.text if step.deadline else None,
        "due": _iso_date(planned.due),
        "due_from": planned.due_from.id if planned.due_from else legal_from,
        "legal_due": _iso_date(planned.legal_due),
        "legal_reference": step.legal.reference if step.legal else None,
        "due_text": due_line(planned) or None,
        "contacts": [contact_dict(c, routine, plan.now) for c in planned.contacts],
        "warnings": list(step.warnings),
        "notes": list(step.notes),
    }


def plan_dict(plan: Plan) -> JsonDict:
    routine = plan.routine
    return {
        "now": plan.now.isoformat(),
        "moments": {
            m.id: {"label": m.label, "at": plan.moment_time(m.id).isoformat(), "given": m.id in plan.moments}
            for m in plan.moments_needed
        },
        "answers": [routine_answer(routine, q, v) for q, v in plan.answers.items()],
        "complete": plan.complete,
        "next_question": plan.next_question.id if plan.next_question else None,
        "unanswered": [question_dict(routine, q) for q in plan.unanswered],
        "general_rules": list(routine.general_rules),
        "plan": [plan_item_dict(plan, p) for p in plan.steps],
    }


def _name(role_or_phase: Role | Phase | None) -> str:
    return role_or_phase.name if role_or_phase else ""


def _section_title(routine: Routine, section_id: str) -> str | None:
    section = routine.section(section_id)
    return section.title if section else None


# -- the step log -----------------------------------------------------------------------


def walk_row_dict(row: SessionRow) -> JsonDict:
    """`logg lista`: one stored walk from ``StepLog.list_rows()`` (times as stored)."""
    from samverkan_tui.steplog.store import local_iso

    return {
        "id": row.id,
        "routine": routine_ref(row.routine_id, row.routine_version, None, row.content_hash),
        "mode": row.mode,
        "started_at": local_iso(row.started_at),
        "updated_at": local_iso(row.updated_at),
        "finished_at": local_iso(row.finished_at) if row.finished_at else None,
        "answered": row.answered,
        "steps_handled": row.steps_handled,
    }


def _local_iso(moment: dt.datetime | None) -> str | None:
    from samverkan_tui.core.base.clock import STOCKHOLM

    if moment is None:
        return None
    return (moment.astimezone(STOCKHOLM) if moment.tzinfo else moment).isoformat()


def _walk_step(
    step_id: str,
    text: str | None,
    in_plan: bool | None,
    state: StepState | None,
    deadline: str | None = None,
    due: dt.date | None = None,
    overdue: bool | None = None,
) -> JsonDict:
    """One step of a walk: its status when handled, its due date when still open."""
    from samverkan_tui.core.walk.status import DEVIATION_CATEGORIES, STATUS_LABELS

    return {
        "id": step_id,
        "text": text,
        "in_plan": in_plan,
        "status": state.status if state else None,
        "status_label": STATUS_LABELS.get(state.status, state.status) if state else None,
        "at": _local_iso(state.at) if state else None,
        "category": state.category if state else None,
        "category_label": DEVIATION_CATEGORIES.get(state.category) if state and state.category else None,
        "comment": state.comment if state else None,
        "deadline": deadline,
        "due": _iso_date(due),
        "overdue": overdue,
    }


def walk_dict(summary: WalkSummary) -> JsonDict:
    """`logg visa` and `logg exportera`: a walk replayed on its routine."""
    session, routine = summary.session, summary.session.routine
    steps = [
        _walk_step(
            item.step.id,
            item.step.text,
            item.in_plan,
            item.state,
            item.step.deadline.text if item.step.deadline else None,
        )
        for item in (*summary.done, *summary.deviations, *summary.not_applicable)
    ]
    steps += [
        _walk_step(
            planned.id,
            planned.step.text,
            True,
            None,
            planned.step.deadline.text if planned.step.deadline else None,
            planned.due,
            summary.overdue(planned),
        )
        for planned in summary.open
    ]
    return {
        "id": session.id,
        "routine": ref(routine),
        "routine_available": True,
        "stored_content_hash": summary.stored_content_hash,
        "routine_changed": summary.routine_changed,
        "mode": session.mode,
        "started_at": _local_iso(session.started_at),
        "updated_at": _local_iso(session.updated_at),
        "finished_at": _local_iso(session.finished_at),
        "now": _local_iso(summary.now),
        "answers": [answer_dict(q, v, t, label) for q, t, v, label in summary.answers],
        "unanswered": list(summary.unanswered),
        "steps": steps,
        "contacts_used": [{**contact_ref(c), "at": _local_iso(m)} for c, m in summary.contacts],
    }


def stored_walk_dict(info: SessionInfo, events: Iterable[Event]) -> JsonDict:
    """A stored walk whose routine cannot be read now: the walk's keys, with None for
    what only the routine could say (texts, labels, due dates)."""
    from samverkan_tui.core.walk.session import ANSWER, CLEAR_ANSWER, CLEAR_STEP, CONTACT, STEP, StepState

    answers: dict[str, str] = {}
    steps: dict[str, StepState] = {}
    contacts: dict[str, dt.datetime] = {}
    for event in events:
        if event.kind == ANSWER:
            answers[event.question or ""] = event.value or ""
        elif event.kind == CLEAR_ANSWER:
            answers.pop(event.question or "", None)
        elif event.kind == STEP:
            steps[event.step or ""] = StepState(event.status or "", event.at, event.category, event.comment)
        elif event.kind == CLEAR_STEP:
            steps.pop(event.step or "", None)
        elif event.kind == CONTACT:
            contacts.setdefault(event.contact or "", event.at)
    return {
        "id": info.id,
        "routine": routine_ref(info.routine_id, info.routine_version),
        "routine_available": False,
        "stored_content_hash": info.content_hash,
        "routine_changed": None,
        "mode": info.mode,
        "started_at": _local_iso(info.started_at),
        "updated_at": _local_iso(info.updated_at),
        "finished_at": _local_iso(info.finished_at),
        "now": None,
        "answers": [answer_dict(q, v, None, None) for q, v in answers.items()],
        "unanswered": None,
        "steps": [_walk_step(s, None, None, state) for s, state in steps.items()],
        "contacts_used": [{"id": c, "name": None, "at": _local_iso(at)} for c, at in contacts.items()],
    }


# -- training ---------------------------------------------------------------------------


def exercise_list(routines: Iterable[Routine]) -> list[JsonDict]:
    """`öva --lista`: the exercises of the routines."""
    return [
        {
            "routine": ref(r),
            "id": e.id,
            "title": e.title,
            "now": _iso(e.now),
            "question_count": len(e.answers),
        }
        for r in routines
        for e in r.exercises
    ]


def exercise_case_dict(routine: Routine, exercise: Exercise, now: dt.datetime) -> JsonDict:
    """`öva ID --övning EX`: the case and the questions (never the expected answers)."""
    return {
        "routine": ref(routine),
        "exercise": exercise.id,
        "title": exercise.title,
        "now": now.isoformat(),
        "case": exercise.case,
        "questions": [question_dict(routine, q) for q in routine.questions],
    }


def graded_answer_dict(answer: AnswerGrade) -> JsonDict:
    """An answer of the trainee (the keys of `answer_dict`; value None when not answered),
    graded against the exercise's."""
    given = answer.given
    return {
        **answer_dict(
            answer.question.id,
            given.value if given else None,
            answer.question.text,
            given.label if given else None,
        ),
        "status": answer.status,
        "expected": answer.expected.value if answer.expected else None,
        "expected_label": answer.expected.label if answer.expected else None,
        "reason": answer.reason,
    }


def graded_contact_dict(routine: Routine, contact: ContactAtMoment) -> JsonDict:
    """A contact of the expected plan at the case's moment: `contact_dict`, and the steps
    that use it."""
    status = contact.status
    return {
        **contact_dict(status.contact, routine, status.now),
        "steps": list(contact.steps),
        "closed": contact.closed,
    }


def grade_dict(result: Grade) -> JsonDict:
    """`öva ID --övning EX --svar …`: the grade."""
    return {
        "routine": ref(result.routine),
        "exercise": result.exercise.id,
        "title": result.exercise.title,
        "now": result.now.isoformat(),
        "score": result.score,
        "perfect": result.perfect,
        "complete": result.complete,
        "correct": result.correct,
        "expected": result.expected_count,
        "answers": [graded_answer_dict(a) for a in result.answers],
        "missed_steps": [step_dict(s) for s in result.missed],
        "needless_steps": [step_dict(s) for s in result.needless],
        "shared_steps": result.shared_steps,
        "decided_steps": result.decided_steps,
        "correct_plan": [
            {"step": line.step.id, "verdict": line.verdict, "due": line.due, "calls": list(line.calls)}
            for line in result.plan_lines
        ],
        "expected_steps": [p.id for p in result.expected_plan.steps],
        "given_steps": [p.id for p in result.given_plan.steps],
        "contacts": [graded_contact_dict(result.routine, c) for c in result.contacts],
    }


def _tour_step(step: TourStep) -> JsonDict:
    return {**step_dict(step.step), "condition": step.condition}


def tour_dict(routine: Routine, stops: Iterable[TourStop]) -> JsonDict:
    """`öva ID --rundtur`: every question, every answer and the steps it brings."""

    def stop_dict(stop: TourStop) -> JsonDict:
        return {
            "question": stop.question.id if stop.question else None,
            "text": stop.question.text if stop.question else None,
            "asked_when": stop.asked_when,
            "help": stop.help,
            "branches": [
                {
                    "value": b.option.value,
                    "label": b.option.label,
                    "steps": [_tour_step(s) for s in b.steps],
                    "leads_to": [q.id for q in b.leads_to],
                }
                for b in stop.branches
            ],
            "always": [_tour_step(s) for s in stop.always],
        }

    return {"routine": ref(routine), "stops": [stop_dict(s) for s in stops]}


# -- managing routines ------------------------------------------------------------------


def change_dict(change: Change) -> JsonDict:
    return {
        "kind": change.kind,
        "subject": change.subject,
        "text": change.text,
        "old": change.old or None,
        "new": change.new or None,
        "diff": change.diff or None,
    }


def comparison_dict(comparison: Comparison) -> JsonDict:
    """`samverkan jämför`: what changed between two versions of a routine."""
    return {
        "routine": ref(comparison.new),
        "old": {"version": comparison.old.version, "path": comparison.old.path},
        "new": {"version": comparison.new.version, "path": comparison.new.path},
        "unchanged": comparison.unchanged,
        "changes": [change_dict(c) for c in comparison.changes],
    }


def review_dict(routine: Routine, review: Review, now: dt.datetime, revision_note: str = "") -> JsonDict:
    """`samverkan granska`: the review protocol. ``routine`` is the version reviewed."""
    from samverkan_tui.core.manage.review_walk import ITEM_CHANGE, ITEM_OK, ITEM_REMOVE
    from samverkan_tui.core.routine.references import item_references
    from samverkan_tui.export.review_protocol import result_line

    references = item_references(routine)

    def entries(verdict: str) -> list[JsonDict]:
        return [
            {
                **step_dict(s),
                "change": review.items[s.id].change if verdict == ITEM_CHANGE else None,
                "reference": references[s.id],  # "RVT 2.3", as in the printed protocol
            }
            for s in routine.steps
            if s.id in review.items and review.items[s.id].verdict == verdict
        ]

    def reviewed_contact(contact: Contact) -> JsonDict:
        verdict = review.contacts.get(contact.id)
        return {
            **contact_ref(contact),
            "phones": list(contact.phones),
            "verdict": verdict.verdict if verdict else None,
            "new_phones": verdict.phones if verdict else "",
            "new_hours": verdict.hours if verdict else "",
        }

    return {
        "routine": routine_ref(routine.id, review.version, routine.title, review.content_hash),
        "reviewed_at": now.isoformat(),
        "complete": review.complete(routine),
        "unchanged": review.unchanged(routine),
        "result": result_line(review, routine),
        "confirmed": entries(ITEM_OK),
        "change": entries(ITEM_CHANGE),
        "remove": entries(ITEM_REMOVE),
        "not_reviewed": [s.id for s in review.pending_items(routine)],
        "contacts": [reviewed_contact(c) for c in routine.contacts],
        "missing": review.missing,
        "remarks": [remark_dict(r) for r in routine.remarks],
        "revision": revision_note,
        "notices": list(review.notices),
    }
