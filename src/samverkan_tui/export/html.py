"""One self-contained HTML file: inline CSS, no scripts, no external requests.

It opens offline on an intranet and prints like the PDF: A4 pages with the
routine's metadata and "sida N av M" in the page margins (where the browser
supports CSS page-margin boxes), no step split across pages, tick boxes and a
date/signature line per step.
"""

from __future__ import annotations

from html import escape as _escape

from samverkan_tui.export.document import (
    DEVIATION,
    DONE,
    NOT_APPLICABLE,
    Document,
    Item,
    number_spans,
)

# Printed marks inside the tick box for a run's statuses (HTML is UTF-8, so any character works).
_MARKS = {DONE: "✓", NOT_APPLICABLE: "–", DEVIATION: "!"}

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
li.step { display: grid; grid-template-columns: 1.4rem 1.9rem 1fr; margin: 0 0 .55rem;
          break-inside: avoid; page-break-inside: avoid; }
.box { width: .95rem; height: .95rem; border: 1.3px solid var(--ink); margin-top: .15rem;
       font-size: .8rem; line-height: .85rem; text-align: center; font-weight: bold; }
.num { font-weight: bold; }
.nobr { white-space: nowrap; }
.body p { margin: 0; }
.due { font-weight: bold; font-size: .92rem; }
.due.late { color: var(--warn); }
.record { font-style: italic; font-size: .92rem; }
.warn { color: var(--warn); font-weight: bold; font-size: .92rem; }
.note, .contact { font-size: .9rem; }
.sign { font-size: .8rem; color: var(--muted); margin-top: .2rem; }
.sign span { display: inline-block; width: 16rem; border-bottom: 1px solid var(--rule); }
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


def _item(item: Item) -> list[str]:
    mark = _MARKS.get(item.status or "", "")
    status = f' title="{_attr(item.record)}"' if item.record else ""
    lines = [f'<li class="step" id="steg-{_attr(item.step_id)}">',
             f'<div class="box"{status}>{mark}</div><div class="num">{item.number}.</div>',
             '<div class="body">', f"<p>{_e(item.text)}</p>"]
    if item.deadline:
        late = " late" if item.overdue else ""
        lines.append(f'<p class="due{late}">{_e(item.deadline)}</p>')
    if item.record:
        lines.append(f'<p class="record">{_e(item.record)}</p>')
    lines += [f'<p class="warn">Varning: {_e(w)}</p>' for w in item.warnings]
    lines += [f'<p class="note">{_e(n)}</p>' for n in item.notes]
    lines += [f'<p class="contact">Kontakt: {_e(c)}</p>' for c in item.contacts]
    lines += ['<p class="sign">Datum/signatur: <span>&nbsp;</span></p>', "</div>", "</li>"]
    return lines


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
        '<table class="meta">',
    ]
    for label, value in (*document.meta, *document.facts):
        out.append(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>")
    out.append("</table>")
    for remark in document.remarks:
        kind = "remark warning" if remark.warning else "remark"
        out.append(f'<p class="{kind}"><strong>{_e(remark.label)}:</strong> {_e(remark.text)}</p>')
    out.append("</header>")
    out.append("<main>")
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
        out += ['<section class="questions">', "<h2>Obesvarade frågor</h2>",
                "<p>Planen kan växa när de besvaras.</p>", "<ul>"]
        for question in document.unanswered:
            out.append(f"<li>{_e(question.text)} ({_e(' / '.join(question.options))})</li>")
        out += ["</ul>", "</section>"]
    for section in document.sections:
        out += ["<section>", f"<h2>{_e(section.title)}</h2>"]
        for block in section.blocks:
            if block.condition:
                out.append(f'<p class="condition">{_e(block.condition)}</p>')
            out.append('<ol class="steps">')
            for item in block.items:
                out += _item(item)
            out.append("</ol>")
        out.append("</section>")
    if not document.sections:
        out.append(f"<p>{_e(document.empty_text)}</p>")
    if document.general_rules:
        out += ["<section>", "<h2>Gäller alltid</h2>", "<ul>"]
        out += [f"<li>{_e(rule)}</li>" for rule in document.general_rules]
        out += ["</ul>", "</section>"]
    if document.contacts:
        out += ["<section>", "<h2>Kontakter och telefontider</h2>"]
        for contact in document.contacts:
            unit = f" ({_e(contact.unit)})" if contact.unit else ""
            out += ['<div class="contact-card">', f'<div class="name">{_e(contact.name)}{unit}</div>',
                    "<ul>"]
            if contact.numbers:
                out.append(f"<li>{_e(contact.numbers)}</li>")
            if contact.hours:
                out.append("<li>Telefontider: " + "; ".join(_e(h) for h in contact.hours) + "</li>")
            if contact.instructions:
                out.append(f"<li>{_e(contact.instructions)}</li>")
            if contact.fallback:
                out.append(f"<li>{_e(contact.fallback)}</li>")
            out += ["</ul>", "</div>"]
        out.append("</section>")
    if document.contacts_used:
        out += ["<section>", "<h2>Kontakter som användes</h2>", "<ul>"]
        out += [f"<li>{_e(used)}</li>" for used in document.contacts_used]
        out += ["</ul>", "</section>"]
    out += ["</main>", f"<footer>{_e(document.footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
