"""Plain text, 80 columns: what `samverkan visa` prints and what fits any terminal or e-mail.

One function per block kind of ``document.blocks``; the order is ``layout``'s."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE
from samverkan_tui.export.document.blocks import (
    Bullets,
    CallNow,
    Contacts,
    DoNow,
    Fields,
    Heading,
    Items,
    LayoutBlock,
    Paragraph,
    Questions,
    Remark,
    Table,
    layout,
)
from samverkan_tui.export.document.model import status_line

if TYPE_CHECKING:
    from samverkan_tui.export.document import Document, Item

WIDTH = 80


def _wrap(text: str, indent: str, first: str | None = None, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [first or indent]


# -- printouts from the document model (`samverkan export --format text`) ---------------

TEXT_BOXES = {None: "[ ]", DONE: "[x]", NOT_APPLICABLE: "[-]", DEVIATION: "[!]"}
SIGNATURE_LINE = "Datum: " + "_" * 14 + "  Sign.: " + "_" * 24
FILL_IN_LINE = "_" * 40


def _wrap_kept(text: str, indent: str, first: str | None = None, width: int | None = WIDTH) -> list[str]:
    """``_wrap`` that never splits a phone number over two lines; ``width=None``: one line."""
    from samverkan_tui.core.base.phone_numbers import KEEP_TOGETHER_SPACE, keep_numbers_together

    if width is None:  # one line per entry: the screen or the journal system wraps it
        return [(first if first is not None else indent) + text]
    lines = _wrap(keep_numbers_together(text), indent, first, width)
    return [line.replace(KEEP_TOGETHER_SPACE, " ") for line in lines]


def _item_lines(
    item: Item, number_width: int, signatures: bool = True, width: int | None = WIDTH
) -> list[str]:
    # Numbers right-aligned, so that item texts start in one column from 1 to 80.
    number = item.label
    if item.checkable:
        lead = f"  {TEXT_BOXES.get(item.status, '[ ]')} {number:>{number_width}} "
        text = f"({item.role}) {item.text}" if item.role else item.text
    else:
        lead = f"      {number:>{number_width}} "
        text = f"{item.kind_label}: {item.text}" if item.kind_label not in ("", "Information") else item.text
    indent = " " * len(lead)
    lines = _wrap_kept(text, indent, lead, width)
    if item.deadline:
        lines += _wrap_kept(item.deadline, indent, width=width)
    if item.legal:
        lines += _wrap_kept(item.legal, indent + "  ", indent + "§ ", width)
    if item.status:
        lines += _wrap_kept(status_line(item), indent + "  ", indent, width)
    for warning in item.warnings:
        lines += _wrap_kept(f"VARNING: {warning}", indent + "  ", indent + "! ", width)
    for note in item.notes:
        lines += _wrap_kept(note, indent + "  ", indent + "– ", width)
    for contact in item.contacts:
        lines += _wrap_kept(f"Kontakt: {contact}", indent + "  ", indent, width)
    if item.checkable and signatures:
        lines.append(indent + SIGNATURE_LINE)
    return lines


def _note_item_lines(item: Item, width: int | None) -> list[str]:
    """An item of a document without page furniture (the journal summary): a bullet, the
    record ("mån 23/11 kl. 10.05") before the text, then its due date and notes."""
    text = f"{item.record}: {item.text}" if item.record else item.text
    lines = _wrap_kept(text, "    ", "  • ", width)
    for extra in (item.deadline, *item.notes):
        if extra:
            lines += _wrap_kept(extra, "    ", "    ", width)
    return lines


class _Page:
    """What every block's lines depend on besides the block: the column width and the
    document's variant (furniture, signature fields)."""

    def __init__(self, document: Document, width: int | None) -> None:
        self.width = width
        self.rule = WIDTH if width is None else width
        self.furniture = document.furniture
        self.signatures = document.signatures

    def wrap(self, text: str, indent: str, first: str | None = None) -> list[str]:
        return _wrap_kept(text, indent, first, self.width)


def _heading(block: Heading, page: _Page) -> list[str]:
    if not page.furniture:  # a note to paste: headings are plain lines
        return ["", *page.wrap(block.text, "", "")]
    if block.rank == 0:
        title = block.text.upper()
        return ["", *page.wrap(title, "", ""), "=" * min(page.rule, len(title))]
    if block.rank == 1:
        lines = page.wrap(block.text, "", "")
        return ["", *lines, "-" * min(page.rule, max(len(x) for x in lines))]
    return ["", *page.wrap(block.text, "    ", "  ")]


def _paragraph(block: Paragraph, page: _Page) -> list[str]:
    if block.role == "subtitle":
        return page.wrap(block.text, "", "")
    if block.role in ("intro", "empty"):
        return ["", *page.wrap(block.text, "", "")]
    if block.role == "note":
        return page.wrap(block.text, "  ", "  ")
    indent = "    " if block.rank >= 2 else "  "
    return page.wrap(block.text, indent + "  ", indent)


def _fields(block: Fields, page: _Page) -> list[str]:
    lines = [""]
    for label in block.labels:  # filled in by hand on the printed page; never stored
        lines += [f"{label}:", "  " + FILL_IN_LINE]
    return lines


def _table(block: Table, page: _Page) -> list[str]:
    lines = [""]
    for label, value in block.rows:
        lines += page.wrap(value, " " * (len(label) + 2), f"{label}: ")
    return lines


def _remark(block: Remark, page: _Page) -> list[str]:
    return ["", *page.wrap(f"{block.label.upper()}: {block.text}", "   ", "!! ")]


def _do_now(block: DoNow, page: _Page) -> list[str]:
    lines: list[str] = []
    for number, action in enumerate(block.actions, start=1):
        lines += page.wrap(f"{number}. {action}", "     ", "  ")
    return lines


def _call_now(block: CallNow, page: _Page) -> list[str]:
    lines: list[str] = []
    for line in block.lines:
        lines += page.wrap(line, "     ", "  ☎ ")
    return lines


def _questions(block: Questions, page: _Page) -> list[str]:
    lines: list[str] = []
    for question in block.entries:
        if block.open:
            options = f" ({' / '.join(question.options)})" if question.options else ""
            lines += page.wrap(f"{question.text}{options}", "    ", "  ? ")
        elif question.key:  # `visa ID`: the ids and values `--svar` takes
            lines.append("")
            lines += page.wrap(f"{question.key}: {question.text}", "    ", "  ")
            for value, label in zip(question.values, question.options, strict=True):
                lines += page.wrap(f"{value} = {label}", "        ", "      ")
            for extra in (question.condition, question.help):
                if extra:
                    lines += page.wrap(extra, "      ", "      ")
        elif question.answer:
            lines += page.wrap(f"{question.text} {question.answer}", "    ", "  • ")
        else:
            lines += page.wrap(question.text, "    ", "  • ")
            if question.options:
                lines += page.wrap("Svar: " + " / ".join(question.options), "      ", "    ")
            for extra in (question.condition, question.help):
                if extra:
                    lines += page.wrap(extra, "      ", "    ")
    return lines


def _items(block: Items, page: _Page) -> list[str]:
    lines: list[str] = []
    if block.condition:
        lines += ["", *page.wrap(block.condition, "    ", "  ")]
    for item in block.items:
        if page.furniture:
            lines += _item_lines(item, block.number_width, page.signatures, page.width)
        else:
            lines += _note_item_lines(item, page.width)
    return lines


def _contacts(block: Contacts, page: _Page) -> list[str]:
    lines: list[str] = []
    for contact in block.entries:
        lines.append("")
        name = contact.name + (f" ({contact.unit})" if contact.unit else "")
        lines += page.wrap(name, "    ", "  ")
        if contact.numbers:
            lines += page.wrap(contact.numbers, "      ", "    ")
        if len(contact.hours) == 1:
            lines += page.wrap("Telefontider: " + contact.hours[0], "      ", "    ")
        elif contact.hours:
            lines.append("    Telefontider:")
            for hours in contact.hours:
                lines += page.wrap(hours, "        ", "      ")
        for extra in (contact.instructions, contact.fallback, contact.status):
            if extra:
                lines += page.wrap(extra, "      ", "    ")
    return lines


def _bullets(block: Bullets, page: _Page) -> list[str]:
    lines: list[str] = []
    for entry in block.entries:
        lines += page.wrap(entry, "    ", "  • ")
    return lines


_RENDER: dict[type, Callable[[object, _Page], list[str]]] = {
    Heading: _heading,  # type: ignore[dict-item]
    Paragraph: _paragraph,  # type: ignore[dict-item]
    Fields: _fields,  # type: ignore[dict-item]
    Table: _table,  # type: ignore[dict-item]
    Remark: _remark,  # type: ignore[dict-item]
    DoNow: _do_now,  # type: ignore[dict-item]
    CallNow: _call_now,  # type: ignore[dict-item]
    Questions: _questions,  # type: ignore[dict-item]
    Items: _items,  # type: ignore[dict-item]
    Contacts: _contacts,  # type: ignore[dict-item]
    Bullets: _bullets,  # type: ignore[dict-item]
}


def block_text(block: LayoutBlock, page: _Page) -> list[str]:
    return _RENDER[type(block)](block, page)


def document_text(document: Document, width: int | None = WIDTH) -> str:
    """A printout in plain text, every line at most ``width`` columns (80).

    ``width=None`` gives one line per entry, for a screen or a journal system that wraps
    the text itself. A document without page furniture (``Document.furniture`` False: the
    journal summary) has no rules under headings, no subtitle, numbers, boxes, signature
    lines or footer: a short note to paste into the case record.
    """
    page = _Page(document, width)
    lines = page.wrap(document.title, "", "")
    if document.furniture:
        lines.append("=" * min(page.rule, max(len(x) for x in lines)))
    for block in layout(document):
        lines += block_text(block, page)
    if document.furniture and document.footer:
        lines += ["", *page.wrap(document.footer, "", "")]
    return "\n".join(lines) + "\n"
