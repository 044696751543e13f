"""The follow-up report's disclosure control, proved on generated step logs, and merging."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from samverkan_tui.export.charts import to_svg
from samverkan_tui.export.statistics_report import (
    PDF_CHART_FONT,
    Figure,
    build_report,
    report_data,
    report_html,
)
from samverkan_tui.steplog.report import (
    Count,
    ReportError,
    aggregate_dict,
    aggregate_from_dict,
    desk_aggregate,
    guard_partition,
    merge,
    whole_weeks,
)
from samverkan_tui.steplog.stats import walk_statistics
from samverkan_tui.steplog.store import StepLog
from tests.steplog.helpers import START, routine

# Everyday words the step log's scrubber keeps, for comments that must survive into the log.
_WORDS = (
    "tolken",
    "mötet",
    "brevet",
    "samtalet",
    "rummet",
    "beslutet",
    "underlaget",
    "besöket",
    "svaret",
    "meddelandet",
    "protokollet",
    "planen",
    "ärendet",
)

RVT = routine("rvt-bou")
EKERO = routine("ekero-vald-i-nara-relation")
ROUTINES = {RVT.id: RVT, EKERO.id: EKERO}
PATHS = {r.id: list(enumerate_paths(r)) for r in ROUTINES.values()}
STATUSES = (None, DONE, DONE, NOT_APPLICABLE, DEVIATION)


# -- generated step logs ------------------------------------------------------------------


@st.composite
def walks(draw) -> list[tuple[WalkSession, list[str]]]:
    """Few walks over a few weeks, so that most counts are small; each with its comments."""
    out = []
    for index in range(draw(st.integers(0, 24))):
        r = ROUTINES[draw(st.sampled_from(sorted(ROUTINES)))]
        started = START + dt.timedelta(days=draw(st.integers(0, 27)), minutes=draw(st.integers(0, 1440)))
        session = WalkSession(r, started, draw(st.sampled_from([MODE_CASE, MODE_CASE, MODE_TRAINING])))
        answers = draw(st.sampled_from(PATHS[r.id]))
        moment = started
        for question, value in answers.items():
            moment += dt.timedelta(seconds=30)
            session.answer(question, value, moment)
        comments = []
        for planned in build_plan(r, answers, started).actions[:12]:
            status = draw(st.sampled_from(STATUSES))
            moment += dt.timedelta(minutes=draw(st.integers(1, 600)))
            if status == DEVIATION:
                # Text the (allow-list) scrubber keeps, so that the test sees it would leak
                # if it could: ordinary words, a different sentence for each comment.
                number = index * 12 + len(comments)
                comment = (
                    f"{_WORDS[number % len(_WORDS)]} {_WORDS[number // len(_WORDS) % len(_WORDS)]}"
                    " kom inte fram"
                )
                comments.append(comment)
                session.set_step(
                    planned.id, status, moment, draw(st.sampled_from(sorted(DEVIATION_CATEGORIES))), comment
                )
            elif status is not None:
                session.set_step(planned.id, status, moment)
        out.append((session, comments))
    return out


def counts_in(data: object, threshold: int, where: str = "") -> list[tuple[str, int]]:
    """Every exact count in an exported aggregate (cells are ints or {exact, below, hidden})."""
    found = []
    if isinstance(data, dict):
        if set(data) == {"exact", "below", "hidden"}:
            return [(where + ".exact", data["exact"])]
        for key, value in data.items():
            if key in ("walks", "akut", "deviations", "count") and isinstance(value, int):
                found.append((f"{where}.{key}", value))
            elif key not in ("threshold", "sources", "version", "median_minutes"):
                found += counts_in(value, threshold, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += counts_in(value, threshold, f"{where}[{index}]")
    return found


def exact(cell: object) -> int | None:
    return cell if isinstance(cell, int) else None


def html_says(html: str) -> str:
    """The HTML report's text and its charts' aria-labels, unescaped, tags removed."""
    labels = [html_lib.unescape(a) for a in re.findall(r'aria-label="([^"]*)"', html)]
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html)) + "\n" + "\n".join(labels)


def assert_pdf_says_what_html_says(report, html: str) -> None:
    """What statistics.typ is given is the HTML report's texts and charts: every string of
    the PDF's data stands in the HTML (the PDF renders the same protected model), and each
    chart is the HTML's SVG with only the font named differently."""
    data = report_data(report)
    said = html_says(html)

    def strings(value, key=""):
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            for v in value:
                yield from strings(v, key)
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from strings(v, k)

    for key, text in strings(data):
        if key in ("svg", "running", "author", "keywords", "kind"):
            continue
        assert text in said, (key, text)
    figures = [p for s in report.sections for p in s.parts if isinstance(p, Figure)]
    svgs = [p["svg"] for s in data["sections"] for p in s["parts"] if p["kind"] == "figure"]
    assert len(svgs) == len(figures)
    for figure, svg in zip(figures, svgs, strict=True):
        assert svg == to_svg(figure.chart, PDF_CHART_FONT)
        assert to_svg(figure.chart) in html


def assert_no_differencing(total: object, parts: list[object], threshold: int) -> None:
    """A shown total minus the shown parts never gives a small number."""
    if exact(total) is None:
        return
    visible = sum(exact(p) or 0 for p in parts)
    residual = exact(total) - visible
    assert residual == 0 or residual >= threshold, (total, parts)


def assert_sections_hide_no_small_number(r: dict, threshold: int) -> None:
    """The binder's tree (deviations › top-level sections › numbered sections › steps):
    every total that can be worked out from what is shown, minus the shown parts under it,
    is 0 or at least the threshold. Those totals are the *atoms*: a shown node minus the
    shown nodes one level further down (and the deviations minus every shown section)."""
    if exact(r["deviations"]) is None:
        return
    total = r["deviations"]
    parent = {row["section"]: row["parent"] for row in r["sections"]}
    cells = {c["section"]: c["count"] for c in r["deviations_by_section"]}
    shown = {k for k, c in cells.items() if exact(c) is not None}
    top_of = {k: parent.get(k) or k for k in cells}
    tops = [k for k in cells if not parent.get(k)]
    subs = [k for k in cells if parent.get(k)]
    assert_no_differencing(total, [cells[k] for k in tops], threshold)
    root = "\0"
    known = {root: total - sum(cells[k] for k in tops if k in shown)}
    known |= {k: cells[k] for k in tops if k in shown}
    sub_anchor = {k: top_of[k] if top_of[k] in shown else root for k in subs}
    for anchor, value in known.items():
        assert_no_differencing(value, [cells[k] for k in subs if sub_anchor[k] == anchor], threshold)
    # One level down: a shown numbered section, and what the shown ones leave of the rest.
    for k in subs:
        if k in shown:
            known[sub_anchor[k]] -= cells[k]
            known[k] = cells[k]
    section_of = {row["step"]: row["section"] for row in r["steps"]}

    def step_anchor(step: str) -> str:
        key = section_of.get(step) or ""
        if key in subs and key in shown:
            return key
        top = top_of.get(key, key)
        return top if top in shown else root

    for anchor, value in known.items():
        steps = [c["count"] for c in r["deviations_by_step"] if step_anchor(c["step"]) == anchor]
        assert_no_differencing(value, steps, threshold)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=walks(), threshold=st.sampled_from([3, 5, 10]))
def test_no_small_count_and_no_comment_leaves_the_desk(generated, threshold) -> None:
    sessions = [s for s, _ in generated]
    comments = [c for s, cs in generated for c in cs]
    with tempfile.TemporaryDirectory() as folder, StepLog.open(Path(folder), retention_days=100_000) as log:
        log.store_walks(sessions)
        conn = log.connection()
        # The comments are in the log (so the test would notice them leaking) ...
        stored = {row[0] for row in conn.execute("select comment from events where comment is not null")}
        assert stored == set(comments)
        aggregate = desk_aggregate(conn, routines=ROUTINES, threshold=threshold)
        truth = {s.routine_id: s for s in walk_statistics(conn, routines=ROUTINES)}
    data = aggregate_dict(aggregate)
    text = json.dumps(data, ensure_ascii=False)
    report = build_report(aggregate)
    html = report_html(report)
    pdf_data = json.dumps(report_data(report), ensure_ascii=False)
    # ... but never in what leaves the desk.
    for comment in comments:
        assert comment not in text and comment not in html and comment not in pdf_data
    assert_pdf_says_what_html_says(report, html)
    for where, value in counts_in(data, threshold):
        assert value == 0 or value >= threshold, f"{where} = {value}"
    for r in data["routines"]:
        assert_no_differencing(r["walks"], [w["count"] for w in r["walks_per_week"]], threshold)
        assert_no_differencing(r["deviations"], [c["count"] for c in r["deviations_by_category"]], threshold)
        assert_no_differencing(r["deviations"], [c["count"] for c in r["deviations_by_step"]], threshold)
        assert_sections_hide_no_small_number(r, threshold)
        if exact(r["walks"]) is not None and exact(r["akut"]) is not None:
            rest = r["walks"] - r["akut"]
            assert rest == 0 or rest >= threshold
        # What is shown is true: exact cells equal the desk's exact figures.
        real = truth[r["routine"]]
        if exact(r["walks"]) is not None:
            assert r["walks"] == real.walks
        shown = {c["step"]: c["count"] for c in r["deviations_by_step"] if exact(c["count"]) is not None}
        assert all(
            real_count.count == shown[real_count.step]
            for real_count in real.deviations_by_step
            if real_count.step in shown
        )
        assert set(shown) <= {d.step for d in real.deviations_by_step} | {
            k for k, v in shown.items() if v == 0
        }
    # The HTML prints only the cells' texts: no number under the threshold beside a bar
    # (the axis ticks are not counts) or in a table cell.
    for number in range(1, threshold):
        assert f'font-weight="bold">{number}</text>' not in html
        assert f'<td class="n">{number}</td>' not in html
    # Training walks are never counted.
    cases = [s for s in sessions if s.mode == MODE_CASE]
    assert sum(t.walks for t in truth.values()) == len(cases)
    # The file reads back as it was written, and a merge of it alone changes nothing.
    again = aggregate_from_dict(json.loads(text), "fil.json")
    assert aggregate_dict(again) == data
    alone = aggregate_dict(merge([again]))
    assert alone["routines"] == data["routines"]


# -- cells, partitions, merging -----------------------------------------------------------


@given(
    parts=st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=12),
    threshold=st.integers(2, 10),
)
def test_the_hidden_parts_of_a_shown_total_never_add_up_to_a_small_number(parts, threshold) -> None:
    total = sum(parts.values())
    cells = guard_partition(total, parts, threshold)
    for key, cell in cells.items():
        if cell.is_exact:
            assert cell.exact == parts[key] and (cell.exact == 0 or cell.exact >= threshold)
    residual = sum(parts[k] for k, c in cells.items() if not c.is_exact)
    # Below the threshold the total itself is hidden, so its parts may add up to anything.
    assert total < threshold or residual == 0 or residual >= threshold


@given(values=st.lists(st.integers(0, 30), min_size=1, max_size=8), threshold=st.integers(2, 8))
def test_a_merged_count_is_exact_only_when_every_part_is_and_its_bounds_hold(values, threshold) -> None:
    from samverkan_tui.steplog.report import protect

    cells = [protect(v, threshold) for v in values]
    total = Count()
    for cell in cells:
        total = total + cell
    assert total.is_exact == all(c.is_exact for c in cells)
    assert total.low <= sum(values) <= (total.high if total.high is not None else 10**9)
    text = total.text(threshold)
    numbers = [int(n) for n in text.replace("–", " ").replace("<", " ").split() if n.isdigit()]
    if total.is_exact:
        assert text == str(sum(values)) or text == f"< {threshold}"
    else:
        assert all(n >= threshold for n in numbers), text  # "< 9" and "12–19" never show a small part


@settings(max_examples=300, deadline=None)
@given(
    counts=st.lists(st.integers(0, 14), min_size=1, max_size=14),
    shape=st.lists(
        st.sampled_from(["1", "1.1", "1.2", "2", "2.1", "3.1", "3.1.1"]), min_size=14, max_size=14
    ),
    threshold=st.integers(2, 7),
)
def test_no_section_or_step_count_can_be_worked_out_through_the_binders_tree(
    counts, shape, threshold
) -> None:
    """Synthetic binders: steps right under a top-level section and in numbered sections
    below it, with every mix of small and large counts."""
    from samverkan_tui.steplog.report import _guard_outline, _Outline

    steps = {f"s{i}": n for i, n in enumerate(counts)}
    sub = {f"s{i}": f"X {shape[i]}" for i in range(len(counts))}
    top = {step: key.split(".")[0] for step, key in sub.items()}
    parents = {key: top[step] for step, key in sub.items() if key != top[step]}
    outline = _Outline(top, sub, {}, parents)
    sections, by_step = _guard_outline(sum(counts), steps, outline, threshold)
    for key, cell in sections.items():  # what is shown is true
        if cell.is_exact:
            real = sum(n for s, n in steps.items() if top[s] == key or sub[s] == key)
            assert cell.exact == real and (real == 0 or real >= threshold)
    r = {
        "deviations": sum(counts) if sum(counts) == 0 or sum(counts) >= threshold else {"small": 1},
        "sections": [{"section": k, "parent": parents.get(k)} for k in sections],
        "deviations_by_section": [{"section": k, "count": c.to_json()} for k, c in sections.items()],
        "steps": [{"step": s, "section": sub[s]} for s in steps],
        "deviations_by_step": [{"step": s, "count": c.to_json()} for s, c in by_step.items()],
    }
    assert_sections_hide_no_small_number(r, threshold)


def test_a_step_right_under_a_shown_section_cannot_give_away_a_hidden_subsection() -> None:
    from samverkan_tui.steplog.report import _guard_outline, _Outline

    # "X 1" has 7 deviations on a step right under it and 3 in its subsection "X 1.1".
    outline = _Outline({"a": "X 1", "b": "X 1"}, {"a": "X 1", "b": "X 1.1"}, {}, {"X 1.1": "X 1"})
    sections, steps = _guard_outline(10, {"a": 7, "b": 3}, outline, 5)
    assert sections["X 1"] == Count(10) and not sections["X 1.1"].is_exact
    assert not steps["a"].is_exact  # else 10 − 7 would give the subsection's 3


def test_cell_texts() -> None:
    assert Count(12).text(5) == "12" and Count(0).text(5) == "0"
    assert Count(0, (5,)).text(5) == "< 5"
    assert Count(0, (), 1).text(5) == "dolt"
    assert Count(12, (5,)).text(5) == "13–16"
    assert Count(12, (), 1).text(5) == "minst 13"
    assert Count(0, (5, 5)).text(5) == "< 9"
    assert Count(0, (5,), 1).text(5) == "dolt"
    assert Count(3).text(5) == "< 5"  # defensive: never printed even if it got here


def test_whole_weeks() -> None:
    assert whole_weeks(dt.date(2026, 11, 25), dt.date(2026, 11, 25)) == (
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 29),
    )
    assert whole_weeks(None, None) == (None, None)


def desk(folder: Path, sessions: list[WalkSession], threshold: int = 5):
    with StepLog.open(folder, retention_days=100_000) as log:
        log.store_walks(sessions)
        return desk_aggregate(log.connection(), routines=ROUTINES, threshold=threshold)


def simple_walk(start: dt.datetime, deviation: bool = False) -> WalkSession:
    session = WalkSession(RVT, start, MODE_CASE)
    session.answer("inkom", "rvt", start + dt.timedelta(minutes=1))
    session.answer("akut", "ja", start + dt.timedelta(minutes=2))
    session.set_step("rvt-in-rvt-akut-1", DONE, start + dt.timedelta(minutes=10))
    if deviation:
        session.set_step("rvt-in-rvt-akut-2", DEVIATION, start + dt.timedelta(minutes=20), "tidsfrist")
    return session


def test_merging_keeps_hidden_cells_hidden_and_adds_exact_ones(tmp_path: Path) -> None:
    a = desk(tmp_path / "a", [simple_walk(START + dt.timedelta(hours=i), deviation=i < 2) for i in range(7)])
    b = desk(tmp_path / "b", [simple_walk(START + dt.timedelta(hours=i), deviation=i < 6) for i in range(8)])
    [ra], [rb] = a.routines, b.routines
    assert ra.walks == Count(7) and rb.walks == Count(8)
    assert ra.deviations == Count(0, (5,)) and rb.deviations == Count(6)
    # Round trip through the files the desks pass on.
    a2 = aggregate_from_dict(json.loads(json.dumps(aggregate_dict(a))), "a.json")
    b2 = aggregate_from_dict(json.loads(json.dumps(aggregate_dict(b))), "b.json")
    merged = merge([a2, b2], routines=ROUTINES)
    [m] = merged.routines
    assert m.walks == Count(15) and m.walks.text(5) == "15"
    assert m.deviations == Count(6, (5,)) and m.deviations.text(5) == "7–10"
    assert m.median_minutes["rvt-in-rvt-akut-1"].approximate
    assert merged.sources == 2
    again = aggregate_from_dict(json.loads(json.dumps(aggregate_dict(merged))), "m.json")
    assert aggregate_dict(again) == aggregate_dict(merged)
    html = report_html(build_report(merged))
    assert "7–10" in html and "2 statistikfiler slogs ihop" in html
    with pytest.raises(ReportError, match="två gånger"):
        merge([a2, a2])
    strict = desk(
        tmp_path / "c", [simple_walk(START + dt.timedelta(hours=i)) for i in range(12)], threshold=10
    )
    with pytest.raises(ReportError, match="tröskel 5, lägre än 10"):
        merge([a2, strict])


def test_files_that_are_not_aggregates_are_refused(tmp_path: Path) -> None:
    a = aggregate_dict(desk(tmp_path / "a", [simple_walk(START + dt.timedelta(hours=i)) for i in range(6)]))
    with pytest.raises(ReportError, match="inte en statistikfil"):
        aggregate_from_dict({"id": "abc", "events": []}, "walk.json")
    extra = json.loads(json.dumps(a))
    extra["routines"][0]["sessions"] = [{"id": "x"}]
    with pytest.raises(ReportError, match="okänt fält 'sessions'"):
        aggregate_from_dict(extra, "a.json")
    small = json.loads(json.dumps(a))
    small["routines"][0]["walks"] = 3
    with pytest.raises(ReportError, match="under filens tröskel"):
        aggregate_from_dict(small, "a.json")
    old = json.loads(json.dumps(a))
    old["version"] = 1  # weeks only, no coverage: cannot be merged honestly, so made again
    with pytest.raises(ReportError, match=r"version 1 stöds inte.*gör om den med samverkan logg statistik"):
        aggregate_from_dict(old, "a.json")
    outside = json.loads(json.dumps(a))
    outside["coverage"][0]["to"] = "2027-01-31"
    with pytest.raises(ReportError, match="utanför filens period"):
        aggregate_from_dict(outside, "a.json")


# -- merging is closed and honest -----------------------------------------------------


def round_trip(aggregate, name: str):
    """What a desk or a unit passes on: the JSON file, read back as `slå-ihop` reads it."""
    return aggregate_from_dict(json.loads(json.dumps(aggregate_dict(aggregate))), name)


def walks_on(days: list[dt.date], deviation_every: int = 0) -> list[WalkSession]:
    """One RVT walk at 10.00 Stockholm time on each day."""
    out = []
    for index, day in enumerate(days):
        begun = dt.datetime.combine(day, dt.time(9), dt.UTC)
        out.append(simple_walk(begun, deviation=bool(deviation_every) and index % deviation_every == 0))
    return out


def test_a_desks_two_months_merge_and_count_every_walk_once(tmp_path: Path) -> None:
    from samverkan_tui.steplog.report import PERIOD_MONTHS, PERIOD_WEEKS

    # 13 walks in October and 13 in November; week 44 runs from 26 October to 1 November.
    october = [dt.date(2026, 10, d) for d in (1, 2, 5, 8, 12, 15, 19, 22, 26, 27, 28, 30, 31)]
    november = [dt.date(2026, 11, d) for d in (1, 2, 4, 6, 9, 12, 16, 19, 20, 23, 25, 27, 30)]
    with StepLog.open(tmp_path / "desk", retention_days=100_000) as log:
        log.store_walks(walks_on(october + november))
        conn = log.connection()

        def month(first: dt.date, last: dt.date, period: str = PERIOD_MONTHS):
            return desk_aggregate(conn, first, last, ROUTINES, 5, period)

        oct_months = month(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
        nov_months = month(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        oct_weeks = month(dt.date(2026, 10, 1), dt.date(2026, 10, 31), PERIOD_WEEKS)
        nov_weeks = month(dt.date(2026, 11, 1), dt.date(2026, 11, 30), PERIOD_WEEKS)
    # Calendar months are the months' own days: nothing is widened into the next month.
    assert (oct_months.start, oct_months.end) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert oct_months.routines[0].walks == Count(13) and nov_months.routines[0].walks == Count(13)
    both = merge([round_trip(oct_months, "okt.json"), round_trip(nov_months, "nov.json")], routines=ROUTINES)
    assert both.routines[0].walks == Count(26)  # not 32: week 44 is counted once
    # Week 44: 5 October days from the October file, 1 November day (hidden) from November's.
    assert both.routines[0].walks_per_week["2026-W44"] == Count(5, (5,))
    assert (both.start, both.end, both.period) == (dt.date(2026, 10, 1), dt.date(2026, 11, 30), "månader")
    assert "oktober 2026 – november 2026" in report_html(build_report(both))
    # Whole weeks widen October to 28 September – 1 November and November to 26 October –
    # 6 December: the same desk's walks of week 44 are in both files, so the merge refuses.
    assert oct_weeks.end == dt.date(2026, 11, 1) and nov_weeks.start == dt.date(2026, 10, 26)
    with pytest.raises(
        ReportError, match=r"okt-v\.json och nov-v\.json: samma handläggares perioder överlappar"
    ):
        merge([round_trip(oct_weeks, "okt-v.json"), round_trip(nov_weeks, "nov-v.json")])
    # A month made again (a new export id) is refused as well: its days are already in.
    with pytest.raises(ReportError, match="överlappar"):
        merge([round_trip(both, "enheten.json"), round_trip(oct_weeks, "okt-v.json")])


def test_a_period_with_one_date_or_no_walk_still_reads_back(tmp_path: Path) -> None:
    with StepLog.open(tmp_path / "tom", retention_days=100_000) as log:
        conn = log.connection()
        only_start = desk_aggregate(conn, dt.date(2026, 11, 4), None, ROUTINES, 5, "månader")
        only_end = desk_aggregate(conn, None, dt.date(2026, 11, 4), ROUTINES, 5)
        nothing = desk_aggregate(conn, routines=ROUTINES)
    assert (only_start.start, only_start.end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (only_end.start, only_end.end) == (dt.date(2026, 11, 2), dt.date(2026, 11, 8))
    assert nothing.start is None and nothing.coverage == ()
    for aggregate in (only_start, only_end, nothing):
        assert aggregate_dict(round_trip(aggregate, "fil.json")) == aggregate_dict(aggregate)
    # The same desk's month and the week inside it overlap.
    with pytest.raises(ReportError, match="överlappar"):
        merge([round_trip(only_start, "nov.json"), round_trip(only_end, "v45.json")])


def test_desk_unit_forvaltning_merges_again_with_the_same_guarantees(tmp_path: Path) -> None:
    days = [dt.date(2026, 11, d) for d in range(2, 28)]
    desks = []
    for name, count, deviations in (("anna", 12, 3), ("bo", 3, 1), ("cilla", 9, 2), ("dan", 7, 1)):
        with StepLog.open(tmp_path / name, retention_days=100_000) as log:
            log.store_walks(walks_on(days[:count], deviation_every=max(1, count // deviations)))
            aggregate = desk_aggregate(
                log.connection(), dt.date(2026, 11, 1), dt.date(2026, 11, 30), ROUTINES, 5, "månader"
            )
        desks.append(round_trip(aggregate, f"{name}.json"))
    step = "rvt-in-rvt-akut-1"
    assert desks[1].routines[0].done_by_step[step] == Count(0, (5,))  # bo's 3 walks: hidden
    unit_a = round_trip(merge(desks[:2], routines=ROUTINES), "enhet-a.json")
    unit_b = round_trip(merge(desks[2:], routines=ROUTINES), "enhet-b.json")
    # A median over a count that is a range stands for its exact part only: "ca".
    [ra] = unit_a.routines
    assert ra.done_by_step[step] == Count(12, (5,)) and ra.median_minutes[step].approximate
    forvaltning = merge([unit_a, unit_b], routines=ROUTINES)
    [r] = forvaltning.routines
    assert forvaltning.sources == 4
    # Every exact part is added, every hidden part stays hidden: 12 + 9 + 7 exact, bo's hidden.
    assert r.walks == Count(28, (5,)) and r.walks.text(5) == "29–32"
    assert r.done_by_step[step] == Count(28, (5,))
    assert r.median_minutes[step].approximate and r.median_minutes[step].weight == 28
    html = report_html(build_report(forvaltning))
    assert "ca 10 min" in html
    # And the förvaltning's file merges again too; a unit file beside it would count twice.
    again = round_trip(forvaltning, "forvaltning.json")
    assert aggregate_dict(merge([again])) == aggregate_dict(again)
    with pytest.raises(ReportError, match="två gånger"):
        merge([again, unit_a])
    data = aggregate_dict(again)
    for where, value in counts_in(data, 5):
        assert value == 0 or value >= 5, f"{where} = {value}"


def test_steps_are_named_by_the_binders_reference_and_sections_roll_up(tmp_path: Path) -> None:
    from samverkan_tui.core.routine.references import item_references

    references = item_references(RVT)
    # Four walks each deviate at a different step of one section: every step is hidden,
    # the section shows where the deviations are.
    sessions = []
    targets = [s for s in RVT.steps if s.checkable][:6]
    for index in range(12):
        begun = START + dt.timedelta(hours=index)
        session = WalkSession(RVT, begun, MODE_CASE)
        session.answer("inkom", "rvt", begun + dt.timedelta(minutes=1))
        session.answer("akut", "ja", begun + dt.timedelta(minutes=2))
        target = targets[index % len(targets)]
        session.set_step(target.id, DEVIATION, begun + dt.timedelta(minutes=5), "tidsfrist")
        sessions.append(session)
    aggregate = desk(tmp_path / "a", sessions)
    [r] = aggregate.routines
    assert all(not c.is_exact for c in r.deviations_by_step.values())
    section_keys = {r.step_sections[s.id] for s in targets}
    shown = {k: c for k, c in r.deviations_by_section.items() if c.is_exact}
    assert shown, r.deviations_by_section
    assert sum(c.exact for c in shown.values()) <= 12 and set(shown) <= section_keys
    for step in r.deviations_by_step:
        assert r.step_label(step).startswith(references[step] + " ")
    html = report_html(build_report(aggregate))
    assert "Avvikelser per avsnitt" in html
    assert references[targets[0].id] in html_says(html)
    data = aggregate_dict(aggregate)
    [row] = data["routines"]
    assert {s["step"]: s["reference"] for s in row["steps"]} == {s: references[s] for s in r.steps}
