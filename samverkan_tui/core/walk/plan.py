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
- A step is in the plan when its condition (its sections' and its own) is
  ``True``; undecided (a question not yet answered) keeps it out until the
  deciding answer is given.
- The plan keeps the routine's order: sections in file order, items in file
  order within them. The role is a label on each item, never a sort key: in an
  acute case the order is the instruction.
- A deadline counts from its moment ("anmälan kom in"): the caller gives the
  moments it knows; any other counts from ``now`` (in the app, the walk's start).
  Where the law overrides the routine, the law's date is the due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from samverkan_tui.core.base.problems import did_you_mean
from samverkan_tui.core.routine.conditions import Condition, describe, holds
from samverkan_tui.core.routine.deadline_phrases import due_date
from samverkan_tui.core.routine.model import Contact, Moment, Phase, Question, Routine, Section, Step


class AnswerError(ValueError):
    """An answer that names an unknown question or value; the message is user-facing Swedish."""


class PlannedStep(NamedTuple):
    step: Step
    due: dt.date | None  # the date that binds: the law's where it overrides the routine
    contacts: tuple[Contact, ...]
    due_from: Moment | None = None  # what the routine's deadline counts from
    legal_due: dt.date | None = None  # the law's date, where the law overrides
    routine_due: dt.date | None = None  # the routine's own date (never shown as due when
    # the law overrides it)
    legal_from: Moment | None = None

    @property
    def id(self) -> str:
        return self.step.id

    @property
    def checkable(self) -> bool:
        return self.step.checkable


class PlanSection(NamedTuple):
    """A run of one section's items in the plan, under the section's heading."""

    section: Section | None  # None for items of a file without sections
    phase: Phase | None
    depth: int  # 0 for a top-level heading, 1 for a list under it …
    steps: tuple[PlannedStep, ...]
    continued: bool = False  # the heading was given above: the items follow on under it


class Plan(NamedTuple):
    routine: Routine
    answers: dict[str, str]  # effective answers: only relevant questions
    now: dt.datetime
    steps: tuple[PlannedStep, ...]  # in the routine's order
    sections: tuple[PlanSection, ...]  # the same items under their headings, in order
    asked: tuple[Question, ...]  # relevant questions that have been answered, in order
    unanswered: tuple[Question, ...]  # relevant questions still open, in order
    moments: dict[str, dt.datetime] = {}  # noqa: RUF012 - never mutated; set by build_plan

    @property
    def actions(self) -> tuple[PlannedStep, ...]:
        """The items to tick, in order (information is shown, not ticked)."""
        return tuple(p for p in self.steps if p.checkable)

    def moment_time(self, moment_id: str) -> dt.datetime:
        return self.moments.get(moment_id, self.now)

    @property
    def moments_needed(self) -> tuple[Moment, ...]:
        """The moments the plan's deadlines count from, once each, in the routine's order."""
        used = {m.id for p in self.steps for m in (p.due_from, p.legal_from) if m is not None}
        return tuple(m for m in self.routine.moments if m.id in used)

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
    moments: Mapping[str, dt.datetime] | None = None,
) -> Plan:
    """The plan for these answers at this moment; ``moments`` give what deadlines count from."""
    effective = effective_answers(routine, answers)
    asked = tuple(q for q in routine.questions if q.id in effective)
    unanswered = tuple(
        q for q in routine.questions if q.id not in effective and holds(q.when, effective) is True
    )
    known = dict(moments or {})
    planned = tuple(
        _planned(routine, step, known, now)
        for step in routine.steps
        if not step.reference and holds(step.when, effective) is True  # reference: whole routine only
    )
    return Plan(
        routine,
        effective,
        now,
        planned,
        _sections(routine, planned),
        asked,
        unanswered,
        known,
    )


def _planned(
    routine: Routine, step: Step, moments: Mapping[str, dt.datetime], now: dt.datetime
) -> PlannedStep:
    contacts = tuple(c for c in (routine.contact(cid) for cid in step.contacts) if c is not None)
    due_from = routine.moment(step.deadline_from) if step.deadline_from else None
    routine_due = None
    if step.deadline is not None:
        start = moments.get(step.deadline_from, now) if step.deadline_from else now
        routine_due = due_date(step.deadline, start.date())
    legal_due = legal_from = None
    if step.legal is not None:
        legal_from = routine.moment(step.legal.moment)
        legal_due = due_date(step.legal.deadline, moments.get(step.legal.moment, now).date())
    due = legal_due if legal_due is not None else routine_due
    return PlannedStep(step, due, contacts, due_from, legal_due, routine_due, legal_from)


def _sections(routine: Routine, planned: tuple[PlannedStep, ...]) -> tuple[PlanSection, ...]:
    return tuple(
        PlanSection(
            section, routine.phase(section.phase) if section else None, depth, tuple(items), continued
        )
        for section, depth, items, continued in section_runs(routine, planned)
    )


_Run = tuple[Section | None, int, list[Any], bool]


def section_runs(routine: Routine, items: Iterable[Any]) -> list[_Run]:
    """Items (steps, or anything with a ``.step``) under their headings, in file order.

    Each run is (section, depth, items, continued). A heading is given once, with the
    headings that enclose it first; a run that goes back to an enclosing section after a
    list nested in it (a lead-in such as "Anmälan bör innehålla:" in the middle of a
    section) is ``continued``: its items follow on under the heading already given.
    """
    if not routine.sections:
        items = list(items)
        return [(None, 0, items, False)] if items else []
    runs: list[_Run] = []
    open_path: list[Section] = []
    shown: set[str] = set()
    for item in items:
        step = getattr(item, "step", item)
        path = list(routine.section_path(step.section))
        if not path:  # no (known) section, as a format-1 file may leave: printed all the same
            if runs and runs[-1][0] is None:
                runs[-1][2].append(item)
            else:
                runs.append((None, 0, [item], False))
            open_path = []
            continue
        if open_path == path and runs:
            runs[-1][2].append(item)
            continue
        common = 0
        while common < min(len(open_path), len(path)) and open_path[common] == path[common]:
            common += 1
        for depth in range(common, len(path)):
            section = path[depth]
            continued = section.id in shown
            shown.add(section.id)
            runs.append((section, depth, [], continued))
        if common == len(path):  # back to an enclosing section after a nested list
            runs.append((path[-1], len(path) - 1, [], True))
        runs[-1][2].append(item)
        open_path = path
    return runs


def states_condition(text: str) -> bool:
    """True when an item's own text already says when it applies ("Om …", "Vid …"):
    printouts then add no condition line of their own."""
    return text.startswith(("Om ", "Vid ", "När ", "Ifall ", "Om\u00a0"))


_FILLER = frozenset({"en", "ett"})


def action_key(step: Step) -> tuple[str, str]:
    """What makes two items the same action in different branches: the role and the text,
    compared without case, punctuation and the indefinite article ("gör en skyddsbedömning"
    and "gör skyddsbedömning" are one action)."""
    words = "".join(c if c.isalnum() else " " for c in step.text.casefold()).split()
    return step.role, " ".join(w for w in words if w not in _FILLER)


def shows_role(step: Step, role: str) -> bool:
    """ "Mina steg": the role's own items and those the units do together."""
    return step.role == role or step.role.startswith("gemensam")


def only_role(plan: Plan, role: str) -> Plan:
    """The plan filtered to one role's items, order unchanged (a filter, never a sort)."""
    steps = tuple(p for p in plan.steps if shows_role(p.step, role))
    return plan._replace(steps=steps, sections=_sections(plan.routine, steps))


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


class WalkNode(NamedTuple):
    """A point a walk can reach: the answers so far and the question it asks next."""

    answers: dict[str, str]  # the relevant questions' answers, in file order
    question: Question | None  # None: the walk is complete here


def walk_nodes(routine: Routine, answers: Mapping[str, str] | None = None) -> Iterator[WalkNode]:
    """Every point every walk from ``answers`` can reach, depth-first in file order.

    The one all-paths walk: the path check, the guided tour and the question counter
    go through it. It branches only on the question the walk asks next, so it visits
    the walks a user can make, not the Cartesian product of all answers; a node's
    children are its question's options in file order. Lazy, so a caller can stop early.
    """
    stack: list[dict[str, str]] = [effective_answers(routine, answers or {})]
    while stack:
        current = stack.pop()
        question = next_question(routine, current)
        yield WalkNode(current, question)
        if question is not None:
            for option in reversed(question.options):
                stack.append({**current, question.id: option.value})


def enumerate_paths(routine: Routine) -> Iterator[dict[str, str]]:
    """Every complete set of answers a walk can end with (depth-first, file order)."""
    return (node.answers for node in walk_nodes(routine) if node.question is None)


def question_count(routine: Routine, answers: Mapping[str, str], limit: int = 4096) -> int | None:
    """How many questions this walk will ask in all, once that no longer depends on the
    answers still to come; None while it does (or when too many paths remain to tell)."""
    lengths: set[int] = set()
    for seen, node in enumerate(walk_nodes(routine, answers), start=1):
        if seen > limit:
            return None
        if node.question is None:
            lengths.add(len(node.answers))
            if len(lengths) > 1:
                return None
    return lengths.pop() if len(lengths) == 1 else None


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
