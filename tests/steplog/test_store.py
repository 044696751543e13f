"""The step log's storage: resume, file permissions, data folder, retention, purge, failures."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, MODE_CASE, MODE_TRAINING, NOT_APPLICABLE
from samverkan_tui.steplog.store import DB_NAME, StepLog, StepLogError
from tests.steplog.helpers import START, at, db_bytes, routine

ROUTINE = routine()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "logg"


@pytest.fixture
def log(folder: Path):
    log = StepLog.open(folder, retention_days=100_000)
    yield log
    log.close()


def walk(log: StepLog, start: dt.datetime = START, mode: str = MODE_CASE) -> WalkSession:
    session = WalkSession(ROUTINE, start, mode)
    log.start(session)
    return session


def test_every_event_is_stored_and_resume_restores_answers_ticks_and_contacts(folder: Path, log) -> None:
    session = walk(log)
    session.answer("inkom", "rvt", at(1))
    session.answer("akut", "nej", at(2))
    session.set_step("rvt-in-rvt-ejakut-1", DONE, at(3))
    session.set_step("rvt-in-rvt-ejakut-2", DEVIATION, at(4), "kontakt_ej_nadd")
    session.set_step("rvt-in-bou-1", NOT_APPLICABLE, at(5))
    session.toggle_done("rvt-in-rvt-ejakut-1", at(6))  # untick: a clear event
    session.use_contact("rvt-beredskap", at(7))
    log.close()

    with StepLog.open(folder, retention_days=100_000) as again:
        [info] = again.unfinished()
        assert (info.id, info.routine_id, info.content_hash, info.mode) == (
            session.id,
            ROUTINE.id,
            ROUTINE.content_hash,
            "ärende",
        )
        assert (info.answered, info.steps_handled, info.updated_at) == (2, 2, at(7))
        resumed = again.resume(session.id, ROUTINE)
        assert resumed.answers == session.answers
        assert resumed.steps == session.steps
        assert resumed.contacts_used == session.contacts_used
        # The resumed walk is logged again, and finishing it marks it done.
        resumed.finish(at(8))
        assert again.unfinished() == []
        assert again.get(session.id).finished_at == at(8)
    with StepLog.open(folder, retention_days=100_000) as third:
        assert [e.kind for e in third.events(session.id)][-1] == "avslut"


def test_unfinished_lists_the_most_recently_changed_first_and_skips_finished(log) -> None:
    first, second, done = walk(log), walk(log, mode=MODE_TRAINING), walk(log)
    first.answer("inkom", "bou", at(5))
    second.answer("inkom", "bou", at(3))
    done.finish(at(9))
    assert [i.id for i in log.unfinished()] == [first.id, second.id]
    assert log.get(second.id).mode == MODE_TRAINING


def test_events_before_start_are_written_too(log) -> None:
    session = WalkSession(ROUTINE, START)
    session.answer("inkom", "bou", at(1))
    log.start(session)
    session.answer("akut", "ja", at(2))
    assert [e.question for e in log.events(session.id)] == ["inkom", "akut"]


def test_files_are_0600_even_if_they_existed_with_looser_modes_and_a_folder_not_ours_is_kept(
    folder: Path,
) -> None:
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / DB_NAME).write_bytes(b"")
    (folder / DB_NAME).chmod(0o644)
    with StepLog.open(folder) as log:
        walk(log).answer("inkom", "bou", at(1))
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # not created by the app: not chmod-ed
        files = [p for p in folder.iterdir() if p.name.startswith(DB_NAME)]
        assert {p.name for p in files} == {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"}
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_data_folder_env_then_config_then_platform(
    tmp_path: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with StepLog.open() as log:
        assert log.path == isolated_user / "data" / DB_NAME  # SAMVERKAN_DATA (conftest)
    monkeypatch.delenv("SAMVERKAN_DATA")
    config = isolated_user / "config.toml"
    config.write_text(f'data_dir = "{tmp_path / "från-config"}"\n', encoding="utf-8")
    with StepLog.open() as log:
        assert log.path == tmp_path / "från-config" / DB_NAME
    config.unlink()
    with StepLog.open() as log:  # XDG_DATA_HOME (conftest) / samverkan
        assert log.path == isolated_user / ".local" / "share" / "samverkan" / DB_NAME


def _old_and_new_walks(folder: Path, now: dt.datetime) -> tuple[str, str, str]:
    def days_ago(days: int) -> dt.datetime:
        log.clock = lambda: now - dt.timedelta(days=days)  # the real clock, as it was then
        return now - dt.timedelta(days=days)

    with StepLog.open(folder, retention_days=100_000) as log:
        old = walk(log, days_ago(40))
        old.answer("inkom", "bou", days_ago(40))
        # Started long ago but touched recently: kept (retention counts from the last change).
        touched = walk(log, days_ago(50))
        touched.answer("inkom", "bou", days_ago(2))
        new = walk(log, days_ago(3))
        new.answer("inkom", "rvt", days_ago(3))
    return old.id, touched.id, new.id


def test_retention_from_config_is_applied_at_open(folder: Path, isolated_user: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    old, touched, new = _old_and_new_walks(folder, now)
    (isolated_user / "config.toml").write_text("retention_days = 30\n", encoding="utf-8")
    with StepLog.open(folder) as log:
        assert {i.id for i in log.list_sessions()} == {touched, new}
        assert log.events(old) == []


def test_default_retention_keeps_recent_walks(folder: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    ids = set(_old_and_new_walks(folder, now))
    with StepLog.open(folder) as log:  # 90 days
        assert {i.id for i in log.list_sessions()} == ids


def test_purge_leaves_no_bytes_of_deleted_walks_in_any_file(folder: Path) -> None:
    log = StepLog.open(folder)
    keep, gone = walk(log), walk(log)
    marker = "tolken saknade tid"  # known words: survives scrubbing unchanged
    gone.set_step("bou-in-bou-1", DEVIATION, at(1), "resurs_saknades", marker)
    keep.set_step("bou-in-bou-2", DEVIATION, at(1), "annat", "rummet var upptaget")
    before = db_bytes(folder)
    assert marker.encode() in before and gone.id.encode() in before  # the search can see them
    assert log.purge(everything=True) == 2
    after = db_bytes(folder)  # while the log is still open, WAL included
    log.close()
    assert marker.encode() not in after
    assert gone.id.encode() not in after and keep.id.encode() not in after


def test_purge_of_some_walks_keeps_the_others_and_removes_only_their_bytes(folder: Path) -> None:
    log = StepLog.open(folder, retention_days=100_000)
    log.clock = lambda: START - dt.timedelta(days=60)  # written then, by the real clock
    old = walk(log, START - dt.timedelta(days=60))
    old.set_step("bou-in-bou-1", DEVIATION, START - dt.timedelta(days=60), "annat", "gammal tid saknades")
    log.clock = lambda: START
    new = walk(log)
    new.set_step("bou-in-bou-1", DEVIATION, at(1), "annat", "ny lokal behövdes")
    other = StepLog.open(folder, retention_days=100_000)  # another instance reading meanwhile
    assert len(other.list_sessions()) == 2
    assert log.purge(before=START - dt.timedelta(days=30)) == 1
    other.close()
    log.close()
    data = db_bytes(folder)
    assert b"gammal tid" not in data and old.id.encode() not in data
    with StepLog.open(folder, retention_days=100_000) as again:
        assert [i.id for i in again.list_sessions()] == [new.id]
        assert again.events(new.id)[0].comment == "ny lokal behövdes"


def test_comment_is_scrubbed_on_the_way_to_disk_even_if_the_app_forgot(folder: Path, log) -> None:
    session = walk(log)
    session.set_step(
        "bou-in-bou-1",
        DEVIATION,
        at(1),
        "kontakt_ej_nadd",
        "Ringde Anna Svensson 070-123 45 67, pnr 811218-9876",
    )
    [event] = log.events(session.id)
    assert event.comment == "Ringde […] ###-### ## ##, […] ######-####"
    for secret in (b"Anna", b"Svensson", b"070-123", b"811218"):
        assert secret not in db_bytes(folder)


def test_disk_full_mid_walk_keeps_the_walk_in_memory_says_why_and_catches_up(log) -> None:
    session = walk(log)
    conn = log.connection()
    pages = conn.execute("pragma page_count").fetchone()[0]
    conn.execute(f"pragma max_page_count = {pages}")  # SQLite now answers SQLITE_FULL
    minute = 0
    while log.status_message is None:
        minute += 1
        assert minute < 10_000, "the database never filled up"
        session.toggle_done("bou-in-bou-1", at(minute))  # must never raise
    assert "disken är full" in log.status_message and "exportera" in log.status_message
    session.answer("inkom", "bou", at(minute + 1))  # still no exception; kept in memory
    assert log.pending == 2
    conn.execute("pragma max_page_count = 1073741823")
    assert log.retry()
    assert log.status_message is None
    assert len(log.events(session.id)) == len(session.events)


def test_after_close_events_are_not_written_and_do_not_raise(folder: Path) -> None:
    log = StepLog.open(folder)
    session = walk(log)
    log.close()
    session.answer("inkom", "bou", at(1))  # the listener was detached: nothing happens
    assert session.answers == {"inkom": "bou"}


@pytest.mark.parametrize("setup", ["folder_is_a_file", "not_a_database", "newer_schema"])
def test_an_unusable_log_raises_one_swedish_line(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / "logg"
    expected = {
        "folder_is_a_file": "Steglogg kan inte öppnas",
        "not_a_database": "skadad",
        "newer_schema": "nyare version",
    }[setup]
    if setup == "folder_is_a_file":
        folder.write_text("inte en mapp")
    elif setup == "not_a_database":
        folder.mkdir()
        (folder / DB_NAME).write_bytes(b"x" * 4096)
    else:
        folder.mkdir()
        conn = sqlite3.connect(folder / DB_NAME)
        conn.execute("pragma user_version = 99")
        conn.close()
    with pytest.raises(StepLogError) as error:
        StepLog.open(folder)
    message = str(error.value)
    assert expected in message and "\n" not in message
    assert "sparas inte" in message  # says what it means for the walk


def test_find_by_prefix(log) -> None:
    session = walk(log)
    assert [i.id for i in log.find(session.id[:6])] == [session.id]
    assert [i.id for i in log.find(session.id[:6].upper())] == [session.id]
    assert log.find("zz") == [] and log.find("") == []


def test_a_log_locked_too_long_by_another_instance_is_reported_then_caught_up(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samverkan_tui.steplog.store as store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 50)  # wait 50 ms, not 3 s, in this test
    log = StepLog.open(folder)
    session = walk(log)
    other = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    other.execute("begin immediate")  # another instance holding the write lock
    session.answer("inkom", "bou", at(1))  # must not raise
    assert "låst" in log.status_message and "Försöker igen" in log.status_message
    assert log.pending == 1
    other.execute("commit")
    other.close()
    session.answer("akut", "ja", at(2))
    assert log.status_message is None and log.pending == 0
    assert [e.question for e in log.events(session.id)] == ["inkom", "akut"]
    log.close()


def test_starting_the_same_walk_twice_writes_its_events_once(log) -> None:
    session = walk(log)
    session.answer("inkom", "bou", at(1))
    log.start(session)
    session.answer("akut", "ja", at(2))
    assert [e.question for e in log.events(session.id)] == ["inkom", "akut"]


def test_local_iso_matches_the_datetime_conversion_across_dst() -> None:
    from samverkan_tui.steplog.store import from_db_time, local_iso, to_db_time

    # Around both DST changes of 2026 (29 March, 25 October), every 20 minutes.
    for first in (dt.datetime(2026, 3, 28, 20, tzinfo=dt.UTC), dt.datetime(2026, 10, 24, 20, tzinfo=dt.UTC)):
        for step in range(0, 24 * 60, 20):
            stored = to_db_time(first + dt.timedelta(minutes=step, seconds=7, microseconds=5))
            assert local_iso(stored) == from_db_time(stored).isoformat(timespec="seconds")


def test_list_rows_are_the_sessions_as_stored_by_name(log) -> None:
    """`logg lista` reads these by field name; each field is the SessionInfo's, times as UTC text."""
    from samverkan_tui.steplog.store import local_iso

    first, done = walk(log), walk(log, START + dt.timedelta(hours=1), MODE_TRAINING)
    first.answer("inkom", "bou", at(5))
    done.set_step("rvt-in-bou-1", DONE, at(70))
    done.finish(at(75))
    rows, infos = log.list_rows(), log.list_sessions()
    assert [r.id for r in rows] == [done.id, first.id]  # the most recently started first
    for row, info in zip(rows, infos, strict=True):
        assert row._fields == tuple(info.__dataclass_fields__)
        for name in row._fields:
            value = getattr(row, name)
            expected = getattr(info, name)
            if isinstance(expected, dt.datetime):
                assert local_iso(value) == expected.isoformat(timespec="seconds")
            else:
                assert value == expected, name
    assert (rows[0].finished_at is not None, rows[1].finished_at) == (True, None)
    assert (rows[0].mode, rows[0].steps_handled, rows[1].answered) == (MODE_TRAINING, 1, 1)
