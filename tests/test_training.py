"""Övningsläge: grading, the summary, the guided tour, and `samverkan öva`.

Most tests use tests/data/ovning/ovning.toml, a small routine written for them:

    inkom (a/b) → akut (ja/nej) → barn (only when akut = nej)
    s-alltid always · s-akut if akut (contact: mottagningen, closed Friday after 14.00,
    fallback jouren) · s-akut-b if akut and inkom = b · s-inte-akut if akut = nej ·
    s-barn if akut = nej and barn
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.training.grading import (
    EXTRA,
    NOT_ASKED,
    RIGHT,
    UNANSWERED,
    WRONG,
    ExerciseError,
    find_exercise,
    grade,
    summarize,
)
from samverkan_tui.core.training.tour import guided_tour
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.core.walk.plan import AnswerError, build_plan, enumerate_paths, next_question
from tests.conftest import CHECKLISTS, REPO, shipped
from tests.conftest import run_cli as run

KATALOG = REPO / "tests" / "data" / "ovning"
MONDAY = parse_now("2026-11-23T10:00")
SATURDAY = parse_now("2026-11-28T11:00")
SHIPPED = sorted(p.stem for p in CHECKLISTS.glob("*.toml"))


@pytest.fixture(scope="module")
def routine() -> Routine:
    result = load_routine(KATALOG / "ovning.toml")
    assert result.routine is not None, [str(p) for p in result.problems]
    return result.routine


def expected_answers(routine: Routine, exercise_id: str) -> dict[str, str]:
    return {a.question: a.answer for a in find_exercise(routine, exercise_id).answers}


def statuses(result) -> list[tuple[str, str]]:
    return [(a.question.id, a.status) for a in result.answers]


# -- grading ------------------------------------------------------------------------------


def test_all_right_is_perfect(routine: Routine) -> None:
    exercise = find_exercise(routine, "inte-akut-barn")
    result = grade(routine, exercise, expected_answers(routine, "inte-akut-barn"), MONDAY)
    assert statuses(result) == [("inkom", RIGHT), ("akut", RIGHT), ("barn", RIGHT)]
    assert [a.reason for a in result.answers] == [a.reason for a in exercise.answers]
    assert [a.given.label for a in result.answers] == ["Till enhet B", "Nej, inte akut", "Ja"]
    assert (result.missed, result.needless) == ((), ())
    assert (result.score, result.perfect, result.complete) == (100, True, True)
    assert result.now == exercise.now  # the exercise's moment, not the caller's


def test_an_early_diverging_answer_leaves_later_questions_not_asked(routine: Routine) -> None:
    # The case is not akut and has children; the trainee says akut, so barn is never asked.
    exercise = find_exercise(routine, "inte-akut-barn")
    result = grade(routine, exercise, {"inkom": "b", "akut": "ja"}, MONDAY)
    assert statuses(result) == [("inkom", RIGHT), ("akut", WRONG), ("barn", NOT_ASKED)]
    akut, barn = result.answers[1], result.answers[2]
    assert (akut.given.label, akut.expected.label) == ("Ja, akut", "Nej, inte akut")
    assert akut.reason == "Inget hot i dag: det kan vänta till nästa dag."
    assert barn.given is None and barn.expected.label == "Ja"
    assert [s.id for s in result.missed] == ["s-inte-akut", "s-barn"]
    assert [s.id for s in result.needless] == ["s-akut", "s-akut-b"]
    assert result.complete  # the trainee's own path had no more questions
    assert not result.perfect


def test_a_question_only_the_wrong_path_asks_is_extra(routine: Routine) -> None:
    exercise = find_exercise(routine, "akut-fredag")
    result = grade(routine, exercise, {"inkom": "a", "akut": "nej", "barn": "ja"}, MONDAY)
    assert statuses(result) == [("inkom", RIGHT), ("akut", WRONG), ("barn", EXTRA)]
    extra = result.answers[2]
    assert extra.expected is None
    assert extra.reason.startswith("Frågan ställs bara om situationen inte är akut")
    assert [s.id for s in result.missed] == ["s-akut"]
    assert [s.id for s in result.needless] == ["s-inte-akut", "s-barn"]
    # Extra questions neither earn nor cost answer points: 1 of the 2 expected is right.
    assert (result.correct, result.expected_count) == (1, 2)


def test_a_question_on_the_path_left_open_is_unanswered(routine: Routine) -> None:
    exercise = find_exercise(routine, "inte-akut-barn")
    result = grade(routine, exercise, {"inkom": "b", "akut": "nej"}, MONDAY)
    assert statuses(result) == [("inkom", RIGHT), ("akut", RIGHT), ("barn", UNANSWERED)]
    assert not result.complete
    assert [s.id for s in result.missed] == ["s-barn"]


def test_score_counts_only_the_steps_the_answers_decide(routine: Routine) -> None:
    exercise = find_exercise(routine, "akut-fredag")  # expects s-alltid, s-akut
    # inkom wrong (b), akut right: 1 of 2 answers. s-alltid has no condition, so it is in
    # every plan and scores nothing; of the decided steps s-akut (asks only akut, answered
    # right) is earned and s-akut-b is needless: 1 of 2.
    result = grade(routine, exercise, {"inkom": "b", "akut": "ja"}, MONDAY)
    assert (result.correct, result.shared_steps, result.decided_steps) == (1, 1, 2)
    assert [s.id for s in result.needless] == ["s-akut-b"]
    assert result.answer_ratio == 0.5
    assert result.step_ratio == pytest.approx(1 / 2)
    assert result.score == 25 + 25 == 50
    # Nothing answered: no answer points, and the always-step earns nothing either.
    empty = grade(routine, exercise, {}, MONDAY)
    assert statuses(empty) == [("inkom", UNANSWERED), ("akut", UNANSWERED)]
    assert empty.score == 0


def all_wrong_walks(routine: Routine, expected: dict[str, str]) -> list[dict[str, str]]:
    """Every complete walk in which each question of the case gets a wrong answer (and
    each question only a wrong path asks, any answer)."""
    walks, stack = [], [{}]
    while stack:
        answers = stack.pop()
        question = next_question(routine, answers)
        if question is None:
            walks.append(answers)
            continue
        for option in question.options:
            if expected.get(question.id) != option.value:
                stack.append({**answers, question.id: option.value})
    return walks


@pytest.mark.parametrize("stem", SHIPPED)
def test_every_answer_wrong_scores_at_most_10_on_every_exercise(stem: str) -> None:
    routine = shipped(stem)
    assert routine.exercises
    for exercise in routine.exercises:
        expected = {a.question: a.answer for a in exercise.answers}
        walks = all_wrong_walks(routine, expected)
        assert walks, exercise.id
        scores = {grade(routine, exercise, answers, MONDAY).score for answers in walks}
        assert max(scores) <= 10, (exercise.id, sorted(scores))
        assert grade(routine, exercise, expected, MONDAY).score == 100, exercise.id


def test_unknown_question_or_answer_is_refused(routine: Routine) -> None:
    exercise = find_exercise(routine, "akut-fredag")
    with pytest.raises(AnswerError, match=r"okänd fråga `akt`.*akut"):
        grade(routine, exercise, {"akt": "ja"}, MONDAY)
    with pytest.raises(AnswerError, match=r"okänt svar `kanske`"):
        grade(routine, exercise, {"akut": "kanske"}, MONDAY)
    with pytest.raises(ExerciseError, match=r"okänd övning `akut-fredg`.*akut-fredag"):
        find_exercise(routine, "akut-fredg")


def test_contacts_closed_at_the_exercise_moment_name_the_fallback(routine: Routine) -> None:
    exercise = find_exercise(routine, "akut-fredag")  # Friday 16.40; mottagningen closes 14.00
    result = grade(routine, exercise, {"inkom": "a", "akut": "nej"}, MONDAY)
    # The lesson is about the expected plan, whatever the trainee answered.
    [closed] = result.closed_contacts
    assert closed.status.contact.id == "mottagningen" and closed.steps == ("s-akut",)
    assert closed.status.fallback.id == "jouren"
    assert status_summary(closed.status) == (
        "Stängt (utanför telefontid), öppnar måndag 30 november 08.30 — ring Jouren 08-765 43 21 under tiden"
    )


def test_without_its_own_moment_an_exercise_happens_now(routine: Routine) -> None:
    exercise = find_exercise(routine, "akut-b-utan-tid")
    answers = expected_answers(routine, "akut-b-utan-tid")
    weekday = grade(routine, exercise, answers, MONDAY)
    assert weekday.now == MONDAY
    assert [c.closed for c in weekday.contacts] == [False]
    weekend = grade(routine, exercise, answers, SATURDAY)
    assert [c.status.reason for c in weekend.closed_contacts] == ["helg"]


def test_summary_across_exercises(routine: Routine) -> None:
    fredag = find_exercise(routine, "akut-fredag")
    barn = find_exercise(routine, "inte-akut-barn")
    grades = [
        grade(routine, fredag, expected_answers(routine, "akut-fredag"), MONDAY),
        grade(routine, barn, {"inkom": "b", "akut": "ja"}, MONDAY),
        grade(routine, fredag, {"inkom": "a", "akut": "nej"}, MONDAY),
    ]
    summary = summarize(grades)
    assert (summary.exercises, summary.perfect) == (3, 1)
    assert (summary.correct, summary.expected) == (2 + 1 + 1, 2 + 3 + 2)
    assert summary.missed_steps == 2 + 1
    assert summary.needless_steps == 2 + 1
    assert summary.score == round(sum(g.score for g in grades) / 3)
    assert [(w.question.id, w.missed, w.expected) for w in summary.weak_questions] == [
        ("akut", 2, 3),
        ("barn", 1, 1),
    ]
    assert [g.exercise.id for g in summary.grades] == ["akut-fredag", "inte-akut-barn", "akut-fredag"]
    assert summarize([]).score == 0


# -- the guided tour ---------------------------------------------------------------------


def test_tour_of_the_small_routine(routine: Routine) -> None:
    stops = guided_tour(routine)
    assert stops[0].question is None
    assert [s.step.id for s in stops[0].always] == ["s-alltid"]
    assert [s.question.id for s in stops[1:]] == ["inkom", "akut", "barn"]
    branches = {(stop.question.id, b.option.value): b for stop in stops[1:] for b in stop.branches}
    brought = {key: [s.step.id for s in b.steps] for key, b in branches.items()}
    assert brought == {
        ("inkom", "a"): [],
        ("inkom", "b"): [],
        ("akut", "ja"): ["s-akut", "s-akut-b"],
        ("akut", "nej"): ["s-inte-akut"],
        ("barn", "ja"): ["s-barn"],
        ("barn", "nej"): [],
    }
    assert [q.id for q in branches[("akut", "nej")].leads_to] == ["barn"]
    assert branches[("akut", "ja")].leads_to == ()
    conditions = {s.step.id: s.condition for s in branches[("akut", "ja")].steps}
    assert conditions["s-akut-b"] == ("Om situationen är akut och ärendet har inkommit till enhet B:")
    barn = stops[3]
    assert barn.asked_when == "situationen inte är akut"
    assert stops[2].help == "Akut: agerandet kan inte vänta till nästa dag."


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_tour_covers_every_question_and_step_exactly_as_the_walk_does(routine_id: str) -> None:
    routine = shipped(routine_id)
    stops = guided_tour(routine)
    assert [s.question.id for s in stops if s.question] == [q.id for q in routine.questions]
    tour: dict[tuple[str, str], set[str]] = {
        (stop.question.id, b.option.value): {s.step.id for s in b.steps}
        for stop in stops
        if stop.question
        for b in stop.branches
    }
    always = {s.step.id for stop in stops for s in stop.always}
    assert always | set().union(*tour.values()) == {s.id for s in routine.steps if not s.reference}
    # The same thing computed from plans: over every walk, the steps an answer adds to
    # the plan of the answers before it.
    walked: dict[tuple[str, str], set[str]] = {key: set() for key in tour}
    planned: dict[tuple[tuple[str, str], ...], set[str]] = {}  # paths share their beginnings

    def steps_for(answers: dict[str, str]) -> set[str]:
        key = tuple(answers.items())
        if key not in planned:
            planned[key] = {p.id for p in build_plan(routine, answers, MONDAY).steps}
        return planned[key]

    for path in enumerate_paths(routine):
        answers: dict[str, str] = {}
        before = steps_for(answers)
        assert before == always
        while (question := next_question(routine, answers)) is not None:
            answers[question.id] = path[question.id]
            after = steps_for(answers)
            assert before <= after  # a step never leaves the plan as answers are added
            walked[(question.id, answers[question.id])] |= after - before
            before = after
    assert walked == tour


# -- the shipped routines' exercises -----------------------------------------------------


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_shipped_exercises_cover_akut_not_akut_and_outside_telefontider(routine_id: str) -> None:
    routine = shipped(routine_id)
    assert len(routine.exercises) >= 3
    grades = [grade(routine, e, {a.question: a.answer for a in e.answers}, MONDAY) for e in routine.exercises]
    assert all(g.perfect and g.score == 100 for g in grades)  # own answers grade as perfect
    akut = routine.question("akut")
    if akut is not None:
        given = {g.expected_plan.answers.get("akut") for g in grades}
        assert {"ja", "nej"} <= given, "both akut and not akut"
    has_hours = any(c.hours is not None for c in routine.contacts)
    if has_hours:
        assert any(g.closed_contacts for g in grades), "a case when a contact is closed"
    else:
        # No telefontider in the routine: some case still happens outside office hours.
        moments = [e.now for e in routine.exercises if e.now is not None]
        assert any(m.weekday() >= 5 or not (8 <= m.hour < 16) for m in moments)


# -- the CLI ---------------------------------------------------------------------------------


def cli(capsys, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--katalog", str(KATALOG), "--now", "2026-11-23T10:00", "öva", *args)


def test_cli_lists_exercises(capsys) -> None:
    code, out, err = cli(capsys, "ovning", "--lista")
    assert (code, err) == (0, "")
    assert "akut-fredag" in out and "fredag 27 november 2026 kl. 16.40" in out
    code, out, _ = cli(capsys, "ovning", "--lista", "--format", "json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["akut-fredag", "inte-akut-barn", "akut-b-utan-tid"]
    assert rows[2]["now"] is None and rows[1]["question_count"] == 3


def test_cli_grades_answers_as_json(capsys) -> None:
    code, out, err = cli(
        capsys,
        "ovning",
        "--övning",
        "inte-akut-barn",
        "--svar",
        "inkom=b",
        "--svar",
        "akut=ja",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(a["question"], a["status"], a["expected_label"]) for a in data["answers"]] == [
        ("inkom", "rätt", "Till enhet B"),
        ("akut", "fel", "Nej, inte akut"),
        ("barn", "ej ställd", "Ja"),
    ]
    assert [s["id"] for s in data["missed_steps"]] == ["s-inte-akut", "s-barn"]
    assert [s["id"] for s in data["needless_steps"]] == ["s-akut", "s-akut-b"]
    assert data["score"] == round(50 * 1 / 3 + 50 * 0 / 4)  # no decided step earned
    assert data["now"] == "2026-11-23T10:00:00+01:00"


def test_cli_grade_text_names_closed_contacts_and_score(capsys) -> None:
    code, out, _ = cli(capsys, "ovning", "--övning", "akut-fredag", "--svar", "inkom=a", "--svar", "akut=ja")
    assert code == 0
    assert "Tidpunkt: fredag 27 november 2026 kl. 16.40" in out
    assert "✓ Rätt: Är situationen akut?" in out
    assert "Mottagningen: Stängt (utanför telefontid)" in out and "ring Jouren" in out
    # The score opens the result (as in the app), before the answers.
    lines = out.splitlines()
    score = lines.index("Poäng: 100 av 100 (2 av 2 svar rätt, 1 av 1 steg som svaren avgör rätt)")
    assert score < lines.index("Svar för svar")
    assert all(len(line) <= 80 for line in lines)
    # The correct plan, in order, with its date and whom to call at the case's moment.
    plan = "\n".join(lines[lines.index("Rätt plan för fallet, bredvid din") :])
    assert "Planen blir precis som rutinen säger för fallet." in plan
    assert plan.index("✓ Dokumentera vad som har kommit fram.") < plan.index("✓ Ring mottagningen samma dag.")
    assert "– Senast fredag 27 november 2026 (samma dag)" in plan
    assert "– Ring nu: Jouren, tel 08-765 43 21 (Mottagningen: stängt" in plan
    # Markdown from the same document, by the Markdown renderer every printout uses.
    code, md, _ = cli(
        capsys, "ovning", "--övning", "akut-fredag", "--svar", "inkom=a", "--svar", "akut=ja", "-f", "md"
    )
    assert code == 0 and md.startswith("# Fredag eftermiddag\n")
    assert "- ✓ *Rätt:* Är situationen akut?" in md and "## Kontakter fredag 27 november" in md


def test_cli_grade_shows_the_correct_plan_next_to_the_trainees(capsys) -> None:
    # inkom wrong: the trainee's plan has Enhet B's skyddsbedömning, which the case does not.
    code, out, _ = cli(capsys, "ovning", "--övning", "akut-fredag", "--svar", "inkom=b", "--svar", "akut=ja")
    assert code == 0
    plan = out[out.index("Rätt plan för fallet, bredvid din") :]
    assert "✓ finns i din plan (2) · ✗ saknas i din (0) · ! i onödan, bara i din (1)" in plan
    order = ["✓ Dokumentera", "✓ Ring mottagningen samma dag.", "! I onödan (inte i rätt plan): Enhet B"]
    assert [plan.index(text) for text in order] == sorted(plan.index(text) for text in order)
    code, out, _ = cli(capsys, "ovning", "--övning", "akut-fredag", "--svar", "inkom=a", "--svar", "akut=nej")
    plan = out[out.index("Rätt plan för fallet, bredvid din") :]
    assert "✗ Saknas i din plan: Ring mottagningen samma dag." in plan
    assert "! I onödan (inte i rätt plan): Boka möte inom en vecka." in plan
    code, out, _ = cli(
        capsys, "ovning", "--övning", "akut-fredag", "--svar", "inkom=a", "--svar", "akut=nej", "-f", "json"
    )
    lines = json.loads(out)["correct_plan"]
    assert ("s-akut", "saknas") in [(line["step"], line["verdict"]) for line in lines]
    [akut] = [line for line in lines if line["step"] == "s-akut"]
    assert akut["due"].startswith("Senast fredag 27 november 2026")
    assert akut["calls"][0].startswith("Ring nu: Jouren")


def test_cli_without_answers_prints_the_case_not_the_answers(capsys) -> None:
    code, out, _ = cli(capsys, "ovning", "--övning", "inte-akut-barn")
    assert code == 0
    assert "Prova Exempelsson" in out and "barn: Finns barn i familjen?" in out
    assert "Han har två barn." not in out  # the reasons give the answers away


def test_cli_tour_text_and_markdown(capsys) -> None:
    code, out, _ = cli(capsys, "ovning", "--rundtur")
    assert code == 0
    assert "Steg som alltid ingår i planen" in out
    assert "Fråga 3: Finns barn i familjen?" in out
    assert "Ställs bara om situationen inte är akut." in out
    code, out, _ = cli(capsys, "ovning", "--rundtur", "--format", "md")
    assert code == 0 and out.startswith("# Rundtur: Övningsrutin")
    assert "### Svar: Ja, akut" in out
    code, out, _ = cli(capsys, "ovning", "--rundtur", "--format", "json")
    assert [s["question"] for s in json.loads(out)["stops"]] == [None, "inkom", "akut", "barn"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["finns-inte", "--lista"], "okänd rutin `finns-inte`"),
        (
            ["ovning", "--övning", "akut-fredg", "--svar", "akut=ja"],
            "okänd övning `akut-fredg` i rutinen ovning; menade du `akut-fredag`?",
        ),
        (["ovning", "--övning", "akut-fredag", "--svar", "akut=kanske"], "okänt svar `kanske`"),
        (["ovning", "--övning", "akut-fredag", "--svar", "akut"], "skriv FRÅGA=SVAR"),
        (["ovning", "--svar", "akut=ja"], "--svar gäller en övning"),
        (["ovning", "--lista", "--rundtur"], "välj en av"),
        (["ovning", "--övning", "akut-fredag", "--format", "md"], "--format md gäller bara"),
        (["--rundtur"], "ange rutinens id"),
        (["finns-inte"], "okänd rutin"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(capsys, args, message) -> None:
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("samverkan: ") and message in err


def test_cli_routine_without_exercises_does_not_start_the_app(capsys) -> None:
    code, out, err = run(capsys, "--katalog", str(REPO / "tests" / "data"), "öva", "liten")
    assert (code, out) == (2, "") and "rutinen liten har inga övningar" in err


def test_cli_training_commands_never_import_textual() -> None:
    script = (
        "import sys\n"
        "from samverkan_tui.cli import main\n"
        "for args in (['öva', '--lista'], ['öva', 'rvt-bou', '--rundtur'],\n"
        "             ['öva', 'rvt-bou', '--övning', 'bou-akut-samma-dag', '--svar', 'inkom=bou']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0, (args, done.code)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=Path(REPO)
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_the_same_action_in_another_branch_is_neither_missed_nor_needless() -> None:
    from samverkan_tui.core.routine.loader import load_routine
    from tests.tui.conftest import DESK

    routine = load_routine(DESK / "skrivbord.toml").routine
    exercise = routine.exercises[0]
    result = grade(
        routine, exercise, {"akut": "ja", "skede": "anmalan", "ansvarig": "ja"}, parse_now("2026-11-27T14:30")
    )
    missed = {s.id for s in result.missed}
    needless = {s.id for s in result.needless}
    # "Enhet B gör en skyddsbedömning …" (akut) is "… gör skyddsbedömning …" (inte akut).
    assert "ejakut-skydd" not in missed and "akut-skydd" not in needless
    assert "ejakut-forhand" in missed and "akut-muntligt" in needless


# -- progress between sittings ------------------------------------------------------------


def test_a_sitting_for_one_routine_keeps_the_progress_of_another(routine: Routine, tmp_path: Path) -> None:
    # The lost progress: a sitting opened for one routine wrote only its own exercises,
    # so the other routine's results (done minutes before, on a fresh folder) were gone.
    from samverkan_tui.core.training.progress import load_progress
    from samverkan_tui.tui.screens.training import TrainingRun

    folder = tmp_path / "ny-datamapp"  # fresh: does not exist yet
    rvt = shipped("rvt-bou")
    first = TrainingRun([routine], folder, MONDAY)
    exercise = find_exercise(routine, "akut-fredag")
    assert first.record(grade(routine, exercise, expected_answers(routine, "akut-fredag"), MONDAY)) == ""
    second = TrainingRun([rvt], folder, MONDAY)
    rvt_exercise = rvt.exercises[0]
    answers = {a.question: a.answer for a in rvt_exercise.answers}
    assert second.record(grade(rvt, rvt_exercise, answers, MONDAY)) == ""
    assert set(load_progress(folder)) == {"ovning/akut-fredag", f"rvt-bou/{rvt_exercise.id}"}
    both = TrainingRun([routine, rvt], folder, MONDAY)
    assert both.grade_of(routine, exercise).score == 100
    assert both.grade_of(rvt, rvt_exercise).score == 100
    assert (folder / "ovningar.json").stat().st_mode & 0o777 == 0o600


def test_progress_that_cannot_be_stored_is_said_in_swedish(routine: Routine, tmp_path: Path) -> None:
    from samverkan_tui.tui.screens.training import TrainingRun

    blocked = tmp_path / "fil"
    blocked.write_text("inte en mapp")
    run_ = TrainingRun([routine], blocked, MONDAY)
    exercise = find_exercise(routine, "akut-fredag")
    message = run_.record(grade(routine, exercise, {"inkom": "a"}, MONDAY))
    assert message.startswith("Övningen kunde inte sparas till nästa gång: ")
    assert run_.grade_of(routine, exercise) is not None  # graded and shown all the same


# -- the CLI's hints and refusals -----------------------------------------------------------


def test_case_hint_suggests_the_cases_own_first_answer(capsys) -> None:
    # A BoU case: the example --svar says inkom=bou, as the case does (it said inkom=rvt).
    code, out, _ = run(
        capsys, "--now", "2026-11-23T10:00", "öva", "rvt-bou", "--övning", "bou-akut-samma-dag"
    )
    assert code == 0
    assert "--svar inkom=bou" in " ".join(out.split()) and "inkom=rvt" not in out
    code, out, _ = run(capsys, "öva", "rvt-bou", "--övning", "rvt-inte-akut-ansvarig-borta")
    assert "--svar inkom=rvt" in " ".join(out.split())


@pytest.mark.parametrize(
    ("value", "reason"), [("1", "ska vara minst 2"), ("x", "ska vara ett heltal"), ("-3", "ska vara minst 2")]
)
def test_a_threshold_out_of_range_is_refused_in_swedish(capsys, isolated_user, value, reason) -> None:
    code, out, err = run(capsys, "logg", "statistik", "--tröskel", value)
    assert code == 2 and out == ""
    assert err.startswith("samverkan: ogiltigt värde för '--tröskel'") and reason in err
    assert "Input should" not in err and "range" not in err
