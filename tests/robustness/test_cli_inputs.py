"""Bad input to every command: exit 2 (usage) or 1 (failure), one Swedish line, no traceback.

A table of command lines with bad flags and values, overflowing numbers and dates, paths
that are too long, missing files and directories where files belong. Each is run
in-process; stderr must be exactly one line starting with ``samverkan:`` and free of
Python's words for a crash.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DONE, MODE_CASE
from samverkan_tui.steplog.store import StepLog
from tests.conftest import CHECKLISTS, REPO
from tests.robustness.robust_helpers import crash_words, run_cli

WALK_ID = "abcd" + "0" * 28
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
LONG_NAME = "x" * 300  # longer than any file system allows for one name
LONG_PATH = "/tmp/" + "/".join(["y" * 200] * 30)  # longer than PATH_MAX

BAD_NOW = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31T10:00",
    "2101-01-01",
    "igår",
    "2026-13-01",
    "2026-02-30",
    "2026-11-23T25:00",
    "99999999999999999999",
    "",
    "2026-11-23T10:00+99:00",
]
BAD_AGE = [
    "99999999999999999999d",
    "999999999d",
    "36501d",
    "9999999v",
    "99999m",
    "0d",
    "-5d",
    "3 år",
    "d",
    "",
    "30",
    "1e9d",
]
BAD_DATE = [
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2026-02-30",
    "x",
    "",
    "2026-1-1",
    "99999-01-01",
    "2026-11-23T10:00:00+99:00",
]

CASES: list[tuple[list[str], set[int]]] = [
    # unknown commands and flags
    (["lsit"], {2}),
    (["bogus"], {2}),
    (["--bogus"], {2}),
    (["list", "--bogus"], {2}),
    (["list", "extra"], {2}),
    (["--now"], {2}),
    (["--katalog"], {2}),
    (["schema", "x"], {2}),
    (["info", "x"], {2}),
    (["list", "--format", "xml"], {2}),
    (["list", "-f"], {2}),
    # show
    (["show"], {2}),
    (["show", "finns-inte"], {2}),
    (["show", "rvt-bo"], {2}),
    (["show", "x" * 10_000], {2}),
    (["show", "rvt-bou", "--svar", "akut"], {2}),
    (["show", "rvt-bou", "--svar", "=ja"], {2}),
    (["show", "rvt-bou", "--svar", "akut="], {2}),
    (["show", "rvt-bou", "--svar", "okand=ja"], {2}),
    (["show", "rvt-bou", "--svar", "akut=kanske"], {2}),
    (["show", "rvt-bou", "--svar", "inkom=rvt", "--svar", "akut=" + "j" * 5000], {2}),
    (["show", "rvt-bou", "--roll", "okand"], {2}),
    (["show", "rvt-bou", "--format", "pdf"], {2}),
    (["show", "rvt-bou", "--svar"], {2}),
    # validate
    (["validate", "finns-inte.toml"], {2}),
    (["validate", "{tmp}/tom"], {2}),
    (["validate", "{tmp}/" + LONG_NAME + ".toml"], {1, 2}),
    (["validate", LONG_PATH], {1, 2}),
    (["validate", "--format", "yaml"], {2}),
    # export
    (["export"], {2}),
    (["export", "finns-inte"], {2}),
    (["export", "rvt-bou", "--format", "docx"], {2}),
    (["export", "rvt-bou", "--alla"], {2}),
    (["export", "--alla", "--svar", "akut=ja"], {2}),
    (["export", "--alla", "-o", "{tmp}/fil.txt"], {1, 2}),
    # --alla -o creates a missing folder (the binder in one command): not an error.
    (["export", "--alla", "-o", "/dev/null/pärm"], {1, 2}),
    (["export", "rvt-bou", "-o", "{tmp}/finns-inte/ut.pdf"], {1}),
    (["export", "rvt-bou", "-f", "html", "-o", "{tmp}/" + LONG_NAME + ".html"], {1, 2}),
    (["export", "rvt-bou", "-f", "md", "-o", LONG_PATH], {1, 2}),
    (["export", "rvt-bou", "-f", "text", "-o", "/dev/full"], {1}),
    (["export", "rvt-bou", "-f", "pdf", "-o", "/proc/version"], {1}),
    (["export", "rvt-bou", "-f", "text", "-o", "{tmp}/fil.txt/under.txt"], {1}),
    (["export", "rvt-bou", "--svar", "akut"], {2}),
    (["export", "rvt-bou", "--roll", "x"], {2}),
    # kontakter
    (["kontakter", "--rutin", "finns-inte"], {2}),
    (["kontakter", "--format", "xml"], {2}),
    (["kontakter", "--rutin"], {2}),
    # logg
    (["logg"], {2}),
    (["logg", "bogus"], {2}),
    (["logg", "lista", "--format", "xml"], {2}),
    (["logg", "visa"], {2}),
    (["logg", "visa", "fff"], {2}),
    (["logg", "visa", WALK_ID, "-f", "pdf"], {2}),
    (["logg", "export", "fff"], {2}),
    (["logg", "export", WALK_ID, "--format", "docx"], {2}),
    (["logg", "export", WALK_ID, "--format", "md", "--ut", "{tmp}"], {1}),
    (["logg", "export", WALK_ID, "--format", "json", "--ut", "/dev/full"], {1}),
    (["logg", "export", WALK_ID, "--format", "md", "--ut", "{tmp}/finns-inte/ut.md"], {1}),
    (["logg", "export", WALK_ID, "--format", "md", "--ut", "{tmp}/" + LONG_NAME], {1, 2}),
    (["logg", "export", WALK_ID, "--format", "md", "--ut", LONG_PATH], {1, 2}),
    (["logg", "export", WALK_ID, "--format", "md", "--ut", "/proc/version"], {1}),
    (["logg", "rensa"], {2}),
    (["logg", "rensa", "--alla", "--äldre-än", "30d"], {2}),
    (["logg", "statistik", "--från", "2026-12-01", "--till", "2026-01-01"], {2}),
    (["logg", "statistik", "--format", "xml"], {2}),
    # öva
    (["öva", "finns-inte", "--lista"], {2}),
    (["öva", "--övning", "x"], {2}),
    (["öva", "rvt-bou", "--övning", "finns-inte"], {2}),
    (["öva", "rvt-bou", "--lista", "--rundtur"], {2}),
    (["öva", "rvt-bou", "--svar", "akut=ja"], {2}),
    (["öva", "rvt-bou", "--lista", "--format", "md"], {2}),
    (["öva", "--rundtur"], {2}),
    (["öva", "rvt-bou", "--rundtur", "--format", "pdf"], {2}),
]
CASES += [(["--now", now, "list"], {2}) for now in BAD_NOW]
CASES += [(["show", "rvt-bou", "--now", now], {2}) for now in BAD_NOW[:4]]
CASES += [(["kontakter", "--now", now], {2}) for now in BAD_NOW[:4]]
CASES += [(["export", "rvt-bou", "-f", "text", "--now", now], {2}) for now in BAD_NOW[:3]]
CASES += [(["logg", "visa", WALK_ID, "--now", now], {2}) for now in BAD_NOW[:3]]
CASES += [(["logg", "rensa", "--äldre-än", age], {2}) for age in BAD_AGE]
CASES += [(["logg", "statistik", "--från", day], {2}) for day in BAD_DATE]
CASES += [(["logg", "statistik", "--till", day], {2}) for day in BAD_DATE[:5]]

# A broken config file: every command that reads it fails with one line naming file:line.
BAD_CONFIGS = {
    "retention": "retention_days = 1000000\n",
    "retention-zero": "retention_days = 0\n",
    "retention-text": 'retention_days = "90"\n',
    "data-dir-user": 'data_dir = "~nosuchuser/x"\n',
    "dirs-type": 'routine_dirs = "/srv/rutiner"\n',
    "syntax": "retention_days = \n",
    "utf8": b'role = "bou\xff"\n',
}
CONFIG_COMMANDS = [
    ["list"],
    ["show", "rvt-bou"],
    ["logg", "lista"],
    ["kontakter"],
    ["validate"],
    ["export", "rvt-bou", "-f", "text"],
    ["öva", "rvt-bou", "--lista"],
    ["info"],
    [],
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Files the table refers to, and one stored walk to export."""
    (tmp_path / "tom").mkdir()
    (tmp_path / "fil.txt").write_text("inte en katalog\n")
    (tmp_path / "trasig.toml").write_text('id = "trasig"\n[[steps]\n')
    (tmp_path / "stor.toml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    from samverkan_tui.core.routine.loader import load_routine

    routine = load_routine(CHECKLISTS / "rvt-bou.toml").routine
    walk = WalkSession(routine, START, MODE_CASE, id=WALK_ID)
    walk.answer("inkom", "rvt", START + dt.timedelta(minutes=1))
    walk.set_step("rvt-in-rvt-akut-1", DONE, START + dt.timedelta(minutes=5))
    with StepLog.open(retention_days=3650) as log:
        log.store_walks([walk])
    return tmp_path


def _one_swedish_line(err: str, what: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"{what}: stderr is not one line: {err!r}"
    assert lines[0].startswith("samverkan: "), f"{what}: {err!r}"
    assert not crash_words(err), f"{what}: {err!r}"
    return lines[0]


def _args(args: list[str], folder: Path) -> list[str]:
    return [a.replace("{tmp}", str(folder)) for a in args]


@pytest.mark.parametrize(("args", "codes"), CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_bad_input_gives_one_swedish_line(args: list[str], codes: set[int], workspace: Path) -> None:
    code, _, err = run_cli(*_args(args, workspace))
    assert code in codes, f"{args}: exit {code}, {err!r}"
    _one_swedish_line(err, " ".join(args))


@pytest.mark.parametrize("command", CONFIG_COMMANDS, ids=lambda c: " ".join(c) or "app")
@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_a_broken_config_is_one_line_with_file_and_line(
    name: str, command: list[str], isolated_user: Path
) -> None:
    config = isolated_user / "config.toml"
    content = BAD_CONFIGS[name]
    config.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, _, err = run_cli(*command)
    assert code == 1, f"{name} {command}: exit {code}, {err!r}"
    line = _one_swedish_line(err, f"{name} {command}")
    assert f"{config}:1" in line or f"{config}:" in line, line


@pytest.mark.parametrize(("name", "line"), [("trasig.toml", 2), ("stor.toml", 1)])
def test_validate_names_file_and_line_of_a_bad_file(name: str, line: int, workspace: Path) -> None:
    code, out, err = run_cli("validate", str(workspace / name))
    assert code == 1 and f"{workspace / name}:{line}" in out
    assert not crash_words(out + err) and "1 med fel" in err


def test_the_table_is_big_enough() -> None:
    assert len(CASES) + len(BAD_CONFIGS) * len(CONFIG_COMMANDS) >= 100


def test_too_long_paths_name_the_problem_in_swedish(workspace: Path) -> None:
    code, _, err = run_cli("export", "rvt-bou", "-f", "md", "-o", str(workspace / LONG_NAME))
    assert "för långt" in err and code in (1, 2)
    code, _, err = run_cli("logg", "export", WALK_ID, "-f", "json", "--ut", "/dev/full")
    assert code == 1 and "disken är full" in err
    code, _, err = run_cli("logg", "export", WALK_ID, "-f", "md", "--ut", str(workspace))
    assert code == 1 and "det är en katalog" in err


def test_interrupt_prints_avbrutet(monkeypatch: pytest.MonkeyPatch) -> None:
    import samverkan_tui.cli.routines as routines

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(routines, "routine_files", interrupted)
    code, _, err = run_cli("validate")
    assert code == 130 and err.strip() == "samverkan: avbrutet"


# -- real processes: closed and broken stdout, Ctrl+C ----------------------------------------


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(home),
            "SAMVERKAN_CONFIG": str(home / "config.toml"),
            "SAMVERKAN_DATA": str(home / "data"),
            "PYTHONPATH": str(REPO),
        }
    )
    return env


@pytest.mark.parametrize(
    "command",
    [
        "list",
        "show rvt-bou",
        "schema",
        "kontakter",
        "info",
        "logg lista",
        "export rvt-bou -f text",
        "--version",
    ],
)
def test_closed_stdout_exits_quietly(command: str, isolated_user: Path) -> None:
    shell = f'"{sys.executable}" -m samverkan_tui {command} >&-'
    done = subprocess.run(
        ["sh", "-c", shell], capture_output=True, text=True, timeout=60, env=_environment(isolated_user)
    )
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr


def test_broken_pipe_exits_quietly(isolated_user: Path) -> None:
    shell = f'"{sys.executable}" -m samverkan_tui export rvt-bou -f text | head -1'
    done = subprocess.run(
        ["sh", "-c", f"{shell}; exit 0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_environment(isolated_user),
    )
    assert done.stdout.count("\n") == 1
    assert done.stderr == "", done.stderr


def test_sigint_prints_avbrutet(isolated_user: Path) -> None:
    """Ctrl+C while a command waits: "avbrutet" and exit 130, no traceback."""
    code = (
        # Ctrl+C as in a terminal, even when the test runs as a background job (whose
        # children inherit SIGINT ignored).
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "import sys, time; sys.argv = ['samverkan', 'list']; "
        "import samverkan_tui.core.routine.catalog as c; "
        "c.search_dirs = lambda *a, **k: (print('klar', flush=True), time.sleep(30))[1]; "
        "from samverkan_tui.cli import main; main()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(isolated_user),
    )
    assert process.stdout.readline().strip() == "klar"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and err.strip() == "samverkan: avbrutet", err


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(28, "No space left on device", "/tmp/ut.pdf"), "/tmp/ut.pdf: disken är full"),
        (IsADirectoryError(21, "Is a directory", "/tmp"), "/tmp: det är en katalog, inte en fil"),
        (OSError(36, "File name too long", b"/tmp/x"), "/tmp/x: sökvägen eller filnamnet är för långt"),
        (PermissionError(13, "Permission denied"), "behörighet saknas"),
        (OSError(30, "Read-only file system"), "filsystemet är skrivskyddat"),
        (OSError(122, "Disk quota exceeded"), "diskkvoten är slut"),
        (OSError(71, "Protocol error"), "systemfel EPROTO"),
        (OSError("no errno at all"), "okänt systemfel"),
    ],
)
def test_os_errors_are_swedish(error: OSError, expected: str) -> None:
    from samverkan_tui.core.base.oserrors import os_error_message

    assert os_error_message(error) == expected
