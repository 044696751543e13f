"""The `samverkan` command: entry point and the one place that turns errors into exit codes.

Exit codes: 0 ok, 1 failure (e.g. invalid routine files), 2 usage or input error.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for annotations only: nothing here is imported at start-up
    import re
    from collections.abc import Callable
    from typing import Protocol, TypeGuard

    class _ClickError(Protocol):
        """What a Click exception offers, whichever copy of Click raised it."""

        exit_code: int

        def format_message(self) -> str: ...


def _click_messages() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
    """Click's English usage errors and their Swedish wording (compiled only on an error)."""
    import re

    return [
        (
            re.compile(r"No such option: (\S+)(?: Did you mean (\S+)\?)?"),
            lambda m: f"okänd flagga {m[1]}" + (f"; menade du {m[2]}?" if m[2] else ""),
        ),
        (re.compile(r"No such command '([^']+)'\.(?: Did you mean (.*)\?)?"), _unknown_command),
        (re.compile(r"Missing argument '([^']+)'\."), lambda m: f"argumentet {m[1]} saknas"),
        (re.compile(r"Missing option '([^']+)'\."), lambda m: f"flaggan {m[1]} saknas"),
        (
            re.compile(r"Option '([^']+)' requires an argument\."),
            lambda m: f"flaggan {m[1]} behöver ett värde",
        ),
        (re.compile(r"Got unexpected extra arguments? \((.*)\)"), lambda m: f"oväntat argument: {m[1]}"),
        (
            re.compile(r"Invalid value for (.+?): (?:Value error, )?'([^']*)' is not one of (.*?)\.?$"),
            lambda m: f"ogiltigt värde '{m[2]}' för {m[1]}; välj en av {m[3]}",
        ),
        (
            re.compile(r"Invalid value for (.+?): (.*)"),
            lambda m: f"ogiltigt värde för {m[1]}: {_swedish_value_problem(m[2])}",
        ),
    ]


def _swedish_value_problem(text: str) -> str:
    """Why a value was refused (a number out of range, not a number), in Swedish: Click
    ("1 is not in the range x>=2.") and Typer's newer wording ("Input should be greater
    than or equal to 2") alike. Anything else is kept as it is."""
    import re

    patterns = [
        (r"(?:Input should be )?greater than or equal to (\S+?)\.?$", "ska vara minst {}"),
        (r"(?:Input should be )?less than or equal to (\S+?)\.?$", "ska vara högst {}"),
        (r"(?:Input should be )?greater than (\S+?)\.?$", "ska vara större än {}"),
        (r"(?:Input should be )?less than (\S+?)\.?$", "ska vara mindre än {}"),
        (r"\S+ is not in the range x>=(\S+?)\.?$", "ska vara minst {}"),
        (r"\S+ is not in the range x<=(\S+?)\.?$", "ska vara högst {}"),
        # Click: "'x' is not a valid integer." (older: "… valid integer range.")
        (r"is not a valid integer(?: range)?\.?$", "ska vara ett heltal"),
        (r"Input should be a valid integer.*", "ska vara ett heltal"),
    ]
    for pattern, swedish in patterns:
        match = re.search(pattern, text)
        if match:
            return swedish.format(*match.groups())
    return text


def _unknown_command(match: re.Match[str]) -> str:
    """``okänt kommando 'exprt' – menade du 'exportera'?`` (aliases named by their primary)."""
    import re

    from samverkan_tui.cli.commands import SUBCOMMAND_ALIASES, primary_name

    message = f"okänt kommando '{match[1]}'"
    if match[2]:
        names = [SUBCOMMAND_ALIASES.get(n, primary_name(n)) for n in re.findall(r"'([^']+)'", match[2])]
    else:
        # Older Click versions suggest nothing: find the nearest among the group's commands.
        import difflib

        names = [
            SUBCOMMAND_ALIASES.get(n, primary_name(n))
            for n in difflib.get_close_matches(match[1], _GROUP_COMMANDS, n=2, cutoff=0.6)
        ]
    if names:
        message += " – menade du " + " eller ".join(f"'{n}'" for n in dict.fromkeys(names)) + "?"
    return message


# The commands of the group a usage error came from (set just before it is translated).
_GROUP_COMMANDS: list[str] = []


def _swedish(message: str) -> str:
    for pattern, render in _click_messages():
        match = pattern.search(message)
        if match:
            return render(match)
    return message


def _is_click_error(error: BaseException) -> TypeGuard[_ClickError]:
    # Typer may ship its own copy of Click, so match Click's exceptions by shape, not class.
    return hasattr(error, "format_message") and hasattr(error, "exit_code")


def _usable_streams() -> None:
    """`samverkan list >&-`: with stdout (or stderr) closed Python sets it to None. Point it
    at the null device instead (which also keeps fd 1 from being reused by a database file)."""
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _utf8_streams() -> None:
    """Output is UTF-8 whatever the console code page: on Windows a redirected stdout
    (`samverkan format > rutinformat.md`) is otherwise the ANSI code page (cp1252), where a
    name like Čapek or a ✓ cannot be written at all. The console itself is UTF-16 inside
    Python already; this is about files and pipes."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            import contextlib

            # A stream that cannot change any more stays as it is.
            with contextlib.suppress(OSError, ValueError):
                reconfigure(encoding="utf-8")


def expand_wildcards(args: list[str]) -> list[str]:
    """`samverkan statistik slå-ihop *.json` in PowerShell or cmd: Windows shells pass the
    pattern on, unexpanded (Typer expands only argv it reads itself). A pattern that
    matches nothing stays as it is, as in a POSIX shell, so the command can name it."""
    import glob

    expanded: list[str] = []
    for arg in args:
        if not arg.startswith("-") and any(char in arg for char in "*?["):
            matches = sorted(glob.glob(arg))
            if matches:
                expanded.extend(matches)
                continue
        expanded.append(arg)
    return expanded


def _silence_stdout() -> None:
    """After a broken pipe (`samverkan list | head -1`): nothing more to say, and the final
    flush at exit must not complain either."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> None:
    _usable_streams()
    _utf8_streams()
    if argv is None:
        argv = sys.argv[1:]
        if sys.platform == "win32":  # a POSIX shell has expanded them already
            argv = expand_wildcards(argv)
    try:
        _run(list(argv))
    except KeyboardInterrupt:
        print("samverkan: avbrutet", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)


# The Click command built from the Typer app, by the set of command modules imported when it
# was built (importing a module is what registers its commands). A person's `samverkan` runs
# one command per process; a process that runs many (the robustness tests run thousands
# in-process) builds the tree once: Typer reads every command's signature each time.
_BUILT: dict[frozenset[str], Any] = {}


def _typer(argv: list[str]) -> object:
    """Everything but starting the app: the Typer commands, with help in Swedish."""
    from typer.main import get_command

    from samverkan_tui.cli.commands import app, load_commands
    from samverkan_tui.cli.help import swedish_help

    load_commands(argv)
    loaded = frozenset(name for name in sys.modules if name.startswith("samverkan_tui.cli."))
    command = _BUILT.get(loaded)
    if command is None:
        command = _BUILT[loaded] = get_command(app)
        swedish_help(command)
    return command.main(args=argv, prog_name="samverkan", standalone_mode=False)


def _usage_hint(error: object) -> str:
    """`(se samverkan exportera --help)`: the help of the command that was run."""
    from samverkan_tui.cli.commands import command_path

    ctx = getattr(error, "ctx", None)
    path = getattr(ctx, "command_path", None) or "samverkan"
    return f" (se {command_path(path)} --help)"


def _run(argv: list[str]) -> None:
    # Only the state and the fast path (no Typer) until we know a command was asked for.
    from samverkan_tui.cli.start import fast_start
    from samverkan_tui.cli.state import EXIT_FAILURE, EXIT_USAGE, STATE, CliError

    try:
        result = 0 if fast_start(argv) else _typer(argv)
        sys.stdout.flush()  # a broken pipe shows here, not in the interpreter's last flush
    except CliError as error:
        print(f"samverkan: {error.message}", file=sys.stderr)
        sys.exit(error.code)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except OSError as error:
        # Whatever the OS refused (a path too long, a full disk), in Swedish, in one line.
        from samverkan_tui.core.base.oserrors import INPUT_ERRNOS, os_error_message

        if STATE.debug or "--debug" in argv:
            raise
        print(f"samverkan: {os_error_message(error)}", file=sys.stderr)
        sys.exit(EXIT_USAGE if error.errno in INPUT_ERRNOS else EXIT_FAILURE)
    except Exception as error:
        if _is_click_error(error):
            context = getattr(error, "ctx", None)
            list_commands = getattr(getattr(context, "command", None), "list_commands", None)
            if context is not None and list_commands is not None:
                _GROUP_COMMANDS[:] = list_commands(context)
            message = _swedish(error.format_message())
            if error.exit_code == EXIT_USAGE:
                message += _usage_hint(error)
            print(f"samverkan: {message}", file=sys.stderr)
            sys.exit(error.exit_code)
        if type(error).__name__ == "Abort":
            print("samverkan: avbrutet", file=sys.stderr)
            sys.exit(130)
        # The last line of defence: never a traceback unless asked for.
        if STATE.debug or "--debug" in argv:
            raise
        print(
            f"samverkan: oväntat fel: {error.__class__.__name__}: {error} "
            "(kör igen med --debug för detaljer)",
            file=sys.stderr,
        )
        sys.exit(EXIT_FAILURE)
    if result == 130:  # Typer turns Ctrl+C into exit code 130, silently
        print("samverkan: avbrutet", file=sys.stderr)
    sys.exit(result if isinstance(result, int) else 0)
