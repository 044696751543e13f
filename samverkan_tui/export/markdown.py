"""Markdown that renders cleanly on common wiki and Git hosting."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE, STATUS_MARKS
from samverkan_tui.export.document import status_line
from samverkan_tui.export.text import review_line

if TYPE_CHECKING:
    from samverkan_tui.export.document import Document, Item


def escape(text: str) -> str:
    """Keep Markdown syntax characters in routine text literal."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def header_markdown(routine: Routine, today: dt.date) -> list[str]:
    lines = [f"# {escape(routine.title)}", ""]
    lines.append(f"- **Version:** {escape(routine.version)}")
    lines.append(f"- **Enheter:** {escape(', '.join(routine.units))}")
    lines.append(f"- **Källa:** {escape(routine.source)}")
    if routine.responsible:
        lines.append(f"- **Ansvariga:** {escape(routine.responsible)}")
    if routine.adopted:
        lines.append(f"- **Fastställd:** {routine.adopted.isoformat()}")
    if routine.revised:
        lines.append(f"- **Reviderad:** {routine.revised.isoformat()}")
    lines.append(f"- {escape(review_line(routine, today))}")
    lines.append("")
    for remark in routine.remarks:
        label = "Varning" if remark.severity == "varning" else "Obs"
        lines.append(f"> **{label}:** {escape(remark.text)}")
        lines.append("")
    return lines


def questions_markdown(routine: Routine, today: dt.date) -> str:
    """The questions a walk may ask, for `show ID --format md` without answers."""
    lines = header_markdown(routine, today)
    lines += ["## Frågor", "", "Ange svar med `--svar FRÅGA=SVAR`.", ""]
    for question in routine.questions:
        lines.append(f"- **{escape(question.id)}:** {escape(question.text)}")
        for option in question.options:
            lines.append(f"  - `{option.value}` = {escape(option.label)}")
        if question.help:
            lines.append(f"  - *{escape(question.help)}*")
    lines.append("")
    return "\n".join(lines)


# -- printouts from the document model (`samverkan export --format md`) -----------------

# Task lists know only "[ ]" and "[x]": a step marked "ej aktuell" or "avvikelse" is
# not done, so it is a plain list item with the status's own mark, never "[x]".
_MARKS = {
    None: "[ ] ",
    DONE: "[x] ",
    NOT_APPLICABLE: STATUS_MARKS[NOT_APPLICABLE] + " ",
    DEVIATION: STATUS_MARKS[DEVIATION] + " ",
}


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


def document_markdown(document: Document) -> str:
    """A printout as Markdown: headings, task lists and plain lists only, so wikis agree.

    A document without page furniture (the journal summary) has no subtitle, numbers or
    footer.
    """
    furniture = document.furniture
    lines = [f"# {escape(document.title)}", ""]
    if furniture:
        lines += [f"*{escape(document.subtitle)}*", ""]
    if document.fill_in:  # to fill in by hand on the printed page; never stored
        blank = "\\_" * 12
        lines += [f"- **{escape(label)}:** {blank}" for label in document.fill_in]
        lines.append("")
    meta = () if document.remarks_last else document.meta
    for label, value in (*meta, *document.facts):
        lines.append(f"- **{escape(label)}:** {escape(value)}")
    lines.append("")
    if document.now_lines:
        lines += [f"## {escape(document.now_title)}", ""]
        # "1. Gör …" stays text: a list item that starts with "1." would become a nested list.
        lines += ["- " + _LEADING_NUMBER.sub(r"\1\\.", escape(line)) for line in document.now_lines]
        lines.append("")
    if not document.remarks_last:
        lines += _remarks_markdown(document)
    if document.questions:
        lines += [f"## {escape(document.questions_title)}", ""]
        for question in document.questions:
            if question.answer:
                lines.append(f"- {escape(question.text)} **{escape(question.answer)}**")
                continue
            lines.append(f"- **{escape(question.text)}**")
            lines.append(f"  - Svar: {escape(' / '.join(question.options))}")
            if question.condition:
                lines.append(f"  - {escape(question.condition)}")
            if question.help:
                lines.append(f"  - *{escape(question.help)}*")
        lines.append("")
    if document.unanswered:
        lines += ["## Obesvarade frågor", ""]
        if furniture:
            lines += ["Planen kan växa när de besvaras.", ""]
        for question in document.unanswered:
            options = f" ({escape(' / '.join(question.options))})" if question.options else ""
            lines.append(f"- {escape(question.text)}{options}")
        lines.append("")
    offset = 2 if any(s.level == 0 for s in document.sections) else 1
    for section in document.sections:
        if section.title:
            title = f"{section.number} {section.title}" if section.number else section.title
            lines += [f"{'#' * min(section.level + offset, 6)} {escape(title)}", ""]
        if section.condition:
            lines += [f"**{escape(section.condition)}**", ""]
        if section.text:
            lines += [escape(section.text), ""]
        for block in section.blocks:
            if block.condition:
                lines += [f"**{escape(block.condition)}**", ""]
            for item in block.items:
                lines += _item_markdown(item) if furniture else _note_item_markdown(item)
            lines.append("")
    if not document.items and document.empty_text:
        lines += [escape(document.empty_text), ""]
    if document.general_rules:
        lines += ["## Gäller alltid", ""]
        lines += [f"- {escape(rule)}" for rule in document.general_rules]
        lines.append("")
    if document.contacts:
        lines += ["## Kontakter och telefontider", ""]
        for contact in document.contacts:
            name = contact.name + (f" ({contact.unit})" if contact.unit else "")
            lines.append(f"- **{escape(name)}**")
            if contact.numbers:
                lines.append(f"  - {escape(contact.numbers)}")
            if contact.hours:
                lines.append(f"  - Telefontider: {escape('; '.join(contact.hours))}")
            if contact.instructions:
                lines.append(f"  - {escape(contact.instructions)}")
            if contact.fallback:
                lines.append(f"  - {escape(contact.fallback)}")
        lines.append("")
    if document.contacts_used:
        lines += ["## Kontakter som användes", ""]
        lines += [f"- {escape(used)}" for used in document.contacts_used]
        lines.append("")
    if document.remarks_last:
        lines += ["## Om rutinen", ""]
        lines += [f"- **{escape(label)}:** {escape(value)}" for label, value in document.meta]
        lines.append("")
        lines += _remarks_markdown(document)
    if furniture:
        lines += ["---", "", f"*{escape(document.footer)}*", ""]
    return "\n".join(lines)


_LEADING_NUMBER = re.compile(r"^(\d+)\.")


def _remarks_markdown(document: Document) -> list[str]:
    lines: list[str] = []
    if document.review_notice:
        lines += [f"> **Översyn:** {escape(document.review_notice)}", ""]
    for remark in document.remarks:
        label = "Varning" if remark.warning else "Obs"
        lines += [f"> **{label}:** {escape(remark.text)}", ""]
    return lines
