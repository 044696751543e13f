"""The whole routine (every branch, in the source's order) and the questions a walk may ask."""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core.routine.deadline_phrases import routine_deadline_line
from samverkan_tui.core.routine.model import Routine, Step
from samverkan_tui.core.routine.references import item_references, section_numbers
from samverkan_tui.core.walk.plan import describe_condition, states_condition
from samverkan_tui.export.document.common import _base, _contacts, _item, when_text
from samverkan_tui.export.document.model import (
    KIND_QUESTIONS,
    KIND_ROUTINE,
    UNCONDITIONAL_HEADING,
    Block,
    Document,
    QuestionEntry,
    Section,
)
from samverkan_tui.export.document.numbering import heading_number, unstacked


def document_for_routine(routine: Routine, now: dt.datetime) -> Document:
    """Every item of the routine in the source's order, each section under its condition."""
    from samverkan_tui.core.walk.plan import section_runs

    sections = []
    number = 0
    phase = None
    refs = item_references(routine)
    numbers = section_numbers(routine)
    for section, depth, steps, continued in section_runs(routine, routine.steps):
        phase_id = section.phase if section else ""
        # A phase heading opens a top-level section only: where a source's heading has
        # phases inside it (RVT–BoU's entries), its own headings name them, and a phase
        # heading there would break the heading order.
        if phase_id != phase and depth == 0 and routine.phase(phase_id) is not None:
            phase = phase_id
            sections.append(Section(routine.phase(phase_id).name, (), level=0))  # type: ignore[union-attr]
        blocks: list[Block] = []
        conditional = False
        for step in steps:
            if step.checkable:
                number += 1
            heading = item_condition(routine, step)
            conditional = conditional or bool(heading) or step.own_when is not None
            # After a conditional block, the items that hold whatever the answers say so:
            # without it they would read as part of the condition above them.
            if not heading and step.own_when is None and conditional:
                heading = UNCONDITIONAL_HEADING
            deadline = routine_deadline_line(routine, step)
            legal = routine_deadline_line(routine, step, legal=True)
            item = _item(number, step, routine, deadline, legal=legal, reference=refs[step.id])
            if blocks and blocks[-1].condition == heading:
                blocks[-1] = Block(heading, (*blocks[-1].items, item))
            else:
                blocks.append(Block(heading, (item,)))
        if section is None:
            sections.append(Section("", tuple(blocks)))
            continue
        sections.append(
            Section(
                "" if continued else section.title,
                tuple(blocks),
                level=depth + 1,
                condition="" if continued else section_condition(routine, section),
                text="" if continued else section.text,
                number="" if continued else heading_number(section, numbers, depth),
            )
        )
    questions = tuple(
        QuestionEntry(
            q.text,
            options=tuple(o.label for o in q.options),
            condition=_asked_when(routine, q.when),
            help=q.help,
        )
        for q in routine.questions
    )
    return Document(
        kind=KIND_ROUTINE,
        subtitle="Hela rutinen med alla grenar",
        facts=(("Utskriven", when_text(now)),),
        questions_title="Frågor som avgör vilka punkter som gäller",
        questions=questions,
        unanswered=(),
        sections=unstacked(sections),
        contacts=_contacts(routine.contacts, routine),
        empty_text="Rutinen har inga punkter.",
        **_base(routine, now),
    )


def section_condition(routine: Routine, section: object) -> str:
    """A section's condition as its heading line: ``Om situationen är akut:``."""
    when_text_ = getattr(section, "when_text", "")
    heading = (
        _as_heading(when_text_) if when_text_ else condition_heading(routine, getattr(section, "when", None))
    )
    # "… – om situationen är akut?" needs no "Om situationen är akut:" under it.
    said = heading.rstrip(":?").lower().removeprefix("om ").strip()
    if said and said in getattr(section, "title", "").lower():
        return ""
    return heading


def item_condition(routine: Routine, step: Step) -> str:
    """What an item adds to its section's condition, or "" when its text already says it."""
    if step.when_text:
        return _as_heading(step.when_text)
    if step.own_when is None or states_condition(step.text):
        return ""
    return condition_heading(routine, step.own_when)


def _as_heading(text: str) -> str:
    text = text.strip().rstrip(":")
    return text if text.endswith("?") else text + ":"


def condition_heading(routine: Routine, condition: object) -> str:
    """``Om situationen är akut:``; empty when there is no condition."""
    text = describe_condition(routine, condition)  # type: ignore[arg-type]
    return f"Om {text}:" if text else ""


def _asked_when(routine: Routine, condition: object) -> str:
    text = describe_condition(routine, condition)  # type: ignore[arg-type]
    return f"Ställs bara om {text}." if text else ""


def document_for_questions(routine: Routine, now: dt.datetime) -> Document:
    """`visa ID` without answers: the routine's header and the questions a walk may ask,
    each with the id and the values ``--svar FRÅGA=SVAR`` takes."""
    base = _base(routine, now)
    questions = tuple(
        QuestionEntry(
            q.text,
            options=tuple(o.label for o in q.options),
            condition=_asked_when(routine, q.when),
            help=q.help,
            key=q.id,
            values=tuple(o.value for o in q.options),
        )
        for q in routine.questions
    )
    return Document(
        kind=KIND_QUESTIONS,
        subtitle="Frågor (ange svar med --svar FRÅGA=SVAR)",
        questions_title="Frågor",
        questions=questions,
        **{**base, "general_rules": ()},
    )
