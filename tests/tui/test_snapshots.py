"""Snapshots of the start screen, a question and a plan at 80×24 and 120×40.

Review the report (snapshot_report.html) before running `pytest --snapshot-update`.
Textual is pinned in pyproject.toml so that these change only on purpose.
"""

from __future__ import annotations

import pytest

from samverkan_tui.core.catalog import load_catalog
from samverkan_tui.core.config import load_config
from samverkan_tui.tui.app import create_app
from tests.tui.conftest import NOW

SIZES = [(80, 24), (120, 40)]


def build(role: str | None = "bou"):
    config = load_config()
    config.role = role
    return create_app(now=NOW, catalog=load_catalog(config=config), config=config,
                      use_step_log=False)


async def steady(pilot) -> None:
    """No blinking cursor, no pending work: the same pixels every run."""
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(snap_compare, size) -> None:
    assert snap_compare(build(), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare, size) -> None:
    assert snap_compare(build(), terminal_size=size, press=[*"rvt", "enter", "1"],
                        run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan(snap_compare, size) -> None:
    keys = [*"rvt", "enter", "2", "j", "j", "j", "n", "j"]  # BoU, akut, klienten vill kontakt
    assert snap_compare(build(), terminal_size=size, press=keys, run_before=steady)
