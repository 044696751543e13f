"""A deterministic app for Pilot and snapshot tests: fixed clock, own data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_tui.core.catalog import load_catalog
from samverkan_tui.core.config import load_config
from samverkan_tui.tui.app import SamverkanApp, create_app

NOW = "2026-11-23T10:00"


@pytest.fixture
def make_app(isolated_user, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "export"))

    def make(role: str | None = None, use_step_log: bool = True) -> SamverkanApp:
        config = load_config()
        config.role = role
        return create_app(now=NOW, catalog=load_catalog(config=config), config=config,
                          use_step_log=use_step_log)

    return make


DESK = Path(__file__).resolve().parent.parent / "data" / "skrivbord"


@pytest.fixture
def desk_app(isolated_user, tmp_path, monkeypatch):
    """The app with the fictional desk routine (tests/data/skrivbord) in its catalog."""
    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "export"))

    def make(role: str | None = "a", now: str = "2026-11-23T12:10",
             use_step_log: bool = True) -> SamverkanApp:
        config = load_config()
        config.role = role
        return create_app(now=now, catalog=load_catalog([DESK], config=config), config=config,
                          use_step_log=use_step_log)

    return make
