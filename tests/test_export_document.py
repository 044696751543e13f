"""The printable document model: whole routine, one path, a walk with its records."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.base.dates import format_date
from samverkan_tui.core.routine.references import item_references
from samverkan_tui.core.walk.plan import build_plan
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, MODE_TRAINING, NOT_APPLICABLE
from samverkan_tui.export import ExportError, default_filename, export, render
from samverkan_tui.export.document import (
    KIND_PLAN,
    KIND_ROUTINE,
    KIND_RUN,
    StepRecord,
    document_for_plan,
    document_for_routine,
    document_for_run,
    document_for_session,
)
from tests.conftest import shipped

SHIPPED = [
    "rvt-bou",
    "botkyrka-forskola-skola",
    "ekero-vald-i-nara-relation",
    "vasterbotten-sexuell-beteendeproblematik",
]
NOW = parse_now("2026-11-27T16:40")
RVT_PATH = {
    "inkom": "rvt",
    "akut": "nej",
    "utredning": "oppen",
    "ansvarig_pa_plats": "ja",
    "stod_fran_rvt": "ja",
}


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_whole_routine_has_every_item_once_in_the_sources_order(routine_id: str) -> None:
    routine = shipped(routine_id)
    document = document_for_routine(routine, NOW)
    assert document.kind == KIND_ROUTINE
    # Every item once (none lost, even one whose section is missing), in file order
    # within its section.
    assert sorted(i.step_id for i in document.items) == sorted(s.id for s in routine.steps)
    file_order = [s.id for s in routine.steps]
    for section in document.sections:
        ids = [i.step_id for i in section.items]
        assert ids == sorted(ids, key=file_order.index)
    actions = [i for i in document.items if i.checkable]
    assert [i.number for i in actions] == list(range(1, len(actions) + 1))
    refs = item_references(routine)
    assert all(i.reference == refs[i.step_id] for i in document.items)
    assert len(set(refs.values())) == len(refs)  # one reference, one item
    # The source's headings in the source's order, each phase once before its sections.
    titles = [s.title for s in document.sections if s.level > 0 and s.title]
    assert titles == [
        s.title
        for s in routine.sections
        if any(st.section == s.id for st in routine.steps) or any(c.parent == s.id for c in routine.sections)
    ]
    phases = [s.title for s in document.sections if s.level == 0]
    assert len(phases) == len(set(phases)) or len(routine.phases) < len(phases)
    for section in document.sections:
        headings = [b.condition for b in section.blocks]
        assert all(a != b for a, b in itertools.pairwise(headings))


def test_references_are_stable_and_shared_by_plan_and_routine(monday_morning: dt.datetime) -> None:
    routine = shipped("rvt-bou")
    refs = item_references(routine)
    assert refs == item_references(shipped("rvt-bou"))
    first_step = next(s for s in routine.steps if not s.reference)
    assert refs[first_step.id] == "RVT 1.1"
    # Reference text (issue 24: the source's "Observera") is lettered: it shifts no number.
    assert refs["observera-ansvar"] == "RVT A.1"
    plan_doc = document_for_plan(build_plan(routine, RVT_PATH, monday_morning))
    assert all(i.reference == refs[i.step_id] for i in plan_doc.items)
    # A source that numbers its headings keeps its numbers: an item takes the number of the
    # nearest numbered heading above it ("2.1. Att fråga om och upptäcka våld"), also from
    # an unnumbered list under one ("Utredningen … ska bl a omfatta:" under "2.2.").
    ekero = shipped("ekero-vald-i-nara-relation")
    ekero_refs = item_references(ekero)
    first_in = {}
    for step in ekero.steps:
        first_in.setdefault(step.section, step.id)
    assert ekero_refs[first_in["sarbara-grupper"]] == "EVNR 1.4:1"
    assert ekero_refs[first_in["upptacka"]].startswith("EVNR 2.1:")
    assert ekero_refs[first_in["utreda-vuxen"]].startswith("EVNR 2.2:")
    assert ekero_refs[first_in["riskbedomning"]].startswith("EVNR 2.2.1:")


def test_whole_routine_lists_questions_contacts_with_hours_and_metadata() -> None:
    routine = shipped("botkyrka-forskola-skola")
    document = document_for_routine(routine, NOW)
    assert [q.text for q in document.questions] == [q.text for q in routine.questions]
    assert all(q.options for q in document.questions)
    conditional = [q for q in routine.questions if q.when is not None]
    assert conditional and all(
        document.questions[routine.questions.index(q)].condition.startswith("Ställs bara om ")
        for q in conditional
    )
    assert {c.name for c in document.contacts} == {c.name for c in routine.contacts}
    norr = next(c for c in document.contacts if c.name.startswith("Mottagningssektion Norr"))
    assert "måndag 08.30–18.00" in norr.hours
    # Who to call when it is closed: the routine's own words where it gives them …
    assert norr.fallback == "Övriga tider: Socialjouren, telefon 778 48 60, alt 010-564 64 67"
    # … else the fallback contact named by the app.
    plain = routine._replace(contacts=tuple(c._replace(fallback_text="") for c in routine.contacts))
    norr = next(
        c for c in document_for_routine(plain, NOW).contacts if c.name.startswith("Mottagningssektion Norr")
    )
    assert norr.fallback.startswith("När det är stängt: Socialjouren, tel ")
    labels = dict(document.meta)
    assert labels["Version"] == routine.version and labels["Källa"] == routine.source
    assert "Översyn" in labels
    assert document.footer.startswith(f"{routine.id} · version {routine.version} · ")
    assert [r.text for r in document.remarks] == [r.text for r in routine.remarks]


def test_footer_and_page_one_say_when_the_review_is_due() -> None:
    routine = shipped("vasterbotten-sexuell-beteendeproblematik")
    document = document_for_routine(routine, NOW)
    assert routine.review_due() is None and routine.revised is not None
    assert f"reviderad {routine.revised.isoformat()}" in document.footer
    # The routine states no review interval: no due date anywhere (issue 24, V1), the box on
    # page 1 says when it was revised and that no interval is stated.
    assert document.footer.endswith(" · inget översynsintervall angivet")
    assert "anger inte hur ofta" in document.review_notice
    assert routine.revised.isoformat() in document.review_notice
    assert "passerat" not in document.review_notice and "Räknat med" not in document.review_notice
    # Where the routine states its interval, the footer and page 1 say when the review is due.
    stated = document_for_routine(routine._replace(review_interval_months=12), NOW)
    due = routine._replace(review_interval_months=12).review_due()
    assert due is not None
    assert stated.footer.endswith(f" · översyn försenad sedan {due.isoformat()}")
    assert stated.review_notice.startswith(
        f"Översynen är försenad: rutinen skulle ha setts över senast {due.isoformat()}."
    )
    undated = document_for_routine(shipped("rvt-bou"), NOW)
    assert "anger inte när den fastställdes" in undated.review_notice


def test_plan_has_only_the_path_with_due_dates(monday_morning: dt.datetime) -> None:
    routine = shipped("rvt-bou")
    plan = build_plan(routine, RVT_PATH, monday_morning)
    document = document_for_plan(plan)
    assert document.kind == KIND_PLAN
    assert [i.step_id for i in document.items] == [p.id for p in plan.steps]
    dated = 0
    for item, planned in zip(document.items, plan.steps, strict=True):
        if planned.due is not None:
            # Counted from the moment the routine names: here when the information came in.
            dated += 1
            assert planned.due == monday_morning.date() + dt.timedelta(days=7)
            assert item.deadline == (
                f"Senast {format_date(planned.due)} "
                f"({planned.step.deadline.text} från att informationen mottogs)"
            )
        assert item.status is None and item.record == ""
    assert dated
    # No branch conditions: neither a section's nor an item's.
    assert all(not s.condition for s in document.sections)
    assert all(not b.condition for s in document.sections for b in s.blocks)
    assert [q.answer for q in document.questions] == [
        routine.question(q).option(v).label for q, v in RVT_PATH.items()
    ]
    assert default_filename(document, "pdf") == "rvt-bou-plan-2026-11-23.pdf"


def test_run_shows_records_overdue_steps_and_steps_that_left_the_plan(
    monday_morning: dt.datetime,
) -> None:
    routine = shipped("rvt-bou")
    plan = build_plan(routine, RVT_PATH, monday_morning)
    first, second, third = "rvt-in-rvt-ejakut-1", "rvt-in-rvt-ejakut-1-ansvarig", "rvt-in-bou-1"
    assert {first, second, third} <= {p.id for p in plan.steps}
    done_at = monday_morning + dt.timedelta(minutes=5)
    records = {
        first: StepRecord(DONE, done_at),
        second: StepRecord(NOT_APPLICABLE, done_at),
        third: StepRecord(DEVIATION, done_at, "kontakt_ej_nadd", "ingen svarade"),
        "rvt-in-rvt-akut-1": StepRecord(DONE, done_at),  # an akut step: not on this path
    }
    later = monday_morning + dt.timedelta(days=30)
    document = document_for_run(
        routine, RVT_PATH, records, later, started_at=monday_morning, contacts_used={"rvt-beredskap": done_at}
    )
    assert document.kind == KIND_RUN
    items = {i.step_id: i for i in document.items}
    assert items[first].status == DONE
    assert items[first].record == "Klar måndag 23 november 2026 kl. 10.05"
    assert items[second].record.startswith("Ej aktuell måndag 23 november 2026")
    assert items[third].record == (
        "Avvikelse måndag 23 november 2026 kl. 10.05: Kontakten kunde inte nås. Kommentar: ingen svarade"
    )
    assert document.sections[-1].title.startswith("Hanterade punkter som inte längre ingår")
    assert [i.step_id for i in document.sections[-1].items] == ["rvt-in-rvt-akut-1"]
    # Due dates count from the start of the walk; open steps past them are flagged.
    week = next(i for i in document.items if i.step_id == "rvt-in-rvt-ejakut-2")
    assert week.status is None and week.overdue
    assert week.deadline == (
        "Senast måndag 30 november 2026 (inom en vecka från att informationen mottogs) – FÖRSENAT"
    )
    assert document.contacts_used == ("måndag 23 november 2026 kl. 10.05: RVT:s beredskap",)
    facts = dict(document.facts)
    assert facts["Påbörjad"] == "måndag 23 november 2026 kl. 10.00"
    assert facts["Status"] == "pågår"
    assert facts["Hanterade åtgärder"] == f"3 av {len(plan.actions)}"


def test_a_step_log_session_exports_directly(monday_morning: dt.datetime) -> None:
    routine = shipped("rvt-bou")
    session = WalkSession(routine, monday_morning, mode=MODE_TRAINING)
    at = monday_morning
    for question, value in RVT_PATH.items():
        at += dt.timedelta(minutes=1)
        session.answer(question, value, at)
    step = session.plan(at).steps[0].id
    session.set_step(step, DONE, at + dt.timedelta(minutes=1))
    session.finish(at + dt.timedelta(minutes=2))
    document = document_for_session(
        session, at + dt.timedelta(hours=1), notices=("rutinfilen har ändrats sedan genomgången",)
    )
    facts = dict(document.facts)
    assert facts["Läge"].startswith("övning")
    assert "Avslutad" in facts
    assert ("Obs", "rutinfilen har ändrats sedan genomgången") in document.facts
    assert next(i for i in document.items if i.step_id == step).status == DONE
    # Never who: the session id is not printed anywhere.
    for format in ("text", "md", "html"):
        assert session.id not in render(document, format)


def test_export_dispatch_accepts_routine_plan_and_document(monday_morning: dt.datetime) -> None:
    routine = shipped("rvt-bou")
    whole = export(routine, "text", monday_morning)
    assert "Hela rutinen med alla grenar" in whole
    plan = build_plan(routine, RVT_PATH, monday_morning)
    assert "Checklista för ärendets svar" in export(plan, "md")
    assert export(document_for_plan(plan), "pdf")[:5] == b"%PDF-"
    with pytest.raises(ExportError, match="okänt format `docx`"):
        export(routine, "docx", monday_morning)
    with pytest.raises(ValueError):
        export(routine, "text")  # the whole routine needs the moment it is printed


@pytest.mark.parametrize(
    "routine_id",
    [
        "rvt-bou",
        "botkyrka-forskola-skola",
        "ekero-vald-i-nara-relation",
        "vasterbotten-sexuell-beteendeproblematik",
    ],
)
def test_no_item_reference_reads_as_a_heading_number_of_the_source(routine_id: str) -> None:
    """Ekerö's item "3.1.3.1" (item 1 under 3.1.3) was also the source's heading 3.1.3.1."""
    from samverkan_tui.core.routine.references import SOURCE_NUMBER

    routine = shipped(routine_id)
    headings = {m.group(1) for s in routine.sections if (m := SOURCE_NUMBER.match(s.title))}
    refs = item_references(routine)
    assert len(set(refs.values())) == len(refs)
    assert not {ref.split(" ", 1)[-1] for ref in refs.values()} & headings


def test_no_printout_invents_a_review_date_the_source_does_not_state() -> None:
    """V1: Västerbotten states a revision date but no interval; "Räknat med en gång per år
    skulle den ses över senast 2024-01-24" was an invented interval on every printout."""
    routine = shipped("vasterbotten-sexuell-beteendeproblematik")
    document = document_for_routine(routine, NOW)
    text = str(render(document, "text"))
    assert "en gång per år" not in text and "2024-01-24" not in text
    assert "anger inte hur ofta den ska ses över (reviderad 2023-01-24)" in " ".join(text.split())
    from samverkan_tui.export.data import routine_summary

    summary = routine_summary(routine, NOW.date())
    assert summary["review_due"] is None and summary["review_interval_assumed"] is True
