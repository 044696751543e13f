"""The unit's follow-up (uppföljning) from the step log: counts and times, never people.

Per routine: how many walks, how many were akut (by the question the routine declares
urgent, ``urgent_answer``), deviations by category and by step,
and the median time from the start of a walk to each step being ticked as done.
Training walks (övning) are never counted. Everything is computed in SQL over the
``sessions`` and ``step_states`` tables, so it stays fast with many thousands of walks.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.routine.references import item_references
from samverkan_tui.core.walk.status import DEVIATION, DEVIATION_CATEGORIES, DONE, MODE_CASE
from samverkan_tui.steplog.store import to_db_time


@dataclass(frozen=True)
class StepCount:
    step: str
    text: str | None  # None when the routine (or the step) is no longer in the catalog
    count: int
    reference: str = ""  # "RVT 2.3", the binder's (core.routine.references); "" when unknown


@dataclass(frozen=True)
class StepTime:
    step: str
    text: str | None
    count: int  # walks in which the step was ticked as done
    median_seconds: float
    reference: str = ""


@dataclass
class RoutineStats:
    routine_id: str
    title: str | None
    walks: int
    finished: int
    akut: int | None  # None: no urgent question declared (core.model.Routine.urgent_question)
    deviations_by_category: dict[str, int] = field(default_factory=dict)
    deviations_by_step: list[StepCount] = field(default_factory=list)
    time_to_step: list[StepTime] = field(default_factory=list)

    @property
    def deviations(self) -> int:
        return sum(self.deviations_by_category.values())

    @property
    def akut_share(self) -> float | None:
        return None if self.akut is None or not self.walks else self.akut / self.walks


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    """Stockholm calendar days, both inclusive, as stored (UTC) times."""
    low = dt.datetime.combine(start, dt.time(), STOCKHOLM) if start else None
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), STOCKHOLM) if end else None
    return (to_db_time(low) if low else "", to_db_time(high) if high else "9999")


# The walk's mode, routine and start are copied into step_states, so every query here is
# one scan of a covering index (see the schema in store.py).
_PERIOD = "mode = :mode and started_at >= :low and started_at < :high"


def walk_statistics(
    conn: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    routines: Mapping[str, Routine] | None = None,
) -> list[RoutineStats]:
    """The follow-up for walks started from ``start`` to ``end`` (Stockholm dates, inclusive)."""
    routines = routines or {}
    low, high = _bounds(start, end)
    params = {"low": low, "high": high, "mode": MODE_CASE, "done": DONE, "deviation": DEVIATION}
    result: dict[str, RoutineStats] = {}
    for routine_id, walks, finished, akut, asked in conn.execute(
        f"""
            select routine_id, count(*), count(finished_at), sum(akut), count(akut)
            from sessions where {_PERIOD} group by routine_id order by routine_id""",
        params,
    ):
        routine = routines.get(routine_id)
        # Split on akut when the routine declares an urgent question (`urgent_answer`), or
        # when the walks recorded an answer to one (the log keeps what was declared at walk
        # time: a routine removed from the catalog, or one that no longer declares it).
        asks = (routine is not None and routine.urgent_question is not None) or asked > 0
        result[routine_id] = RoutineStats(
            routine_id, routine.title if routine else None, walks, finished, (akut or 0) if asks else None
        )

    def text(routine_id: str, step_id: str) -> str | None:
        routine = routines.get(routine_id)
        step = routine.step(step_id) if routine else None
        return step.text if step else None

    references: dict[str, dict[str, str]] = {}

    def reference(routine_id: str, step_id: str) -> str:
        if routine_id not in references:
            routine = routines.get(routine_id)
            references[routine_id] = item_references(routine) if routine else {}
        return references[routine_id].get(step_id, "")

    for routine_id, category, count in conn.execute(
        f"""
            select routine_id, category, count(*) from step_states
            where status = :deviation and {_PERIOD}
            group by routine_id, category order by routine_id, count(*) desc, category""",
        params,
    ):
        result[routine_id].deviations_by_category[category] = count
    for routine_id, step_id, count in conn.execute(
        f"""
            select routine_id, step, count(*) from step_states
            where status = :deviation and {_PERIOD}
            group by routine_id, step order by routine_id, count(*) desc, step""",
        params,
    ):
        result[routine_id].deviations_by_step.append(
            StepCount(step_id, text(routine_id, step_id), count, reference(routine_id, step_id))
        )
    # Median time to done: count per step, then read the middle one or two values in index
    # order (a window function over all rows is ten times slower at 10 000 walks).
    groups = conn.execute(
        f"""
            select routine_id, step, count(*) from step_states
            where status = :done and {_PERIOD} group by routine_id, step""",
        params,
    ).fetchall()
    middle_sql = f"""
            select seconds_from_start from step_states
            where status = :done and {_PERIOD} and routine_id = :routine and step = :step
            order by seconds_from_start limit :take offset :skip"""
    for routine_id, step_id, count in groups:
        values = [
            row[0]
            for row in conn.execute(
                middle_sql,
                {
                    **params,
                    "routine": routine_id,
                    "step": step_id,
                    "take": 2 - count % 2,
                    "skip": (count - 1) // 2,
                },
            )
        ]
        result[routine_id].time_to_step.append(
            StepTime(
                step_id,
                text(routine_id, step_id),
                count,
                sum(values) / len(values),
                reference(routine_id, step_id),
            )
        )
    for routine_id, stats in result.items():
        routine = routines.get(routine_id)
        order = {s.id: i for i, s in enumerate(routine.steps)} if routine else {}
        stats.time_to_step.sort(key=lambda t: (order.get(t.step, 10**9), t.step))
    return list(result.values())


# -- output ---------------------------------------------------------------------------


def format_duration(seconds: float) -> str:
    """``45 min``, ``2 h 5 min``, ``3 d 4 h``: short enough for a column."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start:
        return f"från {start.isoformat()}"
    if end:
        return f"till och med {end.isoformat()}"
    return "hela loggen"


TEXT_TOP_STEPS = 10  # the text view lists the steps with most deviations; JSON lists all


def _clip(text: str | None, step: str, width: int, reference: str = "") -> str:
    """The step as the binder names it ("RVT 2.3 Text …"), shortened to ``width``."""
    label = text or f"({step})"
    if reference:
        label = f"{reference} {label}"
    return textwrap.shorten(label, width=width, placeholder=" …")


def stats_text(stats: list[RoutineStats], start: dt.date | None, end: dt.date | None) -> str:
    lines = [f"Uppföljning, {_period(start, end)}", "Ärenden; övningar räknas inte.", ""]
    if not stats:
        lines.append("Inga genomgångar i perioden.")
        return "\n".join(lines) + "\n"
    for s in stats:
        heading = f"{s.title} ({s.routine_id})" if s.title else s.routine_id
        lines += textwrap.wrap(heading, 80)
        lines.append("-" * min(80, len(lines[-1])))
        lines.append(f"Genomgångar: {s.walks} ({s.finished} avslutade, {s.walks - s.finished} pågående)")
        if s.akut is None:
            lines.append("Akuta: rutinen har ingen fråga om akut läge")
        else:
            lines.append(f"Akuta: {s.akut} ({round(100 * (s.akut_share or 0))} %)")
        lines.append(f"Avvikelser: {s.deviations}")
        if s.deviations_by_category:
            lines.append("  per kategori:")
            for code, count in s.deviations_by_category.items():
                lines.append(f"    {count:>5}  {DEVIATION_CATEGORIES.get(code, code)}")
            lines.append("  per steg:")
            for d in s.deviations_by_step[:TEXT_TOP_STEPS]:
                lines.append(f"    {d.count:>5}  {_clip(d.text, d.step, 70, d.reference)}")
            rest = len(s.deviations_by_step) - TEXT_TOP_STEPS
            if rest > 0:
                lines.append(f"           … och {rest} steg till (alla med --format json)")
        if s.time_to_step:
            lines.append("Mediantid från start till klart steg (antal genomgångar):")
            for t in s.time_to_step:
                label = _clip(t.text, t.step, 57, t.reference)
                lines.append(f"  {format_duration(t.median_seconds):>11} ({t.count:>4})  {label}")
        lines.append("")
    return "\n".join(lines)
