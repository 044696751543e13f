"""Issue 26: two windows never lose work, and one walk is written by one window at a time.

Two app windows are two ``StepLog`` objects (in tests, in one process or two); the OS
lock that makes a window the writer of a walk excludes both. Under load the children of
the concurrency test wait for each other with back-off instead of giving up:
``SAMVERKAN_CONCURRENCY_RUNS`` repeats that test (the closing note's 50 runs).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION
from samverkan_tui.steplog.store import DB_NAME, StepLog
from tests.steplog.helpers import START, at, routine

WRITER = Path(__file__).with_name("writer.py")
RUNS = int(os.environ.get("SAMVERKAN_CONCURRENCY_RUNS", "2"))


def _open(folder: Path) -> StepLog:
    return StepLog.open(folder, retention_days=100_000)


def test_a_second_window_on_the_same_walk_shows_it_read_only_and_says_so(tmp_path: Path) -> None:
    rut = routine()
    first = _open(tmp_path)
    session = WalkSession(rut, START)
    first.start(session)
    session.answer("inkom", "bou", at(1))
    first.close()

    window_a, window_b = _open(tmp_path), _open(tmp_path)
    [info] = window_a.unfinished()
    walk_a = window_a.resume(info.id, rut)
    window_a.start(walk_a)  # the walk screen of window A: A writes this walk now
    walk_b = window_b.resume(info.id, rut)
    window_b.start(walk_b)  # window B opens the same walk
    assert window_a.writes(walk_a) and not window_b.writes(walk_b)
    message = window_b.message_for(walk_b)
    assert message is not None and "annat fönster" in message and "skrivskyddad" in message
    assert window_a.message_for(walk_a) is None

    walk_a.answer("akut", "ja", at(2))
    walk_b.answer("akut", "nej", at(3))  # shown in B, never written
    walk_b.toggle_done("bou-in-bou-1", at(4))
    assert [(e.question, e.value) for e in window_a.events(info.id) if e.question] == [
        ("inkom", "bou"),
        ("akut", "ja"),
    ]
    row = window_a.get(info.id)
    assert row is not None and row.answered == 2 and row.steps_handled == 0
    window_a.close()

    # A has closed, but B's copy is older than the log: it still never writes.
    walk_b.toggle_done("bou-in-bou-2", at(5))
    assert not window_b.writes(walk_b)
    assert "ändrats i ett annat fönster" in (window_b.message_for(walk_b) or "")
    assert len(window_b.events(info.id)) == 2
    window_b.close()

    # Opened again, the walk is whole and can be continued.
    with _open(tmp_path) as log:
        again = log.resume(info.id, rut)
        log.start(again)
        again.toggle_done("bou-in-bou-1", at(6))
        assert log.writes(again) and log.message_for(again) is None
        assert len(log.events(info.id)) == 3


def test_a_crashed_window_never_blocks_the_walk(tmp_path: Path) -> None:
    rut = routine()
    with _open(tmp_path) as log:
        session = WalkSession(rut, START)
        log.start(session)
        session.answer("inkom", "bou", at(1))
        walk_id = session.id
    # A child resumes the walk, writes once, and is killed while it holds the walk.
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(tmp_path), "endless"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith(walk_id), child.stderr.read()
    finally:
        child.kill()
        child.wait()
    with _open(tmp_path) as log:
        again = log.resume(walk_id, rut)
        log.start(again)
        assert log.writes(again), log.message_for(again)


def test_opening_waits_for_another_window_that_holds_the_log(tmp_path: Path, monkeypatch) -> None:
    import samverkan_tui.steplog.store as store

    _open(tmp_path).close()
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 20)  # each try waits briefly: the retries matter
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None, check_same_thread=False)
    holder.execute("begin exclusive")
    released = threading.Event()

    def release_once_the_opener_has_tried() -> None:
        # Give up the lock only after the opener has failed at least once and retried.
        released.wait(timeout=30)
        holder.execute("commit")

    original = store._connect
    tries = []

    def counting(folder: Path, db_path: Path) -> sqlite3.Connection:
        tries.append(1)
        if len(tries) == 2:
            released.set()
        return original(folder, db_path)

    monkeypatch.setattr(store, "_connect", counting)
    thread = threading.Thread(target=release_once_the_opener_has_tried)
    thread.start()
    log = _open(tmp_path)
    thread.join()
    holder.close()
    assert len(tries) >= 2  # the first try met the lock; a later one opened the log
    assert log.status_message is None
    log.close()


@pytest.mark.parametrize("run", range(RUNS))
def test_two_windows_opened_at_once_on_a_new_folder_both_save_everything(tmp_path: Path, run: int) -> None:
    folder = tmp_path / "ny"
    go = tmp_path / "kör"
    walks = 6
    children = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), "walks", str(walks), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    go.touch()  # both open the new folder and write at once
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err[-2000:]
        assert "FEL" not in out, out
    with _open(folder) as log:
        assert len(log.list_sessions()) == 2 * walks
        assert all(info.finished for info in log.list_sessions())


def test_a_stale_window_never_rewrites_the_summary_row(tmp_path: Path) -> None:
    rut = routine()
    with _open(tmp_path) as log:
        session = WalkSession(rut, START)
        log.start(session)
        session.answer("inkom", "bou", at(1))
    stale_window = _open(tmp_path)
    stale = stale_window.resume(session.id, rut)  # shown in the resume list, not opened
    with _open(tmp_path) as working:
        walk = working.resume(session.id, rut)
        working.start(walk)
        for minute, step in enumerate(("bou-in-bou-1", "bou-in-bou-2", "bou-in-bou-1-beredskap"), start=2):
            walk.toggle_done(step, at(minute))
        walk.set_step("bou-in-bou-1-skriftligt", DEVIATION, at(6), "annat", "tolk saknades")
        walk.finish(at(7))
    stale.toggle_done("bou-in-bou-1", at(8))  # the stale copy is used after all
    row = stale_window.get(session.id)
    assert row is not None and row.finished and row.steps_handled == 4
    assert len(stale_window.events(session.id)) == 6  # 1 answer, 4 steps, the finish
    assert "ändrats i ett annat fönster" in (stale_window.message_for(stale) or "")
    stale_window.close()


def test_a_file_system_without_locks_still_saves_the_walk(tmp_path: Path, monkeypatch) -> None:
    """Some network shares refuse flock: the walk is written as before claims existed."""
    import samverkan_tui.steplog.store as store

    monkeypatch.setattr(store, "_lock", lambda fd: None)
    with _open(tmp_path) as log:
        session = WalkSession(routine(), START)
        log.start(session)
        session.answer("inkom", "bou", at(1))
        assert log.writes(session) and log.message_for(session) is None
        assert len(log.events(session.id)) == 1
