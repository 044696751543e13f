"""The walk engine: answers in, next question and plan out. This is where a step is decided.

Pure functions over an immutable ``Routine``. The TUI, the CLI, the exports and
the training mode all call ``build_plan``; the same answers always give the
same plan, whichever front end asked.

Rules:
- Questions are asked in file order. A question is *relevant* when its
  condition holds on the answers to the relevant questions before it.
- Answers to questions that are no longer relevant are kept by the caller but
  ignored here, so changing an earlier answer recomputes everything and a
  later answer comes back into force if its question becomes relevant again.
- A step is in the plan when its condition is ``True``; undecided (a question
  not yet answered) keeps it out until the deciding answer is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from samverkan_tui.core.conditions import Condition, describe, holds
from samverkan_tui.core.deadlines import due_date
from samverkan_tui.core.model import Contact, Phase, Question, Role, Routine, Step
from samverkan_tui.core.problems import did_you_mean


class AnswerError(ValueError):
    """An answer that names an unknown question or value; the message is user-facing Swedish."""


class PlannedStep(NamedTuple):
    step: Step
    due: dt.date | None
    contacts: tuple[Contact, ...]

    @property
    def id(self) -> str:
        return self.step.id


class PlanGroup(NamedTuple):
    phase: Phase
    role: Role
    steps: tuple[PlannedStep, ...]


class Plan(NamedTuple):
    routine: Routine
    answers: dict[str, str]  # effective answers: only relevant questions
    now: dt.datetime
    steps: tuple[PlannedStep, ...]
    groups: tuple[PlanGroup, ...]
    asked: tuple[Question, ...]  # relevant questions that have been answered, in order
    unanswered: tuple[Question, ...]  # relevant questions still open, in order

    @property
    def next_question(self) -> Question | None:
        return self.unanswered[0] if self.unanswered else None

    @property
    def complete(self) -> bool:
        return not self.unanswered

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """Every contact the plan's steps need, plus their fallbacks, once each, in order."""
        seen: dict[str, Contact] = {}
        for planned in self.steps:
            for contact in planned.contacts:
                seen.setdefault(contact.id, contact)
                fallback = self.routine.contact(contact.fallback) if contact.fallback else None
                if fallback is not None:
                    seen.setdefault(fallback.id, fallback)
        return tuple(seen.values())


def effective_answers(routine: Routine, answers: Mapping[str, str]) -> dict[str, str]:
    """Keep only the answers of questions that are relevant given the answers before them."""
    effective: dict[str, str] = {}
    for question in routine.questions:
        if question.id in answers and holds(question.when, effective) is True:
            effective[question.id] = answers[question.id]
    return effective


def relevant_questions(routine: Routine, answers: Mapping[str, str]) -> list[Question]:
    effective = effective_answers(routine, answers)
    return [q for q in routine.questions if holds(q.when, effective) is True]


def next_question(routine: Routine, answers: Mapping[str, str]) -> Question | None:
    effective = effective_answers(routine, answers)
    for question in routine.questions:
        if question.id not in effective and holds(question.when, effective) is True:
            return question
    return None


def build_plan(
    routine: Routine,
    answers: Mapping[str, str],
    now: dt.datetime,
    first_role: str | None = None,
) -> Plan:
    """The plan for these answers at this moment. ``first_role`` puts the user's role first."""
    effective = effective_answers(routine, answers)
    asked = tuple(q for q in routine.questions if q.id in effective)
    unanswered = tuple(
        q for q in routine.questions
        if q.id not in effective and holds(q.when, effective) is True
    )
    today = now.date()
    planned = tuple(
        PlannedStep(
            step,
            due_date(step.deadline, today) if step.deadline else None,
            tuple(c for c in (routine.contact(cid) for cid in step.contacts) if c is not None),
        )
        for step in routine.steps
        if holds(step.when, effective) is True
    )
    return Plan(
        routine, effective, now, planned,
        _group(routine, planned, first_role), asked, unanswered,
    )


def _group(
    routine: Routine, planned: tuple[PlannedStep, ...], first_role: str | None
) -> tuple[PlanGroup, ...]:
    role_order = [r.id for r in routine.roles]
    if first_role in role_order:
        role_order.remove(first_role)
        role_order.insert(0, first_role)
    groups = []
    for phase in routine.phases:
        for role_id in role_order:
            steps = tuple(
                p for p in planned if p.step.phase == phase.id and p.step.role == role_id
            )
            role = routine.role(role_id)
            if steps and role is not None:
                groups.append(PlanGroup(phase, role, steps))
    return tuple(groups)


def check_answers(routine: Routine, answers: Mapping[str, str]) -> None:
    """Raise ``AnswerError`` for an unknown question or answer, with a suggestion."""
    for question_id, value in answers.items():
        question = routine.question(question_id)
        if question is None:
            hint = did_you_mean(question_id, [q.id for q in routine.questions])
            raise AnswerError(f"okänd fråga `{question_id}` i rutinen {routine.id}; {hint}")
        if question.option(value) is None:
            hint = did_you_mean(value, question.values)
            raise AnswerError(f"okänt svar `{value}` på frågan `{question_id}`; {hint}")


def enumerate_paths(routine: Routine) -> Iterator[dict[str, str]]:
    """Every complete set of answers a walk can end with (depth-first, file order)."""
    stack: list[dict[str, str]] = [{}]
    while stack:
        answers = stack.pop()
        question = next_question(routine, answers)
        if question is None:
            yield answers
            continue
        for option in reversed(question.options):
            stack.append({**answers, question.id: option.value})


def phrase_for(routine: Routine, question_id: str, value: str) -> str:
    """How "question = value" reads in a sentence."""
    question = routine.question(question_id)
    if question is None:
        return f"{question_id} = {value}"
    option = question.option(value)
    if option is None:
        return f"{question.text} {value}"
    if option.phrase:
        return option.phrase
    return f"svaret på ”{question.text.rstrip('?')}” är {option.label.lower()}"


def describe_condition(routine: Routine, condition: Condition | None) -> str:
    """The condition in plain Swedish; empty when there is none."""
    if condition is None:
        return ""
    return describe(condition, lambda q, v: phrase_for(routine, q, v))
