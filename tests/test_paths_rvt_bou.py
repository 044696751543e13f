"""Path fixtures for the RVT–BoU routine: answers → the exact steps expected, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.walk import build_plan
from tests.conftest import shipped

ROUTINE = shipped("rvt-bou")

PATHS = {
    "RVT, akut, öppen utredning, ansvarig på plats, nej till skyddat boende": (
        {"inkom": "rvt", "akut": "ja", "utredning": "oppen", "ansvarig_pa_plats": "ja",
         "skyddsbehov_nej_boende": "ja", "stod_fran_rvt": "ja", "barn_aktuellt_bou": "ja"},
        ["rvt-in-rvt-akut-1", "rvt-in-rvt-akut-1-ansvarig", "rvt-in-rvt-akut-2",
         "rvt-in-rvt-akut-3", "rvt-in-bou-1", "rvt-in-gem-akut-1", "rvt-in-gem-2",
         "sikt-rvt-1", "sikt-rvt-2", "sikt-rvt-3", "sikt-bou-1", "sikt-bou-2", "sikt-bou-3"],
    ),
    "RVT, akut, förhandsbedömning pågår, ansvarig inte på plats": (
        {"inkom": "rvt", "akut": "ja", "utredning": "forhandsbedomning",
         "ansvarig_pa_plats": "nej", "skyddsbehov_nej_boende": "nej",
         "stod_fran_rvt": "nej", "barn_aktuellt_bou": "nej"},
        ["rvt-in-rvt-akut-1", "rvt-in-rvt-akut-1-delegering", "rvt-in-rvt-akut-2",
         "rvt-in-bou-1", "rvt-in-bou-2", "rvt-in-gem-akut-1", "rvt-in-gem-2"],
    ),
    "RVT, akut, ingen utredning": (
        {"inkom": "rvt", "akut": "ja", "utredning": "ingen", "skyddsbehov_nej_boende": "nej",
         "stod_fran_rvt": "ja", "barn_aktuellt_bou": "nej"},
        ["rvt-in-rvt-akut-1", "rvt-in-rvt-akut-1-mottagningen", "rvt-in-rvt-akut-2",
         "rvt-in-bou-1", "rvt-in-bou-2", "rvt-in-gem-akut-1", "rvt-in-gem-2",
         "sikt-rvt-1", "sikt-rvt-2", "sikt-rvt-3"],
    ),
    "RVT, inte akut, förhandsbedömning pågår: mottagningen (källan nämner bara öppen utredning)": (
        {"inkom": "rvt", "akut": "nej", "utredning": "forhandsbedomning",
         "stod_fran_rvt": "nej", "barn_aktuellt_bou": "ja"},
        ["rvt-in-rvt-ejakut-1", "rvt-in-rvt-ejakut-1-mottagningen", "rvt-in-rvt-ejakut-2",
         "rvt-in-bou-1", "rvt-in-bou-2", "rvt-in-gem-ejakut-1", "rvt-in-gem-2",
         "sikt-bou-1", "sikt-bou-2", "sikt-bou-3"],
    ),
    "RVT, inte akut, öppen utredning, ansvarig inte på plats": (
        {"inkom": "rvt", "akut": "nej", "utredning": "oppen", "ansvarig_pa_plats": "nej",
         "stod_fran_rvt": "nej", "barn_aktuellt_bou": "nej"},
        ["rvt-in-rvt-ejakut-1", "rvt-in-rvt-ejakut-1-delegering", "rvt-in-rvt-ejakut-2",
         "rvt-in-bou-1", "rvt-in-gem-ejakut-1", "rvt-in-gem-2"],
    ),
    "BoU, akut, klienten vill ha kontakt och tackar ja till insats": (
        {"inkom": "bou", "akut": "ja", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "ja",
         "stod_fran_rvt": "ja", "barn_aktuellt_bou": "ja"},
        ["bou-in-bou-1", "bou-in-bou-1-beredskap", "bou-in-bou-1-skriftligt", "bou-in-bou-2",
         "bou-in-rvt-1", "bou-in-rvt-akut-2", "bou-in-rvt-akut-3", "bou-in-gem-akut-1",
         "bou-in-gem-2", "sikt-rvt-1", "sikt-rvt-2", "sikt-rvt-3-bou",
         "sikt-bou-1", "sikt-bou-2", "sikt-bou-3"],
    ),
    "BoU, inte akut, klienten vill ha kontakt men tackar nej till insats": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "nej",
         "stod_fran_rvt": "nej", "barn_aktuellt_bou": "ja"},
        ["bou-in-bou-1", "bou-in-bou-1-beredskap", "bou-in-bou-1-skriftligt", "bou-in-bou-2",
         "bou-in-gem-ejakut-1", "bou-in-gem-2", "sikt-bou-1", "sikt-bou-2", "sikt-bou-3"],
    ),
    "RVT, inte akut, öppen utredning, ansvarig på plats": (
        {"inkom": "rvt", "akut": "nej", "utredning": "oppen", "ansvarig_pa_plats": "ja",
         "stod_fran_rvt": "ja", "barn_aktuellt_bou": "ja"},
        ["rvt-in-rvt-ejakut-1", "rvt-in-rvt-ejakut-1-ansvarig", "rvt-in-rvt-ejakut-2",
         "rvt-in-bou-1", "rvt-in-gem-ejakut-1", "rvt-in-gem-2", "sikt-rvt-1", "sikt-rvt-2",
         "sikt-rvt-3", "sikt-bou-1", "sikt-bou-2", "sikt-bou-3"],
    ),
    "BoU, inte akut, klienten tackar ja till insats": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "ja",
         "stod_fran_rvt": "ja", "barn_aktuellt_bou": "nej"},
        ["bou-in-bou-1", "bou-in-bou-1-beredskap", "bou-in-bou-1-skriftligt", "bou-in-bou-2",
         "bou-in-rvt-1", "bou-in-rvt-ejakut-2", "bou-in-gem-ejakut-1", "bou-in-gem-2",
         "sikt-rvt-1", "sikt-rvt-2", "sikt-rvt-3-bou"],
    ),
    "BoU, inte akut, klienten vill inte ha kontakt med RVT": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "nej",
         "stod_fran_rvt": "nej", "barn_aktuellt_bou": "nej"},
        ["bou-in-bou-1", "bou-in-bou-2"],
    ),
}


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_steps(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert [p.id for p in plan.steps] == expected


def test_deadlines_become_dates(monday_morning: dt.datetime) -> None:
    answers, _ = PATHS["BoU, akut, klienten vill ha kontakt och tackar ja till insats"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    due = {p.id: p.due for p in plan.steps if p.due}
    assert due == {"bou-in-rvt-akut-2": dt.date(2026, 11, 23)}  # samma dag

    answers, _ = PATHS["RVT, inte akut, öppen utredning, ansvarig inte på plats"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    due = {p.id: p.due for p in plan.steps if p.due}
    assert due == {"rvt-in-rvt-ejakut-2": dt.date(2026, 11, 30),
                   "rvt-in-gem-ejakut-1": dt.date(2026, 11, 30)}


def test_beredskap_contact_comes_with_the_step(monday_morning: dt.datetime) -> None:
    answers, _ = PATHS["BoU, inte akut, klienten vill ha kontakt men tackar nej till insats"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    step = next(p for p in plan.steps if p.id == "bou-in-bou-1-beredskap")
    assert [c.phones for c in step.contacts] == [("08-508 03 310",)]


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps}
