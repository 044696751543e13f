"""The routine model: immutable records built by the loader from a TOML file.

Nothing here knows about files, Textual or the CLI. A ``Routine`` is a template;
a walk (``core.walk``) applies answers to it and never changes it.

The records are ``NamedTuple``s rather than frozen dataclasses: the CLI's start-up
is on a budget, and creating a frozen dataclass costs about 1 ms at import, four
times a NamedTuple. Equality is by value, as tuples; do not compare records of
different types.
"""

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple, Protocol, TypeVar

from samverkan_tui.core.routine.conditions import Condition

YES = "ja"
NO = "nej"


class HasId(Protocol):
    """Anything a routine keeps in a tuple and finds by id."""

    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=HasId)

QUESTION_KINDS = ("ja_nej", "val")

# Kinds of item. Actions are ticked (a tick box, the time noted, a signature line on
# paper); a checklist point is gone through and marked as considered; everything else
# is read, not ticked: the routine's information, principles, definitions, quotes
# from the law and the checklist's own questions ("Vem är offret/offren?").
ACTION = "åtgärd"
CHECKPOINT = "kontrollpunkt"
ITEM_KINDS = (ACTION, CHECKPOINT, "information", "princip", "definition", "lagtext", "fråga")
CHECKABLE_KINDS = (ACTION, CHECKPOINT)
ITEM_KIND_LABELS = {
    ACTION: "Åtgärd", CHECKPOINT: "Kontrollpunkt", "information": "Information",
    "princip": "Princip", "definition": "Definition", "lagtext": "Lagtext", "fråga": "Fråga",
}  # fmt: skip
# ASCII spellings accepted in files, for editors and keyboards without å ä ö.
ITEM_KIND_ALIASES = {"atgard": ACTION, "fraga": "fråga"}
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
    # The answer that makes a walk count as acute in the follow-up (`urgent_answer`);
    # "" when this question says nothing about urgency.
    urgent_answer: str = ""

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
    """Telefontider: ranges per weekday (``mon`` … ``sun``) and breaks applying every open day.

    ``closed_on_holidays`` is a fact only when the source states it: ``True`` closed,
    ``False`` open as on the weekday, ``None`` the source does not say (the status then
    says the line is probably closed and points to the fallback, never that it is open).
    """

    days: dict[str, tuple[TimeRange, ...]]
    breaks: tuple[TimeRange, ...] = ()
    closed_on_holidays: bool | None = None


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
    # The routine's own words for when to call the fallback ("Övriga tider: …").
    fallback_text: str = ""
    line: int = 0


class Deadline(NamedTuple):
    """A deadline as the source writes it ("inom en vecka") and as an offset."""

    text: str
    days: int = 0
    months: int = 0


class Moment(NamedTuple):
    """What a deadline counts from: "anmälan kom in", "informationen mottogs", "beslut".

    ``label`` is a clause that reads after "från att" and "samma dag som";
    ``question`` is how the walk asks for it ("När kom anmälan in?").
    """

    id: str
    label: str
    question: str
    line: int = 0


class LegalDeadline(NamedTuple):
    """Where the law overrides the routine's deadline: the law's date is the due date."""

    deadline: Deadline
    moment: str  # Moment id the law counts from
    text: str  # what the law requires, "beslut inom 14 dagar"
    reference: str  # the law in force, or that the paragraph must be checked


class Section(NamedTuple):
    """A heading of the source, in the source's order, with the condition it carries.

    ``parent`` nests a section (a lead-in such as "Anmälan bör innehålla:" heads the
    list it introduces). ``when`` is the section's own condition; an item inside it is
    in the plan only when every enclosing section's condition holds too.

    ``reference`` marks the source's own text that is no instruction (background,
    definitions, law, organisation, fact boxes): printed in the whole routine, which
    replaces the paper copy, but never in a plan, where it would bury the steps.
    Sections under a reference section are reference sections too.
    """

    id: str
    title: str
    phase: str
    parent: str | None = None
    role: str | None = None
    when: Condition | None = None
    when_text: str = ""
    text: str = ""  # a paragraph under the heading, shown before the items
    line: int = 0
    reference: bool = False


class Step(NamedTuple):
    """One item of the routine. The name is historical: not every item is a step to tick.

    ``when`` is the item's full condition (its sections' and its own), which is what
    decides whether it is in the plan; ``own_when`` is only what the item adds, which is
    what printouts say beside it.
    """

    id: str
    text: str
    role: str
    phase: str
    when: Condition | None = None
    section: str = ""  # Section id
    deadline: Deadline | None = None
    contacts: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    line: int = 0
    kind: str = ACTION
    own_when: Condition | None = None
    when_text: str = ""
    deadline_from: str = ""  # Moment id
    legal: LegalDeadline | None = None
    reference: bool = False  # in a reference section: whole routine only, never in a plan

    @property
    def checkable(self) -> bool:
        return self.kind in CHECKABLE_KINDS


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
    sections: tuple[Section, ...] = ()
    moments: tuple[Moment, ...] = ()

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

    def section(self, section_id: str) -> Section | None:
        return _by_id(self.sections, section_id)

    def moment(self, moment_id: str) -> Moment | None:
        return _by_id(self.moments, moment_id)

    # -- follow-up -----------------------------------------------------------
    @property
    def urgent_question(self) -> Question | None:
        """The question the routine declares as "is this acute?" (`urgent_answer`), if any.

        The follow-up counts acute walks by it; a routine that declares none gets no
        acute split. The loader allows one such question per routine.
        """
        for question in self.questions:
            if question.urgent_answer:
                return question
        return None

    def is_urgent(self, answers: Mapping[str, str]) -> bool | None:
        """Whether answers make a walk acute: None when nothing is declared or not answered."""
        question = self.urgent_question
        if question is None or question.id not in answers:
            return None
        return answers[question.id] == question.urgent_answer

    def section_path(self, section_id: str) -> tuple[Section, ...]:
        """The section and its enclosing sections, outermost first."""
        path: list[Section] = []
        section = self.section(section_id)
        while section is not None and section not in path:
            path.insert(0, section)
            section = self.section(section.parent) if section.parent else None
        return tuple(path)

    # -- review -------------------------------------------------------------
    @property
    def last_reviewed(self) -> dt.date | None:
        return self.revised or self.adopted

    @property
    def review_interval_assumed(self) -> bool:
        """True when the routine gives dates but no interval: no due date can be given."""
        return self.review_interval_months is None and self.last_reviewed is not None

    def review_due(self) -> dt.date | None:
        """The date by which the routine should have been read through again.

        Only from an interval the routine states: a routine that gives its dates but no
        interval has no due date (an assumed yearly one would be an invented fact).
        """
        if self.last_reviewed is None or self.review_interval_months is None:
            return None
        from samverkan_tui.core.base.dates import add_months

        return add_months(self.last_reviewed, self.review_interval_months)

    def review_overdue(self, today: dt.date) -> bool:
        """Overdue only against an interval the routine states."""
        due = self.review_due()
        return due is not None and today > due

    def review_status(self, today: dt.date) -> str:
        """One Swedish line for lists and headers: "ÖVERSYN FÖRSENAD sedan 2024-01-24" …"""
        last = self.last_reviewed
        if last is None:
            return "översynsdatum saknas"
        if self.review_interval_assumed:
            word = "reviderad" if self.revised else "fastställd"
            return f"{word} {last.isoformat()}, {_ago(last, today)} — rutinen anger inget intervall"
        due = self.review_due()
        assert due is not None
        if self.review_overdue(today):
            return f"ÖVERSYN FÖRSENAD sedan {due.isoformat()}"
        return f"översyn senast {due.isoformat()}"


def _ago(day: dt.date, today: dt.date) -> str:
    """ "för 3 år sedan", "för 5 månader sedan", "i dag"."""
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months >= 24:
        return f"för {months // 12} år sedan"
    if months >= 12:
        return "för 1 år sedan"
    if months >= 2:
        return f"för {months} månader sedan"
    if months == 1:
        return "för 1 månad sedan"
    days = (today - day).days
    if days <= 0:
        return "i dag"
    return f"för {days} dag{'ar' if days > 1 else ''} sedan"


def _by_id(items: tuple[_Item, ...], item_id: str) -> _Item | None:
    return next((item for item in items if item.id == item_id), None)
