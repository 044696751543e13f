"""The follow-up statistics (checked against a plain-Python count) and the walk summary."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from bench.steplog_fixture import generate_walks
from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, MODE_CASE, MODE_TRAINING, NOT_APPLICABLE
from samverkan_tui.export import render
from samverkan_tui.export.data import walk_dict
from samverkan_tui.export.document import document_for_summary
from samverkan_tui.steplog.stats import format_duration, stats_text, walk_statistics
from samverkan_tui.steplog.store import StepLog
from samverkan_tui.steplog.summary import WalkSummary, walk_summary
from tests.steplog.helpers import START, at, routine

ROUTINES = {
    r.id: r
    for r in (
        routine("rvt-bou"),
        routine("botkyrka-forskola-skola"),
        routine("vasterbotten-sexuell-beteendeproblematik"),
    )
}
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=STOCKHOLM)


def reference(walks: list[WalkSession], start: dt.date | None, end: dt.date | None) -> dict:
    """The same figures, the slow obvious way, from the sessions in memory."""
    result: dict[str, dict] = {}
    times: dict[tuple[str, str], list[int]] = defaultdict(list)
    for w in walks:
        day = w.started_at.astimezone(STOCKHOLM).date()
        if w.mode != MODE_CASE or (start and day < start) or (end and day > end):
            continue
        r = result.setdefault(
            w.routine.id, {"walks": 0, "finished": 0, "akut": 0, "categories": Counter(), "steps": Counter()}
        )
        r["walks"] += 1
        r["finished"] += w.finished
        urgent = w.routine.urgent_question  # the question the routine declares (urgent_answer)
        r["akut"] += urgent is not None and w.answers.get(urgent.id) == urgent.urgent_answer
        for step_id, state in w.steps.items():
            if state.status == DEVIATION:
                r["categories"][state.category] += 1
                r["steps"][step_id] += 1
            elif state.status == DONE:
                times[(w.routine.id, step_id)].append(int((state.at - w.started_at).total_seconds()))
    for (routine_id, step_id), values in times.items():
        result[routine_id].setdefault("times", {})[step_id] = (len(values), statistics.median(values))
    return result


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[WalkSession]]:
    folder = tmp_path_factory.mktemp("stats")
    walks = list(generate_walks(list(ROUTINES.values()), 400, NOW, seed=7, days=60))
    with StepLog.open(folder, retention_days=100_000) as log:
        assert log.store_walks(walks) == 400
    return folder, walks


@pytest.mark.parametrize(
    "period",
    [
        (None, None),
        (dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
        (dt.date(2026, 11, 1), None),
        (None, dt.date(2026, 9, 30)),
    ],
)
def test_statistics_match_a_plain_count_of_the_walks(filled, period) -> None:
    folder, walks = filled
    start, end = period
    expected = reference(walks, start, end)
    with StepLog.open(folder, retention_days=100_000) as log:
        stats = walk_statistics(log.connection(), start, end, ROUTINES)
    assert {s.routine_id for s in stats} == set(expected)
    for s in stats:
        e = expected[s.routine_id]
        assert (s.walks, s.finished) == (e["walks"], e["finished"])
        has_akut = ROUTINES[s.routine_id].urgent_question is not None
        assert s.akut == (e["akut"] if has_akut else None)
        assert s.deviations_by_category == dict(e["categories"])
        assert {d.step: d.count for d in s.deviations_by_step} == dict(e["steps"])
        assert {t.step: (t.count, t.median_seconds) for t in s.time_to_step} == e.get("times", {})
        assert all(t.text for t in s.time_to_step)  # step texts from the catalog


def test_training_walks_are_never_counted(tmp_path: Path) -> None:
    rvt = ROUTINES["rvt-bou"]
    with StepLog.open(tmp_path, retention_days=100_000) as log:
        training = WalkSession(rvt, START, MODE_TRAINING)
        log.start(training)
        training.answer("inkom", "rvt", at(1))
        training.answer("akut", "ja", at(2))
        training.set_step("rvt-in-rvt-akut-1", DEVIATION, at(3), "annat")
        training.set_step("rvt-in-rvt-akut-2", DONE, at(4))
        assert walk_statistics(log.connection(), routines=ROUTINES) == []
        case = WalkSession(rvt, START)
        log.start(case)
        case.answer("akut", "nej", at(1))
        [only] = walk_statistics(log.connection(), routines=ROUTINES)
    assert (only.walks, only.akut, only.deviations, only.time_to_step) == (1, 0, 0, [])


def test_periods_are_stockholm_days(tmp_path: Path) -> None:
    # 23.30 UTC on 22 November is 00.30 on 23 November in Stockholm.
    late = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
    with StepLog.open(tmp_path, retention_days=100_000) as log:
        log.start(WalkSession(ROUTINES["rvt-bou"], late))
        conn = log.connection()
        assert walk_statistics(conn, dt.date(2026, 11, 23), dt.date(2026, 11, 23))[0].walks == 1
        assert walk_statistics(conn, None, dt.date(2026, 11, 22)) == []


def test_unknown_routine_still_counts_with_step_ids(filled) -> None:
    folder, _ = filled
    with StepLog.open(folder, retention_days=100_000) as log:
        stats = walk_statistics(log.connection(), routines={})  # every routine removed
    assert all(s.title is None for s in stats)
    assert all(d.text is None for s in stats for d in s.deviations_by_step)
    text = stats_text(stats, None, None)
    assert "(rvt-in-" in text or "(bou-in-" in text  # ids stand in for missing texts


def test_stats_per_routine_and_their_text(filled) -> None:
    folder, _ = filled
    with StepLog.open(folder, retention_days=100_000) as log:
        stats = walk_statistics(log.connection(), dt.date(2026, 10, 1), None, ROUTINES)
    row = next(r for r in stats if r.routine_id == "vasterbotten-sexuell-beteendeproblematik")
    assert row.akut is None and row.akut_share is None  # this routine asks no akut question
    assert row.walks and row.deviations_by_category is not None and row.deviations_by_step is not None
    text = stats_text(stats, dt.date(2026, 10, 1), None)
    assert "Uppföljning, från 2026-10-01" in text and "övningar räknas inte" in text
    # Steps named as in the binder: the desk's own text report too.
    assert row.deviations_by_step and all(d.reference.startswith("VSB ") for d in row.deviations_by_step)
    assert f"{row.deviations_by_step[0].reference} " in text
    assert "rutinen har ingen fråga om akut läge" in text
    assert [format_duration(s) for s in (59, 3600, 3660, 90000, 86400)] == [
        "1 min",
        "1 h",
        "1 h 1 min",
        "1 d 1 h",
        "1 d",
    ]


# -- the summary for the documentation system ------------------------------------------


def summary_text(summary: WalkSummary) -> str:
    """What `logg visa` prints: the summary document as 80-column text."""
    return str(render(document_for_summary(summary), "text"))


def summary_markdown(summary: WalkSummary) -> str:
    return str(render(document_for_summary(summary), "md"))


def sample_walk() -> WalkSession:
    session = WalkSession(ROUTINES["rvt-bou"], START)
    session.answer("inkom", "rvt", at(1))
    session.answer("akut", "nej", at(2))
    session.answer("utredning", "ingen", at(3))
    session.set_step("rvt-in-rvt-ejakut-1", DONE, at(5))
    session.set_step("rvt-in-bou-1", DEVIATION, at(12), "kontakt_ej_nadd", "ingen svarade före [namn]")
    session.set_step("rvt-in-gem-ejakut-1", NOT_APPLICABLE, at(20))
    session.use_contact("rvt-beredskap", at(4))
    return session


def test_summary_sorts_steps_and_gives_due_dates_of_open_steps() -> None:
    session = sample_walk()
    summary = walk_summary(session, dt.datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM))
    assert [h.step.id for h in summary.done] == ["rvt-in-rvt-ejakut-1"]
    assert [h.step.id for h in summary.deviations] == ["rvt-in-bou-1"]
    assert [h.step.id for h in summary.not_applicable] == ["rvt-in-gem-ejakut-1"]
    plan_ids = [p.id for p in session.plan(START).actions]
    assert [p.id for p in summary.open] == [i for i in plan_ids if i not in session.steps]
    text = summary_text(summary)
    flat = " ".join(text.split())
    assert "Utförda steg (1)\n  • mån 23/11 kl. 10.05: " in text
    assert "Avvikelse: Kontakten kunde inte nås. Kommentar: ingen svarade före [namn]" in text
    # Due dates count from the start of the walk (Monday 23 November); a week has passed.
    assert (
        "Senast måndag 30 november 2026 (inom en vecka från att informationen mottogs) – FÖRSENAT"
    ) in flat
    assert "Påbörjad: måndag 23 november 2026 kl. 10.00" in text and "Status: pågår" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    # Each step under the binder's reference, done and open alike, in text and Markdown.
    assert "mån 23/11 kl. 10.05: RVT 1.6 Undersök om det finns en öppen utredning" in flat
    assert "RVT 1.10 Boka gemensamt möte med BoU, RVT och klient inom en vecka." in flat
    assert "RVT 1.6 Undersök om det finns en öppen utredning" in summary_markdown(summary)


def test_summary_text_and_markdown_leave_out_the_log_id_json_keeps_it() -> None:
    session = sample_walk()
    session.finish(at(30))
    summary = walk_summary(session, NOW, stored_content_hash="0" * 64)
    for rendered in (summary_text(summary), summary_markdown(summary)):
        assert session.id not in rendered and session.id[:8] not in rendered
        assert "Avslutad: måndag 23 november 2026 kl. 10.30" in rendered.replace("**", "")
        assert "rutinfilen har ändrats" in rendered  # stored hash differs from today's file
    data = walk_dict(summary)
    assert data["id"] == session.id and data["routine_changed"] is True
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["rvt-in-bou-1"]["category"] == "kontakt_ej_nadd"
    assert steps["rvt-in-rvt-ejakut-2"]["due"] == "2026-11-30"


def test_ticks_of_steps_that_left_the_plan_are_reported_as_such() -> None:
    session = WalkSession(ROUTINES["rvt-bou"], START)
    session.answer("inkom", "bou", at(1))
    session.set_step("bou-in-bou-1", DONE, at(2))
    session.answer("inkom", "rvt", at(3))
    summary = walk_summary(session, NOW)
    assert [(h.step.id, h.in_plan) for h in summary.done] == [("bou-in-bou-1", False)]
    assert "ingår inte längre i planen" in summary_text(summary)
