"""Which module defines which command, so that a run imports only the module it needs.

Add a line to ``COMMAND_MODULES`` for each new command (module names are relative to
``samverkan_tui.cli``). `samverkan --help`, a bare `samverkan` and unknown commands load
them all, so help lists everything and a typo still gets a suggestion.
"""

from __future__ import annotations

import importlib

from samverkan_tui.cli.app import app

COMMAND_MODULES: dict[str, str] = {
    "list": "routines",
    "show": "routines",
    "validate": "routines",
    "schema": "routines",
    "info": "routines",
    "kontakter": "contacts",
    "logg": "log",
    "export": "export",
    "öva": "training",
    "statistik": "statistics",
    "granska": "manage",
    "jämför": "manage",
    "jamfor": "manage",
    "utkast": "manage",
}

# Global options that take a value: their value is not the command name.
_VALUE_OPTIONS = {"--now", "--katalog"}


def command_name(argv: list[str]) -> str | None:
    """The subcommand in ``argv`` (after the global options), or None."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in _VALUE_OPTIONS:
            skip = True
            continue
        if token.startswith("-"):
            continue
        return token
    return None


def load_commands(argv: list[str] | None = None) -> None:
    """Register the command that ``argv`` asks for, or every command when unsure."""
    name = command_name(argv or [])
    if name in COMMAND_MODULES and "--help" not in (argv or []) and "-h" not in (argv or []):
        modules = {COMMAND_MODULES[name]}
    else:
        modules = set(COMMAND_MODULES.values())
    for module in sorted(modules):
        importlib.import_module(f"samverkan_tui.cli.{module}")


__all__ = ["COMMAND_MODULES", "app", "load_commands"]
