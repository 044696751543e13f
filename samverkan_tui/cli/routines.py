"""Commands about routines: lista, visa, kontrollera, schema, info."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import (
    EXIT_FAILURE,
    STATE,
    AnswersOption,
    Format,
    FormatOption,
    InkomOption,
    NowOption,
    RoutineArgument,
    ShowFormat,
    ShowFormatOption,
    fail,
    print_json,
    terminal_width,
    wrapped,
)
from samverkan_tui.core.base.swedish import count_text
from samverkan_tui.core.routine.catalog import USER, builtin_dir, routine_files, search_dirs


@command(app, "lista", "list", epilog=examples("samverkan lista", "samverkan lista --format json"))
def list_routines(
    format: FormatOption = Format.text,
    now: NowOption = None,
) -> None:
    """Lista rutinerna som finns, med version, enheter och översyn."""
    catalog = STATE.catalog()
    today = STATE.now(now).date()
    for problem in catalog.problems:
        print(f"samverkan: varning: hoppar över {problem}", file=sys.stderr)
    if format is Format.json:
        from samverkan_tui.export.data import catalog_entry_dict

        print_json([catalog_entry_dict(entry, today) for entry in catalog.entries.values()])
        return
    if not catalog.entries:
        print("Inga rutiner hittades.")
        return
    # Two columns when the ids leave room for the text beside them, else each id on a line
    # of its own with its text below; every line wrapped to the terminal between words.
    columns = terminal_width()
    width = max(len(rid) for rid in catalog.entries)
    beside = width + 2 <= columns // 2
    indent = " " * (width + 2) if beside else "  "
    lines: list[str] = []
    for routine_id, entry in catalog.entries.items():
        routine = entry.routine
        review = routine.review_status(today)
        rows = [
            routine.short_title or routine.title,
            f"version {routine.version} · {', '.join(routine.units)} · {review}",
        ]
        if entry.origin == USER:
            rows.append(f"egen rutin: {entry.path}")
        rows += [f"ersätter {shadowed}" for shadowed in entry.shadows]
        if not beside:
            lines.append(routine_id)
        for number, row in enumerate(rows):
            first = f"{routine_id:<{width}}  " if beside and number == 0 else indent
            lines += wrapped(row, columns, indent + "  ", first)
    sys.stdout.write("".join(f"{line}\n" for line in lines))


@command(
    app,
    "visa",
    "show",
    short_help="Visa en rutins frågor, eller planen för svar.",
    epilog=examples(
        "samverkan visa rvt-bou                                  frågorna och svarsalternativen",
        "samverkan visa rvt-bou --svar inkom=rvt --svar akut=ja --now 2026-11-23T10:00",
    ),
)
def show(
    routine_id: RoutineArgument,
    svar: AnswersOption = None,
    format: ShowFormatOption = ShowFormat.text,
    roll: Annotated[
        str | None,
        typer.Option("--roll", metavar="ROLL", help="Din roll: visa bara dina punkter (i rutinens ordning)."),
    ] = None,
    inkom: InkomOption = None,
    now: NowOption = None,
) -> None:
    """Visa en rutins frågor, och planen för givna svar: steg per fas och roll, med
    tidsfrister som datum och kontakter."""
    from samverkan_tui.core.walk.plan import build_plan, only_role

    routine, answers = STATE.routine_with_answers(routine_id, svar, roll)
    moment = STATE.now(now)
    plan = build_plan(routine, answers, moment, STATE.moments(routine, inkom))
    if roll:
        plan = only_role(plan, roll)
    if format is ShowFormat.json:
        from samverkan_tui.export.data import routine_dict, show_dict

        print_json(show_dict(plan) if answers else routine_dict(routine, moment.date()))
        return
    if answers:
        # The same document `samverkan export` prints for these answers: one place.
        from samverkan_tui.export import render
        from samverkan_tui.export.document import document_for_plan

        sys.stdout.write(str(render(document_for_plan(plan), format.value)))
        return
    # The questions a walk may ask, with the values --svar takes: the same document model.
    from samverkan_tui.export import render
    from samverkan_tui.export.document import document_for_questions

    sys.stdout.write(str(render(document_for_questions(routine, moment), format.value)))


@command(
    app,
    "kontrollera",
    "validate",
    short_help="Kontrollera rutinfiler (varje väg).",
    epilog=examples(
        "samverkan kontrollera                     alla kända rutinkataloger",
        "samverkan kontrollera egna/rutin.toml --format json",
    ),
)
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILER|KATALOGER",
            help="Rutinfiler eller kataloger. Utan argument: alla kända rutinkataloger.",
        ),
    ] = None,
    format: FormatOption = Format.text,
) -> None:
    """Kontrollera rutinfiler: format, hänvisningar och varje kombination av svar.

    Avslutas med 1 om någon fil har fel."""
    from samverkan_tui.core.validation.validate import validate_paths

    files: list[Path] = []
    targets = paths or [d for d, _ in search_dirs(STATE.routine_dirs, STATE.config()) if d.is_dir()]
    for target in targets:
        if target.is_dir():
            found = routine_files(target)
            if not found and paths:
                fail(f"{target}: inga .toml-filer i katalogen")
            files += found
        elif target.exists():  # a device or a FIFO too: the one input reader says what it is
            files.append(target)
        else:
            fail(f"{target}: filen eller katalogen finns inte")
    reports = validate_paths(files)
    if format is Format.json:
        from samverkan_tui.export.data import file_report_dict

        print_json([file_report_dict(r) for r in reports])
    else:
        for report in reports:
            for problem in report.problems:
                print(problem)
        bad = sum(1 for r in reports if not r.ok)
        warnings = sum(1 for r in reports for p in r.problems if p.severity == "varning")
        summary = (
            count_text(len(reports), "fil kontrollerad", "filer kontrollerade")
            + ": "
            + count_text(len(reports) - bad, "godkänd", "godkända")
        )
        if bad:
            summary += f", {bad} med fel"
        if warnings:
            summary += ", " + count_text(warnings, "varning", "varningar")
        print(summary, file=sys.stderr if bad else sys.stdout)
    if any(not r.ok for r in reports):
        raise typer.Exit(EXIT_FAILURE)


@command(
    app,
    "schema",
    short_help="JSON Schema för rutinfilerna, eller för kommandonas JSON-utdata.",
    epilog=examples(
        "samverkan schema > rutin.schema.json",
        "samverkan schema --utdata > utdata.schema.json     alla kommandon",
        "samverkan schema --utdata logg visa                ett kommando",
    ),
)
def schema(
    utdata: Annotated[
        bool,
        typer.Option(
            "--utdata",
            help="Schemat för kommandonas JSON-utdata (--format json) i stället för rutinfilernas.",
        ),
    ] = False,
    kommando: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="KOMMANDO",
            help="Med --utdata: bara det kommandots utdata, t.ex. visa eller logg visa.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Skriv ut JSON Schema för rutinfiler, för editorns kontroll medan du skriver.

    Med --utdata: JSON Schema för det som kommandona skriver med --format json."""
    if not utdata:
        if kommando:
            fail(f"oväntat argument: {' '.join(kommando)}; kommandots utdata får du med --utdata")
        from samverkan_tui.core.routine.schema import json_schema

        print_json(json_schema())
        return
    from samverkan_tui.cli.commands import command_path
    from samverkan_tui.export.output_schemas import OUTPUTS, all_output_schemas, output_schema

    if not kommando:
        print_json(all_output_schemas())
        return
    name = command_path(" ".join(["samverkan", *kommando])).removeprefix("samverkan ")
    if name not in OUTPUTS:
        fail(f"kommandot `{' '.join(kommando)}` skriver ingen JSON; välj ett av {', '.join(OUTPUTS)}")
    print_json(output_schema(name))


@command(
    app,
    "info",
    short_help="Visa var inställningar, data och rutiner finns.",
    epilog=examples("samverkan info", "samverkan --katalog egna-rutiner info"),
)
def info() -> None:
    """Visa var inställningar, data, rutiner och formatbeskrivningen finns."""
    config = STATE.config()
    print(f"Inställningar: {config.path}{'' if config.path.exists() else ' (finns inte än)'}")
    from samverkan_tui.core.base.paths import data_dir, data_warning, export_dir, export_warning, protection

    data, exports = data_dir(config), export_dir(config)
    print(f"Steglogg: {data}")
    print(f"Skydd av datamappen: {protection(data)}")
    print(f"Exporter från appen: {exports}")
    for warning in (data_warning(data), export_warning(exports)):
        if warning:
            print(f"Obs: {warning}")
    print(f"Inbyggda rutiner: {builtin_dir()}")
    from samverkan_tui.core.base.docs import format_guide_path

    print(f"Rutinfilernas format: {format_guide_path()} (samverkan format skriver ut den)")
    for directory, origin in search_dirs(STATE.routine_dirs, config):
        if origin == USER:
            print(f"Egen rutinkatalog: {directory}{'' if directory.is_dir() else ' (finns inte)'}")
