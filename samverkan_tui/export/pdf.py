"""PDF printouts typeset by Typst: tagged, bookmarked, fonts embedded, A4.

The engine decision (against the earlier hand-drawn PDF and WeasyPrint, with measurements)
is in docs/architecture.md. In short: Typst (the ``typst`` wheel, compiler included) writes a
tagged PDF with a structure tree, document language, title, bookmarks from the headings
and embedded font subsets, and checks PDF/UA-1 as it writes; it breaks lines and pages
itself, keeps an item with its box and fields on one page and a heading with the item
under it. The font is Libertinus Serif (SIL Open Font License), which Typst carries inside
its wheel: Swedish and the common European names (č, ć, ş, ŋ …) print as themselves.

The layout is ``printout.typ`` beside this module; this module only turns the export
document into the JSON it reads. ``compile_pdf`` is the one place that runs Typst: the
follow-up report (export/statistics_report.py, ``statistics.typ``) uses it too. No system
fonts are used, so every machine makes the same file, and ``Document.moment`` sets the
creation date: the same ``--now`` gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any, Final

from samverkan_tui.core.base.phone_numbers import keep_numbers_together
from samverkan_tui.export.document import KIND_ROUTINE, ContactEntry, Document, Item, Section, status_line

PDF_STANDARD: Final = "ua-1"  # PDF/UA-1: Typst refuses to write a file that breaks it


class PdfError(RuntimeError):
    """Typst could not typeset the printout; the message is user-facing Swedish."""


def _details(item: Item) -> list[dict[str, str]]:
    lines = []
    if item.deadline:
        lines.append({"kind": "due", "text": item.deadline})
    if item.legal:
        lines.append({"kind": "legal", "text": item.legal})
    if item.status:
        lines.append({"kind": "record", "text": status_line(item)})
    lines += [{"kind": "warning", "text": w} for w in item.warnings]
    lines += [{"kind": "note", "text": n} for n in item.notes]
    lines += [{"kind": "contact", "text": c} for c in item.contacts]
    return lines


def _item(item: Item) -> dict[str, Any]:
    return {
        "text": item.text,
        "label": item.label,
        "checkable": item.checkable,
        "kind_label": "" if item.kind_label in ("", "Information") else item.kind_label,
        # Who does it: a label on each action, in the routine's order (never a sort key).
        "role": item.role if item.checkable else "",
        "status": item.status or "",
        "overdue": item.overdue,
        "details": _details(item),
    }


def _contact(contact: ContactEntry) -> dict[str, Any]:
    lines = []
    if contact.unit:
        lines.append(contact.unit)
    if contact.numbers:
        lines.append(contact.numbers)
    if len(contact.hours) == 1:
        lines.append(f"Telefontider: {contact.hours[0]}")
    elif contact.hours:
        lines.append("Telefontider: " + "; ".join(contact.hours))
    if contact.instructions:
        lines.append(contact.instructions)
    if contact.fallback:
        lines.append(contact.fallback)
    return {"name": contact.name, "lines": lines}


def _sections(sections: tuple[Section, ...]) -> list[dict[str, Any]]:
    # Headings never skip a level (PDF/UA): the phases are level 2 where there are any,
    # the source's headings under them; without phases the source's headings are level 2.
    offset = 2 if any(s.level == 0 for s in sections) else 1
    out = []
    for section in sections:
        title = f"{section.number} {section.title}" if section.number else section.title
        out.append(
            {
                "title": title,
                "heading_level": min(section.level + offset, 6),
                "condition": section.condition,
                "text": section.text,
                "blocks": [
                    {"condition": b.condition, "items": [_item(i) for i in b.items]}
                    for b in section.blocks
                    if b.items
                ],
            }
        )
    return out


def document_data(document: Document) -> dict[str, Any]:
    """What printout.typ reads: the document as plain JSON values."""
    notices = [{"label": r.label, "text": r.text, "warning": r.warning} for r in document.remarks]
    if document.review_notice:
        notices.insert(0, {"label": "Översyn", "text": document.review_notice, "warning": True})
    questions = []
    if document.questions:
        questions.append(
            {
                "title": document.questions_title,
                "intro": "",
                "entries": [
                    {
                        "text": q.text,
                        "answer": q.answer,
                        "options": " / ".join(q.options),
                        "condition": q.condition,
                        "help": q.help,
                    }
                    for q in document.questions
                ],
            }
        )
    if document.unanswered:
        questions.append(
            {
                "title": "Obesvarade frågor",
                "intro": "Planen kan växa när de besvaras.",
                "entries": [
                    {
                        "text": q.text,
                        "answer": "",
                        "options": " / ".join(q.options),
                        "condition": "",
                        "help": "",
                    }
                    for q in document.unanswered
                ],
            }
        )
    last = document.remarks_last
    title_line = f"{document.short_title} – {document.subtitle}"
    return {
        "title": document.title,
        "title_line": title_line,
        "subtitle": document.subtitle,
        "author": "Samverkan TUI",
        "keywords": [document.routine_id, f"version {document.version}"],
        "header": document.short_title,
        "footer": document.footer,
        "fill_in": list(document.fill_in),
        "now_title": document.now_title,
        "now_lines": list(document.now_lines),
        "top_meta": [
            list(row) for row in ((*document.facts,) if last else (*document.meta, *document.facts))
        ],
        "top_notices": [] if last else notices,
        "end_meta": [list(row) for row in document.meta] if last else [],
        "end_notices": notices if last else [],
        "question_groups": questions,
        "sections": _sections(document.sections),
        "empty_text": "" if document.items else document.empty_text,
        "signatures": document.signatures,
        "general_rules": list(document.general_rules),
        "contacts": [_contact(c) for c in document.contacts],
        "contacts_used": list(document.contacts_used),
        "kind": document.kind,
        "whole": document.kind == KIND_ROUTINE,
    }


def _keep_numbers(value: Any) -> Any:
    """Every string with its phone numbers' spaces made non-breaking: a number split over
    two lines gets misdialled."""
    if isinstance(value, str):
        return keep_numbers_together(value)
    if isinstance(value, list):
        return [_keep_numbers(v) for v in value]
    if isinstance(value, dict):
        return {k: _keep_numbers(v) for k, v in value.items()}
    return value


def _template(name: str) -> bytes:
    return resources.files("samverkan_tui.export").joinpath(name).read_bytes()


def compile_pdf(template: str, data: Any, moment: dt.datetime | None) -> bytes:
    """Typeset ``data`` (plain JSON values) with the Typst template ``template`` beside this
    module: A4, tagged PDF/UA-1, only the fonts in the typst wheel, created at ``moment``
    (now when None), so the same data and moment give the same bytes.

    Every PDF of the app goes through here. The data reaches the template only as JSON in
    ``sys.inputs.data``: no text is ever read as Typst markup.
    """
    import typst

    if moment is None:
        moment = dt.datetime.now(dt.UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        return typst.compile(
            _template(template),
            format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            ignore_system_fonts=True,
            pdf_standards=PDF_STANDARD,
            timestamp=int(moment.timestamp()),
        )
    except typst.TypstError as error:  # a bug in the template or in Typst, never the user's
        raise PdfError(f"PDF:en kunde inte sättas: {error}") from error


def document_pdf(document: Document) -> bytes:
    """The printout as PDF bytes (A4, tagged PDF/UA-1, sv-SE)."""
    return compile_pdf("printout.typ", _keep_numbers(document_data(document)), document.moment)
