"""Running the CLI in-process for the robustness tests: fast enough for hundreds of runs."""

from __future__ import annotations

import contextlib
import io

from samverkan_tui.cli import main
from samverkan_tui.cli.common import STATE

# What must never reach a user: Python's own words for a crash.
FORBIDDEN = ("Traceback", "oväntat fel", "Error:", "Exception", "errno", "Errno")


def run_cli(*args: str) -> tuple[int, str, str]:
    """``samverkan ARGS``: exit code, stdout and stderr, with fresh global state."""
    STATE.now_text, STATE.routine_dirs, STATE.debug = None, [], False
    STATE._config, STATE._catalog = None, None
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exit_info:
            code = exit_info.code
    return (code if isinstance(code, int) else 1), out.getvalue(), err.getvalue()


def crash_words(text: str) -> list[str]:
    return [word for word in FORBIDDEN if word in text]


def listed(out: str, routine_id: str) -> bool:
    """Whether `samverkan lista` printed ``routine_id`` as an entry (a word of its own at a
    line's start: the list wraps to the terminal, so the id may stand alone on its line)."""
    return any(line.split()[:1] == [routine_id] for line in out.splitlines())
