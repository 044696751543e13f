"""The app as a handläggare uses it, driven through Pilot; assertions on what is on screen."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console
from textual.widgets import Input, OptionList

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.walk.plan import build_plan
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE
from samverkan_tui.tui.screens.dialogs import DeviationDialog, RoleDialog, TextDialog
from samverkan_tui.tui.screens.help import HelpScreen
from samverkan_tui.tui.screens.resume import ResumeScreen
from samverkan_tui.tui.screens.walk import WalkScreen
from samverkan_tui.tui.widgets.plan import PlanList
from samverkan_tui.tui.widgets.question import QuestionPanel
from samverkan_tui.tui.widgets.steady_static import SteadyStatic
from tests.conftest import shipped
from tests.tui.conftest import NOW


def plan_ids(app) -> list[str]:
    """The items that can be ticked, in the order shown."""
    plan = app.screen.query_one(PlanList)
    options = [plan.get_option_at_index(i) for i in range(plan.option_count)]
    return [o.id for o in options if o.id is not None and not o.disabled]


def plan_text(app) -> str:
    plan = app.screen.query_one(PlanList)
    return "".join(rendered(plan.get_option_at_index(i).prompt) for i in range(plan.option_count))


def rendered(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text().replace("\u00a0", " ")  # numbers are kept together


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
        # Västerbotten states no review interval: its age, never an invented overdue date.
        assert "reviderad 2023-01-24, för 3 år sedan — rutinen anger inget intervall" in text
        assert "FÖRSENAD" not in text
        await pilot.press(*"botkyrka")
        await pilot.pause()
        assert routines.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RoleDialog)


async def skip_moment(pilot) -> None:
    """Deadlines count from a moment the walk asks for once; Esc takes the walk's start."""
    if isinstance(pilot.app.screen, TextDialog):
        await pilot.press("escape")
        await pilot.pause()


async def test_path_rvt_akut_keeps_the_routine_order_with_role_bou(make_app) -> None:
    answers = {
        "inkom": "rvt",
        "akut": "ja",
        "utredning": "oppen",
        "ansvarig_pa_plats": "ja",
        "skyddsbehov": "ja",
        "nej_skyddat_boende": "ja",
        "stod_fran_rvt": "nej",
    }
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2")  # role: BoU
        await pilot.press("1", "j", "1", "j", "j", "j", "n")
        await pilot.pause()
        await skip_moment(pilot)
        expected = build_plan(shipped("rvt-bou"), answers, parse_now(NOW))
        # The routine's order, whatever the role: the role is a label, not a sort key.
        assert plan_ids(app) == [p.id for p in expected.actions]
        ids = plan_ids(app)
        assert ids.index("rvt-in-bou-akut-1") < ids.index("rvt-in-rvt-akut-3")  # first assessment first
        assert app.screen.query_one(QuestionPanel).question is None
        assert app.focused is app.screen.query_one(PlanList)
        await pilot.press("f")  # "mina steg": BoU's and the joint ones, in the same order
        await pilot.pause()
        mine = plan_ids(app)
        assert mine == [i for i in ids if shipped("rvt-bou").step(i).role in ("bou", "gemensamt")]


async def test_path_bou_shows_beredskap_with_number_and_same_day_date(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "j", "j", "1")  # inkom=bou, akut, vill kontakt, tackat ja (1 of 3)
        await pilot.pause()
        await skip_moment(pilot)
        text = " ".join(plan_text(app).split())
        assert "☎ RVT:s beredskap 08-508 03 310" in text
        assert "Senast måndag 23 november 2026 (samma dag som RVT informerades av BoU)" in text
        contacts = app.screen.query_one("#contacts-text", SteadyStatic).shown
        assert "08-508 03 310" in contacts


async def test_path_botkyrka_contacts_closed_friday_evening(make_app, monkeypatch) -> None:
    app = make_app()
    app.fixed_now = parse_now("2026-11-27T16:40")
    async with app.run_test(size=(140, 45)) as pilot:
        await open_routine(pilot, "botkyrka")
        await pilot.press("escape")  # no role
        await pilot.press("1", "3", "j")  # förskola, anmälan om oro, akut
        await pilot.pause()
        await skip_moment(pilot)
        contacts = app.screen.query_one("#contacts-text", SteadyStatic).shown
        assert "Socialjouren" in contacts and "Stängt" in contacts


async def test_changing_an_earlier_answer_recomputes_and_keeps_ticks(make_app) -> None:
    app = make_app(role="rvt")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("1", "n", "3", "n")  # rvt, inte akut, ingen utredning, inget stöd
        await pilot.pause()
        await skip_moment(pilot)
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
        await pilot.press("n")  # the new question akut brings: no skyddsbehov
        await pilot.pause()
        ids = plan_ids(app)
        assert "rvt-in-rvt-akut-1" in ids and "rvt-in-rvt-ejakut-1" not in ids
        assert "rvt-in-rvt-ejakut-1" in session.steps  # kept for the log
        # … and the same action in the akut branch counts as done, with its time.
        assert session.visible_states(app.screen.plan)["rvt-in-rvt-akut-1"].at == parse_now(NOW)


async def test_escape_never_takes_back_an_answer_u_does_and_says_so(make_app) -> None:
    app = make_app(role="rvt")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("1", "j")
        await pilot.pause()
        walk = app.screen
        assert walk.session.answers == {"inkom": "rvt", "akut": "ja"}
        await pilot.press("u")  # the explicit key, in the footer while there is an answer
        await pilot.pause()
        assert walk.session.answers == {"inkom": "rvt"}
        assert walk.query_one(QuestionPanel).question.id == "akut"
        assert any("Svaret togs tillbaka" in n.message for n in app._notifications)
        await pilot.press("j")
        await pilot.pause()
        walk.query_one(PlanList).focus()
        await pilot.press("escape")  # from the plan: back to the question, nothing undone
        await pilot.pause()
        assert walk.session.answers == {"inkom": "rvt", "akut": "ja"}
        assert app.screen is walk and isinstance(app.focused, QuestionPanel)
        await pilot.press("backspace")  # from the question: leave; the walk is kept
        await pilot.pause()
        assert not isinstance(app.screen, WalkScreen)
        assert walk.session.answers == {"inkom": "rvt", "akut": "ja"}


async def test_not_applicable_and_deviation_with_category(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "n", "n")
        await pilot.pause()
        await skip_moment(pilot)
        first, second = plan_ids(app)[:2]
        await pilot.press("e", "escape")  # ej aktuell, no reason
        await pilot.press("down", "a")
        await pilot.pause()
        assert isinstance(app.screen, DeviationDialog)
        await pilot.press("2", "escape")  # category, no reason
        await pilot.pause()
        session = app.screen.session
        assert session.steps[first].status == NOT_APPLICABLE
        assert (session.steps[second].status, session.steps[second].category) == (
            DEVIATION,
            "kontakt_ej_nadd",
        )
        assert "avvikelse: Kontakten kunde inte nås 10.00" in plan_text(app)


async def test_help_shows_keys_and_glossary(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 70)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.export_screenshot()
        for word in (
            "Förhandsbedömning",
            "Tjänstemannamöte",
            "Socialjouren",
            "LVU",
            "Erasor",
            "FREDA",
            "Ctrl+O",  # the start screen's own keys: F1 shows the keys of the screen under it
            "skärmläsare",  # samverkan gå, the walk line by line
        ):
            assert word in text
        assert "Mellanslag" not in text  # the walk's keys belong to the walk's help
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.query_one(Input), Input)


async def test_contacts_panel_collapses_at_80_columns(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "j", "j", "j")
        await pilot.pause()
        await skip_moment(pilot)
        assert app.screen.has_class("narrow")
        assert not app.screen.query_one("#contacts").display
        assert "08-508 03 310" in plan_text(app)  # the number is still on the step


async def test_walk_is_saved_and_offered_for_resume(make_app) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "n", "n")
        await pilot.pause()
        await skip_moment(pilot)
        await pilot.press("space")
        await pilot.pause()
        step = plan_ids(app)[0]
    again = make_app(role="bou")
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, WalkScreen)
        session = again.screen.session
        assert session.answers == {"inkom": "bou", "akut": "nej", "vill_kontakt_rvt": "nej"}
        assert session.steps[step].status == DONE
        await pilot.press("ctrl+f", "j")  # finishing with open actions is confirmed
        await pilot.pause()
    third = make_app(role="bou")
    async with third.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(third.screen, ResumeScreen)  # finished walks are not offered


async def test_export_key_writes_a_file_and_says_where(make_app, tmp_path) -> None:
    app = make_app(role="bou")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_routine(pilot, "rvt")
        await pilot.press("2", "n", "n")
        await pilot.pause()
        await skip_moment(pilot)
        await pilot.press("x", "2")  # Markdown
        await pilot.pause()
        files = list((tmp_path / "export").iterdir())
        assert len(files) == 1
        assert "BoU-handläggare gör skyddsbedömning på barnen." in files[0].read_text(encoding="utf-8")
        # The folder and the file name, the name whole on a line of its own.
        assert any(
            files[0].name in str(n.message).splitlines() and str(files[0].parent) in str(n.message)
            for n in app._notifications
        )


def test_now_is_fixed_for_reproducibility(make_app) -> None:
    assert make_app().now() == dt.datetime.fromisoformat(NOW).replace(tzinfo=parse_now(NOW).tzinfo)


# Botkyrka's plan for a school's non-acute report about a child under 15: the mottagning's
# telefontider decide the call line.
BOTKYRKA_SCHOOL_REPORT = (
    "botkyrka-forskola-skola",
    {"verksamhet": "skola", "skede": "anmalan", "akut": "nej", "alder": "under15", "konsultation": "nej"},
)


async def walk_past_the_moment(app, pilot) -> WalkScreen:
    """The walk opened by name, past the dialog asking for its start (the default is fine)."""
    await pilot.pause()
    walk = app.screen
    while not isinstance(walk, WalkScreen):
        await pilot.press("escape")
        await pilot.pause()
        walk = app.screen
    return walk


async def test_the_call_line_follows_the_clock_without_a_key(make_app) -> None:
    """At 12.00.05 the mottagning has closed for lunch: the minute tick says so, no key pressed."""
    app = make_app(role="forskola-skola")
    app.fixed_now = parse_now("2026-12-07T11:59:30")
    app.direct_walk = BOTKYRKA_SCHOOL_REPORT
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await walk_past_the_moment(app, pilot)
        line = walk.query_one("#call-line", SteadyStatic)
        before = line.shown
        assert "öppet till 12.00" in before
        contacts_before = walk.query_one("#contacts-text", SteadyStatic).shown
        app.fixed_now = parse_now("2026-12-07T12:00:05")
        walk.minute_tick()
        await pilot.pause()
        after = line.shown.replace("\u00a0", " ")  # numbers are kept whole
        assert "stängt (lunch), öppnar 13.00; akut: Socialjouren 778 48 60" in after
        assert walk.query_one("#contacts-text", SteadyStatic).shown != contacts_before
        # Nothing changed within the minute: the line keeps what it shows (no new frame).
        shown = line._shown
        walk.minute_tick()
        await pilot.pause()
        assert line._shown is shown


async def test_a_minute_tick_that_changes_nothing_repaints_nothing(make_app, monkeypatch) -> None:
    """The tick recomputes the plan, the call line and the contacts every minute; when they
    are as shown, no widget of the walk asks for a repaint (no frame is drawn)."""
    from textual.widget import Widget

    app = make_app(role="forskola-skola")
    app.fixed_now = parse_now("2026-12-07T10:00")
    app.direct_walk = BOTKYRKA_SCHOOL_REPORT
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await walk_past_the_moment(app, pilot)
        await pilot.pause()
        await pilot.pause()  # the dialog closed, the focus settled
        assert walk.plan is not None and walk.plan.steps
        assert walk.query_one("#call-line", SteadyStatic).display
        refreshed: list[str] = []
        original = Widget.refresh

        def refresh(self, *args, **kwargs):
            if self.screen is walk:
                refreshed.append(f"{type(self).__name__}#{self.id}")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        walk.minute_tick()
        await pilot.pause()
        assert refreshed == []
        app.fixed_now = parse_now("2026-12-07T10:01")  # a minute later: still nothing changes
        walk.minute_tick()
        await pilot.pause()
        assert refreshed == []
