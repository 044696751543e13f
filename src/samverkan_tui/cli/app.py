"""The Typer application. Command modules register themselves on ``app``.

Nothing here imports Textual: the TUI is imported only when `samverkan` runs
without a subcommand (see ``_start_tui``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_tui import __version__
from samverkan_tui.cli.common import STATE

app = typer.Typer(
    name="samverkan",
    help="Samverkan TUI: guidade samverkansrutiner för socialtjänsten. "
    "Utan kommando startar appen.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"samverkan {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    now: Annotated[str | None, typer.Option(
        "--now", metavar="ISO-TID",
        help="Beräkna allt vid denna tidpunkt (Europe/Stockholm), t.ex. 2026-11-27T16:40.")] = None,
    katalog: Annotated[list[Path] | None, typer.Option(
        "--katalog", metavar="KATALOG",
        help="Extra katalog med rutinfiler (kan anges flera gånger).")] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Visa hela felspårningen vid oväntade fel.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Visa versionen och avsluta.")] = False,
) -> None:
    STATE.now_text = now
    STATE.routine_dirs = list(katalog or [])
    STATE.debug = debug
    if ctx.invoked_subcommand is None:
        _start_tui()


def _start_tui() -> None:
    from samverkan_tui.cli.common import fail

    try:
        from samverkan_tui.tui.app import run_app
    except ImportError as error:  # the TUI is built in a later step
        fail(f"appen kan inte startas: {error}", 1)
    run_app(STATE)
