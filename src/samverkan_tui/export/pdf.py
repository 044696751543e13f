"""PDF printouts with fpdf2: A4, tick boxes, a date/signature line per step, page numbers.

Font decision: the PDF core font Helvetica with the Windows-1252 (WinAnsi) encoding.
Every PDF reader has that font, so nothing is embedded (files of a few tens of kB,
fast to make, no font package for CI to install), and WinAnsi covers everything the
routines write: å ä ö é, and also – — ’ ” • … that plain Latin-1 lacks. The few
characters outside it (arrows, ⚠, letters like ŋ) are mapped to plain equivalents by
``pdf_safe`` instead of failing the export; a routine file is not expected to need them.

Layout rules: every step (box, text, due date, warnings, notes, contacts, record and
signature line) is measured before it is drawn and goes to the next page whole if it
does not fit; a heading is kept with the first step under it; the routine's id,
version, revision and review date and "sida N av M" are in every page's footer; the
review remarks come right after the metadata on the first page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from fpdf import FPDF

from samverkan_tui.export.document import (
    DEVIATION,
    DONE,
    KEEP_TOGETHER_SPACE,
    NOT_APPLICABLE,
    SIGNATURE_LABEL,
    ContactEntry,
    Document,
    Item,
    QuestionEntry,
    keep_numbers_together,
)

ENCODING = "windows-1252"
FONT = "Helvetica"
MM_PER_PT = 25.4 / 72
LEADING = 1.25  # line height as a multiple of the font size

INK = (26, 26, 26)
MUTED = (90, 90, 90)
RULE = (150, 150, 150)
WARN = (138, 28, 0)
WARN_BG = (255, 244, 229)
INFO = (43, 108, 176)
INFO_BG = (238, 244, 251)

BOX = 3.8  # tick box side, mm
NUMBER_X = 6.0  # step number, mm from the left margin
TEXT_X = 14.0  # step text, mm from the left margin
SIGNATURE_RULE = 70.0  # length of the signature line, mm

_REPLACEMENTS = str.maketrans({
    "→": "->", "←": "<-", "⇒": "=>", "↔": "<->", "⚠": "(!)", "✓": "x", "✔": "x", "✗": "x",
    "≥": ">=", "≤": "<=", "≠": "!=", "−": "-", "\u2010": "-", "\u2011": "-", "\u2012": "–",
    "\u2015": "—", "\u2032": "'", "\u2033": '"', "\u200b": "", "\u2009": " ",
    "\u202f": " ", "\u2007": " ", "\u2060": "",
})


def pdf_safe(text: str) -> str:
    """Text the core font can show: WinAnsi as is, a few symbols spelled out, the rest decomposed."""
    text = text.translate(_REPLACEMENTS)
    try:
        text.encode(ENCODING)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode(ENCODING)
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        # "č" → "c", "ﬁ" → "fi": keep what the reader needs, drop only the accent.
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        try:
            base.encode(ENCODING)
            out.append(base or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


class _Printout(FPDF):
    def __init__(self, document: Document) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document
        # What a step continues on a new page: repeated under the page's top, so a step
        # never stands on a page without its section and condition.
        self.section: str | None = None
        self.condition: str | None = None
        self._wrapped: dict[tuple[str, float, str, float], list[str]] = {}
        self.core_fonts_encoding = ENCODING
        self.set_margins(18, 18, 16)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages()
        self.set_title(pdf_safe(f"{document.short_title} – {document.subtitle}"))
        self.set_subject(pdf_safe(document.title))
        self.set_creator("Samverkan TUI")
        self.set_lang("sv")
        if document.moment is not None:
            # Reproducible files: the same --now gives byte-identical exports.
            self.set_creation_date(document.moment)
        self.set_text_color(*INK)

    # -- page furniture -----------------------------------------------------------------
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(9)
        self._font(7.5, "", MUTED)
        self.cell(self.epw, 4, pdf_safe(f"{self.document.short_title} – {self.document.subtitle}"),
                  align="L")
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, 13.5, self.w - self.r_margin, 13.5)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self._font(7.5, "", MUTED)
        page = f"sida {self.page_no()} av {self.str_alias_nb_pages}"
        page_width = 24
        self.cell(self.epw - page_width, 4, pdf_safe(self.document.footer), align="L")
        self.cell(page_width, 4, page, align="R")

    # -- primitives ---------------------------------------------------------------------
    def _font(self, size: float, style: str = "", color: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)

    def _para(
        self, text: str, dry: bool, *, size: float = 10, style: str = "", indent: float = 0,
        color: tuple[int, int, int] = INK, after: float = 0, width: float | None = None,
    ) -> float:
        """One wrapped paragraph; returns its height. ``dry`` measures without drawing."""
        self._font(size, style, color)
        line = size * MM_PER_PT * LEADING
        w = width if width is not None else self.epw - indent
        lines = self._wrap(text, size, style, w - 2 * self.c_margin)  # cell() pads both sides
        if dry:
            return len(lines) * line + after
        for text_line in lines:
            self.set_x(self.l_margin + indent)
            self.cell(w, line, text_line, new_x="LMARGIN", new_y="NEXT")
        if after:
            self.ln(after)
        return 0.0

    def _wrap(self, text: str, size: float, style: str, width: float) -> list[str]:
        """Greedy word wrap with the font's metrics, cached for the measuring and the drawing.

        fpdf2's own multi_cell re-measures the whole line for every character it adds,
        which made the routines' long help texts cost seconds; this is linear.
        """
        key = (text, size, style, round(width, 3))
        cached = self._wrapped.get(key)
        if cached is not None:
            return cached
        measure = self.get_string_width  # the current font is (size, style) already
        space = measure(" ")
        lines: list[str] = []
        words: list[str] = []
        used = 0.0
        for word in keep_numbers_together(" ".join(pdf_safe(text).split())).split(" "):
            word = word.replace(KEEP_TOGETHER_SPACE, " ")
            word_width = measure(word)
            while word_width > width:  # a word wider than the column: break it by characters
                if words:
                    lines.append(" ".join(words))
                    words, used = [], 0.0
                cut = max(1, max(i for i in range(1, len(word) + 1)
                                 if measure(word[:i]) <= width or i == 1))
                lines.append(word[:cut])
                word = word[cut:]
                word_width = measure(word)
            if words and used + space + word_width > width:
                lines.append(" ".join(words))
                words, used = [], 0.0
            used = word_width if not words else used + space + word_width
            words.append(word)
        if words or not lines:
            lines.append(" ".join(words))
        self._wrapped[key] = lines
        return lines

    def _keep(self, *draws: Callable[[bool], float]) -> None:
        """Draw the parts on one page: measure first, start a new page if they do not fit."""
        height = sum(draw(True) for draw in draws)
        top = self.get_y() <= self.t_margin + 0.5
        if not top and self.will_page_break(height):
            self.add_page()
            self._continuation()
        for draw in draws:
            draw(False)

    def _continuation(self) -> None:
        if self.section:
            self._para(f"{self.section} (forts.)", False, size=10, style="B", color=MUTED, after=1.5)
        if self.condition:
            self._para(f"{self.condition} (forts.)", False, size=9.5, style="BI", color=MUTED,
                       after=1.2)

    def _bullet(self, text: str, dry: bool, *, size: float = 9.5, indent: float = 2,
                mark: str = "•") -> float:
        """A list item with a hanging indent."""
        if not dry:
            self._font(size)
            self.set_x(self.l_margin + indent)
            self.cell(4, size * MM_PER_PT * LEADING, pdf_safe(mark))
        return self._para(text, dry, size=size, indent=indent + 4, after=0.8)

    # -- document parts -----------------------------------------------------------------
    def title_block(self) -> None:
        doc = self.document
        self._para(doc.title, False, size=15, style="B", after=1)
        self._para(doc.subtitle, False, size=11, color=MUTED, after=3)
        for label, value in (*doc.meta, *doc.facts):
            self._keep(lambda dry, label=label, value=value: self._meta_row(label, value, dry))
        self.ln(2)
        for remark in doc.remarks:
            self._keep(lambda dry, r=remark: self._remark(r.label, r.text, r.warning, dry))

    def _meta_row(self, label: str, value: str, dry: bool) -> float:
        label_width = 26
        if dry:
            return self._para(value, True, size=8.5, indent=label_width, after=0.6)
        y = self.get_y()
        self._font(8.5, "B")
        self.set_xy(self.l_margin, y)
        self.cell(label_width, 8.5 * MM_PER_PT * LEADING, pdf_safe(label))
        self.set_xy(self.l_margin + label_width, y)
        return self._para(value, False, size=8.5, indent=label_width, after=0.6)

    def _remark(self, label: str, text: str, warning: bool, dry: bool) -> float:
        pad = 2.0
        body = f"{label}: {text}"
        height = self._para(body, True, size=9, indent=4 + pad, width=self.epw - 4 - 2 * pad)
        total = height + 2 * pad + 2
        if dry:
            return total
        y = self.get_y()
        self.set_fill_color(*(WARN_BG if warning else INFO_BG))
        self.rect(self.l_margin, y, self.epw, height + 2 * pad, style="F")
        self.set_fill_color(*(WARN if warning else INFO))
        self.rect(self.l_margin, y, 1.2, height + 2 * pad, style="F")
        self.set_y(y + pad)
        self._para(body, False, size=9, indent=4 + pad, width=self.epw - 4 - 2 * pad,
                   color=WARN if warning else INK)
        self.set_y(y + height + 2 * pad + 2)
        return 0.0

    def _heading(self, text: str, dry: bool) -> float:
        if dry:
            return 4 + self._para(text, True, size=12, style="B") + 2.5
        self.ln(4)
        self._para(text, False, size=12, style="B")
        y = self.get_y() + 0.6
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_y(y + 1.9)
        return 0.0

    def _condition(self, text: str, dry: bool) -> float:
        if dry:
            return 1.0 + self._para(text, True, size=9.5, style="BI", after=1.2)
        self.ln(1.0)
        self._para(text, False, size=9.5, style="BI", after=1.2)
        return 0.0

    def _item(self, item: Item, dry: bool) -> float:
        height = 0.0
        parts: list[tuple[str, dict[str, object]]] = [(item.text, {"size": 10})]
        if item.deadline:
            parts.append((item.deadline, {"size": 9, "style": "B", "color": WARN if item.overdue else INK}))
        if item.record:
            parts.append((item.record, {"size": 9, "style": "I"}))
        parts += [(f"VARNING: {w}", {"size": 9, "style": "B", "color": WARN}) for w in item.warnings]
        parts += [(n, {"size": 9, "color": MUTED}) for n in item.notes]
        parts += [(f"Kontakt: {c}", {"size": 9}) for c in item.contacts]
        signature = 8 * MM_PER_PT * LEADING + 1.2
        gap = 3.0
        if dry:
            for text, style in parts:
                height += self._para(text, True, indent=TEXT_X, after=0.4, **style)  # type: ignore[arg-type]
            return height + signature + gap
        y = self.get_y()
        self._box(self.l_margin, y + 0.45, item.status)
        self._font(10, "B")
        self.set_xy(self.l_margin + NUMBER_X, y)
        self.cell(TEXT_X - NUMBER_X, 10 * MM_PER_PT * LEADING, f"{item.number}.")
        self.set_xy(self.l_margin + TEXT_X, y)
        for text, style in parts:
            self._para(text, False, indent=TEXT_X, after=0.4, **style)  # type: ignore[arg-type]
        self.ln(0.8)
        self._font(8, "", MUTED)
        self.set_x(self.l_margin + TEXT_X)
        label = pdf_safe(SIGNATURE_LABEL)
        label_width = self.get_string_width(label) + 1.5
        line = 8 * MM_PER_PT * LEADING
        self.cell(label_width, line, label)
        base = self.get_y() + line - 0.6
        x = self.l_margin + TEXT_X + label_width
        self.set_draw_color(*RULE)
        self.set_line_width(0.25)
        self.line(x, base, x + SIGNATURE_RULE, base)
        self.set_xy(self.l_margin, self.get_y() + line + 0.4 + gap)
        return 0.0

    def _box(self, x: float, y: float, status: str | None) -> None:
        self.set_draw_color(*INK)
        self.set_line_width(0.35)
        self.rect(x, y, BOX, BOX)
        if status == DONE:  # a drawn tick: no font needed
            self.set_line_width(0.5)
            self.line(x + 0.7, y + 2.0, x + 1.6, y + 3.0)
            self.line(x + 1.6, y + 3.0, x + 3.2, y + 0.8)
        elif status == NOT_APPLICABLE:
            self.set_line_width(0.5)
            self.line(x + 0.8, y + BOX / 2, x + BOX - 0.8, y + BOX / 2)
        elif status == DEVIATION:
            self._font(8, "B", WARN)
            self.set_xy(x, y)
            self.cell(BOX, BOX, "!", align="C")
            self.set_text_color(*INK)

    def _question(self, question: QuestionEntry, dry: bool) -> float:
        height = 0.0
        if question.answer:
            return self._bullet(f"{question.text} {question.answer}", dry)
        height += self._para(question.text, dry, size=9.5, style="B", after=0.3)
        if question.options:
            height += self._para("Svar: " + " / ".join(question.options), dry, size=9, indent=4,
                                 after=0.3)
        if question.condition:
            height += self._para(question.condition, dry, size=8.5, style="I", indent=4, after=0.3)
        if question.help:
            height += self._para(question.help, dry, size=8.5, indent=4, color=MUTED, after=0.3)
        if dry:
            return height + 1.5
        self.ln(1.5)
        return 0.0

    def _contact(self, contact: ContactEntry, dry: bool) -> float:
        height = 0.0
        name = contact.name + (f" ({contact.unit})" if contact.unit else "")
        height += self._para(name, dry, size=10, style="B", after=0.3)
        if contact.numbers:
            height += self._para(contact.numbers, dry, size=9.5, indent=4, after=0.3)
        if len(contact.hours) == 1:
            height += self._para(f"Telefontider: {contact.hours[0]}", dry, size=9, indent=4, after=0.2)
        elif contact.hours:
            height += self._para("Telefontider:", dry, size=9, indent=4, after=0.2)
            for line in contact.hours:
                height += self._para(line, dry, size=9, indent=8, after=0.2)
        if contact.instructions:
            height += self._para(contact.instructions, dry, size=9, indent=4, after=0.2)
        if contact.fallback:
            height += self._para(contact.fallback, dry, size=9, indent=4, after=0.2)
        if dry:
            return height + 2.5
        self.ln(2.5)
        return 0.0


def document_pdf(document: Document) -> bytes:
    """The printout as PDF bytes (A4)."""
    pdf = _Printout(document)
    pdf.add_page()
    pdf.title_block()
    if document.questions:
        pdf._keep(lambda dry: pdf._heading(document.questions_title, dry),
                  lambda dry: pdf._question(document.questions[0], dry))
        for question in document.questions[1:]:
            pdf._keep(lambda dry, q=question: pdf._question(q, dry))
    if document.unanswered:
        pdf._keep(lambda dry: pdf._heading("Obesvarade frågor", dry),
                  lambda dry: pdf._para("Planen kan växa när de besvaras.", dry, size=9, style="I",
                                        after=1))
        for question in document.unanswered:
            text = f"{question.text} ({' / '.join(question.options)})"
            pdf._keep(lambda dry, t=text: pdf._bullet(t, dry, mark="?"))
    for section in document.sections:
        first = True
        for block in section.blocks:
            for index, item in enumerate(block.items):
                draws: list[Callable[[bool], float]] = []
                if first:  # the section title stays with its first step
                    draws.append(lambda dry, t=section.title: pdf._heading(t, dry))
                    pdf.section = None
                    first = False
                if index == 0:
                    pdf.condition = None
                    if block.condition:
                        draws.append(lambda dry, c=block.condition: pdf._condition(c, dry))
                draws.append(lambda dry, i=item: pdf._item(i, dry))
                pdf._keep(*draws)
                pdf.section, pdf.condition = section.title, block.condition or None
    pdf.section = pdf.condition = None
    if not document.sections:
        pdf._para(document.empty_text, False, size=10, after=2)
    _list(pdf, "Gäller alltid", document.general_rules)
    if document.contacts:
        pdf._keep(lambda dry: pdf._heading("Kontakter och telefontider", dry),
                  lambda dry: pdf._contact(document.contacts[0], dry))
        pdf.section = "Kontakter och telefontider"
        for contact in document.contacts[1:]:
            pdf._keep(lambda dry, c=contact: pdf._contact(c, dry))
        pdf.section = None
    _list(pdf, "Kontakter som användes", document.contacts_used)
    return bytes(pdf.output())


def _list(pdf: _Printout, title: str, entries: tuple[str, ...]) -> None:
    if not entries:
        return
    pdf._keep(lambda dry: pdf._heading(title, dry), lambda dry: pdf._bullet(entries[0], dry))
    for entry in entries[1:]:
        pdf._keep(lambda dry, e=entry: pdf._bullet(e, dry))
