"""The calendar cannot mix up cases: UIDs per walk, stable across re-exports, a corrected
arrival date moves the same events (SEQUENCE), and no misleading "--svar" message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.export import render
from samverkan_tui.export.document import (
    Block,
    Document,
    Item,
    Section,
    document_for_routine,
    document_for_session,
)
from samverkan_tui.export.ics import (
    ALL_HANDLED,
    NO_DEADLINES,
    UNANSWERED,
    WHOLE_ROUTINE,
    NoDeadlinesError,
    has_events,
)
from tests.conftest import run_cli, shipped

START = parse_now("2026-11-23T10:00")
ARRIVED = parse_now("2026-11-20T09:00")
FIXTURE = Path(__file__).parent / "data" / "format2.toml"  # test-format2: dated actions


def fixture_routine() -> Routine:
    result = load_routine(FIXTURE)
    assert result.routine is not None
    return result.routine


def walk(arrived: dt.datetime = ARRIVED) -> WalkSession:
    session = WalkSession(fixture_routine(), START)
    session.answer("akut", "ja", START + dt.timedelta(minutes=1))
    session.set_moment("anmalan", arrived, START + dt.timedelta(minutes=2))
    return session


def events(session: WalkSession) -> dict[str, tuple[dt.date, int]]:
    """UID: (the event's date, its SEQUENCE)."""
    text = render(document_for_session(session, START + dt.timedelta(minutes=5)), "ics")
    assert isinstance(text, str)
    return {
        str(e["UID"]): (e.decoded("DTSTART"), int(e["SEQUENCE"]))
        for e in Calendar.from_ical(text).walk("VEVENT")
    }


def test_two_cases_with_the_same_answers_and_arrival_never_share_an_event() -> None:
    first, second = events(walk()), events(walk())
    assert first and second
    assert not set(first) & set(second)  # importing one never overwrites the other's


def test_the_same_walk_exported_again_keeps_its_uids() -> None:
    session = walk()
    assert events(session) == events(session)


def test_a_corrected_arrival_date_moves_the_same_events_with_a_higher_sequence() -> None:
    session = walk()
    before = events(session)
    session.set_moment("anmalan", ARRIVED - dt.timedelta(days=7), START + dt.timedelta(minutes=3))
    after = events(session)
    assert set(after) == set(before)  # the same events, none left behind
    for uid, (date, sequence) in after.items():
        assert date == before[uid][0] - dt.timedelta(days=7)
        assert sequence > before[uid][1]


def _plan_document(items: tuple[Item, ...], unanswered: bool = False) -> Document:
    from samverkan_tui.export.document import QuestionEntry

    return Document(
        kind="plan",
        title="T",
        sections=(Section("S", (Block("", items),)),),
        unanswered=(QuestionEntry("Fråga?", options=("Ja", "Nej")),) if unanswered else (),
        calendar_key="k",
    )


@pytest.mark.parametrize(
    ("document", "reason", "says_svar"),
    [
        (document_for_routine(shipped("rvt-bou"), START), WHOLE_ROUTINE, True),
        (_plan_document((Item(1, "a", "Gör"),), unanswered=True), UNANSWERED, True),
        (_plan_document((Item(1, "a", "Gör"),)), NO_DEADLINES, False),
        (_plan_document((Item(1, "a", "Gör", due=dt.date(2026, 12, 1), status="klar"),)), ALL_HANDLED, False),
    ],
)
def test_no_events_says_why_and_asks_for_answers_only_when_some_are_missing(
    document: Document, reason: str, says_svar: bool
) -> None:
    assert not has_events(document)
    with pytest.raises(NoDeadlinesError) as error:
        render(document, "ics")
    assert error.value.reason == reason
    assert ("--svar" in str(error.value)) is says_svar
    assert "--" not in error.value.app_text  # the app has no command-line options


def test_the_cli_says_so_for_a_fully_answered_plan_without_deadlines(capsys) -> None:
    code, out, err = run_cli(
        capsys, "exportera", "botkyrka-forskola-skola", "--svar", "verksamhet=forskola",
        "--svar", "skede=framjande", "-f", "ics", "-o", "-",
    )  # fmt: skip
    assert code == 2 and out == ""
    assert "inga tidsfrister" in err and "--svar" not in err


def test_logg_exportera_writes_the_walks_calendar_with_stable_uids(capsys) -> None:
    from samverkan_tui.steplog.store import StepLog

    with StepLog.open() as log:
        session = WalkSession(fixture_routine(), START)
        log.start(session)
        session.answer("akut", "ja", START + dt.timedelta(minutes=1))
        session.set_moment("anmalan", ARRIVED, START + dt.timedelta(minutes=2))
    outputs = []
    for _ in range(2):
        code, out, err = run_cli(
            capsys, "--katalog", str(FIXTURE.parent), "--now", "2026-11-23T10:10",
            "logg", "exportera", session.id, "-f", "ics", "-o", "-",
        )  # fmt: skip
        assert code == 0, err
        outputs.append(out)
    assert outputs[0] == outputs[1] and outputs[0].count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20261204" in outputs[0]  # the law's 14 days from 20 November


def test_the_event_on_the_laws_date_is_titled_with_the_laws_deadline() -> None:
    """B8: the 14-day legal date was titled "Inom tre veckor …", the routine's own phrase."""
    from samverkan_tui.core.walk.plan import build_plan
    from samverkan_tui.export.document import document_for_plan

    answers = {
        "verksamhet": "skola",
        "skede": "anmalan",
        "akut": "nej",
        "alder": "under15",
        "konsultation": "nej",
        "familj_motiverad": "ja",
    }
    arrived = parse_now("2026-12-07T12:10")
    plan = build_plan(shipped("botkyrka-forskola-skola"), answers, arrived, {"anmalan": arrived})
    document = document_for_plan(plan)
    text = render(document, "ics")
    assert isinstance(text, str)
    event = next(e for e in Calendar.from_ical(text).walk("VEVENT") if "14 dagar" in str(e["SUMMARY"]))
    assert event.decoded("DTSTART") == dt.date(2026, 12, 21)  # 14 days after 7 December
    assert "tre veckor" not in str(event["SUMMARY"]).lower()
    assert "tre veckor" in str(event["DESCRIPTION"]).lower()  # the routine's words stay told


def test_a_passed_legal_date_is_marked_passed_in_the_plan() -> None:
    """B8: a plan printed after the law's 14 days said nothing about the date being past."""
    from samverkan_tui.core.walk.plan import build_plan
    from samverkan_tui.export.document import document_for_plan

    answers = {
        "verksamhet": "skola",
        "skede": "anmalan",
        "akut": "nej",
        "alder": "under15",
        "konsultation": "nej",
        "familj_motiverad": "ja",
    }
    arrived = parse_now("2026-12-07T10:00")
    routine = shipped("botkyrka-forskola-skola")
    for now, passed in ((parse_now("2026-12-22T09:00"), True), (parse_now("2026-12-21T09:00"), False)):
        document = document_for_plan(build_plan(routine, answers, now, {"anmalan": arrived}))
        legal = next(i for i in document.items if i.legal_title)
        assert legal.due == dt.date(2026, 12, 21)
        assert legal.overdue is passed
        assert legal.deadline.endswith(" – datumet har passerat") is passed
        text = " ".join(str(render(document, "text")).split())
        assert ("datumet har passerat" in text) is passed
