"""Path fixtures for the RVT–BoU routine: answers → the exact items expected, in order.

The routine is in format 2: the source's headings in the source's order, under its two
entries (the case comes in to RVT / to BoU). Every expected list is the plan's order, which
is the file's order, compared with ``==``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.walk.plan import build_plan, enumerate_paths
from tests.conftest import shipped

ROUTINE = shipped("rvt-bou")

RVT_AKUT_LONG_TERM = ["sikt-rvt-1", "sikt-rvt-2", "sikt-rvt-3", "sikt-bou-1", "sikt-bou-2", "sikt-bou-3"]
BOU_LONG_TERM = [
    "sikt-rvt-1-bou",
    "sikt-rvt-2-bou",
    "sikt-rvt-3-bou",
    "sikt-bou-1-bou",
    "sikt-bou-2-bou",
    "sikt-bou-3-bou",
]

PATHS = {
    # -- Entry via RVT -----------------------------------------------------------------
    "RVT, akut, öppen utredning, ansvarig på plats, tackar nej till skyddat boende": (
        {
            "inkom": "rvt",
            "akut": "ja",
            "utredning": "oppen",
            "ansvarig_pa_plats": "ja",
            "skyddsbehov": "ja",
            "nej_skyddat_boende": "ja",
            "stod_fran_rvt": "ja",
        },
        [
            "rvt-in-rvt-akut-1",
            "rvt-in-rvt-akut-1-ansvarig",
            "rvt-in-rvt-akut-2",
            "rvt-in-bou-akut-1",
            "rvt-in-rvt-akut-3",  # the new assessment after BoU's first one
            "rvt-in-gem-akut-1",
            "rvt-in-gem-2",
            *RVT_AKUT_LONG_TERM,
        ],
    ),
    "RVT, akut, förhandsbedömning pågår, ansvarig inte på plats, tackar ja till boende": (
        {
            "inkom": "rvt",
            "akut": "ja",
            "utredning": "forhandsbedomning",
            "ansvarig_pa_plats": "nej",
            "skyddsbehov": "ja",
            "nej_skyddat_boende": "nej",
            "stod_fran_rvt": "nej",
        },
        [
            "rvt-in-rvt-akut-1",
            "rvt-in-rvt-akut-1-delegering",
            "rvt-in-rvt-akut-2",
            "rvt-in-bou-akut-1",
            "rvt-in-bou-akut-2",
            "rvt-in-gem-akut-1",
            "rvt-in-gem-2",
        ],
    ),
    "RVT, akut, ingen utredning, inget skyddsbehov": (
        {"inkom": "rvt", "akut": "ja", "utredning": "ingen", "skyddsbehov": "nej", "stod_fran_rvt": "ja"},
        [
            "rvt-in-rvt-akut-1",
            "rvt-in-rvt-akut-1-mottagningen",
            "rvt-in-rvt-akut-2",
            "rvt-in-bou-akut-1",
            "rvt-in-bou-akut-2",
            "rvt-in-gem-akut-1",
            "rvt-in-gem-2",
            *RVT_AKUT_LONG_TERM,
        ],
    ),
    "RVT, akut, ingen utredning, tackar nej till skyddat boende, inget stöd från RVT": (
        {
            "inkom": "rvt",
            "akut": "ja",
            "utredning": "ingen",
            "skyddsbehov": "ja",
            "nej_skyddat_boende": "ja",
            "stod_fran_rvt": "nej",
        },
        [
            "rvt-in-rvt-akut-1",
            "rvt-in-rvt-akut-1-mottagningen",
            "rvt-in-rvt-akut-2",
            "rvt-in-bou-akut-1",
            "rvt-in-bou-akut-2",
            "rvt-in-rvt-akut-3",
            "rvt-in-gem-akut-1",
            "rvt-in-gem-2",
        ],
    ),
    "RVT, inte akut, förhandsbedömning pågår: mottagningen (källan nämner bara öppen utredning)": (
        {"inkom": "rvt", "akut": "nej", "utredning": "forhandsbedomning", "stod_fran_rvt": "nej"},
        [
            "rvt-in-rvt-ejakut-1",
            "rvt-in-rvt-ejakut-1-mottagningen",
            "rvt-in-rvt-ejakut-2",
            "rvt-in-bou-1",
            "rvt-in-bou-2",
            "rvt-in-gem-ejakut-1",
            "rvt-in-gem-ejakut-2",
        ],
    ),
    "RVT, inte akut, öppen utredning, ansvarig inte på plats": (
        {
            "inkom": "rvt",
            "akut": "nej",
            "utredning": "oppen",
            "ansvarig_pa_plats": "nej",
            "stod_fran_rvt": "nej",
        },
        [
            "rvt-in-rvt-ejakut-1",
            "rvt-in-rvt-ejakut-1-delegering",
            "rvt-in-rvt-ejakut-2",
            "rvt-in-bou-1",
            "rvt-in-gem-ejakut-1",
            "rvt-in-gem-ejakut-2",
        ],
    ),
    "RVT, inte akut, öppen utredning, ansvarig på plats, stöd från RVT": (
        {
            "inkom": "rvt",
            "akut": "nej",
            "utredning": "oppen",
            "ansvarig_pa_plats": "ja",
            "stod_fran_rvt": "ja",
        },
        [
            "rvt-in-rvt-ejakut-1",
            "rvt-in-rvt-ejakut-1-ansvarig",
            "rvt-in-rvt-ejakut-2",
            "rvt-in-bou-1",
            "rvt-in-gem-ejakut-1",
            "rvt-in-gem-ejakut-2",
            *RVT_AKUT_LONG_TERM,
        ],
    ),
    # -- Entry via BoU -----------------------------------------------------------------
    "BoU, akut, klienten vill ha kontakt och tackar ja till insats": (
        {"inkom": "bou", "akut": "ja", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "ja"},
        [
            "bou-in-bou-1",
            "bou-in-bou-1-beredskap",
            "bou-in-bou-1-skriftligt",
            "bou-in-bou-2",
            "bou-in-rvt-1",
            "bou-in-rvt-akut-2",
            "bou-in-rvt-akut-3",
            "bou-in-gem-akut-1",
            "bou-in-gem-2",
            *BOU_LONG_TERM,
        ],
    ),
    "BoU, akut, klienten vill ha kontakt men tackar nej till insats": (
        {"inkom": "bou", "akut": "ja", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "nej"},
        ["bou-in-bou-1", "bou-in-bou-1-beredskap", "bou-in-bou-1-skriftligt", "bou-in-bou-2"],
    ),
    # R4 (issue 24): at BoU's first contact the client's answer is often not known yet. RVT's
    # own steps (contact BoU, contact the client the same day) are what finds it out, so
    # they stand; the shared steps and the long term wait for the client's yes.
    "BoU, akut, klienten vill ha kontakt, svaret om insats är inte känt ännu": (
        {"inkom": "bou", "akut": "ja", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "vet_inte"},
        [
            "bou-in-bou-1",
            "bou-in-bou-1-beredskap",
            "bou-in-bou-1-skriftligt",
            "bou-in-bou-2",
            "bou-in-rvt-1",
            "bou-in-rvt-akut-2",
            "bou-in-rvt-akut-3",
        ],
    ),
    "BoU, akut, klienten vill inte ha kontakt med RVT": (
        {"inkom": "bou", "akut": "ja", "vill_kontakt_rvt": "nej"},
        ["bou-in-bou-1", "bou-in-bou-2"],
    ),
    "BoU, inte akut, klienten tackar ja till insats": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "ja"},
        [
            "bou-in-bou-ejakut-1",
            "bou-in-bou-ejakut-1-beredskap",
            "bou-in-bou-ejakut-1-skriftligt",
            "bou-in-bou-ejakut-2",
            "bou-in-rvt-ejakut-1",
            "bou-in-rvt-ejakut-2",
            "bou-in-gem-ejakut-1",
            "bou-in-gem-ejakut-2",
            *BOU_LONG_TERM,
        ],
    ),
    "BoU, inte akut, klienten vill ha kontakt men tackar nej till insats": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "nej"},
        [
            "bou-in-bou-ejakut-1",
            "bou-in-bou-ejakut-1-beredskap",
            "bou-in-bou-ejakut-1-skriftligt",
            "bou-in-bou-ejakut-2",
        ],
    ),
    "BoU, inte akut, klienten vill ha kontakt, svaret om insats är inte känt ännu": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "ja", "tackat_ja_insats": "vet_inte"},
        [
            "bou-in-bou-ejakut-1",
            "bou-in-bou-ejakut-1-beredskap",
            "bou-in-bou-ejakut-1-skriftligt",
            "bou-in-bou-ejakut-2",
            "bou-in-rvt-ejakut-1",
            "bou-in-rvt-ejakut-2",
        ],
    ),
    "BoU, inte akut, klienten vill inte ha kontakt med RVT": (
        {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "nej"},
        ["bou-in-bou-ejakut-1", "bou-in-bou-ejakut-2"],
    ),
}


def plan_for(answers: dict[str, str], now: dt.datetime, moments=None):
    plan = build_plan(ROUTINE, answers, now, moments)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert plan.answers == answers  # every answer given was asked, none left over
    return plan


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_steps_in_order(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    assert [p.id for p in plan_for(answers, monday_morning).steps] == expected


def test_fixtures_cover_every_complete_walk_of_the_routine() -> None:
    walks = {tuple(sorted(a.items())) for a in enumerate_paths(ROUTINE)}
    fixtures = {tuple(sorted(a.items())) for a, _ in PATHS.values()}
    assert fixtures <= walks
    # Via BoU all 8 walks are fixtures (akut or not × no contact, or contact and a yes, a no
    # or not known yet). Via RVT, akut: 5 ways through utredning/ansvarig × 3 through
    # skyddsbehov/skyddat boende × 2 through stöd från RVT = 30; inte akut: 4 × 2 = 8. The
    # RVT walks left out combine branches the fixtures each take elsewhere.
    assert len(walks) == 8 + 30 + 8
    assert {a for a in fixtures if dict(a)["inkom"] == "bou"} == {
        a for a in walks if dict(a)["inkom"] == "bou"
    }


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in plan_for(answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps if not s.reference}


def test_the_plan_lists_the_sources_headings_in_its_order(monday_morning: dt.datetime) -> None:
    answers, _ = PATHS["RVT, akut, öppen utredning, ansvarig på plats, tackar nej till skyddat boende"]
    plan = plan_for(answers, monday_morning)
    assert [(part.section.id, part.depth) for part in plan.sections] == [
        ("rvt", 0),
        ("rvt-rvt-akut", 1),
        ("rvt-bou-akut", 1),
        ("rvt-gem-akut", 1),
        ("rvt-sikt-rvt", 1),
        ("rvt-sikt-bou", 1),
    ]
    assert plan.sections[1].section.title == (
        "Vad gör socialsekreterare på RVT i det inledande skedet – om situationen är akut?"
    )


def test_new_assessment_comes_after_bous_first_skyddsbedomning(monday_morning) -> None:
    # Acute, via RVT, the adult declines skyddat boende: BoU-utredare's *new* assessment of
    # the children cannot come before BoU's first skyddsbedömning on them.
    for name in (
        "RVT, akut, öppen utredning, ansvarig på plats, tackar nej till skyddat boende",
        "RVT, akut, ingen utredning, tackar nej till skyddat boende, inget stöd från RVT",
    ):
        ids = [p.id for p in plan_for(PATHS[name][0], monday_morning).steps]
        assert ids.index("rvt-in-bou-akut-1") < ids.index("rvt-in-rvt-akut-3"), name
        step = ROUTINE.step("rvt-in-rvt-akut-3")
        assert (step.role, step.section) == ("bou", "rvt-bou-akut")


# -- 1. Entry via BoU: the shared section has the same condition as RVT's ----------------


@pytest.mark.parametrize("akut", ["ja", "nej"])
def test_bou_entry_shared_steps_need_the_clients_yes_to_rvt(akut, monday_morning) -> None:
    def sections(answers):
        plan = plan_for({"inkom": "bou", "akut": akut, **answers}, monday_morning)
        return [part.section.id for part in plan.sections]

    suffix = "akut" if akut == "ja" else "ejakut"
    own = ["bou", f"bou-bou-{suffix}"]
    assert sections({"vill_kontakt_rvt": "nej"}) == own
    assert sections({"vill_kontakt_rvt": "ja", "tackat_ja_insats": "nej"}) == own
    assert sections({"vill_kontakt_rvt": "ja", "tackat_ja_insats": "ja"}) == [
        *own,
        f"bou-rvt-{suffix}",
        f"bou-gem-{suffix}",
        "bou-sikt-rvt",
        "bou-sikt-bou",
    ]


def test_bou_entry_rvt_steps_wait_for_no_yes_the_shared_ones_do(monday_morning) -> None:
    """R4 (issue 24): with the client's answer not known yet, RVT's section is in the plan
    and the shared one is not; with a yes both are, with a no neither."""
    for akut in ("ja", "nej"):
        suffix = "akut" if akut == "ja" else "ejakut"
        for answer, rvt, shared in (("ja", True, True), ("vet_inte", True, False), ("nej", False, False)):
            answers = {"inkom": "bou", "akut": akut, "vill_kontakt_rvt": "ja", "tackat_ja_insats": answer}
            sections = {part.section.id for part in plan_for(answers, monday_morning).sections}
            assert (f"bou-rvt-{suffix}" in sections, f"bou-gem-{suffix}" in sections) == (rvt, shared)


# -- 2. The long-term questions follow from the entry and the earlier answers ------------


def test_long_term_is_never_asked_when_the_entry_already_answers_it(monday_morning) -> None:
    assert ROUTINE.question("barn_aktuellt_bou") is None  # never asked: known from the entry
    for answers in enumerate_paths(ROUTINE):
        asked = [q.id for q in build_plan(ROUTINE, answers, monday_morning).asked]
        assert ("stod_fran_rvt" in asked) == (answers["inkom"] == "rvt"), answers


def test_long_term_steps_follow_the_clients_contact_with_rvt(monday_morning) -> None:
    long_term = {s.id for s in ROUTINE.steps if s.phase == "langre-sikt"}
    for answers in enumerate_paths(ROUTINE):
        ids = [p.id for p in build_plan(ROUTINE, answers, monday_morning).steps]
        got = [i for i in ids if i in long_term]
        if answers["inkom"] == "bou":
            rvt_yes = answers.get("tackat_ja_insats") == "ja"
            assert got == (BOU_LONG_TERM if rvt_yes else []), answers
        else:
            assert got == (RVT_AKUT_LONG_TERM if answers["stod_fran_rvt"] == "ja" else []), answers


# -- 3. skyddsbehov and skyddat boende: one thing each, asked where it is known ----------


def test_protection_questions_ask_one_thing_each_after_rvts_first_step() -> None:
    ids = [q.id for q in ROUTINE.questions]
    assert "skyddsbehov_nej_boende" not in ids
    assert ids.index("ansvarig_pa_plats") < ids.index("skyddsbehov") < ids.index("nej_skyddat_boende")
    skydd, boende = ROUTINE.question("skyddsbehov"), ROUTINE.question("nej_skyddat_boende")
    assert (skydd.text, boende.text) == ("Råder skyddsbehov?", "Tackar den vuxne nej till skyddat boende?")
    for question in (skydd, boende):
        assert "Skyddat boende:" not in question.help  # the source gives no definition
        assert "boende för den som" not in question.help


def test_skyddat_boende_is_asked_only_when_skyddsbehov_rader(monday_morning) -> None:
    base = {"inkom": "rvt", "akut": "ja", "utredning": "ingen"}
    no_need = build_plan(ROUTINE, {**base, "skyddsbehov": "nej"}, monday_morning)
    assert no_need.next_question.id == "stod_fran_rvt"
    need = build_plan(ROUTINE, {**base, "skyddsbehov": "ja"}, monday_morning)
    assert need.next_question.id == "nej_skyddat_boende"


# -- 4. RVT's offer to take part belongs with the step that asks the client --------------


@pytest.mark.parametrize("akut, step_id", [("ja", "bou-in-bou-1"), ("nej", "bou-in-bou-ejakut-1")])
def test_rvts_offer_is_shown_with_the_question_to_the_client(akut, step_id, monday_morning):
    plan = plan_for({"inkom": "bou", "akut": akut, "vill_kontakt_rvt": "nej"}, monday_morning)
    asking = next(p for p in plan.steps if p.id == step_id)
    assert asking.step.notes == (
        "RVT har möjlighet att medverka vid BoU:s samtal med klienten "
        "för att informera om de insatser som finns att tillgå.",
    )


# -- 5. Obvious slips ------------------------------------------------------------------


def test_genitive_is_written_with_a_colon_and_the_missing_och_is_marked() -> None:
    texts = [t for s in ROUTINE.steps for t in (s.text, *s.notes)]
    assert not [t for t in texts if "’s" in t or "'s" in t]
    assert "RVT:s beredskap" in ROUTINE.step("bou-in-bou-1-beredskap").text
    assert ROUTINE.step("bou-in-rvt-akut-2").text == (
        "RVT kontaktar klienten [och] erbjuder samtal samma dag."
    )


# -- deadlines, contacts, review ---------------------------------------------------------


def test_deadlines_count_from_their_moments(monday_morning: dt.datetime) -> None:
    tuesday = monday_morning + dt.timedelta(days=1)
    answers, _ = PATHS["BoU, akut, klienten vill ha kontakt och tackar ja till insats"]
    plan = plan_for(answers, monday_morning, {"information": monday_morning, "rvt-informerad": tuesday})
    due = {p.id: (p.due, p.due_from.id) for p in plan.steps if p.due}
    assert due == {"bou-in-rvt-akut-2": (dt.date(2026, 11, 24), "rvt-informerad")}  # samma dag

    answers, _ = PATHS["BoU, inte akut, klienten tackar ja till insats"]
    plan = plan_for(answers, monday_morning, {"information": monday_morning, "rvt-informerad": tuesday})
    due = {p.id: (p.due, p.due_from.id) for p in plan.steps if p.due}
    assert due == {
        "bou-in-rvt-ejakut-2": (dt.date(2026, 12, 1), "rvt-informerad"),
        "bou-in-gem-ejakut-1": (dt.date(2026, 11, 30), "information"),
    }

    answers, _ = PATHS["RVT, inte akut, öppen utredning, ansvarig inte på plats"]
    plan = plan_for(answers, monday_morning)
    due = {p.id: (p.due, p.due_from.id) for p in plan.steps if p.due}
    assert due == {
        "rvt-in-rvt-ejakut-2": (dt.date(2026, 11, 30), "information"),
        "rvt-in-gem-ejakut-1": (dt.date(2026, 11, 30), "information"),
    }


def test_beredskap_contact_comes_with_the_step(monday_morning: dt.datetime) -> None:
    answers, _ = PATHS["BoU, inte akut, klienten vill ha kontakt men tackar nej till insats"]
    plan = plan_for(answers, monday_morning)
    step = next(p for p in plan.steps if p.id == "bou-in-bou-ejakut-1-beredskap")
    assert [c.phones for c in step.contacts] == [("08-508 03 310",)]


def test_review_interval_is_the_sources_and_no_dates_are_invented() -> None:
    assert ROUTINE.review_interval_months == 12
    assert "minst en gång/år" in ROUTINE.review_text
    assert (ROUTINE.adopted, ROUTINE.revised) == (None, None)


def test_the_source_introduction_is_reference_text_never_in_a_plan(monday_morning) -> None:
    """Issue 24: "Observera" and the responsibility sentence are in the whole routine only."""
    reference = {s.id for s in ROUTINE.steps if s.reference}
    assert reference == {"observera-ansvar", "observera-nedan", "observera-dokumentation"}
    for answers, _ in PATHS.values():
        assert not reference & {p.id for p in plan_for(answers, monday_morning).steps}


def test_duties_on_changes_are_actions_to_tick() -> None:
    """R1 (issue 24): "RVT kontaktar BoU vid förändringar …" and "BoU informerar RVT …" are
    duties, so they are ticked like the meetings above them, not shown as principles."""
    for step_id in ("sikt-rvt-3", "sikt-bou-3", "sikt-rvt-3-bou", "sikt-bou-3-bou"):
        assert ROUTINE.step(step_id).checkable, step_id


def test_beredskap_is_given_the_clients_details() -> None:
    """R3 (issue 24): BoU gives RVT the client's contact details, not the other way round."""
    beredskap = ROUTINE.contact("rvt-beredskap")
    assert beredskap.instructions == "Lämna klientens kontaktuppgifter till RVT."


def test_long_term_condition_for_bou_is_a_documented_decision() -> None:
    """R2 (issue 24): the source's heading for BoU's long-term list states no condition on the
    adult's RVT support; the routine keeps it (every item is joint work with RVT) and says
    so to the routine's owner."""
    assert ROUTINE.section("rvt-sikt-bou").when == ROUTINE.section("rvt-sikt-rvt").when
    assert any("så länge barnet är aktuellt hos BoU" in r.text for r in ROUTINE.remarks)
