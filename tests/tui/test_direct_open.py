"""`samverkan ID [--svar FRÅGA=SVAR …]`: the app opens that routine's walk at once."""

from __future__ import annotations

from samverkan_tui.tui.screens.resume import ResumeScreen
from samverkan_tui.tui.screens.start import StartScreen
from samverkan_tui.tui.screens.walk import WalkScreen
from tests.tui.conftest import needs_tmux


async def step_log_opened(pilot, app) -> None:
    """A walk opened by name opens the step log a moment after it is painted."""
    for _ in range(100):
        if app.step_log is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("the step log was not opened")


async def test_the_walk_opens_with_the_given_answers_and_is_stored(make_app) -> None:
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        screen = app.screen
        assert screen.routine.id == "rvt-bou"
        assert screen.session.answers == {"inkom": "rvt"}
        assert screen.plan.next_question.id == "akut"  # the next question is asked
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.answers["akut"] == "nej"
        session_id = screen.session.id
        await step_log_opened(pilot, app)
        # stored like any walk: the given answer and the one made here
        assert [i.id for i in app.step_log.unfinished()] == [session_id]
        await pilot.press("escape", "escape", "escape")  # back through the answers
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # the start screen is underneath


async def test_a_direct_walk_is_not_covered_by_the_resume_offer(make_app) -> None:
    first = make_app(role="bou")
    first.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    again = make_app(role="bou")  # an unfinished walk exists now
    again.direct_walk = ("botkyrka-forskola-skola", {})
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        stack = again.screen_stack
        assert [s.routine.id for s in stack if isinstance(s, WalkScreen)] == ["botkyrka-forskola-skola"]
        assert not [s for s in stack if isinstance(s, ResumeScreen)]
    plain = make_app(role="bou")  # the start screen still offers it
    async with plain.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(plain.screen, ResumeScreen)


@needs_tmux
def test_samverkan_id_in_a_real_terminal(terminal) -> None:
    term = terminal(80, 24, "--now 2026-11-23T10:00 rvt-bou --svar inkom=rvt")
    term.wait_for("Vilken är din roll?")
    term.keys("2")
    screen = term.wait_for("Är situationen akut?")
    assert "Välj rutin" not in screen
    term.keys("C-q")


async def test_an_answer_before_the_step_log_opens_is_stored_right_after_its_repaint(
    make_app, monkeypatch
) -> None:
    """The walk opened by name is painted first and the log opened a moment later; an answer
    typed ahead of that is answered first and the log opened right after its repaint, not
    when the moment is out (a crash in between would have taken the answer)."""
    from samverkan_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "LOG_AFTER_DIRECT_WALK", 600.0)  # the moment never ends here
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkScreen) and app.step_log is None
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.answers == {"inkom": "rvt", "akut": "nej"}
        assert app.step_log is not None
        assert [i.id for i in app.step_log.unfinished()] == [screen.session.id]
        stored = app.step_log.resume(screen.session.id, screen.routine)
        assert stored.answers == {"inkom": "rvt", "akut": "nej"}


async def test_quitting_before_the_step_log_is_open_stores_the_walk(make_app, monkeypatch) -> None:
    from samverkan_tui.steplog.store import StepLog
    from samverkan_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "LOG_AFTER_DIRECT_WALK", 600.0)
    app = make_app(role="bou")
    app.direct_walk = ("rvt-bou", {"inkom": "rvt"})  # an answer given: a walk to keep
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = app.screen.session
        assert app.step_log is None
        await pilot.press("ctrl+q")
        await pilot.pause()
    log = StepLog.open(config=app.config)
    try:
        assert [i.id for i in log.unfinished()] == [session.id]
    finally:
        log.close()
