"""The document model: display-ready Swedish text for one printout, whatever its format.

The builders (``routine``, ``plan``, ``summary``, ``training``) fill a ``Document``; the
layout (``blocks.layout``) turns it into one ordered list of typed blocks, the one place
that decides what a printout shows and in which order; the renderers (``text``,
``markdown``, ``html``, ``pdf``) have one function per block kind and decide only how.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from samverkan_tui.core.walk.status import STATUS_MARKS

KIND_ROUTINE = "rutin"
KIND_PLAN = "plan"
KIND_RUN = "genomgång"
KIND_SUMMARY = "sammanfattning"
KIND_EXERCISE = "övning"
KIND_TOUR = "rundtur"
KIND_QUESTIONS = "frågor"  # `visa ID` without answers: the questions a walk may ask
KIND_STORED = "sparad genomgång"  # a logged walk whose routine cannot be read now

UNCONDITIONAL_HEADING = "Oavsett svar:"
SIGNATURE_LABEL = "Datum/signatur:"


@dataclass(frozen=True)
class StepRecord:
    """What happened to one step in a walk: a status code (core.status.STATUSES) and when.

    ``category`` is a deviation category code (core.status.DEVIATION_CATEGORIES);
    ``comment`` is an already scrubbed deviation comment, if any.
    """

    status: str
    at: dt.datetime
    category: str | None = None
    comment: str | None = None


class RecordLike(Protocol):
    """``StepRecord`` or anything shaped like it (core.session.StepState is)."""

    @property
    def status(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def category(self) -> str | None: ...


@dataclass(frozen=True)
class Item:
    """One step as printed: a box to tick, the text, and what belongs with it."""

    number: int
    step_id: str
    text: str
    deadline: str = ""  # "Tidsfrist: inom en vecka" or "Senast måndag 30 november 2026 (inom en vecka)"
    overdue: bool = False
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # "RVT:s beredskap, tel 08-508 03 310"
    status: str | None = None  # a run's status code, None when open
    record: str = ""  # "Klar fredag 27 november 2026 kl. 16.40"
    checkable: bool = True  # actions get a box; information, principles … are set as text
    kind_label: str = ""  # "Information", "Princip" … for items that are not actions
    role: str = ""  # the role's name: a label, never a sort key
    legal: str = ""  # "Lagen: beslut inom 14 dagar – senast …; rutinen anger tre veckor"
    reference: str = ""  # "RVT 2.3": the same in the app, the plan and the binder (item_references)
    due: dt.date | None = None  # the date that binds (the law's where it overrides); plans and runs
    mark: str = ""  # stands in the number's place: an answer's "✓" or "✗" in a graded exercise
    # Where the law's date binds, what the law requires ("Beslut … inom 14 dagar"): the
    # calendar event's title, so the event on the law's date never reads "Inom tre veckor …".
    legal_title: str = ""

    @property
    def label(self) -> str:
        """What every format prints before the text: the mark, the reference's number
        ("2.3"), an action's number ("4."), or a bullet for unnumbered information."""
        if self.mark:
            return self.mark
        if self.reference:
            return self.reference.split(" ", 1)[-1]
        return f"{self.number}." if self.checkable else "•"


@dataclass(frozen=True)
class Block:
    """Consecutive steps under one condition heading ("" when the printout needs none)."""

    condition: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    title: str  # the source's heading, or a phase's name (level 0)
    blocks: tuple[Block, ...]
    level: int = 1  # 0 a phase, 1 the source's heading, 2 a list under it …
    condition: str = ""  # the section's condition, once: "Om situationen är akut:"
    text: str = ""  # a paragraph under the heading
    number: str = ""  # "2" before a top-level heading whose title has no number of its own

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)


@dataclass(frozen=True)
class QuestionEntry:
    text: str
    answer: str = ""  # the chosen option's label (plans and runs)
    options: tuple[str, ...] = ()  # option labels (whole routine, unanswered questions)
    condition: str = ""  # "Ställs bara om …"
    help: str = ""
    key: str = ""  # the question's id where the reader types answers (`--svar akut=ja`)
    values: tuple[str, ...] = ()  # the options' values, beside ``options`` (same order)


@dataclass(frozen=True)
class ContactEntry:
    name: str
    unit: str = ""
    phones: tuple[str, ...] = ()
    fax: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()  # telefontider, from core.hours_text.weekly_hours_lines
    instructions: str = ""
    fallback: str = ""  # "När det är stängt: Socialjouren, tel 778 48 60"
    status: str = ""  # plans and runs: "Just nu: Stängt (lunch), öppnar 13.00 — …"

    @property
    def numbers(self) -> str:
        parts = []
        if self.phones:
            parts.append("tel " + " / ".join(self.phones))
        if self.fax:
            parts.append("fax " + " / ".join(self.fax))
        return ", ".join(parts)


@dataclass(frozen=True)
class RemarkEntry:
    label: str  # "VARNING" or "OBS"
    text: str
    warning: bool = False


@dataclass(frozen=True)
class Document:
    """What one printout says. Which of it shows, in which order and under which heading
    is ``blocks.layout``'s decision, once for every format."""

    kind: str  # KIND_ROUTINE, KIND_PLAN, KIND_RUN …
    title: str
    short_title: str = ""
    subtitle: str = ""
    routine_id: str = ""
    version: str = ""
    meta: tuple[tuple[str, str], ...] = ()  # the routine's metadata, label and value
    facts: tuple[tuple[str, str], ...] = ()  # this printout: when, answers' state, the walk's times
    remarks: tuple[RemarkEntry, ...] = ()
    footer: str = ""  # id, version, revised, review due: one line for every page
    questions_title: str = ""
    questions: tuple[QuestionEntry, ...] = ()
    unanswered: tuple[QuestionEntry, ...] = ()
    sections: tuple[Section, ...] = ()
    general_rules: tuple[str, ...] = ()
    contacts: tuple[ContactEntry, ...] = ()
    contacts_used: tuple[str, ...] = ()  # runs: "fredag 27 november 2026 kl. 16.40: RVT:s beredskap"
    contacts_used_title: str = "Kontakter som användes"
    empty_text: str = ""  # shown instead of the sections when there are no steps
    moment: dt.datetime | None = None  # when the printout was made (PDF creation date)
    # Plans and runs open with what to do now: the first open actions and who to call.
    now_title: str = ""
    now_lines: tuple[str, ...] = ()  # the actions, in order, without numbers
    now_calls: tuple[str, ...] = ()  # who to call for them right now ("Ring … Just nu: …")
    remarks_last: bool = False  # plans: remarks for the routine's owners go to the end
    # The binder copy leaves the "Datum"/"Sign." fields out (`--utan-signatur`).
    signatures: bool = True
    # Plans and runs: blank fields the case worker fills in by hand on page 1 (never stored).
    fill_in: tuple[str, ...] = ()
    # The routine's review overdue or not stated: said in a box on page 1, not only the footer.
    review_notice: str = ""
    reference_prefix: str = ""  # "RVT": what the items' references start with
    # False for a note to paste into the case record (the journal summary): no subtitle,
    # rules, numbers, boxes, signature lines or footer. Items then carry their time in
    # ``record`` ("mån 23/11 kl. 10.05") and their details in ``notes``.
    furniture: bool = True
    # The calendar (export/ics.py): ``calendar_key`` makes the events' UIDs this walk's own
    # (a walk's id, or a random key drawn once per plan document), so two cases never share
    # an event; ``calendar_sequence`` grows with every change that can move a due date, so a
    # re-import updates the events in place.
    calendar_key: str = ""
    calendar_sequence: int = 0
    # Paragraphs under the title (a stored walk: why only the log's data is shown).
    intro: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def blocks(self) -> tuple[object, ...]:
        """The document as printed: ``blocks.layout``'s ordered list of typed blocks."""
        from samverkan_tui.export.document.blocks import layout

        return layout(self)


def status_line(item: Item) -> str:
    """``✓ Klar fredag 27 november 2026 kl. 16.40``; ``! Avvikelse …: kategori. Kommentar: …``."""
    if not item.status:
        return ""
    mark = STATUS_MARKS.get(item.status, "")
    return f"{mark} {item.record}".strip() if item.record else mark
