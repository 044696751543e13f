"""Övningsläge: grading a trainee's answers to a fictional case (the guided tour is core.tour).

Built on the same routine definitions and the same walk engine as a real walk, so
what a trainee learns is exactly what the app does in a case. No UI imports: the
CLI (``samverkan öva``) and the Textual training screens only present these records.

Grading (``grade``)
    The trainee's answers and the exercise's expected answers each give a plan
    (``core.walk.build_plan`` at the exercise's moment). Answer by answer, in the
    routine's question order:

    - ``rätt`` / ``fel``: the question was asked on the trainee's path and the
      exercise expects an answer to it;
    - ``ej ställd``: the exercise expects an answer, but the trainee never got the
      question because an earlier answer led elsewhere;
    - ``obesvarad``: the question was on the trainee's path but not answered yet;
    - ``extra``: the trainee's path asked a question the case never asks (it follows
      from an earlier wrong answer); it does not count for or against the score.

    Steps *missed* are in the expected plan but not in the trainee's; *needless*
    steps are in the trainee's plan but not in the expected one. ``Grade.plan_lines``
    is the correct plan next to the trainee's: every action of either plan in the
    routine's order, marked as in both, missed or needless, with its due date and whom
    to call for it at the case's moment.

Score (``Grade.score``, 0–100)
    Half for the answers, half for the plan:
    ``50 × förtjänade steg / avgjorda steg i någon av planerna``. Only what the answers
    decide counts in the plan half: an item without a condition is in every plan and
    would be "right" whatever the trainee answered, so it is left out (``decided``). A
    decided action is *earned* when both plans have it and every question of the case
    its condition asks about was answered right; the same action reached through a
    wrong answer earns nothing. The plan half is earned / decided actions of either plan
    (a Jaccard index when every shared action is earned), so missed and needless steps
    both cost points; when neither plan has a decided action, it follows the answer
    half. 100 means every answer right; every answer wrong gives 0 (the sweep in
    tests/test_training.py holds every shipped exercise to at most 10).

Contacts at the moment
    An exercise may say when it happens (``now``, e.g. Friday 16.40). The contacts
    of the expected plan are evaluated at that moment with ``core.hours``: which are
    closed, and whom to call instead. That is the "outside telefontider" lesson.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from samverkan_tui.core.routine.conditions import comparisons
from samverkan_tui.core.routine.model import Exercise, Option, Question, Routine, Step
from samverkan_tui.core.walk.plan import (
    Plan,
    PlannedStep,
    action_key,
    build_plan,
    check_answers,
    describe_condition,
)

if TYPE_CHECKING:
    from samverkan_tui.core.walk.hours import ContactStatus

RIGHT = "rätt"
WRONG = "fel"
NOT_ASKED = "ej ställd"
UNANSWERED = "obesvarad"
EXTRA = "extra"

GRADE_LABELS = {
    RIGHT: "Rätt",
    WRONG: "Fel",
    NOT_ASKED: "Ej ställd",
    UNANSWERED: "Obesvarad",
    EXTRA: "Ställs inte i fallet",
}


class ExerciseError(ValueError):
    """An unknown exercise id; the message is user-facing Swedish."""


def find_exercise(routine: Routine, exercise_id: str) -> Exercise:
    """The exercise with this id, or ``ExerciseError`` with a suggestion."""
    for exercise in routine.exercises:
        if exercise.id == exercise_id:
            return exercise
    if not routine.exercises:
        raise ExerciseError(f"rutinen {routine.id} har inga övningar")
    from samverkan_tui.core.base.problems import did_you_mean

    hint = did_you_mean(exercise_id, [e.id for e in routine.exercises])
    raise ExerciseError(f"okänd övning `{exercise_id}` i rutinen {routine.id}; {hint}")


def exercise_moment(exercise: Exercise, now: dt.datetime) -> dt.datetime:
    """When the case happens: the exercise's own moment, else ``now``."""
    return exercise.now or now


# -- grading ----------------------------------------------------------------------------


class AnswerGrade(NamedTuple):
    """One question of the case, graded."""

    question: Question
    status: str  # RIGHT, WRONG, NOT_ASKED, UNANSWERED or EXTRA
    given: Option | None  # the trainee's answer (None when not answered)
    expected: Option | None  # the expected answer (None for EXTRA)
    reason: str  # the exercise's one-line reason, or why the question is extra

    @property
    def correct(self) -> bool:
        return self.status == RIGHT

    @property
    def label(self) -> str:
        return GRADE_LABELS[self.status]


class ContactAtMoment(NamedTuple):
    """A contact of the expected plan at the moment the case happens."""

    status: ContactStatus
    steps: tuple[str, ...]  # ids of the expected steps that use the contact

    @property
    def closed(self) -> bool:
        return self.status.open_now is False


IN_BOTH = "i båda"
MISSED = "saknas"
NEEDLESS = "i onödan"

PLAN_LINE_LABELS = {
    IN_BOTH: "Finns i din plan",
    MISSED: "Saknas i din plan",
    NEEDLESS: "I onödan (inte i rätt plan)",
}


class PlanLine(NamedTuple):
    """One action of the correct plan next to the trainee's (or one only the trainee has)."""

    step: Step
    verdict: str  # IN_BOTH, MISSED or NEEDLESS
    due: str  # the due line at the case's moment ("Senast fredag 27 november 2026 (…)"), or ""
    calls: tuple[str, ...]  # whom to call for it at the case's moment ("Ring nu: …")

    @property
    def label(self) -> str:
        return PLAN_LINE_LABELS[self.verdict]


class Grade(NamedTuple):
    routine: Routine
    exercise: Exercise
    now: dt.datetime  # the moment of the case
    answers: tuple[AnswerGrade, ...]
    expected_plan: Plan
    given_plan: Plan
    missed: tuple[Step, ...]  # in the expected plan, not in the trainee's
    needless: tuple[Step, ...]  # in the trainee's plan, not in the expected one
    contacts: tuple[ContactAtMoment, ...]
    plan_lines: tuple[PlanLine, ...]  # the correct plan next to the trainee's, in order
    earned: frozenset[tuple[str, str]]  # decided actions in both plans, for the right answers

    @property
    def correct(self) -> int:
        return sum(1 for a in self.answers if a.correct)

    @property
    def expected_count(self) -> int:
        return len(self.exercise.answers)

    @property
    def shared_steps(self) -> int:
        """Decided actions in both plans, brought in by the right answers (``earned``)."""
        return len(self.earned)

    @property
    def shared_actions(self) -> int:
        """Actions of the correct plan that the trainee's plan has too (decided or not)."""
        return sum(1 for line in self.plan_lines if line.verdict == IN_BOTH)

    @property
    def decided_steps(self) -> int:
        """Decided actions in either plan: what the plan half is out of."""
        return len(_decided_keys(self.expected_plan) | _decided_keys(self.given_plan))

    @property
    def answer_ratio(self) -> float:
        return self.correct / self.expected_count if self.expected_count else 1.0

    @property
    def step_ratio(self) -> float:
        union = self.decided_steps
        return self.shared_steps / union if union else self.answer_ratio

    @property
    def score(self) -> int:
        """0–100: half for right answers, half for the overlap of the plans (module docstring)."""
        return round(50 * self.answer_ratio + 50 * self.step_ratio)

    @property
    def perfect(self) -> bool:
        return self.correct == self.expected_count and not self.missed and not self.needless

    @property
    def complete(self) -> bool:
        """The trainee answered every question their own path asked."""
        return self.given_plan.complete

    @property
    def closed_contacts(self) -> tuple[ContactAtMoment, ...]:
        return tuple(c for c in self.contacts if c.closed)


def grade(
    routine: Routine,
    exercise: Exercise,
    given_answers: Mapping[str, str],
    now: dt.datetime,
) -> Grade:
    """Compare the trainee's answers with the exercise's, answer by answer and step by step.

    ``now`` is used when the exercise gives no moment of its own. Raises
    ``core.walk.AnswerError`` for an unknown question or answer.
    """
    check_answers(routine, given_answers)
    moment = exercise_moment(exercise, now)
    expected = {a.question: a for a in exercise.answers}
    expected_plan = build_plan(routine, {q: a.answer for q, a in expected.items()}, moment)
    given_plan = build_plan(routine, given_answers, moment)
    on_path = {q.id for q in given_plan.unanswered}

    graded: list[AnswerGrade] = []
    for question in routine.questions:
        want = expected.get(question.id)
        want_option = question.option(want.answer) if want else None
        value = given_plan.answers.get(question.id)
        got = question.option(value) if value is not None else None
        if want is not None:
            if got is not None:
                status = RIGHT if got.value == want.answer else WRONG
            else:
                status = UNANSWERED if question.id in on_path else NOT_ASKED
            graded.append(AnswerGrade(question, status, got, want_option, want.reason))
        elif got is not None:
            graded.append(AnswerGrade(question, EXTRA, got, None, _extra_reason(routine, question)))

    # Actions are compared as actions, not as items: the same action in another branch
    # ("… gör en skyddsbedömning" / "… gör skyddsbedömning", same role) is the same thing
    # to do, so a trainee never sees one step as both missed and needless.
    expected_actions = {action_key(p.step) for p in expected_plan.actions}
    given_actions = {action_key(p.step) for p in given_plan.actions}
    missed = tuple(p.step for p in expected_plan.actions if action_key(p.step) not in given_actions)
    needless = tuple(p.step for p in given_plan.actions if action_key(p.step) not in expected_actions)
    return Grade(
        routine,
        exercise,
        moment,
        tuple(graded),
        expected_plan,
        given_plan,
        missed,
        needless,
        _contacts_at(expected_plan, moment),
        _plan_lines(expected_plan, given_plan, moment),
        _earned_actions(routine, expected_plan, given_plan, expected),
    )


def decided(planned: PlannedStep) -> bool:
    """The answers decide whether the item is in the plan: it has a condition. An item
    without one is in every plan, so it would be "right" whatever the trainee answered."""
    return planned.step.when is not None


def _decided_keys(plan: Plan) -> set[tuple[str, str]]:
    return {action_key(p.step) for p in plan.actions if decided(p)}


def _earned_actions(
    routine: Routine, expected_plan: Plan, given_plan: Plan, expected: Mapping[str, Any]
) -> frozenset[tuple[str, str]]:
    """The decided actions the trainee's plan has for the right reason: every question of
    the case that the item's condition asks about was answered as expected. An action that
    a wrong answer brings in by coincidence (the same meeting on another branch) earns
    nothing, so every answer wrong earns no step."""
    given_keys = _decided_keys(given_plan)
    earned = set()
    for planned in expected_plan.actions:
        key = action_key(planned.step)
        if not decided(planned) or key not in given_keys:
            continue
        assert planned.step.when is not None
        asked = {c.question for c in comparisons(planned.step.when) if c.question in expected}
        if all(given_plan.answers.get(q) == expected[q].answer for q in asked):
            earned.add(key)
    return frozenset(earned)


def _plan_lines(expected: Plan, given: Plan, moment: dt.datetime) -> tuple[PlanLine, ...]:
    """Every action of either plan in the routine's order: the correct plan, with the
    trainee's needless actions where the routine has them."""
    from samverkan_tui.core.walk.due_text import due_line
    from samverkan_tui.core.walk.hours_text import call_now_line

    expected_keys = {action_key(p.step) for p in expected.actions}
    given_keys = {action_key(p.step) for p in given.actions}
    order = {step.id: index for index, step in enumerate(expected.routine.steps)}
    entries: list[tuple[PlannedStep, str]] = [
        (p, IN_BOTH if action_key(p.step) in given_keys else MISSED) for p in expected.actions
    ]
    entries += [(p, NEEDLESS) for p in given.actions if action_key(p.step) not in expected_keys]
    entries.sort(key=lambda entry: order.get(entry[0].id, len(order)))
    return tuple(
        PlanLine(
            planned.step,
            verdict,
            due_line(planned),
            tuple(call_now_line(c, expected.routine, moment) for c in planned.contacts),
        )
        for planned, verdict in entries
    )


def _extra_reason(routine: Routine, question: Question) -> str:
    condition = describe_condition(routine, question.when)
    if condition:
        return (
            f"Frågan ställs bara om {condition}, och det gäller inte i fallet; "
            "den kom med på grund av ett tidigare svar."
        )
    return "Frågan ställs inte i fallet; den kom med på grund av ett tidigare svar."


def _contacts_at(plan: Plan, moment: dt.datetime) -> tuple[ContactAtMoment, ...]:
    # Lazy: hours pulls in the holiday table, which only grading with contacts needs.
    from samverkan_tui.core.walk.hours import contact_status

    used: dict[str, list[str]] = {}
    for planned in plan.steps:
        for linked in planned.contacts:
            used.setdefault(linked.id, []).append(planned.id)
    result = []
    for contact_id, steps in used.items():
        contact = plan.routine.contact(contact_id)
        if contact is not None:
            result.append(ContactAtMoment(contact_status(contact, plan.routine, moment), tuple(steps)))
    return tuple(result)


# -- summary across exercises -----------------------------------------------------------


class WeakQuestion(NamedTuple):
    routine_id: str
    question: Question
    missed: int  # times not answered as expected (wrong, not reached or unanswered)
    expected: int  # times an exercise expected an answer to it


class Summary(NamedTuple):
    grades: tuple[Grade, ...]

    @property
    def exercises(self) -> int:
        return len(self.grades)

    @property
    def correct(self) -> int:
        return sum(g.correct for g in self.grades)

    @property
    def expected(self) -> int:
        return sum(g.expected_count for g in self.grades)

    @property
    def missed_steps(self) -> int:
        return sum(len(g.missed) for g in self.grades)

    @property
    def needless_steps(self) -> int:
        return sum(len(g.needless) for g in self.grades)

    @property
    def perfect(self) -> int:
        return sum(1 for g in self.grades if g.perfect)

    @property
    def score(self) -> int:
        """The mean of the exercises' scores (0 with no exercises)."""
        return round(sum(g.score for g in self.grades) / len(self.grades)) if self.grades else 0

    @property
    def weak_questions(self) -> tuple[WeakQuestion, ...]:
        """Questions not answered as expected in some exercise, most often first."""
        counts: dict[tuple[str, str], list[Any]] = {}
        for g in self.grades:
            for answer in g.answers:
                if answer.expected is None:
                    continue
                entry = counts.setdefault((g.routine.id, answer.question.id), [answer.question, 0, 0])
                entry[2] += 1
                if not answer.correct:
                    entry[1] += 1
        weak = [
            WeakQuestion(rid, q, missed, total) for (rid, _), (q, missed, total) in counts.items() if missed
        ]
        weak.sort(key=lambda w: -w.missed)  # stable: ties keep the order they were met in
        return tuple(weak)


def summarize(grades: Iterable[Grade]) -> Summary:
    return Summary(tuple(grades))
