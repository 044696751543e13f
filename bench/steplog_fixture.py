"""A step log full of realistic walks, for timing `logg lista` and `logg statistik`.

    .venv/bin/python bench/steplog_fixture.py FOLDER [COUNT]

Walks follow real paths through the shipped routines (every answer set the routine can
end with), tick most of the plan's steps at increasing times, mark some not applicable
or as deviations with a category, and are started within the last 80 days so that the
default retention (90 days) keeps them. One walk in ten is training. Deterministic for a
given seed, apart from "now".
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samverkan_tui.core.base.clock import current_time
from samverkan_tui.core.routine.catalog import builtin_dir, routine_files
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.plan import build_plan, enumerate_paths
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    DONE,
    MODE_CASE,
    MODE_TRAINING,
    NOT_APPLICABLE,
)

COMMENTS = ("tolk saknades", "ingen svarade före 16.00", "mötet flyttades", None, None)


def shipped_routines() -> list[Routine]:
    routines = []
    for path in routine_files(builtin_dir()):
        result = load_routine(path)
        if result.routine is not None:
            routines.append(result.routine)
    return routines


def generate_walks(
    routines: list[Routine],
    count: int,
    now: dt.datetime,
    seed: int = 0,
    days: float = 80,
    training_share: float = 0.1,
    finished_share: float = 0.85,
) -> Iterator[WalkSession]:
    rng = random.Random(seed)
    paths = {r.id: list(enumerate_paths(r)) for r in routines}
    categories = list(DEVIATION_CATEGORIES)
    for _ in range(count):
        routine = rng.choice(routines)
        started = now - dt.timedelta(days=rng.uniform(0.01, days))
        mode = MODE_TRAINING if rng.random() < training_share else MODE_CASE
        session = WalkSession(routine, started, mode)
        moment = started
        answers = rng.choice(paths[routine.id])
        for question, value in answers.items():
            moment += dt.timedelta(seconds=rng.uniform(10, 120))
            session.answer(question, value, moment)
        for planned in build_plan(routine, answers, started).steps:
            moment += dt.timedelta(minutes=rng.expovariate(1 / 30))
            roll = rng.random()
            if roll < 0.70:
                session.set_step(planned.id, DONE, moment)
            elif roll < 0.78:
                session.set_step(planned.id, NOT_APPLICABLE, moment)
            elif roll < 0.85:
                session.set_step(planned.id, DEVIATION, moment, rng.choice(categories), rng.choice(COMMENTS))
        for contact in rng.sample(list(routine.contacts), k=min(2, len(routine.contacts))):
            session.use_contact(contact.id, moment)
        if rng.random() < finished_share:
            session.finish(moment + dt.timedelta(minutes=1))
        yield session


def fill_step_log(folder: Path, count: int = 10_000, seed: int = 0) -> int:
    """Add ``count`` walks to the step log in ``folder``; returns how many were written."""
    from samverkan_tui.steplog.store import StepLog

    routines = shipped_routines()
    walks = generate_walks(routines, count, current_time(), seed)
    written = 0
    with StepLog.open(folder) as log:
        while True:
            chunk = [w for _, w in zip(range(1000), walks, strict=False)]
            if not chunk:
                break
            written += log.store_walks(chunk)
    return written


if __name__ == "__main__":
    import time

    target = Path(sys.argv[1])
    started = time.perf_counter()
    total = fill_step_log(target, int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(f"{total} genomgångar i {target} ({time.perf_counter() - started:.1f} s)")
