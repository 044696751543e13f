"""Retention counts from when events were really written, never from a walk's --now time."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, NOT_APPLICABLE
from samverkan_tui.steplog.store import DB_NAME, SCHEMA_VERSION, StepLog
from tests.steplog.helpers import routine

ROUTINE = routine("rvt-bou")


def test_a_walk_done_with_an_old_now_time_survives_the_next_start(tmp_path: Path) -> None:
    fake_now = dt.datetime(2026, 8, 3, 10, 0, tzinfo=dt.UTC)  # `--now 2026-08-03T10:00`
    with StepLog.open(tmp_path, retention_days=30) as log:
        session = WalkSession(ROUTINE, fake_now)
        log.start(session)
        session.answer("inkom", "bou", fake_now + dt.timedelta(minutes=1))
    # Next start, real clock months after the --now time: the walk was written just now.
    with StepLog.open(tmp_path, retention_days=30) as log:
        assert log.purged_at_open == 0
        assert [info.id for info in log.list_sessions()] == [session.id]
        assert log.get(session.id).updated_at == fake_now + dt.timedelta(minutes=1)  # its own time


def test_retention_still_removes_walks_really_written_long_ago(tmp_path: Path) -> None:
    real = dt.datetime.now(dt.UTC)
    with StepLog.open(tmp_path, retention_days=100_000) as log:
        log.clock = lambda: real - dt.timedelta(days=40)
        session = WalkSession(ROUTINE, real + dt.timedelta(days=5))  # a --now in the future
        log.start(session)
    with StepLog.open(tmp_path, retention_days=30) as log:
        assert log.purged_at_open == 1 and log.list_sessions() == []


def _version_1_database(folder: Path, updated_at: str) -> None:
    """A log as version 1 wrote it (no written_at, no step_states.contact)."""
    conn = sqlite3.connect(folder / DB_NAME)
    conn.executescript(f"""
        create table sessions (key integer primary key, id text not null unique,
            routine_id text not null, routine_version text not null, content_hash text not null,
            mode text not null, started_at text not null, updated_at text not null,
            finished_at text, answered integer not null default 0,
            steps_handled integer not null default 0, akut integer);
        create index sessions_updated on sessions (updated_at);
        create table events (id integer primary key, session integer not null
            references sessions (key) on delete cascade, kind text not null, at text not null,
            question text, value text, step text, status text, category text, contact text,
            comment text);
        create table step_states (session integer not null, step text not null,
            status text not null, category text, at text not null,
            seconds_from_start integer not null, mode text not null, routine_id text not null,
            started_at text not null, primary key (session, step)) without rowid;
        insert into sessions values (1, 'abc123', '{ROUTINE.id}', '{ROUTINE.version}', 'h',
            'ärende', '{updated_at}', '{updated_at}', null, 1, 0, null);
        insert into events values (1, 1, 'svar', '{updated_at}', 'inkom', 'bou', null, null,
            null, null, null);
        pragma user_version = 1;
    """)
    conn.close()


def test_an_old_database_is_migrated_readable_and_not_purged_early(tmp_path: Path) -> None:
    _version_1_database(tmp_path, "2026-08-03T08:00:00.000000Z")  # a --now walk, months old
    with StepLog.open(tmp_path, retention_days=30) as log:
        assert log.purged_at_open == 0
        [info] = log.list_sessions()
        assert info.id == "abc123"
        assert [e.value for e in log.events("abc123")] == ["bou"]
        session = log.resume("abc123", ROUTINE)
        assert session.answers == {"inkom": "bou"}
        version = log.connection().execute("pragma user_version").fetchone()[0]
        assert version == SCHEMA_VERSION == 3
        # Version 3's events: a moment, the walk's role, a reason for "ej aktuell".
        log.start(session)
        session.set_moment(
            ROUTINE.moments[0].id, dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC), dt.datetime.now(dt.UTC)
        )
        session.set_role(ROUTINE.roles[0].id, dt.datetime.now(dt.UTC))
        step = ROUTINE.steps[0].id
        session.set_step(step, NOT_APPLICABLE, dt.datetime.now(dt.UTC), comment="mötet ställdes in")
        assert log.status_message is None and not log.pending
        again = log.resume("abc123", ROUTINE)
        assert again.role == ROUTINE.roles[0].id and ROUTINE.moments[0].id in again.moments
        assert again.steps[step].comment == "mötet ställdes in"


def test_the_contact_that_could_not_be_reached_is_a_structured_field(tmp_path: Path) -> None:
    contact = ROUTINE.contacts[0].id
    step = ROUTINE.steps[0].id
    with StepLog.open(tmp_path) as log:
        session = WalkSession(ROUTINE, dt.datetime.now(dt.UTC))
        log.start(session)
        session.set_step(step, DEVIATION, dt.datetime.now(dt.UTC), "kontakt_ej_nadd", contact=contact)
        [event] = log.events(session.id)
        assert (event.category, event.contact) == ("kontakt_ej_nadd", contact)
        row = log.connection().execute("select category, contact from step_states").fetchone()
        assert row == ("kontakt_ej_nadd", contact)
        assert log.resume(session.id, ROUTINE).steps[step].contact == contact
