"""Telefontider: is a contact open now, when does it close, when does it open next.

This module does the calendar arithmetic only (weekly hours, breaks, holidays). How a
status reads in Swedish ("Öppet nu, stänger 16.00", "Ring nu: …", the weekly lines of
a printout) is ``core.hours_text``; the JSON shape of a contact and its status is
``export.data`` (``contact_dict``, ``contact_status_dict``).

All arithmetic is done on local Stockholm dates and minutes after midnight, and an
aware datetime is built only at the end. That way a day on which daylight saving time
changes is still "08.30–16.00" on the wall clock, which is what the routines mean.

Holidays come from the ``holidays`` package (Sweden), the one source: the public holidays
plus the de facto holidays (midsommarafton, julafton, nyårsafton). The package is imported
on the first holiday lookup, never at start-up (its ``countries`` package imports every
country, about 0.1–0.2 s); each year is computed once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.routine.model import WEEKDAYS, Contact, OpeningHours, Routine, TimeRange

#: How far ahead ``next_open`` and ``closes_at`` are searched. Two weeks covers every
#: run of holidays in the Swedish calendar (the longest is julafton–annandag jul plus a
#: weekend) with room to spare, and keeps the search bounded for contacts with no hours.
LOOKAHEAD_DAYS = 14

REASON_BREAK_DEFAULT = "uppehåll"
REASON_OUTSIDE = "utanför telefontid"
REASON_WEEKEND = "helg"

# Holiday names that start with a proper noun keep their capital letter
# ("Kristi himmelsfärdsdag", "Marie bebådelsedag"); the others are common nouns
# in Swedish and are written in lower case ("juldagen", "första maj").
_PROPER_FIRST_WORDS = frozenset({"Kristi", "Marie"})


# -- holidays -------------------------------------------------------------------


@lru_cache(maxsize=16)
def _holidays_for_year(year: int) -> dict[dt.date, str]:
    """Public holidays first, then the de facto ones, as {date: name} for one year."""
    import holidays  # lazy: see the module docstring
    from holidays.countries.sweden import Sweden

    # Before holidays 0.88 the de facto holidays sat in PUBLIC and DE_FACTO did not
    # exist; from 0.88 on they have their own category. Ask for whichever exist so
    # midsommarafton, julafton and nyårsafton are closed days on every version.
    wanted = [holidays.PUBLIC]
    de_facto = getattr(holidays, "DE_FACTO", None)
    if de_facto is not None and de_facto in Sweden.supported_categories:
        wanted.append(de_facto)
    result: dict[dt.date, str] = {}
    for category in wanted:
        # include_sundays=False on purpose: older versions count every Sunday as a
        # holiday named "Söndag", which would make "Stängt (söndag)" out of every weekend
        # and hide the real reason ("helg"). Weekends are handled by the weekly hours.
        calendar: Any = Sweden(years=year, categories=(category,), include_sundays=False, language="sv")
        for day, name in sorted(calendar.items()):
            result.setdefault(day, _swedish_name(name))
    return result


def _swedish_name(name: str) -> str:
    # The package may join two names on one day with "; ": keep the first.
    first = name.split(";")[0].strip()
    word = first.split(" ", 1)[0]
    if word in _PROPER_FIRST_WORDS:
        return first
    return first[:1].lower() + first[1:]


def is_holiday(day: dt.date) -> str | None:
    """The Swedish name of the public or de facto holiday on ``day``, or None.

    Sundays are not holidays here (see ``_holidays_for_year``); Easter Sunday,
    Pentecost and the like are, by name.
    """
    return _holidays_for_year(day.year).get(day)


# -- one day's open intervals ---------------------------------------------------


@dataclass(frozen=True)
class _Interval:
    start: int  # minutes after midnight, local time
    end: int  # exclusive; 1440 means midnight at the end of the day
    ends_for: str = ""  # name of the break that ends this interval, "" if the day ends


def _subtract(span: TimeRange, breaks: tuple[TimeRange, ...]) -> list[_Interval]:
    """``span`` with every break cut out, remembering which break ends each piece."""
    pieces = [_Interval(span.start, span.end)]
    for brk in sorted(breaks, key=lambda b: b.start):
        cut: list[_Interval] = []
        for piece in pieces:
            if brk.end <= piece.start or brk.start >= piece.end:
                cut.append(piece)
                continue
            if brk.start > piece.start:
                cut.append(_Interval(piece.start, brk.start, brk.label or REASON_BREAK_DEFAULT))
            if brk.end < piece.end:
                cut.append(_Interval(brk.end, piece.end, piece.ends_for))
        pieces = cut
    return pieces


def _day_intervals(hours: OpeningHours, day: dt.date) -> list[_Interval]:
    # Unknown (None) counts as closed: never tell a caller that a line is open on a
    # holiday when the routine does not say so.
    if hours.closed_on_holidays is not False and is_holiday(day):
        return []
    spans = hours.days.get(WEEKDAYS[day.weekday()], ())
    intervals = [piece for span in spans for piece in _subtract(span, hours.breaks)]
    return sorted(intervals, key=lambda i: i.start)


def _at(day: dt.date, minute: int) -> dt.datetime:
    """An aware Stockholm datetime for a wall-clock minute of a local date.

    Minute 1440 is midnight of the next day. A wall-clock time that does not exist
    (inside the spring-forward gap) is normalised through UTC to the real instant.
    """
    day = day + dt.timedelta(days=minute // 1440)
    minute %= 1440
    naive = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    return naive.replace(tzinfo=STOCKHOLM).astimezone(dt.UTC).astimezone(STOCKHOLM)


def _local(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        return now.replace(tzinfo=STOCKHOLM)
    return now.astimezone(STOCKHOLM)


# -- status -----------------------------------------------------------------------


@dataclass(frozen=True)
class ContactStatus:
    """Whether a contact answers at ``now``, and what to do if it does not.

    ``open_now`` is None when the routine gives no hours. ``closes_at`` is set only
    when open (the start of lunch counts as closing); ``next_open`` only when closed.
    """

    contact: Contact
    now: dt.datetime
    open_now: bool | None
    reason: str = ""
    closes_at: dt.datetime | None = None
    closes_for: str = ""  # "lunch" when closes_at is the start of a break, else ""
    next_open: dt.datetime | None = None
    fallback: Contact | None = None
    fallback_open: bool | None = None
    # Closed because of a holiday the routine gives no hours for: probably, not surely.
    uncertain: bool = False


def _closed_reason(hours: OpeningHours, day: dt.date, minute: int) -> str:
    holiday = is_holiday(day) if hours.closed_on_holidays is not False else None
    if holiday:
        return holiday
    spans = hours.days.get(WEEKDAYS[day.weekday()], ())
    if not spans:
        return REASON_WEEKEND if day.weekday() >= 5 else REASON_OUTSIDE
    for brk in hours.breaks:
        if brk.contains(minute) and any(s.start <= brk.start and brk.end <= s.end for s in spans):
            return brk.label or REASON_BREAK_DEFAULT
    return REASON_OUTSIDE


def _find_open(hours: OpeningHours, day: dt.date, minute: int) -> _Interval | None:
    for interval in _day_intervals(hours, day):
        if interval.start <= minute < interval.end:
            return interval
    return None


def _closing(hours: OpeningHours, day: dt.date, interval: _Interval) -> tuple[dt.datetime | None, str]:
    """When an open interval really ends, following it across midnight (24-hour lines)."""
    for _ in range(LOOKAHEAD_DAYS):
        if interval.end < 1440 or interval.ends_for:
            return _at(day, interval.end), interval.ends_for
        following = _day_intervals(hours, day + dt.timedelta(days=1))
        if not following or following[0].start != 0:
            return _at(day, interval.end), ""
        day, interval = day + dt.timedelta(days=1), following[0]
    return None, ""


def _next_open(hours: OpeningHours, day: dt.date, minute: int) -> dt.datetime | None:
    for offset in range(LOOKAHEAD_DAYS + 1):
        current = day + dt.timedelta(days=offset)
        for interval in _day_intervals(hours, current):
            if offset > 0 or interval.start > minute:
                return _at(current, interval.start)
    return None


def contact_status(contact: Contact, routine: Routine | None, now: dt.datetime) -> ContactStatus:
    """Evaluate ``contact`` at ``now`` (naive times are Stockholm time).

    ``routine`` resolves the fallback contact by id; pass None when there is none.
    """
    local = _local(now)
    fallback = routine.contact(contact.fallback) if routine and contact.fallback else None
    fallback_open = None
    hours = contact.hours
    if hours is None:
        return ContactStatus(contact, local, None, fallback=fallback)
    day, minute = local.date(), local.hour * 60 + local.minute
    interval = _find_open(hours, day, minute)
    if interval is not None:
        closes_at, closes_for = _closing(hours, day, interval)
        return ContactStatus(
            contact, local, True, closes_at=closes_at, closes_for=closes_for, fallback=fallback
        )
    if fallback is not None and fallback.hours is not None:
        # One level only: the fallback's own fallback is not followed.
        fallback_open = _find_open(fallback.hours, day, minute) is not None
    uncertain = (
        hours.closed_on_holidays is None
        and is_holiday(day) is not None
        and bool(hours.days.get(WEEKDAYS[day.weekday()]))
    )
    return ContactStatus(
        contact,
        local,
        False,
        reason=_closed_reason(hours, day, minute),
        next_open=_next_open(hours, day, minute),
        fallback=fallback,
        fallback_open=fallback_open,
        uncertain=uncertain,
    )
