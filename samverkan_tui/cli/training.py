"""`samverkan öva`: the training mode. Opens the app, or grades and prints for scripting.

    samverkan öva [ID]                                    the app's training screens
    samverkan öva [ID] --lista                            the exercises
    samverkan öva ID --övning EX (-e EX)                  the case and the questions
    samverkan öva ID --övning EX --svar FRÅGA=SVAR …      the grade
    samverkan öva ID --rundtur [--format text|md|json]    the guided tour

Textual is imported only when the app is started.
"""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import (
    STATE,
    AnswersOption,
    NowOption,
    ShowFormat,
    complete_routine,
    fail,
    parse_answers,
    print_json,
)
from samverkan_tui.core.deadlines import format_date, format_time
from samverkan_tui.core.model import Exercise, Routine

if TYPE_CHECKING:
    from samverkan_tui.core.training import Grade, TourStop

WIDTH = 80

ANSWER_MARKS = {"rätt": "✓", "fel": "✗", "ej ställd": "–", "obesvarad": "?", "extra": "+"}


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [indent]


def _moment_text(moment: dt.datetime) -> str:
    return f"{format_date(moment.date())} kl. {format_time(moment)}"


def _title(routine: Routine) -> str:
    return routine.short_title or routine.title


@command(
    app,
    "öva",
    "ova",
    short_help="Övningsläge: öva på påhittade fall.",
    epilog=examples(
        "samverkan öva rvt-bou                       appen i övningsläge",
        "samverkan öva rvt-bou --lista",
        "samverkan öva rvt-bou --rundtur --format md > rundtur.md",
    ),
)
def ova(
    routine_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            autocompletion=complete_routine,
            help="Rutinens id (se samverkan lista). Utan id: alla rutiners övningar.",
        ),
    ] = None,
    lista: Annotated[bool, typer.Option("--lista", help="Lista övningarna.")] = False,
    ovning: Annotated[
        str | None,
        typer.Option(
            "--övning",
            "--ovning",
            "-e",
            metavar="ÖVNING",
            help="Övningens id: visa fallet, eller rätta svaren som ges med --svar.",
        ),
    ] = None,
    svar: AnswersOption = None,
    rundtur: Annotated[
        bool,
        typer.Option(
            "--rundtur", help="Skriv ut en guidad rundtur: varje fråga, varje svar och stegen det ger."
        ),
    ] = False,
    format: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, json eller md (md bara med --rundtur)."),
    ] = ShowFormat.text,
    now: NowOption = None,
) -> None:
    """Övningsläge: öva rutinerna på påhittade fall, eller gå igenom en rutin gren för gren.

    Utan --lista, --övning eller --rundtur startar appen i övningsläge.
    """
    chosen = sum((lista, ovning is not None, rundtur))
    if chosen > 1:
        fail("välj en av --lista, --övning och --rundtur")
    if svar and ovning is None:
        fail("--svar gäller en övning: ange den med --övning ÖVNING")
    if format is ShowFormat.md and not rundtur:
        fail("--format md gäller bara --rundtur; välj text eller json")
    routine = STATE.routine(routine_id) if routine_id is not None else None
    if lista:
        _list(routine, format, now)
    elif ovning is not None:
        if routine is None:
            fail("ange rutinens id före --övning, t.ex. samverkan öva rvt-bou --övning ÖVNING")
        _exercise(routine, ovning, svar, format, now)
    elif rundtur:
        if routine is None:
            fail("ange rutinens id för rundturen, t.ex. samverkan öva rvt-bou --rundtur")
        _tour(routine, format)
    else:
        _start_app(routine, now)


# -- the app -------------------------------------------------------------------------------


def _start_app(routine: Routine | None, now: str | None) -> None:
    if routine is not None and not routine.exercises:
        fail(f"rutinen {routine.id} har inga övningar; rundturen finns: samverkan öva {routine.id} --rundtur")
    if now is not None:
        STATE.now_text = now
    from samverkan_tui.cli.start import start_app

    start_app(training_routine=routine.id if routine is not None else "")


# -- --lista -------------------------------------------------------------------------------


def _list(routine: Routine | None, format: ShowFormat, now: str | None) -> None:
    routines = [routine] if routine is not None else STATE.catalog().routines()
    if format is ShowFormat.json:
        from samverkan_tui.export.data import exercise_list

        print_json(exercise_list(routines))
        return
    lines: list[str] = []
    for r in routines:
        if not r.exercises:
            if routine is not None:
                lines.append(f"Rutinen {r.id} har inga övningar.")
            continue
        if lines:
            lines.append("")
        lines.append(f"{_title(r)} [{r.id}]")
        width = max(len(e.id) for e in r.exercises)
        for exercise in r.exercises:
            lines.append(f"  {exercise.id:<{width}}  {exercise.title}")
            if exercise.now:
                lines.append(f"  {'':<{width}}  {_moment_text(exercise.now)}")
    if not lines:
        lines.append("Inga övningar hittades.")
    sys.stdout.write("\n".join(lines) + "\n")


# -- --övning --------------------------------------------------------------------------------


def _exercise(
    routine: Routine, exercise_id: str, svar: list[str] | None, format: ShowFormat, now: str | None
) -> None:
    from samverkan_tui.core.training import ExerciseError, exercise_moment, find_exercise, grade
    from samverkan_tui.core.walk import AnswerError

    try:
        exercise = find_exercise(routine, exercise_id)
    except ExerciseError as error:
        fail(str(error))
    moment = exercise_moment(exercise, STATE.now(now))
    if not svar:
        _case(routine, exercise, moment, format)
        return
    try:
        result = grade(routine, exercise, parse_answers(svar), moment)
    except AnswerError as error:
        fail(str(error))
    if format is ShowFormat.json:
        from samverkan_tui.export.data import grade_dict

        print_json(grade_dict(result))
    else:
        sys.stdout.write("\n".join(grade_lines(result)) + "\n")


def _case(routine: Routine, exercise: Exercise, moment: dt.datetime, format: ShowFormat) -> None:
    """The case as the trainee reads it, and the questions to answer (no expected answers)."""
    if format is ShowFormat.json:
        from samverkan_tui.export.data import exercise_case_dict

        print_json(exercise_case_dict(routine, exercise, moment))
        return
    from samverkan_tui.core.walk import describe_condition

    lines = [
        f"Övning: {exercise.title} [{exercise.id}]",
        f"Rutin: {_title(routine)} [{routine.id}]",
        f"Tidpunkt: {_moment_text(moment)}",
        "",
    ]
    lines += _wrap(exercise.case, "")
    first = routine.questions[0]
    lines.append("")
    lines += _wrap(
        f"Svara med --svar FRÅGA=SVAR, t.ex. samverkan öva {routine.id} "
        f"--övning {exercise.id} --svar {first.id}={first.options[0].value}",
        "  ",
        "",
    )
    lines += ["", "Frågor"]
    for question in routine.questions:
        lines.append("")
        lines += _wrap(f"{question.id}: {question.text}", "    ", "  ")
        condition = describe_condition(routine, question.when)
        if condition:
            lines += _wrap(f"(ställs bara om {condition})", "      ")
        for option in question.options:
            lines += _wrap(f"{option.value} = {option.label}", "        ", "      ")
    sys.stdout.write("\n".join(lines) + "\n")


def grade_lines(result: Grade) -> list[str]:
    """The grade as 80-column text: answer by answer, steps, contacts, score."""
    routine, exercise = result.routine, result.exercise
    lines = [
        f"Övning: {exercise.title} [{exercise.id}]",
        f"Rutin: {_title(routine)} [{routine.id}]",
        f"Tidpunkt: {_moment_text(result.now)}",
        "",
        "Svar för svar",
    ]
    for answer in result.answers:
        lines.append("")
        lines += _wrap(f"{ANSWER_MARKS[answer.status]} {answer.label}: {answer.question.text}", "    ", "  ")
        parts = []
        if answer.given is not None:
            parts.append(f"Ditt svar: {answer.given.label}")
        if answer.expected is not None and answer.status != "rätt":
            parts.append(f"Rätt svar: {answer.expected.label}")
        if parts:
            lines += _wrap(" · ".join(parts), "    ")
        lines += _wrap(answer.reason, "      ", "    Varför: ")
    lines += _step_section(f"Steg du skulle ha missat ({len(result.missed)})", result.missed, routine)
    lines += _step_section(
        f"Steg du skulle ha gjort i onödan ({len(result.needless)})", result.needless, routine
    )
    closed = result.closed_contacts
    if closed:
        lines += ["", f"Kontakter som har stängt {_moment_text(result.now)}"]
        for contact in closed:
            lines += _wrap(f"{contact.status.contact.name}: {contact.status.summary}", "    ", "  ! ")
    union = result.shared_steps + len(result.missed) + len(result.needless)
    lines += [
        "",
        f"Poäng: {result.score} av 100 ({result.correct} av {result.expected_count} "
        f"svar rätt, {result.shared_steps} av {union} steg gemensamma)",
    ]
    if not result.complete:
        lines += _wrap("Alla frågor är inte besvarade; obesvarade frågor räknas som fel.", "")
    return lines


def _step_section(title: str, steps, routine: Routine) -> list[str]:
    if not steps:
        return []
    lines = ["", title]
    for step in steps:
        role = routine.role(step.role)
        phase = routine.phase(step.phase)
        where = " · ".join(x.name for x in (role, phase) if x is not None)
        lines += _wrap(f"{step.text} ({where})" if where else step.text, "    ", "  - ")
    return lines


# -- --rundtur -------------------------------------------------------------------------------


def _tour(routine: Routine, format: ShowFormat) -> None:
    from samverkan_tui.core.training import guided_tour

    stops = guided_tour(routine)
    if format is ShowFormat.json:
        from samverkan_tui.export.data import tour_dict

        print_json(tour_dict(routine, stops))
    elif format is ShowFormat.md:
        sys.stdout.write("\n".join(tour_markdown(routine, stops)) + "\n")
    else:
        sys.stdout.write("\n".join(tour_lines(routine, stops)) + "\n")


def tour_lines(routine: Routine, stops: list[TourStop]) -> list[str]:
    from samverkan_tui.core.training import by_condition

    lines = [f"Rundtur: {_title(routine)} [{routine.id}]"]
    number = 0
    for stop in stops:
        lines.append("")
        if stop.question is None:
            lines.append("Steg som alltid ingår i planen")
            for step in stop.always:
                lines += _wrap(step.step.text, "    ", "  - ")
            continue
        number += 1
        lines += _wrap(f"Fråga {number}: {stop.question.text}", "  ", "")
        lines += _wrap(
            f"Ställs bara om {stop.asked_when}." if stop.asked_when else "Ställs alltid.", "    ", "  "
        )
        if stop.help:
            lines += _wrap(stop.help, "    ", "  Hjälp: ")
        for branch in stop.branches:
            lines.append(f"  Svar: {branch.option.label}")
            if branch.leads_to:
                lines += _wrap("Leder till: " + "; ".join(q.text for q in branch.leads_to), "      ", "    ")
            if not branch.steps:
                lines.append("    Tar inte med några nya steg.")
            for condition, steps in by_condition(branch.steps):
                if condition:
                    lines += _wrap(condition, "      ", "    ")
                for step in steps:
                    lines += _wrap(step.step.text, "        ", "      - ")
    return lines


def tour_markdown(routine: Routine, stops: list[TourStop]) -> list[str]:
    from samverkan_tui.core.training import by_condition
    from samverkan_tui.export.markdown import escape

    lines = [f"# Rundtur: {escape(_title(routine))}", "", f"Rutin `{routine.id}`."]
    number = 0
    for stop in stops:
        lines.append("")
        if stop.question is None:
            lines += ["## Steg som alltid ingår i planen", ""]
            lines += [f"- {escape(s.step.text)}" for s in stop.always]
            continue
        number += 1
        lines += [f"## Fråga {number}: {escape(stop.question.text)}", ""]
        lines.append(
            f"*Ställs bara om {escape(stop.asked_when)}.*" if stop.asked_when else "*Ställs alltid.*"
        )
        if stop.help:
            lines += ["", f"> {escape(stop.help)}"]
        for branch in stop.branches:
            lines += ["", f"### Svar: {escape(branch.option.label)}", ""]
            if branch.leads_to:
                lines += ["Leder till: " + "; ".join(escape(q.text) for q in branch.leads_to), ""]
            if not branch.steps:
                lines.append("Tar inte med några nya steg.")
            for condition, steps in by_condition(branch.steps):
                if condition:
                    lines += [f"*{escape(condition)}*", ""]
                lines += [f"- {escape(s.step.text)}" for s in steps]
                lines.append("")
            if lines[-1] == "":
                lines.pop()
    return lines
