"""The app as a handläggare uses it, driven through Pilot; assertions on what is on screen."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, OptionList

from samverkan_tui.core.clock import parse_now
from samverkan_tui.core.session import DEVIATION, DONE, NOT_APPLICABLE
from samverkan_tui.core.walk import build_plan
from samverkan_tui.tui.screens.dialogs import DeviationDialog, ResumeDialog, RoleDialog
from samverkan_tui.tui.screens.help import HelpScreen
from samverkan_tui.tui.screens.walk import WalkScreen
from samverkan_tui.tui.widgets.plan import PlanList
from samverkan_tui.tui.widgets.question import QuestionPanel
from tests.conftest import shipped
from tests.tui.conftest import NOW


def plan_ids(app) -> list[str]:
    plan = app.screen.query_one(PlanList)
    return [plan.get_option_at_index(i).id for i in range(plan.option_count)
            if plan.get_option_at_index(i).id is not None]


def plan_text(app) -> str:
    plan = app.screen.query_one(PlanList)
    return "\n".join(str(plan.get_option_at_index(i).prompt) for i in range(plan.option_count))


async def open_routine(pilot, name: str) -> None:
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_start_screen_lists_filters_and_marks_overdue(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        routines = app.screen.query_one("#routines", OptionList)
        assert routines.option_count == 4
        text = "\n".join(str(routines.get_option_at_index(i).prompt) for i in range(4))
        assert "⚠ ÖVERSYN FÖRSENAD sedan 2024-01-24" in text  # Västerbotten
        await pilot.press(*"botkyrka")
        await pilot.pause()
        assert routines.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RoleDialog)


async def test_path_rvt_akut_with_role_bou_first(make_app) -> None:
    answers = {"inkom": "rvt", "akut": "ja", "utredning": "oppen", "ansvarig_pa_plats": "ja",
               "skyddsbehov_nej_boende": "ja", "stod_fran_rvt": "nej", "barn_aktuellt_bou": "ja"}
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2")  # role: BoU
        await pilot.press("1", "j", "1", "j", "j", "n", "j")
        await pilot.pause()
        expected = build_plan(shipped("rvt-bou"), answers, parse_now(NOW), first_role="bou")
        assert plan_ids(app) == [p.id for g in expected.groups for p in g.steps]
        assert plan_ids(app)[0] == "rvt-in-rvt-akut-3"  # BoU's own steps first
        assert app.screen.query_one(QuestionPanel).question is None
        assert app.focused is app.screen.query_one(PlanList)


async def test_path_bou_shows_beredskap_with_number_and_same_day_date(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "j", "j", "j", "n", "n")  # inkom=bou, akut, vill kontakt, tackat ja
        await pilot.pause()
        text = plan_text(app)
        assert "☎ RVT:s beredskap 08-508 03 310 – Tider anges inte i rutinen." in text
        assert "Senast måndag 23 november 2026 (samma dag)" in text
        contacts = str(app.screen.query_one("#contacts").render())
        assert "08-508 03 310" in contacts


async def test_path_botkyrka_contacts_closed_friday_evening(make_app, monkeypatch) -> None:
    app = make_app()
    app.fixed_now = parse_now("2026-11-27T16:40")
    async with app.run_test(size=(140, 45)) as pilot:
        await open_routine(pilot, "botkyrka")
        await pilot.press("escape")  # no role
        await pilot.press("1", "3", "j")  # förskola, anmälan om oro, akut
        await pilot.pause()
        contacts = str(app.screen.query_one("#contacts").render())
        assert "Socialjouren" in contacts and "Stängt" in contacts


async def test_changing_an_earlier_answer_recomputes_and_keeps_ticks(make_app) -> None:
    app = make_app(role="rvt")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("1", "n", "3", "n", "n")  # rvt, inte akut, ingen utredning
        await pilot.pause()
        assert "rvt-in-rvt-ejakut-1" in plan_ids(app)
        await pilot.press("space")
        await pilot.pause()
        session = app.screen.session
        first = plan_ids(app)[0]
        assert session.steps[first].status == DONE
        assert session.steps[first].at == parse_now(NOW)
        answers = app.screen.query_one("#answers", OptionList)
        answers.focus()
        answers.highlighted = 1  # "Är situationen akut?"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(QuestionPanel).question.id == "akut"
        await pilot.press("j")
        await pilot.pause()
        ids = plan_ids(app)
        assert "rvt-in-rvt-akut-1" in ids and "rvt-in-rvt-ejakut-1" not in ids
        assert "rvt-in-rvt-ejakut-1" in session.steps  # kept for the log, out of the plan


async def test_escape_takes_back_the_last_answer_then_leaves(make_app) -> None:
    app = make_app(role="rvt")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("1", "j")
        await pilot.pause()
        assert app.screen.session.answers == {"inkom": "rvt", "akut": "ja"}
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.session.answers == {"inkom": "rvt"}
        assert app.screen.query_one(QuestionPanel).question.id == "akut"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, WalkScreen)


async def test_not_applicable_and_deviation_with_category(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "n", "n", "n", "n")
        await pilot.pause()
        first, second = plan_ids(app)[:2]
        await pilot.press("e")
        await pilot.press("down", "a")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDialog)
        await pilot.press("2")
        await pilot.pause()
        session = app.screen.session
        assert session.steps[first].status == NOT_APPLICABLE
        assert (session.steps[second].status, session.steps[second].category) == (
            DEVIATION, "kontakt_ej_nadd")
        assert "avvikelse: Kontakten kunde inte nås 10.00" in plan_text(app)


async def test_help_shows_keys_and_glossary(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 70)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.export_screenshot()
        for word in ("Förhandsbedömning", "Tjänstemannamöte", "Socialjouren", "LVU", "Erasor",
                     "FREDA", "Mellanslag"):
            assert word in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.query_one(Input), Input)


async def test_contacts_panel_collapses_at_80_columns(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "j", "j")
        await pilot.pause()
        assert app.screen.has_class("narrow")
        assert not app.screen.query_one("#contacts").display
        assert "08-508 03 310" in plan_text(app)  # the number is still on the step


async def test_walk_is_saved_and_offered_for_resume(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "n", "n", "n", "n")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        step = plan_ids(app)[0]
    again = make_app(role="bou")
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, ResumeDialog)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(again.screen, WalkScreen)
        session = again.screen.session
        assert session.answers == {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "nej",
                                   "stod_fran_rvt": "nej", "barn_aktuellt_bou": "nej"}
        assert session.steps[step].status == DONE
        await pilot.press("ctrl+f")
        await pilot.pause()
    third = make_app(role="bou")
    async with third.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(third.screen, ResumeDialog)  # finished walks are not offered


async def test_export_key_writes_a_file_and_says_where(make_app, tmp_path) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "n", "n", "x")
        await pilot.pause()
        files = list((tmp_path / "export").iterdir())
        assert len(files) == 1
        assert "BoU-handläggare gör skyddsbedömning på barnen." in files[0].read_text(encoding="utf-8")
        assert any(str(files[0]) in str(n.message) for n in app._notifications)


def test_now_is_fixed_for_reproducibility(make_app) -> None:
    assert make_app().now() == dt.datetime.fromisoformat(NOW).replace(tzinfo=parse_now(NOW).tzinfo)
