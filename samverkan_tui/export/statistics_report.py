"""The follow-up report (uppföljning) as a printout: HTML and PDF from one report model.

``build_report`` turns an ``Aggregate`` (already disclosure-controlled, see
steplog/report.py) into a ``Report``: a title block like the routine printouts'
(title, subtitle, facts, remarks, footer line) and one section per routine with
its charts (SVG from export/charts.py) and tables. ``report_html`` renders it with the
routine printouts' page setup and CSS (export/html.py); ``report_pdf`` hands it as JSON to
the Typst template ``statistics.typ`` through export/pdf.py's ``compile_pdf``, the one
engine of every PDF. Both look and print like the printouts: A4, the footer line and
"sida N av M" on every page, no chart split across pages.

Only the aggregate's text forms of counts are printed ("< 5", "dolt", "12–19"), so no
number under the threshold can reach the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from samverkan_tui.core.base.dates import MONTH_NAMES
from samverkan_tui.core.walk.status import DEVIATION_CATEGORIES
from samverkan_tui.export.charts import Bar, Chart, bar_chart, line_chart, to_svg
from samverkan_tui.steplog.report import (
    PERIOD_MONTHS,
    Aggregate,
    Count,
    RoutineAggregate,
    iso_week,
    stockholm_week_start,
)
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
    chart: Chart  # export/charts.py: the same SVG in HTML and PDF
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
    short_title: str = ""  # for the PDF's running header; the title when empty


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


def _month(day: dt.date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def period_text(aggregate: Aggregate) -> str:
    """ "oktober 2026 (2026-10-01 – 2026-10-31)" or "v. 40 2026 – v. 44 2026 (…)"."""
    start, end = aggregate.start, aggregate.end
    if start is None or end is None:
        return "inga genomgångar"
    days = f"({start.isoformat()} – {end.isoformat()})"
    if aggregate.period == PERIOD_MONTHS:
        months = _month(start) if _month(start) == _month(end) else f"{_month(start)} – {_month(end)}"
        return f"{months} {days}"
    if start.weekday() == 0 and end.weekday() == 6:
        return f"{week_label(iso_week(start))} – {week_label(iso_week(end))} {days}"
    return f"{start.isoformat()} – {end.isoformat()}"


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


def _section(r: RoutineAggregate, aggregate: Aggregate) -> ReportSection:
    t = aggregate.threshold
    step_label = r.step_label
    partial = (
        aggregate.start is not None
        and aggregate.end is not None
        and (aggregate.start.weekday() != 0 or aggregate.end.weekday() != 6)
    )

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
            "på linjen." + (" Första och sista veckan räknar bara periodens dagar." if partial else ""),
        )
    ]
    sections = [(k, c) for k, c in r.deviations_by_section.items() if not c.is_zero]
    if sections:
        parts.append(
            Figure(
                "Avvikelser per avsnitt",
                bar_chart("Avvikelser per avsnitt", [Bar(r.section_label(k), c) for k, c in sections], t),
                "Alla avvikelser i avsnittet, också i steg vars egna antal är dolda: var avvikelserna "
                "samlas. Numren är pärmens"
                + (
                    "; ett numrerat underavsnitt räknas också i sitt huvudavsnitt."
                    if r.section_parents
                    else "."
                ),
            )
        )
    deviations = _top(r.deviations_by_step, TOP_BARS)
    if deviations:
        rest = sum(1 for c in r.deviations_by_step.values() if not c.is_zero) - len(deviations)
        parts.append(
            Figure(
                "Avvikelser per steg",
                bar_chart("Avvikelser per steg", [Bar(step_label(s), c) for s, c in deviations], t),
                f"De {len(deviations)} steg med flest avvikelser, i rutinens ordning, med pärmens "
                "nummer" + (f"; {rest} steg till finns i JSON-filen." if rest > 0 else "."),
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
            caption += (
                " ca: median av enheternas medianer, viktad med antalet genomgångar; när antalet "
                "är ett intervall gäller medianen bara de genomgångar som räknats exakt."
            )
        parts.append(
            Table(
                "Mediantid från start till klart steg", ("Steg", "Klart i", "Mediantid"), tuple(rows), caption
            )
        )
    title = f"{r.title} ({r.routine})" if r.title else r.routine
    return ReportSection(title, tuple(facts), tuple(parts), r.title or r.routine)


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
                "då som intervall (”12–19”), som ”minst 12” eller som ”< 9”. Filer från samma "
                "handläggare med överlappande perioder slås aldrig ihop, så ingen genomgång "
                "räknas två gånger.",
            )
        )
    if aggregate.uneven:
        remarks.append(
            Remark(
                "Olika perioder",
                "Alla handläggares filer täcker inte hela perioden; veckor utan fil räknas som 0 "
                "för den handläggaren.",
                warning=True,
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

PDF_CHART_FONT = "Libertinus Serif"  # the font statistics.typ sets, embedded from the typst wheel


RUNNING_LIMIT = 95  # characters of a routine's title in the running header: one line


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _part_data(part: Figure | Table) -> dict[str, Any]:
    if isinstance(part, Figure):
        return {
            "kind": "figure",
            "title": part.title,
            "svg": to_svg(part.chart, PDF_CHART_FONT),
            "alt": part.chart.alt or part.chart.title,
            "caption": part.caption,
        }
    return {
        "kind": "table",
        "title": part.title,
        "header": list(part.header),
        "rows": [list(row) for row in part.rows],
        "caption": part.caption,
    }


def report_data(report: Report) -> dict[str, Any]:
    """What statistics.typ reads: the report model as plain JSON values, every count
    already the text the disclosure rules made, exactly as the HTML report prints it."""
    return {
        "title": report.title,
        "title_line": f"{report.short_title} – {report.subtitle}",
        "subtitle": report.subtitle,
        "author": "Samverkan TUI",
        "keywords": ["uppföljning"],
        "header": report.short_title,
        "footer": report.footer,
        "facts": [list(row) for row in report.facts],
        "remarks": [{"label": r.label, "text": r.text, "warning": r.warning} for r in report.remarks],
        "empty_text": "" if report.sections else report.empty_text,
        "sections": [
            {
                "title": section.title,
                "running": _one_line(section.short_title or section.title, RUNNING_LIMIT),
                "facts": [list(row) for row in section.facts],
                "parts": [_part_data(part) for part in section.parts],
            }
            for section in report.sections
        ],
    }


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes: A4, tagged PDF/UA-1, sv-SE, through the printouts' Typst."""
    from samverkan_tui.export.pdf import compile_pdf

    # The file's creation date is the printing week's Monday too: no time of day leaves.
    moment = report.moment or stockholm_week_start(dt.datetime.now(dt.UTC))
    return compile_pdf("statistics.typ", report_data(report), moment)
