"""One broken routine file never breaks the others, in any command or in the app.

The red team's cases, each with file:line: deep brackets, 990 × `inte`, a date in year
9999, a deadline of three million weeks, a truncated file, a 50 MB file.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.core.validation.validate import validate_file
from tests.conftest import CHECKLISTS
from tests.robustness.robust_helpers import crash_words, listed, run_cli

RVT = (CHECKLISTS / "rvt-bou.toml").read_text(encoding="utf-8")
VASTERBOTTEN = (CHECKLISTS / "vasterbotten-sexuell-beteendeproblematik.toml").read_text(encoding="utf-8")
SHIPPED = [
    "botkyrka-forskola-skola",
    "ekero-vald-i-nara-relation",
    "rvt-bou",
    "vasterbotten-sexuell-beteendeproblematik",
]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _own(text: str) -> str:
    """The routine under its own id, so that a broken copy cannot hide behind the shipped one."""
    return text.replace('id = "rvt-bou"', 'id = "egen-rutin"', 1)


CASES = {
    "brackets": (
        RVT + "\nx = " + "[" * 1000 + "]" * 1000 + "\n",
        RVT.count("\n") + 2,
        "nästlade i mer än 50 nivåer",
    ),
    "inte": (
        RVT.replace('when = "', 'when = "' + "inte " * 990, 1),
        _line_of(RVT, 'when = "'),
        "nästlat i mer än 50 nivåer",
    ),
    "parens": (
        RVT.replace('when = "inkom', 'when = "' + "(" * 1000 + "inkom" + ")" * 1000, 1),
        _line_of(RVT, 'when = "inkom'),
        "nästlat i mer än 50 nivåer",
    ),
    "revised": (
        VASTERBOTTEN.replace("revised = 2023-01-24", "revised = 9999-12-31"),
        _line_of(VASTERBOTTEN, "revised ="),
        "utanför åren 1900–2100",
    ),
    "adopted": (
        VASTERBOTTEN.replace("adopted = 2021-11-18", "adopted = 0001-01-01"),
        _line_of(VASTERBOTTEN, "adopted ="),
        "utanför åren 1900–2100",
    ),
    "deadline": (
        RVT.replace('deadline = "inom en vecka"', 'deadline = "inom 3000000 veckor"', 1),
        _line_of(RVT, 'deadline = "inom en vecka"'),
        "längre än fem år",
    ),
    "truncated": (RVT[: RVT.index('deadline = "inom en vecka"') + 17], 0, "TOML-syntaxfel"),
    "bytes": (RVT.encode("utf-8")[:5000] + b"\xff" + RVT.encode("utf-8")[5000:], 0, "inte UTF-8"),
}


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_bytes(content if isinstance(content, bytes) else _own(content).encode("utf-8"))
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_and_list_name_file_and_line(name: str, tmp_path: Path) -> None:
    content, line, words = CASES[name]
    path = _write(tmp_path / "egna", name, content)
    report = validate_file(path)
    first = report.problems[0]
    assert not report.ok and words in first.message and first.line >= 1, str(first)
    if line:
        assert first.line == line, str(first)
    where = f"{path}:{first.line}"

    code, out, err = run_cli("--katalog", str(tmp_path / "egna"), "list")
    assert code == 0 and all(listed(out, rid) for rid in SHIPPED)
    assert err.count(where) == 1 and not crash_words(err), err

    code, out, err = run_cli("validate", str(path))
    assert code == 1 and where in out and not crash_words(out + err)


def test_every_command_works_beside_a_broken_routine(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "egna"
    for name, (content, _, _) in CASES.items():
        _write(folder, name, content)
    monkeypatch.setenv("SAMVERKAN_KATALOG", str(folder))
    now = ["--now", "2026-11-23T10:00"]
    commands = [
        ["list"],
        ["list", "-f", "json"],
        ["show", "rvt-bou", *now],
        ["show", "rvt-bou", "--svar", "inkom=rvt", "--svar", "akut=ja", *now],
        ["export", "rvt-bou", "-f", "text", *now],
        ["export", "botkyrka-forskola-skola", "-f", "md"],
        ["export", "--alla", "-f", "md", "-o", str(tmp_path)],
        ["kontakter", *now],
        ["kontakter", "--rutin", "ekero-vald-i-nara-relation", *now],
        ["logg", "lista"],
        ["logg", "statistik"],
        ["öva", "rvt-bou", "--lista"],
        ["öva", "rvt-bou", "--rundtur"],
        ["info"],
    ]
    for command in commands:
        code, out, err = run_cli(*command)
        assert code == 0 and (out or "Skrev" in err), f"{command}: {code} {err}"
        assert not crash_words(err), f"{command}: {err}"
    code, out, err = run_cli("validate")
    assert code == 1 and not crash_words(out + err)
    assert f"{len(CASES)} med fel" in err
    for name in CASES:
        assert str(folder / f"{name}.toml") in out


def test_a_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    folder = tmp_path / "egna"
    path = _write(folder, "stor", RVT + "\n# " + "x" * (50 * 1024 * 1024) + "\n")
    started = time.perf_counter()
    code, out, err = run_cli("--katalog", str(folder), "export", "rvt-bou", "-f", "text")
    assert code == 0 and "rvt-bou" in out
    assert time.perf_counter() - started < 10
    report = validate_file(path)
    assert report.problems[0].message.startswith("filen är större än 2 MB")
    assert err.count(f"{path}:1") == 0  # export of another routine does not list it


def test_a_deadline_that_passed_validate_used_to_crash_show(tmp_path: Path) -> None:
    """`inom 3000000 veckor` is refused when read, so `show` never meets it."""
    content = RVT.replace('deadline = "inom en vecka"', 'deadline = "inom 260 veckor"', 1)
    _write(tmp_path / "egna", "lang", content)
    code, out, err = run_cli(
        "--katalog",
        str(tmp_path / "egna"),
        "show",
        "egen-rutin",
        "--svar",
        "inkom=rvt",
        "--svar",
        "akut=nej",
        "--now",
        "2026-11-23T10:00",
    )
    assert code == 0 and "2031" in out and not crash_words(err)


def test_a_stored_walk_opens_read_only_when_its_routine_breaks(tmp_path: Path) -> None:
    from samverkan_tui.core.routine.loader import load_routine
    from samverkan_tui.core.walk.session import WalkSession
    from samverkan_tui.core.walk.status import DONE, MODE_CASE
    from samverkan_tui.steplog.store import StepLog

    folder = tmp_path / "egna"
    path = _write(folder, "egen", RVT)
    routine = load_routine(path).routine
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    walk = WalkSession(routine, start, MODE_CASE)
    walk.answer("inkom", "rvt", start + dt.timedelta(minutes=1))
    walk.answer("akut", "ja", start + dt.timedelta(minutes=2))
    walk.set_step("rvt-in-rvt-akut-1", DONE, start + dt.timedelta(minutes=9))
    with StepLog.open(retention_days=3650) as log:
        log.store_walks([walk])
    code, out, _ = run_cli("--katalog", str(folder), "logg", "visa", walk.id[:8])
    assert code == 0 and "kan inte läsas just nu" not in out

    path.write_text(_own(RVT.replace('when = "', 'when = "' + "inte " * 990, 1)), encoding="utf-8")
    for format in ("text", "md", "json"):
        code, out, err = run_cli("--katalog", str(folder), "logg", "visa", walk.id[:8], "-f", format)
        assert code == 0 and not crash_words(err), err
        assert "egen-rutin" in out and "akut" in out and "rvt-in-rvt-akut-1" in out
    code, out, _ = run_cli("--katalog", str(folder), "logg", "visa", walk.id[:8])
    assert "kan inte läsas just nu" in out and "rvt-in-rvt-akut-1: klar" in out
    code, out, err = run_cli("--katalog", str(folder), "logg", "lista")
    assert code == 0 and walk.id[:8] in out


async def test_start_screen_marks_the_broken_routine_and_opens_the_others(tmp_path: Path) -> None:
    from samverkan_tui.tui.app import create_app
    from samverkan_tui.tui.screens.start import StartScreen

    folder = tmp_path / "egna"
    broken = _write(folder, "trasig", CASES["inte"][0])
    config = load_config()
    app = create_app(
        now="2026-11-23T10:00", catalog=load_catalog([folder], config), config=config, use_step_log=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        routines = app.screen.query_one("#routines", OptionList)
        assert routines.option_count == len(SHIPPED) + 1
        last = routines.get_option_at_index(routines.option_count - 1)
        text = str(last.prompt)
        assert last.disabled and "⛔ trasig.toml" in text and "kan inte öppnas" in text
        assert f"rad {CASES['inte'][1]}" in text and str(broken) in text
        status = str(app.screen.query_one("#start-status", Static).render())
        assert "1 rutinfil har fel" in status
        # Down past the end stays on the last routine that can be opened.
        await pilot.press(*["down"] * 10)
        assert routines.highlighted == len(SHIPPED) - 1
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, StartScreen)  # vasterbotten opened (its role dialog)
        await pilot.press("escape")
        await pilot.pause()
        # Filtering to the broken file alone: nothing to open, and it says so.
        while not isinstance(app.screen, StartScreen):
            app.pop_screen()
            await pilot.pause()
        await pilot.press(*"trasig")
        await pilot.pause()
        assert routines.option_count == 1 and routines.highlighted is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


@pytest.mark.parametrize("months", [121, 999_999_999, 10**20])
def test_a_review_interval_beyond_any_date_is_refused(months: int, tmp_path: Path) -> None:
    """`list` used to stop with "year 83335356 is out of range" for the whole catalog."""
    content = VASTERBOTTEN.replace(
        "revised = 2023-01-24", f"revised = 2023-01-24\nreview_interval_months = {months}"
    )
    path = _write(tmp_path / "egna", "intervall", content)
    report = validate_file(path)
    assert not report.ok and "mer än 120 månader" in report.problems[0].message
    code, out, err = run_cli("--katalog", str(tmp_path / "egna"), "list")
    assert code == 0 and all(listed(out, rid) for rid in SHIPPED)
    assert f"{path}:{_line_of(content, 'review_interval_months =')}" in err
