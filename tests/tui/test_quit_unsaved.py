"""Ctrl+Q with changes the step log could not write asks first; without, it quits at once."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from samverkan_tui.tui.screens.quit import QuitDialog
from samverkan_tui.tui.screens.walk import WalkScreen


class FullDisk:
    """The log's connection, answering every write as SQLite does when the disk is full."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.full = True

    def execute(self, sql: str, *args):
        if self.full and sql.startswith("begin"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


def fill_the_disk(app) -> None:
    app.step_log._conn = FullDisk(app.step_log._conn)


def free_the_disk(app) -> None:
    app.step_log._conn.full = False


async def start_walk(pilot) -> None:
    await pilot.press(*"rvt", "enter")
    await pilot.pause()
    await pilot.press("2")  # role: BoU
    await pilot.pause()


async def test_quit_with_unsaved_changes_asks_retry_export_or_quit(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_walk(pilot)
        assert app.step_log is not None and isinstance(app.screen, WalkScreen)
        fill_the_disk(app)
        await pilot.press("1", "j")  # two answers, neither can be written
        await pilot.pause()
        pending = app.step_log.pending
        assert pending > 0
        commands = [c.help for c in app.get_system_commands(app.screen) if c.title == "Avsluta appen"]
        assert "allt är redan sparat" not in commands[0] and "inte sparad" in commands[0]

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog), "quit must not drop unsaved changes"
        title = str(app.screen.query_one("#quit-title").render())
        expected = "1 ändring är inte sparad" if pending == 1 else f"{pending} ändringar är inte sparade"
        assert title.startswith(expected) and "försök igen / exportera / avsluta ändå" in title
        assert "disken är full" in str(app.screen.query_one("#quit-body").render())

        await pilot.press("f")  # still full: stays, says so
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog) and app.is_running
        assert "fortfarande inte" in str(app.screen.query_one("#quit-body").render())

        await pilot.press("e")  # export: a private file with the walk
        await pilot.pause()
        exported = list((tmp_path / "export").glob("rvt-bou-*.md"))
        assert len(exported) == 1
        assert stat.S_IMODE(os.stat(exported[0]).st_mode) == 0o600
        assert str(exported[0]) in str(app.screen.query_one("#quit-body").render())

        await pilot.press("escape")  # back to the walk, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)

        free_the_disk(app)
        await pilot.press("ctrl+q")  # the retry on quit now writes everything: quits at once
        await pilot.pause()
    assert app.return_code == 0
    assert app.step_log.pending == 0


async def test_quit_anyway_exits_and_quit_without_pending_changes_exits_at_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_walk(pilot)
        commands = [c.help for c in app.get_system_commands(app.screen) if c.title == "Avsluta appen"]
        assert commands == ["Stäng Samverkan (allt är redan sparat)"]
        fill_the_disk(app)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        if app.step_log.pending:
            assert isinstance(app.screen, QuitDialog)
            await pilot.press("a")
            await pilot.pause()
    assert not app.is_running
