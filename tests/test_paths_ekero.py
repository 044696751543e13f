"""Path fixtures for Ekerö's guidelines on violence in close relationships.

Each fixture gives the answers and the exact steps expected, in order.
"""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.walk import build_plan, enumerate_paths
from tests.conftest import shipped

ROUTINE = shipped("ekero-vald-i-nara-relation")

VUXEN_UTREDNING = [
    "v-sarbarhet", "v-utr-akut", "v-utr-karaktar", "v-utr-konsekvenser", "v-utr-hanterar",
    "v-utr-natverk", "v-utr-foraldraskap", "v-utr-sikt",
    "v-risk", "v-risk-metod", "v-risk-polis", "v-risk-delge",
]
VUXEN_SAMTAL = [
    "v-rad-stod", "v-rad-stod-info", "v-rad-stod-fem", "v-rad-stod-fortsatt",
    "v-stodsamtal", "v-stodsamtal-metod", "v-stodsamtal-risk",
]
BARN_UTREDNING = [
    "b-sarbarhet", "b-utr-akut", "b-utr-karaktar", "b-utr-natverk", "b-utr-paverkan",
    "b-utr-uppfattning", "b-utr-foraldrar", "b-utr-sikt", "b-utr-vardnad", "b-risk",
]
BARN_SAMTAL = ["b-rad-stod", "b-rad-stod-info", "b-rad-stod-fem", "b-rad-stod-fortsatt"]
UTOVARE_INSATSER = ["ins-bedomning", "ins-utovare-sakerhet", "ins-utovare-aterfall"]
UTOVARE_VUXEN_SAMTAL = [
    "v-rad-stod", "v-rad-stod-fem", "v-rad-stod-fortsatt", "v-stodsamtal", "v-stodsamtal-metod",
]
EB_VUXEN = ["eb-ansokan", "eb-vald-beaktas", "eb-separata-akter", "eb-akut", "eb-riksnorm"]
SKYDDAT_VUXEN = ["v-skyddat-bedomning", "v-skyddat-upplevelse", "v-skyddat-akut",
                 "v-skyddat-boendet"]
INTERN = ["sam-intern", "sam-intern-enheter"]
INTERN_PLAN = ["sam-intern-plan", "sam-intern-plan-delaktig"]
SIP = ["sam-sip", "sam-sip-samtycke", "sam-sip-innehall"]

PATHS = {
    "Våldsutsatt vuxen, akut: skyddat boende med barnen, ekonomiskt bistånd, samverkansplan": (
        {"malgrupp": "vuxen", "barn_i_hushallet": "ja", "boende": "skyddat",
         "barn_medfoljer": "ja", "ekonomiskt_bistand": "ja", "flera_enheter": "ja",
         "samtycke_plan": "ja", "halso_sjukvard": "nej"},
        ["orosanmalan", *VUXEN_UTREDNING, "ins-bedomning", "ins-sarbara", *VUXEN_SAMTAL,
         "v-boende-tillfalligt", "v-boende-skydd", *SKYDDAT_VUXEN, "v-skyddat-barn-lampligt",
         "v-skyddat-ekonomi", "v-skyddat-samverkan-barn", "v-skyddat-skola", *EB_VUXEN,
         *INTERN, *INTERN_PLAN, "sam-barn-far-illa", "sam-extern"],
    ),
    "Våldsutsatt vuxen vill bo kvar: våldsutövaren flyttar i första hand; SIP med samtycke": (
        {"malgrupp": "vuxen", "barn_i_hushallet": "nej", "boende": "bo_kvar",
         "ekonomiskt_bistand": "nej", "flera_enheter": "nej", "halso_sjukvard": "ja",
         "samtycke_sip": "ja"},
        [*VUXEN_UTREDNING, "ins-bedomning", "ins-sarbara", *VUXEN_SAMTAL,
         "v-boende-forsta-hand", "v-boende-forutsattning", *SIP, "sam-extern"],
    ),
    "Våldsutsatt vuxen, tillfälligt boende; inget samtycke till plan eller SIP": (
        {"malgrupp": "vuxen", "barn_i_hushallet": "nej", "boende": "tillfalligt",
         "ekonomiskt_bistand": "ja", "flera_enheter": "ja", "samtycke_plan": "nej",
         "halso_sjukvard": "ja", "samtycke_sip": "nej"},
        [*VUXEN_UTREDNING, "ins-bedomning", "ins-sarbara", *VUXEN_SAMTAL,
         "v-boende-tillfalligt", "v-boende-skydd", *EB_VUXEN, *INTERN, "sam-extern"],
    ),
    "Våldsutsatt vuxen, skyddat boende, barnen följer inte med": (
        {"malgrupp": "vuxen", "barn_i_hushallet": "ja", "boende": "skyddat",
         "barn_medfoljer": "nej", "ekonomiskt_bistand": "nej", "flera_enheter": "nej",
         "halso_sjukvard": "nej"},
        ["orosanmalan", *VUXEN_UTREDNING, "ins-bedomning", "ins-sarbara", *VUXEN_SAMTAL,
         "v-boende-tillfalligt", "v-boende-skydd", *SKYDDAT_VUXEN, "v-skyddat-ekonomi",
         "sam-barn-far-illa", "sam-extern"],
    ),
    "Våldsutsatt vuxen, inte akut, inga barn, inget boende, ingen samordning": (
        {"malgrupp": "vuxen", "barn_i_hushallet": "nej", "boende": "inget",
         "ekonomiskt_bistand": "nej", "flera_enheter": "nej", "halso_sjukvard": "nej"},
        [*VUXEN_UTREDNING, "ins-bedomning", "ins-sarbara", *VUXEN_SAMTAL, "sam-extern"],
    ),
    "Barn, hedersrelaterat våld: skyddat boende, skydd från vårdnadshavare, Trappan, SIP": (
        {"malgrupp": "barn", "barn_partner_heder": "ja", "skyddat_boende_barn": "ja",
         "skydd_vardnadshavare": "ja", "krissamtal": "ja", "flera_enheter": "ja",
         "samtycke_plan": "ja", "halso_sjukvard": "ja", "samtycke_sip": "ja"},
        [*BARN_UTREDNING, "b-risk-metod", "b-risk-polis", "b-risk-delge",
         "ins-bedomning", "ins-sarbara", *BARN_SAMTAL, "b-skydd", "b-skyddat-malgrupp",
         "b-skyddat-bedomning", "b-skyddat-upplevelse", "b-skyddat-akut", "b-skyddat-boendet",
         "b-skydd-jourhem", "b-familjebehandling", "b-trappan",
         *INTERN, *INTERN_PLAN, "sam-barn-far-illa", *SIP, "sam-extern"],
    ),
    "Barn har bevittnat våld, inget särskilt skyddsbehov, inga krissamtal": (
        {"malgrupp": "barn", "barn_partner_heder": "nej", "skydd_vardnadshavare": "nej",
         "krissamtal": "nej", "flera_enheter": "nej", "halso_sjukvard": "nej"},
        [*BARN_UTREDNING, "b-risk-polis", "b-risk-delge", "ins-bedomning", "ins-sarbara",
         *BARN_SAMTAL, "b-skydd", "b-familjebehandling", "sam-barn-far-illa", "sam-extern"],
    ),
    "Barn, heder, men inget skyddat boende: standardiserad riskbedömning, Trappan": (
        {"malgrupp": "barn", "barn_partner_heder": "ja", "skyddat_boende_barn": "nej",
         "skydd_vardnadshavare": "nej", "krissamtal": "ja", "flera_enheter": "nej",
         "halso_sjukvard": "nej"},
        [*BARN_UTREDNING, "b-risk-metod", "b-risk-polis", "b-risk-delge", "ins-bedomning",
         "ins-sarbara", *BARN_SAMTAL, "b-skydd", "b-familjebehandling", "b-trappan",
         "sam-barn-far-illa", "sam-extern"],
    ),
    "Vuxen våldsutövare med barn hemma flyttar; ekonomiskt bistånd; nej till SIP": (
        {"malgrupp": "utovare", "utovare_barn": "nej", "barn_i_hushallet": "ja",
         "utovare_flyttar": "ja", "ekonomiskt_bistand": "ja", "flera_enheter": "nej",
         "halso_sjukvard": "ja", "samtycke_sip": "nej"},
        ["orosanmalan", *UTOVARE_INSATSER, *UTOVARE_VUXEN_SAMTAL, "u-boende",
         "u-boende-forutsattning", "u-boende-krav", "u-boende-ekonomi",
         "eb-ansokan", "eb-separata-akter", "sam-barn-far-illa", "sam-extern"],
    ),
    "Vuxen våldsutövare utan barn, flyttar inte, inget bistånd": (
        {"malgrupp": "utovare", "utovare_barn": "nej", "barn_i_hushallet": "nej",
         "utovare_flyttar": "nej", "ekonomiskt_bistand": "nej", "flera_enheter": "nej",
         "halso_sjukvard": "nej"},
        [*UTOVARE_INSATSER, *UTOVARE_VUXEN_SAMTAL, "sam-extern"],
    ),
    "Våldsutövande barn, flera enheter men inget samtycke till plan": (
        {"malgrupp": "utovare", "utovare_barn": "ja", "flera_enheter": "ja",
         "samtycke_plan": "nej", "halso_sjukvard": "nej"},
        [*UTOVARE_INSATSER, "b-rad-stod", "b-rad-stod-fem", "b-rad-stod-fortsatt",
         "b-familjebehandling", *INTERN, "sam-barn-far-illa", "sam-extern"],
    ),
}


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_steps(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert plan.answers == answers  # no answer in the fixture is ignored
    assert [p.id for p in plan.steps] == expected


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps}


def test_every_question_is_answered_in_some_fixture() -> None:
    answered = set().union(*(answers for answers, _ in PATHS.values()))
    assert answered == {q.id for q in ROUTINE.questions}


def test_number_of_paths_stays_reasonable() -> None:
    assert sum(1 for _ in enumerate_paths(ROUTINE)) == 351


def test_police_assessment_for_adults_warns_about_consent(monday_morning: dt.datetime) -> None:
    answers, _ = PATHS["Våldsutsatt vuxen, inte akut, inga barn, inget boende, ingen samordning"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    step = next(p.step for p in plan.steps if p.id == "v-risk-polis")
    assert any("samtycke" in w for w in step.warnings)


def test_no_invented_contacts_deadlines_or_dates() -> None:
    assert ROUTINE.contacts == ()
    assert all(s.deadline is None for s in ROUTINE.steps)
    assert ROUTINE.adopted is None and ROUTINE.revised is None
    assert ROUTINE.review_interval_months is None


def test_review_remark_about_the_new_social_services_act() -> None:
    warnings = [r.text for r in ROUTINE.remarks if r.severity == "varning"]
    assert any("2001:453" in t and "2025:400" in t and "1 juli 2025" in t for t in warnings)


@pytest.mark.parametrize("exercise", ROUTINE.exercises, ids=lambda e: e.id)
def test_exercise_answers_give_a_complete_plan(exercise, monday_morning: dt.datetime) -> None:
    answers = {a.question: a.answer for a in exercise.answers}
    plan = build_plan(ROUTINE, answers, exercise.now or monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert plan.answers == answers
    assert all(a.reason for a in exercise.answers)


def test_exercises_cover_acute_calm_and_after_hours() -> None:
    by_id = {e.id: e for e in ROUTINE.exercises}
    assert len(by_id) >= 3
    acute = {a.question: a.answer for a in by_id["skyddat-boende-fredag"].answers}
    assert acute["boende"] == "skyddat"
    calm = {a.question: a.answer for a in by_id["aldre-inte-akut"].answers}
    assert calm["boende"] == "inget"
    friday = by_id["skyddat-boende-fredag"].now
    assert friday is not None and friday.weekday() == 4 and friday.hour >= 16
