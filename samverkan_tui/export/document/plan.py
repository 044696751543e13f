"""One path through the routine: a plan for given answers, and a walk with what was done."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.routine.references import item_references, section_numbers
from samverkan_tui.core.walk.due_text import due_line
from samverkan_tui.core.walk.plan import Plan, PlannedStep, PlanSection, build_plan
from samverkan_tui.core.walk.status import MODE_CASE, mode_label
from samverkan_tui.export.document.common import (
    FILL_IN_FIELDS,
    _answered,
    _base,
    _contacts,
    _item,
    _local,
    _open_questions,
    when_text,
)
from samverkan_tui.export.document.model import (
    KIND_PLAN,
    KIND_RUN,
    Block,
    Document,
    RecordLike,
    Section,
)
from samverkan_tui.export.document.numbering import heading_number, unstacked

if TYPE_CHECKING:
    from samverkan_tui.core.walk.session import WalkSession


LATE_RUN = " – FÖRSENAT"  # a walk: the action is open and its date has passed
LATE_PLAN = " – datumet har passerat"


def document_for_plan(plan: Plan) -> Document:
    """Only the items on the path the answers give, in the routine's order, with due dates."""
    routine = plan.routine
    # A date that has passed by the plan's moment is marked, the law's included (B8).
    # A plan knows nothing of what was done, so it says the date has passed, not "försenat".
    sections = _plan_sections(plan, {}, _local(plan.now).date(), LATE_PLAN)
    return Document(
        kind=KIND_PLAN,
        subtitle="Checklista för ärendets svar",
        facts=(("Beräknad", when_text(plan.now)), *_moment_facts(plan)),
        questions_title="Svar",
        questions=_answered(plan),
        unanswered=_open_questions(plan),
        sections=sections,
        contacts=_contacts(plan.contacts, routine, plan.now),
        empty_text="Inga punkter ännu: besvara frågorna.",
        now_title="Gör nu",
        now_lines=do_now_actions(plan, {}),
        now_calls=call_now_lines(plan, {}),
        # A plan belongs to no walk: a key drawn once per document keeps its calendar
        # events apart from another case's with the same routine, answers and dates.
        calendar_key=uuid.uuid4().hex,
        remarks_last=True,
        fill_in=FILL_IN_FIELDS,
        **_base(routine, plan.now),
    )


def _moment_facts(plan: Plan) -> tuple[tuple[str, str], ...]:
    """When each moment the deadlines count from happened ("Anmälan kom in: …")."""
    rows = []
    for moment in plan.moments_needed:
        label = moment.label[0].upper() + moment.label[1:]
        given = moment.id in plan.moments
        rows.append((label, when_text(plan.moment_time(moment.id)) + ("" if given else " (antaget: nu)")))
    return tuple(rows)


def do_now_actions(plan: Plan, records: Mapping[str, RecordLike], limit: int = 3) -> tuple[str, ...]:
    """The first open actions, each with its reference and due line: what "Gör nu" lists."""
    refs = item_references(plan.routine)
    lines = []
    for planned in _open_actions(plan, records, limit):
        due = due_line(planned)
        ref = refs.get(planned.id, "")
        lines.append(planned.step.text + (f" ({ref})" if ref else "") + (f" – {due}" if due else ""))
    return tuple(lines)


def call_now_lines(plan: Plan, records: Mapping[str, RecordLike], limit: int = 3) -> tuple[str, ...]:
    """Who to call for the first open actions at the plan's moment, with their hours."""
    from samverkan_tui.core.walk.hours_text import call_now_line, weekly_hours_lines

    seen: set[str] = set()
    calls: list[str] = []
    for planned in _open_actions(plan, records, limit):
        for contact in planned.contacts:
            if contact.id not in seen:
                seen.add(contact.id)
                line = call_now_line(contact, plan.routine, plan.now)
                # Hours only where the routine gives them: the call line already says
                # "(tider anges inte i rutinen)" otherwise.
                if contact.hours is not None:
                    hours = "; ".join(weekly_hours_lines(contact))
                    whose = "" if _callee(line).startswith(contact.name) else f" för {contact.name}"
                    line += f". Telefontider{whose}: {hours}"
                # Two closed lines with one fallback (Norr and Södra at lunch), or a
                # fallback that is also called directly: say it once.
                if not any(_callee(c) == _callee(line) for c in calls):
                    calls.append(line)
    return tuple(calls)


def _callee(line: str) -> str:
    """Who a call line calls: ``Socialjouren, tel 778 48 60`` from "Ring nu: Socialjouren, …"."""
    return line.split(": ", 1)[-1].split(" (", 1)[0].split(". ", 1)[0]


def _open_actions(plan: Plan, records: Mapping[str, RecordLike], limit: int) -> list[PlannedStep]:
    return [p for p in plan.actions if p.id not in records][:limit]


def do_now_lines(plan: Plan, records: Mapping[str, RecordLike], limit: int = 3) -> tuple[str, ...]:
    """The first open actions numbered ("1. …") and, where they need a contact, who to
    call right now: "Gör nu" as one list of lines (``do_now_actions`` + ``call_now_lines``)."""
    actions = do_now_actions(plan, records, limit)
    numbered = tuple(f"{i}. {line}" for i, line in enumerate(actions, start=1))
    return (*numbered, *call_now_lines(plan, records, limit))


def _plan_sections(
    plan: Plan, records: Mapping[str, RecordLike], today: dt.date | None, late: str = LATE_RUN
) -> tuple[Section, ...]:
    """The plan's sections as printed: phase headings, the source's headings, items in order.
    An open action whose date is before ``today`` gets ``late`` after its due line."""
    routine = plan.routine
    sections: list[Section] = []
    number = 0
    phase = None
    refs = item_references(routine)
    numbers = section_numbers(routine)
    for part in plan.sections:
        if part.phase is not None and part.phase.id != phase and part.depth == 0:
            phase = part.phase.id
            sections.append(Section(part.phase.name, (), level=0))
        items = []
        for planned in part.steps:
            if planned.checkable:
                number += 1
            record = records.get(planned.id)
            overdue = (
                today is not None
                and record is None
                and planned.checkable
                and planned.due is not None
                and planned.due < today
            )
            deadline = due_line(planned) + (late if overdue else "")
            law = planned.step.legal if planned.legal_due is not None else None
            legal = f"Lagrum: {law.reference}" if law is not None else ""
            legal_title = law.text[:1].upper() + law.text[1:] if law is not None else ""
            items.append(
                _item(
                    number,
                    planned.step,
                    routine,
                    deadline,
                    overdue,
                    record,
                    legal=legal,
                    reference=refs.get(planned.id, ""),
                    due=planned.due if planned.checkable else None,
                    legal_title=legal_title,
                )
            )
        sections.append(_section_of(part, (Block("", tuple(items)),) if items else (), numbers))
    return unstacked(sections)


def _section_of(part: PlanSection, blocks: tuple[Block, ...], numbers: Mapping[str, str]) -> Section:
    if part.section is None:
        return Section("", blocks)
    if part.continued:  # back under a heading already given: the items follow on
        return Section("", blocks, level=part.depth + 1)
    return Section(
        part.section.title,
        blocks,
        level=part.depth + 1,
        text=part.section.text,
        number=heading_number(part.section, numbers, part.depth),
    )


def document_for_run(
    routine: Routine,
    answers: Mapping[str, str],
    records: Mapping[str, RecordLike],
    now: dt.datetime,
    *,
    started_at: dt.datetime | None = None,
    finished_at: dt.datetime | None = None,
    mode: str = MODE_CASE,
    contacts_used: Mapping[str, dt.datetime] | None = None,
    notices: Sequence[str] = (),
    moments: Mapping[str, dt.datetime] | None = None,
    calendar_key: str = "",
    calendar_sequence: int = 0,
) -> Document:
    """The walked path with each step's record; due dates count from ``started_at``.

    ``records`` maps step id to a ``StepRecord`` (or core.session.StepState). Steps that
    were handled but left the plan after an answer changed are listed in a section of
    their own, so the printout shows everything that was done.
    """
    start = started_at or now
    plan = build_plan(routine, answers, start, moments)
    today = _local(now).date()
    sections = list(_plan_sections(plan, records, today))
    number = sum(1 for p in plan.actions)
    in_plan = {p.id for p in plan.steps}
    # A record shown on an action of the plan (the session's visible states put a step
    # done under another branch's item on the same action) has not left the plan.
    shown = {id(records[p.id]) for p in plan.actions if p.id in records}
    outside = []
    for step_id, record in sorted(records.items(), key=lambda pair: pair[1].at):
        step = routine.step(step_id)
        if step is None or step_id in in_plan or id(record) in shown:
            continue
        number += 1
        outside.append(
            _item(
                number,
                step,
                routine,
                "",
                record=record,
                reference=item_references(routine).get(step_id, ""),
            )
        )
    if outside:
        sections.append(
            Section(
                "Hanterade punkter som inte längre ingår i planen (svaren ändrades)",
                (Block("", tuple(outside)),),
                level=0,
            )
        )
    facts = [("Påbörjad", when_text(start))]
    if finished_at is not None:
        facts.append(("Avslutad", when_text(finished_at)))
    else:
        facts.append(("Status", "pågår"))
    facts.append(("Läge", mode_label(mode)))
    handled = sum(1 for p in plan.actions if p.id in records)
    facts.append(("Hanterade åtgärder", f"{handled} av {len(plan.actions)}"))
    facts += list(_moment_facts(plan))
    facts.append(("Utskriven", when_text(now)))
    facts += [("Obs", notice) for notice in notices]
    used = []
    for contact_id, moment in sorted((contacts_used or {}).items(), key=lambda pair: pair[1]):
        contact = routine.contact(contact_id)
        if contact is not None:
            used.append(f"{when_text(moment)}: {contact.name}")
    return Document(
        kind=KIND_RUN,
        subtitle="Genomgång: vad som gjordes och när",
        facts=tuple(facts),
        questions_title="Svar",
        questions=_answered(plan),
        unanswered=_open_questions(plan),
        sections=tuple(sections),
        contacts=_contacts(plan.contacts, routine, now if finished_at is None else None),
        contacts_used=tuple(used),
        empty_text="Inga punkter: frågorna är inte besvarade.",
        now_title="Gör nu" if finished_at is None else "",
        now_lines=do_now_actions(plan._replace(now=now), records) if finished_at is None else (),
        now_calls=call_now_lines(plan._replace(now=now), records) if finished_at is None else (),
        calendar_key=calendar_key,
        calendar_sequence=calendar_sequence,
        remarks_last=True,
        fill_in=FILL_IN_FIELDS,
        **_base(routine, now),
    )


def document_for_session(
    session: WalkSession,
    now: dt.datetime,
    notices: Sequence[str] = (),
) -> Document:
    """A step-log walk (core.session.WalkSession) as a run printout."""
    plan = session.plan(session.started_at)
    return document_for_run(
        session.routine,
        session.answers,
        {**session.steps, **session.visible_states(plan)},
        now,
        started_at=session.started_at,
        finished_at=session.finished_at,
        mode=session.mode,
        contacts_used=session.contacts_used,
        notices=notices,
        moments=session.moments,
        calendar_key=session.id,
        calendar_sequence=date_changes(session),
    )


def date_changes(session: WalkSession) -> int:
    """How often the walk changed something a due date hangs on (an answer or a moment):
    the calendar's SEQUENCE, so each re-export after a correction outranks the last."""
    from samverkan_tui.core.walk.session import ANSWER, CLEAR_ANSWER, MOMENT

    return sum(1 for event in session.events if event.kind in (ANSWER, CLEAR_ANSWER, MOMENT))
