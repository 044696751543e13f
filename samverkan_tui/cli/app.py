"""The Typer application. Command modules register themselves on ``app``.

Nothing here imports Textual: the TUI is imported only when the app is started (see
cli/start.py, which usually does it before Typer is even imported).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from samverkan_tui import __version__
from samverkan_tui.cli.commands import COMMAND_MODULES, GLOBAL_OPTIONS
from samverkan_tui.cli.common import STATE

SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


class OrderedGroup(TyperGroup):
    """Commands in `samverkan --help` in the order of COMMAND_MODULES, not of import."""

    def list_commands(self, ctx: Any) -> list[str]:
        order = list(COMMAND_MODULES)
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: order.index(n) if n in order else len(order))


app = typer.Typer(
    name="samverkan",
    cls=OrderedGroup,
    help="Samverkan TUI: guidade samverkansrutiner för socialtjänsten. Utan kommando "
    "startar appen; samverkan ID öppnar rutinen direkt (med --svar FRÅGA=SVAR redan "
    "besvarade).",
    epilog="Exempel:\n\n\b\n  samverkan                             startar appen\n"
    "  samverkan rvt-bou --svar inkom=rvt    öppnar rutinen, första frågan besvarad\n\n"
    "Varje kommando har sin hjälp, t.ex. samverkan exportera --help.",
    subcommand_metavar="[KOMMANDO | ID] [ARGUMENT]...",
    options_metavar="[FLAGGOR]",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=SETTINGS,
)


def examples(*lines: str, after: str = "") -> str:
    """An epilog: "Exempel:" and the command lines as written (not rewrapped), then ``after``."""
    text = "Exempel:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
    return text + (f"\n\n{after}" if after else "")


def command(
    group: typer.Typer, name: str, *aliases: str, **settings: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command under its Swedish name, and under ``aliases`` hidden from help
    (the English names scripts use, spellings without å ä ö)."""
    settings.setdefault("options_metavar", "[FLAGGOR]")

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        group.command(name, **settings)(function)
        for alias in aliases:
            group.command(alias, **{**settings, "hidden": True})(function)
        return function

    return register


def subgroup(name: str, help: str, epilog: str) -> typer.Typer:
    """A command with subcommands (`logg`, `statistik`), set up like the app."""
    group = typer.Typer(
        name=name,
        help=help,
        epilog=epilog,
        no_args_is_help=False,
        rich_markup_mode=None,
        context_settings=SETTINGS,
        options_metavar="[FLAGGOR]",
        subcommand_metavar="KOMMANDO [ARGUMENT]...",
    )
    app.add_typer(group, name=name, short_help=help)
    return group


def _version(value: bool) -> None:
    if value:
        typer.echo(f"samverkan {__version__}")
        raise typer.Exit()


def _global_option(name: str) -> Any:
    """Typer's declaration of a global option, from the one table in cli/commands.py."""
    option = GLOBAL_OPTIONS[name]
    return typer.Option(name, metavar=option.metavar, help=option.help)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    now: Annotated[str | None, _global_option("--now")] = None,
    katalog: Annotated[list[Path] | None, _global_option("--katalog")] = None,
    debug: Annotated[bool, _global_option("--debug")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen och avsluta.")
    ] = False,
) -> None:
    STATE.now_text = now
    STATE.routine_dirs = list(katalog or [])
    STATE.debug = debug
    if ctx.invoked_subcommand is None:
        _start_tui()


def _start_tui() -> None:
    # Usually reached through cli/start.py without Typer; here for what that path hands on.
    from samverkan_tui.cli.start import start_app

    start_app()
