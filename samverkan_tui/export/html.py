"""One self-contained HTML file: inline CSS, no scripts, no external requests.

It opens offline on an intranet and prints like the PDF: A4 pages with the
routine's metadata and "sida N av M" in the page margins (where the browser
supports CSS page-margin boxes), no item split across pages, a tick box with its
label per action and "Datum"/"Sign." fields (unless the binder copy leaves them out).

Semantic for screen readers and the intranet: ``lang="sv"``, one ``h1``, headings
that never skip a level, the items as ordered lists, each check box labelled by
its item's text, information items as list items without a box.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as _escape

from samverkan_tui.core.base.phone_numbers import number_spans
from samverkan_tui.core.walk.status import DONE
from samverkan_tui.export.document.blocks import (
    Bullets,
    CallNow,
    Contacts,
    DoNow,
    Fields,
    Heading,
    Items,
    Paragraph,
    Questions,
    Remark,
    Table,
    layout,
)
from samverkan_tui.export.document.model import Document, Item, status_line

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #999; --warn: #8a1c00; --warn-bg: #fff4e5;
        --info-bg: #eef4fb; }
* { box-sizing: border-box; }
html { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
       color: var(--ink); font-size: 11pt; line-height: 1.35; }
body { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.45rem; margin: 0 0 .2rem; line-height: 1.2; }
.subtitle { font-size: 1.05rem; color: var(--muted); margin: 0 0 .8rem; }
h2 { font-size: 1.1rem; border-bottom: 1px solid var(--rule); padding-bottom: .15rem;
     margin: 1.3rem 0 .5rem; break-after: avoid; page-break-after: avoid; }
table.meta { border-collapse: collapse; font-size: .88rem; margin-bottom: .6rem; }
table.meta th { text-align: left; vertical-align: top; padding: .05rem .8rem .05rem 0;
                white-space: nowrap; }
table.meta td { padding: .05rem 0; }
.remark { border-left: 4px solid #2b6cb0; background: var(--info-bg); padding: .35rem .6rem;
          margin: .4rem 0; font-size: .92rem; break-inside: avoid; }
.remark.warning { border-color: var(--warn); background: var(--warn-bg); }
.questions li { margin-bottom: .3rem; }
.questions .detail { color: var(--muted); font-size: .88rem; }
.condition { font-weight: bold; font-style: italic; margin: .7rem 0 .3rem;
             break-after: avoid; page-break-after: avoid; }
ol.steps { list-style: none; padding: 0; margin: 0; }
li.step { display: grid; grid-template-columns: 1.6rem 2.6rem 1fr; margin: 0 0 .7rem;
          break-inside: avoid; page-break-inside: avoid; }
li.info { color: var(--ink); }
li.info .num { color: var(--muted); font-weight: normal; }
input.box { width: 5mm; height: 5mm; margin: .05rem 0 0; accent-color: var(--ink); }
.num { font-weight: bold; }
.kind { font-style: italic; color: var(--muted); }
.status { font-weight: bold; font-size: .92rem; }
.status.avvikelse { color: var(--warn); }
.legal { font-size: .92rem; }
.fields { display: flex; gap: 1.2rem; margin-top: .35rem; font-size: 8.5pt; color: var(--muted); }
.fields span.field { display: inline-flex; align-items: flex-end; gap: .4rem; }
.fields span.line { display: inline-block; height: 7.5mm; border-bottom: 1px solid #000; }
.fields .date span.line { width: 34mm; } .fields .sign span.line { width: 52mm; }
.fill-in { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem 2rem; border: 1px solid var(--rule);
           padding: .6rem .8rem; margin: .6rem 0 1rem; break-inside: avoid; }
.fill-in div { display: flex; flex-direction: column; font-size: 9pt; font-weight: bold; }
.fill-in span.line { height: 9mm; border-bottom: 1px solid #000; }
ol.now, ul.now { border: 1.5px solid var(--ink); padding: .4rem .7rem .4rem 2rem; margin: .3rem 0 .5rem; }
ul.now.calls { list-style: none; padding-left: .7rem; }
.now li { margin-bottom: .2rem; }
.status-now { font-weight: bold; }
.section-condition, .section-text { break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.02rem; margin: 1rem 0 .35rem; break-after: avoid; page-break-after: avoid; }
h4, h5, h6 { font-size: .98rem; margin: .8rem 0 .3rem; break-after: avoid; page-break-after: avoid; }
.nobr { white-space: nowrap; }
.body p { margin: 0; }
.due { font-weight: bold; font-size: .92rem; }
.due.late { color: var(--warn); }
.record { font-style: italic; font-size: .92rem; }
.warn { color: var(--warn); font-weight: bold; font-size: .92rem; }
.note, .contact { font-size: .9rem; }
ul.contacts { list-style: none; padding: 0; }
.contact-card { break-inside: avoid; page-break-inside: avoid; margin-bottom: .6rem; }
.contact-card .name { font-weight: bold; }
.contact-card ul { margin: .1rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
footer { margin-top: 1.5rem; border-top: 1px solid var(--rule); padding-top: .3rem;
         font-size: .8rem; color: var(--muted); }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
}
"""

# The page margins carry the metadata and page numbers; browsers without margin boxes
# (Firefox) still print A4, with the metadata at the top and the footer line at the end.
_PAGE_CSS = """
@page {{ size: A4; margin: 16mm 16mm 18mm 18mm;
  @bottom-left {{ content: "{footer}"; font-size: 8pt; color: #555; }}
  @bottom-right {{ content: "sida " counter(page) " av " counter(pages); font-size: 8pt;
                   color: #555; }} }}
"""


def _e(text: str) -> str:
    """Escaped text; phone numbers in a no-wrap span so that a line never splits one."""
    out, last = [], 0
    for start, end in number_spans(text):
        out.append(_escape(text[last:start], quote=True))
        out.append(f'<span class="nobr">{_escape(text[start:end], quote=True)}</span>')
        last = end
    out.append(_escape(text[last:], quote=True))
    return "".join(out)


def _attr(text: str) -> str:
    """Escaped for an attribute value or <title>, where markup is not allowed."""
    return _escape(text, quote=True)


def _css_string(text: str) -> str:
    """Text inside a CSS string literal: no quotes, backslashes or tag ends can break out."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")


def _item(item: Item, signatures: bool) -> list[str]:
    number = item.label
    anchor = f' id="punkt-{_attr(item.step_id)}"'
    ref = f' title="{_attr(item.reference)}"' if item.reference else ""
    if item.checkable:
        box_id = f"kryss-{_attr(item.step_id)}"
        checked = " checked" if item.status == DONE else ""
        lines = [
            f'<li class="step"{anchor}>',
            f'<input type="checkbox" class="box" id="{box_id}"{checked}>',
            f'<span class="num"{ref}>{_e(number)}</span>',
            '<div class="body">',
            f'<p><label for="{box_id}">'
            + (f'<span class="role">({_e(item.role)})</span> ' if item.role else "")
            + f"{_e(item.text)}</label></p>",
        ]
    else:
        kind = (
            f'<span class="kind">{_e(item.kind_label)}:</span> '
            if item.kind_label not in ("", "Information")
            else ""
        )
        lines = [
            f'<li class="step info"{anchor}>',
            "<span></span>",
            f'<span class="num"{ref}>{_e(number)}</span>',
            '<div class="body">',
            f"<p>{kind}{_e(item.text)}</p>",
        ]
    if item.deadline:
        late = " late" if item.overdue else ""
        lines.append(f'<p class="due{late}">{_e(item.deadline)}</p>')
    if item.legal:
        lines.append(f'<p class="legal">{_e(item.legal)}</p>')
    if item.status:
        lines.append(f'<p class="status {_attr(item.status)}">{_e(status_line(item))}</p>')
    lines += [f'<p class="warn">Varning: {_e(w)}</p>' for w in item.warnings]
    lines += [f'<p class="note">{_e(n)}</p>' for n in item.notes]
    lines += [f'<p class="contact">Kontakt: {_e(c)}</p>' for c in item.contacts]
    if item.checkable and signatures:
        lines.append(
            '<p class="fields"><span class="field date">Datum <span class="line"></span></span>'
            '<span class="field sign">Sign. <span class="line"></span></span></p>'
        )
    lines += ["</div>", "</li>"]
    return lines


def _heading(block: Heading, page: _Page) -> list[str]:
    return [f"<h{block.level}>{_e(block.text)}</h{block.level}>"]


def _paragraph(block: Paragraph, page: _Page) -> list[str]:
    css = {
        "subtitle": "subtitle",
        "condition": "condition section-condition",
        "section": "section-text",
        "note": "note",
    }.get(block.role, "")
    return [f'<p class="{css}">{_e(block.text)}</p>' if css else f"<p>{_e(block.text)}</p>"]


def _fields(block: Fields, page: _Page) -> list[str]:
    out = ['<div class="fill-in" role="group" aria-label="Fylls i för hand">']
    out += [f'<div>{_e(label)}<span class="line"></span></div>' for label in block.labels]
    return [*out, "</div>"]


def _table(block: Table, page: _Page) -> list[str]:
    out = ['<table class="meta">']
    out += [f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>' for label, value in block.rows]
    return [*out, "</table>"]


def _remark(block: Remark, page: _Page) -> list[str]:
    kind = "remark warning" if block.warning else "remark"
    label = block.label[0].upper() + block.label[1:].lower()
    return [f'<p class="{kind}"><strong>{_e(label)}:</strong> {_e(block.text)}</p>']


def _do_now(block: DoNow, page: _Page) -> list[str]:
    return ['<ol class="now">', *(f"<li>{_e(action)}</li>" for action in block.actions), "</ol>"]


def _call_now(block: CallNow, page: _Page) -> list[str]:
    return ['<ul class="now calls">', *(f"<li>{_e(line)}</li>" for line in block.lines), "</ul>"]


def _questions(block: Questions, page: _Page) -> list[str]:
    out = ['<ul class="questions">']
    for question in block.entries:
        if block.open:
            options = f" ({_e(' / '.join(question.options))})" if question.options else ""
            out.append(f"<li>{_e(question.text)}{options}</li>")
            continue
        if question.answer:
            out.append(f"<li>{_e(question.text)} <strong>{_e(question.answer)}</strong></li>")
            continue
        key = f"<code>{_e(question.key)}</code>: " if question.key else ""
        out.append(f"<li>{key}<strong>{_e(question.text)}</strong>")
        if question.key:
            pairs = zip(question.values, question.options, strict=True)
            answers = " / ".join(f"<code>{_e(value)}</code> = {_e(label)}" for value, label in pairs)
            out.append(f'<div class="detail">Svar: {answers}</div>')
        elif question.options:
            out.append(f'<div class="detail">Svar: {_e(" / ".join(question.options))}</div>')
        if question.condition:
            out.append(f'<div class="detail">{_e(question.condition)}</div>')
        if question.help:
            out.append(f'<div class="detail"><em>{_e(question.help)}</em></div>')
        out.append("</li>")
    return [*out, "</ul>"]


def _items(block: Items, page: _Page) -> list[str]:
    out = [f'<p class="condition">{_e(block.condition)}</p>'] if block.condition else []
    out.append('<ol class="steps">')
    for item in block.items:
        out += _item(item, page.signatures)
    return [*out, "</ol>"]


def _contacts(block: Contacts, page: _Page) -> list[str]:
    out = ['<ul class="contacts">']
    for contact in block.entries:
        unit = f" ({_e(contact.unit)})" if contact.unit else ""
        out += ['<li class="contact-card">', f'<div class="name">{_e(contact.name)}{unit}</div>', "<ul>"]
        if contact.numbers:
            out.append(f"<li>{_e(contact.numbers)}</li>")
        if contact.hours:
            out.append("<li>Telefontider: " + "; ".join(_e(h) for h in contact.hours) + "</li>")
        for extra in (contact.instructions, contact.fallback):
            if extra:
                out.append(f"<li>{_e(extra)}</li>")
        if contact.status:
            out.append(f'<li class="status-now">{_e(contact.status)}</li>')
        out += ["</ul>", "</li>"]
    return [*out, "</ul>"]


def _bullets(block: Bullets, page: _Page) -> list[str]:
    return ["<ul>", *(f"<li>{_e(entry)}</li>" for entry in block.entries), "</ul>"]


class _Page:
    def __init__(self, document: Document) -> None:
        self.signatures = document.signatures


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


def document_html(document: Document) -> str:
    """The printout as a complete HTML page (UTF-8)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_attr(document.short_title)} – {_attr(document.subtitle)}</title>",
        f"<style>{_CSS}{_PAGE_CSS.format(footer=_css_string(document.footer))}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(document.title)}</h1>",
    ]
    page = _Page(document)
    for block in layout(document):
        out += _RENDER[type(block)](block, page)
    out += ["</main>", f"<footer>{_e(document.footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
