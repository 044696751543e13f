"""The core never imports Textual, and the CLI imports it only to start the app.

Checked in fresh subprocesses through sys.modules, so that another test's imports cannot hide it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CORE_MODULES = [
    "samverkan_tui.core.routine.catalog",
    "samverkan_tui.core.routine.loader",
    "samverkan_tui.core.validation.validate",
    "samverkan_tui.core.walk.plan",
    "samverkan_tui.core.walk.session",
    "samverkan_tui.core.walk.hours",
    "samverkan_tui.core.walk.hours_text",
    "samverkan_tui.core.walk.status",
    "samverkan_tui.core.routine.deadline_phrases",
    "samverkan_tui.core.walk.due_text",
    "samverkan_tui.steplog.store",
    "samverkan_tui.export.text",
    "samverkan_tui.export.markdown",
]


def loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_does_not_import_textual(module: str) -> None:
    modules = loaded_after(f"import {module}")
    assert module in modules
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


@pytest.mark.parametrize(
    "args", [["--help"], ["list"], ["show", "rvt-bou", "--svar", "akut=ja"], ["validate"], ["kontakter"]]
)
def test_cli_commands_do_not_import_textual(args: list[str]) -> None:
    code = (
        "import sys\nfrom samverkan_tui.cli import main\n"
        f"sys.argv = ['samverkan', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = sys.__stdout__"
    )
    modules = loaded_after(code)
    assert "samverkan_tui.cli" in modules
    assert "textual" not in modules


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["rvt-bou"],
        ["--now", "2026-11-23T10:00", "rvt-bou", "--svar", "inkom=rvt", "--katalog", "/tmp"],
        ["lsta"],
    ],
)
def test_starting_the_app_does_not_import_typer(args: list[str]) -> None:
    """`samverkan` and `samverkan ID` go straight to the app (here: no terminal, so the app
    says so and exits 2), without Typer or Click on the way."""
    code = (
        "import sys\nfrom samverkan_tui.cli import main\n"
        f"sys.argv = ['samverkan', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 2, e.code\n"
        "sys.stdout = sys.__stdout__"
    )
    modules = loaded_after(code)
    assert "samverkan_tui.cli.start" in modules
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click")}


def test_a_command_still_goes_to_typer() -> None:
    code = (
        "import sys\nfrom samverkan_tui.cli import main\n"
        "sys.argv = ['samverkan', 'lista']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = sys.__stdout__"
    )
    assert "typer" in loaded_after(code)
