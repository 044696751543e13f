"""Deadlines as the routines write them, turned into dates with weekday."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.base.dates import add_months, format_date, format_date_short, format_time
from samverkan_tui.core.routine.deadline_phrases import DeadlineError, due_date, parse_deadline
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.walk.plan import build_plan
from tests.conftest import REPO

KONTAKTTEST = REPO / "tests" / "data" / "kontakter" / "kontakttest.toml"


@pytest.mark.parametrize(
    ("phrase", "start", "due", "written"),
    [
        ("samma dag", "2026-11-27", "2026-11-27", "fredag 27 november 2026"),
        ("nästa dag", "2026-12-31", "2027-01-01", "fredag 1 januari 2027"),
        ("inom en vecka", "2026-11-23", "2026-11-30", "måndag 30 november 2026"),
        # Year end.
        ("inom en vecka", "2026-12-28", "2027-01-04", "måndag 4 januari 2027"),
        ("inom tre veckor", "2026-12-20", "2027-01-10", "söndag 10 januari 2027"),
        # Month end, including February.
        ("inom 14 dagar", "2026-02-20", "2026-03-06", "fredag 6 mars 2026"),
        ("inom en månad", "2026-01-31", "2026-02-28", "lördag 28 februari 2026"),
        ("inom en månad", "2028-01-31", "2028-02-29", "tisdag 29 februari 2028"),  # leap year
        ("inom en månad", "2026-12-15", "2027-01-15", "fredag 15 januari 2027"),
        # Four months: the last day of a shorter month, and across the year end.
        ("inom fyra månader", "2026-11-23", "2027-03-23", "tisdag 23 mars 2027"),
        ("inom fyra månader", "2026-10-31", "2027-02-28", "söndag 28 februari 2027"),
        ("inom fyra månader", "2026-03-31", "2026-07-31", "fredag 31 juli 2026"),
        ("inom tolv månader", "2026-02-28", "2027-02-28", "söndag 28 februari 2027"),
    ],
)
def test_due_dates(phrase, start, due, written) -> None:
    day = due_date(parse_deadline(phrase), dt.date.fromisoformat(start))
    assert day == dt.date.fromisoformat(due)
    assert format_date(day) == written


@pytest.mark.parametrize(
    ("phrase", "days", "months"),
    [
        ("samma dag", 0, 0),
        ("Samma  dag ", 0, 0),
        ("nästkommande dag", 1, 0),
        ("inom ett dygn", 1, 0),
        ("inom två veckor", 14, 0),
        ("Inom tre veckor", 21, 0),
        ("inom 10 dagar", 10, 0),
        ("inom fyra månader", 0, 4),
        ("inom 6 månader", 0, 6),
    ],
)
def test_parse_deadline(phrase, days, months) -> None:
    deadline = parse_deadline(phrase)
    assert (deadline.days, deadline.months) == (days, months)
    assert deadline.text == phrase  # shown as the routine writes it


@pytest.mark.parametrize("phrase", ["snart", "inom tre år", "inom många dagar", "inom veckor", ""])
def test_unknown_phrases_are_rejected_with_a_hint(phrase) -> None:
    with pytest.raises(DeadlineError, match="inom en vecka"):
        parse_deadline(phrase)


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (dt.date(2026, 11, 23), "måndag"),
        (dt.date(2026, 11, 24), "tisdag"),
        (dt.date(2026, 11, 25), "onsdag"),
        (dt.date(2026, 11, 26), "torsdag"),
        (dt.date(2026, 11, 27), "fredag"),
        (dt.date(2026, 11, 28), "lördag"),
        (dt.date(2026, 11, 29), "söndag"),
    ],
)
def test_weekday_names(day, weekday) -> None:
    assert format_date(day).startswith(weekday + " ")
    assert format_date_short(day) == f"{weekday[:3]} {day.day}/{day.month}"


def test_add_months_clamps_to_the_last_day() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 8, 31), 1) == dt.date(2026, 9, 30)
    assert add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)


def test_format_time_is_written_like_the_sources() -> None:
    assert format_time(dt.time(8, 30)) == "08.30"
    assert format_time(parse_now("2026-11-27T16:40")) == "16.40"


@pytest.mark.parametrize(
    ("now", "answers", "due"),
    [
        # Counted from the Stockholm date of --now, also late in the evening and on DST days.
        ("2026-12-28T23:30", {"akut": "nej"}, "2027-01-04"),
        ("2026-12-28T23:30+00:00", {"akut": "nej"}, "2027-01-05"),  # already 29 December in Stockholm
        ("2026-03-29T02:30", {"akut": "nej"}, "2026-04-05"),
        ("2026-10-25T02:30", {"akut": "ja"}, "2026-10-25"),
    ],
)
def test_plan_due_dates_count_from_now(now, answers, due) -> None:
    result = load_routine(KONTAKTTEST)
    assert result.routine is not None, [str(p) for p in result.problems]
    plan = build_plan(result.routine, answers, parse_now(now))
    dues = [p.due for p in plan.steps if p.due is not None]
    assert dues == [dt.date.fromisoformat(due)]
