"""`samverkan öva`: the training mode. Opens the app, or grades and prints for scripting.

    samverkan öva [ID]                                    the app's training screens
    samverkan öva [ID] --lista                            the exercises
    samverkan öva ID --övning EX (-e EX)                  the case and the questions
    samverkan öva ID --övning EX --svar FRÅGA=SVAR …      the grade
    samverkan öva ID --rundtur [--format text|md|json]    the guided tour

The grade and the tour are printed from the documents the app shows
(``export.document.document_for_grade``/``document_for_tour``), by the renderers every
printout uses. Textual is imported only when the app is started.
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
from samverkan_tui.core.routine.model import Exercise, Routine

if TYPE_CHECKING:
    from samverkan_tui.export.document import Document

WIDTH = 80


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [indent]


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
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text, json eller md (md med --rundtur och --svar)."
        ),
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
    if format is ShowFormat.md and not (rundtur or svar):
        fail("--format md gäller bara --rundtur och rättningen (--övning med --svar); välj text eller json")
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
        _tour(routine, format, now)
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
    from samverkan_tui.export.document import when_text

    routines = [routine] if routine is not None else STATE.catalog().routines()
    if format is ShowFormat.json:
        from samverkan_tui.export.data import exercise_list

        print_json(exercise_list(routines))
        return
    from samverkan_tui.cli.common import terminal_width, wrapped

    columns = terminal_width()
    lines: list[str] = []
    for r in routines:
        if not r.exercises:
            if routine is not None:
                lines.append(f"Rutinen {r.id} har inga övningar.")
            continue
        if lines:
            lines.append("")
        lines += wrapped(f"{_title(r)} [{r.id}]", columns)
        width = max(len(e.id) for e in r.exercises)
        # Two columns where they fit; else a block per exercise, its id on a line of its own.
        table = columns - width - 4 >= 24
        for exercise in r.exercises:
            indent = "  " + " " * (width + 2) if table else "    "
            if table:
                lines += wrapped(exercise.title, columns, indent, f"  {exercise.id:<{width}}  ")
            else:
                lines += [f"  {exercise.id}", *wrapped(exercise.title, columns, indent)]
            if exercise.now:
                lines += wrapped(when_text(exercise.now), columns, indent)
    if not lines:
        lines.append("Inga övningar hittades.")
    sys.stdout.write("\n".join(lines) + "\n")


# -- --övning --------------------------------------------------------------------------------


def _exercise(
    routine: Routine, exercise_id: str, svar: list[str] | None, format: ShowFormat, now: str | None
) -> None:
    from samverkan_tui.core.training.grading import ExerciseError, exercise_moment, find_exercise, grade
    from samverkan_tui.core.walk.plan import AnswerError

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
        return
    from samverkan_tui.export.document import document_for_grade

    _print(document_for_grade(result), format)


def _case(routine: Routine, exercise: Exercise, moment: dt.datetime, format: ShowFormat) -> None:
    """The case as the trainee reads it, and the questions to answer (no expected answers)."""
    if format is ShowFormat.json:
        from samverkan_tui.export.data import exercise_case_dict

        print_json(exercise_case_dict(routine, exercise, moment))
        return
    from samverkan_tui.core.walk.plan import describe_condition
    from samverkan_tui.export.document import when_text

    lines = [
        f"Övning: {exercise.title} [{exercise.id}]",
        f"Rutin: {_title(routine)} [{routine.id}]",
        f"Tidpunkt: {when_text(moment)}",
        "",
    ]
    lines += _wrap(exercise.case, "")
    first = routine.questions[0]
    # The example is the case's own first answer (where the case came in: BoU for a BoU
    # case), which the case text states; an example that contradicts the case misleads.
    stated = next((a.answer for a in exercise.answers if a.question == first.id), first.options[0].value)
    lines.append("")
    lines += _wrap(
        f"Svara med --svar FRÅGA=SVAR, t.ex. samverkan öva {routine.id} "
        f"--övning {exercise.id} --svar {first.id}={stated}",
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


# -- --rundtur -------------------------------------------------------------------------------


def _tour(routine: Routine, format: ShowFormat, now: str | None) -> None:
    from samverkan_tui.core.training.tour import guided_tour

    stops = guided_tour(routine)
    if format is ShowFormat.json:
        from samverkan_tui.export.data import tour_dict

        print_json(tour_dict(routine, stops))
        return
    from samverkan_tui.export.document import document_for_tour

    _print(document_for_tour(routine, stops, STATE.now(now)), format)


def _print(document: Document, format: ShowFormat) -> None:
    """A training document in text or Markdown, by the renderers every printout uses."""
    from samverkan_tui.export import render

    sys.stdout.write(str(render(document, "md" if format is ShowFormat.md else "text")))
