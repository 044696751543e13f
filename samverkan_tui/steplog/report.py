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
3. **Times.** Periods are whole ISO weeks (dates are widened to Monday–Sunday) or whole
   calendar months, as the user asks, and no time of day leaves the desk. A median time
   is given only for a step done in at least threshold walks, and rounded (5 min, whole
   hours from 2 h, whole days from 2 d).
4. **No free text.** Deviation comments are never read here; nor are session ids,
   answers other than akut, or anything per walk.

Per step and per section. Deviations are also counted per section of the routine, keyed by
the binder's reference: its top-level heading ("EVNR 3") and its numbered subsection
("EVNR 3.1.2") where the source numbers deeper, so a manager sees where deviations
cluster even where the steps' own counts are hidden. Each level partitions the one above,
so rule 2 is kept on every total that can be worked out from what is shown: a shown node
minus the shown nodes below it (``_guard_outline``).

Periods and desks. Each file says which period each desk's walks cover (``coverage``:
a random id of the desk's step log, kept beside it in ``statistik-id``, and the first and
last day). A merge refuses two files whose periods overlap for the same desk, so no walk
is ever counted twice: a month's file and the next month's merge, while October in whole
weeks (v. 40–44) and November in whole weeks (v. 44–48) do not. The id says only that two
files came from the same step log, never whose.

Merging: a cell is kept as its exact part plus the parts that were hidden (their
thresholds; secondary ones have no upper bound). Adding cells adds exact parts and
collects hidden parts, so a hidden cell never becomes exact by merging; a merged total
is exact only when all its parts are, otherwise it is shown as a range ("12–19"), a
lower bound ("minst 12") or "< 9". A merge only adds figures that have already left
their desks, so it reveals nothing that the desk files did not; each file's own safety
comes from the rules above. Medians are merged as the median of the desks' medians,
weighted by their exact counts, and marked as approximate ("ca"); so is a median whose
count is not exact (it stands for the exact part only). A merged file merges again under
the same rules: its median's weight is its count's exact part.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, overload

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.routine.references import item_references, reference_prefix, section_numbers
from samverkan_tui.core.walk.status import DEVIATION_CATEGORIES, MODE_CASE, NOT_APPLICABLE
from samverkan_tui.steplog.stats import _PERIOD, _bounds, walk_statistics
from samverkan_tui.steplog.store import from_db_time

FORMAT = "samverkan-statistik"
VERSION = 2  # 2: periods as dates with each desk's coverage, references, sections
DEFAULT_THRESHOLD = 5
CONFIG_KEY = "statistics_threshold"
DESK_ID_FILE = "statistik-id"
PERIOD_WEEKS = "veckor"
PERIOD_MONTHS = "månader"
PERIOD_MIXED = "blandad"  # a merge of files cut in weeks and in months
PERIODS = (PERIOD_WEEKS, PERIOD_MONTHS)


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


def protect(value: int, threshold: int) -> Count:
    """Rule 1: a count from 1 to threshold − 1 becomes a small hidden part."""
    return Count(value) if value == 0 or value >= threshold else Count(0, (threshold,))


def guard_partition(total: int, parts: dict[str, int], threshold: int) -> dict[str, Count]:
    """Rules 1 and 2 for the parts of an exactly shown ``total``.

    While the hidden parts add up to less than the threshold, the smallest visible part
    (nonzero) is hidden too, so that subtracting the visible parts from the total never
    gives a small number.
    """
    return guard_groups(parts, [(total, set(parts))], threshold)


def guard_groups(
    parts: dict[str, int],
    groups: list[tuple[int, set[str]]],
    threshold: int,
    unpublished: Iterable[str] = (),
) -> dict[str, Count]:
    """Rules 1 and 2 where several totals over the parts are known: ``groups`` holds each
    known total with the parts it adds up (the deviations and all steps; a section and
    its steps). For every group whose total is shown (at least the threshold), the hidden
    parts in it add up to nothing or to at least the threshold. ``unpublished`` parts are
    never shown (they count as hidden from the start). Hiding a part only adds a visible
    count (0 or ≥ threshold) to a group's hidden sum, so one pass per change settles
    every group."""
    cells = {key: protect(value, threshold) for key, value in parts.items()}
    for key in unpublished:
        if key in cells and parts[key]:
            cells[key] = Count(0, (), 1)
    changed = True
    while changed:
        changed = False
        for total, members in groups:
            if total < threshold:  # the total is itself hidden: nothing to subtract from
                continue
            residual = sum(parts[k] for k in members if k in cells and not cells[k].is_exact)
            visible = sorted(
                (parts[k], k) for k in members if k in cells and cells[k].is_exact and parts[k] > 0
            )
            while 0 < residual < threshold and visible:
                value, key = visible.pop(0)
                cells[key] = Count(0, (), 1)
                residual += value
                changed = True
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
    references: dict[str, str] = field(default_factory=dict)  # step id → "RVT 2.3"
    step_sections: dict[str, str] = field(default_factory=dict)  # step id → section key "RVT 2"
    sections: dict[str, str | None] = field(default_factory=dict)  # section key → its heading
    deviations_by_section: dict[str, Count] = field(default_factory=dict)
    section_parents: dict[str, str] = field(default_factory=dict)  # "EVNR 3.2" → "EVNR 3"

    @property
    def akut_share(self) -> float | None:
        """Only when both counts are exact and the walks are not hidden."""
        if self.akut is None or not self.akut.is_exact or not self.walks.is_exact or not self.walks.exact:
            return None
        return self.akut.exact / self.walks.exact

    def step_label(self, step: str) -> str:
        """ "RVT 2.3 Text": the binder's reference, so the step is found in the binder and
        two steps with the same text are told apart."""
        text = self.steps.get(step) or f"({step})"
        reference = self.references.get(step)
        return f"{reference} {text}" if reference else text

    def section_label(self, section: str) -> str:
        if not section:
            return "(steg som inte längre finns i rutinen)"
        title = self.sections.get(section)
        return f"{section} {title}" if title else section


class Coverage(NamedTuple):
    """The days one desk's walks in a file come from (both inclusive)."""

    desk: str  # random id of the desk's step log (statistik-id), never a person
    start: dt.date
    end: dt.date
    origin: str = ""  # the file it was read from: for messages only, never written


@dataclass
class Aggregate:
    threshold: int
    weeks: list[str]  # every ISO week of the period, "2026-W47" (the first and last may be partial)
    routines: list[RoutineAggregate]
    sources: int = 1  # desk files merged into this one
    ids: tuple[str, ...] = ()  # random export ids, to refuse the same file twice in a merge
    period: str = PERIOD_WEEKS  # how the period was cut: PERIODS, or PERIOD_MIXED after a merge
    start: dt.date | None = None  # first day of the period (None: no walk and no dates given)
    end: dt.date | None = None  # last day
    coverage: tuple[Coverage, ...] = ()

    @property
    def uneven(self) -> bool:
        """True when some desk's walks cover less than the whole period."""
        desks: dict[str, int] = {}
        for c in self.coverage:
            desks[c.desk] = desks.get(c.desk, 0) + (c.end - c.start).days + 1
        whole = (self.end - self.start).days + 1 if self.start and self.end else 0
        return any(days != whole for days in desks.values())


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


def whole_months(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """Rule 3: a period widened to the 1st of its first month and the last day of its last."""
    return (
        start.replace(day=1) if start else None,
        end.replace(day=calendar.monthrange(end.year, end.month)[1]) if end else None,
    )


def whole_period(
    start: dt.date | None, end: dt.date | None, period: str
) -> tuple[dt.date | None, dt.date | None]:
    if period == PERIOD_MONTHS:
        return whole_months(start, end)
    if period == PERIOD_WEEKS:
        return whole_weeks(start, end)
    raise ReportError(f"okänd period {period!r}; välj {' eller '.join(PERIODS)}")


def is_whole_months(start: dt.date | None, end: dt.date | None) -> bool:
    """True when the dates given are already whole calendar months (1st to last day)."""
    return (start, end) == whole_months(start, end) and start is not None and end is not None


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


_DESK_ID = re.compile(r"^[0-9a-f]{32}$")


def desk_id(conn: sqlite3.Connection) -> str:
    """The step log's own random id, kept in ``statistik-id`` beside the database and made
    on first use; a log without a file (in memory) gets a new one each time."""
    row = conn.execute("select file from pragma_database_list where name = 'main'").fetchone()
    if not row or not row[0]:
        return uuid.uuid4().hex
    path = Path(row[0]).parent / DESK_ID_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"kan inte läsa {path}: {getattr(error, 'strerror', None) or error}") from None
    if _DESK_ID.match(text):
        return text
    from samverkan_tui.core.base.files import write_private

    made = uuid.uuid4().hex
    try:
        write_private(path, made + "\n")
    except OSError as error:
        raise ReportError(f"kan inte skriva {path}: {error.strerror or error}") from None
    return made


def _walk_days(conn: sqlite3.Connection) -> tuple[dt.date | None, dt.date | None]:
    """The Stockholm dates of the first and last case walk in the log."""
    first, last = conn.execute(
        "select min(started_at), max(started_at) from sessions where mode = ?", (MODE_CASE,)
    ).fetchone()
    if first is None:
        return None, None
    return (
        from_db_time(first).astimezone(STOCKHOLM).date(),
        from_db_time(last).astimezone(STOCKHOLM).date(),
    )


def desk_aggregate(
    conn: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    routines: Mapping[str, Routine] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    period: str = PERIOD_WEEKS,
) -> Aggregate:
    """This desk's follow-up for whole weeks or months from ``start`` to ``end`` (the first
    and last walk when not given), safe to pass on."""
    if threshold < 2:
        raise ReportError("tröskeln ska vara minst 2")
    routines = routines or {}
    if start is None or end is None:  # the first or last walk, or the one date given
        first, last = _walk_days(conn)
        if start is None:
            start = min(first, end) if first and end else (first or end)
        if end is None:
            end = max(last, start) if last and start else (last or start)
    start, end = whole_period(start, end, period)
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
    weeks = week_range(iso_week(start), iso_week(end)) if start and end else []
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
        step_counts = {d.step: d.count for d in s.deviations_by_step}
        outline = _outline(routine) if routine is not None else None
        if outline is None:
            by_section: dict[str, Count] = {}
            by_step = guard_partition(s.deviations, step_counts, threshold)
        else:
            by_section, by_step = _guard_outline(s.deviations, step_counts, outline, threshold)
        done = {t.step: protect(t.count, threshold) for t in s.time_to_step}
        medians = {
            t.step: StepMedian(coarse_minutes(t.median_seconds / 60), t.count)
            for t in s.time_to_step
            if done[t.step].is_exact and t.count
        }
        na = {step: protect(n, threshold) for step, n in not_applicable.get(s.routine_id, {}).items()}
        mentioned = set(by_step) | set(na) | set(done)
        step_sections: dict[str, str] = {}
        section_titles: dict[str, str | None] = {}
        section_parents: dict[str, str] = {}
        if outline is not None:  # a step the routine no longer has is counted under ""
            step_sections = {step: outline.deepest(step) for step in sorted(mentioned)}
            used = set(step_sections.values()) | {outline.top.get(step, "") for step in mentioned}
            section_titles = {k: t for k, t in outline.titles.items() if k in used}
            section_parents = {k: p for k, p in outline.parents.items() if k in section_titles}
        references = item_references(routine) if routine else {}
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
                {step: references[step] for step in mentioned if step in references},
                step_sections,
                section_titles,
                {k: by_section[k] for k in section_titles if k in by_section}
                | {k: v for k, v in by_section.items() if k not in section_titles},
                section_parents,
            )
        )
    period_cut = period if start else PERIOD_WEEKS
    coverage = (Coverage(desk_id(conn), start, end),) if start and end else ()
    return Aggregate(threshold, weeks, result, 1, (uuid.uuid4().hex,), period_cut, start, end, coverage)


class _Outline(NamedTuple):
    """Where each step sits in the binder: its top-level section ("EVNR 3") and its
    numbered section ("EVNR 3.2", the reference without the item's own number; the top
    itself for a step right under it). Keys are references, so every desk's file agrees."""

    top: dict[str, str]  # step id → top-level section key
    sub: dict[str, str]  # step id → numbered section key
    titles: dict[str, str | None]  # section key → heading, in the routine's order
    parents: dict[str, str]  # numbered section key → its top-level key (tops are not in it)

    def deepest(self, step: str) -> str:
        return self.sub.get(step, "")


def _outline(routine: Routine) -> _Outline:
    prefix = reference_prefix(routine)
    numbers = section_numbers(routine)

    def key(number: str) -> str:
        return f"{prefix} {number}" if number else prefix

    titles: dict[str, str | None] = {}
    for section in routine.sections:  # the headings that carry a number ("3.2. Skydd")
        number = numbers.get(section.id, "")
        if not section.parent or (number and _own_number(section.title) == number):
            titles.setdefault(key(number), _heading(section.title))
    top, sub, parents = {}, {}, {}
    for step in routine.steps:
        path = routine.section_path(step.section)
        top[step.id] = key(numbers.get(path[0].id, "")) if path else prefix
        sub[step.id] = key(numbers.get(step.section, "")) if path else prefix
        if sub[step.id] != top[step.id]:
            parents[sub[step.id]] = top[step.id]
    used = set(top.values()) | set(sub.values())
    return _Outline(top, sub, {k: v for k, v in titles.items() if k in used}, parents)


def _own_number(title: str) -> str:
    from samverkan_tui.core.routine.references import SOURCE_NUMBER

    match = SOURCE_NUMBER.match(title)
    return match.group(1) if match else ""


_ROOT = "\0"  # the anchor of parts under no shown section: the deviations as a whole


def _guard_outline(
    deviations: int, steps: dict[str, int], outline: _Outline, threshold: int
) -> tuple[dict[str, Count], dict[str, Count]]:
    """Rules 1 and 2 over the binder's tree: the deviations, top-level sections, numbered
    sections, steps. Each level is a partition of the one above, and what can be worked out
    from the shown figures is the sum of the parts under a shown node that no shown node
    below it covers (its *atom*); so on each level, every atom's hidden parts add up to
    nothing or to at least the threshold. A step right under its top-level section belongs
    to an unnamed part of it that is never shown. Returns the shown sections (top-level
    and numbered) and the steps."""

    def atoms(anchor: dict[str, str], counts: dict[str, int]) -> list[tuple[int, set[str]]]:
        groups: dict[str, set[str]] = {}
        for part, where in anchor.items():
            groups.setdefault(where, set()).add(part)
        return [(sum(counts[p] for p in members), members) for members in groups.values()]

    top_of = {step: outline.top.get(step, "") for step in steps}
    sub_of = {step: outline.sub.get(step, "") for step in steps}
    tops: dict[str, int] = {}
    subs: dict[str, int] = {}
    for step, count in steps.items():
        tops[top_of[step]] = tops.get(top_of[step], 0) + count
        subs[sub_of[step]] = subs.get(sub_of[step], 0) + count
    by_top = guard_partition(deviations, tops, threshold)
    shown_tops = {k for k, c in by_top.items() if c.is_exact}
    parent = {k: outline.parents.get(k, k) for k in subs}
    unnamed = {k for k in subs if parent[k] == k}  # the steps right under a top: never shown
    by_sub = guard_groups(
        subs,
        atoms({k: parent[k] if parent[k] in shown_tops else _ROOT for k in subs}, subs),
        threshold,
        unnamed,
    )
    shown_subs = {k for k, c in by_sub.items() if c.is_exact and k not in unnamed}
    anchor = {
        step: sub_of[step]
        if sub_of[step] in shown_subs
        else (top_of[step] if top_of[step] in shown_tops else _ROOT)
        for step in steps
    }
    by_step = guard_groups(steps, atoms(anchor, steps), threshold)
    sections = dict(by_top) | {k: c for k, c in by_sub.items() if k not in unnamed}
    return sections, by_step


def _heading(title: str) -> str:
    """A heading without the source's own number: the key already carries it."""
    from samverkan_tui.core.routine.references import SOURCE_NUMBER

    return SOURCE_NUMBER.sub("", title, count=1).strip() or title


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


def _weighted_median(parts: list[StepMedian], partial: bool = False) -> StepMedian:
    parts = sorted(parts, key=lambda p: p.minutes)
    total = sum(p.weight for p in parts)
    approximate = partial or len(parts) > 1 or any(p.approximate for p in parts)
    running = 0
    for part in parts:
        running += part.weight
        if 2 * running >= total:
            return StepMedian(part.minutes, total, approximate)
    return StepMedian(parts[-1].minutes, total, approximate)


def _add_cells(target: dict[str, Count], source: dict[str, Count]) -> None:
    for key, cell in source.items():
        target[key] = target.get(key, Count()) + cell


def _refuse_overlaps(coverage: Iterable[Coverage]) -> None:
    """No desk's walks may come into a merge twice: its files' periods must not overlap."""
    by_desk: dict[str, list[Coverage]] = {}
    for c in coverage:
        by_desk.setdefault(c.desk, []).append(c)
    for spans in by_desk.values():
        spans.sort(key=lambda c: (c.start, c.end))
        for before, after in itertools.pairwise(spans):
            if after.start <= before.end:
                names = (
                    " och ".join(dict.fromkeys(c.origin for c in (before, after) if c.origin)) or "två filer"
                )
                raise ReportError(
                    f"{names}: samma handläggares perioder överlappar "
                    f"({after.start.isoformat()} – {min(before.end, after.end).isoformat()}), så "
                    "genomgångar skulle räknas två gånger; gör filerna för perioder som inte "
                    "överlappar, t.ex. hela månader (samverkan logg statistik --period månader "
                    "--från ÅÅÅÅ-MM-01 --till ÅÅÅÅ-MM-DD)"
                )


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
    coverage = tuple(c for a in aggregates for c in a.coverage)
    _refuse_overlaps(coverage)
    starts = [a.start for a in aggregates if a.start]
    ends = [a.end for a in aggregates if a.end]
    start, end = (min(starts), max(ends)) if starts and ends else (None, None)
    weeks = week_range(iso_week(start), iso_week(end)) if start and end else []
    cuts = {a.period for a in aggregates if a.start}
    period = cuts.pop() if len(cuts) == 1 else (PERIOD_MIXED if cuts else PERIOD_WEEKS)
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
            for step, reference in r.references.items():
                into.references.setdefault(step, reference)
            for step, key in r.step_sections.items():
                into.step_sections.setdefault(step, key)
            for key, title in r.sections.items():
                into.sections[key] = into.sections.get(key) or title
            for key, top in r.section_parents.items():
                into.section_parents.setdefault(key, top)
            into.walks = into.walks + r.walks
            _add_cells(into.walks_per_week, r.walks_per_week)
            if r.akut is not None:
                into.akut = (into.akut or Count()) + r.akut
            into.deviations = into.deviations + r.deviations
            _add_cells(into.deviations_by_category, r.deviations_by_category)
            _add_cells(into.deviations_by_section, r.deviations_by_section)
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
            references = item_references(routine)
            # The binder as it is now; a step the routine no longer has keeps the file's.
            r.references = {s: references.get(s) or r.references.get(s, "") for s in r.steps}
            r.references = {s: ref for s, ref in r.references.items() if ref}
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
        if routine is not None:  # the routine's order, headings as they are now
            outline = _outline(routine)
            titles = outline.titles
            r.section_parents = {k: outline.parents.get(k, v) for k, v in r.section_parents.items()}
            r.sections = {k: titles[k] for k in titles if k in r.sections} | {
                k: v for k, v in r.sections.items() if k not in titles
            }
        order = list(r.sections)
        r.deviations_by_section = {
            k: r.deviations_by_section[k] for k in order if k in r.deviations_by_section
        } | {k: v for k, v in r.deviations_by_section.items() if k not in r.sections}
        # A median stands for the exact part of its count only: "ca" when other parts are
        # hidden, or when it is the median of several desks' medians.
        r.median_minutes = {
            step: _weighted_median(parts, not r.done_by_step.get(step, Count()).is_exact)
            for step, parts in medians.get(routine_id, {}).items()
        }
        result.append(r)
    return Aggregate(
        effective, weeks, result, sum(a.sources for a in aggregates), tuple(ids), period, start, end, coverage
    )


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
        "period": aggregate.period,
        "from": aggregate.start.isoformat() if aggregate.start else None,
        "to": aggregate.end.isoformat() if aggregate.end else None,
        "coverage": [
            {"desk": c.desk, "from": c.start.isoformat(), "to": c.end.isoformat()} for c in aggregate.coverage
        ],
        "routines": [
            {
                "routine": r.routine,
                "title": r.title,
                "steps": [
                    {
                        "step": s,
                        "text": t,
                        "reference": r.references.get(s),
                        "section": r.step_sections.get(s),
                    }
                    for s, t in r.steps.items()
                ],
                "sections": [
                    {"section": k, "title": t, "parent": r.section_parents.get(k)}
                    for k, t in r.sections.items()
                ],
                "walks": r.walks.to_json(),
                "walks_per_week": [{"week": w, "count": c.to_json()} for w, c in r.walks_per_week.items()],
                "akut": r.akut.to_json() if r.akut is not None else None,
                "deviations": r.deviations.to_json(),
                "deviations_by_category": [
                    {"category": k, "label": DEVIATION_CATEGORIES.get(k, k), "count": c.to_json()}
                    for k, c in r.deviations_by_category.items()
                ],
                "deviations_by_section": [
                    {"section": k, "count": c.to_json()} for k, c in r.deviations_by_section.items()
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


_TOP_KEYS = {
    "format",
    "version",
    "ids",
    "threshold",
    "sources",
    "mode",
    "period",
    "from",
    "to",
    "coverage",
    "routines",
}
_ROUTINE_KEYS = {
    "routine",
    "title",
    "steps",
    "sections",
    "deviations_by_section",
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


def _date(value: object, where: str) -> dt.date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise ReportError(f"{where}: ogiltigt datum {value!r}; väntade t.ex. 2026-10-01")


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
            f"(den här versionen läser {VERSION}); gör om den med samverkan logg statistik --format json"
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
    first, last = data["from"], data["to"]
    if (first is None) != (last is None):
        raise ReportError(f"{where}: perioden saknar början eller slut")
    start = _date(first, where) if first is not None else None
    end = _date(last, where) if last is not None else None
    period = data["period"]
    if period not in (*PERIODS, PERIOD_MIXED):
        raise ReportError(f"{where}: okänd period {period!r}")
    if start and end:
        if start > end:
            raise ReportError(f"{where}: perioden slutar före den börjar")
        if period in PERIODS and whole_period(start, end, period) != (start, end):
            raise ReportError(f"{where}: perioden {start} – {end} är inte hela {period}")
    weeks = week_range(iso_week(start), iso_week(end)) if start and end else []
    if not isinstance(data["coverage"], list):
        raise ReportError(f"{where}: coverage ska vara en lista")
    coverage = []
    for index, row in enumerate(data["coverage"]):
        spot = f"{where}: coverage[{index}]"
        row = _keys(row, {"desk", "from", "to"}, spot)
        if not isinstance(row["desk"], str) or not _DESK_ID.match(row["desk"]):
            raise ReportError(f"{spot}: ogiltigt id")
        span = Coverage(row["desk"], _date(row["from"], spot), _date(row["to"], spot), where)
        if not (start and end and start <= span.start <= span.end <= end):
            raise ReportError(f"{spot}: ligger utanför filens period")
        coverage.append(span)
    if start and not coverage:
        raise ReportError(f"{where}: filen säger inte vilka dagar den täcker (coverage)")
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
        steps, references, step_sections = {}, {}, {}
        for step in raw["steps"]:
            step = _keys(step, {"step", "text", "reference", "section"}, f"{spot}.steps")
            step_id = _text(step["step"], spot, optional=False)
            steps[step_id] = _text(step["text"], spot)
            if (reference := _text(step["reference"], spot)) is not None:
                references[step_id] = reference
            if (key := _text(step["section"], spot)) is not None:
                step_sections[step_id] = key
        if not isinstance(raw["sections"], list):
            raise ReportError(f"{spot}.sections: väntade en lista")
        sections, parents = {}, {}
        for row in raw["sections"]:
            row = _keys(row, {"section", "title", "parent"}, f"{spot}.sections")
            key = _text(row["section"], spot, optional=False)
            sections[key] = _text(row["title"], spot)
            if (top := _text(row["parent"], spot)) is not None:
                parents[key] = top
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
            # A median stands for the count's exact part (a merge keeps the desks' medians
            # where the desks' counts were exact), never for a count with none.
            if cell.exact < threshold:
                raise ReportError(f"{spot}: mediantid för ett dolt antal")
            medians[row["step"]] = StepMedian(
                float(minutes), cell.exact, bool(row["median_approximate"]) or not cell.is_exact
            )
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
                references,
                step_sections,
                sections,
                cells(raw["deviations_by_section"], "section", f"{spot}.deviations_by_section"),
                parents,
            )
        )
    return Aggregate(threshold, weeks, routines, sources, tuple(ids), period, start, end, tuple(coverage))


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
