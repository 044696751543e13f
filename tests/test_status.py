"""Status and mode codes come from one place (core.status), with one label and mark each."""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core import session, status
from samverkan_tui.core.clock import STOCKHOLM
from samverkan_tui.export.document import StepRecord, record_text


def test_every_status_has_one_label_and_one_mark() -> None:
    assert set(status.STATUS_LABELS) == set(status.STATUSES) == set(status.STATUS_MARKS)
    assert status.status_label(status.NOT_APPLICABLE) == "ej aktuell"
    assert status.status_label(status.NOT_APPLICABLE, capital=True) == "Ej aktuell"
    assert set(status.MODE_LABELS) == set(status.MODES)


def test_the_session_re_exports_the_same_objects() -> None:
    # Not copies: a changed code in core.status changes the session's check too.
    assert session.STATUSES is status.STATUSES and session.MODES is status.MODES
    assert session.DEVIATION_CATEGORIES is status.DEVIATION_CATEGORIES


def test_a_printout_record_uses_the_capitalised_label() -> None:
    at = dt.datetime(2026, 11, 27, 16, 40, tzinfo=STOCKHOLM)
    assert record_text(StepRecord(status.NOT_APPLICABLE, at)).startswith("Ej aktuell fredag 27 november 2026")
    deviation = record_text(StepRecord(status.DEVIATION, at, "tidsfrist"))
    assert deviation.endswith(": Tidsfristen kunde inte hållas")
