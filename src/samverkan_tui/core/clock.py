"""The moment everything is evaluated at: Europe/Stockholm, overridable with ``--now``."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


# Dates outside this range are typos, and near year 1 or 9999 date arithmetic overflows.
FIRST_YEAR = 1900
LAST_YEAR = 2100


class NowError(ValueError):
    pass


def parse_now(text: str) -> dt.datetime:
    """ISO date or date-time; naive times are Stockholm time, others are converted to it."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise NowError(
            f"ogiltig tid {text!r}: skriv ISO-tid, till exempel 2026-11-27T16:40"
        ) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise NowError(f"tiden {text!r} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=STOCKHOLM)
    return moment.astimezone(STOCKHOLM)


def current_time() -> dt.datetime:
    return dt.datetime.now(STOCKHOLM)
