"""Övningsläge in a real terminal at 80×24: an exercise answered with one mistake, and the
result with the correct plan next to the trainee's, read from the screen as a person would."""

from __future__ import annotations

from tests.conftest import REPO
from tests.tui.conftest import needs_tmux

pytestmark = needs_tmux

KATALOG = REPO / "tests" / "data" / "ovning"


def test_the_training_result_at_80x24_shows_the_correct_plan(terminal) -> None:
    term = terminal(80, 24, f"--katalog {KATALOG} --now 2026-11-23T10:00 öva ovning")
    term.wait_for("0 av 3 övningar gjorda")
    term.keys("Enter")  # the first exercise: Friday 16.40, akut, came in to enhet A
    term.wait_for("Var har ärendet inkommit?")
    term.keys("1")
    term.wait_for("Är situationen akut?")
    term.keys("n")  # wrong: the case is akut
    term.wait_for("Finns barn i familjen?")  # a question only the wrong path asks
    screen = term.keys("j") or term.wait_for("Poäng:")
    assert "Poäng: 25 av 100 (1 av 2 svar rätt, 0 av 3 steg som svaren avgör rätt)" in screen
    assert "✗ Fel: Är situationen akut?" in screen
    # Scroll to the correct plan: the missed step in the routine's order, its date, whom
    # to call at the case's moment (the intake is closed at 16.40), and the needless ones.
    term.keys("End")
    screen = term.wait_for("Boka möte inom en vecka.")
    assert "Rätt plan för fallet, bredvid din" in screen or "Ring mottagningen" in screen
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    assert "✓ Dokumentera vad som har kommit fram." in screen
    assert "✗ Saknas i din plan: Ring mottagningen samma dag." in screen
    assert "Senast fredag 27 november 2026 (samma dag)" in screen
    assert "Ring nu: Jouren, tel 08-765 43 21 (Mottagningen: stängt" in screen
    assert "! I onödan (inte i rätt plan): Boka möte inom en vecka." in screen
    assert "⏎ Nästa övning" in screen
    term.keys("Escape")
    term.wait_for("1 av 3 övningar gjorda")
    term.keys("C-q")
