"""Shared fixtures: an isolated user environment for every test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine

# The suite runs on several workers on a small machine: what hypothesis generates is
# checked, not how fast it is generated (no timing assertions in tests).
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

REPO = Path(__file__).resolve().parent.parent
CHECKLISTS = REPO / "checklists"
SOURCES = REPO / "docs" / "sources"


@pytest.fixture(scope="session")
def routine_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One routine cache for a test worker's whole run, as a person's desk has one.

    Entries are keyed by a routine file's path, size, time and hash, so a test's own
    routine files never meet another's entry; the shipped routines are parsed once per
    worker instead of once per test (0.12 s each time). The cache's own behaviour, cold
    and damaged, is tested with caches of its own (tests/robustness/test_routine_cache.py).
    """
    return tmp_path_factory.mktemp("routine-cache")


@pytest.fixture(autouse=True)
def isolated_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, routine_cache: Path) -> Path:
    """Never read or write the developer's real config, data or routine folders."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SAMVERKAN_CACHE", str(routine_cache))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("SAMVERKAN_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("SAMVERKAN_DATA", str(home / "data"))
    monkeypatch.delenv("SAMVERKAN_KATALOG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


def shipped(routine_id: str) -> Routine:
    """A shipped routine by id; fails the test loudly if it does not load."""
    result = load_routine(CHECKLISTS / f"{routine_id}.toml")
    assert result.routine is not None, [str(p) for p in result.problems]
    return result.routine


@pytest.fixture
def monday_morning() -> dt.datetime:
    """Monday 23 November 2026, 10:00 Stockholm time: an ordinary working day."""
    return parse_now("2026-11-23T10:00")


def run_cli(
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    """Run `samverkan ARGS…` in this process: (exit code, stdout, stderr).

    The CLI keeps parsed globals on a module-level STATE; every run starts it clean. With
    ``stdin`` (and ``monkeypatch``) the command reads that text as its standard input.
    """
    import io

    from samverkan_tui.cli import main
    from samverkan_tui.cli.common import STATE

    STATE.now_text, STATE.routine_dirs, STATE.debug, STATE._config, STATE._catalog = (
        None,
        [],
        False,
        None,
        None,
    )
    if stdin is not None:
        assert monkeypatch is not None, "stdin needs monkeypatch"
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err
