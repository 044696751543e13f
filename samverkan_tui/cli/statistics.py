"""`samverkan statistik slå-ihop`: one follow-up report for the unit from the desks' JSON files.

Reads only the anonymous aggregates that `samverkan logg statistik --format json` writes
(refusing anything else, such as a walk exported with `logg export`), adds them up under
the rules in steplog/report.py, and writes JSON (to merge again), HTML or PDF.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from samverkan_tui.cli.app import command, examples, subgroup
from samverkan_tui.cli.common import STATE, OutputOption, fail
from samverkan_tui.cli.log import ThresholdOption, write_report

statistik = subgroup(
    "statistik",
    "Uppföljning för enheten: slå ihop statistikfiler från flera handläggare.",
    examples(
        "samverkan statistik slå-ihop anna.json bo.json -f html -o enheten.html",
        "samverkan statistik sla-ihop *.json -f pdf -o enheten.pdf    (samma, utan å)",
    ),
)


@statistik.callback(invoke_without_command=True)
def _statistik(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        fail("ange vad du vill göra: samverkan statistik slå-ihop FILER (se samverkan statistik --help)")


class MergeFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    json = "json"


def _merge(
    filer: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILER",
            show_default=False,
            help="JSON-filer från samverkan logg statistik --format json.",
        ),
    ],
    format: Annotated[
        MergeFormat, typer.Option("--format", "-f", metavar="FORMAT", help="html, pdf eller json.")
    ] = MergeFormat.html,
    ut: OutputOption = None,
    troskel: ThresholdOption = None,
) -> None:
    """Slå ihop statistikfiler till en rapport för enheten.

    Bara sammanställda antal läses, aldrig enskilda genomgångar. Ett antal som är dolt
    (”< 5”) i någon fil förblir dolt: summan visas då som intervall eller ”minst N”.
    """
    from samverkan_tui.steplog.report import ReportError, merge, read_aggregate

    try:
        aggregates = [read_aggregate(path) for path in filer]
        limit = troskel
        if limit is None and STATE.config().raw.get("statistics_threshold") is not None:
            from samverkan_tui.cli.log import threshold

            limit = threshold(None)
        if limit is None:
            limit = max(a.threshold for a in aggregates)
        low = [(p, a.threshold) for p, a in zip(filer, aggregates, strict=True) if a.threshold < limit]
        if low:
            path, value = low[0]
            fail(
                f"{path} är gjord med tröskel {value}, lägre än {limit}; be om en ny fil gjord med "
                f"samverkan logg statistik --format json --tröskel {limit}"
            )
        routines = {rid: entry.routine for rid, entry in STATE.catalog().entries.items()}
        merged = merge(aggregates, limit, routines)
    except ReportError as error:
        fail(str(error))
    write_report(merged, format.value, ut)


command(
    statistik,
    "slå-ihop",
    "sla-ihop",
    short_help="Slå ihop statistikfiler till en rapport.",
    epilog=examples(
        "samverkan statistik slå-ihop anna.json bo.json -f html -o enheten.html",
        "samverkan statistik sla-ihop *.json -f pdf -o enheten.pdf",
    ),
)(_merge)
