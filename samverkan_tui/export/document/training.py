"""Training printouts: a graded exercise and the guided tour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from samverkan_tui.core.routine.model import ACTION, ITEM_KIND_LABELS, Routine, Step
from samverkan_tui.core.routine.references import item_references, reference_prefix
from samverkan_tui.core.training.grading import (
    EXTRA,
    IN_BOTH,
    MISSED,
    NEEDLESS,
    NOT_ASKED,
    RIGHT,
    UNANSWERED,
    WRONG,
)
from samverkan_tui.core.walk.hours_text import status_summary
from samverkan_tui.export.document.common import _footer, _local, when_text
from samverkan_tui.export.document.model import (
    KIND_EXERCISE,
    KIND_TOUR,
    Block,
    Document,
    Item,
    RemarkEntry,
    Section,
)

if TYPE_CHECKING:
    from samverkan_tui.core.training.grading import Grade
    from samverkan_tui.core.training.tour import TourStop


# How an answer's grade reads, in every format and in the app (core.grading's statuses).
ANSWER_MARKS = {RIGHT: "✓", WRONG: "✗", NOT_ASKED: "–", UNANSWERED: "?", EXTRA: "+"}
PLAN_MARKS = {IN_BOTH: "✓", MISSED: "✗", NEEDLESS: "!"}  # the correct plan next to the trainee's
PLAN_TITLE = "Rätt plan för fallet, bredvid din"
SCORE_LABEL = "Poäng"
CLOSED_MARK = "⚠"  # a contact that does not answer at the case's moment
OPEN_MARK = "☎"
PERFECT_PLAN = "Planen blir precis som rutinen säger för fallet."
INCOMPLETE_NOTICE = "Alla frågor är inte besvarade; obesvarade frågor räknas som fel."
ALWAYS_TITLE = "Steg som alltid ingår i planen"


def _training_footer(routine: Routine, what: str) -> str:
    return f"{routine.id} · version {routine.version} · {what}"


def _named(routine: Routine) -> str:
    return f"{routine.short_title or routine.title} [{routine.id}]"


def score_text(result: Grade) -> str:
    """``58 av 100 (1 av 2 svar rätt, 2 av 3 steg som svaren avgör rätt)``: the plan
    half counts only the steps the answers decide (core.training.grading)."""
    return (
        f"{result.score} av 100 ({result.correct} av {result.expected_count} svar rätt, "
        f"{result.shared_steps} av {result.decided_steps} steg som svaren avgör rätt)"
    )


def _step_entry(step: Step, routine: Routine, refs: Mapping[str, str], where: bool = False) -> Item:
    """A step as the training printouts list it: its reference, text and (``where``) its
    role and phase; never a box, nothing to tick."""
    text = step.text
    role = routine.role(step.role)
    if where:
        place = " · ".join(x.name for x in (role, routine.phase(step.phase)) if x is not None)
        text = f"{text} ({place})" if place else text
    return Item(
        number=0,
        step_id=step.id,
        text=text,
        checkable=False,
        kind_label="" if step.kind == ACTION else ITEM_KIND_LABELS.get(step.kind, ""),
        role=role.name if role else step.role,
        reference=refs.get(step.id, ""),
    )


def document_for_grade(result: Grade) -> Document:
    """A graded exercise (core.grading.Grade): the score, answer by answer with the
    exercise's reasons, the steps missed and done in vain, and the expected plan's
    contacts at the case's moment. `samverkan öva --svar` prints it and the app's result
    screen shows it, so the two cannot disagree."""
    routine, exercise = result.routine, result.exercise
    refs = item_references(routine)
    answers = []
    for answer in result.answers:
        notes = []
        if answer.given is not None:
            notes.append(f"Ditt svar: {answer.given.label}")
        if answer.expected is not None and answer.status != RIGHT:
            notes.append(f"Rätt svar: {answer.expected.label}")
        notes.append(f"Varför: {answer.reason}")
        answers.append(
            Item(
                number=0,
                step_id=answer.question.id,
                text=answer.question.text,
                checkable=False,
                kind_label=answer.label,
                notes=tuple(notes),
                mark=ANSWER_MARKS[answer.status],
            )
        )
    sections = [Section("Svar för svar", (Block("", tuple(answers)),))]
    lines = tuple(
        replace(
            _step_entry(line.step, routine, refs, where=True),
            mark=PLAN_MARKS[line.verdict],
            kind_label="" if line.verdict == IN_BOTH else line.label,
            notes=tuple(n for n in (line.due, *line.calls) if n),
        )
        for line in result.plan_lines
    )
    perfect = not result.missed and not result.needless
    legend = f"✓ finns i din plan ({result.shared_actions}) · ✗ saknas i din ({len(result.missed)}) · "
    legend += f"! i onödan, bara i din ({len(result.needless)})"
    sections.append(Section(PLAN_TITLE, (Block("", lines),), text=PERFECT_PLAN if perfect else legend))
    timed = [c for c in result.contacts if c.status.open_now is not None]
    if timed:
        contacts = tuple(
            Item(
                number=0,
                step_id=c.status.contact.id,
                text=f"{c.status.contact.name}: {status_summary(c.status)}",
                checkable=False,
                mark=CLOSED_MARK if c.closed else OPEN_MARK,
            )
            for c in timed
        )
        sections.append(Section(f"Kontakter {when_text(result.now)}", (Block("", contacts),)))
    return Document(
        kind=KIND_EXERCISE,
        title=exercise.title,
        short_title=exercise.title,
        subtitle="Resultat av en övning på ett påhittat fall",
        routine_id=routine.id,
        version=routine.version,
        meta=(),
        facts=(
            ("Rutin", _named(routine)),
            ("Övning", exercise.id),
            ("Tidpunkt", when_text(result.now)),
            (SCORE_LABEL, score_text(result)),
        ),
        remarks=() if result.complete else (RemarkEntry("OBS", INCOMPLETE_NOTICE),),
        footer=_training_footer(routine, f"övning {exercise.id} (påhittat fall)"),
        questions_title="",
        questions=(),
        unanswered=(),
        sections=tuple(sections),
        general_rules=(),
        contacts=(),
        empty_text="Övningen har inga frågor.",
        moment=result.now,
        signatures=False,
        reference_prefix=reference_prefix(routine),
    )


def tour_stop_sections(routine: Routine, stops: Sequence[TourStop], index: int) -> tuple[Section, ...]:
    """One stop of the guided tour as printed: the steps always in the plan, or a question
    (its number, when it is asked, its help) with a section per answer listing the steps
    that answer brings in under their conditions and the questions it leads to."""
    refs = item_references(routine)
    stop = stops[index]
    if stop.question is None:
        items = tuple(_step_entry(s.step, routine, refs) for s in stop.always)
        return (Section(ALWAYS_TITLE, (Block("", items),), text="Oavsett hur frågorna besvaras."),)
    from samverkan_tui.core.training.tour import by_condition

    number = sum(1 for s in stops[: index + 1] if s.question is not None)
    sections = [
        Section(
            f"Fråga {number}: {stop.question.text}",
            (),
            condition=f"Ställs bara om {stop.asked_when}." if stop.asked_when else "Ställs alltid.",
            text=stop.help,
        )
    ]
    for branch in stop.branches:
        blocks = tuple(
            Block(condition, tuple(_step_entry(s.step, routine, refs) for s in steps))
            for condition, steps in by_condition(branch.steps)
        )
        sections.append(
            Section(
                f"Svar: {branch.option.label}",
                blocks,
                level=2,
                condition=("Leder till: " + "; ".join(q.text for q in branch.leads_to))
                if branch.leads_to
                else "",
                text="" if branch.steps else "Tar inte med några nya steg.",
            )
        )
    return tuple(sections)


def document_for_tour(routine: Routine, stops: Sequence[TourStop], now: dt.datetime) -> Document:
    """The guided tour (core.tour.guided_tour), every stop in turn: `samverkan öva --rundtur`
    prints it and the app's tour screen shows it a stop at a time (``tour_stop_sections``)."""
    sections = tuple(s for index in range(len(stops)) for s in tour_stop_sections(routine, stops, index))
    return Document(
        kind=KIND_TOUR,
        title=f"Rundtur: {routine.short_title or routine.title}",
        short_title=routine.short_title or routine.title,
        subtitle="Varje fråga, varje svar och stegen det tar med i planen",
        routine_id=routine.id,
        version=routine.version,
        meta=(),
        facts=(("Rutin", _named(routine)), ("Utskriven", when_text(now))),
        remarks=(),
        footer=_footer(routine, _local(now).date()),
        questions_title="",
        questions=(),
        unanswered=(),
        sections=sections,
        general_rules=(),
        contacts=(),
        empty_text="Rutinen har inga frågor och inga punkter.",
        moment=now,
        signatures=False,
        reference_prefix=reference_prefix(routine),
    )
