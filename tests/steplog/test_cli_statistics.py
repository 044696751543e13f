"""`logg statistik --format json|html|pdf` and `statistik slå-ihop`, through the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from pypdf import PdfReader

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, MODE_CASE
from tests.steplog.helpers import START, routine
from tests.steplog.test_cli_log import one_line_error, run, store

RVT = routine("rvt-bou")


def walks(count: int, deviations: int, start: dt.datetime = START) -> list[WalkSession]:
    out = []
    for i in range(count):
        begun = start + dt.timedelta(hours=i)
        session = WalkSession(RVT, begun, MODE_CASE)
        session.answer("inkom", "rvt", begun + dt.timedelta(minutes=1))
        session.answer("akut", "ja" if i % 2 else "nej", begun + dt.timedelta(minutes=2))
        session.set_step("rvt-in-rvt-akut-1", DONE, begun + dt.timedelta(minutes=10))
        if i < deviations:
            session.set_step(
                "rvt-in-rvt-akut-2",
                DEVIATION,
                begun + dt.timedelta(minutes=20),
                "tidsfrist",
                "zqxhemligkommentar",
            )
        out.append(session)
    return out


def test_html_and_pdf_reports_hide_small_numbers_and_comments(capsys, tmp_path: Path) -> None:
    store(*walks(12, 3))
    code, out, _ = run(capsys, "logg", "statistik", "-f", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert "<svg" in out and "Genomgångar per vecka" in out and "Avvikelser per kategori" in out
    assert "zqxhemligkommentar" not in out and "< 5" in out.replace("&lt;", "<")
    target = tmp_path / "rapport.pdf"
    code, _, err = run(capsys, "logg", "statistik", "-f", "pdf", "--ut", str(target))
    assert code == 0 and f"Skrev {target}" in err
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Uppföljning av samverkansrutinerna" in text and "sida 1 av" in text
    assert "zqxhemligkommentar" not in text
    assert reader.pages[0].mediabox.width == 595.28 or round(float(reader.pages[0].mediabox.width)) == 595


def test_threshold_from_the_flag_and_the_config(capsys, isolated_user: Path) -> None:
    store(*walks(6, 3))
    code, out, _ = run(capsys, "logg", "statistik", "-f", "json")
    [row] = json.loads(out)["routines"]
    assert row["walks"] == 6 and row["deviations"] == {"exact": 0, "below": [5], "hidden": 0}
    code, out, _ = run(capsys, "logg", "statistik", "-f", "json", "--tröskel", "3")
    assert json.loads(out)["routines"][0]["deviations"] == 3
    (isolated_user / "config.toml").write_text("statistics_threshold = 10\n", encoding="utf-8")
    code, out, _ = run(capsys, "logg", "statistik", "-f", "json")
    data = json.loads(out)
    assert data["threshold"] == 10 and data["routines"][0]["walks"] == {
        "exact": 0,
        "below": [10],
        "hidden": 0,
    }
    (isolated_user / "config.toml").write_text('statistics_threshold = "fem"\n', encoding="utf-8")
    code, _, err = run(capsys, "logg", "statistik", "-f", "json")
    assert code == 2 and "statistics_threshold ska vara ett heltal" in one_line_error(err)
    code, _, err = run(capsys, "logg", "statistik", "-f", "json", "--tröskel", "1")
    assert code == 2


def test_merging_desk_files(capsys, tmp_path: Path, isolated_user: Path) -> None:
    store(*walks(7, 2))
    code, out, _ = run(capsys, "logg", "statistik", "-f", "json")
    (tmp_path / "a.json").write_text(out, encoding="utf-8")
    store(*walks(8, 6, START + dt.timedelta(days=7)))  # the same log, a week later: a second "desk"
    code, out, _ = run(capsys, "logg", "statistik", "-f", "json", "--från", "2026-11-30")
    (tmp_path / "b.json").write_text(out, encoding="utf-8")
    code, out, _ = run(
        capsys, "statistik", "slå-ihop", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "-f", "json"
    )
    assert code == 0
    [row] = json.loads(out)["routines"]
    assert row["walks"] == 15  # both exact: the sum is exact
    assert row["deviations"] == {"exact": 6, "below": [5], "hidden": 0}  # one part hidden: stays a range
    assert json.loads(out)["sources"] == 2
    code, out, _ = run(capsys, "statistik", "sla-ihop", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 0 and "7–10" in out and "2 statistikfiler slogs ihop" in out
    code, _, err = run(capsys, "statistik", "slå-ihop", str(tmp_path / "a.json"), str(tmp_path / "a.json"))
    assert code == 2 and "två gånger" in one_line_error(err)
    code, _, err = run(capsys, "statistik", "slå-ihop", str(tmp_path / "a.json"), "--tröskel", "10")
    assert code == 2 and "tröskel 5, lägre än 10" in one_line_error(err)
    (tmp_path / "walk.json").write_text('{"id": "abc", "events": []}', encoding="utf-8")
    code, _, err = run(capsys, "statistik", "slå-ihop", str(tmp_path / "walk.json"))
    assert code == 2 and "inte en statistikfil" in one_line_error(err)
    code, _, err = run(capsys, "statistik", "slå-ihop", str(tmp_path / "saknas.json"))
    assert code == 2 and "kan inte läsa" in one_line_error(err)


def test_bare_statistik_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "statistik")
    assert code == 2 and "samverkan statistik slå-ihop" in one_line_error(err)


def test_a_merged_file_merges_again_and_months_do_not_overlap(capsys, tmp_path: Path) -> None:
    # One desk: walks in the last days of October and the first of November (week 44).
    store(*walks(6, 0, dt.datetime(2026, 10, 28, 9, tzinfo=dt.UTC)))
    store(*walks(6, 0, dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)))
    store(*walks(7, 0, dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)))
    files = {}
    for name, first, last in (
        ("okt", "2026-10-01", "2026-10-31"),
        ("nov", "2026-11-01", "2026-11-30"),
        ("dec", "2026-12-01", "2026-12-31"),
    ):
        files[name] = tmp_path / f"{name}.json"
        code, _, err = run(
            capsys, "logg", "statistik", "-f", "json", "--från", first, "--till", last, "-o", str(files[name])
        )
        assert code == 0, err
    # Whole months were given, so the period is those months, not widened to weeks.
    october = json.loads(files["okt"].read_text(encoding="utf-8"))
    assert (october["period"], october["from"], october["to"]) == ("månader", "2026-10-01", "2026-10-31")
    ab = tmp_path / "okt-nov.json"
    code, _, err = run(
        capsys, "statistik", "slå-ihop", str(files["okt"]), str(files["nov"]), "-f", "json", "-o", str(ab)
    )
    assert code == 0, err
    code, out, err = run(capsys, "statistik", "slå-ihop", str(ab), str(files["dec"]), "-f", "json")
    assert code == 0, err
    [row] = json.loads(out)["routines"]
    assert row["walks"] == 19 and json.loads(out)["sources"] == 3
    # The same October asked for in whole weeks reaches into November: refused, by name.
    weeks = tmp_path / "okt-veckor.json"
    code, _, err = run(
        capsys,
        "logg",
        "statistik",
        "-f",
        "json",
        "--från",
        "2026-10-01",
        "--till",
        "2026-10-31",
        "--period",
        "veckor",
        "-o",
        str(weeks),
    )
    assert code == 0, err
    code, _, err = run(capsys, "statistik", "slå-ihop", str(weeks), str(files["nov"]))
    assert code == 2 and "samma handläggares perioder överlappar (2026-11-01 – 2026-11-01)" in one_line_error(
        err
    )
    code, _, err = run(capsys, "logg", "statistik", "-f", "json", "--period", "kvartal")
    assert code == 2 and "välj --period veckor eller --period månader" in one_line_error(err)
