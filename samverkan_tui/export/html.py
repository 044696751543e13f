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

from html import escape as _escape

from samverkan_tui.core.base.phone_numbers import number_spans
from samverkan_tui.core.walk.status import DONE
from samverkan_tui.export.document import Document, Item, Section, status_line

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
.now { border: 1.5px solid var(--ink); padding: .4rem .7rem; margin: .3rem 0 .8rem; }
.now ul { margin: .2rem 0; padding-left: 0; list-style: none; }
.now h2 { margin-top: .1rem; }
.now li { margin-bottom: .2rem; }
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


def _remarks(document: Document) -> list[str]:
    out = []
    if document.review_notice:
        out.append(f'<p class="remark warning"><strong>Översyn:</strong> {_e(document.review_notice)}</p>')
    for remark in document.remarks:
        kind = "remark warning" if remark.warning else "remark"
        out.append(f'<p class="{kind}"><strong>{_e(remark.label)}:</strong> {_e(remark.text)}</p>')
    return out


def _meta(rows: tuple[tuple[str, str], ...]) -> list[str]:
    if not rows:
        return []
    out = ['<table class="meta">']
    out += [f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>' for label, value in rows]
    out.append("</table>")
    return out


def _section(section: Section, level: int, signatures: bool) -> list[str]:
    out = ["<section>"]
    if section.title:
        title = f"{section.number} {section.title}" if section.number else section.title
        out.append(f"<h{level}>{_e(title)}</h{level}>")
    if section.condition:
        out.append(f'<p class="condition section-condition">{_e(section.condition)}</p>')
    if section.text:
        out.append(f'<p class="section-text">{_e(section.text)}</p>')
    for block in section.blocks:
        if not block.items:
            continue
        if block.condition:
            out.append(f'<p class="condition">{_e(block.condition)}</p>')
        out.append('<ol class="steps">')
        for item in block.items:
            out += _item(item, signatures)
        out.append("</ol>")
    out.append("</section>")
    return out


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
        "<header>",
        f"<h1>{_e(document.title)}</h1>",
        f'<p class="subtitle">{_e(document.subtitle)}</p>',
    ]
    if document.fill_in:
        out.append('<div class="fill-in" aria-label="Fylls i för hand">')
        out += [f'<div>{_e(label)}<span class="line"></span></div>' for label in document.fill_in]
        out.append("</div>")
    out.append("</header>")
    out.append("<main>")
    if document.now_lines:
        out += ['<section class="now">', f"<h2>{_e(document.now_title)}</h2>", "<ul>"]
        out += [f"<li>{_e(line)}</li>" for line in document.now_lines]
        out += ["</ul>", "</section>"]
    last = document.remarks_last
    out += _meta(document.facts if last else (*document.meta, *document.facts))
    if not last:
        out += _remarks(document)
    if document.questions:
        out += ['<section class="questions">', f"<h2>{_e(document.questions_title)}</h2>", "<ul>"]
        for question in document.questions:
            if question.answer:
                out.append(f"<li>{_e(question.text)} <strong>{_e(question.answer)}</strong></li>")
                continue
            out.append(f"<li><strong>{_e(question.text)}</strong>")
            out.append(f'<div class="detail">Svar: {_e(" / ".join(question.options))}</div>')
            if question.condition:
                out.append(f'<div class="detail">{_e(question.condition)}</div>')
            if question.help:
                out.append(f'<div class="detail"><em>{_e(question.help)}</em></div>')
            out.append("</li>")
        out += ["</ul>", "</section>"]
    if document.unanswered:
        out += [
            '<section class="questions">',
            "<h2>Obesvarade frågor</h2>",
            "<p>Planen kan växa när de besvaras.</p>",
            "<ul>",
        ]
        for question in document.unanswered:
            out.append(f"<li>{_e(question.text)} ({_e(' / '.join(question.options))})</li>")
        out += ["</ul>", "</section>"]
    # Headings never skip a level: phases are h2 where there are any, the source's under them.
    offset = 2 if any(s.level == 0 for s in document.sections) else 1
    for section in document.sections:
        out += _section(section, min(section.level + offset, 6), document.signatures)
    if not document.items:
        out.append(f"<p>{_e(document.empty_text)}</p>")
    if document.general_rules:
        out += ["<section>", "<h2>Gäller alltid</h2>", "<ul>"]
        out += [f"<li>{_e(rule)}</li>" for rule in document.general_rules]
        out += ["</ul>", "</section>"]
    if document.contacts:
        out += ["<section>", "<h2>Kontakter och telefontider</h2>", '<ul class="contacts">']
        for contact in document.contacts:
            unit = f" ({_e(contact.unit)})" if contact.unit else ""
            out += ['<li class="contact-card">', f'<div class="name">{_e(contact.name)}{unit}</div>', "<ul>"]
            if contact.numbers:
                out.append(f"<li>{_e(contact.numbers)}</li>")
            if contact.hours:
                out.append("<li>Telefontider: " + "; ".join(_e(h) for h in contact.hours) + "</li>")
            if contact.instructions:
                out.append(f"<li>{_e(contact.instructions)}</li>")
            if contact.fallback:
                out.append(f"<li>{_e(contact.fallback)}</li>")
            out += ["</ul>", "</li>"]
        out += ["</ul>", "</section>"]
    if document.contacts_used:
        out += ["<section>", "<h2>Kontakter som användes</h2>", "<ul>"]
        out += [f"<li>{_e(used)}</li>" for used in document.contacts_used]
        out += ["</ul>", "</section>"]
    if last:
        out += ["<section>", "<h2>Om rutinen</h2>", *_meta(document.meta), *_remarks(document), "</section>"]
    out += ["</main>", f"<footer>{_e(document.footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
