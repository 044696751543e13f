"""Path fixtures for the Västerbotten routine on sexual behaviour problems in children and
young people (format 2): answers → the exact items expected, in the source's order.

Every expected list is compared with `==`: the order is part of the expectation.
"""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.routine.model import CHECKPOINT
from samverkan_tui.core.validation.validate import validate_file
from samverkan_tui.core.walk.plan import build_plan
from tests.conftest import CHECKLISTS, shipped

ROUTINE_ID = "vasterbotten-sexuell-beteendeproblematik"
ROUTINE = shipped(ROUTINE_ID)

# Items every walk contains, split where the conditional items fall in the source's order.
CHECKLIST = [
    "chk-avslojande",
    "chk-offer",
    "chk-forovare",
    "chk-fler-offer",
    "chk-skydd",
    "chk-anmalan",
    "chk-krissamtal",
    "chk-riskbedomning",
    "chk-utredning",
]
NEEDS = ["behov-skiljas", "behov-omgivning", "behov-riskbedomning", "behov-screening", "behov-insatser"]
SOC_FIRST = ["soc-skyddsbedomning", "soc-utredning", "soc-polisanmalan", "soc-erasor"]
SOC_COURT = ["soc-yttrande", "soc-dialog-polis"]

# Answers → the plan, in order. Sections in the source's order: Checklista för
# professionella, Vad behöver den som utsatt någon annan?, the duty-to-report paragraph,
# Ansvarsområden (Socialtjänst, Primärvård och BUP), Rutin samverkan (Socialtjänsten,
# Regionen, Samverkan).
PATHS = {
    "Skolan upptäcker, under 15, ingen riskbedömning, ingen vårdkontakt, BUP okänt": (
        {
            "upptackt": "skola",
            "under_15": "ja",
            "risk": "ej_gjord",
            "vardkontakt": "nej",
            "bup": "vet_inte",
        },
        [
            *CHECKLIST,
            *NEEDS,
            "anmalan-plikt",
            "anmalan-kontakta",
            *SOC_FIRST,
            "soc-samordna",
            "region-utreda",
            "region-kontaktcenter",
            "region-behandling",
            "region-krisstod-primarvard",
            "region-samverka",
            "soc-forhandsbedomning",
            "soc-sol-eller-lvu",
            "soc-lul31",
            *SOC_COURT,
            "samverkan-sip",
        ],
    ),
    "BUP upptäcker, 16 år, ingen riskbedömning, pågående vårdkontakt, BUP, SIP": (
        {
            "upptackt": "region",
            "under_15": "nej",
            "risk": "ej_gjord",
            "vardkontakt": "ja",
            "bup": "ja",
        },
        [
            *CHECKLIST,
            *NEEDS,
            "anmalan-plikt",
            "anmalan-kontakta",
            *SOC_FIRST,
            "soc-samordna",
            "region-utreda",
            "region-behandling-bup",
            "region-krisstod-bup",
            "region-samverka",
            "soc-forhandsbedomning",
            "soc-sol-eller-lvu",
            *SOC_COURT,
            "region-anmalan",
            "samverkan-sip",
        ],
    ),
    "Socialtjänsten, under 15, hög risk: LVU, Kontaktcenter": (
        {
            "upptackt": "socialtjanst",
            "under_15": "ja",
            "risk": "hog",
            "vardkontakt": "nej",
            "bup": "nej",
        },
        [
            *CHECKLIST,
            *NEEDS,
            "anmalan-plikt",
            *SOC_FIRST,
            "soc-lvu",
            "soc-samordna",
            "region-utreda",
            "region-kontaktcenter",
            "region-behandling",
            "region-krisstod-primarvard",
            "region-samverka",
            "soc-forhandsbedomning",
            "soc-lul31",
            *SOC_COURT,
            "samverkan-sip",
        ],
    ),
    "Polisen, 17 år, inte hög risk: stödinsatser enligt SoL, SIP": (
        {
            "upptackt": "polis",
            "under_15": "nej",
            "risk": "inte_hog",
            "vardkontakt": "ja",
            "bup": "nej",
        },
        [
            *CHECKLIST,
            *NEEDS,
            "anmalan-plikt",
            "anmalan-kontakta",
            *SOC_FIRST,
            "soc-samordna",
            "region-utreda",
            "region-behandling",
            "region-krisstod-primarvard",
            "region-samverka",
            "soc-forhandsbedomning",
            "soc-sol",
            *SOC_COURT,
            "samverkan-sip",
        ],
    ),
    "Annan verksamhet: anmälningsskyldigheten visas, och kontakta socialtjänsten": (
        {
            "upptackt": "annan",
            "under_15": "ja",
            "risk": "inte_hog",
            "vardkontakt": "nej",
            "bup": "ja",
        },
        [
            *CHECKLIST,
            *NEEDS,
            "anmalan-plikt",
            "anmalan-kontakta",
            *SOC_FIRST,
            "soc-samordna",
            "region-utreda",
            "region-kontaktcenter",
            "region-behandling-bup",
            "region-krisstod-bup",
            "region-samverka",
            "soc-forhandsbedomning",
            "soc-sol",
            "soc-lul31",
            *SOC_COURT,
            "samverkan-sip",
        ],
    ),
    "Socialtjänsten, 15 år, hög risk, BUP": (
        {
            "upptackt": "socialtjanst",
            "under_15": "nej",
            "risk": "hog",
            "vardkontakt": "ja",
            "bup": "ja",
        },
        [
            *CHECKLIST,
            *NEEDS,
            "anmalan-plikt",
            *SOC_FIRST,
            "soc-lvu",
            "soc-samordna",
            "region-utreda",
            "region-behandling-bup",
            "region-krisstod-bup",
            "region-samverka",
            "soc-forhandsbedomning",
            *SOC_COURT,
            "samverkan-sip",
        ],
    ),
}


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_items_in_order(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert [p.id for p in plan.steps] == expected


def test_every_item_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps if not s.reference}


def test_sections_are_the_source_headings_in_the_source_order() -> None:
    assert [(s.title, s.parent) for s in ROUTINE.sections] == [
        ("Syfte och bakgrund", None),
        ("Målgrupp/definition:", "syfte"),
        ("Beslut om rutin, uppföljning och avvikelsehantering", None),
        ("Viktiga professionella", None),
        ("Checklista för professionella", None),
        ("Vad behöver den som utsatt någon annan?", None),
        ("Alla som arbetar inom skola, polis, hälso- och sjukvård är skyldiga enligt lag att anmäla …", None),
        ("Ansvarsområden", None),
        ("Socialtjänst", "ansvar"),
        ("Primärvård och BUP", "ansvar"),
        ("Rutin samverkan", None),
        ("Socialtjänsten", "samverkan"),
        ("Regionen", "samverkan"),
        ("Samverkan", "samverkan"),
    ]


def test_the_checklist_is_one_group_of_checkpoints_under_its_title(
    monday_morning: dt.datetime,
) -> None:
    """ "Checklista för professionella" is gone through point by point, as one list."""
    checklist = [s for s in ROUTINE.steps if s.section == "checklista"]
    assert [s.id for s in checklist] == CHECKLIST
    assert all(s.kind == CHECKPOINT and s.checkable for s in checklist)
    assert {s.role for s in checklist} == {"professionella"}
    assert {s.phase for s in checklist} == {"inledande"}
    assert all(s.when is None for s in checklist)
    for answers, _ in PATHS.values():
        plan = build_plan(ROUTINE, answers, monday_morning)
        parts = [part for part in plan.sections if any(p.id in CHECKLIST for p in part.steps)]
        assert len(parts) == 1 and parts[0].section.title == "Checklista för professionella"
        assert [p.id for p in parts[0].steps] == CHECKLIST
        assert [p.id for p in plan.steps][: len(CHECKLIST)] == CHECKLIST  # the plan opens with it


@pytest.mark.parametrize("upptackt", ["socialtjanst", "region", "skola", "polis", "annan"])
def test_duty_to_report_is_shown_whatever_the_discovery_route(
    upptackt: str, monday_morning: dt.datetime
) -> None:
    """Point 17: "Alla som arbetar inom skola, polis, hälso- och sjukvård är skyldiga enligt
    lag att anmäla …" stands in the source without a condition."""
    answers = {
        **PATHS["Polisen, 17 år, inte hög risk: stödinsatser enligt SoL, SIP"][0],
        "upptackt": upptackt,
    }
    ids = [p.id for p in build_plan(ROUTINE, answers, monday_morning).steps]
    after_needs = ids[len(CHECKLIST) + len(NEEDS) :]
    if upptackt == "socialtjanst":
        assert after_needs[:2] == ["anmalan-plikt", "soc-skyddsbedomning"]
    else:
        assert after_needs[:3] == ["anmalan-plikt", "anmalan-kontakta", "soc-skyddsbedomning"]
    duty = ROUTINE.step("anmalan-plikt")
    assert duty.when is None and duty.kind == "information" and not duty.checkable


@pytest.mark.parametrize(
    ("bup", "expected"),
    [
        ("ja", ["region-utreda", "region-behandling-bup", "region-krisstod-bup", "region-samverka"]),
        ("nej", ["region-utreda", "region-behandling", "region-krisstod-primarvard", "region-samverka"]),
        # Not known: "Primärvården i första hand", and the region is to "bedöma behov av
        # behandling"; the note says when BUP takes over.
        ("vet_inte", ["region-utreda", "region-behandling", "region-krisstod-primarvard", "region-samverka"]),
    ],
)
def test_bup_answer_decides_who_treats_and_gives_crisis_support(
    bup: str, expected: list[str], monday_morning: dt.datetime
) -> None:
    answers = {**PATHS["Polisen, 17 år, inte hög risk: stödinsatser enligt SoL, SIP"][0], "bup": bup}
    plan = build_plan(ROUTINE, answers, monday_morning)
    region = [part for part in plan.sections if part.section.id == "ansvar-region"]
    assert [p.id for p in region[0].steps] == expected
    roles = [p.step.role for p in region[0].steps]
    assert roles == (
        ["region", "bup", "bup", "region"] if bup == "ja" else ["region", "region", "primarvard", "region"]
    )


def test_bup_question_offers_vet_inte() -> None:
    assert ROUTINE.question("bup").values == ("ja", "nej", "vet_inte")


def test_target_group_definition_is_in_the_discovery_question_help() -> None:
    """Point 18: the source's own Målgrupp/definition, quoted."""
    help_text = ROUTINE.question("upptackt").help
    assert "Målgrupp/definition" in help_text
    assert "Barn och unga som utsätter sig själv och andra för sexuella övergrepp." in help_text
    assert (
        "Barn och unga som utvecklat eller riskerar att utveckla ett sexuellt avvikande "
        "och brottsligt beteende." in help_text
    )


def test_exercises_walk_to_a_complete_plan_matching_a_fixture(
    monday_morning: dt.datetime,
) -> None:
    fixtures = [answers for answers, _ in PATHS.values()]
    assert len(ROUTINE.exercises) >= 3
    for exercise in ROUTINE.exercises:
        answers = {a.question: a.answer for a in exercise.answers}
        plan = build_plan(ROUTINE, answers, exercise.now or monday_morning)
        assert plan.complete, (exercise.id, [q.id for q in plan.unanswered])
        assert answers in fixtures, exercise.id


def test_routine_validates_without_errors_or_warnings() -> None:
    report = validate_file(CHECKLISTS / f"{ROUTINE_ID}.toml")
    assert [str(p) for p in report.problems] == []


def test_metadata_follows_the_source() -> None:
    assert ROUTINE.adopted == dt.date(2021, 11, 18)
    assert ROUTINE.revised == dt.date(2023, 1, 24)
    assert ROUTINE.review_interval_months is None  # the source states no interval
    assert any("2025:400" in r.text and r.severity == "varning" for r in ROUTINE.remarks)


# -- Issue 24 -------------------------------------------------------------------------


def test_sip_is_listed_whoever_is_involved(monday_morning: dt.datetime) -> None:
    """V2: the source lists SIP under Samverkan without a condition (l.191–193), so every
    plan has it and no question hides it."""
    assert ROUTINE.question("sip") is None
    assert ROUTINE.step("samverkan-sip").own_when is None
    for answers, _ in PATHS.values():
        assert "samverkan-sip" in [p.id for p in build_plan(ROUTINE, answers, monday_morning).steps]


def test_no_review_date_is_invented() -> None:
    """V1: the source states no review interval (l.42–48), so there is no due date, in any
    output, and never a "passed" date."""
    from samverkan_tui.export.data import routine_summary
    from samverkan_tui.export.document import document_for_routine, review_notice

    today = dt.date(2026, 11, 23)
    assert ROUTINE.review_due() is None and not ROUTINE.review_overdue(today)
    assert routine_summary(ROUTINE, today)["review_due"] is None
    notice = review_notice(ROUTINE, today)
    assert "anger inte hur ofta" in notice and "2023-01-24" in notice
    assert "2024-01-24" not in notice and "passerat" not in notice
    document = document_for_routine(ROUTINE, dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    assert "2024-01-24" not in document.footer
