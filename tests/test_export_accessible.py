"""Printouts that pass as accessible public documents (lag 2018:1937), read back.

PDF: tagged with a structure tree (headings, lists, list items), sv-SE, the title as the
document title, bookmarks for phases and sections, every font embedded. HTML: one h1,
headings in order, every check box labelled. Calendar: one event per due action.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.references import item_references
from samverkan_tui.core.walk.plan import build_plan
from samverkan_tui.export import render
from samverkan_tui.export.document import FILL_IN_FIELDS, document_for_plan, document_for_routine
from samverkan_tui.export.ics import event_uid
from tests.conftest import shipped

SHIPPED = [
    "rvt-bou",
    "botkyrka-forskola-skola",
    "ekero-vald-i-nara-relation",
    "vasterbotten-sexuell-beteendeproblematik",
]
NOW = parse_now("2026-11-23T10:00")
INKOM = parse_now("2026-11-20T09:00")
FIXTURE = Path(__file__).parent / "data" / "format2.toml"


def fixture_routine():
    result = load_routine(FIXTURE)
    assert result.routine is not None, [str(p) for p in result.problems]
    return result.routine


def fixture_plan():
    routine = fixture_routine()
    return build_plan(routine, {"akut": "ja"}, NOW, {"anmalan": INKOM})


def squash(text: str) -> str:
    return " ".join(text.split())


def pages_text(data: bytes) -> list[str]:
    return [squash(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def struct_types(pdf: pikepdf.Pdf) -> dict[str, int]:
    counts: dict[str, int] = {}
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/S" in node:
            counts[str(node.S)] = counts.get(str(node.S), 0) + 1
        if "/K" in node:
            stack.append(node.K)
    return counts


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack[:0] = list(item.children)
        return titles


def fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found = []
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            found.append(font)
            found.extend(font.get("/DescendantFonts", []))
    return found


@pytest.fixture(scope="module")
def whole() -> dict[str, tuple]:
    out = {}
    for routine_id in [*SHIPPED, "fixture"]:
        routine = fixture_routine() if routine_id == "fixture" else shipped(routine_id)
        document = document_for_routine(routine, NOW)
        out[routine_id] = (routine, document, render(document, "pdf"))
    return out


@pytest.mark.parametrize("routine_id", [*SHIPPED, "fixture"])
def test_pdf_is_tagged_swedish_titled_bookmarked_with_embedded_fonts(routine_id: str, whole) -> None:
    _routine, document, data = whole[routine_id]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "sv-SE"
        assert str(pdf.docinfo.Title) == f"{document.short_title} – {document.subtitle}"
        assert bool(pdf.Root.ViewerPreferences.get("/DisplayDocTitle", False))
        types = struct_types(pdf)
        assert types.get("/L", 0) >= 1 and types.get("/LI", 0) >= len(document.items)
        assert any(t.startswith("/H") for t in types)
        bookmarks = outline_titles(pdf)
        for section in document.sections:
            if section.title:
                assert any(section.title in title for title in bookmarks), section.title
        for font in fonts(pdf):
            if str(font.Subtype) == "/Type0":
                continue  # its descendant carries the descriptor
            descriptor = font.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_pdffonts_says_every_font_is_embedded(whole, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "rutin.pdf"
    path.write_bytes(whole["fixture"][2])
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), lines


def test_european_names_print_as_themselves(whole) -> None:
    _, _, data = whole["fixture"]
    assert "Čapek, Ćosić, Şahin och Ŋ" in pages_text(data)[0]


@pytest.mark.parametrize("routine_id", [*SHIPPED, "fixture"])
def test_every_action_once_with_its_fields_and_information_without(routine_id: str, whole) -> None:
    routine, document, data = whole[routine_id]
    text = "".join(" ".join(pages_text(data)).split())
    actions = [i for i in document.items if i.checkable]
    assert text.count("DatumSign.") == len(actions)
    refs = item_references(routine)
    for item in document.items:
        label = refs[item.step_id].split(" ", 1)[1]
        role = f"({item.role})" if item.checkable and item.role else ""
        assert (
            text.count("".join(f"{label}{role}{item.text}".split()))
            + text.count("".join(f"{label}{item.kind_label}:{role}{item.text}".split()))
            == 1
        ), item.step_id


def test_information_items_have_no_box_or_fields(whole) -> None:
    _, _document, data = whole["fixture"]
    text = " ".join(pages_text(data))
    # The principle and the lead-in's two items run straight on, no fields between them.
    assert (
        "1.1 Princip: Barnets bästa ska alltid komma i första rummet. 1.2 (Enhet A) Registrera anmälan."
    ) in text
    assert "1.4 barnets namn och ålder 1.5 vad oron gäller" in text
    assert "Anmälan bör innehålla:" in text
    # The section's title states its condition ("Om situationen är akut"): said once, as
    # the heading over its item, not again as a condition line under it.
    assert "2 Om situationen är akut 2.1 (Enhet B) Gör en skyddsbedömning." in text
    assert text.count("Om situationen är akut") == 1
    # Where a title does not say it, the condition is printed: every section's and item's
    # condition of the whole RVT–BoU routine stands in its PDF.
    _, rvt, rvt_data = whole["rvt-bou"]
    rvt_text = " ".join(pages_text(rvt_data))
    conditions = {s.condition for s in rvt.sections if s.condition}
    conditions |= {b.condition for s in rvt.sections for b in s.blocks if b.condition}
    assert "Om klienten tackat ja till insats och situationen är akut:" in conditions
    assert [c for c in conditions if c not in rvt_text] == []


def test_binder_copy_has_no_signature_fields(whole) -> None:
    import dataclasses

    _, document, _ = whole["fixture"]
    data = render(dataclasses.replace(document, signatures=False), "pdf")
    text = " ".join(pages_text(data))
    assert "Sign." not in text and "1.2 (Enhet A) Registrera anmälan." in text


def test_review_notice_is_on_page_one(whole) -> None:
    _, document, data = whole["vasterbotten-sexuell-beteendeproblematik"]
    first = pages_text(data)[0]
    assert document.review_notice and squash(f"Översyn: {document.review_notice}") in first


def test_plan_page_one_starts_with_the_fill_in_fields_then_what_to_do_now() -> None:
    plan = fixture_plan()
    document = document_for_plan(plan)
    first = pages_text(render(document, "pdf"))[0]
    head = squash(f"{document.title} {document.subtitle}")
    assert first.startswith(head)
    assert first[len(head) :].startswith(" " + " ".join(FILL_IN_FIELDS))
    assert first.index("Gör nu") < first.index("Svar")
    # Due dates and the law's date where it overrides the routine, as the core states them.
    assert "Senast fredag 20 november 2026 (samma dag som anmälan kom in)" in first
    assert "senast fredag 4 december 2026 (inom 14 dagar från att anmälan kom in)" in first
    assert "Ring nu: Mottagningen, tel 08-123 45 67 (öppet till 16.00). Telefontider:" in first


def test_plan_items_say_their_due_date_and_legal_reference() -> None:
    document = document_for_plan(fixture_plan())
    items = {i.step_id: i for i in document.items}
    assert items["registrera"].due == dt.date(2026, 11, 20)
    assert items["besluta"].due == dt.date(2026, 12, 4)
    assert items["besluta"].deadline.startswith("Lagen: beslut om att inleda")
    assert items["besluta"].legal == "Lagrum: socialtjänstlagen (2025:400); kontrollera paragrafen"
    assert items["princip"].due is None and not items["princip"].checkable
    text = " ".join(pages_text(render(document, "pdf")))
    assert "Lagrum: socialtjänstlagen (2025:400); kontrollera paragrafen" in text
    # Remarks for the routine's owners go to the end of a plan.
    assert text.rindex("Om rutinen") > text.index("Kontakter och telefontider")


# -- HTML --------------------------------------------------------------------------------


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.boxes: list[str] = []
        self.labels: list[str] = []
        self.lang = ""
        self.in_list = 0
        self.items_outside_lists = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "input" and values.get("type") == "checkbox":
            self.boxes.append(values.get("id") or "")
        if tag == "label":
            self.labels.append(values.get("for") or "")
        if tag in ("ol", "ul"):
            self.in_list += 1
        if tag == "li" and not self.in_list:
            self.items_outside_lists += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul"):
            self.in_list -= 1


@pytest.mark.parametrize("routine_id", [*SHIPPED, "fixture", "plan"])
def test_html_is_semantic(routine_id: str, whole) -> None:
    document = document_for_plan(fixture_plan()) if routine_id == "plan" else whole[routine_id][1]
    outline = _Outline()
    outline.feed(render(document, "html"))
    assert outline.lang == "sv"
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, outline.headings  # never skips a level
    assert len(outline.boxes) == sum(i.checkable for i in document.items)
    assert sorted(outline.boxes) == sorted(outline.labels)  # every box has its label
    assert outline.items_outside_lists == 0


# -- calendar ----------------------------------------------------------------------------


def test_ics_has_one_all_day_event_per_due_action_with_a_reminder() -> None:
    from icalendar import Calendar

    document = document_for_plan(fixture_plan())
    text = render(document, "ics")
    # A plan is accepted as it is; it becomes a document of its own, with its own key.
    other = render(fixture_plan(), "ics")
    assert isinstance(text, str) and isinstance(other, str)
    assert re.sub("UID:.*", "", text) == re.sub("UID:.*", "", other) and text != other
    calendar = Calendar.from_ical(text)
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Stockholm"
    events = list(calendar.walk("VEVENT"))
    due = [i for i in document.items if i.checkable and i.due]
    assert [str(e["SUMMARY"]) for e in events] == [i.legal_title or i.text for i in due]
    for event, item in zip(events, due, strict=True):
        assert event.decoded("DTSTART") == item.due  # a date: all day
        assert event.decoded("DTEND") == item.due + dt.timedelta(days=1)
        description = str(event["DESCRIPTION"])
        assert document.title in description and item.reference in description
        assert item.deadline in description
        assert str(event["UID"]) == event_uid(document.calendar_key, "test-format2", item.step_id)
        assert event.decoded("SEQUENCE") == 0
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -dt.timedelta(hours=15)
    # No personal data: nothing but the routine's own words and dates.
    assert "Dnr" not in text and "Handläggare" not in text


def test_ics_of_one_document_is_the_same_on_every_render() -> None:
    """UIDs belong to the document (a walk, or one plan document), never to the due date:
    tests/test_calendar.py checks walks, corrected dates and SEQUENCE."""
    document = document_for_plan(fixture_plan())
    assert render(document, "ics") == render(document, "ics")


def test_ics_of_a_whole_routine_is_refused() -> None:
    from samverkan_tui.export import ExportError

    with pytest.raises(ExportError, match="ange svaren"):
        render(document_for_routine(fixture_routine(), NOW), "ics")
