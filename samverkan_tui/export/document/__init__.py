"""One printable document model that feeds every export format.

A ``Document`` is built from one of these sources and holds only display-ready Swedish
text; ``blocks.layout`` makes it one ordered list of typed blocks (heading, paragraph,
fields, table, remark, do-now, call-now, questions, items, contacts, bullets), and each
renderer (``export.text``, ``export.markdown``, ``export.html``, ``export.pdf``) has one
function per block kind. No format decides on its own what a printout contains or in
which order.

- ``document_for_routine`` (``routine``): the whole routine, every branch, in the source's
  order: phase, then the source's section headings, each with its condition once in plain
  Swedish ("Om situationen är akut:"); an item that adds a condition of its own is
  introduced by that, unless its text already says it. Actions get a box; information is
  set as text. ``document_for_questions``: the questions alone (`visa ID`).
- ``document_for_plan`` (``plan``): only the path the answers give, in the same order,
  with due dates counted from their moments, opened by what to do now and who to call.
- ``document_for_run`` / ``document_for_session`` (``plan``): a walk from the step log,
  with what was done and when (never who: the log holds no names, and the session id is
  left out on purpose, since a printout is filed with the case).
- ``document_for_summary`` (``summary``): the journal summary of a walk, a short note
  without page furniture; ``document_for_stored_walk``: a logged walk whose routine cannot
  be read now.
- ``document_for_grade`` / ``document_for_tour`` (``training``).

The package is split by job: ``model`` (the dataclasses), ``blocks`` (the layout),
``numbering``, ``common`` (pieces the builders share) and one module per builder. Every
public name stays importable from ``samverkan_tui.export.document``.
"""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.plan import Plan
from samverkan_tui.export.document.common import (
    FILL_IN_FIELDS,
    contact_reference,
    record_text,
    review_notice,
    short_when_text,
    when_text,
)
from samverkan_tui.export.document.model import (
    KIND_EXERCISE,
    KIND_PLAN,
    KIND_QUESTIONS,
    KIND_ROUTINE,
    KIND_RUN,
    KIND_STORED,
    KIND_SUMMARY,
    KIND_TOUR,
    SIGNATURE_LABEL,
    UNCONDITIONAL_HEADING,
    Block,
    ContactEntry,
    Document,
    Item,
    QuestionEntry,
    RecordLike,
    RemarkEntry,
    Section,
    StepRecord,
    status_line,
)
from samverkan_tui.export.document.plan import (
    call_now_lines,
    date_changes,
    do_now_actions,
    do_now_lines,
    document_for_plan,
    document_for_run,
    document_for_session,
)
from samverkan_tui.export.document.routine import (
    condition_heading,
    document_for_questions,
    document_for_routine,
    item_condition,
    section_condition,
)
from samverkan_tui.export.document.summary import (
    LEFT_PLAN_NOTE,
    SUMMARY_TITLE,
    document_for_stored_walk,
    document_for_summary,
)
from samverkan_tui.export.document.training import (
    ALWAYS_TITLE,
    ANSWER_MARKS,
    CLOSED_MARK,
    INCOMPLETE_NOTICE,
    OPEN_MARK,
    PERFECT_PLAN,
    PLAN_MARKS,
    PLAN_TITLE,
    SCORE_LABEL,
    document_for_grade,
    document_for_tour,
    score_text,
    tour_stop_sections,
)

__all__ = [
    "ALWAYS_TITLE",
    "ANSWER_MARKS",
    "CLOSED_MARK",
    "FILL_IN_FIELDS",
    "INCOMPLETE_NOTICE",
    "KIND_EXERCISE",
    "KIND_PLAN",
    "KIND_QUESTIONS",
    "KIND_ROUTINE",
    "KIND_RUN",
    "KIND_STORED",
    "KIND_SUMMARY",
    "KIND_TOUR",
    "LEFT_PLAN_NOTE",
    "OPEN_MARK",
    "PERFECT_PLAN",
    "PLAN_MARKS",
    "PLAN_TITLE",
    "SCORE_LABEL",
    "SIGNATURE_LABEL",
    "SUMMARY_TITLE",
    "UNCONDITIONAL_HEADING",
    "Block",
    "ContactEntry",
    "Document",
    "Item",
    "QuestionEntry",
    "RecordLike",
    "RemarkEntry",
    "Section",
    "StepRecord",
    "build_document",
    "call_now_lines",
    "condition_heading",
    "contact_reference",
    "date_changes",
    "do_now_actions",
    "do_now_lines",
    "document_for_grade",
    "document_for_plan",
    "document_for_questions",
    "document_for_routine",
    "document_for_run",
    "document_for_session",
    "document_for_stored_walk",
    "document_for_summary",
    "document_for_tour",
    "item_condition",
    "record_text",
    "review_notice",
    "score_text",
    "section_condition",
    "short_when_text",
    "status_line",
    "tour_stop_sections",
    "when_text",
]


def build_document(source: Document | Plan | Routine, now: dt.datetime | None = None) -> Document:
    """A document from a routine (whole routine, needs ``now``), a plan, or a document as is."""
    if isinstance(source, Document):
        return source
    if isinstance(source, Plan):
        return document_for_plan(source)
    if isinstance(source, Routine):
        if now is None:
            raise ValueError("a whole-routine printout needs the moment it is printed (now)")
        return document_for_routine(source, now)
    raise TypeError(f"cannot export {type(source).__name__}")
