"""The follow-up report (uppföljning) as a printout: HTML and PDF from one report model.

``build_report`` turns an ``Aggregate`` (already disclosure-controlled, see
steplog/report.py) into a ``Report``: a title block like the routine printouts'
(title, subtitle, facts, remarks, footer line) and one section per routine with
its charts (SVG from export/charts.py) and tables. ``report_html`` and
``report_pdf`` render it with the page setup, CSS and PDF primitives of the routine
printouts (export/html.py, export/pdf.py), so the report looks and prints like them:
A4, the footer line and "sida N av M" on every page, nothing split across pages.

Only the aggregate's text forms of counts are printed ("< 5", "dolt", "12–19"), so no
number under the threshold can reach the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samverkan_tui.core.session import DEVIATION_CATEGORIES
from samverkan_tui.export.charts import Bar, Chart, bar_chart, line_chart, to_svg
from samverkan_tui.steplog.report import Aggregate, Count, RoutineAggregate, week_monday
from samverkan_tui.steplog.stats import format_duration

TOP_BARS = 12  # steps per bar chart; every step is in the JSON


@dataclass(frozen=True)
class Remark:
    label: str
    text: str
    warning: bool = False


@dataclass(frozen=True)
class Figure:
    title: str
    chart: Chart  # export/charts.py: SVG in HTML, fpdf2 shapes in PDF
    caption: str = ""


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class ReportSection:
    title: str
    facts: tuple[tuple[str, str], ...]
    parts: tuple[Figure | Table, ...]


@dataclass(frozen=True)
class Report:
    """Shaped like export.document.Document's title block, so the renderers' furniture fits."""

    title: str
    short_title: str
    subtitle: str
    footer: str
    facts: tuple[tuple[str, str], ...]
    remarks: tuple[Remark, ...]
    sections: tuple[ReportSection, ...]
    empty_text: str = "Inga genomgångar i perioden."
    moment: dt.datetime | None = None  # Monday 00.00 of the printing week: no time of day
    meta: tuple[tuple[str, str], ...] = field(default=())


def week_label(week: str) -> str:
    """ "v. 47 2026" from "2026-W47"."""
    return f"v. {int(week[6:8])} {week[:4]}"


def period_text(aggregate: Aggregate) -> str:
    if not aggregate.weeks:
        return "inga veckor"
    first, last = aggregate.first_week or "", aggregate.last_week or ""
    start = week_monday(first)
    end = week_monday(last) + dt.timedelta(days=6)
    return f"{week_label(first)} – {week_label(last)} ({start.isoformat()} – {end.isoformat()})"


def akut_text(r: RoutineAggregate, threshold: int) -> str:
    if r.akut is None:
        return "rutinen frågar inte om akut läge"
    share = r.akut_share
    text = r.akut.text(threshold)
    return f"{text} ({round(100 * share)} %)" if share is not None else text


def _top(cells: dict[str, Count], limit: int) -> list[tuple[str, Count]]:
    """The largest cells (by what is known of them), keeping the routine's order among equals."""
    order = {key: i for i, key in enumerate(cells)}
    ranked = sorted(cells.items(), key=lambda kv: (-(kv[1].high or kv[1].low), order[kv[0]]))
    chosen = {key for key, _ in ranked[:limit]}
    return [(key, cell) for key, cell in cells.items() if key in chosen and not cell.is_zero]


def _step_number(r: RoutineAggregate) -> dict[str, int]:
    return {step: index + 1 for index, step in enumerate(r.steps)}


def _section(r: RoutineAggregate, aggregate: Aggregate) -> ReportSection:
    t = aggregate.threshold
    numbers = _step_number(r)

    def step_label(step: str) -> str:
        return f"{numbers.get(step, 0)}. {r.step_label(step)}"

    facts = [
        ("Genomgångar", r.walks.text(t)),
        ("Akuta", akut_text(r, t)),
        ("Avvikelser", r.deviations.text(t)),
    ]
    parts: list[Figure | Table] = [
        Figure(
            "Genomgångar per vecka",
            line_chart(f"Genomgångar per vecka, {r.title or r.routine}", list(r.walks_per_week.items()), t),
            "Fylld punkt: exakt antal. Ring med streckad linje: antalet är dolt och ligger någonstans "
            "på linjen.",
        )
    ]
    deviations = _top(r.deviations_by_step, TOP_BARS)
    if deviations:
        rest = sum(1 for c in r.deviations_by_step.values() if not c.is_zero) - len(deviations)
        parts.append(
            Figure(
                "Avvikelser per steg",
                bar_chart("Avvikelser per steg", [Bar(step_label(s), c) for s, c in deviations], t),
                f"De {len(deviations)} steg med flest avvikelser, i rutinens ordning"
                + (f"; {rest} steg till finns i JSON-filen." if rest > 0 else "."),
            )
        )
    categories = [(k, c) for k, c in r.deviations_by_category.items() if not c.is_zero]
    if categories:
        parts.append(
            Figure(
                "Avvikelser per kategori",
                bar_chart(
                    "Avvikelser per kategori",
                    [Bar(DEVIATION_CATEGORIES.get(k, k), c) for k, c in categories],
                    t,
                ),
                "Varför rutinen inte följdes, med de fasta kategorierna. Kommentarer lämnar aldrig "
                "handläggarens dator.",
            )
        )
    not_applicable = _top(r.not_applicable_by_step, TOP_BARS)
    if not_applicable:
        rest = sum(1 for c in r.not_applicable_by_step.values() if not c.is_zero) - len(not_applicable)
        parts.append(
            Figure(
                "Ej aktuell per steg",
                bar_chart("Ej aktuell per steg", [Bar(step_label(s), c) for s, c in not_applicable], t),
                "Steg som markerats som ej aktuella: kanske passar rutinen inte situationen"
                + (f"; {rest} steg till finns i JSON-filen." if rest > 0 else "."),
            )
        )
    rows = []
    approximate = False
    for step, cell in r.done_by_step.items():
        median = r.median_minutes.get(step)
        if median is None and cell.is_zero:
            continue
        when = "–" if median is None else format_duration(median.minutes * 60)
        if median is not None and median.approximate:
            when = "ca " + when
            approximate = True
        rows.append((step_label(step), cell.text(t), when))
    if rows:
        caption = (
            f"Median visas när steget klarmarkerats i minst {t} genomgångar; "
            "avrundad till 5 minuter, hela timmar från 2 h och hela dagar från 2 d."
        )
        if approximate:
            caption += " ca: median av enheternas medianer, viktad med antalet genomgångar."
        parts.append(
            Table(
                "Mediantid från start till klart steg", ("Steg", "Klart i", "Mediantid"), tuple(rows), caption
            )
        )
    title = f"{r.title} ({r.routine})" if r.title else r.routine
    return ReportSection(title, tuple(facts), tuple(parts))


def build_report(aggregate: Aggregate, printed: dt.datetime | None = None) -> Report:
    t = aggregate.threshold
    merged = aggregate.sources > 1
    sources = f"{aggregate.sources} statistikfiler slogs ihop" if merged else "en handläggares steglogg"
    facts = [
        ("Period", period_text(aggregate)),
        ("Underlag", f"ärenden ur {sources}; övningar räknas inte"),
        (
            "Små tal",
            f"antal under {t} visas som ”< {t}”; ”dolt” där ett antal annars kunde räknas fram ur en summa",
        ),
    ]
    if printed is not None:
        facts.append(("Utskriven", week_label(f"{printed.isocalendar()[0]}-W{printed.isocalendar()[1]:02d}")))
    remarks = [
        Remark(
            "OBS",
            "Rapporten innehåller bara sammanställda antal: inga genomgångar, "
            "inga kommentarer och inga klockslag. Den kan lämnas vidare.",
        )
    ]
    if merged:
        remarks.append(
            Remark(
                "Sammanslagen",
                "Ett antal som var dolt i någon enhets fil förblir dolt: summan visas "
                "då som intervall (”12–19”), som ”minst 12” eller som ”< 9”.",
            )
        )
    footer = f"Uppföljning · {period_text(aggregate)} · tröskel {t}"
    return Report(
        title="Uppföljning av samverkansrutinerna",
        short_title="Uppföljning",
        subtitle="Var följs rutinen inte, och varför" + (" – sammanslagen för enheten" if merged else ""),
        footer=footer,
        facts=tuple(facts),
        remarks=tuple(remarks),
        sections=tuple(_section(r, aggregate) for r in aggregate.routines),
        moment=printed,
    )


# -- HTML -------------------------------------------------------------------------------

_REPORT_CSS = """
figure { margin: .5rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .82rem; color: var(--muted); }
h3 { font-size: .98rem; margin: .8rem 0 .2rem; break-after: avoid; page-break-after: avoid; }
table.figures { border-collapse: collapse; width: 100%; font-size: .85rem; }
table.figures th, table.figures td { text-align: left; padding: .12rem .4rem;
  border-bottom: 1px solid #ddd; vertical-align: top; }
table.figures td.n, table.figures th + th { text-align: right; white-space: nowrap; }
table.figures tr { break-inside: avoid; page-break-inside: avoid; }
section.routine { break-before: page; page-break-before: always; }
section.routine:first-of-type { break-before: auto; page-break-before: auto; }
"""


def report_html(report: Report) -> str:
    from samverkan_tui.export.html import _CSS, _PAGE_CSS, _attr, _css_string, _e

    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_attr(report.short_title)} – {_attr(report.subtitle)}</title>",
        f"<style>{_CSS}{_REPORT_CSS}{_PAGE_CSS.format(footer=_css_string(report.footer))}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="subtitle">{_e(report.subtitle)}</p>',
        '<table class="meta">',
    ]
    out += [f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>" for label, value in report.facts]
    out.append("</table>")
    for remark in report.remarks:
        kind = "remark warning" if remark.warning else "remark"
        out.append(f'<p class="{kind}"><strong>{_e(remark.label)}:</strong> {_e(remark.text)}</p>')
    out += ["</header>", "<main>"]
    if not report.sections:
        out.append(f"<p>{_e(report.empty_text)}</p>")
    for section in report.sections:
        out += ['<section class="routine">', f"<h2>{_e(section.title)}</h2>", '<table class="meta">']
        out += [f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>" for label, value in section.facts]
        out.append("</table>")
        for part in section.parts:
            if isinstance(part, Figure):
                out += ["<figure>", f"<h3>{_e(part.title)}</h3>", to_svg(part.chart)]
                if part.caption:
                    out.append(f"<figcaption>{_e(part.caption)}</figcaption>")
                out.append("</figure>")
            else:
                out += [f"<h3>{_e(part.title)}</h3>", '<table class="figures">', "<tr>"]
                out += [f"<th>{_e(h)}</th>" for h in part.header]
                out.append("</tr>")
                for row in part.rows:
                    cells = [f"<td>{_e(row[0])}</td>"] + [f'<td class="n">{_e(c)}</td>' for c in row[1:]]
                    out.append("<tr>" + "".join(cells) + "</tr>")
                out.append("</table>")
                if part.caption:
                    out.append(f'<p class="sign">{_e(part.caption)}</p>')
        out.append("</section>")
    out += ["</main>", f"<footer>{_e(report.footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


# -- PDF --------------------------------------------------------------------------------


def report_pdf(report: Report) -> bytes:
    from samverkan_tui.export.pdf import _Printout

    pdf = _Printout(report)  # type: ignore[arg-type]  # the title block's fields are the same
    pdf.add_page()
    pdf.title_block()
    if not report.sections:
        pdf._para(report.empty_text, False, size=10, after=2)
    for number, section in enumerate(report.sections):
        if number:
            pdf.add_page()
        pdf.section = None
        pdf._keep(
            lambda dry, s=section: pdf._heading(s.title, dry),
            *[lambda dry, f=f: pdf._meta_row(f[0], f[1], dry) for f in section.facts],
        )
        pdf.section = section.title
        for part in section.parts:
            if isinstance(part, Figure):
                pdf._keep(lambda dry, part=part: _pdf_figure(pdf, part, dry))
            else:
                _pdf_table(pdf, part)
    return bytes(pdf.output())


def _pdf_figure(pdf, figure: Figure, dry: bool) -> float:
    from samverkan_tui.export.charts import draw_pdf
    from samverkan_tui.export.pdf import MUTED

    width = pdf.epw
    height = width * figure.chart.height / figure.chart.width
    if dry:
        caption = pdf._para(figure.caption, True, size=8, after=2) if figure.caption else 2
        return 2 + pdf._para(figure.title, True, size=10, style="B", after=1) + height + 1 + caption
    pdf.ln(2)
    pdf._para(figure.title, False, size=10, style="B", after=1)
    draw_pdf(pdf, figure.chart, pdf.l_margin, pdf.get_y(), width)
    pdf.set_y(pdf.get_y() + height + 1)
    if figure.caption:
        pdf._para(figure.caption, False, size=8, color=MUTED, after=2)
    return 0.0


def _fit(pdf, text: str, width: float) -> str:
    """One line of ``text`` in the current font, cut with "..." to ``width`` mm.

    Measured with the core font's width table directly: a median table has hundreds of
    rows, and fpdf2's get_string_width costs a font lookup per call.
    """
    from samverkan_tui.export.pdf import pdf_safe

    text = " ".join(pdf_safe(text).split())
    widths = pdf.current_font.cw
    scale = pdf.font_size / 1000  # font_size is in mm
    limit = width / scale
    prefix = [0.0]
    for char in text:
        prefix.append(prefix[-1] + widths.get(char, 556))
    if prefix[-1] <= limit:
        return text
    room = limit - 3 * widths.get(".", 278)
    cut = next(i for i in range(len(text), -1, -1) if prefix[i] <= room)
    return text[:cut].rstrip() + "..."


def _width(pdf, text: str) -> float:
    widths = pdf.current_font.cw
    return sum(widths.get(c, 556) for c in text) * pdf.font_size / 1000


def _pdf_table(pdf, table: Table) -> None:
    from samverkan_tui.export.pdf import MM_PER_PT, MUTED, RULE

    size = 8.5
    line = size * MM_PER_PT * 1.25 + 0.8
    columns = (pdf.epw - 40, 20, 20)

    def row(cells: tuple[str, ...], dry: bool, bold: bool = False) -> float:
        if dry:
            return line
        y = pdf.get_y()
        x = pdf.l_margin
        pdf._font(size, "B" if bold else "")
        baseline = y + line - 1.6
        # text() rather than cell(): hundreds of rows, and cell() costs ten times more.
        for index, (text, w) in enumerate(zip(cells, columns, strict=True)):
            fitted = _fit(pdf, text, w - 2 * pdf.c_margin)
            left = x + pdf.c_margin if not index else x + w - pdf.c_margin - _width(pdf, fitted)
            pdf.text(left, baseline, fitted)
            x += w
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.1)
        pdf.line(pdf.l_margin, y + line - 0.2, pdf.l_margin + pdf.epw, y + line - 0.2)
        pdf.set_y(y + line)
        return 0.0

    def title(dry: bool) -> float:
        if dry:
            return 4 + pdf._para(table.title, True, size=10, style="B", after=1)
        pdf.ln(4)
        return pdf._para(table.title, False, size=10, style="B", after=1)

    pdf._keep(
        title,
        lambda dry: row(table.header, dry, bold=True),
        *[lambda dry, r=r: row(r, dry) for r in table.rows[:1]],
    )
    for r in table.rows[1:]:
        pdf._keep(lambda dry, r=r: row(r, dry))
    if table.caption:
        pdf._keep(lambda dry: pdf._para(table.caption, dry, size=8, color=MUTED, after=2))
