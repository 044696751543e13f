"""One printable document model that feeds every export format.

A ``Document`` is built from one of three sources and holds only display-ready
Swedish text, so the renderers (``text``, ``markdown``, ``html``, ``pdf``) do layout
and nothing else; no format decides on its own what a printout contains.

- ``document_for_routine``: the whole routine, every branch, in the source's order:
  phase, then the source's section headings, each with its condition once in
  plain Swedish ("Om situationen är akut:"); an item that adds a condition of its
  own is introduced by that ("Om socialsekreterare inte är på plats:"), unless its
  text already says it. Actions get a box; information is set as text.
- ``document_for_plan``: only the path the answers give, in the same order, with
  due dates counted from their moments, opened by what to do now.
- ``document_for_run`` / ``document_for_session``: a walk from the step log, with
  what was done and when (never who: the log holds no names, and the session id is
  left out on purpose, since a printout is filed with the case).
- ``document_for_summary``: the journal summary of a walk (the app's `s` and its
  clipboard copy, `logg visa`): done, deviations, not applicable, what is left with due
  dates; a short note without page furniture (``Document.furniture`` False).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.base.dates import format_date, format_date_short, format_time
from samverkan_tui.core.routine.deadline_phrases import routine_deadline_line
from samverkan_tui.core.routine.model import ACTION, ITEM_KIND_LABELS, Contact, Routine, Step
from samverkan_tui.core.routine.references import (
    SOURCE_NUMBER,
    item_references,
    reference_prefix,
    section_numbers,
)
from samverkan_tui.core.training.grading import EXTRA, NOT_ASKED, RIGHT, UNANSWERED, WRONG
from samverkan_tui.core.walk.due_text import due_line
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.plan import (
    Plan,
    PlannedStep,
    PlanSection,
    build_plan,
    describe_condition,
    states_condition,
)
from samverkan_tui.core.walk.status import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    MODE_CASE,
    STATUS_MARKS,
    mode_label,
    status_label,
)

if TYPE_CHECKING:
    from samverkan_tui.core.training.grading import Grade
    from samverkan_tui.core.training.tour import TourStop
    from samverkan_tui.core.walk.session import WalkSession
    from samverkan_tui.steplog.summary import HandledStep, WalkSummary

KIND_ROUTINE = "rutin"
KIND_PLAN = "plan"
KIND_RUN = "genomgång"
KIND_SUMMARY = "sammanfattning"

UNCONDITIONAL_HEADING = "Oavsett svar:"
SIGNATURE_LABEL = "Datum/signatur:"


@dataclass(frozen=True)
class StepRecord:
    """What happened to one step in a walk: a status code (core.status.STATUSES) and when.

    ``category`` is a deviation category code (core.status.DEVIATION_CATEGORIES);
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
    checkable: bool = True  # actions get a box; information, principles … are set as text
    kind_label: str = ""  # "Information", "Princip" … for items that are not actions
    role: str = ""  # the role's name: a label, never a sort key
    legal: str = ""  # "Lagen: beslut inom 14 dagar – senast …; rutinen anger tre veckor"
    reference: str = ""  # "RVT 2.3": the same in the app, the plan and the binder (item_references)
    due: dt.date | None = None  # the date that binds (the law's where it overrides); plans and runs
    mark: str = ""  # stands in the number's place: an answer's "✓" or "✗" in a graded exercise

    @property
    def label(self) -> str:
        """What every format prints before the text: the mark, the reference's number
        ("2.3"), an action's number ("4."), or a bullet for unnumbered information."""
        if self.mark:
            return self.mark
        if self.reference:
            return self.reference.split(" ", 1)[-1]
        return f"{self.number}." if self.checkable else "•"


@dataclass(frozen=True)
class Block:
    """Consecutive steps under one condition heading ("" when the printout needs none)."""

    condition: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    title: str  # the source's heading, or a phase's name (level 0)
    blocks: tuple[Block, ...]
    level: int = 1  # 0 a phase, 1 the source's heading, 2 a list under it …
    condition: str = ""  # the section's condition, once: "Om situationen är akut:"
    text: str = ""  # a paragraph under the heading
    number: str = ""  # "2" before a top-level heading whose title has no number of its own

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
    hours: tuple[str, ...] = ()  # telefontider, from core.hours_text.weekly_hours_lines
    instructions: str = ""
    fallback: str = ""  # "När det är stängt: Socialjouren, tel 778 48 60"
    status: str = ""  # plans and runs: "Just nu: Stängt (lunch), öppnar 13.00 — …"

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
    # Plans and runs open with what to do now: the first open actions and who to call.
    now_title: str = ""
    now_lines: tuple[str, ...] = ()
    remarks_last: bool = False  # plans: remarks for the routine's owners go to the end
    # The binder copy leaves the "Datum"/"Sign." fields out (`--utan-signatur`).
    signatures: bool = True
    # Plans and runs: blank fields the case worker fills in by hand on page 1 (never stored).
    fill_in: tuple[str, ...] = ()
    # The routine's review overdue or not stated: said in a box on page 1, not only the footer.
    review_notice: str = ""
    reference_prefix: str = ""  # "RVT": what the items' references start with
    # False for a note to paste into the case record (the journal summary): no subtitle,
    # rules, numbers, boxes, signature lines or footer. Items then carry their time in
    # ``record`` ("mån 23/11 kl. 10.05") and their details in ``notes``.
    furniture: bool = True

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)


# -- shared pieces ----------------------------------------------------------------------


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(STOCKHOLM) if moment.tzinfo else moment


def when_text(moment: dt.datetime) -> str:
    """``fredag 27 november 2026 kl. 16.40`` in Stockholm time."""
    moment = _local(moment)
    return f"{format_date(moment.date())} kl. {format_time(moment)}"


def short_when_text(moment: dt.datetime) -> str:
    """``mån 23/11 kl. 10.05`` in Stockholm time."""
    moment = _local(moment)
    return f"{format_date_short(moment.date())} kl. {format_time(moment)}"


def _review_short(routine: Routine, today: dt.date) -> str:
    due = routine.review_due()
    if due is None:
        return "översynsdatum saknas"
    if routine.review_interval_assumed:
        return "inget översynsintervall angivet"  # an assumed date is no fact to print
    if routine.review_overdue(today):
        return f"översyn försenad sedan {due.isoformat()}"
    return f"översyn senast {due.isoformat()}"


def _meta(routine: Routine, today: dt.date) -> tuple[tuple[str, str], ...]:
    rows = [("Version", routine.version), ("Enheter", ", ".join(routine.units)), ("Källa", routine.source)]
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


def review_notice(routine: Routine, today: dt.date) -> str:
    """A box for page 1 when the review is overdue or the routine does not state it; else ""."""
    due = routine.review_due()
    if due is None:
        return (
            "Rutinen anger inte när den fastställdes eller reviderades, så det går inte att se "
            "när den ska ses över. Kontrollera med rutinens ägare att den gäller."
        )
    if routine.review_overdue(today):
        return (
            f"Översynen är försenad: rutinen skulle ha setts över senast {due.isoformat()}. "
            "Kontrollera med rutinens ägare att den fortfarande gäller."
        )
    if routine.review_interval_assumed:
        last = routine.last_reviewed
        word = "reviderad" if routine.revised else "fastställd"
        return (
            f"Rutinen anger inte hur ofta den ska ses över ({word} {last.isoformat() if last else ''}). "
            f"Räknat med en gång per år skulle den ses över senast {due.isoformat()}"
            + (" – det datumet har passerat." if today > due else ".")
        )
    return ""


# Page 1 of a plan or walk printout: blank fields filled in by hand, never stored by the app.
FILL_IN_FIELDS = ("Dnr", "Handläggare", "Anmälan/informationen kom in (datum och tid)", "Datum")


def _contact_entry(contact: Contact, routine: Routine, now: dt.datetime | None = None) -> ContactEntry:
    from samverkan_tui.core.walk.hours_text import (
        weekly_hours_lines,
    )  # holidays only when contacts are printed

    fallback = contact.fallback_text  # the routine's own words come first
    if contact.fallback and not fallback:
        other = routine.contact(contact.fallback)
        if other is not None:
            fallback = f"När det är stängt: {contact_reference(other)}"
    return ContactEntry(
        name=contact.name,
        unit=contact.unit,
        phones=contact.phones,
        fax=contact.fax,
        hours=tuple(weekly_hours_lines(contact)),
        instructions=contact.instructions,
        fallback=fallback,
        status=_status(contact, routine, now) if now is not None else "",
    )


def _status(contact: Contact, routine: Routine, now: dt.datetime) -> str:
    from samverkan_tui.core.walk.hours import contact_status

    status = contact_status(contact, routine, now)
    return (
        "" if status.open_now is None else f"Just nu ({format_time(_local(now))}): {status_summary(status)}"
    )


def _contacts(
    contacts: Iterable[Contact], routine: Routine, now: dt.datetime | None = None
) -> tuple[ContactEntry, ...]:
    """The contacts once each; with ``now`` (plans and runs) also whether they answer then."""
    seen: dict[str, Contact] = {}
    for contact in contacts:
        seen.setdefault(contact.id, contact)
    return tuple(_contact_entry(c, routine, now) for c in seen.values())


def _item(
    number: int,
    step: Step,
    routine: Routine,
    deadline: str,
    overdue: bool = False,
    record: RecordLike | None = None,
    legal: str = "",
    reference: str = "",
    due: dt.date | None = None,
) -> Item:
    contacts = tuple(
        contact_reference(c) for c in (routine.contact(cid) for cid in step.contacts) if c is not None
    )
    role = routine.role(step.role)
    return Item(
        number=number if step.checkable else 0,
        step_id=step.id,
        text=step.text,
        deadline=deadline,
        overdue=overdue,
        warnings=step.warnings,
        notes=step.notes,
        contacts=contacts,
        status=record.status if record is not None else None,
        record=record_text(record) if record is not None else "",
        checkable=step.checkable,
        kind_label="" if step.kind == ACTION else ITEM_KIND_LABELS.get(step.kind, ""),
        role=role.name if role else step.role,
        legal=legal,
        reference=reference,
        due=due,
    )


def record_text(record: RecordLike) -> str:
    """``Klar fredag 27 november 2026 kl. 16.40``; deviations add category and comment."""
    text = f"{status_label(record.status, capital=True)} {when_text(record.at)}"
    if record.status == DEVIATION:
        if record.category:
            text += f": {DEVIATION_CATEGORIES.get(record.category, record.category)}"
        comment = getattr(record, "comment", None)
        if comment:
            text += f". Kommentar: {comment}"
    return text


def _answered(plan: Plan) -> tuple[QuestionEntry, ...]:
    entries = []
    for question in plan.asked:
        option = question.option(plan.answers[question.id])
        entries.append(QuestionEntry(question.text, answer=option.label if option else ""))
    return tuple(entries)


def _open_questions(plan: Plan) -> tuple[QuestionEntry, ...]:
    return tuple(QuestionEntry(q.text, options=tuple(o.label for o in q.options)) for q in plan.unanswered)


def _base(routine: Routine, moment: dt.datetime) -> dict[str, Any]:
    today = _local(moment).date()
    return {
        "review_notice": review_notice(routine, today),
        "reference_prefix": reference_prefix(routine),
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


def document_for_routine(routine: Routine, now: dt.datetime) -> Document:
    """Every item of the routine in the source's order, each section under its condition."""
    from samverkan_tui.core.walk.plan import section_runs

    sections = []
    number = 0
    phase = None
    refs = item_references(routine)
    numbers = section_numbers(routine)
    for section, depth, steps, continued in section_runs(routine, routine.steps):
        phase_id = section.phase if section else ""
        # A phase heading opens a top-level section only: where a source's heading has
        # phases inside it (RVT–BoU's entries), its own headings name them, and a phase
        # heading there would break the heading order.
        if phase_id != phase and depth == 0 and routine.phase(phase_id) is not None:
            phase = phase_id
            sections.append(Section(routine.phase(phase_id).name, (), level=0))  # type: ignore[union-attr]
        blocks: list[Block] = []
        conditional = False
        for step in steps:
            if step.checkable:
                number += 1
            heading = item_condition(routine, step)
            conditional = conditional or bool(heading) or step.own_when is not None
            # After a conditional block, the items that hold whatever the answers say so:
            # without it they would read as part of the condition above them.
            if not heading and step.own_when is None and conditional:
                heading = UNCONDITIONAL_HEADING
            deadline = routine_deadline_line(routine, step)
            legal = routine_deadline_line(routine, step, legal=True)
            item = _item(number, step, routine, deadline, legal=legal, reference=refs[step.id])
            if blocks and blocks[-1].condition == heading:
                blocks[-1] = Block(heading, (*blocks[-1].items, item))
            else:
                blocks.append(Block(heading, (item,)))
        if section is None:
            sections.append(Section("", tuple(blocks)))
            continue
        sections.append(
            Section(
                "" if continued else section.title,
                tuple(blocks),
                level=depth + 1,
                condition="" if continued else section_condition(routine, section),
                text="" if continued else section.text,
                number="" if continued else _heading_number(section, numbers, depth),
            )
        )
    questions = tuple(
        QuestionEntry(
            q.text,
            options=tuple(o.label for o in q.options),
            condition=_asked_when(routine, q.when),
            help=q.help,
        )
        for q in routine.questions
    )
    return Document(
        kind=KIND_ROUTINE,
        subtitle="Hela rutinen med alla grenar",
        facts=(("Utskriven", when_text(now)),),
        questions_title="Frågor som avgör vilka punkter som gäller",
        questions=questions,
        unanswered=(),
        sections=tuple(sections),
        contacts=_contacts(routine.contacts, routine),
        empty_text="Rutinen har inga punkter.",
        **_base(routine, now),
    )


def _heading_number(section: object, numbers: Mapping[str, str], depth: int) -> str:
    """The number printed before a top-level heading, unless its title starts with it."""
    title = getattr(section, "title", "")
    number = numbers.get(getattr(section, "id", ""), "")
    if depth or not number or SOURCE_NUMBER.match(title) or title.startswith(number):
        return ""  # a heading that carries the source's own number is printed as it is
    return number


def section_condition(routine: Routine, section: object) -> str:
    """A section's condition as its heading line: ``Om situationen är akut:``."""
    when_text_ = getattr(section, "when_text", "")
    heading = (
        _as_heading(when_text_) if when_text_ else condition_heading(routine, getattr(section, "when", None))
    )
    # "… – om situationen är akut?" needs no "Om situationen är akut:" under it.
    said = heading.rstrip(":?").lower().removeprefix("om ").strip()
    if said and said in getattr(section, "title", "").lower():
        return ""
    return heading


def item_condition(routine: Routine, step: Step) -> str:
    """What an item adds to its section's condition, or "" when its text already says it."""
    if step.when_text:
        return _as_heading(step.when_text)
    if step.own_when is None or states_condition(step.text):
        return ""
    return condition_heading(routine, step.own_when)


def _as_heading(text: str) -> str:
    text = text.strip().rstrip(":")
    return text if text.endswith("?") else text + ":"


def condition_heading(routine: Routine, condition: object) -> str:
    """``Om situationen är akut:``; empty when there is no condition."""
    text = describe_condition(routine, condition)  # type: ignore[arg-type]
    return f"Om {text}:" if text else ""


def _asked_when(routine: Routine, condition: object) -> str:
    text = describe_condition(routine, condition)  # type: ignore[arg-type]
    return f"Ställs bara om {text}." if text else ""


# -- (b) one path ------------------------------------------------------------------------


def document_for_plan(plan: Plan) -> Document:
    """Only the items on the path the answers give, in the routine's order, with due dates."""
    routine = plan.routine
    sections = _plan_sections(plan, {}, None)
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
        now_lines=do_now_lines(plan, {}),
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


def do_now_lines(plan: Plan, records: Mapping[str, RecordLike], limit: int = 3) -> tuple[str, ...]:
    """The first open actions and, where they need a contact, who to call right now."""
    from samverkan_tui.core.walk.hours_text import call_now_line, weekly_hours_lines

    refs = item_references(plan.routine)
    open_actions = [p for p in plan.actions if p.id not in records][:limit]
    lines = []
    for i, planned in enumerate(open_actions, start=1):
        due = due_line(planned)
        ref = refs.get(planned.id, "")
        lines.append(
            f"{i}. {planned.step.text}" + (f" ({ref})" if ref else "") + (f" – {due}" if due else "")
        )
    seen: set[str] = set()
    calls: list[str] = []
    for planned in open_actions:
        for contact in planned.contacts:
            if contact.id not in seen:
                seen.add(contact.id)
                hours = "; ".join(weekly_hours_lines(contact))
                line = call_now_line(contact, plan.routine, plan.now)
                line += f". Telefontider: {hours}" if hours else ""
                # Two closed lines with one fallback (Norr and Södra at lunch): say it once.
                callee = line.split(" (", 1)[0]
                if not any(c.split(" (", 1)[0] == callee for c in calls):
                    calls.append(line)
    return (*lines, *calls)


def _plan_sections(
    plan: Plan, records: Mapping[str, RecordLike], today: dt.date | None
) -> tuple[Section, ...]:
    """The plan's sections as printed: phase headings, the source's headings, items in order."""
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
            deadline = due_line(planned) + (" – FÖRSENAT" if overdue else "")
            legal = (
                f"Lagrum: {planned.step.legal.reference}"
                if planned.step.legal is not None and planned.legal_due is not None
                else ""
            )
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
                )
            )
        sections.append(_section_of(part, (Block("", tuple(items)),) if items else (), numbers))
    return tuple(sections)


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
        number=_heading_number(part.section, numbers, part.depth),
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
    mode: str = MODE_CASE,
    contacts_used: Mapping[str, dt.datetime] | None = None,
    notices: Sequence[str] = (),
    moments: Mapping[str, dt.datetime] | None = None,
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
    outside = []
    for step_id, record in sorted(records.items(), key=lambda pair: pair[1].at):
        step = routine.step(step_id)
        if step is not None and step_id not in in_plan:
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
        now_lines=do_now_lines(plan._replace(now=now), records) if finished_at is None else (),
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
    return document_for_run(
        session.routine,
        session.answers,
        session.steps,
        now,
        started_at=session.started_at,
        finished_at=session.finished_at,
        mode=session.mode,
        contacts_used=session.contacts_used,
        notices=notices,
        moments=session.moments,
    )


# -- (d) the journal summary of a walk -------------------------------------------------

SUMMARY_TITLE = "Genomgång enligt samverkansrutin"
LEFT_PLAN_NOTE = "(ingår inte längre i planen efter ändrade svar)"


def document_for_summary(summary: WalkSummary) -> Document:
    """The walk as a note for the case record: what was done and when, what is left.

    ``summary`` is ``status_summary(steplog).walk_summary``'s sorting of the walk. Rendered by
    ``export.render(document, "text" | "md")`` for `logg visa` and by the app's summary
    (`s`, copied with `c`). The log's session id is left out on purpose: pasted into a
    case record, it would tie the anonymous log entry to a person.
    """
    session, routine = summary.session, summary.session.routine
    facts = [
        ("Rutin", f"{routine.title} ({routine.id}, version {routine.version})"),
        ("Läge", mode_label(session.mode)),
        ("Påbörjad", when_text(session.started_at)),
    ]
    if session.finished_at:
        facts.append(("Avslutad", when_text(session.finished_at)))
    else:
        facts.append(
            ("Status", f"pågår, senast ändrad {when_text(session.updated_at or session.started_at)}")
        )
    if summary.routine_changed:
        facts.append(("Obs", "rutinfilen har ändrats sedan genomgången; stegtexterna är dagens."))
    sections = [
        Section(f"{title} ({len(handled)})", (Block("", tuple(_handled_item(h, routine) for h in handled)),))
        for title, handled in (
            ("Utförda steg", summary.done),
            ("Avvikelser", summary.deviations),
            ("Ej aktuella steg", summary.not_applicable),
        )
        if handled
    ]
    open_items = tuple(_open_item(summary, planned) for planned in summary.open)
    sections.append(
        Section(
            f"Återstående steg ({len(open_items)})",
            (Block("", open_items),) if open_items else (),
            text="" if open_items else "Inga.",
        )
    )
    return Document(
        kind=KIND_SUMMARY,
        title=SUMMARY_TITLE,
        short_title=routine.short_title or routine.title,
        subtitle="",
        routine_id=routine.id,
        version=routine.version,
        meta=(),
        facts=tuple(facts),
        remarks=(),
        footer="",
        questions_title="Svar",
        questions=tuple(QuestionEntry(text, answer=label) for _, text, _, label in summary.answers),
        unanswered=tuple(QuestionEntry(text) for text in summary.unanswered),
        sections=tuple(sections),
        general_rules=(),
        contacts=(),
        contacts_used=tuple(f"{short_when_text(moment)}: {c.name}" for c, moment in summary.contacts),
        moment=summary.now,
        furniture=False,
    )


def _open_item(summary: WalkSummary, planned: PlannedStep) -> Item:
    overdue = summary.overdue(planned)
    deadline = due_line(planned)  # the same due line as the plan and every printout
    if deadline and overdue:
        deadline += " – FÖRSENAT"
    return Item(0, planned.id, planned.step.text, deadline=deadline, overdue=overdue, due=planned.due)


def _handled_item(handled: HandledStep, routine: Routine) -> Item:
    state = handled.state
    notes = []
    if state.status == DEVIATION:
        category = state.category or ""
        unreached = routine.contact(state.contact) if state.contact else None
        named = f" ({unreached.name})" if unreached is not None else ""
        line = f"Avvikelse: {DEVIATION_CATEGORIES.get(category, category)}{named}."
        notes.append(line + (f" Kommentar: {state.comment}" if state.comment else ""))
    elif state.comment:
        notes.append(f"Orsak: {state.comment}")
    if not handled.in_plan:
        notes.append(LEFT_PLAN_NOTE)
    return Item(
        0,
        handled.step.id,
        handled.step.text,
        status=state.status,
        record=short_when_text(state.at),
        notes=tuple(notes),
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


def status_line(item: Item) -> str:
    """``✓ Klar fredag 27 november 2026 kl. 16.40``; ``! Avvikelse …: kategori. Kommentar: …``."""
    if not item.status:
        return ""
    mark = STATUS_MARKS.get(item.status, "")
    return f"{mark} {item.record}".strip() if item.record else mark


# -- (d) training: a graded exercise and the guided tour --------------------------------

KIND_EXERCISE = "övning"
KIND_TOUR = "rundtur"

# How an answer's grade reads, in every format and in the app (core.grading's statuses).
ANSWER_MARKS = {RIGHT: "✓", WRONG: "✗", NOT_ASKED: "–", UNANSWERED: "?", EXTRA: "+"}
SCORE_LABEL = "Poäng"
CLOSED_MARK = "⚠"  # a contact that does not answer at the case's moment
OPEN_MARK = "☎"
PERFECT_PLAN = "Planen blir precis som rutinen säger för fallet."
INCOMPLETE_NOTICE = "Alla frågor är inte besvarade; obesvarade frågor räknas som fel."
ALWAYS_TITLE = "Steg som alltid ingår i planen"


def _training_footer(routine: Routine, what: str) -> str:
    return f"{routine.id} · version {routine.version} · {what}"


def _named(routine: Routine) -> str:
    return f"{routine.short_title or routine.title} [{routine.id}]"


def score_text(result: Grade) -> str:
    """``58 av 100 (1 av 2 svar rätt, 2 av 3 steg gemensamma)``."""
    union = result.shared_steps + len(result.missed) + len(result.needless)
    return (
        f"{result.score} av 100 ({result.correct} av {result.expected_count} svar rätt, "
        f"{result.shared_steps} av {union} steg gemensamma)"
    )


def _step_entry(step: Step, routine: Routine, refs: Mapping[str, str], where: bool = False) -> Item:
    """A step as the training printouts list it: its reference, text and (``where``) its
    role and phase; never a box, nothing to tick."""
    text = step.text
    role = routine.role(step.role)
    if where:
        place = " · ".join(x.name for x in (role, routine.phase(step.phase)) if x is not None)
        text = f"{text} ({place})" if place else text
    return Item(
        number=0,
        step_id=step.id,
        text=text,
        checkable=False,
        kind_label="" if step.kind == ACTION else ITEM_KIND_LABELS.get(step.kind, ""),
        role=role.name if role else step.role,
        reference=refs.get(step.id, ""),
    )


def document_for_grade(result: Grade) -> Document:
    """A graded exercise (core.grading.Grade): the score, answer by answer with the
    exercise's reasons, the steps missed and done in vain, and the expected plan's
    contacts at the case's moment. `samverkan öva --svar` prints it and the app's result
    screen shows it, so the two cannot disagree."""
    routine, exercise = result.routine, result.exercise
    refs = item_references(routine)
    answers = []
    for answer in result.answers:
        notes = []
        if answer.given is not None:
            notes.append(f"Ditt svar: {answer.given.label}")
        if answer.expected is not None and answer.status != RIGHT:
            notes.append(f"Rätt svar: {answer.expected.label}")
        notes.append(f"Varför: {answer.reason}")
        answers.append(
            Item(
                number=0,
                step_id=answer.question.id,
                text=answer.question.text,
                checkable=False,
                kind_label=answer.label,
                notes=tuple(notes),
                mark=ANSWER_MARKS[answer.status],
            )
        )
    sections = [Section("Svar för svar", (Block("", tuple(answers)),))]
    for title, steps in (
        (f"Steg du skulle ha missat ({len(result.missed)})", result.missed),
        (f"Steg du skulle ha gjort i onödan ({len(result.needless)})", result.needless),
    ):
        if steps:
            items = tuple(_step_entry(step, routine, refs, where=True) for step in steps)
            sections.append(Section(title, (Block("", items),)))
    if not result.missed and not result.needless:
        sections.append(Section("Stegen", (), text=PERFECT_PLAN))
    timed = [c for c in result.contacts if c.status.open_now is not None]
    if timed:
        contacts = tuple(
            Item(
                number=0,
                step_id=c.status.contact.id,
                text=f"{c.status.contact.name}: {status_summary(c.status)}",
                checkable=False,
                mark=CLOSED_MARK if c.closed else OPEN_MARK,
            )
            for c in timed
        )
        sections.append(Section(f"Kontakter {when_text(result.now)}", (Block("", contacts),)))
    return Document(
        kind=KIND_EXERCISE,
        title=exercise.title,
        short_title=exercise.title,
        subtitle="Resultat av en övning på ett påhittat fall",
        routine_id=routine.id,
        version=routine.version,
        meta=(),
        facts=(
            ("Rutin", _named(routine)),
            ("Övning", exercise.id),
            ("Tidpunkt", when_text(result.now)),
            (SCORE_LABEL, score_text(result)),
        ),
        remarks=() if result.complete else (RemarkEntry("OBS", INCOMPLETE_NOTICE),),
        footer=_training_footer(routine, f"övning {exercise.id} (påhittat fall)"),
        questions_title="",
        questions=(),
        unanswered=(),
        sections=tuple(sections),
        general_rules=(),
        contacts=(),
        empty_text="Övningen har inga frågor.",
        moment=result.now,
        signatures=False,
        reference_prefix=reference_prefix(routine),
    )


def tour_stop_sections(routine: Routine, stops: Sequence[TourStop], index: int) -> tuple[Section, ...]:
    """One stop of the guided tour as printed: the steps always in the plan, or a question
    (its number, when it is asked, its help) with a section per answer listing the steps
    that answer brings in under their conditions and the questions it leads to."""
    refs = item_references(routine)
    stop = stops[index]
    if stop.question is None:
        items = tuple(_step_entry(s.step, routine, refs) for s in stop.always)
        return (Section(ALWAYS_TITLE, (Block("", items),), text="Oavsett hur frågorna besvaras."),)
    from samverkan_tui.core.training.tour import by_condition

    number = sum(1 for s in stops[: index + 1] if s.question is not None)
    sections = [
        Section(
            f"Fråga {number}: {stop.question.text}",
            (),
            condition=f"Ställs bara om {stop.asked_when}." if stop.asked_when else "Ställs alltid.",
            text=stop.help,
        )
    ]
    for branch in stop.branches:
        blocks = tuple(
            Block(condition, tuple(_step_entry(s.step, routine, refs) for s in steps))
            for condition, steps in by_condition(branch.steps)
        )
        sections.append(
            Section(
                f"Svar: {branch.option.label}",
                blocks,
                level=2,
                condition=("Leder till: " + "; ".join(q.text for q in branch.leads_to))
                if branch.leads_to
                else "",
                text="" if branch.steps else "Tar inte med några nya steg.",
            )
        )
    return tuple(sections)


def document_for_tour(routine: Routine, stops: Sequence[TourStop], now: dt.datetime) -> Document:
    """The guided tour (core.tour.guided_tour), every stop in turn: `samverkan öva --rundtur`
    prints it and the app's tour screen shows it a stop at a time (``tour_stop_sections``)."""
    sections = tuple(s for index in range(len(stops)) for s in tour_stop_sections(routine, stops, index))
    return Document(
        kind=KIND_TOUR,
        title=f"Rundtur: {routine.short_title or routine.title}",
        short_title=routine.short_title or routine.title,
        subtitle="Varje fråga, varje svar och stegen det tar med i planen",
        routine_id=routine.id,
        version=routine.version,
        meta=(),
        facts=(("Rutin", _named(routine)), ("Utskriven", when_text(now))),
        remarks=(),
        footer=_footer(routine, _local(now).date()),
        questions_title="",
        questions=(),
        unanswered=(),
        sections=sections,
        general_rules=(),
        contacts=(),
        empty_text="Rutinen har inga frågor och inga punkter.",
        moment=now,
        signatures=False,
        reference_prefix=reference_prefix(routine),
    )
