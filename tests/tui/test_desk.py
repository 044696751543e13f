"""Desk journeys on the fictional desk routine (tests/data/skrivbord), through Pilot.

The same journeys run in a real terminal in test_tmux_desk.py; these check the state
behind the screen (the session, the step log) as well as the text.
"""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input, OptionList

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE
from samverkan_tui.tui.screens.dialogs import ConfirmDialog, DeviationDialog, DigitDialog, TextDialog
from samverkan_tui.tui.screens.resume import ResumeScreen
from samverkan_tui.tui.screens.walk import WalkScreen
from samverkan_tui.tui.widgets.plan import PlanList
from samverkan_tui.tui.widgets.question import QuestionPanel


def rendered(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


def plan_text(app) -> str:
    plan = app.screen.query_one(PlanList)
    return "".join(rendered(plan.get_option_at_index(i).prompt) for i in range(plan.option_count))


def step_ids(app) -> list[str]:
    """The items that can be ticked, in the order shown."""
    plan = app.screen.query_one(PlanList)
    options = [plan.get_option_at_index(i) for i in range(plan.option_count)]
    return [o.id for o in options if o.id is not None and not o.disabled]


async def open_desk(pilot, *answers: str) -> None:
    await pilot.press(*"skriv", "enter")
    await pilot.pause()
    await pilot.press(*answers)
    await pilot.pause()


async def skip_moment(pilot) -> None:
    if isinstance(pilot.app.screen, TextDialog):
        await pilot.press("escape")
        await pilot.pause()


async def test_plan_keeps_the_routine_order_and_marks_only_actions(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "n")
        await skip_moment(pilot)
        assert step_ids(app) == [
            "akut-muntligt",
            "akut-delegera",
            "akut-skriftligt",
            "akut-skydd",
            "innehall-vad",
            "innehall-vem",
            "senare-mote",
        ]
        text = plan_text(app)
        assert text.index("Anmäl först muntligt") < text.index("Anmäl skriftligt")
        assert "Informera inte föräldrarna" in text  # shown …
        plan = app.screen.query_one(PlanList)
        info = next(
            o for o in (plan.get_option_at_index(i) for i in range(plan.option_count)) if o.id == "akut-info"
        )
        assert info.disabled  # … but cannot be ticked
        assert plan.border_title == "Plan – 0 av 7 steg hanterade"


async def test_role_filter_shows_only_mine_in_the_same_order(desk_app) -> None:
    app = desk_app(role="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "j")
        await skip_moment(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert step_ids(app) == ["akut-skydd", "senare-mote"]
        assert "(mina steg)" in app.screen.query_one(PlanList).border_title
        await pilot.press("f")
        await pilot.pause()
        assert len(step_ids(app)) == 6


async def test_moment_is_asked_once_and_deadlines_count_from_it(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "n", "2")
        assert isinstance(app.screen, TextDialog)
        field = app.screen.query_one(Input)
        field.value = "imorgon"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)  # a bad time keeps the dialog open
        assert "förstår inte" in str(app.screen.query_one("#dialog-error").render())
        field.value = "20/11 09.00"
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen.session
        assert session.moments == {"anmalan": parse_now("2026-11-20T09:00")}
        text = plan_text(app)
        # The law's date, never the routine's three weeks as a due date.
        assert "Lagen: beslut inom 14 dagar – senast fredag 4 december 2026" in text
        assert "rutinen anger inom tre veckor" in text
        assert "11 december" not in text


async def test_deviation_with_a_reason_shown_scrubbed_then_edited(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "j")
        await skip_moment(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDialog)
        await pilot.press("2")  # Kontakten kunde inte nås
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one(Input).value = "Mamma Anna Andersson 19850101-1234 nåddes inte"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the stored text, before it is stored
        shown = str(app.screen.query_one(".dialog-body").render())
        assert "19850101" not in shown and "Andersson" not in shown
        await pilot.press("j")
        await pilot.pause()
        state = app.screen.session.steps["akut-muntligt"]
        assert (state.status, state.category) == (DEVIATION, "kontakt_ej_nadd")
        assert state.comment and "Andersson" not in state.comment
        await pilot.press("a")  # again: opens for editing, never clears silently
        await pilot.pause()
        assert isinstance(app.screen, DeviationDialog)
        assert "Ändra avvikelse" in app.screen.title_text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.session.steps["akut-muntligt"].status == DEVIATION


async def test_not_applicable_with_optional_reason(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "j")
        await skip_moment(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await pilot.press("escape")  # no reason
        await pilot.pause()
        assert app.screen.session.steps["akut-muntligt"].status == NOT_APPLICABLE


async def test_tab_and_shift_tab_move_focus(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j")
        assert app.focused is app.screen.query_one(QuestionPanel)
        await pilot.press("tab")
        assert app.focused.id == "answers"
        await pilot.press("tab")
        assert app.focused is app.screen.query_one(PlanList)
        await pilot.press("shift+tab")
        assert app.focused.id == "answers"
        await pilot.press("enter")  # change the first answer from the answers list
        await pilot.pause()
        assert app.screen.query_one(QuestionPanel).border_title == "Ändra svar"


async def test_changing_an_answer_keeps_the_same_action_done(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "j")
        await skip_moment(pilot)
        plan = app.screen.query_one(PlanList)
        plan.highlighted = next(
            i for i in range(plan.option_count) if plan.get_option_at_index(i).id == "akut-skydd"
        )
        await pilot.press("space")
        await pilot.pause()
        answers = app.screen.query_one("#answers", OptionList)
        answers.focus()
        answers.highlighted = 0
        await pilot.press("enter", "n")  # no longer akut
        await pilot.pause()
        await skip_moment(pilot)
        session = app.screen.session
        states = session.visible_states(session.plan(app.now()))
        # "… gör en skyddsbedömning" in the akut branch is "… gör skyddsbedömning" here.
        assert states["ejakut-skydd"].status == DONE
        assert states["ejakut-skydd"].at == parse_now("2026-11-23T12:10")
        assert "Plan – 1 av 3" in plan.border_title
        assert any("steg föll bort" in str(n.message) for n in app._notifications)


async def test_finishing_with_open_actions_asks_first(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "j")
        await skip_moment(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "6 åtgärder är inte hanterade" in app.screen.title_text
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.session.finished
        await pilot.press("ctrl+f", "j")
        await pilot.pause()
        assert isinstance(app.screen, DigitDialog)  # summary, export or back to start
        assert "avslutad" in app.screen.title_text
        await pilot.press("3")
        await pilot.pause()
        assert not isinstance(app.screen, WalkScreen)


async def test_export_asks_for_the_format_and_writes_a_private_file(desk_app, tmp_path) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "j", "2", "j")
        await skip_moment(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DigitDialog)
        await pilot.press("3")  # text
        await pilot.pause()
        await pilot.press("x", "3")
        await pilot.pause()
        files = sorted((tmp_path / "export").iterdir())
        assert len(files) == 2  # never overwritten, even in the same second
        assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
        assert "Anmäl först muntligt till mottagningen." in files[0].read_text(encoding="utf-8")


async def test_resume_shows_stockholm_time_role_and_can_throw_away(desk_app) -> None:
    app = desk_app(role=None, now="2026-10-20T15:00")  # summer time: UTC+2
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "2", "j", "2", "j")  # role Enhet B, then akut …
        await skip_moment(pilot)
        await pilot.press("space")
        await pilot.pause()
    again = desk_app(role=None, now="2026-10-20T16:00")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        text = rendered(again.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "kl. 15.00" in text and "roll Enhet B" in text and "Ja, akut" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, WalkScreen) and again.screen.role == "b"
        await pilot.press("escape", "escape", "escape", "escape")
        await pilot.pause()
    third = desk_app(role=None)
    async with third.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(third.screen, ResumeScreen)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(third.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert not isinstance(third.screen, ResumeScreen)
        assert third.step_log.unfinished() == []


async def test_question_counter_does_not_promise_and_help_scrolls(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot)
        panel = app.screen.query_one(QuestionPanel)
        assert panel.border_title == "Fråga 1"  # akut decides whether a third question comes
        assert panel.max_scroll_y > 0  # the long help is there to scroll to, not cut off
        await pilot.press("j")
        await pilot.pause()
        assert panel.border_title == "Fråga 2 av 3"


async def test_a_window_below_60x20_says_so_and_recovers(desk_app) -> None:
    from samverkan_tui.tui.screens.too_small import TooSmallScreen

    app = desk_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "Fönstret är för litet – minst 60×20 (nu 50×15)" in str(
            app.screen.query_one("#too-small").render()
        )
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)


async def test_resume_says_when_the_routine_changed_since_the_walk_began(
    desk_app, tmp_path, monkeypatch
) -> None:
    import shutil

    from samverkan_tui.core.base.config import load_config
    from samverkan_tui.core.routine.catalog import load_catalog
    from samverkan_tui.tui.app import create_app
    from tests.tui.conftest import DESK

    own = tmp_path / "egen"
    shutil.copytree(DESK, own)
    app = create_app(
        now="2026-11-23T12:10", catalog=load_catalog([own], config=load_config()), config=load_config()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_desk(pilot, "1", "j", "2", "j")
        await skip_moment(pilot)
        await pilot.press("space")  # the first action: akut-muntligt
        await pilot.pause()
    routine = own / "skrivbord.toml"
    text = routine.read_text(encoding="utf-8").replace('id = "akut-muntligt"', 'id = "akut-muntligt-2"')
    routine.write_text(text.replace('"akut-muntligt"', '"akut-muntligt-2"'), encoding="utf-8")
    again = create_app(
        now="2026-11-23T12:20", catalog=load_catalog([own], config=load_config()), config=load_config()
    )
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        text = rendered(again.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "Rutinen har ändrats sedan genomgången började" in " ".join(text.split())
        assert "akut-muntligt" in text
