"""Path fixtures for the Botkyrka routine (förskola/skola and socialtjänst): answers → the
exact steps expected, in order; plus the mottagningsgrupp's telefontider and the exercises."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.clock import parse_now
from samverkan_tui.core.hours import contact_status
from samverkan_tui.core.model import TimeRange
from samverkan_tui.core.walk import build_plan, effective_answers, next_question
from tests.conftest import shipped

ROUTINE = shipped("botkyrka-forskola-skola")

ANMALAN_AKUT = [
    "anm-samrad", "anm-skriftligt", "anm-fax", "anm-bekraftar", "anm-akut-muntligt",
    "anm-akut-kontakt", "anm-akut-riskbedomning", "anm-akut-bedomning", "anm-akut-planering",
    "anm-forhandsbedomning", "anm-beslut", "anm-aterkoppling",
]
ANMALNINGSMOTE = [
    "anm-mote", "anm-mote-planeras", "anm-mote-kontaktar", "anm-mote-bjuder-in",
    "anm-mote-leder", "anm-mote-lokal", "anm-mote-redogor",
]
BBIC = [
    "utr-bbic-kontakt", "utr-bbic-fylla", "utr-bbic-vem", "utr-bbic-skola", "utr-bbic-manuellt",
    "utr-bbic-bilagor", "utr-bbic-posten", "utr-bbic-mote",
]

PATHS = {
    "förskolan, anmälan, akut oro": (
        {"aktor": "forskola", "skede": "anmalan", "akut": "ja"},
        ["anm-plikt", "anm-oro", "anm-forskola", *ANMALAN_AKUT],
    ),
    "skolan, anmälan, akut oro, 15–17 år: direkt kontakt, inte vänta på kontaktpersonen": (
        {"aktor": "skola", "skede": "anmalan", "akut": "ja", "alder": "15-17"},
        ["utg-fyllt-15", "anm-plikt", "anm-oro", "anm-skola-telefon", *ANMALAN_AKUT],
    ),
    "förskolan, anmälan, inte akut, konsultation, familjen motiverad": (
        {"aktor": "forskola", "skede": "anmalan", "akut": "nej", "konsultation": "ja",
         "familj_motiverad": "ja"},
        ["kons-forskola", "kons-anonymt", "anm-plikt", "anm-oro", "anm-forskola", "anm-samrad",
         "anm-skriftligt", "anm-fax", "anm-bekraftar", *ANMALNINGSMOTE,
         "anm-forhandsbedomning", "anm-beslut", "anm-aterkoppling", "anm-ansokningsmote"],
    ),
    "socialtjänsten, anmälan, inte akut, konsultation, 18 år: både förskolans och skolans väg": (
        {"aktor": "socialtjanst", "skede": "anmalan", "akut": "nej", "alder": "fran18",
         "konsultation": "ja", "familj_motiverad": "nej"},
        ["utg-fyllt-15", "utg-fran-18", "kons-kontaktpersoner", "kons-forskola", "kons-skola",
         "kons-anonymt", "anm-plikt", "anm-oro", "anm-forskola", "anm-skola",
         "anm-skola-telefon", "anm-samrad", "anm-skriftligt", "anm-fax", "anm-bekraftar",
         *ANMALNINGSMOTE, "anm-forhandsbedomning", "anm-beslut", "anm-aterkoppling"],
    ),
    "skolan, begynnande oro, anonym konsultation, föräldrarna tar själva kontakt": (
        {"aktor": "skola", "skede": "begynnande", "konsultation": "ja",
         "vag_resurs": "foraldrar"},
        ["begyn-blick", "begyn-rektor", "begyn-hanvisa", "begyn-lotsa",
         "kons-kontaktpersoner", "kons-skola", "kons-anonymt"],
    ),
    "socialtjänsten, begynnande oro, förskolechef/rektor kontaktar resursenheten": (
        {"aktor": "socialtjanst", "skede": "begynnande", "konsultation": "nej",
         "vag_resurs": "verksamheten"},
        ["begyn-blick", "begyn-rektor", "begyn-forskolechef", "begyn-aktualisera", "begyn-lotsa"],
    ),
    "förskolan, begynnande oro, konsultation, ingen serviceinsats ännu": (
        {"aktor": "forskola", "skede": "begynnande", "konsultation": "ja", "vag_resurs": "ingen"},
        ["begyn-blick", "begyn-forskolechef", "kons-forskola", "kons-anonymt"],
    ),
    "förskolan, främjande arbete": (
        {"aktor": "forskola", "skede": "framjande"},
        ["framj-dialog", "framj-informera", "framj-informera-introduktion",
         "framj-informera-inskrivning"],
    ),
    "skolan, främjande arbete": (
        {"aktor": "skola", "skede": "framjande"},
        ["framj-dialog", "framj-informera", "framj-informera-terminsstart", "framj-faltarbete"],
    ),
    "socialtjänsten, utredning, ny akut oro, 18 år, inget samtycke": (
        {"aktor": "socialtjanst", "skede": "utredning", "ny_oro": "ja", "akut": "ja",
         "alder": "fran18", "samtycke": "nej"},
        ["utg-fyllt-15", "utg-fran-18", "anm-samrad", "anm-akut-muntligt", "anm-akut-kontakt",
         "anm-akut-riskbedomning", "anm-akut-bedomning", "anm-akut-planering",
         "utr-inleds", "utr-fyra-manader", "utr-samtycke", *BBIC, "utr-stodinsats",
         "utr-avslutas", "utr-aterkoppling-utan-samtycke", "utr-ny-anmalan"],
    ),
    "skolan, utredning, ingen ny oro, samtycke": (
        {"aktor": "skola", "skede": "utredning", "ny_oro": "nej", "alder": "under15",
         "samtycke": "ja"},
        ["utr-inleds", "utr-fyra-manader", "utr-samtycke", *BBIC, "utr-stodinsats",
         "utr-stod-samverkan", "utr-avslutas", "utr-aterkoppling"],
    ),
    "förskolan, utredning, nya uppgifter (inte akut), samtycke": (
        {"aktor": "forskola", "skede": "utredning", "ny_oro": "ja", "akut": "nej",
         "samtycke": "ja"},
        ["anm-samrad", "utr-inleds", "utr-fyra-manader", "utr-samtycke", "utr-bbic-kontakt",
         "utr-bbic-fylla", "utr-bbic-vem", "utr-bbic-manuellt", "utr-bbic-bilagor",
         "utr-bbic-posten", "utr-bbic-mote", "utr-stodinsats", "utr-stod-samverkan",
         "utr-avslutas", "utr-aterkoppling", "utr-ny-anmalan"],
    ),
    "skolan, insats, delaktig, omedelbar placering enligt LVU": (
        {"aktor": "skola", "skede": "insats", "alder": "15-17", "delaktig": "ja",
         "placering": "omedelbar"},
        ["utg-fyllt-15", "ins-genomforandeplan", "ins-uppfoljning", "ins-skoltid", "ins-ta-igen",
         "ins-lvu"],
    ),
    "socialtjänsten, insats, inte delaktig, placering i familjehem": (
        {"aktor": "socialtjanst", "skede": "insats", "alder": "under15", "delaktig": "nej",
         "placering": "placeras"},
        ["ins-uppfoljning", "ins-skoltid", "ins-ta-igen", "ins-placeras", "ins-avvaktan"],
    ),
    "förskolan, insats, delaktig, barnet flyttar hem": (
        {"aktor": "forskola", "skede": "insats", "delaktig": "ja", "placering": "upphor"},
        ["ins-genomforandeplan", "ins-uppfoljning", "ins-flyttar-hem"],
    ),
}


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_steps(name: str, monday_morning: dt.datetime) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert plan.answers == answers  # every fixture answer is a question that is asked
    assert [p.id for p in plan.steps] == expected


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps}


def test_age_is_not_asked_for_forskolan() -> None:
    answers = {"aktor": "forskola", "skede": "anmalan", "akut": "ja"}
    assert next_question(ROUTINE, answers) is None
    question = next_question(ROUTINE, {"aktor": "skola", "skede": "anmalan", "akut": "ja"})
    assert question is not None and question.id == "alder"


def test_mottagning_norr_hours_as_the_source_writes_them() -> None:
    norr = ROUTINE.contact("mottagning-norr")
    assert norr is not None and norr.hours is not None
    assert norr.phones == ("530 622 55",)
    assert norr.fax == ("530 622 88",)
    days = norr.hours.days
    assert days["mon"] == (TimeRange(8 * 60 + 30, 18 * 60),)
    for day in ("tue", "wed", "thu"):
        assert days[day] == (TimeRange(8 * 60 + 30, 16 * 60),)
    assert days["fri"] == (TimeRange(8 * 60 + 30, 14 * 60),)
    assert "sat" not in days and "sun" not in days
    assert norr.hours.breaks == (TimeRange(12 * 60, 13 * 60, "lunch"),)
    assert norr.hours.closed_on_holidays
    assert norr.fallback == "socialjouren"


def test_sodra_and_socialjouren_numbers_and_no_invented_hours() -> None:
    sodra = ROUTINE.contact("mottagning-sodra")
    assert sodra is not None and sodra.phones == ("530 619 05",) and sodra.fax == ("530 618 16",)
    jouren = ROUTINE.contact("socialjouren")
    assert jouren is not None
    assert jouren.phones == ("778 48 60", "010-564 64 67")
    assert jouren.hours is None
    assert jouren.hours_note == "Tider anges inte i rutinen."
    sektioner = {c.id: c.phones for c in ROUTINE.contacts if c.id.startswith("sektion-")}
    assert sektioner == {
        "sektion-forebyggande": ("530 619 28",),
        "sektion-oppenvard": ("530 622 26",),
        "sektion-familjestod": ("530 617 26",),
        "sektion-natverk-familjevald": ("530 623 61",),
    }


@pytest.mark.parametrize(
    ("moment", "open_now", "reason"),
    [
        ("2026-11-27T13:59", True, ""),  # fredag, before 14.00
        ("2026-11-27T14:00", False, "utanför telefontid"),
        ("2026-11-23T17:59", True, ""),  # måndag open until 18.00
        ("2026-11-24T16:00", False, "utanför telefontid"),  # tisdag closes 16.00
        ("2026-11-25T12:30", False, "lunch"),
        ("2026-11-28T10:00", False, "helg"),
    ],
)
def test_mottagning_norr_status(moment: str, open_now: bool, reason: str) -> None:
    norr = ROUTINE.contact("mottagning-norr")
    assert norr is not None
    status = contact_status(norr, ROUTINE, parse_now(moment))
    assert status.open_now is open_now
    assert status.reason == reason


def test_friday_evening_exercise_points_to_socialjouren() -> None:
    exercise = next(e for e in ROUTINE.exercises if e.id == "akut-skola-fredag-kvall")
    assert exercise.now is not None
    now = parse_now(exercise.now.isoformat())
    answers = {a.question: a.answer for a in exercise.answers}
    plan = build_plan(ROUTINE, answers, now)
    akut = next(p for p in plan.steps if p.id == "anm-akut-kontakt")
    assert any(w.startswith("Informera inte föräldrarna") for w in akut.step.warnings)
    statuses = [contact_status(c, ROUTINE, now) for c in akut.contacts]
    assert statuses and all(s.open_now is False for s in statuses)
    assert {s.fallback.id for s in statuses if s.fallback} == {"socialjouren"}
    assert "socialjouren" in {c.id for c in plan.contacts}


def test_exercises_answer_exactly_the_questions_asked() -> None:
    assert len(ROUTINE.exercises) >= 3
    for exercise in ROUTINE.exercises:
        answers = {a.question: a.answer for a in exercise.answers}
        assert effective_answers(ROUTINE, answers) == answers, exercise.id
        assert next_question(ROUTINE, answers) is None, exercise.id
        assert all(a.reason.strip() for a in exercise.answers), exercise.id
    akut = {dict((a.question, a.answer) for a in e.answers).get("akut") for e in ROUTINE.exercises}
    assert {"ja", "nej"} <= akut


def test_deadlines_become_dates(monday_morning: dt.datetime) -> None:
    answers, _ = PATHS["förskolan, anmälan, akut oro"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert {p.id: p.due for p in plan.steps if p.due} == {
        "anm-forhandsbedomning": dt.date(2026, 12, 14),  # inom tre veckor
    }
    answers, _ = PATHS["skolan, utredning, ingen ny oro, samtycke"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert {p.id: p.due for p in plan.steps if p.due} == {
        "utr-fyra-manader": dt.date(2027, 3, 23),  # inom fyra månader
    }


def test_review_remarks_flag_the_new_social_services_act_and_the_14_days() -> None:
    warnings = [r.text for r in ROUTINE.remarks if r.severity == "varning"]
    assert any("2025:400" in text and "2001:453" in text for text in warnings)
    assert any("tre veckor" in text and "14 dagar" in text for text in warnings)
    assert ROUTINE.review_interval_months == 12
