"""The CLI's shared state and one-line errors, without Typer.

`samverkan` and `samverkan ID` start the app through this module alone (cli/__init__.py's
fast path), so nothing here may import Typer or Click.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

from samverkan_tui.core.base.clock import NowError, current_time, parse_now
from samverkan_tui.core.base.config import Config, ConfigError, load_config
from samverkan_tui.core.base.problems import did_you_mean
from samverkan_tui.core.routine.catalog import Catalog, load_catalog
from samverkan_tui.core.routine.model import Routine

EXIT_FAILURE = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: one Swedish line and an exit code, never a traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    raise CliError(message, code)


class State:
    """Global options from the top-level callback, shared by the commands."""

    def __init__(self) -> None:
        self.now_text: str | None = None
        self.routine_dirs: list[Path] = []
        self.debug = False
        self._config: Config | None = None
        self._catalog: Catalog | None = None

    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = load_config()
            except ConfigError as error:
                fail(str(error), EXIT_FAILURE)
            for warning in self._config.warnings:
                print(f"samverkan: varning: {warning}", file=sys.stderr)
        return self._config

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load_catalog(self.routine_dirs, self.config())
        return self._catalog

    def routine(self, routine_id: str) -> Routine:
        catalog = self.catalog()
        routine = catalog.get(routine_id)
        if routine is None:
            hint = did_you_mean(routine_id, catalog.entries)
            fail(f"okänd rutin `{routine_id}`; {hint}" if hint else f"okänd rutin `{routine_id}`")
        return routine

    def routine_with_answers(
        self, routine_id: str, pairs: list[str] | None, role: str | None = None
    ) -> tuple[Routine, dict[str, str]]:
        """The routine and checked answers (and role): one Swedish line and exit 2 if not."""
        from samverkan_tui.core.walk.plan import AnswerError, check_answers

        routine = self.routine(routine_id)
        answers = parse_answers(pairs)
        try:
            check_answers(routine, answers)
        except AnswerError as error:
            fail(str(error))
        warn_unused_answers(routine, answers)
        if role is not None and routine.role(role) is None:
            hint = did_you_mean(role, [r.id for r in routine.roles])
            fail(f"okänd roll `{role}`; {hint}")
        return routine, answers

    def moments(self, routine: Routine, inkom: str | None) -> dict[str, dt.datetime]:
        """``--inkom``: the moment every deadline of the routine counts from."""
        if inkom is None:
            return {}
        try:
            when = parse_now(inkom)
        except NowError as error:
            fail(f"--inkom: {error}")
        return {moment.id: when for moment in routine.moments}

    def now(self, override: str | None = None) -> dt.datetime:
        text = override or self.now_text
        if text is None:
            return current_time()
        try:
            return parse_now(text)
        except NowError as error:
            fail(f"--now: {error}")


STATE = State()


def warn_unused_answers(routine: Routine, answers: dict[str, str]) -> None:
    """`--svar x=…` for a question the other answers never reach: say so on stderr."""
    from samverkan_tui.core.walk.plan import effective_answers

    used = effective_answers(routine, answers)
    for question_id in answers:
        if question_id not in used:
            print(
                f"samverkan: varning: frågan `{question_id}` ställs inte med de andra svaren; "
                "svaret används inte",
                file=sys.stderr,
            )


def parse_answers(pairs: list[str] | None) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs or []:
        question, sep, value = pair.partition("=")
        if not sep or not question.strip() or not value.strip():
            fail(f"--svar {pair!r}: skriv FRÅGA=SVAR, till exempel --svar akut=ja")
        question = question.strip()
        if question in answers:
            fail(f"--svar: frågan `{question}` besvaras två gånger; ange varje fråga en gång")
        answers[question] = value.strip()
    return answers
