"""The routine model: immutable records built by the loader from a TOML file.

Nothing here knows about files, Textual or the CLI. A ``Routine`` is a template;
a walk (``core.walk``) applies answers to it and never changes it.

The records are ``NamedTuple``s rather than frozen dataclasses: the CLI's start-up
is on a budget, and creating a frozen dataclass costs about 1 ms at import, four
times a NamedTuple. Equality is by value, as tuples; do not compare records of
different types.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, TypeVar

from samverkan_tui.core.conditions import Condition

YES = "ja"
NO = "nej"

_Item = TypeVar("_Item")

# The sources' "ska revideras minst en gång/år". Assumed where a routine states when it
# was adopted or revised but not how often it is reviewed, and always said so.
DEFAULT_REVIEW_INTERVAL_MONTHS = 12

QUESTION_KINDS = ("ja_nej", "val")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Option(NamedTuple):
    """One answer to a question. ``phrase`` is how a condition on it reads in plain Swedish."""

    value: str
    label: str
    phrase: str = ""


class Question(NamedTuple):
    id: str
    text: str
    kind: str  # "ja_nej" or "val"
    options: tuple[Option, ...]
    help: str = ""
    when: Condition | None = None
    line: int = 0

    def option(self, value: str) -> Option | None:
        for option in self.options:
            if option.value == value:
                return option
        return None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)


class Role(NamedTuple):
    id: str
    name: str
    description: str = ""


class Phase(NamedTuple):
    id: str
    name: str
    description: str = ""


class TimeRange(NamedTuple):
    """A span within one day, in minutes after midnight (end exclusive)."""

    start: int
    end: int
    label: str = ""

    def contains(self, minute: int) -> bool:
        return self.start <= minute < self.end


class OpeningHours(NamedTuple):
    """Telefontider: ranges per weekday (``mon`` … ``sun``) and breaks applying every open day."""

    days: dict[str, tuple[TimeRange, ...]]
    breaks: tuple[TimeRange, ...] = ()
    closed_on_holidays: bool = True


class Contact(NamedTuple):
    id: str
    name: str
    unit: str = ""
    phones: tuple[str, ...] = ()
    fax: tuple[str, ...] = ()
    instructions: str = ""
    hours: OpeningHours | None = None
    hours_note: str = ""
    fallback: str | None = None
    line: int = 0


class Deadline(NamedTuple):
    """A deadline as the source writes it ("inom en vecka") and as an offset."""

    text: str
    days: int = 0
    months: int = 0


class Step(NamedTuple):
    id: str
    text: str
    role: str
    phase: str
    when: Condition | None = None
    section: str = ""
    deadline: Deadline | None = None
    contacts: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    line: int = 0


class Remark(NamedTuple):
    """A review remark shown prominently (e.g. a law that has changed since adoption)."""

    text: str
    severity: str = "info"  # "info" or "varning"


class ExpectedAnswer(NamedTuple):
    question: str
    answer: str
    reason: str
    line: int = 0


class Exercise(NamedTuple):
    """A fictional training case with the answers a trainee is expected to give."""

    id: str
    title: str
    case: str
    answers: tuple[ExpectedAnswer, ...]
    now: dt.datetime | None = None
    line: int = 0


class Routine(NamedTuple):
    id: str
    title: str
    version: str
    units: tuple[str, ...]
    source: str
    questions: tuple[Question, ...]
    steps: tuple[Step, ...]
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    contacts: tuple[Contact, ...] = ()
    short_title: str = ""
    source_file: str = ""
    responsible: str = ""
    adopted: dt.date | None = None
    revised: dt.date | None = None
    review_interval_months: int | None = None
    review_text: str = ""
    general_rules: tuple[str, ...] = ()
    remarks: tuple[Remark, ...] = ()
    path: str = ""
    content_hash: str = ""
    exercises: tuple[Exercise, ...] = ()

    # -- look-ups -----------------------------------------------------------
    # Routines hold tens of items, so a linear search is cheaper than building indexes.
    def question(self, question_id: str) -> Question | None:
        return _by_id(self.questions, question_id)

    def contact(self, contact_id: str) -> Contact | None:
        return _by_id(self.contacts, contact_id)

    def role(self, role_id: str) -> Role | None:
        return _by_id(self.roles, role_id)

    def phase(self, phase_id: str) -> Phase | None:
        return _by_id(self.phases, phase_id)

    def step(self, step_id: str) -> Step | None:
        return _by_id(self.steps, step_id)

    # -- review -------------------------------------------------------------
    @property
    def last_reviewed(self) -> dt.date | None:
        return self.revised or self.adopted

    @property
    def review_interval_assumed(self) -> bool:
        """True when the routine gives dates but no interval, so the yearly default applies."""
        return self.review_interval_months is None and self.last_reviewed is not None

    def review_due(self) -> dt.date | None:
        """The date by which the routine should have been read through again."""
        if self.last_reviewed is None:
            return None
        from samverkan_tui.core.deadlines import add_months

        interval = self.review_interval_months or DEFAULT_REVIEW_INTERVAL_MONTHS
        return add_months(self.last_reviewed, interval)

    def review_overdue(self, today: dt.date) -> bool:
        due = self.review_due()
        return due is not None and today > due

    def review_status(self, today: dt.date) -> str:
        """One Swedish line for lists and headers: "ÖVERSYN FÖRSENAD sedan 2024-01-24" …"""
        due = self.review_due()
        if due is None:
            return "översynsdatum saknas"
        if self.review_overdue(today):
            text = f"ÖVERSYN FÖRSENAD sedan {due.isoformat()}"
        else:
            text = f"översyn senast {due.isoformat()}"
        if self.review_interval_assumed:
            text += " (årlig översyn antagen; rutinen anger inget intervall)"
        return text


def _by_id(items: tuple[_Item, ...], item_id: str) -> _Item | None:
    return next((item for item in items if item.id == item_id), None)
