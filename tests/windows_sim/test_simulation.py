"""The Windows SIMULATION lane's own checks (see simulation.py: a simulation, not Windows).

Exports written inside the simulation are byte-identical to the ones written outside it,
and output to a cp1252 stdout (a redirected one on Windows) is UTF-8.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.base.files import write_private
from tests.conftest import REPO, run_cli
from tests.windows_sim.simulation import windows_os

NOW = ("--now", "2026-11-23T10:00")
# The simulation takes POSIX's O_NOFOLLOW and fchmod away; on Windows the real thing runs.
pytestmark = pytest.mark.skipif(os.name == "nt", reason="simuleringen av Windows körs bara på POSIX")


def test_the_simulation_is_what_windows_lacks(tmp_path: Path) -> None:
    """So that the lane could catch the bugs it is for: each difference is really there."""
    with windows_os():
        assert not hasattr(os, "O_NOFOLLOW") and not hasattr(os, "fchmod")
        fd = os.open(tmp_path / "text", os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b"a\nb")
        os.close(fd)
        fd = os.open(tmp_path / "binary", os.O_WRONLY | os.O_CREAT | os.O_BINARY, 0o600)
        os.write(fd, b"a\nb")
        os.close(fd)
    assert (tmp_path / "text").read_bytes() == b"a\r\nb"
    assert (tmp_path / "binary").read_bytes() == b"a\nb"
    assert hasattr(os, "O_NOFOLLOW") and hasattr(os, "fchmod") and not hasattr(os, "O_BINARY")


def test_the_one_writer_is_byte_exact_and_private_in_the_simulation(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n\x00\r\n\n\xff"
    with windows_os():
        written = write_private(tmp_path / "ny" / "fil.pdf", data, make_folder=True)
        write_private(written, data + b"\n")  # over an existing file
    assert written.read_bytes() == data + b"\n"
    assert os.stat(written).st_mode & 0o777 == 0o600
    assert sorted(p.name for p in written.parent.iterdir()) == [".samverkan-mapp", "fil.pdf"]


EXPORTS = [
    ("export", "rvt-bou", "-f", "pdf"),
    ("export", "rvt-bou", "-f", "md"),
    ("export", "rvt-bou", "-f", "html"),
    ("export", "rvt-bou", "-f", "text"),
    (
        "--katalog",
        str(REPO / "tests" / "data"),
        "export",
        "test-format2",
        "-f",
        "ics",
        "--svar",
        "akut=ja",
        "--inkom",
        "2026-11-20T09:00",
    ),
]


@pytest.mark.parametrize("args", EXPORTS, ids=lambda args: args[args.index("-f") + 1])
def test_exports_in_the_simulation_are_byte_identical(capsys, tmp_path: Path, args: tuple[str, ...]) -> None:
    normal, simulated = tmp_path / "normal", tmp_path / "simulerad"
    code, _, err = run_cli(capsys, *args, "-o", str(normal), *NOW)
    assert code == 0, err
    with windows_os():
        code, _, err = run_cli(capsys, *args, "-o", str(simulated), *NOW)
    assert code == 0, err
    data, expected = simulated.read_bytes(), normal.read_bytes()
    if args[args.index("-f") + 1] == "ics":
        # A plan from the command line draws a new key for its events' UIDs on every export
        # (two cases must never share events): the UIDs differ, every other byte must not.
        import re

        uid = re.compile(rb"UID:[^\r\n]*")
        assert len(uid.findall(data)) == len(uid.findall(expected)) > 0
        data, expected = uid.sub(b"UID:x", data), uid.sub(b"UID:x", expected)
    assert data == expected
    if args[args.index("-f") + 1] == "pdf":
        import io

        import pypdf

        assert "Relationsvåldsteamet" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    else:
        assert b"\r\r\n" not in data


def test_the_step_log_and_the_config_work_in_the_simulation(capsys, isolated_user: Path) -> None:
    with windows_os():
        code, _, err = run_cli(capsys, "logg", "lista")
        assert code == 0, err
        from samverkan_tui.core.base.config import load_config, save_config

        config = load_config()
        save_config(config, role="bou")
        assert load_config().role == "bou"
    assert b"\r" not in (isolated_user / "config.toml").read_bytes()


def _cp1252_run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """`samverkan ARGS > file` on Windows: stdout and stderr in the ANSI code page."""
    code = (
        "import sys; from tests.windows_sim.simulation import apply; apply(); "
        "from samverkan_tui.cli import main; main(sys.argv[1:])"
    )
    env = {
        **os.environ,
        "PYTHONIOENCODING": "cp1252",
        "PYTHONUTF8": "0",
        "SAMVERKAN_CONFIG": str(tmp_path / "config.toml"),
        "SAMVERKAN_DATA": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, env=env, capture_output=True, timeout=120, check=False
    )


def test_output_is_utf8_on_a_cp1252_stdout(tmp_path: Path) -> None:
    source = tmp_path / "rutin.txt"
    source.write_text(
        "Samverkan med Čapek ✓\n\n1. Socialsekreteraren kontaktar Čapek inom 3 dagar.\n", encoding="utf-8"
    )
    result = _cp1252_run(["utkast", str(source)], tmp_path)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Čapek" in result.stdout.decode("utf-8")
    missing = _cp1252_run(["utkast", str(tmp_path / "Čapek ✓.txt")], tmp_path)
    assert missing.returncode == 2
    assert "Čapek ✓.txt" in missing.stderr.decode("utf-8") and b"ov\xc3\xa4ntat fel" not in missing.stderr
