"""Deadlines as the routines write them ("samma dag", "inom en vecka"): parsed, counted, phrased."""

from __future__ import annotations

import datetime as dt
import re

from samverkan_tui.core.base.dates import add_months
from samverkan_tui.core.routine.model import Deadline, Routine, Step

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


def due_date(deadline: Deadline, start: dt.date) -> dt.date:
    """The last day the step may be done on, counted from ``start``."""
    return add_months(start, deadline.months) + dt.timedelta(days=deadline.days)


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
