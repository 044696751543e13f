"""What every command shares: global options, loading routines, one-line errors.

The state and the errors live in cli/state.py (no Typer there, for the fast start of the
app); they are re-exported here so that commands import everything from one place.
"""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from samverkan_tui.cli.commands import NOW_HELP

# Re-exported (the `as` makes it explicit): the command modules import these from here.
from samverkan_tui.cli.state import EXIT_FAILURE as EXIT_FAILURE
from samverkan_tui.cli.state import EXIT_USAGE as EXIT_USAGE
from samverkan_tui.cli.state import STATE as STATE
from samverkan_tui.cli.state import fail as fail
from samverkan_tui.cli.state import parse_answers as parse_answers

T = TypeVar("T")


class Format(StrEnum):
    text = "text"
    json = "json"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


# The one --format of the commands that print text or JSON (lista, kontakter, …).
FormatOption = Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", help="text eller json.")]
# … and of those that also print Markdown (visa, logg visa).
ShowFormatOption = Annotated[
    ShowFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text, json eller md.")
]


# Each command's own --now, worded as the global one.
NowOption = Annotated[str | None, typer.Option("--now", metavar="ISO-TID", help=NOW_HELP)]
# The moment deadlines count from, the same flag on every command that prints a plan.
InkomOption = Annotated[
    str | None,
    typer.Option(
        "--inkom",
        metavar="ISO-TID",
        help="När anmälan eller informationen kom in; tidsfristerna räknas därifrån (standard: --now).",
    ),
]
# One meaning for -o everywhere: the output file, "-" for standard output.
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--ut",
        "-o",
        metavar="FIL",
        help="Skriv till filen i stället för till terminalen; - skriver till terminalen.",
    ),
]


# -- completion and shared parameters -----------------------------------------------------


def complete_routine(incomplete: str) -> list[str]:
    """Routine ids for tab completion (never an error: the shell shows nothing then)."""
    try:
        return [rid for rid in STATE.catalog().entries if rid.startswith(incomplete)]
    except Exception:
        return []


def complete_answer(ctx: typer.Context, incomplete: str) -> list[str]:
    """``--svar`` as FRÅGA=SVAR: the routine's questions, then their answers."""
    import os

    try:
        catalog = STATE.catalog()
    except Exception:
        return []
    routine = catalog.get(ctx.params.get("routine_id") or "")
    if routine is None:
        # While completing, Typer may not have parsed the ID yet: find it on the line.
        line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
        routine = next((catalog.get(w) for w in line.split() if catalog.get(w)), None)
    if routine is None:
        return []
    question_id, sep, _ = incomplete.partition("=")
    pairs = []
    for question in routine.questions:
        if sep and question.id != question_id:
            continue
        pairs += [f"{question.id}={value}" for value in question.values]
    return [p for p in pairs if p.startswith(incomplete)]


RoutineArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="Rutinens id (se samverkan lista).",
        autocompletion=complete_routine,
        show_default=False,
    ),
]

AnswersOption = Annotated[
    list[str] | None,
    typer.Option(
        "--svar",
        "-s",
        metavar="FRÅGA=SVAR",
        autocompletion=complete_answer,
        help="Ett svar; kan anges flera gånger.",
    ),
]


def terminal_width() -> int:
    """The terminal's columns (``COLUMNS`` first; 80 in a pipe), for text wrapped to fit."""
    import shutil

    return max(20, shutil.get_terminal_size((80, 24)).columns)


def wrapped(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """``text`` as lines of at most ``width`` columns, never broken inside a word or a
    number ("socialtjänst", "530 622 55" keep together where they fit; a longer word
    stands alone on its line)."""
    import re
    import textwrap

    # A space inside a number ("530 622 55") or a time ("kl. 12.10") is held through the
    # wrap: a number never splits.
    held = re.sub(r"(?<=\d) (?=\d)|(?<=\bkl\.) (?=\d)", "\u00a0", text)
    lines = textwrap.wrap(
        held,
        width=width,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace("\u00a0", " ") for line in lines] or [first if first is not None else indent]


def json_text(data: object) -> str:
    """The one form of the CLI's JSON output (standard output or a file): UTF-8 as it is,
    indented two spaces, a line end at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_output_file(target: Path, data: str | bytes) -> Path:
    """The one way a command writes its ``-o`` file: 0600, atomic, never through a symlink.

    Any failure is one Swedish line, the same in every command: ``kan inte skriva FIL:
    varför``, exit 2 when the path itself is wrong (too long, invalid, a link loop), else 1.
    """
    from samverkan_tui.core.base.files import write_private

    try:
        return write_private(target, data)
    except OSError as error:
        output_failed(target, error)


def output_failed(target: Path, error: OSError) -> NoReturn:
    """Stop with the ``-o`` error message every command gives (see ``write_output_file``)."""
    from samverkan_tui.core.base.files import FileSafetyError
    from samverkan_tui.core.base.oserrors import INPUT_ERRNOS, os_error_reason

    own = isinstance(error, FileSafetyError) and error.errno not in (errno.EISDIR, errno.ENOTDIR)
    reason = str(error) if own else os_error_reason(error, writing=True)
    # Exit 2 when the path as typed cannot be (too long, invalid); 1 when the system or our
    # own safety rule refuses it (a symbolic link is refused on purpose: exit 1).
    usage = not own and error.errno in INPUT_ERRNOS
    fail(f"kan inte skriva {target}: {reason}", EXIT_USAGE if usage else EXIT_FAILURE)


def read_input_file(path: Path, limit: int | None = None) -> str:
    """An input file's text for a command; else one Swedish line (see ``core.base.input_files``)."""
    from samverkan_tui.core.base.input_files import InputFileError, read_input_text

    try:
        return read_input_text(path, limit=limit)
    except InputFileError as error:
        fail(error.describe(str(path)), error.exit_code)


def print_json(data: object) -> None:
    sys.stdout.write(json_text(data))


def print_as(
    format: str,
    value: T,
    *,
    as_json: Callable[[T], object],
    as_text: Callable[[T], str],
    as_md: Callable[[T], str] | None = None,
) -> None:
    """``value`` on standard output in ``format`` ("json", "md" or "text"), each made by its own
    function: the one dispatch of ``--format`` for commands that print one thing."""
    if format == "json":
        print_json(as_json(value))
    elif format == "md" and as_md is not None:
        sys.stdout.write(as_md(value))
    else:
        sys.stdout.write(as_text(value))
