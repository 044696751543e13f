"""Path fixtures for the Västerbotten routine on sexual behaviour problems in children and
young people: answers → the exact steps expected, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.validate import validate_file
from samverkan_tui.core.walk import build_plan
from tests.conftest import CHECKLISTS, shipped

ROUTINE_ID = "vasterbotten-sexuell-beteendeproblematik"
ROUTINE = shipped(ROUTINE_ID)

# Steps every walk contains, split where the conditional steps fall in file order.
CHECKLIST = ["chk-avslojande", "chk-offer", "chk-forovare", "chk-fler-offer", "chk-skydd",
             "chk-anmalan", "chk-krissamtal", "chk-riskbedomning", "chk-utredning"]
NEEDS = ["behov-skiljas", "behov-omgivning", "behov-riskbedomning", "behov-screening",
         "behov-insatser"]
SOC_FIRST = ["soc-skyddsbedomning", "soc-forhandsbedomning", "soc-utredning",
             "soc-polisanmalan", "soc-erasor"]
SOC_COURT = ["soc-yttrande", "soc-dialog-polis"]

PATHS = {
    "Skolan upptäcker, under 15, ingen riskbedömning, ingen vårdkontakt, ingen SIP": (
        {"upptackt": "skola", "under_15": "ja", "risk": "ej_gjord", "vardkontakt": "nej",
         "bup": "nej", "sip": "nej"},
        [*CHECKLIST, *NEEDS, "anmalan-plikt", "anmalan-kontakta", *SOC_FIRST, "soc-lul31",
         *SOC_COURT, "soc-sol-eller-lvu", "soc-samordna", "region-utreda",
         "region-kontaktcenter", "region-behandling", "region-krisstod-primarvard",
         "region-samverka"],
    ),
    "BUP upptäcker, 16 år, ingen riskbedömning, pågående vårdkontakt, BUP, SIP": (
        {"upptackt": "region", "under_15": "nej", "risk": "ej_gjord", "vardkontakt": "ja",
         "bup": "ja", "sip": "ja"},
        [*CHECKLIST, *NEEDS, "anmalan-plikt", "anmalan-kontakta", *SOC_FIRST, *SOC_COURT,
         "soc-sol-eller-lvu", "soc-samordna", "region-utreda", "region-behandling-bup",
         "region-krisstod-bup", "region-samverka", "region-anmalan", "samverkan-sip"],
    ),
    "Socialtjänsten, under 15, hög risk: LVU, Kontaktcenter": (
        {"upptackt": "socialtjanst", "under_15": "ja", "risk": "hog", "vardkontakt": "nej",
         "bup": "nej", "sip": "nej"},
        [*CHECKLIST, *NEEDS, *SOC_FIRST, "soc-lul31", *SOC_COURT, "soc-lvu", "soc-samordna",
         "region-utreda", "region-kontaktcenter", "region-behandling",
         "region-krisstod-primarvard", "region-samverka"],
    ),
    "Polisen, 17 år, inte hög risk: stödinsatser enligt SoL, SIP": (
        {"upptackt": "polis", "under_15": "nej", "risk": "inte_hog", "vardkontakt": "ja",
         "bup": "nej", "sip": "ja"},
        [*CHECKLIST, *NEEDS, "anmalan-plikt", "anmalan-kontakta", *SOC_FIRST, *SOC_COURT,
         "soc-sol", "soc-samordna", "region-utreda", "region-behandling",
         "region-krisstod-primarvard", "region-samverka", "samverkan-sip"],
    ),
    "Annan verksamhet: ingen anmälningsplikt i rutinens uppräkning, men kontakta socialtjänsten": (
        {"upptackt": "annan", "under_15": "ja", "risk": "inte_hog", "vardkontakt": "nej",
         "bup": "ja", "sip": "ja"},
        [*CHECKLIST, *NEEDS, "anmalan-kontakta", *SOC_FIRST, "soc-lul31", *SOC_COURT,
         "soc-sol", "soc-samordna", "region-utreda", "region-kontaktcenter",
         "region-behandling-bup", "region-krisstod-bup", "region-samverka", "samverkan-sip"],
    ),
    "Socialtjänsten, 15 år, hög risk, BUP, ingen SIP": (
        {"upptackt": "socialtjanst", "under_15": "nej", "risk": "hog", "vardkontakt": "ja",
         "bup": "ja", "sip": "nej"},
        [*CHECKLIST, *NEEDS, *SOC_FIRST, *SOC_COURT, "soc-lvu", "soc-samordna",
         "region-utreda", "region-behandling-bup", "region-krisstod-bup", "region-samverka"],
    ),
}


def _in_file_order(ids: list[str]) -> list[str]:
    order = {s.id: i for i, s in enumerate(ROUTINE.steps)}
    return sorted(ids, key=order.__getitem__)


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_steps(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert [p.id for p in plan.steps] == _in_file_order(expected)
    assert [p.id for p in plan.steps] == expected


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps}


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
