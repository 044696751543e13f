"""Telefontider in Swedish: how a contact's hours and its status at a moment read.

``core.hours`` computes (open now, closes at, opens next); this module only phrases:
"Öppet nu, stänger 16.00", "Stängt (lunch), öppnar 13.00 — ring Socialjouren …",
"Ring nu: Mottagningen Norr, tel 530 622 55 (öppet till 16.00)", and the weekly lines
of a printout ("tisdag–torsdag 08.30–16.00", "lunch 12.00–13.00 alla dagar").
"""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core.base.dates import MONTH_NAMES, WEEKDAY_NAMES
from samverkan_tui.core.routine.model import WEEKDAYS, Contact, Routine, TimeRange
from samverkan_tui.core.walk.hours import LOOKAHEAD_DAYS, REASON_BREAK_DEFAULT, ContactStatus, contact_status

NO_HOURS_TEXT = "Tider anges inte i rutinen."
HOLIDAYS_UNSTATED = "Rutinen anger inte tider för helgdagar"


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}.{minute % 60:02d}"


def moment_text(moment: dt.datetime, now: dt.datetime) -> str:
    """ "13.00" on the day of ``now``, "måndag 28 december 08.30" another day."""
    clock = f"{moment.hour:02d}.{moment.minute:02d}"
    if moment.date() == now.date():
        return clock
    return f"{WEEKDAY_NAMES[moment.weekday()]} {moment.day} {MONTH_NAMES[moment.month - 1]} {clock}"


def status_summary(status: ContactStatus) -> str:
    """One Swedish line: "Öppet nu, stänger 16.00", "Stängt (lunch), öppnar 13.00 — …"."""
    if status.open_now is None:
        return status.contact.hours_note or NO_HOURS_TEXT
    if status.open_now:
        if status.closes_at is None:
            return f"Öppet nu, stänger inte de närmaste {LOOKAHEAD_DAYS} dagarna"
        text = f"Öppet nu, stänger {moment_text(status.closes_at, status.now)}"
        return f"{text} för {status.closes_for}" if status.closes_for else text
    if status.uncertain:
        return f"Troligen stängt – {status.reason}; {HOLIDAYS_UNSTATED.lower()}" + _fallback_text(status)
    text = f"Stängt ({status.reason})" if status.reason else "Stängt"
    if status.next_open is not None:
        text += f", öppnar {moment_text(status.next_open, status.now)}"
    else:
        text += f", ingen telefontid de närmaste {LOOKAHEAD_DAYS} dagarna"
    return text + _fallback_text(status)


def _fallback_text(status: ContactStatus) -> str:
    fallback = status.fallback
    if fallback is None:
        return ""
    if status.contact.fallback_text:  # the routine's own words ("Övriga tider: …")
        return f" — {status.contact.fallback_text}"
    if status.fallback_open is False:
        return f" — även {fallback.name} har stängt just nu"
    if fallback.phones:
        return f" — ring {fallback.name} {fallback.phones[0]} under tiden"
    return f" — kontakta {fallback.name} under tiden"


def call_now_line(contact: Contact, routine: Routine | None, now: dt.datetime) -> str:
    """Who to call right now for ``contact``: itself when open, else its fallback.

    "Ring nu: Mottagningen Norr, tel 530 622 55 (öppet till 16.00)";
    "Ring nu: Socialjouren, tel 778 48 60 (Mottagningen Norr: stängt (lunch), öppnar 13.00)".
    """
    status = contact_status(contact, routine, now)
    numbers = f", tel {' / '.join(contact.phones)}" if contact.phones else ""
    if status.open_now is None:
        note = (contact.hours_note or NO_HOURS_TEXT).rstrip(".").lower()
        return f"Ring: {contact.name}{numbers} ({note})"
    if status.open_now:
        until = f" (öppet till {moment_text(status.closes_at, status.now)})" if status.closes_at else ""
        return f"Ring nu: {contact.name}{numbers}{until}"
    closed = status_summary(status).split(" — ")[0]
    fallback = status.fallback
    if fallback is not None and status.fallback_open is not False:
        fallback_numbers = f", tel {' / '.join(fallback.phones)}" if fallback.phones else ""
        return f"Ring nu: {fallback.name}{fallback_numbers} ({contact.name}: {closed[0].lower()}{closed[1:]})"
    return f"{contact.name}: {closed}{numbers}"


def _spans_text(spans: tuple[TimeRange, ...]) -> str:
    return ", ".join(f"{_clock(s.start)}–{_clock(s.end)}" for s in spans)


def weekly_hours_lines(contact: Contact) -> list[str]:
    """Human lines for printouts; runs of days with equal hours are grouped.

    ["måndag 08.30–18.00", "tisdag–torsdag 08.30–16.00", "fredag 08.30–14.00",
     "lunch 12.00–13.00 alla dagar", "stängt helgdagar, midsommarafton, julafton och nyårsafton"]
    """
    hours = contact.hours
    if hours is None:
        return [contact.hours_note or NO_HOURS_TEXT]
    lines: list[str] = []
    index = 0
    while index < len(WEEKDAYS):
        spans = tuple((s.start, s.end) for s in hours.days.get(WEEKDAYS[index], ()))
        last = index
        while (
            last + 1 < len(WEEKDAYS)
            and tuple((s.start, s.end) for s in hours.days.get(WEEKDAYS[last + 1], ())) == spans
        ):
            last += 1
        if spans:
            names = WEEKDAY_NAMES[index] if last == index else f"{WEEKDAY_NAMES[index]}–{WEEKDAY_NAMES[last]}"
            lines.append(f"{names} {_spans_text(hours.days[WEEKDAYS[index]])}")
        index = last + 1
    if not lines:
        lines.append("inga telefontider angivna")
    for brk in hours.breaks:
        lines.append(f"{brk.label or REASON_BREAK_DEFAULT} {_clock(brk.start)}–{_clock(brk.end)} alla dagar")
    if hours.closed_on_holidays is None:
        lines.append(HOLIDAYS_UNSTATED)
    elif hours.closed_on_holidays:
        lines.append("stängt helgdagar, midsommarafton, julafton och nyårsafton")
    else:
        lines.append("samma tider på helgdagar")
    return lines
