"""A child process that writes walks to the step log, for the durability tests.

    python writer.py FOLDER endless   # resume or start a walk, tick steps until killed
    python writer.py FOLDER walks N GO  # wait for file GO, then write N complete walks

After every event the log has committed it prints ``<session id> <event time>`` and
flushes, so the parent knows exactly which events must survive.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION
from samverkan_tui.steplog.store import StepLog, to_db_time
from tests.steplog.helpers import START, routine

STEPS = ("bou-in-bou-1", "bou-in-bou-2", "bou-in-bou-1-beredskap", "bou-in-bou-1-skriftligt")


def report(log: StepLog, session: WalkSession) -> None:
    if log.status_message is not None:
        print(f"FEL {log.status_message}", flush=True)
        return
    print(f"{session.id} {to_db_time(session.events[-1].at)}", flush=True)


def endless(folder: Path) -> None:
    rut = routine()
    log = StepLog.open(folder, retention_days=100_000)
    unfinished = log.unfinished()
    if unfinished:
        session = log.resume(unfinished[0].id, rut)
    else:
        session = WalkSession(rut, START)
        log.start(session)
    # Event times continue after the last one stored, so each event is unique.
    moment = (session.updated_at or START) + dt.timedelta(microseconds=1)
    for index in range(1_000_000):
        step = STEPS[index % len(STEPS)]
        if index % 3 == 2:
            session.set_step(step, DEVIATION, moment, "annat", f"händelse {index}")
        else:
            session.toggle_done(step, moment)
        report(log, session)
        moment += dt.timedelta(milliseconds=1)


def walks(folder: Path, count: int, go: Path) -> None:
    rut = routine()
    log = StepLog.open(folder, retention_days=100_000)
    print("klar", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for number in range(count):
        moment = START + dt.timedelta(hours=number)
        session = WalkSession(rut, moment)
        log.start(session)
        for question, value in (("inkom", "bou"), ("akut", "ja")):
            moment += dt.timedelta(minutes=1)
            session.answer(question, value, moment)
            report(log, session)
        for step in STEPS:
            moment += dt.timedelta(minutes=1)
            session.toggle_done(step, moment)
            report(log, session)
        moment += dt.timedelta(minutes=1)
        session.finish(moment)
        report(log, session)
    log.close()


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if sys.argv[2] == "endless":
        endless(target)
    else:
        walks(target, int(sys.argv[3]), Path(sys.argv[4]))
