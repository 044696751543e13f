"""Path fixtures for Ekerö's guidelines on violence in close relationships (format 2).

Each fixture gives the answers and the exact items expected, in the plan's order: the
source's order (1.4, 2.1, 2.2, 2.2.1, 3, 3.1.x, 3.2.x, 4.1, 4.2), never sorted by role.
"""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.walk.plan import build_plan, enumerate_paths, next_question
from tests.conftest import shipped

ROUTINE = shipped("ekero-vald-i-nara-relation")

# -- building blocks, each in the source's order ------------------------------------------
V_UTREDNING = [
    "v-utr-akut",
    "v-utr-karaktar",
    "v-utr-konsekvenser",
    "v-utr-hanterar",
    "v-utr-natverk",
    "v-utr-foraldraskap",
    "v-utr-sikt",
    "v-risk",
    "v-risk-metod",
    "v-risk-polis",
    "v-risk-delge",
]
B_UTREDNING = [
    "b-utr-akut",
    "b-utr-karaktar",
    "b-utr-natverk",
    "b-utr-paverkan",
    "b-utr-uppfattning",
    "b-utr-foraldrar",
    "b-utr-sikt",
    "b-utr-vardnad",
    "b-risk",
]
INSATSER_UTSATT = ["ins-bedomning", "ins-sarbara", "ins-andra"]
INSATSER_UTOVARE = ["ins-bedomning", "ins-utovare-sakerhet", "ins-utovare-aterfall", "ins-andra"]
V_SAMTAL = [
    "v-rad-stod",
    "v-rad-stod-info",
    "v-rad-stod-fem",
    "v-rad-stod-fortsatt",
    "v-stodsamtal",
    "v-stodsamtal-metod",
    "v-stodsamtal-risk",
]
U_SAMTAL = ["v-rad-stod", "v-rad-stod-fem", "v-rad-stod-fortsatt", "v-stodsamtal", "v-stodsamtal-metod"]
B_SAMTAL = ["b-rad-stod", "b-rad-stod-info", "b-rad-stod-fem", "b-rad-stod-fortsatt"]
BOENDE = ["v-boende-tillfalligt", "v-boende-skydd", "v-boende-aven-tillfalligt"]
FORSTA_HAND = ["v-boende-forsta-hand", "v-boende-forutsattning"]
SKYDDAT_VUXEN_MED_BARN = [
    "skyddat-ansvar",
    "skyddat-definition",
    "v-skyddat-malgrupp",
    "v-skyddat-samverkan-barn",
    "v-skyddat-bedomning",
    "v-skyddat-upplevelse",
    "v-skyddat-akut",
    "v-skyddat-boendet",
    "v-skyddat-barn-lampligt",
    "v-skyddat-ekonomi",
    "v-skyddat-skola",
]
SKYDDAT_VUXEN_UTAN_BARN = [
    "skyddat-ansvar",
    "skyddat-definition",
    "v-skyddat-malgrupp",
    "v-skyddat-bedomning",
    "v-skyddat-upplevelse",
    "v-skyddat-akut",
    "v-skyddat-boendet",
    "v-skyddat-ekonomi",
]
SKYDDAT_BARN = [
    "skyddat-ansvar",
    "skyddat-definition",
    "b-skyddat-malgrupp",
    "b-skyddat-bedomning",
    "b-skyddat-upplevelse",
    "b-skyddat-akut",
    "b-skyddat-boendet",
]
EB_VUXEN = ["eb-ansokan", "eb-vald-beaktas", "eb-separata-akter", "eb-akut", "eb-riksnorm"]
INTERN_ALLT = [
    "sam-intern",
    "sam-intern-sakerhet",
    "sam-intern-enheter",
    "sam-intern-tidsmassigt",
    "sam-intern-plan",
    "sam-intern-plan-delaktig",
    "sam-intern-sekretess",
]
SIP = ["sam-sip", "sam-sip-behov", "sam-sip-samtycke", "sam-sip-innehall"]

PATHS = {
    "Våldsutsatt vuxen: skyddat boende med barnen, bistånd, flera insatser och enheter, plan": (
        {
            "malgrupp": "vuxen",
            "barn_i_hushallet": "ja",
            "boende": "skyddat",
            "barn_medfoljer": "ja",
            "ekonomiskt_bistand": "ja",
            "flera_insatser": "ja",
            "flera_personer": "ja",
            "flera_enheter": "ja",
            "samtycke_plan": "ja",
            "halso_sjukvard": "nej",
        },
        [
            "v-sarbarhet",
            "orosanmalan",
            *V_UTREDNING,
            *INSATSER_UTSATT,
            *V_SAMTAL,
            *BOENDE,
            *FORSTA_HAND,
            *SKYDDAT_VUXEN_MED_BARN,
            *EB_VUXEN,
            *INTERN_ALLT,
            "sam-extern-samordna",
            "sam-extern-familj",
            "sam-barn-far-illa",
            "sam-extern",
        ],
    ),
    "Våldsutsatt vuxen vill bo kvar: våldsutövaren flyttar i första hand; SIP med samtycke": (
        {
            "malgrupp": "vuxen",
            "barn_i_hushallet": "nej",
            "boende": "bo_kvar",
            "ekonomiskt_bistand": "nej",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "ja",
            "samtycke_sip": "ja",
        },
        [
            "v-sarbarhet",
            *V_UTREDNING,
            *INSATSER_UTSATT,
            *V_SAMTAL,
            *FORSTA_HAND,
            "sam-extern-samordna",
            *SIP,
            "sam-extern",
        ],
    ),
    "Våldsutsatt vuxen, tillfälligt boende: först undersöks att våldsutövaren flyttar": (
        {
            "malgrupp": "vuxen",
            "barn_i_hushallet": "nej",
            "boende": "tillfalligt",
            "ekonomiskt_bistand": "ja",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "ja",
            "samtycke_plan": "nej",
            "halso_sjukvard": "ja",
            "samtycke_sip": "nej",
        },
        [
            "v-sarbarhet",
            *V_UTREDNING,
            *INSATSER_UTSATT,
            *V_SAMTAL,
            *BOENDE,
            *FORSTA_HAND,
            *EB_VUXEN,
            "sam-intern-sakerhet",
            "sam-intern-enheter",
            "sam-intern-sekretess",
            "sam-extern-samordna",
            "sam-extern",
        ],
    ),
    "Våldsutsatt vuxen, skyddat boende; barnet följer med fast inget barn misstänks utsatt": (
        {
            "malgrupp": "vuxen",
            "barn_i_hushallet": "nej",
            "boende": "skyddat",
            "barn_medfoljer": "ja",
            "ekonomiskt_bistand": "nej",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "nej",
        },
        [
            "v-sarbarhet",
            *V_UTREDNING,
            *INSATSER_UTSATT,
            *V_SAMTAL,
            *BOENDE,
            *FORSTA_HAND,
            *SKYDDAT_VUXEN_MED_BARN,
            "sam-extern-samordna",
            "sam-extern",
        ],
    ),
    "Våldsutsatt vuxen, skyddat boende, barnen följer inte med": (
        {
            "malgrupp": "vuxen",
            "barn_i_hushallet": "ja",
            "boende": "skyddat",
            "barn_medfoljer": "nej",
            "ekonomiskt_bistand": "nej",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "nej",
        },
        [
            "v-sarbarhet",
            "orosanmalan",
            *V_UTREDNING,
            *INSATSER_UTSATT,
            *V_SAMTAL,
            *BOENDE,
            *FORSTA_HAND,
            *SKYDDAT_VUXEN_UTAN_BARN,
            "sam-extern-samordna",
            "sam-barn-far-illa",
            "sam-extern",
        ],
    ),
    "Våldsutsatt vuxen, inga barn, inget boende, ingen samordning": (
        {
            "malgrupp": "vuxen",
            "barn_i_hushallet": "nej",
            "boende": "inget",
            "ekonomiskt_bistand": "nej",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "nej",
        },
        ["v-sarbarhet", *V_UTREDNING, *INSATSER_UTSATT, *V_SAMTAL, "sam-extern-samordna", "sam-extern"],
    ),
    "Barn, hedersrelaterat våld: skyddat boende, skydd från vårdnadshavare, Trappan, SIP": (
        {
            "malgrupp": "barn",
            "barn_partner_heder": "ja",
            "skyddat_boende_barn": "ja",
            "skydd_vardnadshavare": "ja",
            "krissamtal": "ja",
            "flera_insatser": "ja",
            "flera_personer": "ja",
            "flera_enheter": "ja",
            "samtycke_plan": "ja",
            "halso_sjukvard": "ja",
            "samtycke_sip": "ja",
        },
        [
            "b-sarbarhet",
            *B_UTREDNING,
            "b-risk-metod",
            "b-risk-polis",
            "b-risk-delge",
            *INSATSER_UTSATT,
            *SKYDDAT_BARN,
            *B_SAMTAL,
            "b-skydd",
            "b-skydd-jourhem",
            "b-familjebehandling",
            "b-trappan",
            *INTERN_ALLT,
            "sam-extern-samordna",
            "sam-extern-familj",
            "sam-barn-far-illa",
            *SIP,
            "sam-extern",
        ],
    ),
    "Barn har bevittnat våld, inget särskilt skyddsbehov, inga krissamtal": (
        {
            "malgrupp": "barn",
            "barn_partner_heder": "nej",
            "skydd_vardnadshavare": "nej",
            "krissamtal": "nej",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "nej",
        },
        [
            "b-sarbarhet",
            *B_UTREDNING,
            "b-risk-polis",
            "b-risk-delge",
            *INSATSER_UTSATT,
            *B_SAMTAL,
            "b-skydd",
            "b-familjebehandling",
            "sam-extern-samordna",
            "sam-barn-far-illa",
            "sam-extern",
        ],
    ),
    "Barn, heder, men inget skyddat boende: standardiserad riskbedömning, Trappan": (
        {
            "malgrupp": "barn",
            "barn_partner_heder": "ja",
            "skyddat_boende_barn": "nej",
            "skydd_vardnadshavare": "nej",
            "krissamtal": "ja",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "nej",
        },
        [
            "b-sarbarhet",
            *B_UTREDNING,
            "b-risk-metod",
            "b-risk-polis",
            "b-risk-delge",
            *INSATSER_UTSATT,
            *B_SAMTAL,
            "b-skydd",
            "b-familjebehandling",
            "b-trappan",
            "sam-extern-samordna",
            "sam-barn-far-illa",
            "sam-extern",
        ],
    ),
    "Vuxen våldsutövare med barn hemma flyttar; bistånd; flera insatser; nej till SIP": (
        {
            "malgrupp": "utovare",
            "utovare_barn": "nej",
            "barn_i_hushallet": "ja",
            "utovare_flyttar": "ja",
            "ekonomiskt_bistand": "ja",
            "flera_insatser": "ja",
            "flera_personer": "ja",
            "flera_enheter": "nej",
            "halso_sjukvard": "ja",
            "samtycke_sip": "nej",
        },
        [
            "orosanmalan",
            *INSATSER_UTOVARE,
            *U_SAMTAL,
            "u-boende",
            "u-boende-krav",
            "u-boende-forutsattning",
            "u-boende-ekonomi",
            "eb-ansokan",
            "eb-separata-akter",
            "sam-intern",
            "sam-intern-sakerhet",
            "sam-intern-tidsmassigt",
            "sam-intern-sekretess",
            "sam-extern-samordna",
            "sam-extern-familj",
            "sam-barn-far-illa",
            "sam-extern",
        ],
    ),
    "Vuxen våldsutövare utan barn, flyttar inte, inget bistånd": (
        {
            "malgrupp": "utovare",
            "utovare_barn": "nej",
            "barn_i_hushallet": "nej",
            "utovare_flyttar": "nej",
            "ekonomiskt_bistand": "nej",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "nej",
            "halso_sjukvard": "nej",
        },
        [*INSATSER_UTOVARE, *U_SAMTAL, "sam-extern-samordna", "sam-extern"],
    ),
    "Våldsutövande barn, flera enheter men inget samtycke till plan": (
        {
            "malgrupp": "utovare",
            "utovare_barn": "ja",
            "flera_insatser": "nej",
            "flera_personer": "nej",
            "flera_enheter": "ja",
            "samtycke_plan": "nej",
            "halso_sjukvard": "nej",
        },
        [
            *INSATSER_UTOVARE,
            "b-rad-stod",
            "b-rad-stod-fem",
            "b-rad-stod-fortsatt",
            "b-familjebehandling",
            "sam-intern-sakerhet",
            "sam-intern-enheter",
            "sam-intern-sekretess",
            "sam-extern-samordna",
            "sam-barn-far-illa",
            "sam-extern",
        ],
    ),
}


def plan_for(name: str, now: dt.datetime):
    return build_plan(ROUTINE, PATHS[name][0], now)


def section_items(plan, section_id: str) -> list[str]:
    return next(
        [p.id for p in part.steps]
        for part in plan.sections
        if part.section is not None and part.section.id == section_id
    )


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_items_in_order(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert plan.answers == answers  # no answer in the fixture is ignored
    assert [p.id for p in plan.steps] == expected


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps if not s.reference}


def test_every_question_is_answered_in_some_fixture() -> None:
    answered = set().union(*(answers for answers, _ in PATHS.values()))
    assert answered == {q.id for q in ROUTINE.questions}


def test_number_of_paths_stays_reasonable() -> None:
    # 738 before issue 24; the question whether insatser reach several persons in the
    # family (E1) doubles it.
    assert sum(1 for _ in enumerate_paths(ROUTINE)) == 1476


# -- the source's structure ---------------------------------------------------------------


def test_sections_are_the_sources_headings_in_its_order() -> None:
    assert [s.title.split(" ")[0] for s in ROUTINE.sections if s.title[0].isdigit()] == [
        "1.",
        "1.1.",
        "1.1.1.",
        "1.1.2.",
        "1.2.",
        "1.3.",
        "1.4.",
        "1.4.1.",
        "1.4.2.",
        "1.4.3.",
        "1.4.4.",
        "1.4.5.",
        "1.4.6.",
        "1.4.7.",
        "1.4.8.",
        "1.5.",
        "1.5.1.",
        "2.",
        "2.1.",
        "2.2.",
        "2.2.1.",
        "2.3.",
        "2.4.",
        "2.5.",
        "2.6.",
        "2.7.",
        "2.7.1.",
        "2.7.2.",
        "2.7.3.",
        "3.",
        "3.1.",
        "3.1.1.",
        "3.1.2.",
        "3.1.3.",
        "3.1.3.1.",
        "3.1.3.2.",
        "3.1.4.",
        "3.2.",
        "3.2.1",
        "3.2.2.",
        "3.2.3.",
        "3.2.4.",
        "4.",
        "4.1.",
        "4.2.",
    ]
    # The two lists of 2.2 are nested under it, titled by their own lead-ins.
    lead_ins = [s for s in ROUTINE.sections if s.parent == "utreda" and s.title.endswith(":")]
    assert [s.title for s in lead_ins] == [
        "Utredningen av ett ärende som rör våld i nära relation ska bl a omfatta:",
        "Utredningen av ett ärende som rör barn som utsatts för eller bevittnat våld bör innehålla:",
    ]


def test_kinds_follow_the_source(monday_morning: dt.datetime) -> None:
    kind = {s.id: s.kind for s in ROUTINE.steps}
    assert {kind[i] for i in V_UTREDNING[:7] + B_UTREDNING[:7]} == {"kontrollpunkt"}
    assert kind["v-stodsamtal"] == kind["skyddat-definition"] == "definition"
    assert kind["v-rad-stod-fem"] == kind["skyddat-ansvar"] == "information"
    assert kind["orosanmalan"] == kind["v-boende-forsta-hand"] == "åtgärd"
    # Only actions and checkpoints are ticked; the plan keeps the rest in place.
    plan = plan_for("Våldsutsatt vuxen, inga barn, inget boende, ingen samordning", monday_morning)
    assert [p.id for p in plan.actions] == [
        *V_UTREDNING,
        "v-rad-stod",
        "v-rad-stod-fortsatt",
        "sam-extern-samordna",
        "sam-extern",
    ]


def test_roles_are_labels_and_the_order_is_the_sources(monday_morning: dt.datetime) -> None:
    plan = plan_for(
        "Våldsutsatt vuxen: skyddat boende med barnen, bistånd, flera insatser och enheter, plan",
        monday_morning,
    )
    roles = [(p.id, p.step.role) for p in plan.steps if p.id.startswith("v-skyddat")]
    assert roles == [
        ("v-skyddat-malgrupp", "vuxen"),
        ("v-skyddat-samverkan-barn", "gemensamt"),
        ("v-skyddat-bedomning", "vuxen"),
        ("v-skyddat-upplevelse", "vuxen"),
        ("v-skyddat-akut", "vuxen"),
        ("v-skyddat-boendet", "vuxen"),
        ("v-skyddat-barn-lampligt", "vuxen"),
        ("v-skyddat-ekonomi", "vuxen"),
        ("v-skyddat-skola", "barn"),
    ]


# -- 15: order within råd och stöd; "kan beviljas … vid akut behov" with its insats ----------


@pytest.mark.parametrize("name", list(PATHS))
def test_five_talks_come_before_further_support(name: str, monday_morning: dt.datetime) -> None:
    ids = [p.id for p in plan_for(name, monday_morning).steps]
    for prefix in ("v", "b"):
        five, further = f"{prefix}-rad-stod-fem", f"{prefix}-rad-stod-fortsatt"
        # Both ids exist, so a rename fails here instead of letting the pair check pass unseen.
        assert ROUTINE.step(five) is not None and ROUTINE.step(further) is not None
        assert (five in ids) == (further in ids), ids
        pairs = [ids[i : i + 2] for i, step_id in enumerate(ids) if step_id == five]
        assert pairs in ([], [[five, further]]), ids


def test_acute_protected_housing_sits_with_skyddat_boende(monday_morning: dt.datetime) -> None:
    adult = plan_for("Våldsutsatt vuxen, skyddat boende, barnen följer inte med", monday_morning)
    assert section_items(adult, "skyddat-boende") == SKYDDAT_VUXEN_UTAN_BARN
    child = plan_for(
        "Barn, hedersrelaterat våld: skyddat boende, skydd från vårdnadshavare, Trappan, SIP", monday_morning
    )
    assert section_items(child, "skyddat-boende") == SKYDDAT_BARN
    ids = [p.id for p in child.steps]
    # The child's protected housing (3.1.3.2) comes before 3.2, not after 3.2.2 Skydd.
    assert ids.index("b-skyddat-akut") < ids.index("b-rad-stod") < ids.index("b-skydd")
    step = ROUTINE.step("b-skyddat-akut")
    assert step.text.startswith("Insatsen kan beviljas under pågående utredning vid akut behov")


# -- 12: the perpetrator moving is examined first whenever housing is at issue ---------------


@pytest.mark.parametrize("boende", ["bo_kvar", "tillfalligt", "skyddat", "inget"])
def test_perpetrator_moving_is_examined_whenever_housing_is_at_issue(
    boende: str, monday_morning: dt.datetime
) -> None:
    answers = {
        "malgrupp": "vuxen",
        "barn_i_hushallet": "nej",
        "boende": boende,
        "barn_medfoljer": "nej",
        "ekonomiskt_bistand": "nej",
        "flera_insatser": "nej",
        "flera_personer": "nej",
        "flera_enheter": "nej",
        "halso_sjukvard": "nej",
    }
    plan = build_plan(ROUTINE, answers, monday_morning)
    ids = [p.id for p in plan.steps]
    if boende == "inget":
        assert "v-boende-forsta-hand" not in ids
        return
    assert section_items(plan, "boende-utovare") == FORSTA_HAND
    part = next(s for s in plan.sections if s.section and s.section.id == "boende-utovare")
    assert part.section.text.startswith("I stället för att den våldsutsatta")
    first = ROUTINE.step("v-boende-forsta-hand")
    assert first.checkable and first.text.startswith(
        "Socialförvaltningen ska i första hand undersöka detta alternativ"
    )
    # The victim's own housing (3.1.3) comes first only where the source puts it first.
    expected_before = BOENDE if boende != "bo_kvar" else []
    start = ids.index("v-stodsamtal-risk") + 1
    assert ids[start : ids.index("v-boende-forsta-hand")] == expected_before


# -- 13: operative text that was missing --------------------------------------------------


def test_missing_operative_text_is_there(monday_morning: dt.datetime) -> None:
    text = {s.id: s.text for s in ROUTINE.steps}
    assert text["skyddat-ansvar"] == (
        "Socialnämnden ansvarar för att tillhandahålla skyddat boende för våldsutsatta."
    )
    assert "boendeinrättning som tillhandahåller platser för heldygnsvistelse" in text["skyddat-definition"]
    assert text["v-skyddat-malgrupp"].startswith("Målgruppen för insatsen är vuxna")
    assert text["sam-sip-behov"] == (
        "Om kommunen eller regionen bedömer att planen behövs för att den enskilde ska få "
        "sina behov tillgodosedda ska planen upprättas."
    )
    assert text["sam-extern-samordna"].startswith(
        "Socialförvaltningen ska samverka med andra verksamheter, myndigheter och organisationer"
    )
    assert text["v-boende-aven-tillfalligt"].startswith("Förutom skyddat boende")
    # The opening of 4.2 holds on every path: it is the first item of 4.2.
    for name in PATHS:
        assert section_items(plan_for(name, monday_morning), "extern")[0] == "sam-extern-samordna"


# -- 14: the questions -------------------------------------------------------------------


def test_malgrupp_help_quotes_the_sources_definitions() -> None:
    help_text = ROUTINE.question("malgrupp").help
    assert (
        "Våld är varje handling riktad mot en annan person, som genom denna handling "
        "skadar, smärtar, skrämmer eller kränker"
    ) in help_text
    assert "Per Isdal" in help_text
    assert "den utsatta har en nära och förtroendefull relation till förövaren" in help_text
    assert "syskon- och andra familje- och släktrelationer" in help_text


def test_each_question_asks_one_thing() -> None:
    assert ROUTINE.question("flera_insatser").text == "Får familjen flera olika insatser?"
    assert ROUTINE.question("flera_enheter").text == (
        "Har andra enheter eller socialsekreterare en pågående kontakt med familjen?"
    )
    assert all(q.text.count("?") == 1 for q in ROUTINE.questions)


def test_children_accompanying_is_asked_for_every_protected_housing() -> None:
    # Not only when children are suspected of having been exposed: "vuxna … med eventuellt
    # medföljande barn".
    for barn in ("ja", "nej"):
        answers = {"malgrupp": "vuxen", "barn_i_hushallet": barn, "boende": "skyddat"}
        assert next_question(ROUTINE, answers).id == "barn_medfoljer"
    answers = {"malgrupp": "vuxen", "barn_i_hushallet": "ja", "boende": "tillfalligt"}
    assert next_question(ROUTINE, answers).id != "barn_medfoljer"


# -- what the source does not give --------------------------------------------------------


def test_police_assessment_for_adults_warns_about_consent(monday_morning: dt.datetime) -> None:
    plan = plan_for("Våldsutsatt vuxen, inga barn, inget boende, ingen samordning", monday_morning)
    step = next(p.step for p in plan.steps if p.id == "v-risk-polis")
    assert any("samtycke" in w for w in step.warnings)


def test_no_invented_contacts_deadlines_or_dates() -> None:
    assert ROUTINE.contacts == ()
    assert ROUTINE.moments == ()
    assert all(s.deadline is None and s.legal is None for s in ROUTINE.steps)
    assert ROUTINE.adopted is None and ROUTINE.revised is None
    # The source says nothing about how often it is revised.
    assert ROUTINE.review_interval_months is None
    remarks = " ".join(r.text for r in ROUTINE.remarks)
    assert "socialjouren" in remarks and "inga telefonnummer" in remarks


def test_review_remark_about_the_new_social_services_act() -> None:
    warnings = [r.text for r in ROUTINE.remarks if r.severity == "varning"]
    assert any("2001:453" in t and "2025:400" in t and "1 juli 2025" in t for t in warnings)


# -- exercises ----------------------------------------------------------------------------


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


# -- Issue 24 -------------------------------------------------------------------------


def test_several_persons_is_its_own_criterion(monday_morning: dt.datetime) -> None:
    """E1: "Om insatser … riktar sig till flera personer i en familj" (4.2) and "Om flera i
    familjen har insatser" (4.1) follow their own question, not "flera olika insatser"."""
    answers = dict(PATHS["Barn har bevittnat våld, inget särskilt skyddsbehov, inga krissamtal"][0])
    assert answers["flera_insatser"] == "nej" and answers["flera_personer"] == "nej"
    ids = [p.id for p in build_plan(ROUTINE, answers, monday_morning).steps]
    assert "sam-extern-familj" not in ids and "sam-intern-tidsmassigt" not in ids
    answers["flera_personer"] = "ja"
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete
    ids = [p.id for p in plan.steps]
    assert "sam-extern-familj" in ids and "sam-intern-tidsmassigt" in ids
    assert "sam-intern" not in ids  # "Om en familj får flera olika insatser": still nej
    assert str(ROUTINE.step("sam-extern-familj").own_when) == str(
        ROUTINE.step("sam-intern-tidsmassigt").own_when
    )


def test_repealed_paragraphs_are_marked_where_they_stand() -> None:
    """E3: the repealed socialtjänstlag and socialtjänstförordning are marked on the items
    that cite them."""
    marked = {s.id for s in ROUTINE.steps if any(w.startswith("Upphävt lagrum: ") for w in s.warnings)}
    assert {"sam-sip", "inl-6", "inl-utovare-1", "lagstiftning-1", "kontroll-1"} <= marked
    assert any(
        "5 kap. 2 § första stycket socialtjänstförordningen (2001:937)" in w
        for s in ROUTINE.steps
        for w in s.warnings
    )


def test_left_out_sentences_are_in_the_whole_routine(monday_morning: dt.datetime) -> None:
    """E2: 3 Insatser's first sentences, 4.1's joint supervision, 4.2's overall level are
    reference text: in the whole routine, never in a plan."""
    for step_id in ("ins-tillhandahalla", "sam-intern-handledning", "sam-extern-former"):
        assert ROUTINE.step(step_id).reference, step_id
    for answers, _ in PATHS.values():
        ids = {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
        assert not ids & {s.id for s in ROUTINE.steps if s.reference}
