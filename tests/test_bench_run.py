"""bench/run.py prints the three ratios of issue 23 on a line of their own (`make bench`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench import run, tmux_probe


def test_the_three_ratios_the_user_waits_for_are_printed_together(monkeypatch, tmp_path: Path) -> None:
    waits = {"Baslinjen är redo": 0.5, "Välj rutin": 0.55}
    monkeypatch.setattr(tmux_probe, "available", lambda: True)
    monkeypatch.setattr(tmux_probe, "time_until", lambda command, text, env: waits[text])
    monkeypatch.setattr(tmux_probe, "time_answer", lambda *args: (0.6, 0.05))
    monkeypatch.setattr(tmux_probe, "stop_server", lambda: None)
    monkeypatch.setattr(
        run.subprocess,
        "run",
        lambda *args, **kwargs: subprocess.CompletedProcess(args, 0, stdout="22 44 20 40\n", stderr=""),
    )
    rows = run.bench_terminal(15, {}, tmp_path) + run.bench_keypress({})
    assert run.user_wait_line(rows) == (
        "Kvoterna som användaren väntar (start, öppna rutin, per tangent): "
        "1.10×; 1.20×; 1.10× median, 1.10× p99"
    )


def test_no_line_when_none_of_them_was_measured() -> None:
    assert run.user_wait_line([run.Row("något annat", "1.00× (1 ms mot 1 ms)", "≤ 1.2×", True)]) == ""
