"""`samverkan exportera`: printable checklists of a whole routine or of one path through it,
and a plan's deadlines as a calendar file."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import (
    EXIT_FAILURE,
    STATE,
    InkomOption,
    NowOption,
    complete_answer,
    complete_routine,
    fail,
)

if TYPE_CHECKING:
    from samverkan_tui.export.document import Document

STDOUT = "-"


class ExportFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    text = "text"
    ics = "ics"


@command(
    app,
    "exportera",
    "export",
    short_help="Skriv ut en checklista eller en plan.",
    epilog=examples(
        "samverkan exportera rvt-bou -o rvt-bou.pdf                 checklisteexemplaret",
        "samverkan exportera rvt-bou --svar inkom=rvt --svar akut=ja -f html -o plan.html",
    ),
)
def export_command(
    routine_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Rutinens id (se samverkan lista).",
            show_default=False,
            autocompletion=complete_routine,
        ),
    ] = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="pdf, html, md, text eller ics (planens tidsfrister som kalender).",
        ),
    ] = ExportFormat.pdf,
    ut: Annotated[
        str | None,
        typer.Option(
            "--ut",
            "-o",
            metavar="FIL",
            help="Skriv till filen (eller i katalogen); - skriver till terminalen. Utan: text, md "
            "och html till terminalen, pdf och ics till en fil i aktuell katalog.",
        ),
    ] = None,
    svar: Annotated[
        list[str] | None,
        typer.Option(
            "--svar",
            "-s",
            metavar="FRÅGA=SVAR",
            autocompletion=complete_answer,
            help="Ett svar; kan anges flera gånger. Utan svar: hela rutinen med alla grenar.",
        ),
    ] = None,
    roll: Annotated[
        str | None,
        typer.Option("--roll", metavar="ROLL", help="Din roll: bara dina punkter (i rutinens ordning)."),
    ] = None,
    inkom: InkomOption = None,
    utan_signatur: Annotated[
        bool, typer.Option("--utan-signatur", help="Pärmexemplar: utan fälten för datum och signatur.")
    ] = False,
    alla: Annotated[
        bool,
        typer.Option(
            "--alla",
            help="Alla rutiner, var och en hel, som filer i katalogen -o (skapas vid behov).",
        ),
    ] = False,
    now: NowOption = None,
) -> None:
    """Skriv ut en checklista: hela rutinen, eller vägen för givna svar med datum."""
    import dataclasses

    from samverkan_tui.core.walk.plan import build_plan, only_role
    from samverkan_tui.export.document import document_for_plan, document_for_routine

    if alla:
        _export_all(routine_id, svar, roll, inkom, format, ut, now, not utan_signatur)
        return
    if routine_id is None:
        fail("ange rutinens id (se samverkan lista), eller --alla för alla rutiner")
    routine, answers = STATE.routine_with_answers(routine_id, svar, roll)
    moment = STATE.now(now)
    moments = STATE.moments(routine, inkom)
    if answers:
        plan = build_plan(routine, answers, moment, moments)
        document = document_for_plan(only_role(plan, roll) if roll else plan)
    else:
        if inkom is not None or roll is not None:
            fail("--inkom och --roll gäller en plan: ange svaren med --svar")
        document = document_for_routine(routine, moment)
    if utan_signatur:
        document = dataclasses.replace(document, signatures=False)
    binary = format in (ExportFormat.pdf, ExportFormat.ics)
    if ut == STDOUT or (ut is None and not binary):
        data = _render(document, format)
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    _write(document, format, Path(ut) if ut is not None else Path.cwd())


def _export_all(
    routine_id: str | None,
    svar: list[str] | None,
    roll: str | None,
    inkom: str | None,
    format: ExportFormat,
    ut: str | None,
    now: str | None,
    signatures: bool,
) -> None:
    """Every routine in the catalog, whole, one file each: a binder in one command."""
    import dataclasses

    from samverkan_tui.export.document import document_for_routine

    if routine_id is not None:
        fail("ange antingen ett id eller --alla, inte båda")
    if svar or roll or inkom:
        fail("--alla skriver ut hela rutinerna; --svar, --roll och --inkom gäller en rutin")
    if format is ExportFormat.ics:
        fail("--alla skriver ut hela rutinerna, som inte har datum; ics gäller en plan (--svar)")
    if ut == STDOUT:
        fail("--alla skriver en fil per rutin: ange en katalog med -o")
    folder = Path(ut) if ut is not None else Path.cwd()
    if folder.exists() and not folder.is_dir():
        fail(f"--alla skriver en fil per rutin: {folder} är inte en katalog", EXIT_FAILURE)
    from samverkan_tui.core.base.files import ensure_private_dir

    try:
        ensure_private_dir(folder, mark=False)  # 0700 under any umask; the user's folder to browse
    except OSError as error:
        fail(f"kan inte skapa katalogen {folder}: {_reason(error)}", EXIT_FAILURE)
    catalog = STATE.catalog()
    for problem in catalog.problems:
        print(f"samverkan: varning: hoppar över {problem}", file=sys.stderr)
    moment = STATE.now(now)
    for entry in catalog.entries.values():
        document = dataclasses.replace(document_for_routine(entry.routine, moment), signatures=signatures)
        _write(document, format, folder)


def _render(document: Document, format: ExportFormat) -> str | bytes:
    from samverkan_tui.export import ExportError, render

    try:
        return render(document, format.value)
    except ExportError as error:
        fail(str(error))
    raise AssertionError("unreachable")  # fail() exits


def _write(document: Document, format: ExportFormat, target: Path) -> None:
    from samverkan_tui.export import ExportError, write

    try:
        written = write(document, format.value, target)
    except ExportError as error:
        fail(str(error))
    except OSError as error:
        from samverkan_tui.cli.common import output_failed

        output_failed(target, error)  # the same -o error as every command
    print(f"Skrev {written.resolve()}", file=sys.stderr)


def _reason(error: OSError) -> str:
    """The OS error in Swedish (the OS gives English)."""
    from samverkan_tui.core.base.files import FileSafetyError
    from samverkan_tui.core.base.oserrors import os_error_reason

    if isinstance(error, FileSafetyError):
        return str(error)
    return os_error_reason(error, writing=True)
