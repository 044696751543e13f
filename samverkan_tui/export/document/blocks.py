"""The layout: a document as one ordered list of typed blocks.

``layout(document)`` is the one place that decides what a printout shows, in which order
and under which heading; every renderer walks the same list and has one function per
block kind. A block kind a renderer does not know is a bug its test finds
(tests/test_document_blocks.py builds a document with every kind and checks every format).

Headings carry two depths: ``level`` is the outline level (2 to 6 under the title; Markdown
``##``, HTML ``h2``, the PDF's tagged H2) and ``rank`` the plain-text style (0 a phase in
capitals, 1 a chapter underlined, 2 and deeper indented).
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan_tui.export.document.model import (
    ContactEntry,
    Document,
    Item,
    QuestionEntry,
)

GENERAL_RULES_TITLE = "Gäller alltid"
CONTACTS_TITLE = "Kontakter och telefontider"
ABOUT_TITLE = "Om rutinen"
UNANSWERED_TITLE = "Obesvarade frågor"
UNANSWERED_NOTE = "Planen kan växa när de besvaras."
CALL_NOW_TITLE = "Ring nu"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # outline level: 2 under the document's title, at most 6
    rank: int = 1  # plain text: 0 a phase, 1 a chapter, 2+ a subheading
    running: str = ""  # a top-level heading's short form for the PDF's running header


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: str = ""  # "subtitle", "condition", "intro", "note", "empty"
    rank: int = 1  # the heading rank it stands under (plain text indents by it)


@dataclass(frozen=True)
class Fields:
    """Blank fields filled in by hand on the printed page (never stored)."""

    labels: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """Label and value, one row each: metadata, the printout's facts."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Remark:
    label: str  # "VARNING", "OBS", "Översyn"
    text: str
    warning: bool = False


@dataclass(frozen=True)
class DoNow:
    """The first open actions, in order: a numbered list."""

    actions: tuple[str, ...]


@dataclass(frozen=True)
class CallNow:
    """Who to call for them right now, with the contact's state at the printout's moment."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Questions:
    entries: tuple[QuestionEntry, ...]
    open: bool = False  # a plan's unanswered questions: the plan may grow when answered


@dataclass(frozen=True)
class Items:
    """Consecutive items under one condition line ("" when none): one list."""

    condition: str
    items: tuple[Item, ...]
    number_width: int = 2  # plain text: the widest label in the document, for one column


@dataclass(frozen=True)
class Contacts:
    entries: tuple[ContactEntry, ...]


@dataclass(frozen=True)
class Bullets:
    entries: tuple[str, ...]


LayoutBlock = (
    Heading | Paragraph | Fields | Table | Remark | DoNow | CallNow | Questions | Items | Contacts | Bullets
)
BLOCK_KINDS: tuple[type, ...] = (
    Heading,
    Paragraph,
    Fields,
    Table,
    Remark,
    DoNow,
    CallNow,
    Questions,
    Items,
    Contacts,
    Bullets,
)

RUNNING_LENGTH = 60  # a running header's chapter title, at most
HEADER_LENGTH = 110  # the document's short title and the chapter's on one line of 8.5 pt


def running_title(text: str, limit: int = RUNNING_LENGTH) -> str:
    """A heading shortened at a word for the running header: ``Skede 2: anmälan …``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + " …"


def _remarks(document: Document) -> list[LayoutBlock]:
    out: list[LayoutBlock] = []
    if document.review_notice:
        out.append(Remark("Översyn", document.review_notice, warning=True))
    out += [Remark(r.label, r.text, r.warning) for r in document.remarks]
    return out


def layout(document: Document) -> tuple[LayoutBlock, ...]:
    """The document's blocks in print order, after its title (which every format sets itself).

    A document without furniture (the journal summary) leaves out the subtitle and the
    blank fields; its headings are all chapters.
    """
    furniture = document.furniture
    out: list[LayoutBlock] = []
    if furniture and document.subtitle:
        out.append(Paragraph(document.subtitle, "subtitle"))
    out += [Paragraph(text, "intro") for text in document.intro]
    if furniture and document.fill_in:
        out.append(Fields(document.fill_in))
    last = document.remarks_last
    rows = (*(() if last else document.meta), *document.facts)
    if rows:
        out.append(Table(rows))
    if document.now_lines or document.now_calls:
        out.append(Heading(document.now_title or "Gör nu", running=document.now_title or "Gör nu"))
        if document.now_lines:
            out.append(DoNow(document.now_lines))
        if document.now_calls:
            out.append(CallNow(document.now_calls))
    if not last:
        out += _remarks(document)
    if document.questions:
        out.append(Heading(document.questions_title, running=document.questions_title))
        out.append(Questions(document.questions))
    if document.unanswered:
        out.append(Heading(UNANSWERED_TITLE, running=UNANSWERED_TITLE))
        if furniture:
            out.append(Paragraph(UNANSWERED_NOTE, "note"))
        out.append(Questions(document.unanswered, open=True))
    out += _sections(document)
    if not document.items and document.empty_text:
        out.append(Paragraph(document.empty_text, "empty"))
    if document.general_rules:
        out += [Heading(GENERAL_RULES_TITLE, running=GENERAL_RULES_TITLE), Bullets(document.general_rules)]
    if document.contacts:
        out += [Heading(CONTACTS_TITLE, running=CONTACTS_TITLE), Contacts(document.contacts)]
    if document.contacts_used:
        title = document.contacts_used_title
        out += [Heading(title, running=title), Bullets(document.contacts_used)]
    if last and (document.meta or document.remarks or document.review_notice):
        out.append(Heading(ABOUT_TITLE, running=ABOUT_TITLE))
        if document.meta:
            out.append(Table(document.meta))
        out += _remarks(document)
    return tuple(out)


def _sections(document: Document) -> list[LayoutBlock]:
    # Headings never skip a level (PDF/UA, HTML): the phases are level 2 where there are
    # any, the source's headings under them; without phases the source's are level 2.
    offset = 2 if any(s.level == 0 for s in document.sections) else 1
    width = max((len(i.label) for i in document.items), default=2)
    running = max(24, min(RUNNING_LENGTH, HEADER_LENGTH - len(document.short_title)))
    out: list[LayoutBlock] = []
    for section in document.sections:
        rank = section.level if document.furniture else 1
        if section.title:
            title = f"{section.number} {section.title}" if section.number else section.title
            out.append(
                Heading(
                    title,
                    level=min(section.level + offset, 6),
                    rank=rank,
                    running=running_title(title, running) if section.level <= 1 else "",
                )
            )
        if section.condition:
            out.append(Paragraph(section.condition, "condition", rank))
        if section.text:
            out.append(Paragraph(section.text, "section", rank))
        for block in section.blocks:
            if block.items:
                out.append(Items(block.condition, block.items, width))
    return out
