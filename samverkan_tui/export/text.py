"""Plain text, 80 columns: what `samverkan show` prints and what fits any terminal or e-mail."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from samverkan_tui.core.routine.model import Contact, Routine
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE

if TYPE_CHECKING:  # the document model is only needed by the printouts, not by `show`
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


def review_line(routine: Routine, today: dt.date) -> str:
    """ "Översyn: ÖVERSYN FÖRSENAD sedan 2024-01-24 (…)" and the source's own words on review."""
    line = f"Översyn: {routine.review_status(today)}"
    if routine.review_text:
        line += f". {routine.review_text}"
    return line


def header_lines(routine: Routine, today: dt.date) -> list[str]:
    lines = _wrap(routine.title, "", "")
    lines.append("=" * min(WIDTH, max(len(x) for x in lines)))
    lines.append(f"Version {routine.version} · {', '.join(routine.units)}")
    lines += _wrap(f"Källa: {routine.source}", "  ", "")
    if routine.responsible:
        lines += _wrap(f"Ansvariga: {routine.responsible}", "  ", "")
    dates = []
    if routine.adopted:
        dates.append(f"fastställd {routine.adopted.isoformat()}")
    if routine.revised:
        dates.append(f"reviderad {routine.revised.isoformat()}")
    if dates:
        lines.append("Datum: " + ", ".join(dates))
    lines += _wrap(review_line(routine, today), "  ", "")
    for remark in routine.remarks:
        label = "VARNING" if remark.severity == "varning" else "OBS"
        lines += _wrap(f"{label}: {remark.text}", "   ", "!! ")
    return lines


def contact_line(contact: Contact) -> str:
    parts = [contact.name]
    if contact.phones:
        parts.append("tel " + " / ".join(contact.phones))
    if contact.fax:
        parts.append("fax " + " / ".join(contact.fax))
    return ", ".join(parts)


def contact_status_line(contact: Contact, routine: Routine | None, now: dt.datetime) -> str:
    """ "Öppet nu, stänger 16.00" or "Stängt (lunch), öppnar 13.00 — ring …", at ``now``."""
    from samverkan_tui.core.walk.hours import contact_status  # holidays is imported only when needed

    return status_summary(contact_status(contact, routine, now))


def questions_text(routine: Routine, today: dt.date) -> str:
    """The questions a walk may ask, for `show ID` without answers."""
    lines = header_lines(routine, today)
    lines.append("")
    lines.append("Frågor (ange svar med --svar FRÅGA=SVAR)")
    for question in routine.questions:
        lines.append("")
        lines += _wrap(f"{question.id}: {question.text}", "    ", "  ")
        for option in question.options:
            lines += _wrap(f"{option.value} = {option.label}", "        ", "      ")
        if question.help:
            lines += _wrap(question.help, "      ", "      ")
    return "\n".join(lines) + "\n"


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
        from samverkan_tui.export.document import status_line

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


def _heading(title: str, level: int, furniture: bool = True, width: int | None = WIDTH) -> list[str]:
    if not title:
        return []
    if not furniture:  # a note to paste: headings are plain lines
        return ["", *_wrap_kept(title, "", "", width)]
    rule = WIDTH if width is None else width
    if level == 0:
        title = title.upper()
        return ["", *_wrap_kept(title, "", "", width), "=" * min(rule, len(title))]
    if level == 1:
        lines = _wrap_kept(title, "", "", width)
        return ["", *lines, "-" * min(rule, max(len(x) for x in lines))]
    return ["", *_wrap_kept(title, "    ", "  ", width)]


def _remark_lines(document: Document, width: int | None = WIDTH) -> list[str]:
    lines: list[str] = []
    if document.review_notice:
        lines.append("")
        lines += _wrap_kept(f"ÖVERSYN: {document.review_notice}", "   ", "!! ", width)
    for remark in document.remarks:
        lines.append("")
        lines += _wrap_kept(f"{remark.label}: {remark.text}", "   ", "!! ", width)
    return lines


def document_text(document: Document, width: int | None = WIDTH) -> str:
    """A printout in plain text, every line at most ``width`` columns (80).

    ``width=None`` gives one line per entry, for a screen or a journal system that wraps
    the text itself. A document without page furniture (``Document.furniture`` False: the
    journal summary) has no rules under headings, no subtitle, numbers, boxes, signature
    lines or footer: a short note to paste into the case record.
    """
    furniture = document.furniture
    rule = WIDTH if width is None else width

    def wrap(text: str, indent: str, first: str | None = None) -> list[str]:
        return _wrap_kept(text, indent, first, width)

    def heading(title: str) -> list[str]:
        return ["", title, "-" * len(title)] if furniture else ["", title]

    lines = wrap(document.title, "", "")
    if furniture:
        lines.append("=" * min(rule, max(len(x) for x in lines)))
        lines.append(document.subtitle)
    lines.append("")
    for label in document.fill_in:  # filled in by hand on the printed page; never stored
        lines += [f"{label}:", "  " + FILL_IN_LINE]
    if document.fill_in:
        lines.append("")
    meta = () if document.remarks_last else document.meta
    for label, value in (*meta, *document.facts):
        lines += wrap(value, " " * (len(label) + 2), f"{label}: ")
    if document.now_lines:
        lines += heading(document.now_title)
        for line in document.now_lines:
            lines += wrap(line, "     ", "  ")
    if not document.remarks_last:
        lines += _remark_lines(document, width)
    if document.questions:
        lines += heading(document.questions_title)
        for question in document.questions:
            if question.answer:
                lines += wrap(f"{question.text} {question.answer}", "    ", "  • ")
                continue
            lines += wrap(question.text, "    ", "  • ")
            lines += wrap("Svar: " + " / ".join(question.options), "      ", "    ")
            if question.condition:
                lines += wrap(question.condition, "      ", "    ")
            if question.help:
                lines += wrap(question.help, "      ", "    ")
    if document.unanswered:
        lines += [
            "",
            "Obesvarade frågor (planen kan växa när de besvaras)" if furniture else "Obesvarade frågor",
        ]
        for question in document.unanswered:
            options = f" ({' / '.join(question.options)})" if question.options else ""
            lines += wrap(f"{question.text}{options}", "    ", "  ? ")
    number_width = max(
        (len(i.label) for i in document.items),
        default=2,
    )
    for section in document.sections:
        title = f"{section.number} {section.title}" if section.number else section.title
        lines += _heading(title, section.level, furniture, width)
        indent = "    " if section.level >= 2 else "  "
        if section.condition:
            lines += wrap(section.condition, indent + "  ", indent)
        if section.text:
            lines += wrap(section.text, indent + "  ", indent)
        for block in section.blocks:
            if block.condition:
                lines.append("")
                lines += wrap(block.condition, "    ", "  ")
            for item in block.items:
                if furniture:
                    lines += _item_lines(item, number_width, document.signatures, width)
                else:
                    lines += _note_item_lines(item, width)
    if not document.items and document.empty_text:
        lines += ["", document.empty_text]
    if document.general_rules:
        lines += heading("Gäller alltid")
        for rule_text in document.general_rules:
            lines += wrap(rule_text, "    ", "  • ")
    if document.contacts:
        lines += heading("Kontakter och telefontider")
        for contact in document.contacts:
            lines.append("")
            name = contact.name + (f" ({contact.unit})" if contact.unit else "")
            lines += wrap(name, "    ", "  ")
            if contact.numbers:
                lines += wrap(contact.numbers, "      ", "    ")
            if len(contact.hours) == 1:
                lines += wrap("Telefontider: " + contact.hours[0], "      ", "    ")
            elif contact.hours:
                lines.append("    Telefontider:")
                for hours in contact.hours:
                    lines += wrap(hours, "        ", "      ")
            if contact.instructions:
                lines += wrap(contact.instructions, "      ", "    ")
            if contact.fallback:
                lines += wrap(contact.fallback, "      ", "    ")
            if contact.status:
                lines += wrap(contact.status, "      ", "    ")
    if document.contacts_used:
        lines += ["", "Kontakter som användes"]
        for used in document.contacts_used:
            lines += wrap(used, "    ", "  • ")
    if document.remarks_last:
        lines += heading("Om rutinen")
        for label, value in document.meta:
            lines += wrap(value, " " * (len(label) + 2), f"{label}: ")
        lines += _remark_lines(document, width)
    if furniture:
        lines += ["", *wrap(document.footer, "", "")]
    return "\n".join(lines) + "\n"
