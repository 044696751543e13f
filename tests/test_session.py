"""The walk session: events in, answers and step statuses out; replay gives the same state."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.walk.plan import AnswerError, action_key
from samverkan_tui.core.walk.session import SessionError, WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE
from tests.conftest import shipped

ROUTINE = shipped("rvt-bou")


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 11, 23, 10, minute, tzinfo=dt.UTC)


def test_changing_an_earlier_answer_hides_ticks_of_steps_that_left_the_plan() -> None:
    session = WalkSession(ROUTINE, at(0))
    session.answer("inkom", "bou", at(1))
    session.answer("akut", "ja", at(2))
    session.set_step("bou-in-bou-1", DONE, at(3))
    session.set_step("bou-in-bou-2", DONE, at(4))
    plan = session.plan(at(5))
    assert set(session.visible_states(plan)) == {"bou-in-bou-1", "bou-in-bou-2"}

    session.answer("inkom", "rvt", at(6))  # the case came in at RVT after all
    plan = session.plan(at(7))
    # Only an action that is the same in RVT's branch (same text and role) stays done.
    done = {action_key(ROUTINE.step(s)) for s in session.steps}
    visible = session.visible_states(plan)
    assert all(action_key(ROUTINE.step(s)) in done for s in visible)
    assert "bou-in-bou-1" not in visible and "bou-in-bou-2" not in visible
    assert set(session.steps) == {"bou-in-bou-1", "bou-in-bou-2"}  # kept for the log

    session.answer("inkom", "bou", at(8))  # and back: the ticks return
    plan = session.plan(at(9))
    assert set(session.visible_states(plan)) == {"bou-in-bou-1", "bou-in-bou-2"}


def test_toggle_and_statuses() -> None:
    session = WalkSession(ROUTINE, at(0))
    session.toggle_done("bou-in-bou-1", at(1))
    assert session.steps["bou-in-bou-1"].status == DONE
    session.toggle_done("bou-in-bou-1", at(2))
    assert "bou-in-bou-1" not in session.steps
    session.set_step("bou-in-bou-2", DEVIATION, at(3), "kontakt_ej_nadd")
    session.set_step("bou-in-bou-1", NOT_APPLICABLE, at(4))
    assert session.steps["bou-in-bou-2"].category == "kontakt_ej_nadd"


@pytest.mark.parametrize(
    ("action", "error"),
    [
        (lambda s: s.answer("akt", "ja", at(1)), AnswerError),
        (lambda s: s.answer("akut", "kanske", at(1)), AnswerError),
        (lambda s: s.set_step("finns-inte", DONE, at(1)), SessionError),
        (lambda s: s.set_step("bou-in-bou-1", "halvklar", at(1)), SessionError),
        (lambda s: s.set_step("bou-in-bou-1", DEVIATION, at(1), "okand"), SessionError),
        (lambda s: s.set_step("bou-in-bou-1", DONE, at(1), "annat"), SessionError),
        (lambda s: s.use_contact("okand", at(1)), SessionError),
    ],
)
def test_events_that_do_not_fit_the_routine_are_refused(action, error) -> None:
    session = WalkSession(ROUTINE, at(0))
    with pytest.raises(error):
        action(session)
    assert session.events == []


def test_replay_rebuilds_the_same_state_and_listeners_see_every_event() -> None:
    seen = []
    session = WalkSession(ROUTINE, at(0))
    session.listeners.append(lambda s, e: seen.append(e))
    session.answer("inkom", "rvt", at(1))
    session.answer("akut", "nej", at(2))
    session.set_step("rvt-in-rvt-ejakut-1", DONE, at(3))
    session.use_contact("rvt-beredskap", at(4))
    session.finish(at(5))
    assert seen == session.events
    copy = WalkSession.replay(ROUTINE, session.id, session.mode, session.started_at, seen)
    assert (copy.answers, copy.steps, copy.contacts_used, copy.finished_at) == (
        session.answers,
        session.steps,
        session.contacts_used,
        session.finished_at,
    )


def test_due_dates_count_from_the_start_of_the_walk() -> None:
    session = WalkSession(ROUTINE, dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC))
    for question, value in {"inkom": "rvt", "akut": "nej", "utredning": "ingen"}.items():
        session.answer(question, value, at(1))
    plan = session.plan(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    due = {p.id: p.due for p in plan.steps if p.due}
    assert due["rvt-in-rvt-ejakut-2"] == dt.date(2026, 11, 30)
    assert plan.now.day == 25


def test_a_step_kept_after_a_changed_answer_is_still_in_the_plan() -> None:
    """Done as "inte akut", the same action in the akut branch: it has not left the plan,
    so the journal summary (`logg visa`) must not say it has."""
    from samverkan_tui.steplog.summary import walk_summary

    session = WalkSession(ROUTINE, at(0))
    session.answer("inkom", "rvt", at(1))
    session.answer("akut", "nej", at(1))
    assert "rvt-in-rvt-ejakut-1" in {p.id for p in session.plan(at(1)).steps}
    session.set_step("rvt-in-rvt-ejakut-1", DONE, at(2))
    session.answer("akut", "ja", at(3))
    plan = session.plan(at(4))
    assert "rvt-in-rvt-ejakut-1" not in {p.id for p in plan.steps}
    assert "rvt-in-rvt-akut-1" in session.visible_states(plan)
    assert session.recorded_in_plan(plan) == {"rvt-in-rvt-ejakut-1"}
    summary = walk_summary(session, at(4))
    assert [h.in_plan for h in summary.done] == [True]
    # The walk's printout (`logg exportera`, the app's x) says the same: the step stands,
    # ticked, on its action in the plan, and nothing "left the plan".
    from samverkan_tui.export import render
    from samverkan_tui.export.document import document_for_session

    printed = str(render(document_for_session(session, at(4)), "text"))
    assert "inte längre ingår i planen" not in printed
    done = [i for i in document_for_session(session, at(4)).items if i.step_id == "rvt-in-rvt-akut-1"]
    assert [i.status for i in done] == [DONE]


def test_a_finished_walk_is_closed_until_it_is_reopened() -> None:
    session = WalkSession(ROUTINE, at(0))
    session.answer("inkom", "bou", at(1))
    session.set_step("bou-in-bou-1", DONE, at(2))
    session.finish(at(3))
    for change in (
        lambda: session.set_step("bou-in-bou-2", DONE, at(4)),
        lambda: session.toggle_done("bou-in-bou-1", at(4)),
        lambda: session.answer("akut", "ja", at(4)),
        lambda: session.clear_answer("inkom", at(4)),
    ):
        with pytest.raises(SessionError, match="avslutad"):
            change()
    assert session.steps.keys() == {"bou-in-bou-1"} and session.answers == {"inkom": "bou"}
    session.reopen(at(5))
    assert not session.finished
    session.set_step("bou-in-bou-2", DONE, at(6))
    session.finish(at(7))
    # The log's history replays as it happened, reopening included.
    replayed = WalkSession.replay(ROUTINE, session.id, session.mode, at(0), session.events)
    assert replayed.steps.keys() == {"bou-in-bou-1", "bou-in-bou-2"}
    assert replayed.finished_at == at(7)


def test_the_unreachable_contact_is_recorded_with_the_deviation() -> None:
    session = WalkSession(ROUTINE, at(0))
    session.set_step("bou-in-bou-1", DEVIATION, at(1), "kontakt_ej_nadd", None, "rvt-beredskap")
    assert session.steps["bou-in-bou-1"].contact == "rvt-beredskap"
    replayed = WalkSession.replay(ROUTINE, session.id, session.mode, at(0), session.events)
    assert replayed.steps["bou-in-bou-1"].contact == "rvt-beredskap"
