"""Durability: `kill -9` at random moments, and two processes writing at once, lose nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samverkan_tui.steplog.store import DB_NAME, StepLog
from tests.steplog.helpers import routine
from tests.sweeps import sweep_size

WRITER = Path(__file__).with_name("writer.py")


def committed(output: str) -> list[tuple[str, str]]:
    """The (session, event time) pairs a child reported; a line cut by the kill is ignored."""
    pairs = []
    for line in output.splitlines(keepends=True):
        assert not line.startswith("FEL"), line
        if line.endswith("\n"):
            session_id, at = line.split()
            pairs.append((session_id, at))
    return pairs


def stored(folder: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        tables = {name for (name,) in conn.execute("select name from sqlite_master where type = 'table'")}
        if "events" not in tables:
            return set()  # killed while the first open made the file: nothing was committed yet
        return set(
            conn.execute("select s.id, e.at from events e join sessions s on s.key = e.session").fetchall()
        )
    finally:
        conn.close()


def test_sigkill_at_random_moments_never_corrupts_and_keeps_every_committed_event(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    folder = tmp_path / "logg"
    reported: set[tuple[str, str]] = set()
    rounds = sweep_size("SAMVERKAN_KILL_ROUNDS", sample=12, thorough=25)
    for round_ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), "endless"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Anywhere from during start-up and schema creation to deep into the writing; every
        # other round counts from the first committed event, so that the children write
        # something however loaded the machine is.
        first = child.stdout.readline() if round_ % 2 else ""
        time.sleep(rng.uniform(0.0, 0.7))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, (seed, round_, err[-2000:])
        reported |= set(committed(first + out))
        if not (folder / DB_NAME).exists():
            continue  # killed before the file was made
        missing = reported - stored(folder)
        assert not missing, f"seed {seed}, round {round_}: lost {sorted(missing)[:5]}"
    assert len(reported) > rounds  # the children did get to write
    # The log opens normally and the walk resumes with everything in it.
    with StepLog.open(folder, retention_days=100_000) as log:
        [info] = log.unfinished()
        session = log.resume(info.id, routine())
        assert len(session.events) >= len({at for sid, at in reported if sid == info.id})


# The closing note's 50 runs under load: SAMVERKAN_CONCURRENCY_RUNS=50 (the suite runs one).
RUNS = int(os.environ.get("SAMVERKAN_CONCURRENCY_RUNS", "1"))


@pytest.mark.parametrize("run", range(RUNS))
def test_two_processes_writing_walks_at_once_lose_nothing(tmp_path: Path, run: int) -> None:
    folder = tmp_path / "logg"
    go = tmp_path / "kör"
    walks = 12
    children = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), "walks", str(walks), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for child in children:  # both have opened the log before either writes
        assert child.stdout.readline() == "klar\n", child.stderr.read()
    go.touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
        outputs.append(committed(out))
    per_walk = 2 + 4 + 1  # answers, steps, finish
    for output in outputs:
        assert len(output) == walks * per_walk
    everything = set(outputs[0]) | set(outputs[1])
    assert everything <= stored(folder)
    with StepLog.open(folder, retention_days=100_000) as log:
        sessions = log.list_sessions()
        assert len(sessions) == 2 * walks
        assert all(info.finished for info in sessions)
        assert all(len(log.events(info.id)) == per_walk for info in sessions)
