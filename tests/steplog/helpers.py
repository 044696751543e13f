"""Shared helpers for the step-log tests (also imported by the child-process writer)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine

REPO = Path(__file__).resolve().parents[2]
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # Monday 10.00 in Stockholm


def routine(routine_id: str = "rvt-bou") -> Routine:
    result = load_routine(REPO / "checklists" / f"{routine_id}.toml")
    assert result.routine is not None
    return result.routine


def at(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def db_bytes(folder: Path) -> bytes:
    """Every byte SQLite keeps for the log: the database, its WAL and its shared memory."""
    data = b""
    for path in sorted(folder.iterdir()):
        if path.name.startswith("steglogg.sqlite3"):
            data += path.read_bytes()
    return data
