"""Issue 26: a step log on a read-only folder can be read, listed, exported and counted.

Read-only for real: as a normal user the folder and files lose their write bits; as root
(who writes anyway) the folder is bind-mounted read-only in a private mount namespace
(``unshare``), which vanishes with the command. Only writing says it cannot.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION
from samverkan_tui.steplog.store import StepLog
from tests.steplog.helpers import START, at, routine

REPO = Path(__file__).resolve().parents[2]


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or (ROOT and not _can_mount_read_only()),
    reason="needs a POSIX user without root, or root with unshare to mount a folder read-only",
)


def _fill(folder: Path) -> str:
    with StepLog.open(folder, retention_days=100_000) as log:
        session = WalkSession(routine(), START)
        log.start(session)
        session.answer("inkom", "bou", at(1))
        session.set_step("bou-in-bou-1", DEVIATION, at(2), "annat", "tolk saknades")
        session.finish(at(3))
        return session.id


def _samverkan(folder: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`samverkan ARGS` with the data folder read-only."""
    env = {
        **os.environ,
        "SAMVERKAN_DATA": str(folder),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-m", "samverkan_tui", *args]
    if ROOT:
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        unshare = ["unshare", "--mount", "--propagation", "private"]
        command = [*unshare, "sh", "-c", script, str(folder), *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture
def read_only_log(tmp_path: Path):
    folder = tmp_path / "logg"
    walk_id = _fill(folder)
    if not ROOT:
        for path in [folder, *folder.iterdir()]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    yield folder, walk_id, tmp_path
    if not ROOT:
        for path in [folder, *folder.iterdir()]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)


def test_reading_commands_work_on_a_read_only_folder(read_only_log) -> None:
    folder, walk_id, home = read_only_log
    listed = _samverkan(folder, "logg", "lista", home=home)
    assert listed.returncode == 0, listed.stderr
    assert walk_id[:8] in listed.stdout
    shown = _samverkan(folder, "logg", "visa", walk_id[:8], home=home)
    assert shown.returncode == 0, shown.stderr
    assert "tolk saknades" in shown.stdout
    target = home / "ut.md"
    exported = _samverkan(folder, "logg", "exportera", walk_id[:8], "-f", "md", "-o", str(target), home=home)
    assert exported.returncode == 0, exported.stderr
    assert "tolk saknades" in target.read_text("utf-8")
    counted = _samverkan(folder, "logg", "statistik", home=home)
    assert counted.returncode == 0, counted.stderr
    assert "Traceback" not in listed.stderr + shown.stderr + exported.stderr + counted.stderr


def test_only_writing_says_it_cannot(read_only_log) -> None:
    folder, _, home = read_only_log
    purged = _samverkan(folder, "logg", "rensa", "--alla", "--ja", home=home)
    assert purged.returncode != 0
    lines = [line for line in purged.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "skrivskydd" in lines[0], purged.stderr
    assert "Traceback" not in purged.stderr and "Errno" not in purged.stderr
