"""Övningsläge in the app, driven through Pilot: whole exercises, the result, the tour.

Uses tests/data/ovning/ovning.toml (see tests/test_training.py for its shape).
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import OptionList, Static

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.training.grading import find_exercise, grade
from samverkan_tui.core.walk.status import MODE_TRAINING
from samverkan_tui.steplog.stats import walk_statistics
from samverkan_tui.tui.app import create_app
from samverkan_tui.tui.screens.exercise import ExerciseScreen
from samverkan_tui.tui.screens.exercise_list import ExerciseListScreen
from samverkan_tui.tui.screens.exercise_result import ResultScreen
from samverkan_tui.tui.screens.start import StartScreen
from samverkan_tui.tui.screens.tour import TourScreen
from samverkan_tui.tui.screens.training_summary import TrainingSummaryScreen
from samverkan_tui.tui.widgets.question import QuestionPanel
from tests.conftest import REPO
from tests.tui.conftest import NOW

KATALOG = REPO / "tests" / "data" / "ovning"


@pytest.fixture
def training_app(isolated_user):
    def make(training_routine: str | None = None, use_step_log: bool = True):
        config = load_config()
        config.role = "a"
        app = create_app(
            now=NOW, catalog=load_catalog([KATALOG], config=config), config=config, use_step_log=use_step_log
        )
        app.training_routine = training_routine
        return app

    return make


def text_of(app, selector: str) -> str:
    """What a Static shows, as plain text (wide, so that assertions need not follow wrapping)."""
    console = Console(width=400, file=io.StringIO(), color_system=None, record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def question_id(app) -> str | None:
    question = app.screen.query_one(QuestionPanel).question
    return question.id if question else None


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_whole_exercises_from_the_start_screen_to_the_summary(training_app) -> None:
    routine = load_routine(KATALOG / "ovning.toml").routine
    app = training_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await press(pilot, *"ovning", "ctrl+o")  # the routine chosen is the one practised
        assert isinstance(app.screen, ExerciseListScreen)
        options = app.screen.query_one("#training-list", OptionList)
        assert options.get_option_at_index(options.highlighted).id == "ovning/akut-fredag"
        await press(pilot, "escape", "escape", "ctrl+o")  # filter cleared: the first routine
        options = app.screen.query_one("#training-list", OptionList)
        assert options.get_option_at_index(options.highlighted).id.startswith("botkyrka")
        await press(pilot, "escape", *"ovning", "ctrl+o")
        assert isinstance(app.screen, ExerciseListScreen)
        await press(pilot, "enter")  # the first exercise is highlighted
        assert isinstance(app.screen, ExerciseScreen)
        case = text_of(app, "#case-text")
        assert "Fredag eftermiddag" in case
        assert "fredag 27 november 2026 kl. 16.40" in app.screen.query_one("#case").border_title
        assert "Testa Påhittsdotter" in case
        assert question_id(app) == "inkom"

        # Exercise 1 (akut, Friday 16.40): inkom right, akut wrong, so barn is asked too.
        await press(pilot, "1", "n")
        assert question_id(app) == "barn"
        await press(pilot, "j")
        assert isinstance(app.screen, ResultScreen)
        result = text_of(app, "#result-text")
        expected = grade(
            routine,
            find_exercise(routine, "akut-fredag"),
            {"inkom": "a", "akut": "nej", "barn": "ja"},
            parse_now(NOW),
        )
        score = f"Poäng: {expected.score} av 100 (1 av 2 svar rätt, 0 av 3 steg som svaren avgör rätt)"
        assert score in result
        assert "✓ Rätt: Var har ärendet inkommit?" in result
        assert (
            "✗ Fel: Är situationen akut?\n   Ditt svar: Nej, inte akut\n"
            "   Rätt svar: Ja, akut\n"
            "   Varför: Hon vågar inte åka hem i kväll: det kan inte vänta."
        ) in result
        assert "+ Ställs inte i fallet: Finns barn i familjen?" in result
        assert "Rätt plan för fallet, bredvid din" in result
        assert "✗ Saknas i din plan: Ring mottagningen samma dag." in result
        assert "! I onödan (inte i rätt plan): Enhet B följer upp barnens situation." in result
        assert "⚠ Mottagningen: Stängt (utanför telefontid)" in result and "ring Jouren" in result

        # Exercise 2 follows with Enter: all right.
        await press(pilot, "enter")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "inte-akut-barn"
        await press(pilot, "2", "n", "j")
        result = text_of(app, "#result-text")
        assert "Poäng: 100 av 100" in result
        assert "Planen blir precis som rutinen säger för fallet." in result

        # Exercise 3; Enter goes on to the next routine's exercises, s to the summary.
        await press(pilot, "enter", "2", "j", "enter")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.routine.id == "rvt-bou"
        await press(pilot, "escape", "s")
        assert isinstance(app.screen, TrainingSummaryScreen)
        summary = text_of(app, "#training-summary-text")
        assert "2 av 3 övningar helt rätt" in summary
        assert "6 av 7 svar rätt · 1 missade steg · 2 steg i onödan" in summary
        assert "Frågor att öva mer på" in summary and "1 av 3 fel Är situationen akut?" in summary

        # Back to the list, which now shows the scores.
        await press(pilot, "escape")
        assert isinstance(app.screen, ExerciseListScreen)
        options = app.screen.query_one("#training-list", OptionList)
        listed = "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        assert f"Fredag eftermiddag  ✓ {expected.score} p" in listed
        assert "Barnen i familjen  ✓ 100 p" in listed
        total = len(app.screen.run.items)  # every routine's exercises, shipped ones too
        assert text_of(app, "#training-status").startswith(f"3 av {total} övningar gjorda")

        # Every attempt is a finished walk with mode övning; statistics count none of them.
        sessions = app.step_log.list_sessions()
        assert [(s.mode, s.finished) for s in sessions] == [(MODE_TRAINING, True)] * 3
        assert walk_statistics(app.step_log.connection()) == []
        assert app.step_log.unfinished() == []


async def test_u_takes_an_answer_back_and_g_does_the_exercise_again(training_app) -> None:
    app = training_app("ovning", use_step_log=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)  # `samverkan öva ovning`
        await press(pilot, "enter", "2")
        assert question_id(app) == "akut"
        await press(pilot, "u")  # taking back is its own key (Esc leaves, keeping the answers)
        assert question_id(app) == "inkom"
        # At 80×24 the case and the question are both on screen.
        assert app.screen.query_one("#case").region.height >= 3
        assert app.screen.query_one(QuestionPanel).region.height >= 5
        await press(pilot, "1", "j")
        assert isinstance(app.screen, ResultScreen)
        assert "Poäng: 100 av 100" in text_of(app, "#result-text")
        await press(pilot, "g")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.id == "akut-fredag"
        assert question_id(app) == "inkom"
        await press(pilot, "escape")  # no answers yet: leave to the list
        assert isinstance(app.screen, ExerciseListScreen)


async def test_enter_goes_on_to_exercises_not_done_then_to_the_summary(training_app) -> None:
    app = training_app("ovning", use_step_log=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "down", "enter")  # start with the second exercise
        assert app.screen.exercise.id == "inte-akut-barn"
        await press(pilot, "2", "n", "j", "enter")
        assert app.screen.exercise.id == "akut-b-utan-tid"
        await press(pilot, "2", "j")
        # No moment of its own: the case happens at the app's now (Monday 10.00), when
        # Mottagningen is open.
        result = text_of(app, "#result-text")
        assert "måndag 23 november 2026 kl. 10.00" in result
        assert "☎ Mottagningen: Öppet nu, stänger 16.00" in result
        await press(pilot, "enter")  # the last in the list: back to the first not done
        assert app.screen.exercise.id == "akut-fredag"
        await press(pilot, "1", "j", "enter")
        assert isinstance(app.screen, TrainingSummaryScreen)
        summary = text_of(app, "#training-summary-text")
        assert "Snittpoäng: 100 av 100 · 3 av 3 övningar helt rätt" in summary
        assert "Frågor att öva mer på" not in summary
        await press(pilot, "enter")
        assert isinstance(app.screen, ExerciseListScreen)


async def test_guided_tour_goes_through_every_stop(training_app) -> None:
    app = training_app("ovning", use_step_log=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "r")
        assert isinstance(app.screen, TourScreen)
        assert "stopp 1 av 4" in text_of(app, "#tour-text")
        assert "Dokumentera vad som har kommit fram." in text_of(app, "#tour-text")
        await press(pilot, "right", "right")
        stop = text_of(app, "#tour-text")
        assert "Fråga 2: Är situationen akut?" in stop and "Svar: Ja, akut" in stop
        assert "Om situationen är akut och ärendet har inkommit till enhet B:" in stop
        assert "Leder till: Finns barn i familjen?" in stop
        await press(pilot, "space")
        stop = text_of(app, "#tour-text")
        assert "stopp 4 av 4" in stop and "Ställs bara om situationen inte är akut." in stop
        await press(pilot, "space")  # past the last stop: the tour says it has ended
        end = text_of(app, "#tour-text")
        assert "Rundturen är slut" in end and "alla 3 frågor" in end
        assert "Enter eller → tillbaka till listan" in end
        await press(pilot, "left", "left")
        assert "stopp 3 av 4" in text_of(app, "#tour-text")
        await press(pilot, "right", "right", "enter")  # stop 4, the end, and out
        assert isinstance(app.screen, ExerciseListScreen)
        await press(pilot, "r", "escape")
        assert isinstance(app.screen, ExerciseListScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, StartScreen)


def test_cli_starts_the_app_in_training_mode(monkeypatch, capsys) -> None:
    import samverkan_tui.cli.start as cli_start
    import samverkan_tui.tui.app as tui_app
    from tests.test_training import run

    started: list[str | None] = []
    monkeypatch.setattr(
        tui_app, "run_app", lambda state, training_routine=None: started.append(training_routine)
    )
    monkeypatch.setattr(cli_start, "require_terminal", lambda: None)  # pytest has no terminal
    assert run(capsys, "--katalog", str(KATALOG), "öva", "ovning")[0] == 0
    assert run(capsys, "öva")[0] == 0
    assert started == ["ovning", ""]


async def test_exercise_progress_survives_a_restart(desk_app) -> None:
    app = desk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"skriv", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
        await pilot.press("enter")  # the first exercise
        await pilot.pause()
        await pilot.press("n", "2")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
    again = desk_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"skriv", "ctrl+o")
        await pilot.pause()
        listing = again.screen.query_one("#training-list")
        prompts = " ".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
        assert "✓ 100 p" in prompts
        assert "1 av 19 övningar gjorda" in str(again.screen.query_one("#training-status").render())


# -- one document: the app shows what `samverkan öva` prints ---------------------------------


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_printed_in_order(shown: str, printed: str) -> None:
    """Every line the app shows is in the printout, in the same order (wrapping aside)."""
    printed = flat(printed)
    at = 0
    for line in filter(None, (flat(x) for x in shown.splitlines())):
        found = printed.find(line, at)
        assert found >= 0, f"the app shows {line!r}, which `samverkan öva` does not print (after {at})"
        at = found + len(line)


async def test_the_result_screen_and_ova_print_the_same_document(training_app, capsys) -> None:
    from samverkan_tui.export.document import document_for_grade
    from tests.test_training import run

    answers = {"inkom": "a", "akut": "nej", "barn": "ja"}  # akut wrong: every section appears
    app = training_app("ovning", use_step_log=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "1", "n", "j")
        assert isinstance(app.screen, ResultScreen)
        shown = text_of(app, "#result-text")
        document = app.screen.document
    svar = [arg for q, v in answers.items() for arg in ("--svar", f"{q}={v}")]
    printed = {}
    for format in ("text", "md"):
        code, printed[format], err = run(
            capsys, "--katalog", str(KATALOG), "--now", NOW, "öva", "ovning", "-e", "akut-fredag", *svar,
            "--format", format,
        )  # fmt: skip
        assert code == 0, err
    assert_printed_in_order(shown, printed["text"])
    # … and all three are that exercise's document: every item, mark and note of it.
    routine = load_routine(KATALOG / "ovning.toml").routine
    expected = document_for_grade(
        grade(routine, find_exercise(routine, "akut-fredag"), answers, parse_now(NOW))
    )
    assert document == expected
    markdown = flat(printed["md"].replace("\\", "").replace("*", ""))
    for item in expected.items:
        line = flat(f"{item.label} {item.kind_label}: {item.text}" if item.kind_label else item.text)
        assert line in flat(shown) and line in markdown
        for note in item.notes:
            assert flat(note) in flat(shown) and flat(note) in markdown
    assert [s.title for s in expected.sections] == [
        "Svar för svar",
        "Rätt plan för fallet, bredvid din",
        "Kontakter fredag 27 november 2026 kl. 16.40",
    ]


async def test_the_tour_screen_and_ova_rundtur_print_the_same_stops(training_app, capsys) -> None:
    from tests.test_training import run

    code, printed, err = run(capsys, "--katalog", str(KATALOG), "--now", NOW, "öva", "ovning", "--rundtur")
    assert code == 0, err
    app = training_app("ovning", use_step_log=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "r")
        assert isinstance(app.screen, TourScreen)
        shown = []
        for index in range(len(app.screen.stops)):
            stop = text_of(app, "#tour-text")
            assert f"stopp {index + 1} av 4" in stop.splitlines()[0]
            shown.append("\n".join(stop.splitlines()[1:]))  # the stop counter is the screen's own
            await press(pilot, "right")
    assert_printed_in_order("\n".join(shown), printed)
    assert "Om situationen är akut och ärendet har inkommit till enhet B:" in "\n".join(shown)


def _last_option_row(app) -> tuple[int, int]:
    """(the row below the question's last option, the rows the question panel shows)."""
    panel = app.screen.query_one(QuestionPanel)
    question = panel.question
    width = panel.scrollable_content_region.width
    console = Console(width=width, file=io.StringIO(), color_system=None)
    rows = [
        "".join(segment.text for segment in line)
        for line in console.render_lines(app.screen.query_one("#question-text", Static).content)
    ]
    last = question.options[-1]
    key = {"ja": "j", "nej": "n"}.get(last.value) if question.kind == "ja_nej" else None
    start = next(i for i, row in enumerate(rows) if row.startswith(f" {key or len(question.options)} "))
    end = start + 1
    while end < len(rows) and rows[end].startswith(" " * 4) and rows[end].strip():
        end += 1  # the option's wrapped lines
    return end, panel.scrollable_content_region.height


@pytest.mark.parametrize("routine_id", ["ekero-vald-i-nara-relation", "botkyrka-forskola-skola"])
async def test_every_option_shows_at_80x24_under_the_longest_case(training_app, routine_id) -> None:
    app = training_app(routine_id, use_step_log=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run_ = app.screen.run
        routine, exercise = max(
            ((r, e) for r, e in run_.items if r.id == routine_id), key=lambda pair: len(pair[1].case)
        )
        app.screen.open_item(f"{routine.id}/{exercise.id}")
        await pilot.pause()
        expected = {a.question: a.answer for a in exercise.answers}
        for _ in range(len(routine.questions)):
            if not isinstance(app.screen, ExerciseScreen):
                break
            await pilot.pause()
            end, shown = _last_option_row(app)
            question = app.screen.query_one(QuestionPanel).question
            assert end <= shown, (exercise.id, question.id, end, shown)
            case = app.screen.query_one("#case")
            assert case.region.height >= 6  # and the rest of the case one Tab away
            value = expected[question.id]
            option = next(i for i, o in enumerate(question.options, 1) if o.value == value)
            key = {"ja": "j", "nej": "n"}.get(value) if question.kind == "ja_nej" else str(option)
            await press(pilot, key)
        assert isinstance(app.screen, ResultScreen)
