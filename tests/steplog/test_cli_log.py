"""`samverkan logg`: output shapes, exit codes and one-line Swedish errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, MODE_CASE, MODE_TRAINING
from samverkan_tui.steplog.store import StepLog
from tests.conftest import run_cli as run
from tests.steplog.helpers import START, at, routine

RVT = routine("rvt-bou")


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("samverkan: "), err
    return lines[0]


def store(*walks: WalkSession) -> None:
    with StepLog.open(retention_days=100_000) as log:
        log.store_walks(walks)


def rvt_walk(
    session_id: str | None = None, start: dt.datetime = START, mode: str = MODE_CASE, routine_=RVT
) -> WalkSession:
    kwargs = {"id": session_id} if session_id else {}
    session = WalkSession(routine_, start, mode, **kwargs)
    delta = start - START
    session.answer("inkom", "rvt", at(1) + delta)
    session.answer("akut", "ja", at(2) + delta)
    session.set_step("rvt-in-rvt-akut-1", DONE, at(10) + delta)
    session.set_step("rvt-in-rvt-akut-2", DEVIATION, at(20) + delta, "tidsfrist")
    return session


def test_lista_empty_then_text_and_json(capsys) -> None:
    code, out, _ = run(capsys, "logg", "lista")
    assert code == 0 and out.startswith("Loggen är tom")
    older, newer = rvt_walk(start=START), rvt_walk(start=START + dt.timedelta(days=1), mode=MODE_TRAINING)
    newer.finish(START + dt.timedelta(days=1, hours=1))
    store(older, newer)
    code, out, _ = run(capsys, "logg", "lista")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "PÅBÖRJAD", "RUTIN", "LÄGE", "STATUS"]
    # One row per walk, newest first; a status longer than its column wraps under it.
    rows = [line for line in lines[1:] if line[:1].strip()]
    assert rows[0].startswith(f"{newer.id[:8]}  2026-11-24 10.00  rvt-bou  övning  avslutad 2026-11-24 11.00")
    assert rows[1].startswith(f"{older.id[:8]}  2026-11-23 10.00  rvt-bou  ärende  pågår · 2 svar · 2 steg")
    assert "\n2 genomgångar (1 avslutade) i" in out
    code, out, _ = run(capsys, "logg", "lista", "--format", "json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [newer.id, older.id]
    assert rows[1] == {
        "id": older.id,
        "routine": {"id": "rvt-bou", "title": None, "version": RVT.version, "content_hash": RVT.content_hash},
        "mode": "ärende",
        "started_at": "2026-11-23T10:00:00+01:00",
        "updated_at": "2026-11-23T10:20:00+01:00",
        "finished_at": None,
        "answered": 2,
        "steps_handled": 2,
    }


def test_visa_by_prefix_in_text_md_and_json(capsys) -> None:
    walk = rvt_walk()
    store(walk)
    code, out, _ = run(capsys, "logg", "visa", walk.id[:6], "--now", "2026-11-23T12:00")
    assert code == 0
    assert out.startswith("Genomgång enligt samverkansrutin")
    assert "Avvikelse: Tidsfristen kunde inte hållas." in out and walk.id not in out
    code, out, _ = run(capsys, "logg", "visa", walk.id, "--format", "md")
    assert code == 0 and out.startswith("# Genomgång enligt samverkansrutin")
    code, out, _ = run(capsys, "logg", "visa", walk.id[:8].upper(), "--format", "json")
    data = json.loads(out)
    assert data["id"] == walk.id and data["routine"]["id"] == "rvt-bou"
    assert {s["id"]: s["status"] for s in data["steps"] if s["status"]} == {
        "rvt-in-rvt-akut-1": "klar",
        "rvt-in-rvt-akut-2": "avvikelse",
    }


def test_visa_unknown_and_ambiguous_ids_are_usage_errors(capsys) -> None:
    store(rvt_walk("abc1" + "0" * 28), rvt_walk("abc2" + "0" * 28))
    code, _, err = run(capsys, "logg", "visa", "abc")
    assert code == 2 and "passar flera genomgångar" in one_line_error(err)
    code, _, err = run(capsys, "logg", "visa", "fff")
    assert code == 2 and "ingen genomgång med id `fff`" in one_line_error(err)
    code, out, _ = run(capsys, "logg", "visa", "abc2", "--format", "json")
    assert code == 0 and json.loads(out)["id"] == "abc2" + "0" * 28


def test_a_walk_whose_routine_is_gone_shows_what_is_stored(capsys) -> None:
    gone = rvt_walk(routine_=RVT._replace(id="borttagen-rutin"))
    store(gone)
    code, out, err = run(capsys, "logg", "visa", gone.id)
    assert code == 0 and err == ""
    assert "borttagen-rutin" in out and "kan inte läsas just nu" in out and "akut = ja" in out
    code, out, _ = run(capsys, "logg", "visa", gone.id, "--format", "json")
    data = json.loads(out)
    assert data["routine_available"] is False and data["routine"]["id"] == "borttagen-rutin"
    # The walk's keys; what only the routine could say (texts, labels) is null.
    assert data["answers"] == [
        {"question": "inkom", "text": None, "value": "rvt", "label": None},
        {"question": "akut", "text": None, "value": "ja", "label": None},
    ]


def test_export_md_and_json_to_a_file(capsys, tmp_path: Path) -> None:
    walk = rvt_walk()
    store(walk)
    target = tmp_path / "genomgång.md"
    code, out, err = run(capsys, "logg", "export", walk.id[:8], "--format", "md", "--ut", str(target))
    assert code == 0 and out == "" and "Skrev" in err
    written = target.read_text(encoding="utf-8")
    # The export package's run printout when present, else the step log's own Markdown.
    assert written.startswith("# ") and "Genomgång" in written
    assert "Tidsfristen kunde inte hållas" in written and walk.id not in written
    code, out, _ = run(capsys, "logg", "export", walk.id[:8], "--format", "json")
    assert code == 0 and json.loads(out)["id"] == walk.id


def test_rensa_needs_one_option(capsys) -> None:
    code, _, err = run(capsys, "logg", "rensa")
    assert code == 2 and "--äldre-än 30d" in one_line_error(err) and "--alla" in err
    code, _, err = run(capsys, "logg", "rensa", "--alla", "--äldre-än", "30d")
    assert code == 2 and "inte båda" in one_line_error(err)
    for bad in ("30", "tre dagar", "0d", "30x"):
        code, _, err = run(capsys, "logg", "rensa", "--äldre-än", bad)
        assert code == 2 and "--äldre-än" in one_line_error(err), bad


def test_rensa_older_than_and_all(capsys) -> None:
    now = dt.datetime.now(dt.UTC)
    old, recent = rvt_walk(start=now - dt.timedelta(days=45)), rvt_walk(start=now - dt.timedelta(days=2))
    store(old, recent)
    code, out, _ = run(capsys, "logg", "rensa", "--äldre-än", "30d")
    assert code == 0 and out.startswith("Rensade 1 genomgång ")
    code, out, _ = run(capsys, "logg", "lista", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [recent.id]
    code, out, _ = run(capsys, "logg", "rensa", "--aldre-an", "6v")  # ASCII spelling works too
    assert code == 0 and out.startswith("Inget att rensa")
    code, out, err = run(capsys, "logg", "rensa", "--alla")  # no terminal to ask in
    assert code == 2 and out == "" and err.count("\n") == 1 and "--ja" in err
    code, out, _ = run(capsys, "logg", "rensa", "--alla", "--ja")
    assert code == 0 and out.startswith("Rensade 1 genomgång (alla genomgångar)")
    code, out, _ = run(capsys, "logg", "lista", "--format", "json")
    assert json.loads(out) == []


def test_statistik_text_json_and_date_errors(capsys) -> None:
    store(rvt_walk(), rvt_walk(start=START + dt.timedelta(days=3)), rvt_walk(mode=MODE_TRAINING))
    # JSON is the aggregate that may leave the desk: whole weeks (the 26th is in the week
    # of the 24th), counts under the threshold hidden. Its own tests: test_report.py.
    code, out, _ = run(
        capsys, "logg", "statistik", "--från", "2026-11-23", "--till", "2026-11-24", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert (data["period"], data["from"], data["to"], data["threshold"]) == (
        "veckor",
        "2026-11-23",
        "2026-11-29",
        5,
    )
    [row] = data["routines"]
    assert row["walks"] == {"exact": 0, "below": [5], "hidden": 0}
    code, out, _ = run(capsys, "logg", "statistik", "--format", "json", "--tröskel", "2")
    [row] = json.loads(out)["routines"]
    assert (row["walks"], row["akut"], row["deviations"]) == (2, 2, 2)
    assert row["done_by_step"][0] == {
        "step": "rvt-in-rvt-akut-1",
        "count": 2,
        "median_minutes": 10.0,
        "median_approximate": False,
    }
    code, out, _ = run(capsys, "logg", "statistik")
    assert code == 0 and "Genomgångar: 2 (0 avslutade, 2 pågående)" in out
    assert "Akuta: 2 (100 %)" in out and "Tidsfristen kunde inte hållas" in out
    code, _, err = run(capsys, "logg", "statistik", "--från", "2026-13-01")
    assert code == 2 and "ogiltigt datum" in one_line_error(err)
    code, _, err = run(capsys, "logg", "statistik", "--från", "2026-12-01", "--till", "2026-11-01")
    assert code == 2 and "efter --till" in one_line_error(err)


def test_bare_logg_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "logg")
    assert code == 2 and "lista" in one_line_error(err)


def test_unusable_log_is_one_line_exit_1(capsys, isolated_user: Path, monkeypatch) -> None:
    blocker = isolated_user / "en-fil"
    blocker.write_text("inte en mapp")
    monkeypatch.setenv("SAMVERKAN_DATA", str(blocker))
    code, _, err = run(capsys, "logg", "lista")
    assert code == 1 and "Steglogg kan inte öppnas" in one_line_error(err)
    assert "exportera den" not in err  # the app's advice is not for the command line


def test_other_commands_do_not_import_sqlite() -> None:
    code = (
        "import sys; from samverkan_tui.cli import main\n"
        "try:\n    main(['list'])\nexcept SystemExit:\n    pass\n"
        "print('sqlite3' in sys.modules, 'samverkan_tui.steplog.store' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "False False"


def test_export_html_and_pdf_use_the_run_printout(capsys, tmp_path: Path) -> None:
    pytest.importorskip("samverkan_tui.export.document")  # the export package's run printout
    pypdf = pytest.importorskip("pypdf")
    walk = rvt_walk()
    store(walk)
    code, out, _ = run(capsys, "logg", "export", walk.id[:8], "--format", "html", "--now", "2026-11-23T12:00")
    assert code == 0 and out.lstrip().startswith("<!DOCTYPE html>")
    assert "Avvikelse" in out and "Tidsfristen kunde inte hållas" in out and walk.id not in out
    target = tmp_path / "genomgång.pdf"
    code, _, _ = run(capsys, "logg", "export", walk.id[:8], "--format", "pdf", "--ut", str(target))
    assert code == 0 and target.read_bytes()[:5] == b"%PDF-"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Tidsfristen kunde inte hållas" in text and walk.id[:8] not in text
