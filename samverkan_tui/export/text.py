"""Plain text, 80 columns: what `samverkan show` prints and what fits any terminal or e-mail."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from samverkan_tui.core.model import Contact, Routine

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
    from samverkan_tui.core.hours import contact_status  # holidays is imported only when needed

    return contact_status(contact, routine, now).summary


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

TEXT_BOXES = {None: "[ ]", "klar": "[x]", "ej_aktuell": "[-]", "avvikelse": "[!]"}
SIGNATURE_LINE = "Datum: " + "_" * 14 + "  Sign.: " + "_" * 24
FILL_IN_LINE = "_" * 40


def _wrap_kept(text: str, indent: str, first: str | None = None) -> list[str]:
    """``_wrap`` that never splits a phone number over two lines."""
    from samverkan_tui.export.document import KEEP_TOGETHER_SPACE, keep_numbers_together

    lines = _wrap(keep_numbers_together(text), indent, first)
    return [line.replace(KEEP_TOGETHER_SPACE, " ") for line in lines]


def _item_lines(item: Item, number_width: int, signatures: bool = True) -> list[str]:
    # Numbers right-aligned, so that item texts start in one column from 1 to 80.
    number = item.label
    if item.checkable:
        lead = f"  {TEXT_BOXES.get(item.status, '[ ]')} {number:>{number_width}} "
        text = f"({item.role}) {item.text}" if item.role else item.text
    else:
        lead = f"      {number:>{number_width}} "
        text = f"{item.kind_label}: {item.text}" if item.kind_label not in ("", "Information") else item.text
    indent = " " * len(lead)
    lines = _wrap_kept(text, indent, lead)
    if item.deadline:
        lines += _wrap_kept(item.deadline, indent)
    if item.legal:
        lines += _wrap_kept(item.legal, indent + "  ", indent + "§ ")
    if item.status:
        from samverkan_tui.export.document import status_line

        lines += _wrap_kept(status_line(item), indent + "  ", indent)
    for warning in item.warnings:
        lines += _wrap_kept(f"VARNING: {warning}", indent + "  ", indent + "! ")
    for note in item.notes:
        lines += _wrap_kept(note, indent + "  ", indent + "– ")
    for contact in item.contacts:
        lines += _wrap_kept(f"Kontakt: {contact}", indent + "  ", indent)
    if item.checkable and signatures:
        lines.append(indent + SIGNATURE_LINE)
    return lines


def _heading(title: str, level: int) -> list[str]:
    if not title:
        return []
    if level == 0:
        title = title.upper()
        return ["", *_wrap_kept(title, "", ""), "=" * min(WIDTH, len(title))]
    if level == 1:
        lines = _wrap_kept(title, "", "")
        return ["", *lines, "-" * min(WIDTH, max(len(x) for x in lines))]
    return ["", *_wrap_kept(title, "    ", "  ")]


def _remark_lines(document: Document) -> list[str]:
    lines: list[str] = []
    if document.review_notice:
        lines.append("")
        lines += _wrap_kept(f"ÖVERSYN: {document.review_notice}", "   ", "!! ")
    for remark in document.remarks:
        lines.append("")
        lines += _wrap_kept(f"{remark.label}: {remark.text}", "   ", "!! ")
    return lines


def document_text(document: Document) -> str:
    """A printout in plain text, every line at most 80 columns."""
    lines = _wrap_kept(document.title, "", "")
    lines.append("=" * min(WIDTH, max(len(x) for x in lines)))
    lines.append(document.subtitle)
    lines.append("")
    for label in document.fill_in:  # filled in by hand on the printed page; never stored
        lines += [f"{label}:", "  " + FILL_IN_LINE]
    if document.fill_in:
        lines.append("")
    meta = () if document.remarks_last else document.meta
    for label, value in (*meta, *document.facts):
        lines += _wrap_kept(value, " " * (len(label) + 2), f"{label}: ")
    if document.now_lines:
        lines += ["", document.now_title, "-" * len(document.now_title)]
        for line in document.now_lines:
            lines += _wrap_kept(line, "     ", "  ")
    if not document.remarks_last:
        lines += _remark_lines(document)
    if document.questions:
        lines += ["", document.questions_title, "-" * len(document.questions_title)]
        for question in document.questions:
            if question.answer:
                lines += _wrap_kept(f"{question.text} {question.answer}", "    ", "  • ")
                continue
            lines += _wrap_kept(question.text, "    ", "  • ")
            lines += _wrap_kept("Svar: " + " / ".join(question.options), "      ", "    ")
            if question.condition:
                lines += _wrap_kept(question.condition, "      ", "    ")
            if question.help:
                lines += _wrap_kept(question.help, "      ", "    ")
    if document.unanswered:
        title = "Obesvarade frågor (planen kan växa när de besvaras)"
        lines += ["", title]
        for question in document.unanswered:
            lines += _wrap_kept(f"{question.text} ({' / '.join(question.options)})", "    ", "  ? ")
    number_width = max(
        (len(i.label) for i in document.items),
        default=2,
    )
    for section in document.sections:
        title = f"{section.number} {section.title}" if section.number else section.title
        lines += _heading(title, section.level)
        indent = "    " if section.level >= 2 else "  "
        if section.condition:
            lines += _wrap_kept(section.condition, indent + "  ", indent)
        if section.text:
            lines += _wrap_kept(section.text, indent + "  ", indent)
        for block in section.blocks:
            if block.condition:
                lines.append("")
                lines += _wrap_kept(block.condition, "    ", "  ")
            for item in block.items:
                lines += _item_lines(item, number_width, document.signatures)
    if not document.items:
        lines += ["", document.empty_text]
    if document.general_rules:
        lines += ["", "Gäller alltid", "-" * len("Gäller alltid")]
        for rule in document.general_rules:
            lines += _wrap_kept(rule, "    ", "  • ")
    if document.contacts:
        lines += ["", "Kontakter och telefontider", "-" * len("Kontakter och telefontider")]
        for contact in document.contacts:
            lines.append("")
            name = contact.name + (f" ({contact.unit})" if contact.unit else "")
            lines += _wrap_kept(name, "    ", "  ")
            if contact.numbers:
                lines += _wrap_kept(contact.numbers, "      ", "    ")
            if len(contact.hours) == 1:
                lines += _wrap_kept("Telefontider: " + contact.hours[0], "      ", "    ")
            elif contact.hours:
                lines.append("    Telefontider:")
                for hours in contact.hours:
                    lines += _wrap_kept(hours, "        ", "      ")
            if contact.instructions:
                lines += _wrap_kept(contact.instructions, "      ", "    ")
            if contact.fallback:
                lines += _wrap_kept(contact.fallback, "      ", "    ")
            if contact.status:
                lines += _wrap_kept(contact.status, "      ", "    ")
    if document.contacts_used:
        lines += ["", "Kontakter som användes"]
        for used in document.contacts_used:
            lines += _wrap_kept(used, "    ", "  • ")
    if document.remarks_last:
        lines += ["", "Om rutinen", "-" * len("Om rutinen")]
        for label, value in document.meta:
            lines += _wrap_kept(value, " " * (len(label) + 2), f"{label}: ")
        lines += _remark_lines(document)
    lines += ["", *_wrap_kept(document.footer, "", "")]
    return "\n".join(lines) + "\n"
