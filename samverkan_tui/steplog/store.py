"""The step log on disk: one SQLite file of walks and their events, anonymized by design.

What is stored (DESIGN.md §3): a random session id, the routine's id, version and
content hash, the mode, timestamps, and the walk's events — answers (option values
from the routine), step statuses with fixed deviation categories, contacts used. The
only text that is not an id from the routine is the optional deviation comment, which
is scrubbed (``steplog.scrub``) in the same function that writes it.

Durability: WAL with ``synchronous=FULL``; every event is its own short ``BEGIN
IMMEDIATE`` transaction, so a ``kill -9`` or a power cut loses at most the event being
written, and two app instances wait for each other (``busy_timeout``, then a few tries
with growing pauses: ``OPEN_PATIENCE_S`` when opening, ``WRITE_TRIES`` per write)
instead of failing.

Two windows, one walk: a walk is written by one window at a time. The first window that
writes to it (or starts or resumes it for work) holds an OS lock on a small file next to
the log (``.<walk id>.lock``, released when the window closes, also by a crash); a second
window on the same walk shows it read-only and says so (``message_for``), and a window
whose copy of the walk is older than the log's never writes it (its summary would go
back in time).

A read-only data folder (a CD, a write-protected stick, an archive share): ``open(...,
reading=True)`` falls back to a read-only connection, so listing, showing, exporting and
statistics work; anything that writes says in Swedish that the log is read-only.

The ``sessions`` row and the ``step_states`` table hold each walk's current state,
written in the same transaction as the event, with the few walk fields the follow-up
filters on copied next to each step (they make `logg statistik` fast); the events remain
the truth and resuming a walk replays them.

The log never raises into the UI while a walk is going on: a write that fails (disk
full, read-only, locked too long) is kept in memory, retried with the next event, and
``status_message`` says in Swedish why nothing is being saved.

Times are stored as UTC ISO-8601 text of fixed width (sortable), returned in
Europe/Stockholm. Purging uses ``secure_delete``, then VACUUM and a WAL checkpoint that
truncates the WAL, so deleted values leave no bytes behind in any of the files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import random
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from samverkan_tui.core.base.clock import STOCKHOLM, current_time
from samverkan_tui.core.base.config import Config, ConfigError, load_config
from samverkan_tui.core.base.paths import APP_NAME, DATA_DIR_ENV, data_dir
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.session import CLEAR_STEP, EVENT_KINDS, STEP, Event, WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DEVIATION_CATEGORIES, MODES, NOT_APPLICABLE, STATUSES
from samverkan_tui.steplog.scrub import MAX_COMMENT, routine_vocabulary, scrub_comment

DB_NAME = "steglogg.sqlite3"
# 2: written_at (real time of each write), step_states.contact
# 3: events may be a moment deadlines count from ("tidpunkt") or the walk's role ("roll"),
#    and "ej aktuell" may carry a (scrubbed) reason like a deviation
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 3000  # another instance's write takes milliseconds; a purge under a second
# Opening waits longer than a write: two windows opened at once on a new folder both
# create, migrate and switch to WAL, and a loaded machine makes each step slow.
OPEN_PATIENCE_S = 30.0
WRITE_TRIES = 3  # busy_timeout each, with a growing pause between
_FIRST_PAUSE_S = 0.05
_READ_ONLY = "loggfilen eller mappen är skrivskyddad"

_WHAT_TO_DO = "Appen fungerar som vanligt men genomgången sparas inte: exportera den innan du stänger."


class StepLogError(Exception):
    """The log cannot be used; the message is one Swedish line: why, and what to do.

    ``problem`` is the why alone (the CLI prints that; the app shows the whole message).
    """

    def __init__(self, problem: str, advice: str = _WHAT_TO_DO) -> None:
        super().__init__(f"{problem} {advice}".strip())
        self.problem = problem


def _quote(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


# sessions.akut: 1 or 0 when the walk answered the question its routine declared urgent
# (``urgent_answer``) at the time of writing, with or without the urgent answer; null when
# the routine declared none or the walk did not answer it. The follow-up reads it without
# the routine. Logs written before routines declared urgency (same schema version) hold
# "the question `akut` was answered `ja`", which is exactly what the two shipped routines
# with an acute question declare, so those walks count as before.
# Lower-case SQL on purpose: nothing in the file's bytes looks like a capitalised name.
_SCHEMA = f"""
create table sessions (
    key integer primary key,
    id text not null unique,
    routine_id text not null,
    routine_version text not null,
    content_hash text not null,
    mode text not null check (mode in ({_quote(MODES)})),
    started_at text not null,
    updated_at text not null,
    written_at text not null,
    finished_at text,
    answered integer not null default 0,
    steps_handled integer not null default 0,
    akut integer check (akut in (0, 1))
);
create index sessions_updated on sessions (updated_at);
create index sessions_written on sessions (written_at);
create index sessions_started on sessions (mode, started_at);
create index sessions_listed on sessions (started_at desc, id);
create table events (
    id integer primary key,
    session integer not null references sessions (key) on delete cascade,
    kind text not null check (kind in ({_quote(EVENT_KINDS)})),
    at text not null,
    question text,
    value text,
    step text,
    status text check (status in ({_quote(STATUSES)})),
    category text check (category in ({_quote(DEVIATION_CATEGORIES)})),
    contact text,
    written_at text,
    comment text check (comment is null or (status in ('{DEVIATION}', '{NOT_APPLICABLE}')
                                            and length(comment) <= {MAX_COMMENT}))
);
create index events_session on events (session, id);
create table step_states (
    session integer not null references sessions (key) on delete cascade,
    step text not null,
    status text not null,
    category text,
    contact text,
    at text not null,
    seconds_from_start integer not null,
    mode text not null,
    routine_id text not null,
    started_at text not null,
    primary key (session, step)
) without rowid;
create index step_states_followup
    on step_states (status, mode, routine_id, step, seconds_from_start, started_at, category);
"""


@dataclass(frozen=True)
class SessionInfo:
    """One stored walk, without its events."""

    id: str
    routine_id: str
    routine_version: str
    content_hash: str
    mode: str
    started_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None
    answered: int
    steps_handled: int

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class SessionRow(NamedTuple):
    """``SessionInfo`` as stored: times as UTC text (``local_iso`` shows them), for fast listings."""

    id: str
    routine_id: str
    routine_version: str
    content_hash: str
    mode: str
    started_at: str
    updated_at: str
    finished_at: str | None
    answered: int
    steps_handled: int


# -- paths and times ----------------------------------------------------------------


def to_db_time(moment: dt.datetime) -> str:
    """Fixed-width UTC text, so that text order is time order. Naive means Stockholm."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=STOCKHOLM)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(STOCKHOLM)


@lru_cache(maxsize=8192)
def _local_hour(utc_hour: str) -> tuple[str, str]:
    """("2026-11-23T07", "+01:00") for "2026-11-23T06": Stockholm is a whole hour off UTC."""
    local = dt.datetime.fromisoformat(utc_hour + ":00+00:00").astimezone(STOCKHOLM)
    iso = local.isoformat()
    return iso[:13], iso[-6:]


def local_iso(text: str) -> str:
    """A stored time as Stockholm ISO text (``2026-11-23T07:24:00+01:00``), without datetimes.

    For listings of thousands of walks; equal to ``from_db_time(text).isoformat(timespec=
    "seconds")``.
    """
    hour, offset = _local_hour(text[:13])
    return hour + text[13:19] + offset


def _info(row: tuple[Any, ...]) -> SessionInfo:
    return SessionInfo(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        from_db_time(row[5]),
        from_db_time(row[6]),
        from_db_time(row[7]) if row[7] else None,
        row[8],
        row[9],
    )


_INFO_COLUMNS = (
    "id, routine_id, routine_version, content_hash, mode, started_at, updated_at, "
    "finished_at, answered, steps_handled"
)


def failure_reason(error: BaseException) -> str:
    """Why a write failed, in Swedish, for the user."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    errno = getattr(error, "errno", None)
    if name.startswith("SQLITE_FULL") or "disk is full" in text or errno == 28:
        return "disken är full"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text or errno in (13, 30):
        return "loggfilen eller mappen är skrivskyddad"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "loggen är låst av ett annat program för länge"
    if (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "not a database" in text
    ):
        return "loggfilen är skadad"
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return "loggfilen kan inte skrivas (in/ut-fel)"
    return f"oväntat fel ({error})"


# -- the log ------------------------------------------------------------------------


class StepLog:
    """An open step log. Create with ``StepLog.open()``; one per app instance."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._conn = connection
        self.path = path
        self.status_message: str | None = None
        self._lock = threading.RLock()
        self._pending: list[tuple[WalkSession, Event | None]] = []
        self._tracked: list[WalkSession] = []
        self._closed = False
        self.purged_at_open = 0  # walks removed by the retention period when the log opened
        self.read_only = False  # opened read-only (the folder or file cannot be written)
        self._claims: dict[str, _WalkClaim] = {}  # walks this window writes
        self._refused: dict[str, str] = {}  # walk id -> why this window only shows it
        self._known: dict[str, int] = {}  # walk id -> events of it this window has seen stored
        # The real clock, for the time each write happened (retention counts from it);
        # never the app's --now. Tests may replace it.
        self.clock = current_time

    # -- opening ----------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        config: Config | None = None,
        retention_days: int | None = None,
        reading: bool = False,
    ) -> StepLog:
        """Open (or create) the log in the folder ``path`` or the user's data folder.

        Applies the retention period (config ``retention_days``, default 90) against the
        real clock, never ``--now``: a training "what if" must not purge real data.
        ``reading``: for commands that only read; a log that cannot be written (a
        read-only folder or file) is then opened read-only instead of refused.
        """
        if config is None:
            try:
                config = load_config()
            except ConfigError as error:
                raise StepLogError(f"Steglogg: {error}.") from None
        if (
            path is None
            and not os.environ.get(DATA_DIR_ENV)
            and isinstance(raw_dir := config.raw.get("data_dir"), str)
            and not raw_dir.strip()
        ):
            # Path("") is the current folder: never put the log (or chmod) there by accident.
            raise StepLogError(
                f"Steglogg: data_dir i {config.path} är tom; ange en mapp, till exempel "
                'data_dir = "~/.local/share/samverkan", eller ta bort raden.',
                "",
            )
        folder = Path(path) if path is not None else log_folder(data_dir(config))
        db_path = folder / DB_NAME
        try:
            log = cls(_connect_patiently(folder, db_path), db_path)
        except StepLogError as error:
            writable = os.access(folder, os.W_OK) and (not db_path.exists() or os.access(db_path, os.W_OK))
            cannot_write = _READ_ONLY in error.problem or "kan inte skrivas" in error.problem
            if not reading or (writable and not cannot_write):
                raise
            log = cls(_connect_read_only(db_path), db_path)
            log.read_only = True
            return log
        days = retention_days if retention_days is not None else config.retention_days
        try:
            log.purged_at_open = log.purge(older_than=dt.timedelta(days=days), only_if_any=True)
        except StepLogError:
            log.close()
            raise
        return log

    # -- walks -------------------------------------------------------------------------
    def start(self, session: WalkSession) -> None:
        """Store a new walk and every event it gets from now on (events it has already had too).

        For a resumed walk: this window works on it now, so it claims it (see
        ``message_for`` when another window has it).
        """
        with self._lock:
            if self._tracking(session):
                self._claim(session)
                return  # started (or resumed) already: its events are being written
            self._known.setdefault(session.id, 0)
            if not self._claim(session):
                self._attach(session)
                return
            self._pending.append((session, None))
            self._pending.extend((session, event) for event in session.events)
            self._attach(session)
            self._flush()

    def message_for(self, session: WalkSession) -> str | None:
        """Why this walk is not being saved in this window (one Swedish line), or None."""
        with self._lock:
            refused = self._refused.get(session.id)
            return refused if refused is not None else self.status_message

    def writes(self, session: WalkSession) -> bool:
        """Whether this window writes the walk (False: another window has it, or read-only)."""
        with self._lock:
            return session.id in self._claims and not self.read_only

    def _claim(self, session: WalkSession) -> bool:
        """Make this window the walk's writer; False (and a reason kept) if it cannot be."""
        if session.id in self._claims:
            return True
        if self.read_only:
            self._refused[session.id] = f"Steglogg: {_READ_ONLY}; genomgången visas men sparas inte."
            return False
        claim = _WalkClaim.take(self.path.parent, session.id)
        if claim is None:
            self._refused[session.id] = (
                "Steglogg: genomgången är öppen i ett annat fönster och sparas där; här visas den "
                "skrivskyddad. Stäng det andra fönstret och öppna genomgången igen för att ändra."
            )
            return False
        try:
            stored = self._conn.execute(
                "select count(*) from events where session = (select key from sessions where id = ?)",
                (session.id,),
            ).fetchone()[0]
        except sqlite3.Error:
            stored = self._known.get(session.id, 0)  # cannot tell now; the write will say why
        if stored != self._known.get(session.id, 0):
            claim.release()
            self._refused[session.id] = (
                "Steglogg: genomgången har ändrats i ett annat fönster sedan den öppnades här; "
                "öppna den igen för att fortsätta. Här visas den skrivskyddad."
            )
            return False
        self._claims[session.id] = claim
        self._refused.pop(session.id, None)
        return True

    def store_walks(self, sessions: Iterable[WalkSession], *, real_time: bool = False) -> int:
        """Write whole walks (row and every event) in one transaction, without listening.

        For walks made elsewhere: a benchmark's or a test's data, or a walk kept in memory
        while the log was unusable. Their events count as written at their own times,
        unless ``real_time`` (then: now, by ``clock``). Raises ``StepLogError`` if it
        cannot be written.
        """
        count = 0
        self._refuse_if_read_only()
        with self._lock:
            conn = self._conn
            try:
                conn.execute("begin immediate")
                try:
                    written = to_db_time(self.clock()) if real_time else None
                    for session in sessions:
                        _write(conn, session, None, written)
                        for event in session.events:
                            _write_event(conn, session, event, written)
                        count += 1
                    conn.execute("commit")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("rollback")
                    raise
            except sqlite3.Error as error:
                raise StepLogError(f"Steglogg: {failure_reason(error)} ({self.path}).", "") from None
        return count

    def resume(self, session_id: str, routine: Routine) -> WalkSession:
        """The stored walk rebuilt from its events, with the log listening again."""
        info = self.get(session_id)
        if info is None:
            raise StepLogError(f"Steglogg: genomgången {session_id} finns inte i loggen.", "")
        events = self.events(info.id)
        session = WalkSession.replay(routine, info.id, info.mode, info.started_at, events)
        with self._lock:
            self._known[session.id] = len(events)
            self._attach(session)
        return session

    def replay(self, info: SessionInfo, routine: Routine) -> WalkSession:
        """The stored walk rebuilt, for reading only (nothing more is written)."""
        return WalkSession.replay(routine, info.id, info.mode, info.started_at, self.events(info.id))

    def _tracking(self, session: WalkSession) -> bool:
        # By identity: two sessions with equal contents are still two walks.
        return any(tracked is session for tracked in self._tracked)

    def _attach(self, session: WalkSession) -> None:
        if self._listener not in session.listeners:
            session.listeners.append(self._listener)
        if not self._tracking(session):
            self._tracked.append(session)

    def _listener(self, session: WalkSession, event: Event) -> None:
        # Called by the session after every event, in the UI's thread: never raise.
        try:
            with self._lock:
                if self._closed:
                    self.status_message = "Steglogg: loggen är stängd. " + _WHAT_TO_DO
                    return
                if not self._claim(session):
                    return  # another window writes this walk: this one only shows it
                self._pending.append((session, event))
                self._flush()
        except Exception as error:  # the last line of defence for the UI
            self.status_message = f"Steglogg: {failure_reason(error)}. {_WHAT_TO_DO}"

    def _flush(self) -> None:
        """Write everything pending in one transaction; on failure keep it and say why.

        A log locked by another window is tried ``WRITE_TRIES`` times, each waiting
        ``busy_timeout``, with a growing pause between.
        """
        if not self._pending:
            return
        if self.read_only:
            self.status_message = f"Steglogg: {_READ_ONLY}. {_WHAT_TO_DO}"
            return
        for attempt in range(WRITE_TRIES):
            if self._flush_once() or self.status_message is None or "låst" not in self.status_message:
                return
            if attempt + 1 < WRITE_TRIES:
                _pause(attempt)

    def _flush_once(self) -> bool:
        conn = self._conn
        refused = 0
        try:
            conn.execute("begin immediate")
            try:
                written = to_db_time(self.clock())  # the real time, even under --now
                for session, event in self._pending:
                    # A row the schema refuses can never be written: drop it rather than
                    # block every later event behind it.
                    conn.execute("savepoint item")
                    try:
                        _write(conn, session, event, written)
                    except sqlite3.IntegrityError:
                        conn.execute("rollback to item")
                        refused += 1
                    conn.execute("release item")
                conn.execute("commit")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("rollback")
                raise
        except (sqlite3.Error, OSError) as error:
            reason = failure_reason(error)
            retry = " Försöker igen vid nästa ändring." if "låst" in reason else ""
            self.status_message = f"Steglogg: {reason}.{retry} {_WHAT_TO_DO}"
            return False
        for session, event in self._pending:
            if event is not None:
                self._known[session.id] = self._known.get(session.id, 0) + 1
        self._pending.clear()
        self.status_message = (
            f"Steglogg: {refused} ändring(ar) passade inte loggen och sparades inte." if refused else None
        )
        return True

    def retry(self) -> bool:
        """Try again to write what is pending (e.g. after the user freed disk space)."""
        with self._lock:
            if not self._closed:
                self._flush()
            return not self._pending

    @property
    def pending(self) -> int:
        """Events (and walk starts) kept in memory because they could not be written."""
        return len(self._pending)

    # -- reading ----------------------------------------------------------------------
    def _query(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as error:
                raise StepLogError(f"Steglogg: {failure_reason(error)} ({self.path}).", "") from None

    def unfinished(self) -> list[SessionInfo]:
        """Walks not yet finished, the most recently changed first."""
        rows = self._query(
            f"select {_INFO_COLUMNS} from sessions where finished_at is null order by updated_at desc"
        )
        return [_info(row) for row in rows]

    def list_sessions(self) -> list[SessionInfo]:
        """Every stored walk, the most recently started first."""
        return [_info(row) for row in self.list_rows()]

    def list_rows(self) -> list[SessionRow]:
        """``list_sessions`` as stored (times as UTC text, see ``local_iso``): fast."""
        rows = self._query(f"select {_INFO_COLUMNS} from sessions order by started_at desc, id")
        return [SessionRow._make(row) for row in rows]

    def get(self, session_id: str) -> SessionInfo | None:
        rows = self._query(f"select {_INFO_COLUMNS} from sessions where id = ?", (session_id,))
        return _info(rows[0]) if rows else None

    def find(self, prefix: str) -> list[SessionInfo]:
        """Walks whose id starts with ``prefix`` (ids are shown shortened)."""
        prefix = prefix.strip().lower()
        if not prefix or any(c not in "0123456789abcdef" for c in prefix):
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self._query(
            f"select {_INFO_COLUMNS} from sessions where id >= ? and id < ? order by id limit 11",
            (prefix, upper),
        )
        return [_info(row) for row in rows]

    def events(self, session_id: str) -> list[Event]:
        rows = self._query(
            "select kind, at, question, value, step, status, category, contact, comment "
            "from events where session = (select key from sessions where id = ?) order by id",
            (session_id,),
        )
        return [Event(r[0], from_db_time(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]

    def connection(self) -> sqlite3.Connection:
        """The open connection, for read-only queries (statistics)."""
        return self._conn

    # -- purging ----------------------------------------------------------------------
    def purge(
        self,
        older_than: dt.timedelta | None = None,
        *,
        before: dt.datetime | None = None,
        everything: bool = False,
        only_if_any: bool = False,
    ) -> int:
        """Really delete walks last changed before a moment (or all); returns how many.

        ``secure_delete`` overwrites the deleted rows, VACUUM rebuilds the file without
        them, and a truncating checkpoint empties the WAL, which may still hold copies of
        recently written pages.
        """
        params: tuple[str, ...]
        if everything:
            where, params = "", ()
        else:
            if before is None:
                if older_than is None:
                    raise ValueError("purge needs older_than, before or everything")
                before = current_time() - older_than
            # The real time of the last write, never the walk's own (possibly --now) time.
            where, params = " where written_at < ?", (to_db_time(before),)
        self._refuse_if_read_only()
        with self._lock:
            conn = self._conn
            try:
                if (
                    only_if_any
                    and not conn.execute(f"select exists(select 1 from sessions{where})", params).fetchone()[
                        0
                    ]
                ):
                    return 0
                conn.execute("begin immediate")
                try:
                    count = conn.execute(f"delete from sessions{where}", params).rowcount
                    conn.execute("commit")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("rollback")
                    raise
                if count:
                    conn.execute("vacuum")
                conn.execute("pragma wal_checkpoint(truncate)")
            except sqlite3.Error as error:
                raise StepLogError(
                    f"Steglogg: kunde inte rensa loggen: {failure_reason(error)} ({self.path}).", ""
                ) from None
        return count

    def discard(self, session_id: str) -> bool:
        """Really delete one walk (the user chose "släng"); True when it was there."""
        self._refuse_if_read_only()
        with self._lock:
            conn = self._conn
            try:
                count = conn.execute("delete from sessions where id = ?", (session_id,)).rowcount
                conn.execute("pragma wal_checkpoint(truncate)")
            except sqlite3.Error as error:
                raise StepLogError(
                    f"Steglogg: kunde inte ta bort genomgången: {failure_reason(error)} ({self.path}).", ""
                ) from None
        return bool(count)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StepLogError(f"Steglogg: {_READ_ONLY}; den kan läsas men inte ändras ({self.path}).", "")

    # -- closing ----------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._flush()
            for session in self._tracked:
                if self._listener in session.listeners:
                    session.listeners.remove(self._listener)
            self._tracked.clear()
            for claim in self._claims.values():
                claim.release()
            self._claims.clear()
            self._closed = True
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()

    def __enter__(self) -> StepLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _write(
    conn: sqlite3.Connection, session: WalkSession, event: Event | None, written: str | None = None
) -> None:
    """One event (or, for ``None``, the walk's row) and the walk's current summary.

    ``written``: the real time of this write (DB text); ``None``: the walk's own time
    (walks made elsewhere, stored with ``store_walks``).
    """
    started = to_db_time(session.started_at)
    updated = to_db_time(session.updated_at or session.started_at)
    finished = to_db_time(session.finished_at) if session.finished_at else None
    routine = session.routine
    akut = routine.is_urgent(session.answers)  # as the routine declares it now, at walk time
    if written is None:
        written = to_db_time(event.at) if event is not None else updated
    # An upsert, so that a walk whose row another instance purged meanwhile is recreated.
    conn.execute(
        "insert into sessions (id, routine_id, routine_version, content_hash, mode, started_at, "
        "updated_at, written_at, finished_at, answered, steps_handled, akut) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "on conflict (id) do update set updated_at = excluded.updated_at, "
        "written_at = max(written_at, excluded.written_at), "
        "finished_at = excluded.finished_at, answered = excluded.answered, "
        "steps_handled = excluded.steps_handled, akut = excluded.akut",
        (
            session.id,
            routine.id,
            routine.version,
            routine.content_hash,
            session.mode,
            started,
            updated,
            written,
            finished,
            len(session.answers),
            len(session.steps),
            None if akut is None else int(akut),
        ),
    )
    if event is not None:
        _write_event(conn, session, event, written)


def _write_event(
    conn: sqlite3.Connection, session: WalkSession, event: Event, written: str | None = None
) -> None:
    key = conn.execute("select key from sessions where id = ?", (session.id,)).fetchone()[0]
    at = to_db_time(event.at)
    comment = None
    if event.comment is not None and event.kind == STEP and event.status in (DEVIATION, NOT_APPLICABLE):
        # The vocabulary loads only when there is a comment to scrub.
        comment = scrub_comment(event.comment, routine_vocabulary(session.routine))
    conn.execute(
        "insert into events (session, kind, at, question, value, step, status, category, "
        "contact, written_at, comment) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            event.kind,
            at,
            event.question,
            event.value,
            event.step,
            event.status,
            event.category,
            event.contact,
            written or at,
            comment,
        ),
    )
    if event.kind == STEP:
        seconds = int((_aware(event.at) - _aware(session.started_at)).total_seconds())
        conn.execute(
            "insert or replace into step_states (session, step, status, category, contact, at, "
            "seconds_from_start, mode, routine_id, started_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                event.step,
                event.status,
                event.category,
                event.contact,
                at,
                max(seconds, 0),
                session.mode,
                session.routine.id,
                to_db_time(session.started_at),
            ),
        )
    elif event.kind == CLEAR_STEP:
        conn.execute("delete from step_states where session = ? and step = ?", (key, event.step))


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=STOCKHOLM)


SUBFOLDER = APP_NAME  # used inside a configured folder that exists but is not ours


def log_folder(configured: Path) -> Path:
    """Where the log lives for a configured data folder. The rule:

    - a missing folder is created by the app (0700, with ``core.files.MARKER``) and used;
    - a folder the app created (it has the marker), or one that already holds a log
      (made by an earlier version), is used as it is;
    - any other existing folder (a shared folder, the home folder …) is never used or
      chmod-ed itself: the log goes into its subfolder ``samverkan``, created by the app.
    """
    from samverkan_tui.core.base.files import created_by_us

    if (
        not configured.is_dir()
        or configured.is_symlink()
        or created_by_us(configured)
        or os.path.lexists(configured / DB_NAME)
    ):
        return configured
    return configured / SUBFOLDER


def _connect(folder: Path, db_path: Path) -> sqlite3.Connection:
    """The folder (0700 if ours) and file (0600) made or tightened, the database opened and migrated.

    Symlinks at the folder, the database or its -wal/-shm files are refused.
    """
    from samverkan_tui.core.base.files import (
        FileSafetyError,
        ensure_private_dir,
        open_private_file,
        refuse_symlink,
        tighten_private_file,
    )

    advice = f"{_WHAT_TO_DO} Kontrollera mappen {folder} eller ange en annan med {DATA_DIR_ENV}."

    def refused(reason: str, where: object) -> StepLogError:
        return StepLogError(f"Steglogg kan inte öppnas: {reason} ({where}).", advice)

    try:
        ensure_private_dir(folder)
        for suffix in ("-wal", "-shm", "-journal"):
            refuse_symlink(db_path.with_name(db_path.name + suffix))
        if db_path.exists():
            # By path: this process may already hold a connection (and SQLite's locks) on it.
            tighten_private_file(db_path)
            if not os.access(db_path, os.W_OK):  # say so now, not as SQLite's "I/O error"
                statvfs = getattr(os, "statvfs", None)
                read_only = statvfs is not None and bool(statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
                code = errno.EROFS if read_only else errno.EACCES
                raise OSError(code, os.strerror(code), str(db_path))
        else:
            open_private_file(db_path)
    except FileSafetyError as error:
        raise StepLogError(f"Steglogg kan inte öppnas: {error}.", advice) from None
    except OSError as error:
        reason = failure_reason(error) if error.errno in (13, 28, 30) else error.strerror or str(error)
        raise refused(reason, error.filename or folder) from None
    try:
        conn = sqlite3.connect(
            db_path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as error:
        raise refused(failure_reason(error), db_path) from None
    try:
        conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("pragma journal_mode = wal").fetchone()[0]
        if mode != "wal":
            raise sqlite3.OperationalError(f"WAL stöds inte här (journal_mode={mode})")
        conn.execute("pragma synchronous = full")
        conn.execute("pragma secure_delete = on")
        conn.execute("pragma foreign_keys = on")
        _migrate(conn)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                # 0600 by path: a descriptor closed here would drop SQLite's locks (SIGBUS).
                tighten_private_file(side)
    except StepLogError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        reason = failure_reason(error)
        if "skadad" in reason:
            advice = (
                f"{_WHAT_TO_DO} Flytta undan {db_path} (och filerna bredvid med -wal/-shm) "
                "så skapas en ny logg nästa gång."
            )
        raise refused(reason, db_path) from None
    except OSError as error:
        conn.close()
        raise refused(failure_reason(error), db_path) from None
    return conn


def _pause(attempt: int) -> None:
    """A growing pause with some jitter, so that two waiting windows do not retry in step."""
    time.sleep(min(1.0, _FIRST_PAUSE_S * 2**attempt) * random.uniform(0.5, 1.0))


def _connect_patiently(folder: Path, db_path: Path) -> sqlite3.Connection:
    """``_connect``, tried again with growing pauses while another window holds the log."""
    deadline = time.monotonic() + OPEN_PATIENCE_S
    attempt = 0
    while True:
        try:
            return _connect(folder, db_path)
        except StepLogError as error:
            if "låst" not in error.problem or time.monotonic() >= deadline:
                raise
        _pause(attempt)
        attempt += 1


def _connect_read_only(db_path: Path) -> sqlite3.Connection:
    """The log opened for reading only: the file may not be written, nor its folder.

    A WAL database needs its -shm file; on a read-only medium that cannot be made, it is
    read as immutable (nobody can change it there). A folder without a log reads as an
    empty log.
    """
    from urllib.parse import quote

    def fail(error: BaseException) -> StepLogError:
        return StepLogError(f"Steglogg kan inte läsas: {failure_reason(error)} ({db_path}).", "")

    if not db_path.exists():
        empty = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                empty.execute(statement)
        return empty
    uri = "file:" + quote(db_path.resolve().as_posix(), safe="/:")
    last: BaseException | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                f"{uri}?{options}", uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("pragma user_version").fetchone()[0]
            conn.execute("select count(*) from sessions").fetchone()
        except sqlite3.Error as error:
            if conn is not None:
                conn.close()
            last = error
            continue
        assert conn is not None
        if version != SCHEMA_VERSION:
            conn.close()
            raise StepLogError(
                f"Steglogg: loggen har en annan version ({version}) och kan inte uppdateras på en "
                f"skrivskyddad plats; kopiera mappen till en skrivbar plats först ({db_path}).",
                "",
            )
        return conn
    assert last is not None
    raise fail(last) from None


class _WalkClaim:
    """An OS lock on ``.<walk id>.lock`` in the log's folder: this window writes the walk.

    The OS drops the lock when the process ends, however it ends, so a crashed window
    never blocks a walk. POSIX: ``flock`` (per open file, so two logs in one process
    exclude each other too); Windows: ``msvcrt.locking`` on the file's first byte.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def take(cls, folder: Path, walk_id: str) -> _WalkClaim | None:
        if not walk_id or any(c not in "0123456789abcdef-" for c in walk_id):
            return None  # ids are ours (hex); anything else never names a file
        path = folder / f".{walk_id}.lock"
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        for _ in range(3):
            try:
                fd = os.open(path, flags, 0o600)
            except OSError:
                # No lock file can be made here (yet the log can be written): write as
                # before claims existed, rather than never.
                return cls(path, -1)
            locked = _lock(fd)
            if locked is None:  # the file system has no locks (some network shares)
                os.close(fd)
                return cls(path, -1)
            if not locked:
                os.close(fd)
                return None
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:
                same = False
            if same:
                return cls(path, fd)
            os.close(fd)  # removed by its last holder meanwhile: take the new file
        return None

    def release(self) -> None:
        if self.fd < 0:
            return
        if sys.platform != "win32":
            # Removed while still held, so no one can lock a file that is about to go.
            with contextlib.suppress(OSError):
                self.path.unlink()
        _unlock(self.fd)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = -1


def _lock(fd: int) -> bool | None:
    """True: locked; False: another window holds it; None: no locks on this file system."""
    import errno

    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return None
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("pragma user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        # A no-op write transaction: fails now, not mid-walk, on a read-only file.
        conn.execute("begin immediate")
        conn.execute("commit")
        return
    if version > SCHEMA_VERSION:
        raise StepLogError(
            "Steglogg: loggen är skapad av en nyare version av samverkan; uppdatera programmet."
        )
    conn.execute("begin immediate")
    try:
        version = conn.execute("pragma user_version").fetchone()[0]  # another instance may have won
        if version == 0:
            # One statement at a time: executescript() would commit the open transaction.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
        elif version == 1:
            # Version 1 had no real write times. Walks done with --now carried their fake
            # time only, so the time of this migration is the safe guess: nothing is
            # purged early (at worst a walk is kept one retention period longer).
            now = to_db_time(current_time())
            conn.execute("alter table sessions add column written_at text not null default ''")
            conn.execute("update sessions set written_at = ?", (now,))
            conn.execute("create index sessions_written on sessions (written_at)")
            conn.execute("alter table events add column written_at text")
            conn.execute("alter table step_states add column contact text")
            version = 2
        if version == 2:
            # SQLite cannot change a CHECK constraint in place: the events table is built
            # anew with version 3's constraints and the rows copied over, in one transaction.
            events = _SCHEMA[_SCHEMA.index("create table events") :]
            events = events[: events.index(";")].replace("create table events", "create table events_v3", 1)
            conn.execute(events)
            conn.execute(
                "insert into events_v3 select id, session, kind, at, question, value, step, "
                "status, category, contact, written_at, comment from events"
            )
            conn.execute("drop table events")
            conn.execute("alter table events_v3 rename to events")
            conn.execute("create index events_session on events (session, id)")
        conn.execute(f"pragma user_version = {SCHEMA_VERSION}")
        conn.execute("commit")
    except BaseException:
        if conn.in_transaction:
            conn.execute("rollback")
        raise


__all__ = [
    "DB_NAME",
    "SessionInfo",
    "StepLog",
    "StepLogError",
    "data_dir",
    "failure_reason",
    "from_db_time",
    "to_db_time",
]
