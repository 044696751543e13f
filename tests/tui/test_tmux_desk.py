"""The desk journeys in a real terminal at 80×24: the installed command in tmux, keys sent
as a person types them, assertions on the text a person sees (issue: the walk at the desk).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.tui.conftest import DESK, SAMVERKAN, needs_tmux

pytestmark = needs_tmux

ARGS = f"--katalog {DESK} --now 2026-11-23T12:10"


def flat(screen: str) -> str:
    return " ".join(screen.split())


def open_desk(terminal, *keys: str, args: str = ARGS):
    term = terminal(80, 24, args)
    term.wait_for("Välj rutin")
    term.keys(*"skriv", "Enter")
    term.wait_for("Vilken är din roll?")
    term.keys("1")  # Enhet A
    term.wait_for("Är situationen akut?")
    term.keys(*keys)
    return term


def test_deviation_with_a_reason_is_shown_scrubbed_and_reaches_the_log(terminal, tmp_path) -> None:
    term = open_desk(terminal, "j", "2", "j")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    term.wait_for("Ring nu")
    term.keys("a")
    term.wait_for("Kontakten kunde inte nås")
    term.keys("2")
    term.wait_for("Orsak till avvikelsen")
    term.keys("Mamma Anna Andersson 19850101-1234 nåddes inte", "Enter")
    screen = term.wait_for("Så här sparas orsaken")
    assert "19850101" not in screen and "Andersson" not in screen
    term.keys("j")
    screen = term.wait_for("avvikelse: Kontakten kunde inte nås")
    term.keys("a")  # again: opens for editing, never clears
    term.wait_for("Ändra avvikelse")
    term.keys("Escape")
    term.keys("C-q")
    log = subprocess.run(
        [SAMVERKAN, "--katalog", str(DESK), "logg", "lista", "--format", "json"],
        capture_output=True,
        text=True,
        env=term.env,
        check=True,
    )
    walk = json.loads(log.stdout)[0]["id"]
    shown = subprocess.run(
        [SAMVERKAN, "--katalog", str(DESK), "logg", "visa", walk],
        capture_output=True,
        text=True,
        env=term.env,
        check=True,
    ).stdout
    assert "Kontakten kunde inte nås" in shown
    assert "Andersson" not in shown and "19850101" not in shown


def test_tab_moves_focus_and_the_footer_follows(terminal) -> None:
    term = open_desk(terminal, "j", "2", "j")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    term.wait_for("space Klar")  # the plan has focus once the questions are done
    term.keys("Tab")  # → the question panel (nothing to answer: no answer keys)
    term.wait_gone("space Klar")
    term.keys("Tab")  # → the answers list: Enter changes an answer
    term.keys("Enter")
    screen = term.wait_for("Ändra svar")
    assert "Är situationen akut?" in screen


def test_changing_an_answer_keeps_the_done_action_and_says_what_changed(terminal) -> None:
    term = open_desk(terminal, "j", "2", "j")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    term.wait_for("Ring nu")
    term.keys("Down", "Down", "Space")  # the third action: Enhet B's assessment
    term.wait_for("Plan – 1 av 6")
    term.keys("BTab", "Home", "Enter", "n")  # answers list → first answer → not akut
    screen = term.wait_for("steg föll bort")
    screen = term.wait_for("Plan – 1 av 3")
    assert "[✓]" in screen


def test_five_options_and_the_whole_help_are_reachable(terminal) -> None:
    term = open_desk(terminal, "j")
    screen = term.wait_for("Fråga 2 av 3")
    assert "I vilket skede är ärendet?" in screen
    for _ in range(8):
        term.keys("Down")
    screen = term.wait_for("Avslut och uppföljning")
    assert "Avslut och uppföljning" in screen
    assert "^q Avsluta" in screen and "f1 Hjälp" in screen and "1–9 Välj" in screen


def test_the_first_question_says_no_total_until_it_is_known(terminal) -> None:
    term = open_desk(terminal)
    screen = term.wait_for("Fråga 1")
    assert "Fråga 1 av" not in screen
    for _ in range(10):
        term.keys("Down")
    term.wait_for("rådgör med mottagningen")  # the end of the help


def test_finishing_with_open_actions_asks_and_then_offers_summary(terminal) -> None:
    term = open_desk(terminal, "j", "2", "j")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    term.wait_for("Ring nu")
    term.keys("C-f")
    term.wait_for("6 åtgärder är inte hanterade")
    term.keys("j")
    term.wait_for("Genomgången är avslutad")
    term.keys("1")
    screen = term.wait_for("Genomgång enligt samverkansrutin")
    assert "Återstående steg (6)" in screen


def test_ring_nu_names_the_fallback_at_lunch_with_its_number(terminal) -> None:
    term = open_desk(terminal, "j", "2", "j")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    screen = flat(term.wait_for("Ring nu"))
    # Acute at lunch: the fallback with its number first, then why the contact is not called.
    assert "Ring nu: Jouren 08-765 43 21 – Mottagningen: stängt (lunch), öppnar 13.00" in screen


def test_resume_shows_stockholm_time_and_offers_continue_throw_away_new(terminal) -> None:
    term = open_desk(terminal, "j", "2", "j", args=f"--katalog {DESK} --now 2026-10-20T15:00")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    term.wait_for("Ring nu")
    term.keys("Space")
    term.wait_for("Plan – 1 av")
    term.keys("C-q")
    again = terminal(80, 24, f"--katalog {DESK} --now 2026-10-20T16:00")
    again.env = term.env
    screen = again.wait_for("påbörjad genomgång")
    assert "kl. 15.00" in screen and "roll Enhet A" in screen
    # Letters go to the filter (issue 23), so discarding is Delete and a new walk is Esc or a name.
    said = flat(screen)
    assert "Enter fortsätter" in said and "Delete slänger (frågar först)" in said
    assert "Esc eller skriv" in said and "rutinnamn: ny genomgång (inget tas bort)" in said


def test_swedish_palette_quit_hint_and_empty_filter(terminal) -> None:
    term = terminal(80, 24, ARGS)
    term.wait_for("Välj rutin")
    term.keys(*"xyz")
    screen = term.wait_for("Inga rutiner matchar ”xyz”")
    term.keys("C-c")
    screen = term.wait_for("Tryck Ctrl+Q för att avsluta appen")
    term.keys("C-p")
    screen = term.wait_for("Sök kommando")
    assert "^p Kommandon" in screen or "Sök kommando" in screen


def test_export_dialog_writes_the_chosen_format_and_shows_the_path(terminal) -> None:
    term = open_desk(terminal, "j", "2", "j")
    term.wait_for("När kom anmälan in?")
    term.keys("Escape")
    term.wait_gone("När kom anmälan in?")
    term.wait_for("Ring nu")
    term.keys("x")
    term.wait_for("Exportera genomgången som")
    term.keys("3")  # text
    screen = term.wait_for("Exporterad till")
    files = list(Path(term.env["SAMVERKAN_EXPORT"]).iterdir())
    assert len(files) == 1 and files[0].stat().st_mode & 0o777 == 0o600
    assert files[0].name in screen  # the file name whole, on one line


def test_window_below_60x20_says_so(terminal) -> None:
    term = terminal(58, 18, ARGS)
    term.wait_for("Fönstret är för litet – minst 60×20")


def test_typing_ahead_loses_no_key_and_opens_the_routine_typed(terminal) -> None:
    term = terminal(80, 24, ARGS)
    term.wait_for("Välj rutin")
    # One burst, as a practised hand types it: the filter, Enter, role, three answers.
    term.type_ahead("s", "k", "r", "i", "v", "Enter")
    term.wait_for("Vilken är din roll?")
    term.type_ahead("1", "j", "2", "j")
    screen = term.wait_for("När kom anmälan in?")
    assert "Skrivbordsrutin (test)" in screen
