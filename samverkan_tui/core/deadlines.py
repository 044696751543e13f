"""Deadlines as the routines write them ("samma dag", "inom en vecka") turned into dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from samverkan_tui.core.model import Deadline

if TYPE_CHECKING:
    from samverkan_tui.core.model import Routine, Step
    from samverkan_tui.core.walk import PlannedStep

WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

_NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "tjugo": 20, "trettio": 30,
}  # fmt: skip
_UNITS = {
    "dag": ("days", 1), "dagar": ("days", 1), "dygn": ("days", 1),
    "vecka": ("days", 7), "veckor": ("days", 7),
    "månad": ("months", 1), "månader": ("months", 1),
}  # fmt: skip
_PATTERN = re.compile(r"^inom\s+(?P<number>\d+|[a-zåäö]+)\s+(?P<unit>[a-zåäö]+)$")

DEADLINE_HELP = (
    'skriv "samma dag", "nästa dag" eller "inom N dagar/veckor/månader", '
    'till exempel "inom en vecka" eller "inom 14 dagar"'
)


# A deadline longer than this is a typo (and far enough beyond it, no date at all):
# no routine counts further than a few months.
MAX_DEADLINE_DAYS = 5 * 366
MAX_DEADLINE_MONTHS = 5 * 12


class DeadlineError(ValueError):
    pass


def parse_deadline(text: str) -> Deadline:
    """Read a Swedish deadline phrase; raises ``DeadlineError`` with a hint."""
    normalized = " ".join(text.strip().lower().split())
    if normalized == "samma dag":
        return Deadline(text=text, days=0)
    if normalized in ("nästa dag", "nästkommande dag"):
        return Deadline(text=text, days=1)
    match = _PATTERN.match(normalized)
    if match:
        raw_number, unit = match.group("number"), match.group("unit")
        number = int(raw_number) if raw_number.isdigit() else _NUMBER_WORDS.get(raw_number)
        if number is not None and unit in _UNITS:
            kind, factor = _UNITS[unit]
            if number * factor > (MAX_DEADLINE_DAYS if kind == "days" else MAX_DEADLINE_MONTHS):
                raise DeadlineError(
                    f"tidsfristen {text!r} är längre än fem år: "
                    'kontrollera talet, till exempel "inom 3 månader"'
                )
            if kind == "days":
                return Deadline(text=text, days=number * factor)
            return Deadline(text=text, months=number)
    raise DeadlineError(f"okänd tidsfrist {text!r}: {DEADLINE_HELP}")


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months forward; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def due_date(deadline: Deadline, start: dt.date) -> dt.date:
    """The last day the step may be done on, counted from ``start``."""
    return add_months(start, deadline.months) + dt.timedelta(days=deadline.days)


def format_date(day: dt.date) -> str:
    """``måndag 30 november 2026``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_date_short(day: dt.date) -> str:
    """``mån 30/11``: for narrow columns."""
    return f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day}/{day.month}"


def format_time(moment: dt.datetime | dt.time) -> str:
    """Swedish clock time as the sources write it: ``16.00``."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


# -- how a deadline reads, in the app, `show` and every printout -------------------------


def deadline_phrase(deadline: Deadline, moment_label: str | None) -> str:
    """ "inom 14 dagar från att anmälan kom in", "samma dag som informationen mottogs"."""
    if not moment_label:
        return deadline.text
    if deadline.days == 0 and deadline.months == 0:
        return f"{deadline.text} som {moment_label}"
    if deadline.days == 1 and deadline.months == 0 and not deadline.text.startswith("inom"):
        return f"dagen efter att {moment_label}"
    return f"{deadline.text} från att {moment_label}"


def due_line(planned: PlannedStep) -> str:
    """The due date of a planned item as one line; "" when it has none.

    Where the law overrides the routine, the law's date is the only date shown, with the
    routine's wording beside it: a date the law forbids is never printed as due.
    """
    step = planned.step
    legal = step.legal
    if legal is not None and planned.legal_due is not None:
        label = planned.legal_from.label if planned.legal_from else None
        text = (
            f"Lagen: {legal.text} – senast {format_date(planned.legal_due)} "
            f"({deadline_phrase(legal.deadline, label)})"
        )
        if step.deadline is not None:
            text += f"; rutinen anger {step.deadline.text}"
        return text
    if planned.due is None or step.deadline is None:
        return ""
    label = planned.due_from.label if planned.due_from else None
    return f"Senast {format_date(planned.due)} ({deadline_phrase(step.deadline, label)})"


def routine_deadline_line(routine: Routine, step: Step, legal: bool = False) -> str:
    """A deadline as a whole-routine printout states it, without a date.

    ``legal=False``: "Tidsfrist: inom en vecka från att …" (empty where the law overrides);
    ``legal=True``: "Lagen: beslut inom 14 dagar från att …; rutinen anger tre veckor (…)".
    """
    if legal:
        if step.legal is None:
            return ""
        moment = routine.moment(step.legal.moment)
        phrase = deadline_phrase(step.legal.deadline, moment.label if moment else None)
        text = f"Lagen: {step.legal.text} ({phrase})"
        if step.deadline is not None:
            text += f"; rutinen anger {step.deadline.text}"
        return f"{text}. {step.legal.reference}"
    if step.deadline is None or step.legal is not None:
        return ""
    moment = routine.moment(step.deadline_from) if step.deadline_from else None
    return f"Tidsfrist: {deadline_phrase(step.deadline, moment.label if moment else None)}"
