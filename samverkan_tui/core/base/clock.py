"""The moment everything is evaluated at: Europe/Stockholm, overridable with ``--now``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import re

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
        raise NowError(f"ogiltig tid {text!r}: skriv ISO-tid, till exempel 2026-11-27T16:40") from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise NowError(f"tiden {text!r} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=STOCKHOLM)
    return moment.astimezone(STOCKHOLM)


def current_time() -> dt.datetime:
    return dt.datetime.now(STOCKHOLM)


_CLOCK = r"(?P<h>\d{1,2})[.:](?P<m>\d{2})"


def parse_local_moment(text: str, now: dt.datetime) -> dt.datetime:
    """A moment typed at the desk, in Stockholm time, relative to ``now``.

    "nu", "10.15" (today), "igår 16.40", "23/11 08.30", "2026-11-23 08.30", or ISO text.
    A moment after ``now`` is refused: what happened cannot be in the future.
    """
    import re

    raw = " ".join(text.strip().lower().split())
    local = now.astimezone(STOCKHOLM)
    moment: dt.datetime | None = None
    if raw in ("", "nu"):
        return local.replace(second=0, microsecond=0)
    match = re.fullmatch(rf"(?:(?P<day>i ?dag|idag|i ?går|igår)\s+)?{_CLOCK}", raw)
    if match:
        day = local.date() - dt.timedelta(days=1 if match["day"] and "g" in match["day"] else 0)
        moment = _at(day, match)
    match = match or re.fullmatch(rf"(?P<d>\d{{1,2}})/(?P<mo>\d{{1,2}})\s+{_CLOCK}", raw)
    if moment is None and match:
        try:
            moment = _at(dt.date(local.year, int(match["mo"]), int(match["d"])), match)
        except ValueError:
            moment = None
        if moment is not None and moment > local:
            moment = moment.replace(year=local.year - 1)
    match = match or re.fullmatch(rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}})[ t]{_CLOCK}", raw)
    if moment is None and match and "date" in match.groupdict():
        try:
            moment = _at(dt.date.fromisoformat(match["date"]), match)
        except ValueError:
            moment = None
    if moment is None:
        try:
            moment = parse_now(text)
        except NowError:
            raise NowError(
                f"förstår inte {text.strip()!r}: skriv till exempel 10.15, igår 16.40, "
                "23/11 08.30 eller 2026-11-23 08.30"
            ) from None
    if moment > local + dt.timedelta(minutes=1):
        raise NowError("tidpunkten ligger i framtiden: ange när det hände")
    return moment


def _at(day: dt.date, match: re.Match[str]) -> dt.datetime | None:
    hour, minute = int(match["h"]), int(match["m"])
    if hour > 23 or minute > 59:
        return None
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)
