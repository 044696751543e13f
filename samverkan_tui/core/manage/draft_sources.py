"""A routine's source document as the text `samverkan utkast` drafts from: Word or PDF.

Plain text is read by the CLI as it is. Word and PDF need a library each, in the optional
extra ``utkast`` (``pip install 'samverkan-tui[utkast]'``): the app itself never needs them.

Word (.docx, python-docx)
    The document's own structure, not its look: a paragraph whose style is a heading
    ("Heading 2", "Rubrik 2") becomes a marked heading line ``## Title`` (the level from
    the style), which the draft takes as a heading whatever its wording; a paragraph in a
    numbered list (its numbering definition's format, or a "List Number" style) becomes
    ``1) text`` with its own count, one in a bulleted list ``• text``; any other paragraph
    stays a paragraph. Tables are read row by row, a cell a line. Each paragraph is a
    block of its own (a blank line after it), as Word has them.

PDF (pypdf)
    The text of each page in order, with a form feed between pages, so that the draft
    recognises the headers and footers repeated on every page. A PDF holds no styles:
    headings and lists are found from the text as for plain text. A scanned PDF has no
    text to read and is refused with a sentence that says so.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"  # WordprocessingML
EXTRA_HINT = "installera det med: pip install 'samverkan-tui[utkast]'"

# Word's built-in heading styles in English and Swedish Word ("Heading 2", "Rubrik 2").
_HEADING_STYLE = re.compile(r"^(?:Heading|Rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:Title|Rubrik)$", re.IGNORECASE)
_BULLET_STYLE = re.compile(r"bullet|punkt", re.IGNORECASE)
_NUMBER_STYLE = re.compile(r"number|numrer", re.IGNORECASE)


class SourceError(ValueError):
    """A source document that cannot be read; the message is one Swedish line."""


def _source_bytes(path: Path) -> io.BytesIO:
    """The file through the one input reader (a regular file of sane size; Swedish errors)."""
    from samverkan_tui.core.base.input_files import InputFileError, read_input_bytes

    try:
        return io.BytesIO(read_input_bytes(path))
    except InputFileError as error:
        raise SourceError(error.describe(f"källan {path}")) from None


def document_text(path: Path) -> str:
    """The text of a .docx or .pdf source, ready for ``build_draft``."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_text(path)
    if suffix == ".pdf":
        return pdf_text(path)
    raise SourceError(f"{path.name}: bara .txt, .md, .docx och .pdf kan läsas")


# -- Word -----------------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    try:
        import docx
        from docx.table import Table
    except ImportError:
        raise SourceError(f"för att läsa .docx behövs python-docx; {EXTRA_HINT}") from None
    data = _source_bytes(path)
    try:
        document = docx.Document(data)
    except Exception:  # python-docx raises zipfile, KeyError and its own errors alike (in English)
        raise SourceError(
            f"{path.name} kan inte läsas som Word-dokument (.docx): filen är skadad eller inget "
            "Word-dokument; öppna den i Word och spara som .docx"
        ) from None
    formats = _numbering_formats(document)
    counters: dict[tuple[str, int], int] = {}
    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                out += [cell for index, cell in enumerate(cells) if cell and cell not in cells[:index]]
            out.append("")
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        style = block.style.name if block.style is not None else ""
        heading = _HEADING_STYLE.match(style)
        if heading or _TITLE_STYLE.match(style):
            level = int(heading.group(1)) if heading else 1
            out += ["#" * max(1, min(level, 6)) + " " + text, ""]
            counters.clear()  # a list under a new heading counts from 1
            continue
        kind, key = _list_kind(block, style, formats)
        if kind == "bullet":
            out += [f"• {text}", ""]
        elif kind == "number":
            counters[key] = counters.get(key, 0) + 1
            # Deeper levels restart when a shallower one goes on.
            for other in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
                del counters[other]
            out += [f"{counters[key]}) {text}", ""]
        else:
            out += [text, ""]
    return "\n".join(out).rstrip() + "\n"


def _numbering_formats(document: Any) -> dict[tuple[str, int], str]:
    """{(numId, level): "bullet" | "decimal" | …} from the document's numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    namespace = {"w": _W}
    attribute = f"{{{_W}}}val"
    abstract_formats: dict[str, dict[int, str]] = {}
    for abstract in numbering.findall("w:abstractNum", namespace):
        levels = {}
        for level in abstract.findall("w:lvl", namespace):
            fmt = level.find("w:numFmt", namespace)
            levels[int(level.get(f"{{{_W}}}ilvl", "0"))] = (
                fmt.get(attribute, "decimal") if fmt is not None else "decimal"
            )
        abstract_formats[abstract.get(f"{{{_W}}}abstractNumId", "")] = levels
    formats: dict[tuple[str, int], str] = {}
    for num in numbering.findall("w:num", namespace):
        reference = num.find("w:abstractNumId", namespace)
        if reference is None:
            continue
        for level, fmt in abstract_formats.get(reference.get(attribute, ""), {}).items():
            formats[(num.get(f"{{{_W}}}numId", ""), level)] = fmt
    return formats


def _list_kind(
    paragraph: Any, style: str, formats: dict[tuple[str, int], str]
) -> tuple[str, tuple[str, int]]:
    """("bullet" | "number" | "", (numId, level)) for a paragraph."""
    properties = paragraph._p.pPr
    numbered = properties.numPr if properties is not None else None
    if numbered is not None and numbered.numId is not None:
        key = (str(numbered.numId.val), int(numbered.ilvl.val) if numbered.ilvl is not None else 0)
        if key[0] != "0":  # numId 0: numbering switched off for this paragraph
            fmt = formats.get(key, "")
            if fmt == "bullet" or (not fmt and _BULLET_STYLE.search(style)):
                return "bullet", key
            return "number", key
    if _BULLET_STYLE.search(style):
        return "bullet", (style, 0)
    if _NUMBER_STYLE.search(style):
        return "number", (style, 0)
    return "", ("", 0)


# -- PDF ------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise SourceError(f"för att läsa .pdf behövs pypdf; {EXTRA_HINT}") from None
    data = _source_bytes(path)
    # pypdf logs its repairs of a damaged file in English on stderr; the user gets one line.
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(data)
        if reader.is_encrypted:
            raise SourceError(f"{path.name} är lösenordsskyddad; spara en kopia utan lösenord")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        if isinstance(error, SourceError):
            raise
        raise SourceError(f"{path.name} kan inte läsas som PDF: filen är skadad eller ingen PDF") from None
    if not any(re.search(r"[^\W\d_]{2}", page) for page in pages):
        raise SourceError(
            f"{path.name} har ingen text att läsa (en inskannad PDF?); tolka texten först eller "
            "kopiera den ur originalet"
        )
    # A form feed between pages: the draft finds the headers and footers repeated on each.
    return "\n\f\n".join(page.strip("\n") for page in pages) + "\n"
