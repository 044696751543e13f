"""A deterministic app for Pilot and snapshot tests: fixed clock, own data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.tui.app import SamverkanApp, create_app

NOW = "2026-11-23T10:00"


@pytest.fixture
def make_app(isolated_user, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "export"))

    def make(role: str | None = None, use_step_log: bool = True) -> SamverkanApp:
        config = load_config()
        config.role = role
        return create_app(
            now=NOW, catalog=load_catalog(config=config), config=config, use_step_log=use_step_log
        )

    return make


DESK = Path(__file__).resolve().parent.parent / "data" / "skrivbord"


@pytest.fixture
def desk_app(isolated_user, tmp_path, monkeypatch):
    """The app with the fictional desk routine (tests/data/skrivbord) in its catalog."""
    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "export"))

    def make(
        role: str | None = "a", now: str = "2026-11-23T12:10", use_step_log: bool = True
    ) -> SamverkanApp:
        config = load_config()
        config.role = role
        return create_app(
            now=now, catalog=load_catalog([DESK], config=config), config=config, use_step_log=use_step_log
        )

    return make


needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux saknas (make test installerar det med apt)"
)

SAMVERKAN = str(Path(sys.executable).parent / "samverkan")


class Terminal:
    """The installed `samverkan` command in a real terminal of a fixed size, via tmux.

    Each terminal runs on a tmux server of its own (``tmux -L``, no config file), started
    with a clean environment: a person's own tmux sessions never see a test's home folder
    or data, and the person's environment (NO_COLOR, their SAMVERKAN_* folders) never
    reaches the app under test.
    """

    def __init__(self, home: Path, width: int, height: int, args: str = "") -> None:
        self.name = f"samverkan-{uuid.uuid4().hex[:8]}"
        env = {
            "HOME": str(home),
            "SAMVERKAN_CONFIG": str(home / "config.toml"),
            "SAMVERKAN_DATA": str(home / "data"),
            "SAMVERKAN_CACHE": os.environ.get("SAMVERKAN_CACHE", str(home / "cache")),  # conftest
            "SAMVERKAN_EXPORT": str(home / "export"),
            "TERM": "xterm-256color",
        }
        # The same user environment, for running other commands against what the app wrote.
        self.env = {**os.environ, **env}
        self.server_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **env}
        command = " ".join(f"{k}={v}" for k, v in env.items())
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            f"env {command} {SAMVERKAN} {args or '--now 2026-11-23T10:00'}",
            check=True,
        )

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        """One tmux command on this terminal's own server."""
        return subprocess.run(
            ["tmux", "-L", self.name, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
            env=self.server_env,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} syntes inte på skärmen:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 15) -> str:
        """Wait until ``text`` has left the screen (a dialog closed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} försvann inte från skärmen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key, check=True)
            time.sleep(0.15)

    def type_ahead(self, *keys: str) -> None:
        """Keys sent in one burst, as a fast typist's would arrive."""
        self.tmux("send-keys", "-t", self.name, *keys, check=True)

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path: Path):
    made: list[Terminal] = []

    def start(width: int = 100, height: int = 30, args: str = "") -> Terminal:
        made.append(Terminal(tmp_path, width, height, args))
        return made[-1]

    yield start
    for term in made:
        term.close()
