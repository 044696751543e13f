"""One block model: a document with every block kind shows each block in every format,
and a plan's "Just nu" line about a contact closed for lunch prints everywhere."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.walk.plan import build_plan
from samverkan_tui.export import render
from samverkan_tui.export.document import (
    Block,
    ContactEntry,
    Document,
    Item,
    QuestionEntry,
    RemarkEntry,
    Section,
    document_for_plan,
)
from samverkan_tui.export.document.blocks import BLOCK_KINDS, layout
from tests.conftest import shipped

FORMATS = ("text", "md", "html", "pdf")

# One distinctive text per block kind: what each format must show.
EVERY_KIND = Document(
    kind="plan",
    title="Provrutin för alla blocktyper",
    short_title="Provrutin",
    subtitle="Underrubrik Ugglan",
    routine_id="prov",
    version="1",
    meta=(("Version", "Metarad Måsen"),),
    facts=(("Beräknad", "Faktarad Falken"),),
    remarks=(RemarkEntry("OBS", "Anmärkning Anden"),),
    review_notice="Översynsruta Orren",
    footer="prov · version 1",
    questions_title="Svar",
    questions=(QuestionEntry("Besvarad fråga Bofinken?", answer="Ja Bofinken"),),
    unanswered=(QuestionEntry("Obesvarad fråga Domherren?", options=("Ja", "Nej")),),
    sections=(
        Section(
            "Kapitelrubrik Kråkan",
            (
                Block(
                    "Om villkor Vipan:",
                    (Item(1, "a", "Punkttext Tranan", deadline="Senast tisdag", reference="P 1.1"),),
                ),
            ),
            condition="Om kapitelvillkor Kajan:",
            text="Stycke Staren",
        ),
    ),
    general_rules=("Regel Rödhaken",),
    contacts=(
        ContactEntry(
            "Kontakt Koltrasten",
            phones=("08-508 03 310",),
            hours=("måndag 08.30–16.00",),
            status="Just nu (12.10): Stängt (lunch), öppnar 13.00",
        ),
    ),
    fill_in=("Dnr",),
    now_title="Gör nu",
    now_lines=("Åtgärd Ärlan (P 1.1)",),
    now_calls=("Ring nu: Kontakt Koltrasten, tel 08-508 03 310",),
    remarks_last=False,
)
SHOWN = {
    "Heading": "Kapitelrubrik Kråkan",
    "Paragraph": "Stycke Staren",
    "Fields": "Dnr",
    "Table": "Faktarad Falken",
    "Remark": "Anmärkning Anden",
    "DoNow": "Åtgärd Ärlan",
    "CallNow": "Ring nu: Kontakt Koltrasten",
    "Questions": "Obesvarad fråga Domherren?",
    "Items": "Punkttext Tranan",
    "Contacts": "Just nu (12.10): Stängt (lunch), öppnar 13.00",
    "Bullets": "Regel Rödhaken",
}


def shown_text(document: Document, format: str) -> str:
    """What a reader sees, whitespace squashed (phone numbers' no-break spaces too)."""
    data = render(document, format)
    if format == "pdf":
        assert isinstance(data, bytes)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        assert isinstance(data, str)
        text = re.sub(r"<[^>]+>", "", data) if format == "html" else re.sub(r"[\\*]", "", data)
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_test_document_has_every_block_kind() -> None:
    kinds = {type(block) for block in layout(EVERY_KIND)}
    assert kinds == set(BLOCK_KINDS)
    assert set(SHOWN) == {kind.__name__ for kind in BLOCK_KINDS}


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_shows_every_block(format: str) -> None:
    text = shown_text(EVERY_KIND, format)
    missing = {kind: words for kind, words in SHOWN.items() if words not in text}
    assert not missing, f"{format} leaves out {missing}"
    # The remaining texts of the document, whichever block holds them.
    for words in ("Besvarad fråga Bofinken? Ja Bofinken", "Om villkor Vipan:", "Om kapitelvillkor Kajan:"):
        assert words in text, (format, words)
    assert "Översynsruta Orren" in text and "08-508 03 310" in text


@pytest.mark.parametrize("format", FORMATS)
def test_a_plans_contact_closed_for_lunch_says_so_in_every_format(format: str) -> None:
    """The plan's contact line "Just nu (12.10): Stängt (lunch) …" printed only in text."""
    routine = shipped("botkyrka-forskola-skola")
    # Förskolan reports straight to the mottagningsgrupp (an action with its phones); the
    # school's phone route is an alternative since issue 24 (B4), so it has no "Ring nu".
    answers = {
        "verksamhet": "forskola",
        "skede": "anmalan",
        "akut": "nej",
        "konsultation": "nej",
        "familj_motiverad": "ja",
    }
    now = parse_now("2026-12-07T12:10")  # a Monday, in the mottagning's lunch break
    document = document_for_plan(build_plan(routine, answers, now))
    text = shown_text(document, format)
    assert "Just nu (12.10): Stängt (lunch), öppnar 13.00" in text
    assert "Ring nu: Socialjouren" in text  # who to call instead, in "Gör nu"


def test_no_phone_number_breaks_over_two_lines_in_text() -> None:
    number = "08-508 03 310"
    filler = "ord " * 17  # puts the number across column 80 unless kept together
    contact = ContactEntry("Namn", instructions=f"{filler}ring {number} vid behov {filler}")
    document = Document(kind="plan", title="T", contacts=(contact,))
    text = str(render(document, "text", width=60))
    assert number in text
    for width in (40, 50, 61, 77):
        assert number in str(render(document, "text", width=width)), width


def test_phone_numbers_are_kept_whole_in_markdown_html_and_the_pdf_data() -> None:
    from samverkan_tui.export.pdf import _keep_numbers, document_data

    number = "08-508 03 310"
    kept = number.replace(" ", "\u00a0")
    assert kept in str(render(EVERY_KIND, "md"))  # a wiki never wraps inside it
    assert f'<span class="nobr">{number}</span>' in str(render(EVERY_KIND, "html"))
    data = json.dumps(_keep_numbers(document_data(EVERY_KIND)), ensure_ascii=False)
    assert kept in data and number not in data  # what Typst typesets


def test_a_plan_document_draws_its_calendar_key_once() -> None:
    routine = shipped("rvt-bou")
    plan = build_plan(routine, {"inkom": "bou"}, dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    first, second = document_for_plan(plan), document_for_plan(plan)
    assert first.calendar_key and second.calendar_key and first.calendar_key != second.calendar_key
