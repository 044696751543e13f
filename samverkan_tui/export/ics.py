"""A plan's deadlines as calendar events (iCalendar, RFC 5545) to import into Outlook.

One all-day event per action with a due date, on that date: the summary is the action's
own text, the description the routine's title, the item's reference ("RVT 2.3") and the
due rule; a reminder (VALARM) at 09.00 the day before. All-day events are dates, not
times, so they fall on the same day in every calendar; the calendar says it is Swedish
time (Europe/Stockholm), which is what the dates were counted in.

Each event's UID is derived from the routine id, the item id and the due date, so
importing the same plan again updates the events instead of duplicating them (and a
new due date is a new event). No personal data: no names, no dnr, no answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from samverkan_tui.export import ExportError
from samverkan_tui.export.document import Document, Item

TIME_ZONE = "Europe/Stockholm"
UID_DOMAIN = "samverkan-tui.invalid"  # RFC 5545 wants a domain; .invalid is never anyone's
REMINDER_BEFORE = dt.timedelta(hours=15)  # 09.00 the day before an all-day event (00.00)


class NoDeadlinesError(ExportError):
    """The document has no action with a due date; the message is user-facing Swedish."""


def event_uid(routine_id: str, step_id: str, due: dt.date) -> str:
    """Stable: the same routine, item and due date give the same UID on every export."""
    digest = hashlib.sha256(f"{routine_id}\0{step_id}\0{due.isoformat()}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def due_items(document: Document) -> list[Item]:
    """The open actions with a due date, in the routine's order."""
    return [i for i in document.items if i.checkable and i.due is not None and not i.status]


def document_ics(document: Document) -> str:
    """The calendar as text (CRLF line ends, as RFC 5545 has them)."""
    from icalendar import Alarm, Calendar, Event

    items = due_items(document)
    if not items:
        raise NoDeadlinesError(
            "kalendern får bara åtgärder med datum: ange svaren (--svar) så att planen har tidsfrister"
        )
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
        event.add("uid", event_uid(document.routine_id, item.step_id, item.due))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", item.text)
        lines = [document.title]
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
        alarm.add("description", f"I morgon: {item.text}")
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
