"""Leaving the app the moment it has started, with a resume offer on its way."""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.steplog.store import StepLog
from tests.conftest import shipped


async def test_exiting_as_the_first_screen_is_ready_with_a_walk_to_resume(make_app) -> None:
    """The resume offer is pushed just after the first paint; an exit at that moment (a
    quick Ctrl+Q, or the start-up probe of `make bench`) closed the app while the offer was
    mounted without its list, and the app ended in a traceback."""
    start = parse_now("2026-11-23T09:00")
    session = WalkSession(shipped("rvt-bou"), start)
    with StepLog.open(retention_days=100_000) as log:
        log.start(session)
        session.answer("inkom", "rvt", start + dt.timedelta(minutes=1))
    app = make_app(role="bou")
    app.on_first_screen_ready = app.exit
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 0  # 1 after the traceback
