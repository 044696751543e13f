"""The whole walk in a real terminal, the way a person does it: tmux, keys, the screen text."""

from __future__ import annotations

from tests.tui.conftest import needs_tmux

pytestmark = needs_tmux


def test_a_whole_walk_at_the_desk(terminal) -> None:
    term = terminal(100, 30)
    term.wait_for("Välj rutin")
    term.keys("r", "v", "t", "Enter")
    term.wait_for("Vilken är din roll?")
    term.keys("2")  # BoU
    term.wait_for("Var har ärendet inkommit?")
    term.keys("2", "n", "j")  # till BoU, inte akut, klienten vill ha kontakt med RVT
    term.wait_for("Vet inte ännu")  # tackat ja till insats: ja, vet inte ännu, nej (issue 24)
    term.keys("1")
    for moment in ("När mottogs informationen?", "När informerades RVT av BoU?"):
        term.wait_for(moment)  # deadlines count from it: Esc takes the walk's start
        term.keys("Escape")
        term.wait_gone(moment)
    screen = term.wait_for("Alla frågor besvarade")
    assert "Plan – 0 av" in screen
    assert "BoU-handläggare undersöker om klienten vill ha" in screen
    term.keys("Space")
    screen = term.wait_for("Plan – 1 av")
    assert "[✓]" in screen
    term.keys("F1")
    term.wait_for("Tangenter")  # the help: keys first, the glossary below
    term.keys("Escape", "C-q")


def test_narrow_terminal_still_shows_the_question(terminal) -> None:
    term = terminal(80, 24)
    term.wait_for("Välj rutin")
    term.keys("b", "o", "t", "Enter", "Escape")
    screen = term.wait_for("Går barnet i förskolan")  # Botkyrka's first question
    assert "Kontakter" not in screen  # the side panel has collapsed
    term.keys("C-q")
