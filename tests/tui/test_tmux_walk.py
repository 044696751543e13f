"""The walk at the moment that matters, in a real terminal at 80×24 (issue 23).

The installed command in tmux (a private server per test), keys sent as a person types
them, assertions on the text a person sees: the call line at the hours that matter, the
calendar without dates, Esc in the plan, typing over a resume offer, the five skeden,
an edited deviation, the unreachable contact, the closed record and the remarks.
"""

from __future__ import annotations

import json
import re
import subprocess

from tests.tui.conftest import SAMVERKAN, needs_tmux

pytestmark = needs_tmux

BOTKYRKA = "botkyrka-forskola-skola --svar verksamhet=skola --svar skede=anmalan --svar alder=under15"
# A whole RVT–BoU path with no deadline: its plan has no dated action for a calendar.
RVT_UNDATED = (
    "rvt-bou --svar inkom=rvt --svar akut=ja --svar utredning=oppen --svar ansvarig_pa_plats=ja "
    "--svar skyddsbehov=ja --svar nej_skyddat_boende=ja --svar stod_fran_rvt=ja --now 2026-11-23T10:00"
)


def flat(screen: str) -> str:
    """The screen as one line of words: wrapped lines joined, borders kept as words."""
    return " ".join(screen.split())


def open_walk(terminal, args: str, role: str = "1", moment: str = "När kom anmälan in?"):
    """Start a walk by name at 80×24; the moment dialog takes the walk's start, then the role."""
    term = terminal(80, 24, args)
    if moment:
        term.wait_for(moment)
        term.keys("Escape")
        term.wait_gone(moment)
    term.wait_for("Vilken är din roll?")
    term.keys(role)
    term.wait_gone("Vilken är din roll?")
    return term


def call_line(screen: str) -> str:
    """The lines from the ☎ of the call line to the plan's top border, as one line."""
    lines = screen.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("☎"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("╭"))
    assert end - start <= 2, "the call line takes two lines at most"
    return flat("\n".join(lines[start:end]))


def test_call_line_on_a_saturday_sends_an_acute_case_to_socialjouren(terminal) -> None:
    term = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-12T10:00")
    screen = term.wait_for("Socialjouren")
    line = call_line(screen)
    assert line.startswith("☎ Ring nu: Socialjouren 778 48 60")
    assert "stängt (helg), öppnar måndag 08.30" in line
    # The plan opens at its top: its first heading is on screen with the call line. Botkyrka's
    # plan starts with "Föräldrar och barn" under its first phase, which applies in every case.
    assert "UTGÅNGSPUNKTER OCH BEGREPP" in screen
    term.keys("C-q")


def test_the_first_actions_of_an_acute_plan_are_on_the_first_screen_at_80x24(terminal) -> None:
    """Botkyrka's acute plan opens with long information (principles, the law's text): each
    is one line with "…" in the plan, so the first action is on screen with the call line,
    and i reads the information in full."""
    term = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-05T11:00")
    screen = term.wait_for("Socialjouren")
    assert call_line(screen).startswith("☎ Ring nu: Socialjouren 778 48 60")
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    plan = flat(screen)
    assert "UTGÅNGSPUNKTER OCH BEGREPP" in plan  # the plan at its top
    assert "ℹ För att vårdnadshavaren ska kunna …" in plan  # one line, and more to read
    assert "[ ] Förskolan/skolan När förskolan/skolan" in plan  # the first action
    assert "i läser informationen" in plan
    term.keys("i")
    term.wait_for("Information i planen")
    term.wait_for("BFS F.3 För att vårdnadshavaren ska kunna fullgöra sitt ansvar")
    term.keys("Escape")
    term.wait_gone("Information i planen")
    term.keys("C-q")


def test_call_line_at_lunch_says_when_the_mottagning_opens_again(terminal) -> None:
    # A question is still open (no moment asked yet): the call line is there already.
    term = open_walk(terminal, f"{BOTKYRKA} --svar akut=nej --now 2026-12-07T12:15", moment="")
    line = call_line(term.wait_for("☎"))
    assert "stängt (lunch), öppnar 13.00; akut: Socialjouren 778 48 60" in line
    assert "Ring nu: Socialjouren" not in line
    term.keys("C-q")


def test_call_line_at_six_in_the_evening_and_on_christmas_day(terminal) -> None:
    evening = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-07T18:00")
    line = call_line(evening.wait_for("☎"))
    assert line.startswith("☎ Ring nu: Socialjouren 778 48 60")
    assert "öppnar i morgon 08.30" in line
    evening.keys("C-q")
    holiday = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-25T10:00")
    line = call_line(holiday.wait_for("☎"))
    assert "troligen stängt (juldagen), öppnar måndag 08.30" in line
    holiday.keys("C-q")


def test_a_unit_is_never_told_to_call_itself(terminal) -> None:
    term = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-07T10:00", role="2")
    line = call_line(term.wait_for("☎"))
    assert line.startswith("☎ Förskolan/skolan ringer er (Utredningsenhetens mottagningsgrupp).")
    assert "Ring nu" not in line
    term.keys("C-q")


def test_calendar_without_dated_actions_is_one_swedish_line(terminal) -> None:
    args = RVT_UNDATED
    term = open_walk(terminal, args, moment="")
    term.keys("x")
    screen = term.wait_for("Exportera genomgången som")
    found = re.search(r"(\d)\s+Kalender \(\.ics\)", screen)
    assert found is not None  # the calendar's digit, whatever comes before it
    term.keys(found.group(1))
    screen = term.wait_for("Ingen kalender")  # a toast: its words wrap inside it
    assert "Traceback" not in screen and "Plan – 0 av" in screen  # the walk is still there
    term.keys("C-q")
    cli = subprocess.run(
        [SAMVERKAN, "exportera", *args.split(), "-f", "ics", "-o", str(term.env["HOME"]) + "/x.ics"],
        capture_output=True,
        text=True,
        env=term.env,
        check=False,
    )
    assert cli.returncode == 2
    assert len(cli.stderr.strip().splitlines()) == 1 and "Traceback" not in cli.stderr


def test_escape_in_the_plan_moves_focus_and_never_takes_back_an_answer(terminal) -> None:
    args = RVT_UNDATED
    term = open_walk(terminal, args, moment="")
    term.wait_for("Svar (7)")
    term.wait_for("space Klar")  # the plan has the focus
    term.keys("Escape")
    screen = term.wait_gone("space Klar")  # focus moved back …
    assert "Svar (7)" in screen  # … and every answer is still there
    term.keys("Escape")  # from the answers: leave; the walk is kept
    term.wait_for("Välj rutin")
    term.keys("C-q")


def test_undo_is_its_own_key_and_says_what_it_took_back(terminal) -> None:
    term = terminal(80, 24, "rvt-bou --svar inkom=rvt --now 2026-11-23T10:00")
    term.wait_for("Vilken är din roll?")
    term.keys("1")
    term.wait_for("Svar (1)")
    term.keys("u")
    screen = term.wait_for("Svaret togs tillbaka")
    assert "Svar (0)" in screen or "Svar (1)" not in screen
    term.keys("C-q")


def test_typing_over_a_resume_offer_goes_to_the_filter(terminal) -> None:
    first = terminal(80, 24, "rvt-bou --svar inkom=rvt --now 2026-11-23T10:00")
    first.wait_for("Vilken är din roll?")
    first.keys("1")
    first.wait_for("Svar (1)")
    first.keys("C-q")
    first.wait_gone("Svar (1)")
    again = terminal(80, 24)
    again.wait_for("Fortsätta?")
    again.keys("?")
    again.wait_for("Tangenter")  # help, not a "?" in the filter
    again.keys("Escape")
    again.wait_for("Fortsätta?")
    again.keys("b", "o", "t", "k", "Enter")
    again.wait_for("Går barnet i förskolan")  # Botkyrka's first question, not the old walk
    again.keys("C-q")


def test_all_five_skeden_and_their_help_at_80x24(terminal) -> None:
    term = terminal(80, 24, "botkyrka-forskola-skola --svar verksamhet=skola --now 2026-12-07T10:00")
    term.wait_for("Vilken är din roll?")
    term.keys("1")
    term.wait_for("I vilket skede är samverkan?")
    screen = term.wait_for("Barnet har en beslutad och behandlande insats")
    for label in (
        "Främjande och förebyggande arbete",
        "Begynnande oro för ett barn",
        "Förskolan/skolan anmäler oro",
        "Barnets situation utreds",
        "Barnet har en beslutad och behandlande insats",
    ):
        assert label in screen
    term.keys("PageDown", "PageDown")
    assert "insats från socialtjänsten." in flat(term.wait_for("från socialtjänsten."))
    term.keys("C-q")


def test_editing_a_deviation_keeps_its_reason(terminal) -> None:
    args = RVT_UNDATED
    term = open_walk(terminal, args, moment="")
    term.wait_for("space Klar")
    term.keys("a")
    term.wait_for("Tidsfristen kunde inte hållas")
    term.keys("7")  # annat
    term.wait_for("Orsak till avvikelsen")
    term.keys("väntar på tolk", "Enter")
    term.wait_for("Så här sparas orsaken")
    term.keys("j")
    term.wait_for("”väntar på tolk”")
    term.keys("a")  # edit it: same category, then Esc in the pre-filled reason
    term.wait_for("Ändra avvikelse")
    term.keys("7")
    term.wait_for("Esc behåller orsaken")
    term.keys("Escape")
    term.wait_gone("Esc behåller orsaken")
    assert "”väntar på tolk”" in term.wait_for("avvikelse: Annat")
    term.keys("C-q")


def test_the_unreachable_contact_is_recorded_and_shown_in_the_log(terminal) -> None:
    term = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-07T10:00")
    term.wait_for("space Klar")
    term.keys("Down", "Down")  # the third action: "Ta direkt kontakt med mottagningsgruppen"
    term.keys("a")
    term.wait_for("Kontakten kunde inte nås")
    term.keys("2")
    term.wait_for("Vilken kontakt kunde inte nås?")
    term.keys("2")  # Södra
    term.wait_for("Orsak till avvikelsen")
    term.keys("Escape")
    screen = flat(term.wait_for("avvikelse: Kontakten kunde inte nås"))
    assert "(Mottagningssektion Södra 0–20 år)" in screen
    term.keys("C-q")
    term.wait_gone("avvikelse:")
    listed = subprocess.run(
        [SAMVERKAN, "logg", "lista", "--format", "json"],
        capture_output=True,
        text=True,
        env=term.env,
        check=True,
    )
    walk = json.loads(listed.stdout)[0]["id"]
    shown = subprocess.run(
        [SAMVERKAN, "logg", "visa", walk], capture_output=True, text=True, env=term.env, check=True
    ).stdout
    assert "Kontakten kunde inte nås (Mottagningssektion Södra 0–20 år)" in flat(shown)


def test_a_finished_walk_is_read_only_until_reopened(terminal) -> None:
    args = RVT_UNDATED
    term = open_walk(terminal, args, moment="")
    term.wait_for("Plan – 0 av")
    term.keys("C-f")
    term.wait_for("Avsluta genomgången ändå?")
    term.keys("j")
    term.wait_for("Genomgången är avslutad.")
    term.keys("Escape")  # stay on the walk
    term.wait_gone("Välj med siffra")
    term.wait_for("o Öppna igen")  # the footer offers it first
    term.keys("Space")
    term.wait_for("Genomgången är avslutad. Tryck o för")  # a toast: the rest wraps
    assert "Plan – 0 av" in term.screen()
    term.keys("o")
    term.wait_for("Genomgången är öppen igen.")
    term.keys("Space")
    term.wait_for("Plan – 1 av")
    term.keys("C-q")


def test_remarks_can_be_read_in_full(terminal) -> None:
    term = open_walk(terminal, f"{BOTKYRKA} --svar akut=ja --now 2026-12-07T10:00")
    term.wait_for("(v visar)")
    term.keys("v")
    term.wait_for("Anmärkningar om rutinen")
    for _ in range(8):
        if "vid nästa revidering" in flat(term.screen()) and "utvecklingssamtal" in flat(term.screen()):
            break
        term.keys("PageDown")
    screen = flat(term.screen())
    assert "dokumentation från utvecklingssamtal." in screen
    term.keys("Escape")
    term.wait_gone("Anmärkningar om rutinen")
    term.keys("C-q")


def test_numbers_never_break_in_the_plan_or_the_contacts(terminal) -> None:
    """120×40, where the contacts panel shows the routine's "Övriga tider" line in full."""
    term = terminal(120, 40, f"{BOTKYRKA} --svar akut=nej --svar konsultation=nej --now 2026-12-07T12:15")
    term.wait_for("Vilken är din roll?")
    term.keys("1")
    screen = term.wait_for("Kontakter").replace("\u00a0", " ")
    numbers = ("530 622 55", "530 619 05", "778 48 60", "010-564 64 67")
    # A number broken over two lines leaves a panel's line ending in a part of it.
    segments = [part.strip() for line in screen.splitlines() for part in line.split("│")]
    for number in numbers:
        words = number.split(" ")
        for cut in range(1, len(words)):
            part = " ".join(words[:cut])
            assert not any(s.endswith(part) for s in segments), f"{number!r} broken after {part!r}"
    assert "010-564 64 67" in screen
    term.keys("C-q")
