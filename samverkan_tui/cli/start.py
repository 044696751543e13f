"""`samverkan` and `samverkan ID [--svar FRÅGA=SVAR …]`: straight to the app, without Typer.

Start-up is budgeted against a bare Textual app, and importing Typer and the CLI before
the app cost about as much as the app itself. So the few arguments that start the app
(the global --now, --katalog and --debug, a routine id and --svar) are read here by hand;
anything else returns ``False`` and goes to Typer as before. Nothing here imports Typer
or Click (tests/test_imports.py checks it).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from samverkan_tui.cli.commands import ALIASES, COMMAND_NAMES, GLOBAL_OPTIONS, primary_name
from samverkan_tui.cli.state import EXIT_USAGE, STATE, fail

if TYPE_CHECKING:
    from pathlib import Path

    from samverkan_tui.core.routine.model import Routine

# The options the fast path reads, with whether they take a value.
_GLOBAL = {name: option.metavar is not None for name, option in GLOBAL_OPTIONS.items()}
_ROUTINE = {"--svar": True, "-s": True}
_COMPLETE_VAR = "_SAMVERKAN_COMPLETE"  # set by the shell when it asks Typer for completions


class _NotMine(Exception):
    """The arguments are not (only) an app start: let Typer have them."""


def fast_start(argv: list[str]) -> bool:
    """Start the app if ``argv`` asks only for that; ``False`` means: use Typer."""
    if os.environ.get(_COMPLETE_VAR):
        return False
    try:
        parsed = _parse(argv)
    except _NotMine:
        return False
    # The app starts (or a usage error ends the process). Start-up allocates a great deal,
    # almost all of it for as long as the app runs, so the garbage collector waits until the
    # first screen is painted (SamverkanApp.first_screen_ready): its passes during the imports
    # and the first layout were about a tenth of the time to the first screen.
    gc.disable()
    try:
        _start(*parsed)
    finally:
        gc.enable()
    return True


def _start(
    now: str | None, folders: list[Path], debug: bool, routine_id: str | None, pairs: list[str]
) -> None:
    STATE.now_text = now
    STATE.routine_dirs = folders
    STATE.debug = debug
    if now is not None:
        STATE.now()  # a bad --now: one line and exit 2 before anything is drawn
    routine = None
    answers: dict[str, str] = {}
    if routine_id is not None:
        routine = _routine_or_fail(routine_id)
        routine, answers = STATE.routine_with_answers(routine.id, pairs)
    elif pairs:
        fail("--svar gäller en rutin: samverkan ID --svar FRÅGA=SVAR (se samverkan --help)")
    start_app(routine_id=routine.id if routine is not None else None, answers=answers)


def _parse(argv: list[str]) -> tuple[str | None, list[Path], bool, str | None, list[str]]:
    from pathlib import Path

    now: str | None = None
    folders: list[Path] = []
    debug = False
    routine_id: str | None = None
    answers: list[str] = []
    unknown: list[str] = []
    tokens = list(argv)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        name, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        takes_value = _GLOBAL.get(name, _ROUTINE.get(name))
        if takes_value is None:
            if (
                token in ("-h", "--help", "--version")
                or token.startswith("--install-completion")
                or token.startswith("--show-completion")
            ):
                raise _NotMine
            if token.startswith("-") and token != "-":
                unknown.append(token)
                continue
            if routine_id is None:
                if token in COMMAND_NAMES:
                    raise _NotMine  # a command: Typer's
                routine_id = token
                continue
            unknown.append(token)
            continue
        if not takes_value:
            if eq:
                unknown.append(token)
            debug = True
            continue
        if eq:
            value = inline
        elif index < len(tokens):
            value = tokens[index]
            index += 1
        else:
            if routine_id is None and name not in _ROUTINE:
                raise _NotMine  # Typer says which value is missing
            fail(f"flaggan {name} behöver ett värde (se samverkan --help)")
        if name == "--now":
            now = value
        elif name == "--katalog":
            folders.append(Path(value))
        else:
            answers.append(value)
    if unknown:
        if routine_id is None and not answers:
            raise _NotMine  # `samverkan --okänd`: Typer's message, in Swedish
        if routine_id is not None:
            _routine_or_fail(routine_id, folders)
        what = "flagga" if unknown[0].startswith("-") else "argument"
        fail(
            f"okänd {what} {unknown[0]} när en rutin öppnas; samverkan ID tar --svar, --now "
            "och --katalog (se samverkan --help)"
        )
    return now, folders, debug, routine_id, answers


def _routine_or_fail(routine_id: str, folders: list[Path] | None = None) -> Routine:
    """The routine, or: not a command nor a routine, with the nearest of either."""
    if folders is not None:
        STATE.routine_dirs = folders
    catalog = STATE.catalog()
    routine = catalog.get(routine_id)
    if routine is not None:
        return routine
    import difflib

    candidates = {name: primary_name(name) for name in COMMAND_NAMES}
    candidates.update({rid: rid for rid in catalog.entries})
    close = difflib.get_close_matches(routine_id, list(candidates), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(candidates[c] for c in close))
    hint = (
        f" – menade du {' eller '.join(repr(s) for s in suggestions)}?"
        if suggestions
        else " (se samverkan lista och samverkan --help)"
    )
    fail(f"okänt kommando eller rutin {routine_id!r}{hint}", EXIT_USAGE)


def require_terminal() -> None:
    """The app draws a screen: without a terminal it would write escape codes into a file."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail(
            "appen behöver en terminal (stdin och stdout); för text i en fil finns "
            "kommandona, se samverkan --help"
        )


def start_app(
    routine_id: str | None = None, answers: dict[str, str] | None = None, training_routine: str | None = None
) -> None:
    """Open the app from the CLI's state: the start screen, a routine's walk, or training."""
    STATE.catalog()  # a broken config file says so (exit 1) even without a terminal
    require_terminal()
    try:
        from samverkan_tui.tui.app import run_app
    except ImportError as error:
        fail(f"appen kan inte startas: {error}", 1)
    if routine_id is not None:
        run_app(STATE, training_routine=training_routine, routine_id=routine_id, answers=answers or {})
    else:
        run_app(STATE, training_routine=training_routine)


__all__ = ["ALIASES", "fast_start", "require_terminal", "start_app"]
