"""Övningsläge in the app: the sitting's state and the way in; the screens are modules of
their own.

Flow: ``exercise_list.ExerciseListScreen`` → ``exercise.ExerciseScreen`` (the case and
the routine's questions, answered with the walk's keys: j/y, n, digits) →
``exercise_result.ResultScreen`` (the graded exercise) → the next exercise … →
``training_summary.TrainingSummaryScreen``; from the list also ``tour.TourScreen``.
Grading is ``core.grading`` and the tour ``core.tour``; what the result and the tour
show is ``export.document``'s, as `samverkan öva` prints it. Each attempt is a walk in
the step log with mode övning, which the follow-up statistics never count.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from samverkan_tui.core.routine.model import Exercise, Routine
from samverkan_tui.core.training.grading import Grade, Summary, grade, summarize

if TYPE_CHECKING:
    from samverkan_tui.tui.app import SamverkanApp


def routine_name(routine: Routine) -> str:
    return routine.short_title or routine.title


def progress_key(result: Grade) -> str:
    return f"{result.routine.id}/{result.exercise.id}"


class TrainingRun:
    """One sitting: the exercises in order and the latest grade of each one done."""

    def __init__(
        self, routines: list[Routine], folder: Path | None = None, now: dt.datetime | None = None
    ) -> None:
        self.items: list[tuple[Routine, Exercise]] = [(r, e) for r in routines for e in r.exercises]
        self.grades: dict[tuple[str, str], Grade] = {}
        self.folder = folder  # where the progress is kept between sittings (None: not kept)
        if folder is not None and now is not None:
            self._restore(folder, now)

    def _restore(self, folder: Path, now: dt.datetime) -> None:
        from samverkan_tui.core.training.progress import load_progress
        from samverkan_tui.core.walk.plan import AnswerError

        stored = load_progress(folder)
        for routine, exercise in self.items:
            answers = stored.get(f"{routine.id}/{exercise.id}")
            if answers is None:
                continue
            try:
                self.grades[(routine.id, exercise.id)] = grade(routine, exercise, answers, now)
            except AnswerError:
                continue  # the routine changed since: that exercise counts as not done

    def record(self, result: Grade) -> str:
        """Keep the grade for the sitting and store the answers; "" when stored (or no
        folder), else why not in Swedish. Progress is a convenience: the exercise is
        graded and shown regardless, but the trainee is told it was not kept."""
        self.grades[(result.routine.id, result.exercise.id)] = result
        if self.folder is None:
            return ""
        from samverkan_tui.core.base.files import swedish_reason
        from samverkan_tui.core.training.progress import record_progress

        try:
            record_progress(self.folder, progress_key(result), dict(result.given_plan.answers))
        except OSError as error:
            return f"Övningen kunde inte sparas till nästa gång: {swedish_reason(error)}"
        return ""

    def grade_of(self, routine: Routine, exercise: Exercise) -> Grade | None:
        return self.grades.get((routine.id, exercise.id))

    def next_after(self, routine: Routine, exercise: Exercise) -> tuple[Routine, Exercise] | None:
        """The next exercise in the list, else the first one not done yet, else None."""
        keys = [(r.id, e.id) for r, e in self.items]
        here = keys.index((routine.id, exercise.id))
        index: int
        for index in [*range(here + 1, len(keys)), *range(here)]:
            if keys[index] not in self.grades:
                return self.items[index]
        return None

    def summary(self) -> Summary:
        return summarize(self.grades.values())


def open_training(app: SamverkanApp, routine_id: str | None = None, focus: str | None = None) -> None:
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
    from samverkan_tui.tui.screens.exercise_list import ExerciseListScreen

    folder: Path | None
    try:
        folder = data_dir(app.config)
    except Exception:  # a bad data folder: train all the same, without keeping progress
        folder = None
    app.push_screen(ExerciseListScreen(TrainingRun(routines, folder, app.now()), focus))
