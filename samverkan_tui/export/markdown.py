"""Markdown that renders cleanly on common wiki and Git hosting.

One function per block kind of ``document.blocks``; the order is ``layout``'s. Phone
numbers keep non-breaking spaces, so a wiki never wraps one over two lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from samverkan_tui.core.base.phone_numbers import keep_numbers_together
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE, STATUS_MARKS
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


def escape(text: str) -> str:
    """Keep Markdown syntax characters in routine text literal."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return keep_numbers_together(text)


# Task lists know only "[ ]" and "[x]": a step marked "ej aktuell" or "avvikelse" is
# not done, so it is a plain list item with the status's own mark, never "[x]".
_MARKS = {
    None: "[ ] ",
    DONE: "[x] ",
    NOT_APPLICABLE: STATUS_MARKS[NOT_APPLICABLE] + " ",
    DEVIATION: STATUS_MARKS[DEVIATION] + " ",
}
_LEADING_NUMBER = re.compile(r"^(\d+)\.")


def _item_markdown(item: Item) -> list[str]:
    number = escape(item.label)
    if not item.checkable:
        label = f"*{escape(item.kind_label)}:* " if item.kind_label not in ("", "Information") else ""
        lead = "" if number == "•" else f"{number} "  # the list's own bullet is enough: no "- •"
        lines = [f"- {lead}{label}{escape(item.text)}"]
    else:
        role = f"({escape(item.role)}) " if item.role else ""
        lines = [f"- {_MARKS.get(item.status, '[ ] ')}**{number}** {role}{escape(item.text)}"]
    if item.deadline:
        lines.append(f"  - **{escape(item.deadline)}**")
    if item.legal:
        lines.append(f"  - § {escape(item.legal)}")
    if item.status:
        lines.append(f"  - **{escape(status_line(item))}**")
    for warning in item.warnings:
        lines.append(f"  - **Varning:** {escape(warning)}")
    for note in item.notes:
        lines.append(f"  - {escape(note)}")
    for contact in item.contacts:
        lines.append(f"  - Kontakt: {escape(contact)}")
    return lines


def _note_item_markdown(item: Item) -> list[str]:
    """An item of a document without page furniture (the journal summary): the record in
    bold before the text, a task box only on an open action, details as line breaks."""
    box = "[ ] " if item.checkable and not item.status else ""
    lead = f"**{escape(item.record)}:** " if item.record else ""
    line = f"- {box}{lead}{escape(item.text)}"
    for extra in (item.deadline, *item.notes):
        if extra:
            line += f"  \n  {escape(extra)}"
    return [line]


def _heading(block: Heading, furniture: bool) -> list[str]:
    return [f"{'#' * block.level} {escape(block.text)}", ""]


def _paragraph(block: Paragraph, furniture: bool) -> list[str]:
    if block.role == "subtitle":
        return [f"*{escape(block.text)}*", ""]
    if block.role == "condition":
        return [f"**{escape(block.text)}**", ""]
    return [escape(block.text), ""]


def _fields(block: Fields, furniture: bool) -> list[str]:
    blank = "\\_" * 12  # to fill in by hand on the printed page; never stored
    return [*(f"- **{escape(label)}:** {blank}" for label in block.labels), ""]


def _table(block: Table, furniture: bool) -> list[str]:
    return [*(f"- **{escape(label)}:** {escape(value)}" for label, value in block.rows), ""]


def _remark(block: Remark, furniture: bool) -> list[str]:
    label = block.label[0].upper() + block.label[1:].lower()
    return [f"> **{escape(label)}:** {escape(block.text)}", ""]


def _do_now(block: DoNow, furniture: bool) -> list[str]:
    return [*(f"{n}. {escape(action)}" for n, action in enumerate(block.actions, start=1)), ""]


def _call_now(block: CallNow, furniture: bool) -> list[str]:
    # "Ring …" as list items of their own; a line that starts with a number stays text.
    return [*("- " + _LEADING_NUMBER.sub(r"\1\\.", escape(line)) for line in block.lines), ""]


def _questions(block: Questions, furniture: bool) -> list[str]:
    lines: list[str] = []
    for question in block.entries:
        if block.open:
            options = f" ({escape(' / '.join(question.options))})" if question.options else ""
            lines.append(f"- {escape(question.text)}{options}")
        elif question.key:  # `visa ID`: the ids and values `--svar` takes
            lines.append(f"- **{escape(question.key)}:** {escape(question.text)}")
            for value, label in zip(question.values, question.options, strict=True):
                lines.append(f"  - `{value}` = {escape(label)}")
            if question.condition:
                lines.append(f"  - {escape(question.condition)}")
            if question.help:
                lines.append(f"  - *{escape(question.help)}*")
        elif question.answer:
            lines.append(f"- {escape(question.text)} **{escape(question.answer)}**")
        else:
            lines.append(f"- **{escape(question.text)}**")
            if question.options:
                lines.append(f"  - Svar: {escape(' / '.join(question.options))}")
            if question.condition:
                lines.append(f"  - {escape(question.condition)}")
            if question.help:
                lines.append(f"  - *{escape(question.help)}*")
    return [*lines, ""]


def _items(block: Items, furniture: bool) -> list[str]:
    lines = [f"**{escape(block.condition)}**", ""] if block.condition else []
    for item in block.items:
        lines += _item_markdown(item) if furniture else _note_item_markdown(item)
    return [*lines, ""]


def _contacts(block: Contacts, furniture: bool) -> list[str]:
    lines = []
    for contact in block.entries:
        name = contact.name + (f" ({contact.unit})" if contact.unit else "")
        lines.append(f"- **{escape(name)}**")
        if contact.numbers:
            lines.append(f"  - {escape(contact.numbers)}")
        if contact.hours:
            lines.append(f"  - Telefontider: {escape('; '.join(contact.hours))}")
        for extra in (contact.instructions, contact.fallback, contact.status):
            if extra:
                lines.append(f"  - {escape(extra)}")
    return [*lines, ""]


def _bullets(block: Bullets, furniture: bool) -> list[str]:
    return [*(f"- {escape(entry)}" for entry in block.entries), ""]


_RENDER: dict[type, Callable[[object, bool], list[str]]] = {
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


def block_markdown(block: LayoutBlock, furniture: bool = True) -> list[str]:
    return _RENDER[type(block)](block, furniture)


def document_markdown(document: Document) -> str:
    """A printout as Markdown: headings, task lists and plain lists only, so wikis agree.

    A document without page furniture (the journal summary) has no subtitle, numbers or
    footer.
    """
    lines = [f"# {escape(document.title)}", ""]
    for block in layout(document):
        lines += block_markdown(block, document.furniture)
    if document.furniture and document.footer:
        lines += ["---", "", f"*{escape(document.footer)}*", ""]
    return "\n".join(lines)
