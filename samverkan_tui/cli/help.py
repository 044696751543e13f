"""`--help` in Swedish, boilerplate included.

Click and Typer write their own words ("Usage:", "Options", "[default: pdf]", "Show this
message and exit.", type names like ``<str>``) straight into the help formatter: Typer's
vendored Click has no gettext at all, and Click's gettext domain ships no Swedish. So the
one place that sees every string is the formatter, and ``swedish_help`` gives every
command of the tree a context whose formatter translates them (Click's documented
``Context.formatter_class``). Nothing is patched globally.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from click.formatting import HelpFormatter

HEADINGS = {"Usage": "Användning", "Options": "Flaggor", "Arguments": "Argument", "Commands": "Kommandon"}

PHRASES = {
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Install completion for the current shell.": "Installera tab-komplettering för ditt skal.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Visa tab-kompletteringen för ditt skal, för att kopiera eller anpassa den."
    ),
}

USAGE_WORDS = [
    ("[OPTIONS]", "[FLAGGOR]"),
    ("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]..."),
    ("[ARGS]...", "[ARGUMENT]..."),
]

# Type names Typer appends to a parameter (``ID <str>``): the metavar says it in Swedish.
_TYPE = re.compile(
    r"\s*<(?:str|int|float|bool|uuid|path|file|directory|Path|text|"
    r"list\[[^\]>]*\]|[a-z]+ range|datetime)>(?:\.\.\.)?"
)
_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")
_RANGE = re.compile(r"^x?(>=|<=|>|<)\s*(-?\d+)$|^(-?\d+)<=x<=(-?\d+)$")


def _extra(part: str) -> str:
    """One item of ``[default: pdf; required]``."""
    part = part.strip()
    for english, swedish in (("default: ", "standard: "), ("env var: ", "miljövariabel: ")):
        if part.startswith(english):
            return swedish + part[len(english) :]
    if part == "required":
        return "krävs"
    match = _RANGE.match(part.replace(" ", ""))
    if match:
        if match[3] is not None:
            return f"{match[3]}–{match[4]}"
        sign, number = match[1], match[2]
        return {
            ">=": f"minst {number}",
            "<=": f"högst {number}",
            ">": f"mer än {number}",
            "<": f"mindre än {number}",
        }[sign]
    return part


def translate_help(text: str) -> str:
    """A parameter's or command's help text, with Click's and Typer's parts in Swedish."""
    text = PHRASES.get(text, text)
    match = _EXTRA.search(text)
    if match:
        parts = "; ".join(_extra(p) for p in match[1].split(";"))
        text = f"{text[: match.start()]}  [{parts}]" if match.start() else f"[{parts}]"
    return text


def usage_args(args: str) -> str:
    """A usage line's arguments as the README writes them: ``visa ID [FLAGGOR]``.

    Typer writes a required argument in braces (``{ID}``) and wraps an optional one in
    brackets even when its metavar has them already (``[[B]]``). A command's flags may
    follow its arguments, so they are written last; a group's flags stay before the
    command they precede (``samverkan [FLAGGOR] KOMMANDO``)."""
    for english, swedish in USAGE_WORDS:
        args = args.replace(english, swedish)
    args = re.sub(r"\{([^{}]+)\}", r"\1", args)
    args = re.sub(r"\[\[([^\[\]]+)\]\]", r"[\1]", args)
    flags = "[FLAGGOR]"
    if args.startswith(f"{flags} ") and "KOMMANDO" not in args:
        args = f"{args.removeprefix(f'{flags} ')} {flags}"
    return args


def translate_term(term: str) -> str:
    return _TYPE.sub("", term)


def formatter_class(base: type[HelpFormatter]) -> type[HelpFormatter]:
    # The base is the command's own formatter class, known only at run time; mypy cannot
    # check a class whose base is a variable.
    class SwedishHelpFormatter(base):  # type: ignore[valid-type, misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(
                prog, usage_args(args), "Användning: " if prefix in (None, "Usage: ") else prefix
            )

        def write_heading(self, heading: str) -> None:
            super().write_heading(HEADINGS.get(heading, heading))

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            rows = [(translate_term(term), translate_help(text)) for term, text in rows]
            super().write_dl(rows, *args, **kwargs)

    return SwedishHelpFormatter


# What Typer says when it installs or shows shell completion, and how it reads in Swedish.
COMPLETION_MESSAGES = [
    (re.compile(r"^(\S+) completion installed in (.+)$"), r"Tab-kompletteringen för \1 är installerad i \2."),
    (
        re.compile(r"^Completion will take effect once you restart the terminal$"),
        "Den fungerar när du har startat om terminalen.",
    ),
    (
        re.compile(r"^Shell (\S+) (?:is )?not supported\.?$"),
        r"samverkan: skalet \1 stöds inte; välj bash, zsh, fish eller powershell",
    ),
    (re.compile(r"^Couldn't get PowerShell user profile$"), "samverkan: hittar inte PowerShell-profilen"),
    (
        re.compile(r"^Couldn't decode the path automatically$"),
        "samverkan: kan inte läsa sökvägen till profilen",
    ),
]


def translate_completion(text: str) -> str:
    """Typer's completion messages, line by line, in Swedish (other lines as they are)."""
    lines = []
    for line in text.splitlines():
        for pattern, swedish in COMPLETION_MESSAGES:
            if pattern.match(line):
                line = pattern.sub(swedish, line)
                break
        lines.append(line)
    return "".join(f"{line}\n" for line in lines)


def swedish_completion(command: Any) -> None:
    """``--install-completion`` answers in Swedish: Typer's own callback runs (it knows the
    shells and their files), and what it writes is translated on its way out."""
    for param in getattr(command, "params", []):
        if param.name != "install_completion" or getattr(param.callback, "swedish", False):
            continue
        original = param.callback

        def install(ctx: Any, param: Any, value: Any, original: Any = original) -> Any:
            if not value or ctx.resilient_parsing:
                return value
            import contextlib
            import io
            import sys

            out, err = io.StringIO(), io.StringIO()
            code: Any = 0
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    original(ctx, param, value)
            except SystemExit as exit:
                code = exit.code
            except Exception as error:  # Typer's Exit and friends, by shape (see cli/__init__.py)
                code = getattr(error, "exit_code", 1)
            sys.stdout.write(translate_completion(out.getvalue()))
            sys.stderr.write(translate_completion(err.getvalue()))
            sys.exit(code or 0)

        install.swedish = True  # type: ignore[attr-defined]
        param.callback = install


def swedish_help(command: Any) -> None:
    """Give ``command`` and every subcommand a context with the Swedish formatter, and the
    completion installer its Swedish words."""
    swedish_completion(command)
    base = command.context_class
    if getattr(base, "swedish", False):
        return
    context = type(
        "SwedishContext", (base,), {"formatter_class": formatter_class(base.formatter_class), "swedish": True}
    )
    stack = [command]
    while stack:
        current = stack.pop()
        current.context_class = context
        stack.extend(getattr(current, "commands", {}).values())
