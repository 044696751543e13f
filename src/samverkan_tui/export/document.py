"""One printable document model that feeds every export format.

A ``Document`` is built from one of three sources and holds only display-ready
Swedish text, so the renderers (``text``, ``markdown``, ``html``, ``pdf``) do layout
and nothing else; no format decides on its own what a printout contains.

- ``document_for_routine``: the whole routine, every branch. Steps are grouped by
  phase, then role; a conditional step is introduced by its condition in plain
  Swedish ("Om situationen är akut:"), consecutive steps with the same condition
  share the heading.
- ``document_for_plan``: only the path the answers give, with due dates.
- ``document_for_run`` / ``document_for_session``: a walk from the step log, with
  what was done and when (never who: the log holds no names, and the session id is
  left out on purpose, since a printout is filed with the case).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from samverkan_tui.core.clock import STOCKHOLM
from samverkan_tui.core.deadlines import format_date, format_time
from samverkan_tui.core.model import Contact, Routine, Step
from samverkan_tui.core.walk import Plan, PlannedStep, build_plan, describe_condition

if TYPE_CHECKING:
    from samverkan_tui.core.session import WalkSession

KIND_ROUTINE = "rutin"
KIND_PLAN = "plan"
KIND_RUN = "genomgång"

# Step statuses, as the step log writes them (core.session uses the same codes).
DONE = "klar"
NOT_APPLICABLE = "ej_aktuell"
DEVIATION = "avvikelse"
STATUS_LABELS = {DONE: "Klar", NOT_APPLICABLE: "Ej aktuell", DEVIATION: "Avvikelse"}

UNCONDITIONAL_HEADING = "Oavsett svar:"
SIGNATURE_LABEL = "Datum/signatur:"


@dataclass(frozen=True)
class StepRecord:
    """What happened to one step in a walk: status ("klar", "ej_aktuell", "avvikelse") and when.

    ``category`` is a deviation category code (core.session.DEVIATION_CATEGORIES);
    ``comment`` is an already scrubbed deviation comment, if any.
    """

    status: str
    at: dt.datetime
    category: str | None = None
    comment: str | None = None


class RecordLike(Protocol):
    """``StepRecord`` or anything shaped like it (core.session.StepState is)."""

    @property
    def status(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def category(self) -> str | None: ...


@dataclass(frozen=True)
class Item:
    """One step as printed: a box to tick, the text, and what belongs with it."""

    number: int
    step_id: str
    text: str
    deadline: str = ""  # "Tidsfrist: inom en vecka" or "Senast måndag 30 november 2026 (inom en vecka)"
    overdue: bool = False
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # "RVT:s beredskap, tel 08-508 03 310"
    status: str | None = None  # a run's status code, None when open
    record: str = ""  # "Klar fredag 27 november 2026 kl. 16.40"


@dataclass(frozen=True)
class Block:
    """Consecutive steps under one condition heading ("" when the printout needs none)."""

    condition: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    title: str  # "Inledande skede – RVT"
    blocks: tuple[Block, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)


@dataclass(frozen=True)
class QuestionEntry:
    text: str
    answer: str = ""  # the chosen option's label (plans and runs)
    options: tuple[str, ...] = ()  # option labels (whole routine, unanswered questions)
    condition: str = ""  # "Ställs bara om …"
    help: str = ""


@dataclass(frozen=True)
class ContactEntry:
    name: str
    unit: str = ""
    phones: tuple[str, ...] = ()
    fax: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()  # telefontider, from core.hours.weekly_hours_lines
    instructions: str = ""
    fallback: str = ""  # "När det är stängt: Socialjouren, tel 778 48 60"

    @property
    def numbers(self) -> str:
        parts = []
        if self.phones:
            parts.append("tel " + " / ".join(self.phones))
        if self.fax:
            parts.append("fax " + " / ".join(self.fax))
        return ", ".join(parts)


@dataclass(frozen=True)
class RemarkEntry:
    label: str  # "VARNING" or "OBS"
    text: str
    warning: bool = False


@dataclass(frozen=True)
class Document:
    kind: str  # KIND_ROUTINE, KIND_PLAN or KIND_RUN
    title: str
    short_title: str
    subtitle: str
    routine_id: str
    version: str
    meta: tuple[tuple[str, str], ...]  # the routine's metadata, label and value
    facts: tuple[tuple[str, str], ...]  # this printout: when, answers' state, the walk's times
    remarks: tuple[RemarkEntry, ...]
    footer: str  # id, version, revised, review due: one line for every page
    questions_title: str
    questions: tuple[QuestionEntry, ...]
    unanswered: tuple[QuestionEntry, ...]
    sections: tuple[Section, ...]
    general_rules: tuple[str, ...]
    contacts: tuple[ContactEntry, ...]
    contacts_used: tuple[str, ...] = ()  # runs: "fredag 27 november 2026 kl. 16.40: RVT:s beredskap"
    empty_text: str = ""  # shown instead of the sections when there are no steps
    moment: dt.datetime | None = None  # when the printout was made (PDF creation date)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)


# -- shared pieces ----------------------------------------------------------------------

# Phone and fax numbers as the routines write them ("08-508 03 310", "530 622 55",
# "010-564 64 67"). A number split over two lines gets misdialled, so the wrapping
# formats keep each one together.
_NUMBER = re.compile(r"(?<![\w.,:])(?:\+\d{1,3} ?)?\d{2,4}(?:[ -]\d{2,4}){1,4}(?![\w.,:]\w)")
KEEP_TOGETHER_SPACE = "\u00a0"


def keep_numbers_together(text: str) -> str:
    """The spaces inside phone numbers made non-breaking (U+00A0), for line wrapping."""
    return _NUMBER.sub(lambda m: m.group(0).replace(" ", KEEP_TOGETHER_SPACE), text)


def number_spans(text: str) -> list[tuple[int, int]]:
    """Where the phone numbers are in ``text`` (start, end)."""
    return [m.span() for m in _NUMBER.finditer(text)]


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(STOCKHOLM) if moment.tzinfo else moment


def when_text(moment: dt.datetime) -> str:
    """``fredag 27 november 2026 kl. 16.40`` in Stockholm time."""
    moment = _local(moment)
    return f"{format_date(moment.date())} kl. {format_time(moment)}"


def _review_short(routine: Routine, today: dt.date) -> str:
    due = routine.review_due()
    if due is None:
        return "översynsdatum saknas"
    if routine.review_overdue(today):
        return f"översyn försenad sedan {due.isoformat()}"
    return f"översyn senast {due.isoformat()}"


def _meta(routine: Routine, today: dt.date) -> tuple[tuple[str, str], ...]:
    rows = [("Version", routine.version), ("Enheter", ", ".join(routine.units)),
            ("Källa", routine.source)]
    if routine.responsible:
        rows.append(("Ansvariga", routine.responsible))
    if routine.adopted:
        rows.append(("Fastställd", routine.adopted.isoformat()))
    if routine.revised:
        rows.append(("Reviderad", routine.revised.isoformat()))
    review = routine.review_status(today)
    review = review[0].upper() + review[1:]
    if routine.review_text:
        review += f". {routine.review_text}"
    rows.append(("Översyn", review))
    return tuple(rows)


def _footer(routine: Routine, today: dt.date) -> str:
    parts = [routine.id, f"version {routine.version}"]
    if routine.revised:
        parts.append(f"reviderad {routine.revised.isoformat()}")
    elif routine.adopted:
        parts.append(f"fastställd {routine.adopted.isoformat()}")
    parts.append(_review_short(routine, today))
    return " · ".join(parts)


def _remarks(routine: Routine) -> tuple[RemarkEntry, ...]:
    return tuple(
        RemarkEntry("VARNING" if r.severity == "varning" else "OBS", r.text, r.severity == "varning")
        for r in routine.remarks
    )


def contact_reference(contact: Contact) -> str:
    """How a step names its contact: ``RVT:s beredskap, tel 08-508 03 310``."""
    parts = [contact.name]
    if contact.phones:
        parts.append("tel " + " / ".join(contact.phones))
    if contact.fax:
        parts.append("fax " + " / ".join(contact.fax))
    return ", ".join(parts)


def _contact_entry(contact: Contact, routine: Routine) -> ContactEntry:
    from samverkan_tui.core.hours import weekly_hours_lines  # holidays only when contacts are printed

    fallback = ""
    if contact.fallback:
        other = routine.contact(contact.fallback)
        if other is not None:
            fallback = f"När det är stängt: {contact_reference(other)}"
    return ContactEntry(
        name=contact.name, unit=contact.unit, phones=contact.phones, fax=contact.fax,
        hours=tuple(weekly_hours_lines(contact)), instructions=contact.instructions,
        fallback=fallback,
    )


def _contacts(contacts: Iterable[Contact], routine: Routine) -> tuple[ContactEntry, ...]:
    seen: dict[str, Contact] = {}
    for contact in contacts:
        seen.setdefault(contact.id, contact)
    return tuple(_contact_entry(c, routine) for c in seen.values())


def _item(
    number: int, step: Step, routine: Routine, deadline: str, overdue: bool = False,
    record: RecordLike | None = None,
) -> Item:
    contacts = tuple(
        contact_reference(c) for c in (routine.contact(cid) for cid in step.contacts) if c is not None
    )
    return Item(
        number=number, step_id=step.id, text=step.text, deadline=deadline, overdue=overdue,
        warnings=step.warnings, notes=step.notes, contacts=contacts,
        status=record.status if record is not None else None,
        record=record_text(record) if record is not None else "",
    )


def record_text(record: RecordLike) -> str:
    """``Klar fredag 27 november 2026 kl. 16.40``; deviations add category and comment."""
    label = STATUS_LABELS.get(record.status, record.status)
    text = f"{label} {when_text(record.at)}"
    if record.status == DEVIATION:
        from samverkan_tui.core.session import DEVIATION_CATEGORIES

        if record.category:
            text += f": {DEVIATION_CATEGORIES.get(record.category, record.category)}"
        comment = getattr(record, "comment", None)
        if comment:
            text += f". Kommentar: {comment}"
    return text


def _due_text(planned: PlannedStep) -> str:
    if planned.due is None or planned.step.deadline is None:
        return ""
    return f"Senast {format_date(planned.due)} ({planned.step.deadline.text})"


def _answered(plan: Plan) -> tuple[QuestionEntry, ...]:
    entries = []
    for question in plan.asked:
        option = question.option(plan.answers[question.id])
        entries.append(QuestionEntry(question.text, answer=option.label if option else ""))
    return tuple(entries)


def _open_questions(plan: Plan) -> tuple[QuestionEntry, ...]:
    return tuple(
        QuestionEntry(q.text, options=tuple(o.label for o in q.options)) for q in plan.unanswered
    )


def _base(routine: Routine, moment: dt.datetime) -> dict[str, object]:
    today = _local(moment).date()
    return {
        "title": routine.title,
        "short_title": routine.short_title or routine.title,
        "routine_id": routine.id,
        "version": routine.version,
        "meta": _meta(routine, today),
        "remarks": _remarks(routine),
        "footer": _footer(routine, today),
        "general_rules": routine.general_rules,
        "moment": moment,
    }


# -- (a) the whole routine --------------------------------------------------------------

def document_for_routine(
    routine: Routine, now: dt.datetime, first_role: str | None = None
) -> Document:
    """Every step of the routine, grouped by phase then role, each branch under its condition."""
    role_order = [r.id for r in routine.roles]
    if first_role in role_order:
        role_order.remove(first_role)
        role_order.insert(0, first_role)
    sections = []
    number = 0
    for phase in routine.phases:
        for role_id in role_order:
            role = routine.role(role_id)
            steps = [s for s in routine.steps if s.phase == phase.id and s.role == role_id]
            if role is None or not steps:
                continue
            headings = [_condition_heading(routine, s) for s in steps]
            # A section made only of unconditional steps needs no "Oavsett svar:" heading;
            # in a mixed section it tells the reader that the previous condition has ended.
            if not any(headings):
                headings = ["" for _ in steps]
            else:
                headings = [h or UNCONDITIONAL_HEADING for h in headings]
            blocks: list[Block] = []
            for step, heading in zip(steps, headings, strict=True):
                number += 1
                deadline = f"Tidsfrist: {step.deadline.text}" if step.deadline else ""
                item = _item(number, step, routine, deadline)
                if blocks and blocks[-1].condition == heading:
                    blocks[-1] = Block(heading, (*blocks[-1].items, item))
                else:
                    blocks.append(Block(heading, (item,)))
            sections.append(Section(f"{phase.name} – {role.name}", tuple(blocks)))
    questions = tuple(
        QuestionEntry(
            q.text, options=tuple(o.label for o in q.options),
            condition=_asked_when(routine, q.when), help=q.help,
        )
        for q in routine.questions
    )
    return Document(
        kind=KIND_ROUTINE,
        subtitle="Hela rutinen med alla grenar",
        facts=(("Utskriven", when_text(now)),),
        questions_title="Frågor som avgör vilka steg som gäller",
        questions=questions,
        unanswered=(),
        sections=tuple(sections),
        contacts=_contacts(routine.contacts, routine),
        empty_text="Rutinen har inga steg.",
        **_base(routine, now),
    )


def condition_heading(routine: Routine, condition: object) -> str:
    """``Om situationen är akut:``; empty when there is no condition."""
    text = describe_condition(routine, condition)  # type: ignore[arg-type]
    return f"Om {text}:" if text else ""


def _condition_heading(routine: Routine, step: Step) -> str:
    return condition_heading(routine, step.when)


def _asked_when(routine: Routine, condition: object) -> str:
    text = describe_condition(routine, condition)  # type: ignore[arg-type]
    return f"Ställs bara om {text}." if text else ""


# -- (b) one path ------------------------------------------------------------------------

def document_for_plan(plan: Plan) -> Document:
    """Only the steps on the path the answers give, with their due dates."""
    routine = plan.routine
    sections = []
    number = 0
    for group in plan.groups:
        items = []
        for planned in group.steps:
            number += 1
            items.append(_item(number, planned.step, routine, _due_text(planned)))
        sections.append(Section(f"{group.phase.name} – {group.role.name}", (Block("", tuple(items)),)))
    return Document(
        kind=KIND_PLAN,
        subtitle="Checklista för ärendets svar",
        facts=(("Beräknad", when_text(plan.now)),),
        questions_title="Svar",
        questions=_answered(plan),
        unanswered=_open_questions(plan),
        sections=tuple(sections),
        contacts=_contacts(plan.contacts, routine),
        empty_text="Inga steg ännu: besvara frågorna.",
        **_base(routine, plan.now),
    )


# -- (c) a walk: the path and what was done ---------------------------------------------

def document_for_run(
    routine: Routine,
    answers: Mapping[str, str],
    records: Mapping[str, RecordLike],
    now: dt.datetime,
    *,
    started_at: dt.datetime | None = None,
    finished_at: dt.datetime | None = None,
    mode: str = "ärende",
    contacts_used: Mapping[str, dt.datetime] | None = None,
    notices: Sequence[str] = (),
    first_role: str | None = None,
) -> Document:
    """The walked path with each step's record; due dates count from ``started_at``.

    ``records`` maps step id to a ``StepRecord`` (or core.session.StepState). Steps that
    were handled but left the plan after an answer changed are listed in a section of
    their own, so the printout shows everything that was done.
    """
    start = started_at or now
    plan = build_plan(routine, answers, start, first_role)
    today = _local(now).date()
    sections = []
    number = 0
    for group in plan.groups:
        items = []
        for planned in group.steps:
            number += 1
            record = records.get(planned.id)
            overdue = record is None and planned.due is not None and planned.due < today
            deadline = _due_text(planned) + (" – FÖRSENAT" if overdue else "")
            items.append(_item(number, planned.step, routine, deadline, overdue, record))
        sections.append(Section(f"{group.phase.name} – {group.role.name}", (Block("", tuple(items)),)))
    in_plan = {p.id for p in plan.steps}
    outside = []
    for step_id, record in sorted(records.items(), key=lambda pair: pair[1].at):
        step = routine.step(step_id)
        if step is not None and step_id not in in_plan:
            number += 1
            outside.append(_item(number, step, routine, "", record=record))
    if outside:
        sections.append(Section("Hanterade steg som inte längre ingår i planen (svaren ändrades)",
                                (Block("", tuple(outside)),)))
    facts = [("Påbörjad", when_text(start))]
    if finished_at is not None:
        facts.append(("Avslutad", when_text(finished_at)))
    else:
        facts.append(("Status", "pågår"))
    facts.append(("Läge", "övning (räknas inte i uppföljningen)" if mode == "övning" else mode))
    handled = sum(1 for p in plan.steps if p.id in records)
    facts.append(("Hanterade steg", f"{handled} av {len(plan.steps)}"))
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
        contacts=_contacts(plan.contacts, routine),
        contacts_used=tuple(used),
        empty_text="Inga steg: frågorna är inte besvarade.",
        **_base(routine, now),
    )


def document_for_session(
    session: WalkSession, now: dt.datetime, notices: Sequence[str] = (),
    first_role: str | None = None,
) -> Document:
    """A step-log walk (core.session.WalkSession) as a run printout."""
    return document_for_run(
        session.routine, session.answers, session.steps, now,
        started_at=session.started_at, finished_at=session.finished_at, mode=session.mode,
        contacts_used=session.contacts_used, notices=notices, first_role=first_role,
    )


def build_document(source: Document | Plan | Routine, now: dt.datetime | None = None) -> Document:
    """A document from a routine (whole routine, needs ``now``), a plan, or a document as is."""
    if isinstance(source, Document):
        return source
    if isinstance(source, Plan):
        return document_for_plan(source)
    if isinstance(source, Routine):
        if now is None:
            raise ValueError("a whole-routine printout needs the moment it is printed (now)")
        return document_for_routine(source, now)
    raise TypeError(f"cannot export {type(source).__name__}")
