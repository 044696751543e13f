"""The printable document model: whole routine, one path, a walk with its records."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from samverkan_tui.core.clock import parse_now
from samverkan_tui.core.deadlines import format_date
from samverkan_tui.core.session import DEVIATION, DONE, NOT_APPLICABLE, WalkSession
from samverkan_tui.core.walk import build_plan, describe_condition
from samverkan_tui.export import ExportError, default_filename, export, render
from samverkan_tui.export.document import (
    KIND_PLAN,
    KIND_ROUTINE,
    KIND_RUN,
    UNCONDITIONAL_HEADING,
    StepRecord,
    document_for_plan,
    document_for_routine,
    document_for_run,
    document_for_session,
)
from tests.conftest import shipped

SHIPPED = ["rvt-bou", "botkyrka-forskola-skola", "ekero-vald-i-nara-relation",
           "vasterbotten-sexuell-beteendeproblematik"]
NOW = parse_now("2026-11-27T16:40")
RVT_PATH = {"inkom": "rvt", "akut": "nej", "utredning": "oppen", "ansvarig_pa_plats": "ja",
            "stod_fran_rvt": "ja", "barn_aktuellt_bou": "ja"}


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_whole_routine_has_every_step_once_under_its_condition(routine_id: str) -> None:
    routine = shipped(routine_id)
    document = document_for_routine(routine, NOW)
    assert document.kind == KIND_ROUTINE
    assert sorted(i.step_id for i in document.items) == sorted(s.id for s in routine.steps)
    assert [i.number for i in document.items] == list(range(1, len(routine.steps) + 1))
    for section in document.sections:
        mixed = any(block.condition for block in section.blocks)
        for block in section.blocks:
            for item in block.items:
                step = routine.step(item.step_id)
                described = describe_condition(routine, step.when)
                if described:
                    assert block.condition == f"Om {described}:"
                else:
                    assert block.condition == (UNCONDITIONAL_HEADING if mixed else "")


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_whole_routine_is_grouped_by_phase_then_role(routine_id: str) -> None:
    routine = shipped(routine_id)
    document = document_for_routine(routine, NOW)
    order = [f"{p.name} – {r.name}" for p in routine.phases for r in routine.roles]
    titles = [section.title for section in document.sections]
    assert titles == [t for t in order if t in titles]
    for section in document.sections:
        for item in section.items:
            step = routine.step(item.step_id)
            assert section.title == f"{routine.phase(step.phase).name} – {routine.role(step.role).name}"


def test_consecutive_steps_with_the_same_condition_share_one_heading() -> None:
    document = document_for_routine(shipped("rvt-bou"), NOW)
    section = next(s for s in document.sections if s.title == "På längre sikt – BoU")
    assert [b.condition for b in section.blocks] == ["Om barnet är aktuellt hos BoU:"]
    assert len(section.blocks[0].items) == 3
    # No two neighbouring blocks anywhere carry the same heading.
    for s in document.sections:
        headings = [b.condition for b in s.blocks]
        assert all(a != b for a, b in itertools.pairwise(headings))


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
    assert norr.fallback.startswith("När det är stängt: Socialjouren, tel ")
    labels = dict(document.meta)
    assert labels["Version"] == routine.version and labels["Källa"] == routine.source
    assert "Översyn" in labels
    assert document.footer.startswith(f"{routine.id} · version {routine.version} · ")
    assert [r.text for r in document.remarks] == [r.text for r in routine.remarks]


def test_footer_names_revision_and_review_due() -> None:
    routine = shipped("vasterbotten-sexuell-beteendeproblematik")
    document = document_for_routine(routine, NOW)
    due = routine.review_due()
    assert due is not None and routine.revised is not None
    assert f"reviderad {routine.revised.isoformat()}" in document.footer
    assert due.isoformat() in document.footer
    assert "försenad" in document.footer  # the 2023 revision is overdue by 2026


def test_plan_has_only_the_path_with_due_dates(monday_morning: dt.datetime) -> None:
    routine = shipped("rvt-bou")
    plan = build_plan(routine, RVT_PATH, monday_morning)
    document = document_for_plan(plan)
    assert document.kind == KIND_PLAN
    assert [i.step_id for i in document.items] == [p.id for p in plan.steps]
    for item, planned in zip(document.items, plan.steps, strict=True):
        if planned.due is not None:
            assert item.deadline == f"Senast {format_date(planned.due)} ({planned.step.deadline.text})"
        assert item.status is None and item.record == ""
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
    document = document_for_run(routine, RVT_PATH, records, later, started_at=monday_morning,
                                contacts_used={"rvt-beredskap": done_at})
    assert document.kind == KIND_RUN
    items = {i.step_id: i for i in document.items}
    assert items[first].status == DONE
    assert items[first].record == "Klar måndag 23 november 2026 kl. 10.05"
    assert items[second].record.startswith("Ej aktuell måndag 23 november 2026")
    assert items[third].record == ("Avvikelse måndag 23 november 2026 kl. 10.05: "
                                   "Kontakten kunde inte nås. Kommentar: ingen svarade")
    assert document.sections[-1].title.startswith("Hanterade steg som inte längre ingår")
    assert [i.step_id for i in document.sections[-1].items] == ["rvt-in-rvt-akut-1"]
    # Due dates count from the start of the walk; open steps past them are flagged.
    week = next(i for i in document.items if i.step_id == "rvt-in-rvt-ejakut-2")
    assert week.status is None and week.overdue
    assert week.deadline == "Senast måndag 30 november 2026 (inom en vecka) – FÖRSENAT"
    assert document.contacts_used == ("måndag 23 november 2026 kl. 10.05: RVT:s beredskap",)
    facts = dict(document.facts)
    assert facts["Påbörjad"] == "måndag 23 november 2026 kl. 10.00"
    assert facts["Status"] == "pågår"
    assert facts["Hanterade steg"] == f"3 av {len(plan.steps)}"


def test_a_step_log_session_exports_directly(monday_morning: dt.datetime) -> None:
    routine = shipped("rvt-bou")
    session = WalkSession(routine, monday_morning, mode="övning")
    at = monday_morning
    for question, value in RVT_PATH.items():
        at += dt.timedelta(minutes=1)
        session.answer(question, value, at)
    step = session.plan(at).steps[0].id
    session.set_step(step, DONE, at + dt.timedelta(minutes=1))
    session.finish(at + dt.timedelta(minutes=2))
    document = document_for_session(session, at + dt.timedelta(hours=1),
                                    notices=("rutinfilen har ändrats sedan genomgången",))
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
