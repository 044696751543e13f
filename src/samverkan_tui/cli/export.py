"""`samverkan export`: printable checklists of a whole routine or of one path through it."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_tui.cli.app import app
from samverkan_tui.cli.common import EXIT_FAILURE, STATE, NowOption, fail

if TYPE_CHECKING:
    from samverkan_tui.export.document import Document


class ExportFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    text = "text"


@app.command("export")
def export_command(
    routine_id: Annotated[str | None, typer.Argument(
        metavar="ID", help="Rutinens id (se samverkan list).", show_default=False)] = None,
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="pdf, html, md eller text.")] = ExportFormat.pdf,
    ut: Annotated[Path | None, typer.Option(
        "--ut", "-o", metavar="FIL",
        help="Skriv till filen (eller i katalogen). Utan: text, md och html till terminalen, "
             "pdf till ID.pdf i aktuell katalog.")] = None,
    svar: Annotated[list[str] | None, typer.Option(
        "--svar", "-s", metavar="FRÅGA=SVAR",
        help="Ett svar; kan anges flera gånger. Utan svar: hela rutinen med alla grenar.")] = None,
    roll: Annotated[str | None, typer.Option("--roll", help="Din roll; visas först.")] = None,
    alla: Annotated[bool, typer.Option(
        "--alla", help="Alla rutiner, var och en hel, som filer i katalogen -o (eller aktuell).")] = False,
    now: NowOption = None,
) -> None:
    """Skriv ut en checklista: hela rutinen, eller vägen för givna svar med datum."""
    from samverkan_tui.core.walk import build_plan
    from samverkan_tui.export import render
    from samverkan_tui.export.document import document_for_plan, document_for_routine

    if alla:
        _export_all(routine_id, svar, roll, format, ut, now)
        return
    if routine_id is None:
        fail("ange rutinens id (se samverkan list), eller --alla för alla rutiner")
    routine, answers = STATE.routine_with_answers(routine_id, svar, roll)
    moment = STATE.now(now)
    if answers:
        document = document_for_plan(build_plan(routine, answers, moment, first_role=roll))
    else:
        document = document_for_routine(routine, moment, first_role=roll)
    if ut is None and format is not ExportFormat.pdf:
        sys.stdout.write(str(render(document, format.value)))
        return
    _write(document, format, ut if ut is not None else Path.cwd())


def _export_all(
    routine_id: str | None, svar: list[str] | None, roll: str | None, format: ExportFormat,
    ut: Path | None, now: str | None,
) -> None:
    """Every routine in the catalog, whole, one file each: a binder in one command."""
    from samverkan_tui.export.document import document_for_routine

    if routine_id is not None:
        fail("ange antingen ett id eller --alla, inte båda")
    if svar or roll:
        fail("--alla skriver ut hela rutinerna; --svar och --roll gäller en rutin")
    folder = ut if ut is not None else Path.cwd()
    if not folder.is_dir():
        fail(f"--alla skriver en fil per rutin: {folder} är inte en katalog", EXIT_FAILURE)
    catalog = STATE.catalog()
    for problem in catalog.problems:
        print(f"samverkan: varning: hoppar över {problem}", file=sys.stderr)
    moment = STATE.now(now)
    for entry in catalog.entries.values():
        _write(document_for_routine(entry.routine, moment), format, folder)


def _write(document: Document, format: ExportFormat, target: Path) -> None:
    from samverkan_tui.export import write

    try:
        written = write(document, format.value, target)
    except OSError as error:
        fail(f"kan inte skriva {target}: {_reason(error)}", EXIT_FAILURE)
    print(f"Skrev {written.resolve()}", file=sys.stderr)


def _reason(error: OSError) -> str:
    """The OS error in Swedish where it is a common one (the OS gives English)."""
    import errno

    from samverkan_tui.core.files import FileSafetyError

    if isinstance(error, FileSafetyError):
        return str(error)

    reasons = {
        errno.ENOENT: "katalogen finns inte",
        errno.EACCES: "behörighet saknas",
        errno.EPERM: "behörighet saknas",
        errno.EISDIR: "det är en katalog",
        errno.ENOTDIR: "en del av sökvägen är inte en katalog",
        errno.EROFS: "filsystemet är skrivskyddat",
        errno.ENOSPC: "disken är full",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))
