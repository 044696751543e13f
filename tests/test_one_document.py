"""One place produces each thing: the same answers or the same walk give the same document,
whichever front end asked — `visa`, `exportera`, `logg exportera` and the app's export."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE
from samverkan_tui.steplog.store import StepLog
from tests.conftest import run_cli, shipped

ANSWERS = [
    "--svar",
    "inkom=rvt",
    "--svar",
    "akut=ja",
    "--svar",
    "utredning=ingen",
    "--svar",
    "skyddsbehov=ja",
    "--svar",
    "nej_skyddat_boende=ja",
    "--svar",
    "stod_fran_rvt=ja",
]
MOMENT = ["--now", "2026-11-23T10:00", "--inkom", "2026-11-23T08:30"]


@pytest.mark.parametrize("format", ["text", "md"])
def test_visa_and_exportera_print_the_same_plan(capsys, format: str) -> None:
    shown = run_cli(capsys, "visa", "rvt-bou", *ANSWERS, *MOMENT, "--format", format)
    printed = run_cli(capsys, "exportera", "rvt-bou", *ANSWERS, *MOMENT, "--format", format)
    assert shown[0] == printed[0] == 0
    assert shown[1] == printed[1]
    # … and in the routine's order: the oral report before anything written, BoU's first
    # assessment before the new one when the adult declines skyddat boende.
    text = " ".join(shown[1].split())
    assert text.index("BoU-handläggare gör en skyddsbedömning") < text.index("skall BoU-utredare göra ny")


def test_the_apps_export_and_logg_exportera_give_the_same_walk(capsys, tmp_path, monkeypatch) -> None:
    from samverkan_tui.tui.exporting import export_walk

    monkeypatch.setenv("SAMVERKAN_EXPORT", str(tmp_path / "export"))
    routine = shipped("rvt-bou")
    start = parse_now("2026-11-23T10:00")
    with StepLog.open() as log:
        session = WalkSession(routine, start)
        log.start(session)
        for question, value in (("inkom", "bou"), ("akut", "nej"), ("vill_kontakt_rvt", "nej")):
            session.answer(question, value, start + dt.timedelta(minutes=1))
        plan = session.plan(start)
        first, second = plan.actions[0].id, plan.actions[1].id
        session.set_step(first, DONE, start + dt.timedelta(minutes=2))
        session.set_step(
            second, DEVIATION, start + dt.timedelta(minutes=3), "kontakt_ej_nadd", "mötet ställdes in"
        )
        now = start + dt.timedelta(minutes=5)
        app_file = export_walk(session, now, "md")
    code, out, err = run_cli(
        capsys, "--now", now.isoformat(), "logg", "exportera", session.id, "--format", "md", "-o", "-"
    )
    assert code == 0, err
    assert out == app_file.read_text(encoding="utf-8")
    assert "! **" in out and "mötet ställdes in" in out  # a deviation is never [x]


async def test_the_apps_summary_and_its_copy_are_what_logg_visa_prints(capsys) -> None:
    """The app's `s` (and `c`, its clipboard copy) and `logg visa` render one document."""
    from samverkan_tui.tui.app import create_app
    from samverkan_tui.tui.screens.summary import SummaryScreen

    routine = shipped("rvt-bou")
    start = parse_now("2026-11-23T10:00")
    now = start + dt.timedelta(days=9)  # a week has passed: a due date is overdue
    with StepLog.open() as log:
        session = WalkSession(routine, start)
        log.start(session)
        for question, value in (("inkom", "rvt"), ("akut", "nej"), ("utredning", "ingen")):
            session.answer(question, value, start + dt.timedelta(minutes=1))
        first = session.plan(start).actions[0].id
        session.set_step(first, DONE, start + dt.timedelta(minutes=2))
        session.set_step(
            "rvt-in-bou-1", DEVIATION, start + dt.timedelta(minutes=3), "kontakt_ej_nadd", "ingen svarade"
        )
        session.use_contact("rvt-beredskap", start + dt.timedelta(minutes=4))
    app = create_app(now=now, use_step_log=False)
    copied: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await app.push_screen(SummaryScreen(session))
        await pilot.press("c")
        shown = app.screen.text  # type: ignore[attr-defined]
    code, out, err = run_cli(capsys, "--now", now.isoformat(), "logg", "visa", session.id)
    assert code == 0, err
    assert copied == [shown]
    # The same note: the CLI wraps at 80 columns, the app gives one line per entry for the
    # screen and the journal system to wrap.
    assert " ".join(shown.split()) == " ".join(out.split())
    assert all(len(line) <= 80 for line in out.splitlines())
    assert shown.startswith("Genomgång enligt samverkansrutin\n\nRutin: ")
    for words in ("Kontakten kunde inte nås. Kommentar: ingen svarade", "– FÖRSENAT", "RVT:s beredskap"):
        assert words in shown
    assert session.id[:8] not in shown
