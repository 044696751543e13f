"""PDF printouts typeset by Typst: tagged, bookmarked, fonts embedded, A4.

The engine decision (against the earlier hand-drawn PDF and WeasyPrint, with measurements)
is in docs/architecture.md. In short: Typst (the ``typst`` wheel, compiler included) writes a
tagged PDF with a structure tree, document language, title, bookmarks from the headings
and embedded font subsets, and checks PDF/UA-1 as it writes; it breaks lines and pages
itself, keeps an item (unless it is long) with its box and fields on one page and a
heading with the item under it. The font is Libertinus Serif (SIL Open Font License),
which Typst carries inside its wheel: Swedish and the common European names (č, ć, ş, ŋ …)
print as themselves.

The layout is ``printout.typ`` beside this module, one render function per block kind of
``document.blocks``; this module only turns the document's blocks into the JSON it reads.
``compile_pdf`` is the one place that runs Typst: the follow-up report
(export/statistics_report.py, ``statistics.typ``) uses it too. No system fonts are used,
so every machine makes the same file, and ``Document.moment`` sets the creation date: the
same ``--now`` gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any, Final

from samverkan_tui.core.base.phone_numbers import keep_numbers_together
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
from samverkan_tui.export.document.model import (
    KIND_ROUTINE,
    ContactEntry,
    Document,
    Item,
    QuestionEntry,
    status_line,
)

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
        # What a screen reader says for the box (the box itself is a drawing).
        "box_label": BOX_LABELS.get(item.status or "", BOX_LABELS[""]),
        "overdue": item.overdue,
        "details": _details(item),
        # Kept on one page unless it is long: a whole-page principle that cannot break
        # drags its headings along and leaves most of the page before it empty.
        "breakable": len(item.text) + sum(len(d["text"]) for d in _details(item)) > LONG_ITEM,
    }


LONG_ITEM = 700  # characters: about ten lines of an item's text and details

# The tick box as a screen reader hears it: its state, in words.
BOX_LABELS = {"": "ej klar", DONE: "klar", NOT_APPLICABLE: "ej aktuell", DEVIATION: "avvikelse"}


def _contact(contact: ContactEntry) -> dict[str, Any]:
    lines = []
    if contact.unit:
        lines.append(contact.unit)
    if contact.numbers:
        lines.append(contact.numbers)
    if contact.hours:
        lines.append("Telefontider: " + "; ".join(contact.hours))
    lines += [x for x in (contact.instructions, contact.fallback) if x]
    return {"name": contact.name, "lines": lines, "status": contact.status}


def _question(question: QuestionEntry, open_: bool) -> dict[str, str]:
    options = " / ".join(question.options)
    if question.key:  # `visa ID`: the values `--svar` takes
        options = " / ".join(f"{v} = {o}" for v, o in zip(question.values, question.options, strict=True))
    return {
        "text": f"{question.key}: {question.text}" if question.key else question.text,
        "answer": question.answer,
        "options": options,
        "condition": "" if open_ else question.condition,
        "help": "" if open_ else question.help,
    }


def _block(block: LayoutBlock) -> dict[str, Any]:
    """One block as printout.typ's ``render-block`` takes it: its kind and its values."""
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level, "running": block.running}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "role": block.role}
    if isinstance(block, Fields):
        return {"kind": "fields", "labels": list(block.labels)}
    if isinstance(block, Table):
        return {"kind": "table", "rows": [list(row) for row in block.rows]}
    if isinstance(block, Remark):
        label = block.label[0].upper() + block.label[1:].lower()
        return {"kind": "remark", "label": label, "text": block.text, "warning": block.warning}
    if isinstance(block, DoNow):
        return {"kind": "do_now", "entries": list(block.actions)}
    if isinstance(block, CallNow):
        return {"kind": "call_now", "entries": list(block.lines)}
    if isinstance(block, Questions):
        return {"kind": "questions", "entries": [_question(q, block.open) for q in block.entries]}
    if isinstance(block, Items):
        return {"kind": "items", "condition": block.condition, "items": [_item(i) for i in block.items]}
    if isinstance(block, Contacts):
        return {"kind": "contacts", "entries": [_contact(c) for c in block.entries]}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "entries": list(block.entries)}
    raise TypeError(f"no PDF form for {type(block).__name__}")


def document_data(document: Document) -> dict[str, Any]:
    """What printout.typ reads: the document's blocks as plain JSON values."""
    return {
        "title": document.title,
        "title_line": f"{document.short_title} – {document.subtitle}"
        if document.subtitle
        else document.short_title or document.title,
        "author": "Samverkan TUI",
        "keywords": [x for x in (document.routine_id, f"version {document.version}") if x.strip()],
        "header": document.short_title,
        "footer": document.footer,
        "signatures": document.signatures,
        "blocks": [_block(block) for block in layout(document)],
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
