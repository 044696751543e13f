"""A plan's deadlines as calendar events (iCalendar, RFC 5545) to import into Outlook.

One all-day event per action with a due date, on that date: the summary is the action's
own text, the description the routine's title, the item's reference ("RVT 2.3") and the
due rule; a reminder (VALARM) at 09.00 the day before. All-day events are dates, not
times, so they fall on the same day in every calendar; the calendar says it is Swedish
time (Europe/Stockholm), which is what the dates were counted in.

Each event's UID is derived from the document's ``calendar_key`` (a walk's id; a plan
without a walk draws a random key once per document), the routine id and the item id, never
from the due date: two cases with the same routine, answers and arrival day get events of
their own, and re-importing the same walk after a corrected arrival date moves its events
instead of leaving the old ones behind. ``SEQUENCE`` is ``calendar_sequence`` (how often the
walk changed an answer or a moment), so the corrected export outranks the earlier one. The
UID is a one-way hash: the walk's id itself never leaves the machine. No personal data: no
names, no dnr, no answers.

Contract for callers (the CLI, the app's export dialog): ``document_ics`` raises
``NoDeadlinesError`` (an ``ExportError``, so a ValueError) when nothing in the document has a
due date; its ``reason`` says why (``WHOLE_ROUTINE``, ``UNANSWERED``, ``ALL_HANDLED``,
``NO_DEADLINES``), ``str(error)`` is the CLI's Swedish line and ``error.app_text`` the same
without command-line options. ``has_events(document)`` asks first, without raising.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from samverkan_tui.export import ExportError
from samverkan_tui.export.document.model import KIND_PLAN, KIND_RUN, Document, Item

TIME_ZONE = "Europe/Stockholm"
UID_DOMAIN = "samverkan-tui.invalid"  # RFC 5545 wants a domain; .invalid is never anyone's
REMINDER_BEFORE = dt.timedelta(hours=15)  # 09.00 the day before an all-day event (00.00)


# Why a calendar has no events: the Swedish line for the CLI and the one for the app.
WHOLE_ROUTINE = "hela_rutinen"
UNANSWERED = "obesvarade_fragor"
ALL_HANDLED = "alla_hanterade"
NO_DEADLINES = "inga_tidsfrister"
_REASONS = {
    WHOLE_ROUTINE: (
        "hela rutinen har inga datum: ange svaren (--svar) så att planen får tidsfrister",
        "hela rutinen har inga datum; kalendern gäller en plan för ett ärende",
    ),
    UNANSWERED: (
        "planen har inga åtgärder med datum ännu: ange svaren på de obesvarade frågorna (--svar)",
        "planen har inga åtgärder med datum ännu: besvara de återstående frågorna",
    ),
    ALL_HANDLED: (
        "alla åtgärder med datum är redan hanterade; kalendern blir tom",
        "alla åtgärder med datum är redan hanterade; kalendern blir tom",
    ),
    NO_DEADLINES: (
        "rutinen anger inga tidsfrister för de här svaren; kalendern blir tom",
        "rutinen anger inga tidsfrister för de här svaren; kalendern blir tom",
    ),
}


class NoDeadlinesError(ExportError):
    """The document has no open action with a due date. ``reason`` is one of the codes
    above; the message is user-facing Swedish (the CLI's), ``app_text`` the app's."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.app_text = _REASONS[reason][1]
        super().__init__(_REASONS[reason][0])


def event_uid(calendar_key: str, routine_id: str, step_id: str) -> str:
    """The same walk and item give the same UID on every export, whatever the due date; a
    different walk (or plan document) gives another."""
    digest = hashlib.sha256(f"{calendar_key}\0{routine_id}\0{step_id}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def due_items(document: Document) -> list[Item]:
    """The open actions with a due date, in the routine's order."""
    return [i for i in document.items if i.checkable and i.due is not None and not i.status]


def has_events(document: Document) -> bool:
    """Whether ``document_ics`` makes a calendar of ``document`` (else it raises)."""
    return bool(due_items(document))


def no_events_reason(document: Document) -> str:
    """Why ``document`` gives no events: the whole routine has no dates; questions are
    unanswered; every dated action is handled; or the answered path has no deadlines."""
    if document.kind not in (KIND_PLAN, KIND_RUN):
        return WHOLE_ROUTINE
    if any(i.checkable and i.due is not None for i in document.items):
        return ALL_HANDLED
    return UNANSWERED if document.unanswered else NO_DEADLINES


def document_ics(document: Document) -> str:
    """The calendar as text (CRLF line ends, as RFC 5545 has them)."""
    from icalendar import Alarm, Calendar, Event

    items = due_items(document)
    if not items:
        raise NoDeadlinesError(no_events_reason(document))
    key = document.calendar_key or uuid.uuid4().hex  # no key: at least never another case's
    stamp = document.moment or dt.datetime.now(dt.UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    stamp = stamp.astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Samverkan TUI//samverkan-tui//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{document.short_title}: tidsfrister")
    calendar.add("x-wr-timezone", TIME_ZONE)
    for item in items:
        assert item.due is not None
        event = Event()
        event.add("uid", event_uid(key, document.routine_id, item.step_id))
        event.add("sequence", document.calendar_sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        # On the law's date the event says what the law requires, never the routine's
        # longer "Inom tre veckor …"; the item's own text follows in the description.
        event.add("summary", item.legal_title or item.text)
        lines = [item.text, document.title] if item.legal_title else [document.title]
        if item.reference:
            lines.append(f"Punkt {item.reference} (version {document.version})")
        if item.deadline:
            lines.append(item.deadline)
        if item.legal:
            lines.append(item.legal)
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
        event.add("categories", ["Samverkan"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"I morgon: {item.legal_title or item.text}")
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
