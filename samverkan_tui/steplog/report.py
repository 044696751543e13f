"""The follow-up report that may leave the desk: anonymous aggregates with disclosure control.

``desk_aggregate`` reads the step log (the exact figures of ``stats.walk_statistics`` plus
walks per week and "ej aktuell" per step) and returns an ``Aggregate``: the only shape in
which follow-up figures leave the desk (``logg statistik --format json|html|pdf``), and
the shape ``merge`` combines across desks (``statistik slå-ihop``).

Disclosure rules (a small municipality has few cases, and small numbers identify):

1. **Small counts.** A count from 1 to threshold − 1 (default 5) is never written; it is
   a *small* part, shown as "< 5". Zero is shown: it says that nothing happened.
2. **Totals and their parts.** Where a report shows a total and a partition of it
   (walks and walks per week; deviations and deviations per category, and per step),
   a suppressed part could be found by subtraction. So while the parts that are
   hidden add up to less than the threshold, the smallest visible part is hidden too
   (*secondary suppression*, shown as "dolt"). Akut is hidden in the same way when
   the walks that were not akut are fewer than the threshold.
3. **Times.** Periods are whole ISO weeks (dates are widened to Monday–Sunday), and no
   time of day leaves the desk. A median time is given only for a step done in at
   least threshold walks, and rounded (5 min, whole hours from 2 h, whole days from 2 d).
4. **No free text.** Deviation comments are never read here; nor are session ids,
   answers other than akut, or anything per walk.

Merging: a cell is kept as its exact part plus the parts that were hidden (their
thresholds; secondary ones have no upper bound). Adding cells adds exact parts and
collects hidden parts, so a hidden cell never becomes exact by merging; a merged total
is exact only when all its parts are, otherwise it is shown as a range ("12–19"), a
lower bound ("minst 12") or "< 9". A merge only adds figures that have already left
their desks, so it reveals nothing that the desk files did not; each file's own safety
comes from the rules above. Medians are merged as the median of the desks' medians,
weighted by their exact counts, and marked as approximate.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, overload

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.status import DEVIATION_CATEGORIES, MODE_CASE, NOT_APPLICABLE
from samverkan_tui.steplog.stats import _PERIOD, _bounds, walk_statistics
from samverkan_tui.steplog.store import from_db_time

FORMAT = "samverkan-statistik"
VERSION = 1
DEFAULT_THRESHOLD = 5
CONFIG_KEY = "statistics_threshold"


class ReportError(ValueError):
    """A file that is not a follow-up aggregate, or one that cannot be merged; Swedish message."""


# -- cells ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: its exact part and the parts that were hidden.

    ``small`` holds the threshold of each part hidden for being small (its value is
    1 … threshold − 1); ``hidden`` counts parts hidden by secondary suppression (≥ 1,
    no upper bound).
    """

    exact: int = 0
    small: tuple[int, ...] = ()
    hidden: int = 0

    @property
    def is_exact(self) -> bool:
        return not self.small and not self.hidden

    @property
    def low(self) -> int:
        return self.exact + len(self.small) + self.hidden

    @property
    def high(self) -> int | None:
        return None if self.hidden else self.exact + sum(t - 1 for t in self.small)

    @property
    def is_zero(self) -> bool:
        return self.is_exact and self.exact == 0

    def __add__(self, other: Count) -> Count:
        if not (self.small or self.hidden or other.small or other.hidden):
            return Count(self.exact + other.exact)
        return Count(
            self.exact + other.exact, tuple(sorted(self.small + other.small)), self.hidden + other.hidden
        )

    def text(self, threshold: int) -> str:
        """ "12", "< 5", "dolt", "12–19", "minst 12" or "< 9": never a number under the threshold."""
        if self.is_exact:
            return str(self.exact) if self.exact == 0 or self.exact >= threshold else f"< {threshold}"
        if not self.hidden and self.exact == 0 and len(self.small) == 1:
            return f"< {self.small[0]}"
        high = self.high
        if self.low >= threshold:
            return f"{self.low}–{high}" if high is not None else f"minst {self.low}"
        if high is not None:
            return f"< {high + 1}"
        return "dolt"

    def to_json(self) -> int | dict[str, object]:
        if self.is_exact:
            return self.exact
        return {"exact": self.exact, "below": list(self.small), "hidden": self.hidden}

    @classmethod
    def from_json(cls, value: object, where: str) -> Count:
        if type(value) is int and value >= 0:  # bool is not an int here
            return cls(value)
        if isinstance(value, dict) and set(value) == {"exact", "below", "hidden"}:
            exact, below, hidden = value["exact"], value["below"], value["hidden"]
            if (
                _natural(exact)
                and _natural(hidden)
                and isinstance(below, list)
                and all(_natural(t) and t >= 2 for t in below)
            ):
                return cls(exact, tuple(sorted(below)), hidden)
        raise ReportError(f"{where}: ogiltigt antal {json.dumps(value, ensure_ascii=False)}")


def _natural(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _total(cells: Iterable[Count]) -> Count:
    total = Count()
    for cell in cells:
        total = total + cell
    return total


def protect(value: int, threshold: int) -> Count:
    """Rule 1: a count from 1 to threshold − 1 becomes a small hidden part."""
    return Count(value) if value == 0 or value >= threshold else Count(0, (threshold,))


def guard_partition(total: int, parts: dict[str, int], threshold: int) -> dict[str, Count]:
    """Rules 1 and 2 for the parts of an exactly shown ``total``.

    While the hidden parts add up to less than the threshold, the smallest visible part
    (nonzero) is hidden too, so that subtracting the visible parts from the total never
    gives a small number.
    """
    cells = {key: protect(value, threshold) for key, value in parts.items()}
    if total < threshold:  # the total is itself hidden: nothing to subtract from
        return cells
    hidden = [key for key, cell in cells.items() if not cell.is_exact]
    if not hidden:
        return cells
    residual = sum(parts[key] for key in hidden)
    visible = sorted((value, key) for key, value in parts.items() if key not in hidden and value > 0)
    while residual < threshold and visible:
        value, key = visible.pop(0)
        cells[key] = Count(0, (), 1)
        residual += value
    return cells


# -- the aggregate ----------------------------------------------------------------------


@dataclass(frozen=True)
class StepMedian:
    minutes: float
    weight: int  # the exact count of walks behind it
    approximate: bool = False  # merged from several desks' medians


@dataclass
class RoutineAggregate:
    routine: str
    title: str | None
    steps: dict[str, str | None]  # step id → text, in the routine's order
    walks: Count
    walks_per_week: dict[str, Count]
    akut: Count | None  # None: the routine asks no akut question
    deviations: Count
    deviations_by_category: dict[str, Count] = field(default_factory=dict)
    deviations_by_step: dict[str, Count] = field(default_factory=dict)
    not_applicable_by_step: dict[str, Count] = field(default_factory=dict)
    done_by_step: dict[str, Count] = field(default_factory=dict)
    median_minutes: dict[str, StepMedian] = field(default_factory=dict)

    @property
    def akut_share(self) -> float | None:
        """Only when both counts are exact and the walks are not hidden."""
        if self.akut is None or not self.akut.is_exact or not self.walks.is_exact or not self.walks.exact:
            return None
        return self.akut.exact / self.walks.exact

    def step_label(self, step: str) -> str:
        return self.steps.get(step) or f"({step})"


@dataclass
class Aggregate:
    threshold: int
    weeks: list[str]  # every ISO week of the period, "2026-W47"
    routines: list[RoutineAggregate]
    sources: int = 1  # desk files merged into this one
    ids: tuple[str, ...] = ()  # random export ids, to refuse the same file twice in a merge

    @property
    def first_week(self) -> str | None:
        return self.weeks[0] if self.weeks else None

    @property
    def last_week(self) -> str | None:
        return self.weeks[-1] if self.weeks else None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> dt.date:
    return dt.date.fromisocalendar(int(week[:4]), int(week[6:8]), 1)


def whole_weeks(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """Rule 3: a period widened to Monday of its first week and Sunday of its last."""
    return (
        start - dt.timedelta(days=start.weekday()) if start else None,
        end + dt.timedelta(days=6 - end.weekday()) if end else None,
    )


def week_range(first: str, last: str) -> list[str]:
    day, end = week_monday(first), week_monday(last)
    weeks = []
    while day <= end:
        weeks.append(iso_week(day))
        day += dt.timedelta(weeks=1)
    return weeks


@lru_cache(maxsize=8192)
def _week_of_utc_hour(utc_hour: str) -> str:
    return iso_week(from_db_time(utc_hour + ":00:00+00:00").date())


def coarse_minutes(minutes: float) -> float:
    """Rule 3: 5 minutes under 2 hours, whole hours under 2 days, whole days after."""
    if minutes < 120:
        return float(max(5, 5 * round(minutes / 5)))
    if minutes < 2 * 24 * 60:
        return float(60 * round(minutes / 60))
    return float(24 * 60 * round(minutes / (24 * 60)))


def desk_aggregate(
    conn: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    routines: Mapping[str, Routine] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Aggregate:
    """This desk's follow-up for whole weeks from ``start`` to ``end``, safe to pass on."""
    if threshold < 2:
        raise ReportError("tröskeln ska vara minst 2")
    routines = routines or {}
    start, end = whole_weeks(start, end)
    stats = walk_statistics(conn, start, end, routines)
    low, high = _bounds(start, end)
    params = {"low": low, "high": high, "mode": MODE_CASE, "status": NOT_APPLICABLE}
    per_week: dict[str, dict[str, int]] = {}
    for routine_id, hour, count in conn.execute(
        f"""
            select routine_id, substr(started_at, 1, 13), count(*) from sessions
            where {_PERIOD} group by routine_id, substr(started_at, 1, 13)""",
        params,
    ):
        counts = per_week.setdefault(routine_id, {})
        week = _week_of_utc_hour(hour)
        counts[week] = counts.get(week, 0) + count
    not_applicable: dict[str, dict[str, int]] = {}
    for routine_id, step_id, count in conn.execute(
        f"""
            select routine_id, step, count(*) from step_states
            where status = :status and {_PERIOD} group by routine_id, step""",
        params,
    ):
        not_applicable.setdefault(routine_id, {})[step_id] = count
    seen = [w for weeks in per_week.values() for w in weeks]
    first = iso_week(start) if start else min(seen, default=None)
    last = iso_week(end) if end else max(seen, default=None)
    weeks = week_range(first, last) if first and last else []
    result = []
    for s in stats:
        routine = routines.get(s.routine_id)
        counts = per_week.get(s.routine_id, {})
        week_cells = guard_partition(s.walks, {w: counts.get(w, 0) for w in weeks}, threshold)
        walks = protect(s.walks, threshold)
        akut = None
        if s.akut is not None:
            akut = protect(s.akut, threshold)
            rest = s.walks - s.akut
            if akut.is_exact and walks.is_exact and 0 < rest < threshold:
                akut = Count(0, (), 1)
        deviations = protect(s.deviations, threshold)
        by_category = guard_partition(s.deviations, dict(s.deviations_by_category), threshold)
        by_step = guard_partition(s.deviations, {d.step: d.count for d in s.deviations_by_step}, threshold)
        done = {t.step: protect(t.count, threshold) for t in s.time_to_step}
        medians = {
            t.step: StepMedian(coarse_minutes(t.median_seconds / 60), t.count)
            for t in s.time_to_step
            if done[t.step].is_exact and t.count
        }
        na = {step: protect(n, threshold) for step, n in not_applicable.get(s.routine_id, {}).items()}
        mentioned = set(by_step) | set(na) | set(done)
        result.append(
            RoutineAggregate(
                s.routine_id,
                s.title,
                _step_texts(routine, mentioned),
                walks,
                week_cells,
                akut,
                deviations,
                _ordered_categories(by_category),
                _in_order(by_step, routine),
                _in_order(na, routine),
                _in_order(done, routine),
                medians,
            )
        )
    return Aggregate(threshold, weeks, result, 1, (uuid.uuid4().hex,))


def _step_texts(routine: Routine | None, steps: Iterable[str]) -> dict[str, str | None]:
    order = {s.id: i for i, s in enumerate(routine.steps)} if routine else {}
    texts = {}
    for step in sorted(steps, key=lambda s: (order.get(s, 10**9), s)):
        found = routine.step(step) if routine else None
        texts[step] = found.text if found else None
    return texts


def _in_order(cells: dict[str, Count], routine: Routine | None) -> dict[str, Count]:
    order = {s.id: i for i, s in enumerate(routine.steps)} if routine else {}
    return {k: cells[k] for k in sorted(cells, key=lambda s: (order.get(s, 10**9), s))}


def _ordered_categories(cells: dict[str, Count]) -> dict[str, Count]:
    order = {c: i for i, c in enumerate(DEVIATION_CATEGORIES)}
    return {k: cells[k] for k in sorted(cells, key=lambda c: (order.get(c, 10**9), c))}


# -- merging ----------------------------------------------------------------------------


def _weighted_median(parts: list[StepMedian]) -> StepMedian:
    parts = sorted(parts, key=lambda p: p.minutes)
    total = sum(p.weight for p in parts)
    running = 0
    for part in parts:
        running += part.weight
        if 2 * running >= total:
            return StepMedian(part.minutes, total, len(parts) > 1 or any(p.approximate for p in parts))
    return parts[-1]


def _add_cells(target: dict[str, Count], source: dict[str, Count]) -> None:
    for key, cell in source.items():
        target[key] = target.get(key, Count()) + cell


def merge(
    aggregates: list[Aggregate], threshold: int | None = None, routines: Mapping[str, Routine] | None = None
) -> Aggregate:
    """One aggregate for the unit; never more exact than its parts (see the module notes)."""
    if not aggregates:
        raise ReportError("inga filer att slå ihop")
    ids = [i for a in aggregates for i in a.ids]
    if len(set(ids)) != len(ids):
        raise ReportError("samma statistikfil finns med två gånger; varje enhets fil ska räknas en gång")
    effective = max([a.threshold for a in aggregates] + ([threshold] if threshold else []))
    if any(a.threshold < effective for a in aggregates):
        # An exact 7 from a file made with threshold 5 would be a small number under 10.
        low = min(a.threshold for a in aggregates)
        raise ReportError(
            f"en fil är gjord med tröskel {low}, lägre än {effective}; alla filer ska "
            f"göras med samma tröskel (samverkan logg statistik --format json "
            f"--tröskel {effective})"
        )
    weeks = sorted({w for a in aggregates for w in a.weeks})
    weeks = week_range(weeks[0], weeks[-1]) if weeks else []
    merged: dict[str, RoutineAggregate] = {}
    medians: dict[str, dict[str, list[StepMedian]]] = {}
    for aggregate in aggregates:
        for r in aggregate.routines:
            into = merged.get(r.routine)
            if into is None:
                into = merged[r.routine] = RoutineAggregate(
                    r.routine,
                    r.title,
                    {},
                    Count(),
                    {w: Count() for w in weeks},
                    None if r.akut is None else Count(),
                    Count(),
                )
            into.title = into.title or r.title
            for step, text in r.steps.items():
                into.steps[step] = into.steps.get(step) or text
            into.walks = into.walks + r.walks
            _add_cells(into.walks_per_week, r.walks_per_week)
            if r.akut is not None:
                into.akut = (into.akut or Count()) + r.akut
            into.deviations = into.deviations + r.deviations
            _add_cells(into.deviations_by_category, r.deviations_by_category)
            _add_cells(into.deviations_by_step, r.deviations_by_step)
            _add_cells(into.not_applicable_by_step, r.not_applicable_by_step)
            _add_cells(into.done_by_step, r.done_by_step)
            for step, median in r.median_minutes.items():
                medians.setdefault(r.routine, {}).setdefault(step, []).append(median)
    routines = routines or {}
    result = []
    for routine_id in sorted(merged):
        r = merged[routine_id]
        routine = routines.get(routine_id)
        if routine is not None:
            r.title = routine.title
            r.steps = {**_step_texts(routine, r.steps)}
        else:
            r.steps = dict(r.steps)
        r.deviations_by_category = _ordered_categories(r.deviations_by_category)
        for name in ("deviations_by_step", "not_applicable_by_step", "done_by_step"):
            cells = getattr(r, name)
            setattr(
                r,
                name,
                {k: cells[k] for k in r.steps if k in cells}
                | {k: v for k, v in cells.items() if k not in r.steps},
            )
        r.median_minutes = {
            step: _weighted_median(parts) for step, parts in medians.get(routine_id, {}).items()
        }
        result.append(r)
    return Aggregate(effective, weeks, result, sum(a.sources for a in aggregates), tuple(ids))


# -- JSON -------------------------------------------------------------------------------


def aggregate_dict(aggregate: Aggregate) -> dict[str, object]:
    """The file a desk passes on: figures only, no walk, no comment, no time of day."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "ids": list(aggregate.ids),
        "threshold": aggregate.threshold,
        "sources": aggregate.sources,
        "mode": MODE_CASE,
        "from_week": aggregate.first_week,
        "to_week": aggregate.last_week,
        "routines": [
            {
                "routine": r.routine,
                "title": r.title,
                "steps": [{"step": s, "text": t} for s, t in r.steps.items()],
                "walks": r.walks.to_json(),
                "walks_per_week": [{"week": w, "count": c.to_json()} for w, c in r.walks_per_week.items()],
                "akut": r.akut.to_json() if r.akut is not None else None,
                "deviations": r.deviations.to_json(),
                "deviations_by_category": [
                    {"category": k, "label": DEVIATION_CATEGORIES.get(k, k), "count": c.to_json()}
                    for k, c in r.deviations_by_category.items()
                ],
                "deviations_by_step": [
                    {"step": k, "count": c.to_json()} for k, c in r.deviations_by_step.items()
                ],
                "not_applicable_by_step": [
                    {"step": k, "count": c.to_json()} for k, c in r.not_applicable_by_step.items()
                ],
                "done_by_step": [
                    {
                        "step": k,
                        "count": c.to_json(),
                        "median_minutes": r.median_minutes[k].minutes if k in r.median_minutes else None,
                        "median_approximate": r.median_minutes[k].approximate
                        if k in r.median_minutes
                        else None,
                    }
                    for k, c in r.done_by_step.items()
                ],
            }
            for r in aggregate.routines
        ],
    }


_TOP_KEYS = {"format", "version", "ids", "threshold", "sources", "mode", "from_week", "to_week", "routines"}
_ROUTINE_KEYS = {
    "routine",
    "title",
    "steps",
    "walks",
    "walks_per_week",
    "akut",
    "deviations",
    "deviations_by_category",
    "deviations_by_step",
    "not_applicable_by_step",
    "done_by_step",
}


def _keys(obj: object, allowed: set[str], where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ReportError(f"{where}: väntade ett objekt")
    if obj.keys() == allowed:  # the usual case, without building sets
        return obj
    extra = set(obj) - allowed
    if extra:
        # Refuses anything but the aggregate itself, e.g. walk-level rows from `logg export`.
        raise ReportError(f"{where}: okänt fält {sorted(extra)[0]!r}; bara sammanställda antal får slås ihop")
    missing = allowed - set(obj)
    if missing:
        raise ReportError(f"{where}: fältet {sorted(missing)[0]!r} saknas")
    return obj


def _week(value: object, where: str) -> str:
    try:
        if isinstance(value, str) and len(value) == 8 and value[4:6] == "-W":
            week_monday(value)
            return value
    except ValueError:
        pass
    raise ReportError(f"{where}: ogiltig vecka {value!r}; väntade t.ex. 2026-W47")


@overload
def _text(value: object, where: str, optional: Literal[False]) -> str: ...
@overload
def _text(value: object, where: str, optional: bool = True) -> str | None: ...
def _text(value: object, where: str, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str):
        return value
    raise ReportError(f"{where}: väntade text")


def aggregate_from_dict(data: object, where: str) -> Aggregate:
    """Read a file written by ``aggregate_dict``, refusing anything else."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReportError(f"{where}: inte en statistikfil från `samverkan logg statistik --format json`")
    if data.get("version") != VERSION:
        raise ReportError(
            f"{where}: statistikfilens version {data.get('version')!r} stöds inte "
            f"(den här versionen läser {VERSION})"
        )
    _keys(data, _TOP_KEYS, where)
    threshold = data["threshold"]
    if not _natural(threshold) or threshold < 2:
        raise ReportError(f"{where}: ogiltig tröskel {threshold!r}")
    ids = data["ids"]
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise ReportError(f"{where}: ogiltiga id")
    if data["mode"] != MODE_CASE:
        raise ReportError(f"{where}: bara ärenden räknas, inte {data['mode']!r}")
    sources = data["sources"]
    if not _natural(sources) or sources < 1:
        raise ReportError(f"{where}: ogiltigt antal källor")
    first, last = data["from_week"], data["to_week"]
    if (first is None) != (last is None):
        raise ReportError(f"{where}: perioden saknar början eller slut")
    weeks = week_range(_week(first, where), _week(last, where)) if first else []
    if not isinstance(data["routines"], list):
        raise ReportError(f"{where}: routines ska vara en lista")

    def cells(rows: object, key: str, label: str) -> dict[str, Count]:
        if not isinstance(rows, list):
            raise ReportError(f"{label}: väntade en lista")
        out = {}
        allowed = {key, "count"} | ({"label"} if key == "category" else set())
        if key == "step" and label.endswith("done_by_step"):
            allowed |= {"median_minutes", "median_approximate"}
        for index, row in enumerate(rows):
            row = _keys(row, allowed, f"{label}[{index}]")
            name = row[key]
            if type(name) is not str:
                raise ReportError(f"{label}[{index}]: väntade text")
            value = row["count"]
            if type(value) is int and (value == 0 or value >= threshold):  # the usual case
                out[name] = Count(value)
            else:
                spot = f"{label}[{index}]"
                out[name] = checked(Count.from_json(value, spot), spot)
        return out

    def checked(cell: Count, spot: str) -> Count:
        if 0 < cell.exact < threshold:
            raise ReportError(f"{spot}: antalet {cell.exact} är under filens tröskel {threshold}")
        return cell

    routines = []
    for index, raw in enumerate(data["routines"]):
        spot = f"{where}: routines[{index}]"
        raw = _keys(raw, _ROUTINE_KEYS, spot)
        routine_id = _text(raw["routine"], spot, optional=False)
        if not isinstance(raw["steps"], list):
            raise ReportError(f"{spot}.steps: väntade en lista")
        steps = {}
        for step in raw["steps"]:
            step = _keys(step, {"step", "text"}, f"{spot}.steps")
            steps[_text(step["step"], spot, optional=False)] = _text(step["text"], spot)
        per_week = {}
        if not isinstance(raw["walks_per_week"], list):
            raise ReportError(f"{spot}.walks_per_week: väntade en lista")
        for row in raw["walks_per_week"]:
            row = _keys(row, {"week", "count"}, f"{spot}.walks_per_week")
            week = _week(row["week"], spot)
            if week not in weeks:
                raise ReportError(f"{spot}: vecka {week} ligger utanför filens period")
            per_week[week] = checked(Count.from_json(row["count"], spot), spot)
        done_rows = raw["done_by_step"]
        done = cells(done_rows, "step", f"{spot}.done_by_step")
        medians = {}
        for row in done_rows:
            minutes = row["median_minutes"]
            if minutes is None:
                continue
            if not isinstance(minutes, int | float) or isinstance(minutes, bool) or minutes < 0:
                raise ReportError(f"{spot}: ogiltig mediantid {minutes!r}")
            cell = done[row["step"]]
            if not cell.is_exact:
                raise ReportError(f"{spot}: mediantid för ett dolt antal")
            medians[row["step"]] = StepMedian(float(minutes), cell.exact, bool(row["median_approximate"]))
        akut = None if raw["akut"] is None else checked(Count.from_json(raw["akut"], spot), spot)
        routines.append(
            RoutineAggregate(
                routine_id,
                _text(raw["title"], spot),
                steps,
                checked(Count.from_json(raw["walks"], spot), spot),
                per_week,
                akut,
                checked(Count.from_json(raw["deviations"], spot), spot),
                cells(raw["deviations_by_category"], "category", f"{spot}.deviations_by_category"),
                cells(raw["deviations_by_step"], "step", f"{spot}.deviations_by_step"),
                cells(raw["not_applicable_by_step"], "step", f"{spot}.not_applicable_by_step"),
                done,
                medians,
            )
        )
    return Aggregate(threshold, weeks, routines, sources, tuple(ids))


def read_aggregate(path: Path) -> Aggregate:
    from samverkan_tui.core.base.input_files import InputFileError, read_input_text

    try:
        text = read_input_text(path)  # `slå-ihop /dev/zero` is refused, never read
    except InputFileError as error:
        raise ReportError(error.describe(str(path))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(f"{path}: ogiltig JSON på rad {error.lineno}: {error.msg}") from None
    return aggregate_from_dict(data, str(path))


def threshold_from_config(raw: Mapping[str, object], where: object) -> int:
    value = raw.get(CONFIG_KEY, DEFAULT_THRESHOLD)
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise ReportError(
            f"{where}: {CONFIG_KEY} ska vara ett heltal, minst 2 (standard {DEFAULT_THRESHOLD})"
        )
    return value


def stockholm_week_start(moment: dt.datetime) -> dt.datetime:
    """Rule 3 for a printout's own date: Monday 00.00 of its week."""
    day = moment.astimezone(STOCKHOLM).date()
    return dt.datetime.combine(day - dt.timedelta(days=day.weekday()), dt.time(), STOCKHOLM)
