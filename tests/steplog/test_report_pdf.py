"""The follow-up report as PDF, read back: tagged PDF/UA like the printouts, fonts
embedded, charts as vectors with their figures in words, and only the protected texts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest

from samverkan_tui.export.statistics_report import Figure, build_report, report_html, report_pdf
from samverkan_tui.steplog.report import merge
from tests.steplog.helpers import START
from tests.steplog.test_report import ROUTINES, assert_pdf_says_what_html_says, desk, simple_walk
from tests.test_export_accessible import fonts, pages_text, squash, struct_types

PRINTED = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


def figure_alts(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                stack.append(node.K)
    return found


@pytest.fixture(scope="module")
def desks(tmp_path_factory) -> tuple:
    folder = tmp_path_factory.mktemp("desks")
    a = desk(folder / "a", [simple_walk(START + dt.timedelta(hours=i), deviation=i < 2) for i in range(7)])
    b = desk(folder / "b", [simple_walk(START + dt.timedelta(hours=i), deviation=i < 6) for i in range(8)])
    return a, merge([a, b], routines=ROUTINES)


@pytest.mark.parametrize("which", ["desk", "merged"])
def test_report_pdf_is_tagged_swedish_with_embedded_fonts_and_vector_charts(desks, which) -> None:
    aggregate = desks[0] if which == "desk" else desks[1]
    report = build_report(aggregate, PRINTED)
    data = report_pdf(report)
    assert data[:5] == b"%PDF-"
    charts = [part.chart for s in report.sections for part in s.parts if isinstance(part, Figure)]
    assert charts
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "sv-SE"
        assert str(pdf.docinfo.Title) == f"{report.short_title} – {report.subtitle}"
        assert bool(pdf.Root.ViewerPreferences.get("/DisplayDocTitle", False))
        types = struct_types(pdf)
        assert types.get("/H1") == 1 and types.get("/H2") == len(report.sections)
        assert types.get("/Table", 0) >= 1 and types.get("/TH", 0) >= 3  # the median table's header
        # Every chart is a figure whose alternative text states its figures in words.
        assert sorted(figure_alts(pdf)) == sorted(c.alt for c in charts)
        assert all(": " in c.alt and c.alt.endswith(".") for c in charts)
        for font in fonts(pdf):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue
            descriptor = font.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
        # Vectors, never a picture of a chart.
        assert not [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    text = " ".join(pages_text(data))
    assert "v. 48" in text  # the line chart's week axis: its text is text, not pixels
    assert "Genomgångar per vecka" in text and "sida 1 av" in text
    if which == "desk":
        # 2 deviations of 7: suppressed, in the facts, the bar's label and the chart's words.
        assert "Avvikelser < 5" in text
        assert "Avvikelser < 5" in squash(report_html(report).replace("&lt;", "<").replace("</th><td>", " "))
        assert any("< 5" in c.alt for c in charts)
        assert "Avvikelser 2" not in text
    else:
        # 2 hidden + 6 shown: the merged total is a range, and the figures say so.
        assert "Avvikelser 7–10" in text and "2 statistikfiler slogs ihop" in text
        assert any("7–10" in c.alt or "< 5" in c.alt for c in charts)
    assert_pdf_says_what_html_says(report, report_html(report))


def test_report_pdf_is_the_same_file_for_the_same_week(desks) -> None:
    report = build_report(desks[0], PRINTED)
    assert report_pdf(report) == report_pdf(report)


def test_an_empty_report_says_so(tmp_path: Path) -> None:
    empty = desk(tmp_path / "tom", [])
    text = " ".join(pages_text(report_pdf(build_report(empty, PRINTED))))
    assert "Inga genomgångar i perioden." in text
