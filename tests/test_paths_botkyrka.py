"""Path fixtures for the Botkyrka routine (förskola/skola and socialtjänst): answers → the
exact items expected, in order (the plan keeps the source's order; in an acute case the
order is the instruction); plus the mottagningsgrupp's telefontider, the law's deadline
over the routine's "tre veckor", and the exercises."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.routine.model import TimeRange
from samverkan_tui.core.walk.due_text import due_line
from samverkan_tui.core.walk.hours import contact_status
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.plan import build_plan, effective_answers, enumerate_paths, next_question
from tests.conftest import shipped

ROUTINE = shipped("botkyrka-forskola-skola")

# "Vid akut oro - anmäl först muntligt och komplettera sedan med den skrivna anmälan":
# the oral report and the direct contact first, the samråd in that first contact, and the
# written report (checklistan, fax) only after the acute instructions.
AKUT = [
    "anm-akut-kontakt",
    "anm-akut-samrad",
    "anm-akut-riskbedomning",
    "anm-akut-bedomning",
    "anm-akut-planering",
    "anm-akut-skriftligt",
    "anm-akut-fax",
    "anm-akut-bekraftar",
]
FORHANDSBEDOMNING = ["anm-forhandsbedomning", "anm-beslut", "anm-aterkoppling"]
SKRIFTLIGT = ["anm-samrad", "anm-skriftligt", "anm-fax", "anm-bekraftar"]
ANMALNINGSMOTE = [
    "anm-mote",
    "anm-mote-planeras",
    "anm-mote-kontaktar",
    "anm-mote-bjuder-in",
    "anm-mote-leder",
    "anm-mote-lokal",
    "anm-mote-redogor",
]
SEKTIONER = [
    "begyn-sektion-forebyggande",
    "begyn-sektion-oppenvard",
    "begyn-sektion-familjestod",
    "begyn-sektion-natverk",
]
UTREDNING = [
    "utr-inleds",
    "utr-fyra-manader",
    "utr-samtycke",
    "utr-samtycke-stodinsatser",
    "utr-samtycke-informera",
    "utr-bbic-lagtext",
    "utr-bbic-fylla",
    "utr-bbic-kontakt",
    "utr-bbic-vem",
]
INSTRUKTIONER = [
    "utr-bbic-manuellt",
    "utr-bbic-bilagor",
    "utr-bbic-posten",
    "utr-bbic-mote",
    "utr-stodinsats",
]

PATHS = {
    "förskolan, anmälan, akut oro": (
        {"verksamhet": "forskola", "skede": "anmalan", "akut": "ja"},
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "anm-plikt",
            "anm-plikt-lagtext",
            "anm-oro",
            "anm-forskola",
            "anm-akut-muntligt",
            *AKUT,
            *FORHANDSBEDOMNING,
        ],
    ),
    "skolan, anmälan, akut oro, 15–17 år: direkt kontakt, inte vänta på kontaktpersonen": (
        {"verksamhet": "skola", "skede": "anmalan", "akut": "ja", "alder": "15-17"},
        [
            "utg-fyllt-15",
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "anm-plikt",
            "anm-plikt-lagtext",
            "anm-oro",
            "anm-akut-muntligt",
            "anm-akut-kontakt",
            "anm-akut-samrad",
            "anm-akut-skola-ovriga-tider",
            "anm-akut-riskbedomning",
            "anm-akut-bedomning",
            "anm-akut-planering",
            "anm-akut-skriftligt",
            "anm-akut-fax",
            "anm-akut-bekraftar",
            *FORHANDSBEDOMNING,
        ],
    ),
    "förskolan, anmälan, inte akut, konsultation, familjen motiverad": (
        {
            "verksamhet": "forskola",
            "skede": "anmalan",
            "akut": "nej",
            "konsultation": "ja",
            "familj_motiverad": "ja",
        },
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "kons-forskola",
            "kons-forskola-anonymt",
            "anm-plikt",
            "anm-plikt-lagtext",
            "anm-oro",
            "anm-forskola",
            *SKRIFTLIGT,
            *ANMALNINGSMOTE,
            *FORHANDSBEDOMNING,
            "anm-ansokningsmote",
        ],
    ),
    "skolan, anmälan, inte akut, ingen konsultation, 18 år": (
        {
            "verksamhet": "skola",
            "skede": "anmalan",
            "akut": "nej",
            "alder": "fran18",
            "konsultation": "nej",
            "familj_motiverad": "nej",
        },
        [
            "utg-fyllt-15",
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "utg-fran-18",
            "anm-plikt",
            "anm-plikt-lagtext",
            "anm-oro",
            "anm-skola",
            "anm-skola-telefon",
            *SKRIFTLIGT,
            *ANMALNINGSMOTE,
            *FORHANDSBEDOMNING,
        ],
    ),
    "skolan, begynnande oro, anonym konsultation, föräldrarna tar själva kontakt": (
        {"verksamhet": "skola", "skede": "begynnande", "konsultation": "ja", "vag_resurs": "foraldrar"},
        [
            "begyn-blick",
            "begyn-nedan",
            "begyn-rektor",
            "begyn-hanvisa",
            "begyn-lank",
            "begyn-fakta-serviceinsatser",
            "begyn-fakta-beslutade",
            "kons-kontaktpersoner",
            "begyn-lotsa",
            *SEKTIONER,
            "kons-kontaktperson-skola",
            "kons-skola",
            "kons-skola-direkt",
            "kons-anonymt",
        ],
    ),
    "skolan, begynnande oro, rektor kontaktar resursenheten": (
        {"verksamhet": "skola", "skede": "begynnande", "konsultation": "nej", "vag_resurs": "verksamheten"},
        [
            "begyn-blick",
            "begyn-nedan",
            "begyn-rektor",
            "begyn-aktualisera",
            "begyn-lank",
            "begyn-fakta-serviceinsatser",
            "begyn-fakta-beslutade",
            "begyn-sektionschefer",
            "begyn-lotsa",
            *SEKTIONER,
            "begyn-lokal-samverkansgrupp",
        ],
    ),
    "förskolan, begynnande oro, konsultation, ingen serviceinsats ännu": (
        {"verksamhet": "forskola", "skede": "begynnande", "konsultation": "ja", "vag_resurs": "ingen"},
        [
            "begyn-blick",
            "begyn-nedan",
            "begyn-forskolechef",
            "begyn-lank",
            "begyn-fakta-serviceinsatser",
            "begyn-fakta-beslutade",
            "kons-forskola",
            "kons-forskola-anonymt",
        ],
    ),
    "förskolan, främjande arbete": (
        {"verksamhet": "forskola", "skede": "framjande"},
        [
            "framj-foraldrastod",
            "framj-dialog",
            "framj-informera",
            "framj-informera-introduktion",
            "framj-informera-inskrivning",
            "framj-informera-syfte",
        ],
    ),
    "skolan, främjande arbete": (
        {"verksamhet": "skola", "skede": "framjande"},
        [
            "framj-foraldrastod",
            "framj-dialog",
            "framj-informera",
            "framj-informera-terminsstart",
            "framj-informera-syfte",
            "framj-uppsokande",
            "framj-faltarbete",
        ],
    ),
    "skolan, utredning, ny akut oro, 18 år, inget samtycke: de akuta punkterna först": (
        {
            "verksamhet": "skola",
            "skede": "utredning",
            "ny_oro": "ja",
            "akut": "ja",
            "alder": "fran18",
            "samtycke": "nej",
        },
        [
            "utg-fyllt-15",
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "utg-fran-18",
            "anm-akut-kontakt",
            "anm-akut-samrad",
            "anm-akut-skola-ovriga-tider",
            "anm-akut-riskbedomning",
            "anm-akut-bedomning",
            "anm-akut-planering",
            "anm-akut-skriftligt",
            "anm-akut-fax",
            "anm-akut-bekraftar",
            *UTREDNING,
            "utr-bbic-skola",
            *INSTRUKTIONER,
            "utr-avslutas",
            "utr-aterkoppling-utan-samtycke",
            "utr-ny-anmalan",
        ],
    ),
    "skolan, utredning, ingen ny oro, samtycke": (
        {"verksamhet": "skola", "skede": "utredning", "ny_oro": "nej", "alder": "under15", "samtycke": "ja"},
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            *UTREDNING,
            "utr-bbic-skola",
            *INSTRUKTIONER,
            "utr-stod-samverkan",
            "utr-avslutas",
            "utr-aterkoppling",
        ],
    ),
    "förskolan, utredning, nya uppgifter (inte akut), samtycke": (
        {"verksamhet": "forskola", "skede": "utredning", "ny_oro": "ja", "akut": "nej", "samtycke": "ja"},
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            *UTREDNING,
            *INSTRUKTIONER,
            "utr-stod-samverkan",
            "utr-avslutas",
            "utr-aterkoppling",
            "utr-ny-anmalan",
        ],
    ),
    "skolan, insats, delaktig, omedelbar placering enligt LVU": (
        {
            "verksamhet": "skola",
            "skede": "insats",
            "alder": "15-17",
            "delaktig": "ja",
            "placering": "omedelbar",
        },
        [
            "utg-fyllt-15",
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "ins-genomforandeplan",
            "ins-uppfoljning",
            "ins-skoltid",
            "ins-ta-igen",
            "ins-lvu",
            "ins-barnets-plan",
        ],
    ),
    "skolan, insats, inte delaktig, placering i familjehem": (
        {
            "verksamhet": "skola",
            "skede": "insats",
            "alder": "under15",
            "delaktig": "nej",
            "placering": "placeras",
        },
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "ins-uppfoljning",
            "ins-skoltid",
            "ins-ta-igen",
            "ins-placeras",
            "ins-avvaktan",
            "ins-barnets-plan",
        ],
    ),
    # B3 (issue 24): socialtjänstens own assessment is a step while it is not made yet.
    "förskolan, insats, socialtjänsten har inte bedömt ännu, ingen placering": (
        {"verksamhet": "forskola", "skede": "insats", "delaktig": "inte_bedomt", "placering": "ingen"},
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "ins-bedomer",
            "ins-uppfoljning",
            "ins-barnets-plan",
        ],
    ),
    "förskolan, insats, delaktig, barnet flyttar hem": (
        {"verksamhet": "forskola", "skede": "insats", "delaktig": "ja", "placering": "upphor"},
        [
            "utg-foraldrar-1",
            "utg-foraldrar-osl",
            "utg-integritet",
            "ins-genomforandeplan",
            "ins-uppfoljning",
            "ins-flyttar-hem",
            "ins-barnets-plan",
        ],
    ),
}


@pytest.mark.parametrize("name", list(PATHS))
def test_path_gives_exactly_the_expected_steps_in_order(name: str, monday_morning) -> None:
    answers, expected = PATHS[name]
    plan = build_plan(ROUTINE, answers, monday_morning)
    assert plan.complete, [q.id for q in plan.unanswered]
    assert plan.answers == answers  # every fixture answer is a question that is asked
    assert [p.id for p in plan.steps] == expected


def test_every_step_is_reached_by_some_fixture(monday_morning: dt.datetime) -> None:
    reached = set()
    for answers, _ in PATHS.values():
        reached |= {p.id for p in build_plan(ROUTINE, answers, monday_morning).steps}
    assert reached == {s.id for s in ROUTINE.steps if not s.reference}


def _sections(plan) -> list[str]:
    return [part.section.id for part in plan.sections if part.section is not None]


def test_acute_path_order_and_sections(monday_morning: dt.datetime) -> None:
    """Issue 6: in an acute case the oral report and the direct contact come before the
    written report and the fax; the samråd comes right after the first contact."""
    answers, _ = PATHS["skolan, anmälan, akut oro, 15–17 år: direkt kontakt, inte vänta på kontaktpersonen"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    texts = [p.step.text for p in plan.steps]
    first = [
        "Vid akut oro – anmäl först muntligt och komplettera sedan med den skrivna anmälan.",
        "Ta direkt kontakt med mottagningsgruppen på utredningsenheten och anmäl er oro.",
        "I första kontakten samråder förskola/skolan med socialtjänsten om barnet behöver skyddas.",
    ]
    start = texts.index(first[0])
    assert texts[start : start + 3] == first
    later = texts[start + 3 :]
    assert "Anmäl skriftligt. Använd checklistan för anmälan (se bilaga)." in later
    assert "När anmälan faxas, ring och meddela att den är på väg." in later
    assert [t for t in texts if t.startswith(("Anmäl skriftligt", "När anmälan faxas"))] == [
        "Anmäl skriftligt. Använd checklistan för anmälan (se bilaga).",
        "När anmälan faxas, ring och meddela att den är på väg.",
    ]  # once each, after the acute instructions
    assert _sections(plan) == [
        "vilka-barn",
        "definitioner",
        "foraldrar-och-barn",
        "avsnitt-3",
        "anmalningsplikt",
        "anmaler-oro",
        "vid-anmalan",
        "akut-oro",
        "akut-skriftligt",
        "vidare-med-anmalan",
        "aterkopplar-anmalan",
    ]
    roles = [(p.id, p.step.role) for p in plan.steps if p.id.startswith("anm-akut")]
    assert roles == [
        ("anm-akut-muntligt", "forskola-skola"),
        ("anm-akut-kontakt", "forskola-skola"),
        ("anm-akut-samrad", "gemensamt"),
        ("anm-akut-skola-ovriga-tider", "forskola-skola"),
        ("anm-akut-riskbedomning", "socialtjanst"),
        ("anm-akut-bedomning", "socialtjanst"),
        ("anm-akut-planering", "socialtjanst"),
        ("anm-akut-skriftligt", "forskola-skola"),
        ("anm-akut-fax", "forskola-skola"),
        ("anm-akut-bekraftar", "socialtjanst"),
    ]


def test_ogsa_never_stands_without_what_it_refers_to() -> None:
    """Issue 9: "Skolan kan också …" is shown only with the step it adds to."""
    pairs = [("anm-skola-telefon", "anm-skola"), ("kons-skola-direkt", "kons-skola")]
    now = parse_now("2026-11-23T10:00")
    for answers in enumerate_paths(ROUTINE):
        ids = [p.id for p in build_plan(ROUTINE, answers, now).steps]
        for ogsa, first in pairs:
            if ogsa in ids:
                assert first in ids and ids.index(first) < ids.index(ogsa), answers
    for ogsa, first in pairs:
        assert ROUTINE.step(ogsa).section == ROUTINE.step(first).section
        assert ROUTINE.step(ogsa).own_when == ROUTINE.step(first).own_when


def test_the_law_overrides_the_three_weeks() -> None:
    """Issue 7: the due date is the law's 14 days from when the anmälan came in; the
    routine's "tre veckor" stays its wording and is never shown as a due date."""
    answers, _ = PATHS["förskolan, anmälan, akut oro"]
    inkom = parse_now("2026-11-24T09:00")
    plan = build_plan(ROUTINE, answers, parse_now("2026-11-24T10:00"), {"anmalan": inkom})
    step = ROUTINE.step("anm-forhandsbedomning")
    assert step.deadline.text == "inom tre veckor" and step.deadline_from == "anmalan"
    assert step.legal is not None and step.legal.deadline.days == 14
    assert step.legal.moment == "anmalan"
    assert "inleda eller inte inleda utredning" in step.legal.text
    assert "2025:400" in step.legal.reference and "2001:453" not in step.legal.reference
    planned = next(p for p in plan.steps if p.id == "anm-forhandsbedomning")
    assert planned.due == planned.legal_due == dt.date(2026, 12, 8)
    assert {p.id: p.due for p in plan.steps if p.due} == {"anm-forhandsbedomning": dt.date(2026, 12, 8)}
    line = due_line(planned)
    assert line.startswith(
        "Lagen: beslut om att inleda eller inte inleda utredning inom 14 dagar"
        " – senast tisdag 8 december 2026 (inom 14 dagar från att anmälan kom in)"
    )
    assert line.endswith("rutinen anger inom tre veckor")
    assert "15 december" not in line  # the routine's own three weeks are never a due date
    assert [m.id for m in plan.moments_needed] == ["anmalan"]


def test_four_months_count_from_when_the_investigation_started(monday_morning) -> None:
    answers, _ = PATHS["skolan, utredning, ingen ny oro, samtycke"]
    plan = build_plan(ROUTINE, answers, monday_morning, {"utredning": parse_now("2026-11-02T09:00")})
    assert {p.id: p.due for p in plan.steps if p.due} == {
        "utr-fyra-manader": dt.date(2027, 3, 2),  # inom fyra månader från att utredningen inleddes
    }


def test_source_sections_kept_as_information() -> None:
    """Issue 11: the link to resursenhetens insatser and Barnets plan are information."""
    lank = ROUTINE.step("begyn-lank")
    assert lank.kind == "information" and "helgonet.botkyrka.se" in lank.text
    plan = ROUTINE.step("ins-barnets-plan")
    assert plan.kind == "information"
    assert ROUTINE.section(plan.section).title == "Barnets plan mellan kommun och landsting"
    assert not lank.checkable and not plan.checkable


def test_lead_in_lists_are_nested_sections() -> None:
    for section_id, parent, items in [
        (
            "informerar-tillfallen",
            "informerar-foraldrar",
            ["framj-informera-introduktion", "framj-informera-inskrivning", "framj-informera-terminsstart"],
        ),
        ("sektioner", "direktkontakt-sektionschefer", SEKTIONER),
        (
            "samtycket-galler",
            "samtycke-till-samverkan",
            ["utr-samtycke-stodinsatser", "utr-samtycke-informera"],
        ),
    ]:
        assert ROUTINE.section(section_id).parent == parent
        assert [s.id for s in ROUTINE.steps if s.section == section_id] == items


def test_the_question_does_not_repeat_the_role() -> None:
    """Issue 12: the role says who reads; the first question is about the child."""
    question = ROUTINE.questions[0]
    assert question.id == "verksamhet"
    assert question.values == ("forskola", "skola")
    assert ROUTINE.question("aktor") is None
    assert not {r.id for r in ROUTINE.roles} & set(question.values)


def test_age_is_not_asked_for_forskolan() -> None:
    answers = {"verksamhet": "forskola", "skede": "anmalan", "akut": "ja"}
    assert next_question(ROUTINE, answers) is None
    question = next_question(ROUTINE, {"verksamhet": "skola", "skede": "anmalan", "akut": "ja"})
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
    # Issue 8: the source never says the mottagning closes on helgdagar: unknown.
    assert norr.hours.closed_on_holidays is None
    assert norr.fallback == "socialjouren"
    assert norr.fallback_text == "Övriga tider: Socialjouren, telefon 778 48 60, alt 010-564 64 67"


def test_sodra_and_socialjouren_numbers_and_no_invented_hours() -> None:
    sodra = ROUTINE.contact("mottagning-sodra")
    assert sodra is not None and sodra.phones == ("530 619 05",) and sodra.fax == ("530 618 16",)
    assert sodra.hours is not None and sodra.hours.closed_on_holidays is None
    assert sodra.fallback_text == ROUTINE.contact("mottagning-norr").fallback_text
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
    ("moment", "open_now", "reason", "uncertain"),
    [
        ("2026-11-27T13:59", True, "", False),  # fredag, before 14.00
        ("2026-11-27T14:00", False, "utanför telefontid", False),
        ("2026-11-23T17:59", True, "", False),  # måndag open until 18.00
        ("2026-11-24T16:00", False, "utanför telefontid", False),  # tisdag closes 16.00
        ("2026-11-25T12:30", False, "lunch", False),
        ("2026-11-28T10:00", False, "helg", False),
        ("2026-12-24T10:00", False, "julafton", True),  # the routine does not say
        ("2026-12-31T10:00", False, "nyårsafton", True),
    ],
)
def test_mottagning_norr_status(moment: str, open_now: bool, reason: str, uncertain: bool) -> None:
    norr = ROUTINE.contact("mottagning-norr")
    assert norr is not None
    status = contact_status(norr, ROUTINE, parse_now(moment))
    assert status.open_now is open_now
    assert status.reason == reason
    assert status.uncertain is uncertain
    if not open_now:
        assert status_summary(status).endswith(
            " — Övriga tider: Socialjouren, telefon 778 48 60, alt 010-564 64 67"
        )


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


def test_review_remarks() -> None:
    warnings = [r.text for r in ROUTINE.remarks if r.severity == "varning"]
    assert any("2025:400" in text and "2001:453" in text for text in warnings)
    assert any("5 kap. 1 a §" in text for text in warnings)  # the quoted text, not 1 §
    assert any("tre veckor" in text and "14 dagar" in text for text in warnings)
    assert any("individuell utvecklingsplan" in text and "2013" in text for text in warnings)
    assert ROUTINE.review_interval_months == 12


# -- Issue 24 -------------------------------------------------------------------------


def test_integrity_assessment_has_no_age_limit_and_shows_its_law(monday_morning) -> None:
    """B1: the source sets no age for the child's integrity against the parents ("även om
    det är fråga om ganska små barn"), so a förskola child's plan has the assessment too,
    with the OSL rule its "alltså" refers to right before it."""
    for name in ("förskolan, anmälan, akut oro", "skolan, insats, inte delaktig, placering i familjehem"):
        ids = [p.id for p in build_plan(ROUTINE, PATHS[name][0], monday_morning).steps]
        assert ids.index("utg-foraldrar-osl") + 1 == ids.index("utg-integritet"), name
    assert "12 kap. 3 § OSL" in ROUTINE.step("utg-foraldrar-osl").text
    assert "Någon åldersgräns finns inte angiven" in ROUTINE.step("utg-foraldrar-1").text
    assert ROUTINE.section("foraldrar-och-barn").when is not None
    assert "alder" not in str(ROUTINE.section("foraldrar-och-barn").when)


def test_school_can_report_to_socialjouren_in_an_acute_case(monday_morning) -> None:
    """B2: "Skolan kan också anmäla … till socialjouren på övriga tider" holds when the
    concern is acute too."""
    answers, _ = PATHS["skolan, anmälan, akut oro, 15–17 år: direkt kontakt, inte vänta på kontaktpersonen"]
    plan = build_plan(ROUTINE, answers, monday_morning)
    step = next(p for p in plan.steps if p.id == "anm-akut-skola-ovriga-tider")
    assert "till socialjouren på övriga tider" in step.step.text
    assert [c.id for c in step.contacts] == ["socialjouren"]


def test_rules_and_alternatives_are_not_tick_boxes() -> None:
    """B4: rules and the "också" alternatives are read, not ticked; the contact with the
    sektionschefer is an action."""
    for step_id in (
        "kons-forskola-anonymt",
        "kons-anonymt",
        "anm-akut-riskbedomning",
        "ins-uppfoljning",
        "anm-skola-telefon",
        "kons-skola-direkt",
    ):
        assert not ROUTINE.step(step_id).checkable, step_id
    assert ROUTINE.step("begyn-sektionschefer").checkable


def test_repealed_paragraphs_are_marked_where_they_stand() -> None:
    """B5: each paragraph of the repealed socialtjänstlag is marked on its item."""
    marked = {
        step.id: warning
        for step in ROUTINE.steps
        for warning in step.warnings
        if warning.startswith("Upphävt lagrum: ")
    }
    assert marked == {
        "lagen-1": "Upphävt lagrum: 6 § förvaltningslagen",
        "lagen-5-1-1": "Upphävt lagrum: 5 kap 1 § socialtjänstlagen",
        "anm-plikt-lagtext": "Upphävt lagrum: 14 kap. 1 § socialtjänstlagen",
        "anm-forhandsbedomning": "Upphävt lagrum: socialtjänstlagen 11 kap. 1, 2 §",
        "utr-bbic-lagtext": "Upphävt lagrum: 11 kap. 2 § socialtjänstlagen",
    }


def test_left_out_source_text_is_there() -> None:
    """B6: the fact box's second half and the outreach sentence are in the routine."""
    assert ROUTINE.step("begyn-fakta-beslutade").text.startswith("Beslutade insatser (kallas även")
    assert ROUTINE.step("framj-uppsokande").text.startswith("Socialtjänstens uppsökande arbete")
    assert ROUTINE.section("def-samtycke").reference
    # The source's definition of samtycke is the help of the question about it.
    assert "Personen kan när som helst återkalla sitt samtycke." in ROUTINE.question("samtycke").help


def test_the_sources_chapter_numbers_stay_the_references_numbers() -> None:
    """Issue 24: the reference text before chapter 1 is lettered, and the heading over the
    quoted law ("5 kap 1 § socialtjänstlagen") is no chapter number, so "3" is still the
    source's chapter 3 and no letter or number is used twice."""
    from samverkan_tui.core.routine.references import section_numbers

    numbers = section_numbers(ROUTINE)
    assert [numbers[f"avsnitt-{n}"] for n in range(1, 6)] == ["1", "2", "3", "4", "5"]
    top = [numbers[s.id] for s in ROUTINE.sections if not s.parent]
    assert len(top) == len(set(top))
    assert numbers["lagen-5-1"] == numbers["lagen"] and not numbers["lagen"].isdigit()
