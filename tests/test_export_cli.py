"""`samverkan export`: formats, where the file goes, and one-line errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from samverkan_tui.cli import main
from samverkan_tui.cli.common import STATE
from tests.conftest import run_cli as run

NOW = ("--now", "2026-11-27T16:40")


def test_pdf_to_a_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "rutin.pdf"
    code, out, err = run(capsys, "export", "rvt-bou", "--format", "pdf", "-o", str(target), *NOW)
    assert code == 0 and out == ""
    assert err.strip() == f"Skrev {target.resolve()}"
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert "Hela rutinen med alla grenar" in reader.pages[0].extract_text()


def test_pdf_without_output_goes_to_the_current_folder(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "export", "rvt-bou", "-f", "pdf", *NOW)
    assert code == 0
    assert (tmp_path / "rvt-bou.pdf").read_bytes()[:5] == b"%PDF-"
    assert str(tmp_path / "rvt-bou.pdf") in err


def test_plan_pdf_into_a_folder_gets_its_own_name(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "utskrifter"
    folder.mkdir()
    code, _, _ = run(
        capsys,
        "export",
        "rvt-bou",
        "-f",
        "pdf",
        "-o",
        str(folder),
        "--svar",
        "inkom=rvt",
        "--svar",
        "akut=ja",
        *NOW,
    )
    assert code == 0
    assert [p.name for p in folder.iterdir()] == ["rvt-bou-plan-2026-11-27.pdf"]


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_text_formats_go_to_stdout(capsys, format: str) -> None:
    code, out, err = run(capsys, "export", "rvt-bou", "-f", format, *NOW)
    assert code == 0 and err == ""
    assert "Relationsvåldsteamet" in out
    # The whole routine states its branches' conditions: the entry's, and a section's
    # whose title does not already say it.
    assert "Om ärendet har inkommit till BoU:" in out
    assert "Om klienten tackat ja till insats och situationen är akut:" in out


def test_answers_give_only_that_path_with_dates(capsys) -> None:
    code, out, _ = run(
        capsys,
        "export",
        "rvt-bou",
        "-f",
        "text",
        "--svar",
        "inkom=rvt",
        "--svar",
        "akut=nej",
        "--svar",
        "utredning=oppen",
        "--svar",
        "ansvarig_pa_plats=ja",
        *NOW,
    )
    assert code == 0
    assert "Checklista för ärendets svar" in out
    flat = " ".join(out.split())  # the due line wraps at 80 columns
    assert "Senast fredag 4 december 2026 (inom en vecka från att informationen mottogs)" in flat
    # No branch headings: neither a section's condition nor an item's (indented 2 or 4).
    assert not [line for line in out.splitlines() if re.match(r" {2,4}Om ", line)]
    assert "kontakta mottagningen BoU" not in flat  # another branch


def test_global_now_works_too(capsys) -> None:
    code, out, _ = run(capsys, "--now", "2026-11-27T16:40", "export", "rvt-bou", "-f", "text")
    assert code == 0 and "Utskriven: fredag 27 november 2026 kl. 16.40" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "rvt-bou", "-f", "docx"], "ogiltigt värde 'docx'"),
        (["export", "rvt-bo"], "okänd rutin `rvt-bo`; menade du `rvt-bou`?"),
        (["export", "rvt-bou", "--svar", "akt=ja"], "okänd fråga `akt`"),
        (["export", "rvt-bou", "--svar", "akut=kanske"], "okänt svar `kanske`"),
        (["export", "rvt-bou", "--svar", "akut"], "skriv FRÅGA=SVAR"),
        (["export", "rvt-bou", "--now", "i går"], "ogiltig tid"),
        (["export", "rvt-bou", "--roll", "chef", "-f", "text"], "okänd roll `chef`"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(capsys, args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_unwritable_output_is_one_line_with_exit_1(capsys, tmp_path: Path) -> None:
    target = tmp_path / "saknas" / "rutin.pdf"
    code, out, err = run(capsys, "export", "rvt-bou", "-o", str(target), *NOW)
    assert code == 1 and out == ""
    assert err.strip() == f"samverkan: kan inte skriva {target}: katalogen finns inte"
    assert not target.exists()


def test_all_routines_into_a_folder(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "--alla", "-f", "html", "-o", str(tmp_path), *NOW)
    assert code == 0 and out == ""
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".html")
    assert written == [
        "botkyrka-forskola-skola.html",
        "ekero-vald-i-nara-relation.html",
        "rvt-bou.html",
        "vasterbotten-sexuell-beteendeproblematik.html",
    ]
    assert len(err.strip().splitlines()) == 4
    assert "Hela rutinen med alla grenar" in (tmp_path / "rvt-bou.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["export"], "ange rutinens id", 2),
        (["export", "rvt-bou", "--alla"], "antingen ett id eller --alla", 2),
        (["export", "--alla", "--svar", "akut=ja"], "--svar, --roll och --inkom gäller en rutin", 2),
        (["export", "--alla", "-f", "ics"], "ics gäller en plan", 2),
        (["export", "rvt-bou", "-f", "ics", "-o", "-"], "ange svaren (--svar)", 2),
    ],
)
def test_all_routines_usage_errors(capsys, args: list[str], message: str, exit_code: int) -> None:
    code, _, err = run(capsys, *args)
    assert code == exit_code and message in err and len(err.strip().splitlines()) == 1


def test_all_routines_needs_a_folder(capsys, tmp_path: Path) -> None:
    (tmp_path / "pärm.pdf").write_bytes(b"")
    code, _, err = run(capsys, "export", "--alla", "-o", str(tmp_path / "pärm.pdf"))
    assert code == 1 and "är inte en katalog" in err


def test_all_routines_creates_the_folder_binder_copy(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "pärm" / "2026"
    code, _, _ = run(capsys, "export", "--alla", "-f", "text", "--utan-signatur", "-o", str(folder), *NOW)
    assert code == 0
    files = sorted(folder.iterdir())
    assert len(files) == 4
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600
        text = path.read_text(encoding="utf-8")
        assert "[ ]" in text and "Sign.:" not in text  # boxes, no signature fields


def test_dash_writes_pdf_to_standard_output(capsysbinary) -> None:
    STATE.now_text, STATE.routine_dirs, STATE.debug, STATE._config, STATE._catalog = (
        None,
        [],
        False,
        None,
        None,
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "rvt-bou", "-f", "pdf", "-o", "-", *NOW])
    out, _ = capsysbinary.readouterr()
    assert exit_info.value.code == 0 and out[:5] == b"%PDF-"


def test_an_existing_file_is_replaced_whole_and_private(capsys, tmp_path: Path) -> None:
    target = tmp_path / "rutin.html"
    target.write_text("gammal", encoding="utf-8")
    target.chmod(0o644)
    code, _, _ = run(capsys, "export", "rvt-bou", "-f", "html", "-o", str(target), *NOW)
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".rutin.html.*"))  # no temp file left


def test_ics_with_inkom(capsys, tmp_path: Path) -> None:
    target = tmp_path / "frister.ics"
    code, _, _ = run(
        capsys,
        "--katalog",
        "tests/data",
        "export",
        "test-format2",
        "-f",
        "ics",
        "--svar",
        "akut=ja",
        "--inkom",
        "2026-11-20T09:00",
        "-o",
        str(target),
        *NOW,
    )
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20261204" in text  # the law's 14 days from 20 November
