"""`samverkan gå`: the walk line by line, through a pipe, sharing the app's step log."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE
from samverkan_tui.steplog.store import StepLog
from tests.conftest import run_cli, shipped

BOTKYRKA = "botkyrka-forskola-skola"
NOW = "2026-11-23T10:00"  # Monday 10.00: the intake groups are open until lunch at 12

# A whole acute Botkyrka walk, as a person types it: skolan, anmälan, akut, under 15, the
# moment left as the walk's start; then every command once.
ACUTE_WALK = [
    "2",
    "3",
    "j",
    "1",
    "",
    "plan",
    "nästa",
    "klar 1",
    "ej 2 gjordes redan av rektor",
    "j",
    "avvikelse 3",
    "2",
    "Ringde Anna Svensson 19850412-1234 på 070-123 45 67",
    "j",
    "ring",
    "sammanfattning",
    "exportera md walk.md",
    "?",
    "avsluta",
    "n",
]

# The prompts: what follows them on a line is what was typed.
PROMPTS = ("Svar: ", "Kommando: ", "Tidpunkt: ", "Kategori", "Orsak: ", "Spara så?", "Klar (j/n): ")
PROMPTS += ("Nytt svar", "Fortsätta: ")
# A control character other than the line end: colour, cursor movement, a bell, a carriage
# return that overwrites a line.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\x9b]")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    return {**env, "HOME": str(home), "TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", **extra}


def test_a_whole_acute_botkyrka_walk_through_a_pipe_is_plain_text_in_reading_order(
    isolated_user: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samverkan_tui", "gå", BOTKYRKA, "--now", NOW],
        input="\n".join(ACUTE_WALK) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(isolated_user),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    lines = out.splitlines()
    assert not [line for line in lines if CONTROL.search(line)], "styrtecken i utdata"
    assert "\r" not in out
    # Wrapped to the width of a pipe (80); a prompt is short, whatever was typed after it.
    prompts = [line.partition(": ")[0] for line in lines if line.startswith(PROMPTS)]
    assert max(len(line) for line in lines if not line.startswith(PROMPTS)) <= 80
    assert prompts and max(len(prompt) for prompt in prompts) < 30
    # Reading order: each thing after the one before it, never redrawn.
    expected = [
        "Fråga 1: Går barnet i förskolan eller i skolan?",
        "2. Skolan (förskoleklass, åk 1–9, gymnasieskola, skolbarnomsorg)",
        "Svar: 2",
        "Fråga 2",
        "Svar: 3",
        "4 nya åtgärder:",
        "Fråga 3",
        "Är det akut oro?",
        "Svar: j",
        "8 nya åtgärder:",  # issue 24 (B4): the risk assessment's reason is information
        "Varning: Informera inte föräldrarna i det akuta skedet",
        "Fråga 4 av 4: Hur gammal är barnet?",
        "När kom anmälan in?",
        "Alla frågor är besvarade. 12 åtgärder i planen; 0 av 12 hanterade.",
        "Kommando: plan",
        "Ring nu: Mottagningssektion Norr 0–20 år, tel 530 622 55 (öppet till 12.00)",
        "Kommando: nästa",
        "Skriv klar 1 när den är gjord.",
        "Åtgärd 1 markerad som klar; 1 av 12 hanterade.",
        "Så här sparas orsaken i stegloggen: gjordes redan av rektor",
        "Åtgärd 2 markerad som ej aktuell; 2 av 12 hanterade.",
        "2. Kontakten kunde inte nås",
        "Så här sparas orsaken i stegloggen:",
        "Åtgärd 3 markerad som avvikelse; 3 av 12 hanterade.",
        "Kommando: ring",
        "Ring: Socialjouren, tel 778 48 60 / 010-564 64 67",
        "Genomgång enligt samverkansrutin",
        "Avvikelser (1)",
        "Sparade",
        "klar N (k): åtgärd N är gjord",
        "Är genomgången klar?",
        "Genomgången är sparad och kan fortsättas: samverkan gå botkyrka-forskola-skola",
    ]
    position = 0
    for text in expected:
        found = out.find(text, position)
        assert found >= 0, f"{text!r} saknas efter position {position}:\n{out[position:][:2000]}"
        position = found + len(text)
    # The reason was shown scrubbed, and nothing that points at the person reached the screen
    # after the prompt that echoed it.
    shown = out[out.index("Kategori (tom rad: avbryt): 2") :]
    shown = shown[shown.index("Så här sparas") :]
    for secret in ("Anna", "Svensson", "19850412", "070-123"):
        assert secret not in shown
    assert (tmp_path / "walk.md").read_text(encoding="utf-8").startswith("# Botkyrka")


def _walk(capsys, monkeypatch, *lines: str, args: tuple[str, ...] = ()) -> str:
    code, out, err = run_cli(
        capsys, "gå", BOTKYRKA, "--now", NOW, *args, stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch
    )
    assert code == 0, err
    return out


def _stored(home: Path) -> WalkSession:
    with StepLog.open(home / "data") as log:
        (info,) = log.list_sessions()
        return log.replay(info, shipped(BOTKYRKA))


def test_the_walk_is_the_apps_step_log_with_the_reason_scrubbed(isolated_user, capsys, monkeypatch) -> None:
    _walk(
        capsys,
        monkeypatch,
        *["2", "3", "j", "1", "", "klar 3", "ej 1", "", "avvikelse 2", "2"],
        *["Ringde Anna Svensson 19850412-1234", "j"],
    )
    session = _stored(isolated_user)
    assert session.answers == {"verksamhet": "skola", "skede": "anmalan", "akut": "ja", "alder": "under15"}
    plan = session.plan(parse_now(NOW))
    first, second, third = (p.id for p in plan.actions[:3])
    assert session.steps[third].status == DONE
    assert session.steps[first].status == NOT_APPLICABLE and session.steps[first].comment is None
    deviation = session.steps[second]
    assert deviation.status == DEVIATION and deviation.category == "kontakt_ej_nadd"
    assert deviation.comment is not None and deviation.comment.startswith("Ringde")
    for secret in ("Anna", "Svensson", "19850412"):
        assert secret not in deviation.comment
    # Ticking a call uses its contacts, as in the app (3: "Ta direkt kontakt med mottagningsgruppen").
    assert set(session.contacts_used) == set(plan.actions[2].step.contacts)
    assert not session.finished
    with StepLog.open(isolated_user / "data") as log:  # what the app offers to continue
        assert [(i.id, i.mode) for i in log.unfinished()] == [(session.id, "ärende")]


def test_a_walk_begun_in_the_app_continues_here(isolated_user, capsys, monkeypatch) -> None:
    routine = shipped(BOTKYRKA)
    at = parse_now(NOW)
    with StepLog.open(isolated_user / "data") as log:  # as the app stores a walk
        session = WalkSession(routine, at)
        log.start(session)
        for question, value in [("verksamhet", "skola"), ("skede", "anmalan"), ("akut", "ja")]:
            session.answer(question, value, at)
        first = session.plan(at).actions[0]
        session.set_step(first.id, DONE, at)
    out = _walk(capsys, monkeypatch, "j", "1", "", "plan", "klar 2", "avsluta", "j")
    assert "1 påbörjad genomgång av rutinen finns i stegloggen:" in out
    assert "1. påbörjad mån 23/11 kl. 10.00" in out
    assert "Fråga 4 av 4: Hur gammal är barnet?" in out  # not the questions answered in the app
    assert "Fråga 1" not in out
    assert "1. [klar] (Förskolan/skolan) När förskolan/skolan" in out
    assert "Genomgången är avslutad och sparad i stegloggen." in out
    stored = _stored(isolated_user)  # one walk: continued, not a second one
    assert stored.id == session.id and stored.finished
    assert stored.answers["alder"] == "under15"
    assert stored.steps[stored.plan(at).actions[1].id].status == DONE


def test_with_answers_it_starts_a_new_walk_from_them(isolated_user, capsys, monkeypatch) -> None:
    out = _walk(
        capsys,
        monkeypatch,
        "1",
        "",
        args=("--svar", "verksamhet=skola", "--svar", "skede=anmalan", "--svar", "akut=ja"),
    )
    assert "12 åtgärder i planen." in out
    assert "Fråga 4 av 4: Hur gammal är barnet?" in out
    assert "påbörjad genomgång" not in out


def test_changing_an_answer_says_what_left_the_plan_and_what_came(isolated_user, capsys, monkeypatch) -> None:
    out = _walk(capsys, monkeypatch, "2", "3", "j", "1", "", "klar 2", "ändra", "ändra akut", "n")
    assert "Vilket svar? Skriv ändra och frågans nummer:" in out
    assert "3. Är det akut oro? Svar: Ja, akut oro" in out
    change = out[out.index("Ändra svar: Är det akut oro?") :]
    # Issue 24 (B4): the risk assessment's reason and the school's "också" routes are information.
    assert "8 åtgärder föll bort ur planen; det som redan gjorts finns kvar i loggen." in change
    assert "12 nya åtgärder:" in change
    assert "Fråga 5 av 6: Ska socialtjänsten konsulteras anonymt?" in change


def test_wrong_input_gets_one_line_and_the_walk_goes_on(isolated_user, capsys, monkeypatch) -> None:
    out = _walk(capsys, monkeypatch, "7", "hopp", "2", "3", "j", "1", "", "klar", "klar 99", "flyg")
    assert out.count("Svara med en siffra från 1 till 2. Skriv ? för kommandona.") == 2
    assert "Ange åtgärdens nummer, 1 till 12 (skriv plan för att se dem)." in out
    assert out.count("Ange åtgärdens nummer") == 2
    assert "Okänt kommando 'flyg'. Skriv ? för kommandona." in out
    assert "Genomgången är sparad och kan fortsättas" in out  # end of input leaves, saved


def test_leaving_before_any_answer_leaves_nothing_to_resume(isolated_user, capsys, monkeypatch) -> None:
    out = _walk(capsys, monkeypatch, "plan")
    assert "Planen har inga åtgärder än: svara på frågorna först." in out
    assert "sparad" not in out
    with StepLog.open(isolated_user / "data") as log:
        assert log.list_sessions() == []


def test_an_unknown_routine_is_one_line_and_exit_2(capsys) -> None:
    code, out, err = run_cli(capsys, "gå", "rvt-boo")
    assert code == 2 and out == ""
    assert err.startswith("samverkan: okänd rutin `rvt-boo`") and err.count("\n") == 1


def test_ga_is_the_ascii_spelling(isolated_user, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, "ga", BOTKYRKA, "--now", NOW, stdin="", monkeypatch=monkeypatch)
    assert code == 0 and "Fråga 1: Går barnet i förskolan eller i skolan?" in out


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux saknas (make test installerar det med apt)")
def test_it_works_in_a_terminal_40_columns_wide(isolated_user: Path) -> None:
    """A real terminal, 40 columns: lines wrap between words, numbers stay whole, nothing is
    redrawn. On a private tmux server, so a person's own tmux never sees the test."""
    server = f"samverkan-test-{uuid.uuid4().hex[:8]}"
    samverkan = Path(sys.executable).parent / "samverkan"
    env = _env(isolated_user, TMUX="")
    tmux = ["tmux", "-L", server, "-f", os.devnull]
    command = f"{samverkan} gå {BOTKYRKA} --now {NOW}"
    subprocess.run([*tmux, "new-session", "-d", "-x", "40", "-y", "24", command], check=True, env=env)

    def screen_with(text: str) -> str:
        deadline = time.monotonic() + 20
        while True:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-J", "-S", "-200"],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            ).stdout
            if text in screen or time.monotonic() > deadline:
                assert text in screen, f"{text!r} syntes inte:\n{screen}"
                return screen

    def typed(line: str) -> None:
        subprocess.run([*tmux, "send-keys", "-l", line], check=True, env=env)
        subprocess.run([*tmux, "send-keys", "Enter"], check=True, env=env)

    where = [*tmux, "display-message", "-p", "#{socket_path}"]
    socket = subprocess.run(where, capture_output=True, text=True, check=False, env=env).stdout.strip()
    try:
        screen_with("Svar: ")
        steps = [("2", "Fråga 2"), ("3", "4 nya åtgärder"), ("j", "Fråga 4 av 4"), ("1", "Tidpunkt")]
        for answer, then in steps:
            typed(answer)
            screen_with(then)
        typed("")
        screen_with("Kommando: ")
        typed("ring")
        screen_with("Socialjouren")
        raw = subprocess.run(
            [*tmux, "capture-pane", "-p", "-S", "-200"], capture_output=True, text=True, check=False, env=env
        ).stdout
        lines = raw.splitlines()
        assert max(len(line) for line in lines) <= 40
        # Wrapped between words: every word of a wrapped line is a whole Swedish word or
        # number, so the phone numbers read whole.
        assert any("530 622 55" in line for line in lines), raw
        assert "Fråga 1: Går barnet i förskolan" in raw.replace("\n", " ")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True, env=env)
        if socket:  # tmux may leave its socket file behind; the server is this test's own
            Path(socket).unlink(missing_ok=True)
