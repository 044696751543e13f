"""Pieces every builder shares: dates as Swedish text, the routine's metadata, footer and
review notice, contacts with their hours, an item from a step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.base.dates import format_date, format_date_short, format_time
from samverkan_tui.core.routine.model import ACTION, ITEM_KIND_LABELS, Contact, Routine, Step
from samverkan_tui.core.routine.references import reference_prefix
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.plan import Plan
from samverkan_tui.core.walk.status import DEVIATION, DEVIATION_CATEGORIES, status_label
from samverkan_tui.export.document.model import (
    ContactEntry,
    Item,
    QuestionEntry,
    RecordLike,
    RemarkEntry,
)


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
    if routine.review_interval_assumed:
        return "inget översynsintervall angivet"  # no interval, so no date to print
    due = routine.review_due()
    if due is None:
        return "översynsdatum saknas"
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
    if routine.review_interval_assumed:
        # Dates but no interval: say when it was last reviewed, never an invented due date.
        last = routine.last_reviewed
        word = "reviderad" if routine.revised else "fastställd"
        return (
            f"Rutinen anger inte hur ofta den ska ses över ({word} {last.isoformat() if last else ''}). "
            "Kontrollera med rutinens ägare att den fortfarande gäller."
        )
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
    legal_title: str = "",
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
        legal_title=legal_title,
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
