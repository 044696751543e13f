"""Calendar arithmetic and Swedish date and time text: a leaf every layer may use."""

from __future__ import annotations

import calendar
import datetime as dt

WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months forward; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def format_date(day: dt.date) -> str:
    """``måndag 30 november 2026``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_date_short(day: dt.date) -> str:
    """``mån 30/11``: for narrow columns."""
    return f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day}/{day.month}"


def format_time(moment: dt.datetime | dt.time) -> str:
    """Swedish clock time as the sources write it: ``16.00``."""
    return f"{moment.hour:02d}.{moment.minute:02d}"
