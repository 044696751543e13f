"""Exporters: one module per format, all fed by the same document model. No UI imports.

``render(source, format)`` turns a ``document.Document`` (or a Plan: one path) into the
file's content; ``export(source, format, now)`` also accepts a Routine (the whole
routine, printed at ``now``). ``write(document, format, path)`` writes a file readable
by its owner only, replacing an existing one only once the new one is complete.
The format modules are imported only when used: Typst and icalendar cost start-up time that
`samverkan show` should not pay.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan_tui.core.routine.model import Routine
    from samverkan_tui.core.walk.plan import Plan
    from samverkan_tui.export.document import Document

FORMATS = ("pdf", "html", "md", "text", "ics")
SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md", "text": ".txt", "ics": ".ics"}
FILE_MODE = 0o600  # exported files are readable by their owner only


class ExportError(ValueError):
    """An unknown format; the message is user-facing Swedish."""


def render(document: Document | Plan, format: str, *, width: int | None = 80) -> str | bytes:
    """The printout in ``format``: bytes for "pdf", text for the others.

    ``width`` is for "text" only: its column width, or None for one line per entry (a
    screen or a journal system that wraps the text itself, like the app's summary).

    A Plan is made into its document first (``document_for_plan``), so the app can
    hand over what it has. "ics" raises ``ics.NoDeadlinesError`` (an ``ExportError``'s
    sibling, also a ValueError) when nothing in the document has a due date.
    """
    from samverkan_tui.export.document import Document as _Document

    if not isinstance(document, _Document):
        from samverkan_tui.export.document import build_document

        document = build_document(document)
    if format == "pdf":
        from samverkan_tui.export.pdf import document_pdf

        return document_pdf(document)
    if format == "html":
        from samverkan_tui.export.html import document_html

        return document_html(document)
    if format == "md":
        from samverkan_tui.export.markdown import document_markdown

        return document_markdown(document)
    if format == "text":
        from samverkan_tui.export.text import document_text

        return document_text(document, width)
    if format == "ics":
        from samverkan_tui.export.ics import document_ics

        return document_ics(document)
    raise ExportError(f"okänt format `{format}`; välj {', '.join(FORMATS)}")


def export(source: Document | Plan | Routine, format: str, now: dt.datetime | None = None) -> str | bytes:
    """Render a routine (whole, printed at ``now``), a plan, or a ready document."""
    from samverkan_tui.export.document import build_document

    if format not in FORMATS:
        raise ExportError(f"okänt format `{format}`; välj {', '.join(FORMATS)}")
    return render(build_document(source, now), format)


def default_filename(document: Document, format: str) -> str:
    """``rvt-bou.pdf`` (whole routine), ``rvt-bou-plan-2026-11-27.pdf``, ``rvt-bou-genomgang-….pdf``.

    A plan or walk gets its own name so that it never overwrites the routine's printout.
    """
    from samverkan_tui.export.document import KIND_PLAN, KIND_RUN

    name = document.routine_id
    if document.kind in (KIND_PLAN, KIND_RUN) and document.moment is not None:
        kind = "plan" if document.kind == KIND_PLAN else "genomgang"
        name += f"-{kind}-{document.moment.date().isoformat()}"
    return name + SUFFIXES[format]


def write(document: Document, format: str, path: Path) -> Path:
    """Render and write to ``path`` (a folder gets ``default_filename``); returns the file.

    The file is made readable by its owner only (0600) and written beside its target
    first: an existing file is replaced (``os.replace``) only once the new one is
    complete, so a failed export never leaves half a file. Raises ``OSError`` when the
    file cannot be written, ``ExportError`` for a bad format.
    """
    from samverkan_tui.core.base.files import write_private

    data = render(document, format)
    if path.is_dir() and not path.is_symlink():
        path = path / default_filename(document, format)
    # 0600, atomic, never through a symlink (core.files).
    return write_private(path, data)
