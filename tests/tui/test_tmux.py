"""The whole walk in a real terminal, the way a person does it: tmux, keys, the screen text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux saknas (make test installerar det med apt)")

SAMVERKAN = str(Path(sys.executable).parent / "samverkan")


class Terminal:
    def __init__(self, home: Path, width: int, height: int) -> None:
        self.name = f"samverkan-{uuid.uuid4().hex[:8]}"
        env = {"HOME": str(home), "SAMVERKAN_CONFIG": str(home / "config.toml"),
               "SAMVERKAN_DATA": str(home / "data"), "SAMVERKAN_CACHE": str(home / "cache"),
               "SAMVERKAN_EXPORT": str(home / "export"), "TERM": "xterm-256color"}
        command = " ".join(f"{k}={v}" for k, v in env.items())
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width),
                        "-y", str(height), f"env {command} {SAMVERKAN} --now 2026-11-23T10:00"],
                       check=True, env={**os.environ, "TMUX": ""})

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=False).stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} syntes inte på skärmen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False,
                       capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path):
    made: list[Terminal] = []

    def start(width: int = 100, height: int = 30) -> Terminal:
        made.append(Terminal(tmp_path, width, height))
        return made[-1]

    yield start
    for term in made:
        term.close()


def test_a_whole_walk_at_the_desk(terminal) -> None:
    term = terminal(100, 30)
    term.wait_for("Välj rutin")
    term.keys("r", "v", "t", "Enter")
    term.wait_for("Vilken är din roll?")
    term.keys("2")  # BoU
    term.wait_for("Var har ärendet inkommit?")
    term.keys("2", "n", "j")  # till BoU, inte akut, klienten vill ha kontakt med RVT
    term.wait_for("Har klienten tackat ja till")
    term.keys("j", "n", "j")
    screen = term.wait_for("Alla frågor besvarade")
    assert "Plan – 0 av" in screen
    assert "BoU-handläggare undersöker om klienten vill ha information" in screen
    term.keys("Space")
    screen = term.wait_for("Plan – 1 av")
    assert "[✓]" in screen
    term.keys("F1")
    term.wait_for("Ordlista")
    term.keys("Escape", "C-q")


def test_narrow_terminal_still_shows_the_question(terminal) -> None:
    term = terminal(80, 24)
    term.wait_for("Välj rutin")
    term.keys("b", "o", "t", "Enter", "Escape")
    screen = term.wait_for("Vem agerar?")  # Botkyrka's first question
    assert "Kontakter" not in screen  # the side panel has collapsed
    term.keys("C-q")
