"""The statistics screen: Pilot, a snapshot at 80×24 and the real command in tmux."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import Sparkline, Static

from bench.steplog_fixture import generate_walks
from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.steplog.store import StepLog
from samverkan_tui.tui.app import create_app
from samverkan_tui.tui.screens.start import StartScreen
from samverkan_tui.tui.screens.statistics import Bars, StatisticsScreen
from tests.tui.conftest import NOW, Terminal

FIXED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=STOCKHOLM)


def fill(folder: Path, count: int = 300) -> None:
    """Walks through the shipped routines, all finished (no offer to resume), fixed seed."""
    routines = load_catalog().routines()
    with StepLog.open(folder, retention_days=100_000) as log:
        log.store_walks(generate_walks(routines, count, FIXED, seed=3, days=40, finished_share=1.0))


def app_with_log(folder: Path):
    config = load_config()
    app = create_app(now=NOW, catalog=load_catalog(config=config), config=config, use_step_log=False)
    app.step_log = StepLog.open(folder, retention_days=100_000)
    return app


async def test_statistics_screen_opens_changes_routine_and_goes_back(isolated_user, tmp_path: Path) -> None:
    fill(tmp_path / "log")
    app = app_with_log(tmp_path / "log")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        title = str(screen.query_one("#statistics-title", Static).render())
        assert "Rutin 1 av 4" in title
        assert screen.query_one("#statistics-weeks", Sparkline).data
        assert screen.query_one("#statistics-deviations", Bars).rows
        facts = str(screen.query_one(".statistics-facts", Static).render())
        assert facts.startswith("Genomgångar: ") and "Akuta: " in facts
        await pilot.press("right")
        await pilot.pause()
        assert "Rutin 2 av 4" in str(screen.query_one("#statistics-title", Static).render())
        await pilot.press("left", "left")
        await pilot.pause()
        assert "Rutin 4 av 4" in str(screen.query_one("#statistics-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Uppföljning (statistik)" in commands


async def test_statistics_screen_without_walks_or_log(isolated_user, tmp_path: Path) -> None:
    app = app_with_log(tmp_path / "empty")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = str(app.screen.query_one("#statistics-empty", Static).render())
        assert text.startswith("Inga ärenden i stegloggen ännu")
    config = load_config()
    app = create_app(now=NOW, catalog=load_catalog(config=config), config=config, use_step_log=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(StatisticsScreen())
        await pilot.pause()
        assert "Stegloggen används inte" in str(app.screen.query_one("#statistics-empty", Static).render())


def test_statistics_snapshot_80x24(snap_compare, isolated_user, tmp_path: Path) -> None:
    fill(tmp_path / "log")
    app = app_with_log(tmp_path / "log")

    async def steady(pilot) -> None:
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), press=["ctrl+t"], run_before=steady)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux saknas (make test installerar det med apt)")
def test_the_installed_command_opens_the_statistics_in_tmux(tmp_path: Path) -> None:
    fill(tmp_path / "data", 120)
    term = Terminal(tmp_path, 80, 24)
    try:
        term.wait_for("Välj rutin")
        term.keys("C-t")
        screen = term.wait_for("Genomgångar per vecka")
        assert "Rutin 1 av 4" in screen and "Avvikelser: " in screen
        term.keys("Right")
        term.wait_for("Rutin 2 av 4")
        term.keys("Escape")
        term.wait_for("Välj rutin")
    finally:
        term.close()
