"""The routine's review due date and the overdue mark."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan_tui.core.routine.loader import load_routine
from tests.conftest import REPO, shipped

SMALL = load_routine(REPO / "tests" / "data" / "liten.toml").routine


@pytest.mark.parametrize(
    ("today", "overdue", "status"),
    [
        (dt.date(2026, 1, 10), False, "översyn senast 2026-01-10"),
        (dt.date(2026, 1, 11), True, "ÖVERSYN FÖRSENAD sedan 2026-01-10"),
    ],
)
def test_interval_from_the_adoption_date(today: dt.date, overdue: bool, status: str) -> None:
    assert SMALL.review_due() == dt.date(2026, 1, 10)
    assert SMALL.review_overdue(today) is overdue
    assert SMALL.review_status(today) == status


def test_a_routine_without_an_interval_says_so_and_is_never_overdue() -> None:
    """Västerbotten states no review interval: the status gives the revision date and how
    long ago it was, and says the routine states no interval, instead of "ÖVERSYN FÖRSENAD"."""
    routine = shipped("vasterbotten-sexuell-beteendeproblematik")
    assert routine.adopted == dt.date(2021, 11, 18) and routine.revised == dt.date(2023, 1, 24)
    assert routine.review_interval_months is None and routine.review_interval_assumed
    today = dt.date(2026, 11, 23)
    assert not routine.review_overdue(today)
    assert routine.review_status(today) == (
        "reviderad 2023-01-24, för 3 år sedan — rutinen anger inget intervall"
    )


def test_no_dates_no_due_date() -> None:
    routine = shipped("rvt-bou")
    assert routine.review_due() is None and not routine.review_overdue(dt.date(2030, 1, 1))
    assert routine.review_status(dt.date(2030, 1, 1)) == "översynsdatum saknas"
