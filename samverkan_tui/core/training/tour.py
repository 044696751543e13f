"""Övningsläge: the guided tour through every branch of a routine, for onboarding sessions.

Every question in file order with its condition in plain Swedish and its help, and for
each answer the steps that this answer brings into the plan and the questions it leads
to. "Brings into the plan" is decided exactly: over every walk the routine allows
(``core.walk.walk_nodes``, the one all-paths walk), a step is brought in by the answer
after which its condition first holds (the plan without that answer lacks the step, the
plan with it has it). Conditions use three-valued logic, which only ever decides more
as answers are added, so a step never leaves a plan once in it.

No UI imports: the CLI (``samverkan öva --rundtur``) and the app's tour screen print it
through ``export.document.document_for_tour``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from samverkan_tui.core.routine.conditions import comparisons, holds
from samverkan_tui.core.routine.model import Option, Question, Routine, Step
from samverkan_tui.core.walk.plan import describe_condition, walk_nodes


class TourStep(NamedTuple):
    step: Step
    condition: str  # "Om …:" in plain Swedish; "" for a step that is always in the plan


class TourBranch(NamedTuple):
    option: Option
    steps: tuple[TourStep, ...]  # steps this answer brings into the plan
    leads_to: tuple[Question, ...]  # questions this answer makes the walk ask


class TourStop(NamedTuple):
    """One stop of the tour: a question and its branches, or (question None) the start."""

    question: Question | None
    asked_when: str  # the question's condition in plain Swedish; "" if always asked
    help: str
    branches: tuple[TourBranch, ...] = ()
    always: tuple[TourStep, ...] = ()  # the start stop: steps in every plan


def by_condition(steps: Iterable[TourStep]) -> list[tuple[str, list[TourStep]]]:
    """Runs of steps with the same condition, so that a printout reads each condition once."""
    groups: list[tuple[str, list[TourStep]]] = []
    for step in steps:
        if groups and groups[-1][0] == step.condition:
            groups[-1][1].append(step)
        else:
            groups.append((step.condition, [step]))
    return groups


def guided_tour(routine: Routine) -> list[TourStop]:
    """Every branch of the routine in turn (see the module docstring)."""
    steps_by, questions_by = branch_effects(routine)

    def tour_step(step: Step) -> TourStep:
        condition = describe_condition(routine, step.when)
        return TourStep(step, f"Om {condition}:" if condition else "")

    stops: list[TourStop] = []
    # Reference text is never in a plan, so no answer brings it in (it is read in the whole routine).
    always = tuple(tour_step(s) for s in routine.steps if not s.reference and holds(s.when, {}) is True)
    if always:
        stops.append(TourStop(None, "", "", always=always))
    for question in routine.questions:
        branches = []
        for option in question.options:
            key = (question.id, option.value)
            brought = steps_by.get(key, set())
            leads = questions_by.get(key, set())
            branches.append(
                TourBranch(
                    option,
                    tuple(tour_step(s) for s in routine.steps if s.id in brought),
                    tuple(q for q in routine.questions if q.id in leads),
                )
            )
        stops.append(
            TourStop(question, describe_condition(routine, question.when), question.help, tuple(branches))
        )
    return stops


Effects = dict[tuple[str, str], set[str]]


def branch_effects(routine: Routine) -> tuple[Effects, Effects]:
    """For each (question, answer): the ids of the steps and of the questions it brings in,
    over every walk.

    Each node of the all-paths walk with a question to ask branches on its options. Only
    a condition that mentions the question just answered can change value, so only those
    are evaluated, before and after the answer: a condition decided true stays true as
    answers are added, so "not true before, true after" is exactly "brought in here".
    """
    steps_for: dict[str, list[Step]] = {}
    for step in routine.steps:
        if step.when is not None and not step.reference:
            for question_id in {c.question for c in comparisons(step.when)}:
                steps_for.setdefault(question_id, []).append(step)
    questions_for: dict[str, list[Question]] = {}
    for conditional in routine.questions:
        if conditional.when is not None:
            for question_id in {c.question for c in comparisons(conditional.when)}:
                questions_for.setdefault(question_id, []).append(conditional)

    brings: Effects = {}
    opens: Effects = {}
    for answers, question in walk_nodes(routine):
        if question is None:
            continue
        steps = [s for s in steps_for.get(question.id, ()) if holds(s.when, answers) is not True]
        questions = [q for q in questions_for.get(question.id, ()) if holds(q.when, answers) is not True]
        for option in question.options:
            child = {**answers, question.id: option.value}
            key = (question.id, option.value)
            brings.setdefault(key, set()).update(s.id for s in steps if holds(s.when, child) is True)
            opens.setdefault(key, set()).update(q.id for q in questions if holds(q.when, child) is True)
    return brings, opens
