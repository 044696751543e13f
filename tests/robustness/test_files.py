"""Files are ours and private: no symlinks followed, 0600/0700 under any umask, atomic writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from samverkan_tui.core.base.config import Config, save_config
from samverkan_tui.core.base.files import (
    MARKER,
    FileSafetyError,
    ensure_private_dir,
    unique_path,
    write_private,
)
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.steplog.store import DB_NAME, StepLog, StepLogError
from tests.steplog.helpers import START, routine

# 0600/0700, umask, symlinks and fifos are POSIX; on Windows the profile's ACL protects the
# files (README: "Var uppgifterna finns och vad som skyddar dem").
pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX-rättigheter, umask och symboliska länkar")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextlib.contextmanager
def umask(value: int):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
def test_files_are_0600_and_new_folders_0700_under_any_umask(tmp_path: Path, mask: int) -> None:
    with umask(mask):
        folder = ensure_private_dir(tmp_path / "ny" / "mapp")
        written = write_private(folder / "fil.md", "text")
        config = Config(tmp_path / "conf" / "config.toml")
        save_config(config, role="bou")
        with StepLog.open(tmp_path / "logg") as log:
            log.start(WalkSession(routine(), START))
    assert mode(folder) == mode(folder.parent) == 0o700
    assert mode(written) == 0o600 and written.read_text() == "text"
    assert mode(config.path) == 0o600 and mode(config.path.parent) == 0o700
    for path in (tmp_path / "logg").iterdir():
        if path.name.startswith(DB_NAME):
            assert mode(path) == 0o600, path


def test_every_export_is_0600_under_umask_000(tmp_path: Path, capsys) -> None:
    from samverkan_tui.cli import main
    from samverkan_tui.cli.common import STATE

    with StepLog.open(retention_days=100_000) as log:
        session = WalkSession(routine(), START)
        log.store_walks([session])

    def run(*args: str) -> int:
        STATE.now_text, STATE.routine_dirs, STATE.debug, STATE._config, STATE._catalog = (
            None,
            [],
            False,
            None,
            None,
        )
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        capsys.readouterr()
        return exit_info.value.code

    with umask(0):
        assert run("export", "rvt-bou", "-f", "md", "-o", str(tmp_path / "rutin.md")) == 0
        assert run("export", "rvt-bou", "-o", str(tmp_path / "rutin.pdf")) == 0
        assert run("logg", "export", session.id, "--format", "html", "--ut", str(tmp_path / "g.html")) == 0
        from samverkan_tui.tui.exporting import export_walk

        moment = dt.datetime(2026, 11, 23, 10, 0, 5)
        first, second = export_walk(session, moment, "md"), export_walk(session, moment, "md")
    for name in ("rutin.md", "rutin.pdf", "g.html"):
        assert mode(tmp_path / name) == 0o600, name
    assert first != second, "two exports in the same second must not overwrite each other"
    assert mode(first) == mode(second) == 0o600
    assert first.name == "rvt-bou-2026-11-23-100005.md" and second.name == "rvt-bou-2026-11-23-100005-2.md"


def test_a_symlink_at_the_database_path_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "annanstans"
    elsewhere.write_bytes(b"")
    folder = tmp_path / "logg"
    folder.mkdir()
    (folder / DB_NAME).symlink_to(elsewhere)
    with pytest.raises(StepLogError, match="symbolisk länk"):
        StepLog.open(folder)
    assert elsewhere.read_bytes() == b""


def test_a_symlink_at_the_data_folder_or_the_wal_is_refused(tmp_path: Path, monkeypatch) -> None:
    real = tmp_path / "verklig"
    real.mkdir()
    (tmp_path / "länk").symlink_to(real)
    monkeypatch.setenv("SAMVERKAN_DATA", str(tmp_path / "länk"))
    with pytest.raises(StepLogError, match="symbolisk länk"):
        StepLog.open()
    folder = tmp_path / "logg"
    folder.mkdir()
    (folder / (DB_NAME + "-wal")).symlink_to(tmp_path / "wal-annanstans")
    with pytest.raises(StepLogError, match="symbolisk länk"):
        StepLog.open(folder)


def test_a_symlink_at_an_export_or_config_path_is_refused(tmp_path: Path, capsys) -> None:
    from samverkan_tui.cli import main
    from samverkan_tui.cli.common import STATE

    victim = tmp_path / "offer.txt"
    victim.write_text("orört")
    link = tmp_path / "export.md"
    link.symlink_to(victim)
    STATE.now_text, STATE.routine_dirs, STATE.debug, STATE._config, STATE._catalog = (
        None,
        [],
        False,
        None,
        None,
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "rvt-bou", "-f", "md", "-o", str(link)])
    assert exit_info.value.code == 1
    assert "symbolisk länk" in capsys.readouterr().err
    config_link = tmp_path / "config.toml"
    config_link.symlink_to(victim)
    with pytest.raises(FileSafetyError, match="symbolisk länk"):
        save_config(Config(config_link), role="bou")
    with pytest.raises(FileSafetyError, match="symbolisk länk"):
        write_private(link, "x")
    assert victim.read_text() == "orört"


def test_a_shared_folder_is_never_chmodded_the_log_goes_into_a_subfolder(tmp_path: Path, monkeypatch) -> None:
    shared = tmp_path / "delad"
    shared.mkdir()
    shared.chmod(0o2775)
    monkeypatch.setenv("SAMVERKAN_DATA", str(shared))
    with StepLog.open() as log:
        assert log.path == shared / "samverkan" / DB_NAME
    assert mode(shared) == 0o2775
    assert mode(shared / "samverkan") == 0o700 and (shared / "samverkan" / MARKER).is_file()
    ensure_private_dir(shared)  # an existing folder that is not ours: left as it is
    assert mode(shared) == 0o2775


def test_a_folder_the_app_created_is_tightened_again(tmp_path: Path) -> None:
    folder = ensure_private_dir(tmp_path / "vår")
    folder.chmod(0o755)
    ensure_private_dir(folder)
    assert mode(folder) == 0o700


def test_empty_data_dir_is_an_error_in_swedish(tmp_path: Path, isolated_user: Path, monkeypatch) -> None:
    monkeypatch.delenv("SAMVERKAN_DATA")
    monkeypatch.chdir(tmp_path)
    (isolated_user / "config.toml").write_text('data_dir = ""\n', encoding="utf-8")
    before = mode(tmp_path)
    with pytest.raises(StepLogError, match=r"data_dir är tom"):
        StepLog.open()
    assert mode(tmp_path) == before and not (tmp_path / DB_NAME).exists()


def test_writes_are_atomic_an_old_file_survives_a_failed_write(tmp_path: Path, monkeypatch) -> None:
    target = write_private(ensure_private_dir(tmp_path / "ut") / "plan.md", "gammal")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError):
        write_private(target, "ny och längre text")
    monkeypatch.undo()
    assert target.read_text() == "gammal"
    assert sorted(p.name for p in target.parent.iterdir()) == [MARKER, "plan.md"]  # no temp file


def test_unique_path_counts_up(tmp_path: Path) -> None:
    first = unique_path(tmp_path, "a", ".md")
    write_private(first, "1")
    second = unique_path(tmp_path, "a", ".md")
    assert (first.name, second.name) == ("a.md", "a-2.md")


def test_a_device_or_pipe_is_written_to_never_replaced(tmp_path: Path) -> None:
    """A rename over /dev/full once turned the device into a file (as root)."""
    import threading

    from samverkan_tui.core.base.files import write_private

    fifo = tmp_path / "ror"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_private(fifo, b"hej")
    reader.join(timeout=10)
    assert received == [b"hej"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)
