"""Which module defines which command, so that a run imports only the module it needs.

Add a line to ``COMMAND_MODULES`` for each new command (module names are relative to
``samverkan_tui.cli``), and its old or ASCII spellings to ``ALIASES``. `samverkan --help`
and unknown commands load them all, so help lists everything and a typo still gets a
suggestion.

This module imports no Typer: the fast start of the app (cli/start.py) reads the names
here to tell a command from a routine id.
"""

import importlib
from typing import Any, NamedTuple

# Primary names, in Swedish as in the app; the order is the order in `samverkan --help`.
COMMAND_MODULES: dict[str, str] = {
    "lista": "routines",
    "visa": "routines",
    "gå": "walk_plain",
    "exportera": "export",
    "kontakter": "contacts",
    "öva": "training",
    "logg": "log",
    "statistik": "statistics",
    "kontrollera": "routines",
    "granska": "manage",
    "jämför": "manage",
    "utkast": "manage",
    "schema": "routines",
    "format": "guide",
    "info": "routines",
}

# Other names that keep working (hidden from help): the English names scripts use, and
# spellings without å ä ö. Subcommands have theirs next to their definition.
ALIASES: dict[str, str] = {
    "list": "lista",
    "show": "visa",
    "export": "exportera",
    "validate": "kontrollera",
    "ova": "öva",
    "ga": "gå",
    "jamfor": "jämför",
}

COMMAND_NAMES = frozenset(COMMAND_MODULES) | frozenset(ALIASES)

# Subcommands' other names, for messages that point at the primary spelling.
SUBCOMMAND_ALIASES: dict[str, str] = {"export": "exportera", "sla-ihop": "slå-ihop"}


def primary_name(name: str) -> str:
    """``export`` → ``exportera``; a primary name stays itself."""
    return ALIASES.get(name, name)


def command_path(path: str) -> str:
    """``samverkan logg export`` → ``samverkan logg exportera`` (for "se … --help")."""
    words = path.split()
    if len(words) > 1:
        words[1] = primary_name(words[1])
    words[2:] = [SUBCOMMAND_ALIASES.get(word, word) for word in words[2:]]
    return " ".join(words)


class GlobalOption(NamedTuple):
    """A global option (written before the command): ``metavar`` None for a flag."""

    metavar: str | None
    help: str


# The global options, declared once: Typer's root (cli/app.py) is built from this table,
# the fast start of the app (cli/start.py) reads them by hand from it, and
# ``command_name`` skips their values. --version, --help and completion are Typer's own.
NOW_HELP = "Beräkna allt vid denna tidpunkt (Europe/Stockholm), t.ex. 2026-11-27T16:40."
GLOBAL_OPTIONS: dict[str, GlobalOption] = {
    "--now": GlobalOption("ISO-TID", NOW_HELP),
    "--katalog": GlobalOption("KATALOG", "Extra katalog med rutinfiler (kan anges flera gånger)."),
    "--debug": GlobalOption(None, "Visa hela felspårningen vid oväntade fel."),
}

# Global options that take a value: their value is not the command name.
_VALUE_OPTIONS = {name for name, option in GLOBAL_OPTIONS.items() if option.metavar is not None}


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
    name = primary_name(command_name(argv or []) or "")
    if name in COMMAND_MODULES and "--help" not in (argv or []) and "-h" not in (argv or []):
        modules = {COMMAND_MODULES[name]}
    else:
        modules = set(COMMAND_MODULES.values())
    for module in sorted(modules):
        importlib.import_module(f"samverkan_tui.cli.{module}")


def __getattr__(name: str) -> Any:
    if name == "app":  # the Typer app, imported only when asked for
        from samverkan_tui.cli.app import app

        return app
    raise AttributeError(name)


__all__ = ["ALIASES", "COMMAND_MODULES", "COMMAND_NAMES", "load_commands", "primary_name"]
