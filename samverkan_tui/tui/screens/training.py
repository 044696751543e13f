"""Övningsläge in the app: choose an exercise, read the case, answer, see the result.

Flow: ``ExerciseListScreen`` → ``ExerciseScreen`` (the case and the routine's questions,
answered with the walk's keys: j/y, n, digits) → ``ResultScreen`` (answer by answer,
missed and needless steps, contacts closed at the case's moment, score) → the next
exercise … → ``TrainingSummaryScreen``. Grading is ``core.training``; this module only
presents it. Each attempt is a walk in the step log with mode övning, which the
follow-up statistics never count.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from samverkan_tui.core.deadlines import format_date, format_time
from samverkan_tui.core.model import Exercise, Routine, Step
from samverkan_tui.core.session import MODE_TRAINING, WalkSession
from samverkan_tui.core.training import (
    EXTRA,
    NOT_ASKED,
    RIGHT,
    UNANSWERED,
    WRONG,
    Grade,
    Summary,
    exercise_moment,
    grade,
    summarize,
)
from samverkan_tui.core.walk import Plan, build_plan, question_count
from samverkan_tui.tui.screens.answering import AnsweringScreen
from samverkan_tui.tui.widgets.answers import AnswersList
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.question import QuestionPanel

MARKS = {
    RIGHT: ("✓", "bold green"),
    WRONG: ("✗", "bold red"),
    NOT_ASKED: ("–", "bold yellow"),
    UNANSWERED: ("?", "bold yellow"),
    EXTRA: ("+", "dim"),
}

TOUR_PREFIX = "rundtur:"


def moment_text(moment: dt.datetime) -> str:
    return f"{format_date(moment.date())} kl. {format_time(moment)}"


def routine_name(routine: Routine) -> str:
    return routine.short_title or routine.title


class TrainingRun:
    """One sitting: the exercises in order and the latest grade of each one done."""

    def __init__(
        self, routines: list[Routine], folder: Path | None = None, now: dt.datetime | None = None
    ) -> None:
        self.items: list[tuple[Routine, Exercise]] = [(r, e) for r in routines for e in r.exercises]
        self.grades: dict[tuple[str, str], Grade] = {}
        self.folder = folder  # where the progress is kept between sittings (None: not kept)
        if folder is not None and now is not None:
            self._restore(now)

    def _restore(self, now: dt.datetime) -> None:
        from samverkan_tui.core.training_progress import load_progress
        from samverkan_tui.core.walk import AnswerError

        stored = load_progress(self.folder)
        for routine, exercise in self.items:
            answers = stored.get(f"{routine.id}/{exercise.id}")
            if answers is None:
                continue
            try:
                self.grades[(routine.id, exercise.id)] = grade(routine, exercise, answers, now)
            except AnswerError:
                continue  # the routine changed since: that exercise counts as not done

    def record(self, result: Grade) -> None:
        self.grades[(result.routine.id, result.exercise.id)] = result
        if self.folder is None:
            return
        from samverkan_tui.core.training_progress import save_progress

        progress = {
            f"{g.routine.id}/{g.exercise.id}": dict(g.given_plan.answers) for g in self.grades.values()
        }
        # Progress is a convenience: the exercise itself is graded and shown regardless.
        with contextlib.suppress(OSError):
            save_progress(self.folder, progress)

    def grade_of(self, routine: Routine, exercise: Exercise) -> Grade | None:
        return self.grades.get((routine.id, exercise.id))

    def next_after(self, routine: Routine, exercise: Exercise) -> tuple[Routine, Exercise] | None:
        """The next exercise in the list, else the first one not done yet, else None."""
        keys = [(r.id, e.id) for r, e in self.items]
        here = keys.index((routine.id, exercise.id))
        for index in [*range(here + 1, len(keys)), *range(here)]:
            if keys[index] not in self.grades:
                return self.items[index]
        return None

    def summary(self) -> Summary:
        return summarize(self.grades.values())


def open_training(app, routine_id: str | None = None, focus: str | None = None) -> None:
    """Push the exercise list: one routine's exercises, or every routine's.

    ``focus``: a routine whose first exercise is highlighted (the start screen's choice).
    """
    routines = [r for r in app.catalog.routines() if r.exercises]
    if routine_id:
        routines = [r for r in routines if r.id == routine_id] or routines
    if not routines:
        app.notify("Inga rutiner har övningar.", severity="warning")
        return
    from samverkan_tui.steplog.store import data_dir

    try:
        folder = data_dir(app.config)
    except Exception:  # a bad data folder: train all the same, without keeping progress
        folder = None
    app.push_screen(ExerciseListScreen(TrainingRun(routines, folder, app.now()), focus))


# -- choosing -------------------------------------------------------------------------------


class ExerciseListScreen(Screen[None]):
    """The exercises, grouped by routine, each with its score once done; and the tours."""

    CSS = """
    ExerciseListScreen #training-list { height: 1fr; border: round $primary; }
    ExerciseListScreen #training-hint, ExerciseListScreen #training-status {
        padding: 0 1; height: auto;
    }
    ExerciseListScreen #training-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("r", "tour", "Rundtur", id="tour"),
        Binding("s", "summary", "Sammanfattning", id="training_summary"),
        Binding("escape", "leave", "Tillbaka", id="leave"),
    ]

    def __init__(self, run: TrainingRun, focus: str | None = None) -> None:
        super().__init__()
        self.run = run
        self.focus_routine = focus

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Övningsläge – påhittade fall. Enter öppnar en övning; r ger en guidad rundtur genom rutinen.",
            id="training-hint",
        )
        yield OptionList(id="training-list")
        yield Static(id="training-status")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = "Övningsläge"
        self.refresh_list()
        self.query_one("#training-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        options = self.query_one("#training-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        current = None
        for routine, exercise in self.run.items:
            if routine is not current:
                current = routine
                options.add_option(Option(Text(routine_name(routine), style="bold"), disabled=True))
                options.add_option(
                    Option(
                        Text("  Guidad rundtur genom rutinen", style="italic"), id=TOUR_PREFIX + routine.id
                    )
                )
            prompt = Text(f"  {exercise.title}")
            done = self.run.grade_of(routine, exercise)
            if done is not None:
                prompt.append(f"  ✓ {done.score} p", style="bold green" if done.perfect else "bold")
            if exercise.now is not None:
                prompt.append(f"\n    {moment_text(exercise.now)}", style="dim")
            options.add_option(Option(prompt, id=f"{routine.id}/{exercise.id}"))
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        else:
            # The first exercise (of the routine chosen on the start screen, if any).
            ids = [options.get_option_at_index(i).id or "" for i in range(options.option_count)]
            exercises = [i for i, oid in enumerate(ids) if "/" in oid]
            chosen = [i for i in exercises if ids[i].split("/")[0] == self.focus_routine]
            options.highlighted = (chosen or exercises or [None])[0]
        done = len(self.run.grades)
        status = f"{done} av {len(self.run.items)} övningar gjorda"
        if done:
            status += f" · snitt {self.run.summary().score} av 100 · s visar sammanfattningen"
        self.query_one("#training-status", Static).update(Text(status, style="dim"))
        self.refresh_bindings()

    def _highlighted_id(self) -> str | None:
        options = self.query_one("#training-list", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(OptionList.OptionSelected, "#training-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.open_item(event.option.id or "")

    def open_item(self, option_id: str) -> None:
        if option_id.startswith(TOUR_PREFIX):
            self.open_tour(option_id.removeprefix(TOUR_PREFIX))
            return
        for routine, exercise in self.run.items:
            if f"{routine.id}/{exercise.id}" == option_id:
                self.app.push_screen(ExerciseScreen(self.run, routine, exercise))
                return

    def open_tour(self, routine_id: str) -> None:
        from samverkan_tui.tui.screens.tour import TourScreen

        routine = next((r for r, _ in self.run.items if r.id == routine_id), None)
        if routine is not None:
            self.app.push_screen(TourScreen(routine))

    def action_tour(self) -> None:
        option_id = self._highlighted_id() or ""
        routine_id = option_id.removeprefix(TOUR_PREFIX).split("/")[0]
        self.open_tour(routine_id)

    def action_summary(self) -> None:
        self.app.push_screen(TrainingSummaryScreen(self.run))

    def action_leave(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "summary":
            return bool(self.run.grades)
        return True

    def palette_commands(self):
        for routine, exercise in self.run.items:
            yield SystemCommand(
                f"Öva: {exercise.title}",
                routine_name(routine),
                lambda key=f"{routine.id}/{exercise.id}": self.open_item(key),
            )
        for routine in {r.id: r for r, _ in self.run.items}.values():
            yield SystemCommand(
                f"Rundtur: {routine_name(routine)}",
                "Varje fråga och gren",
                lambda rid=routine.id: self.open_tour(rid),
            )


# -- answering ------------------------------------------------------------------------------


class ExerciseScreen(AnsweringScreen):
    """The case, then the routine's questions one at a time; the plan stays hidden."""

    CSS = """
    ExerciseScreen #case {
        height: auto; max-height: 50%; border: round $primary-darken-2; padding: 0 1;
        overflow-y: auto;
    }
    ExerciseScreen #exercise { height: 1fr; }
    ExerciseScreen #question {
        width: 1fr; height: 1fr; max-height: 100%; overflow-y: auto;
        border: round $accent; padding: 0 1;
    }
    ExerciseScreen #question:focus { border: round $success; }
    ExerciseScreen #answers { width: 34; height: 1fr; border: round $primary-darken-2; }
    """

    def __init__(self, run: TrainingRun, routine: Routine, exercise: Exercise) -> None:
        super().__init__()
        self.run = run
        self.routine = routine
        self.exercise = exercise
        self.session: WalkSession | None = None
        self.moment: dt.datetime | None = None
        self.editing: str | None = None
        self.plan: Plan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="case")
        with Horizontal(id="exercise"):
            yield QuestionPanel(id="question")
            yield AnswersList(id="answers")
        yield PriorityFooter()

    def on_mount(self) -> None:
        now = self.app.now()
        self.moment = exercise_moment(self.exercise, now)
        self.session = WalkSession(self.routine, now, MODE_TRAINING)
        self.session.listeners.append(self._start_log_on_first_event)
        self.sub_title = f"Övning – {routine_name(self.routine)}"
        # Compact: at 80×24 the case and a five-option question must both fit.
        case = Text(self.exercise.title + "\n", style="bold")
        case.append(self.exercise.case)
        panel = self.query_one("#case", Static)
        panel.update(case)
        panel.border_title = f"Fallet (påhittat) · {moment_text(self.moment)}"
        self.redraw()

    def _start_log_on_first_event(self, session: WalkSession, event) -> None:
        # Opening an exercise and leaving at once stores nothing. The log is looked up
        # now, not at mount: the app opens it after the first screen is painted.
        session.listeners.remove(self._start_log_on_first_event)
        log = self.app.step_log
        if log is not None:
            log.start(session)

    def redraw(self) -> None:
        self.plan = plan = build_plan(self.routine, self.session.answers, self.moment)
        if plan.complete and self.editing is None:
            self.show_result()
            return
        question = self.routine.question(self.editing) if self.editing is not None else plan.next_question
        self.query_one(QuestionPanel).show(
            question,
            len(plan.asked) + 1,
            question_count(self.routine, plan.answers),
            self.editing is not None,
        )
        self.query_one(AnswersList).show(plan)
        self.query_one(QuestionPanel).focus()

    def show_result(self) -> None:
        self.session.finish(self.app.now())
        result = grade(self.routine, self.exercise, dict(self.session.answers), self.moment)
        self.run.record(result)
        self.app.switch_screen(ResultScreen(self.run, result))


# -- the result -------------------------------------------------------------------------------


def hanging(rows: list[tuple[Text, Text]], indent: int = 1) -> Table:
    """Marked lines whose wrapped continuation lines stay under the text, not the mark."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for mark, body in rows:
        grid.add_row(Text(" " * indent) + mark, body)
    return grid


def _step_rows(routine: Routine, steps: tuple[Step, ...], style: str) -> list[tuple[Text, Text]]:
    rows = []
    for step in steps:
        where = " · ".join(x.name for x in (routine.role(step.role), routine.phase(step.phase)) if x)
        body = Text(step.text)
        if where:
            body.append(f"  ({where})", style="dim")
        rows.append((Text("•", style=style), body))
    return rows


def result_renderable(result: Grade) -> Group:
    """The result screen's content: score, answer by answer, steps, contacts."""
    routine = result.routine
    parts: list[RenderableType] = []
    head = Text(result.exercise.title + "\n", style="bold")
    head.append(f"{routine_name(routine)} · {moment_text(result.now)}\n\n", style="dim")
    union = result.shared_steps + len(result.missed) + len(result.needless)
    head.append(f"Poäng: {result.score} av 100", style="bold green" if result.perfect else "bold")
    head.append(
        f" — {result.correct} av {result.expected_count} svar rätt, "
        f"{result.shared_steps} av {union} steg gemensamma"
    )
    parts += [head, Text("\nSvar för svar", style="bold underline")]
    rows = []
    for answer in result.answers:
        mark, style = MARKS[answer.status]
        body = Text(f"{answer.label}: ", style=style)
        body.append(answer.question.text)
        if answer.given is not None:
            body.append(f"\nDitt svar: {answer.given.label}")
        if answer.expected is not None and answer.status != RIGHT:
            body.append(f"\nRätt svar: {answer.expected.label}", style="bold")
        body.append(f"\nVarför: {answer.reason}", style="italic")
        rows.append((Text(mark, style=style), body))
    parts.append(hanging(rows))
    if result.missed:
        parts.append(Text(f"\nSteg du skulle ha missat ({len(result.missed)})", style="bold red"))
        parts.append(hanging(_step_rows(routine, result.missed, "red")))
    if result.needless:
        parts.append(
            Text(f"\nSteg du skulle ha gjort i onödan ({len(result.needless)})", style="bold yellow")
        )
        parts.append(hanging(_step_rows(routine, result.needless, "yellow")))
    if not result.missed and not result.needless:
        parts.append(Text("\nPlanen blir precis som rutinen säger för fallet.", style="green"))
    timed = [c for c in result.contacts if c.status.open_now is not None]
    if timed:
        parts.append(Text(f"\nKontakter {moment_text(result.now)}", style="bold"))
        rows = []
        for contact in timed:
            style = "bold red" if contact.closed else "green"
            body = Text(f"{contact.status.contact.name}: ", style="bold")
            body.append(contact.status.summary)
            rows.append((Text("⚠" if contact.closed else "☎", style=style), body))
        parts.append(hanging(rows))
    if not result.complete:
        parts.append(
            Text("\nAlla frågor är inte besvarade; obesvarade frågor räknas som fel.", style="yellow")
        )
    return Group(*parts)


class ResultScreen(Screen[None]):
    CSS = """
    ResultScreen #result { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "next", "Nästa övning", id="next_exercise"),
        Binding("g", "retry", "Gör om", id="retry"),
        Binding("s", "summary", "Sammanfattning", id="training_summary"),
        Binding("escape", "leave", "Till listan", id="to_list"),
    ]

    def __init__(self, run: TrainingRun, result: Grade) -> None:
        super().__init__()
        self.run = run
        self.result = result

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="result"):
            yield Static(result_renderable(self.result), id="result-text")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Resultat – {routine_name(self.result.routine)}"
        self.query_one("#result", VerticalScroll).focus()

    def action_next(self) -> None:
        following = self.run.next_after(self.result.routine, self.result.exercise)
        if following is None:
            self.app.switch_screen(TrainingSummaryScreen(self.run))
        else:
            self.app.switch_screen(ExerciseScreen(self.run, *following))

    def action_retry(self) -> None:
        self.app.switch_screen(ExerciseScreen(self.run, self.result.routine, self.result.exercise))

    def action_summary(self) -> None:
        self.app.switch_screen(TrainingSummaryScreen(self.run))

    def action_leave(self) -> None:
        self.app.pop_screen()


# -- the summary --------------------------------------------------------------------------------


def summary_renderable(summary: Summary) -> Group:
    head = Text("Sammanfattning\n\n", style="bold")
    if not summary.exercises:
        head.append("Inga övningar gjorda än.", style="dim")
        return Group(head)
    head.append(f"Snittpoäng: {summary.score} av 100", style="bold")
    head.append(f" · {summary.perfect} av {summary.exercises} övningar helt rätt\n")
    head.append(
        f"{summary.correct} av {summary.expected} svar rätt · "
        f"{summary.missed_steps} missade steg · {summary.needless_steps} steg i onödan"
    )
    parts: list[RenderableType] = [head, Text("\nÖvningar", style="bold underline")]
    rows = []
    for result in summary.grades:
        body = Text(result.exercise.title)
        body.append(f"  ({routine_name(result.routine)})", style="dim")
        rows.append((Text(f"{result.score:>3} p", style="bold green" if result.perfect else "bold"), body))
    parts.append(hanging(rows))
    weak = summary.weak_questions
    if weak:
        parts.append(Text("\nFrågor att öva mer på", style="bold underline"))
        parts.append(
            hanging(
                [
                    (Text(f"{w.missed} av {w.expected} fel", style="bold yellow"), Text(w.question.text))
                    for w in weak
                ]
            )
        )
    return Group(*parts)


class TrainingSummaryScreen(Screen[None]):
    CSS = """
    TrainingSummaryScreen #training-summary { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,enter", "leave", "Till listan", id="to_list")]

    def __init__(self, run: TrainingRun) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="training-summary"):
            yield Static(summary_renderable(self.run.summary()), id="training-summary-text")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = "Övningsläge – sammanfattning"
        self.query_one("#training-summary", VerticalScroll).focus()

    def action_leave(self) -> None:
        self.app.pop_screen()
