"""Övningsläge: one exercise. The case, then the routine's questions one at a time with
the walk's keys (j/y, n, digits; Esc takes an answer back); the plan stays hidden. The
last answer grades the exercise and shows the result.

At 80×24 a long case and a question with many options do not both fit: the question and
all its options always show (``fit_case``), and the case keeps the rest of the height,
scrolling (Tab, ↑/↓) when it is longer.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from samverkan_tui.core.routine.model import Exercise, Routine
from samverkan_tui.core.training.grading import exercise_moment, grade
from samverkan_tui.core.walk.plan import Plan, build_plan, question_count
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import MODE_TRAINING
from samverkan_tui.export.document import when_text
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.screens.answering import AnsweringScreen
from samverkan_tui.tui.screens.training import TrainingRun, routine_name
from samverkan_tui.tui.widgets.answers import AnswersList
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.question import QuestionPanel
from samverkan_tui.tui.widgets.title_bar import TitleBar

MIN_CASE_ROWS = 6  # the case's border and four lines, however long the question


class ExerciseScreen(AnsweringScreen):
    """The case, then the routine's questions one at a time; the plan stays hidden."""

    CSS = """
    ExerciseScreen #case {
        height: auto; max-height: 50%; border: round $primary-darken-2; padding: 0 1;
    }
    ExerciseScreen #case:focus { border: round $success; }
    ExerciseScreen #exercise { height: 1fr; }
    ExerciseScreen #question {
        width: 1fr; height: 1fr; max-height: 100%; overflow-y: auto;
        border: round $accent; padding: 0 1;
    }
    ExerciseScreen #question:focus { border: round $success; }
    ExerciseScreen #answers { width: 34; height: 1fr; border: round $primary-darken-2; }
    """

    def __init__(self, run: TrainingRun, routine: Routine, exercise: Exercise, now: dt.datetime) -> None:
        """``now``: the app's clock (`--now`) when the exercise is opened."""
        super().__init__()
        self.run = run
        self.routine = routine
        self.exercise = exercise
        self.moment = exercise_moment(exercise, now)  # when the case happens
        self.session = WalkSession(routine, now, MODE_TRAINING)
        self.store_from_first_event()
        self.editing: str | None = None
        self.plan: Plan | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="case"):
            yield Static(id="case-text")
        with Horizontal(id="exercise"):
            yield QuestionPanel(id="question")
            yield AnswersList(id="answers")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Övning – {routine_name(self.routine)}"
        # Compact: at 80×24 the case and a five-option question must both fit.
        case = Text(self.exercise.title + "\n", style="bold")
        case.append(self.exercise.case)
        self.query_one("#case-text", Static).update(case)
        self.query_one("#case").border_title = f"Fallet (påhittat) · {when_text(self.moment)}"
        self.redraw()

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
        self.call_after_refresh(self.fit_case)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_case)

    def fit_case(self) -> None:
        """Give the question and every option the rows they need; the case the rest.

        The case keeps at least ``MIN_CASE_ROWS`` and scrolls (Tab to it, ↑/↓) when it
        needs more than it gets; the question's help text is what the question panel
        scrolls to, below the options."""
        panel = self.query_one(QuestionPanel)
        case = self.query_one("#case", VerticalScroll)
        width = panel.scrollable_content_region.width
        question = panel.question
        if width <= 0 or question is None:
            return
        console = self.app.console
        options = console.options.update_width(width)
        # QuestionPanel.show always sets a rich Group (the question, its options, its help).
        content = cast("RenderableType", self.query_one("#question-text", Static).content)
        total = len(console.render_lines(content, options))
        help_rows = len(console.render_lines(Text(question.help), options)) + 1 if question.help else 0
        needed = total - help_rows + 2  # the question and its options, and the panel's border
        available = self.size.height - 2  # below the header, above the footer
        rows = max(MIN_CASE_ROWS, available - needed)
        case.styles.max_height = rows
        overflows = case.virtual_size.height > rows - 2
        case.border_subtitle = "Tab, ↑↓: hela fallet" if overflows else ""
        case.can_focus = overflows

    def show_result(self) -> None:
        from samverkan_tui.tui.screens.exercise_result import ResultScreen

        result = grade(self.routine, self.exercise, dict(self.session.answers), self.moment)
        failure = self.run.record(result)  # first: the progress never waits on the step log
        self.session.finish(samverkan_app(self).now())
        self.app.switch_screen(ResultScreen(self.run, result))
        if failure:
            self.app.notify(failure, severity="warning", timeout=8)
