"""`samverkan logg`: the anonymized step log — list, show, export, purge, follow-up.

SQLite and the step-log modules are imported inside the commands: the rest of the CLI
never pays for them.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samverkan_tui.cli.app import command, examples, subgroup
from samverkan_tui.cli.common import (
    EXIT_FAILURE,
    STATE,
    Format,
    FormatOption,
    NowOption,
    OutputOption,
    ShowFormat,
    ShowFormatOption,
    fail,
    json_text,
    print_as,
    print_json,
    terminal_width,
    wrapped,
)
from samverkan_tui.core.base.swedish import count_text

if TYPE_CHECKING:
    from samverkan_tui.core.routine.model import Routine
    from samverkan_tui.steplog.report import Aggregate
    from samverkan_tui.steplog.store import SessionInfo, StepLog
    from samverkan_tui.steplog.summary import WalkSummary

logg = subgroup(
    "logg",
    "Stegloggen: vad som gjordes och när i varje genomgång, aldrig vem det gällde.",
    examples(
        "samverkan logg lista",
        "samverkan logg visa 3f2a          en genomgång att klistra in i journalen",
        after="ID kan förkortas till början av id:t.",
    ),
)


@logg.callback(invoke_without_command=True)
def _logg(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        fail(
            "ange vad du vill göra: samverkan logg lista, visa ID, exportera ID, rensa eller statistik "
            "(se samverkan logg --help)"
        )


class ExportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"
    ics = "ics"  # the walk's open deadlines; re-exporting after a correction moves its events


# -- helpers ----------------------------------------------------------------------------


def _open(*, reading: bool = False) -> StepLog:
    """The log; ``reading``: a command that only reads also works on a read-only folder."""
    from samverkan_tui.steplog.store import StepLog, StepLogError

    try:
        return StepLog.open(config=STATE.config(), reading=reading)
    except StepLogError as error:
        fail(error.problem, EXIT_FAILURE)


def _find(log: StepLog, ident: str) -> SessionInfo:
    info = log.get(ident.strip().lower())
    if info is not None:
        return info
    found = log.find(ident)
    if not found:
        fail(f"ingen genomgång med id `{ident}` i loggen; se samverkan logg lista")
    if len(found) > 1:
        shown = ", ".join(i.id[:12] for i in found[:5])
        fail(f"id `{ident}` passar flera genomgångar ({shown} …); skriv fler tecken av id:t")
    return found[0]


def _routine_for(info: SessionInfo) -> Routine | None:
    return STATE.catalog().get(info.routine_id)


def _summary(log: StepLog, info: SessionInfo, routine: Routine, now: str | None) -> WalkSummary:
    from samverkan_tui.steplog.summary import walk_summary

    session = log.replay(info, routine)
    return walk_summary(session, STATE.now(now), info.content_hash)


def _parse_date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    from samverkan_tui.core.base.clock import FIRST_YEAR, LAST_YEAR

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: ogiltigt datum {text!r}; skriv ÅÅÅÅ-MM-DD, till exempel 2026-01-31")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        fail(f"{option}: datumet {day.isoformat()} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}")
    return day


MAX_AGE_DAYS = 100 * 365  # older than a century: everything (and beyond, no date at all)
_AGE = re.compile(r"^(\d+)\s*(d|dag|dagar|v|vecka|veckor|m|mån|månad|månader)$")


def parse_age(text: str, today: dt.date) -> dt.date:
    """``30d``, ``6v``, ``3m`` (days, weeks, calendar months) → the first day to keep."""
    match = _AGE.match(text.strip().lower())
    if not match:
        fail(
            f"--äldre-än {text!r}: skriv antal och enhet, till exempel 30d, 6v eller 3m "
            "(dagar, veckor, månader)"
        )
    number, unit = int(match[1]), match[2]
    if number < 1:
        fail(f"--äldre-än {text!r}: ange minst 1, eller --alla för att rensa allt")
    days = number * (7 if unit.startswith("v") else 31 if unit.startswith("m") else 1)
    if days > MAX_AGE_DAYS:
        fail(f"--äldre-än {text!r}: högst {MAX_AGE_DAYS // 365} år; rensa allt med --alla")
    if unit.startswith("d"):
        return today - dt.timedelta(days=number)
    if unit.startswith("v"):
        return today - dt.timedelta(weeks=number)
    from samverkan_tui.core.base.dates import add_months

    return add_months(today, -number)


STDOUT = Path("-")


def _write_output(data: str | bytes, ut: Path | None, binary_name: str | None = None) -> None:
    """To the file ``ut`` (0600, atomic), or to standard output for None and ``-o -``."""
    if ut is not None and ut != STDOUT:
        from samverkan_tui.cli.common import write_output_file

        write_output_file(ut, data)  # 0600, atomic, never through a symlink; one error text
        print(f"Skrev {ut}", file=sys.stderr)
        return
    if isinstance(data, bytes):
        if sys.stdout.isatty():
            fail(f"{binary_name} skrivs inte till terminalen; ange -o FIL")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(data)


def _printout(summary: WalkSummary, format: ExportFormat) -> str | bytes:
    """The run printout from the export package (the same as the app's)."""
    from samverkan_tui.export import render
    from samverkan_tui.export.document import document_for_session

    notices = (
        ("Rutinfilen har ändrats sedan genomgången; stegtexterna är dagens.",)
        if summary.routine_changed
        else ()
    )
    from samverkan_tui.export import ExportError

    try:
        return render(document_for_session(summary.session, summary.now, notices), format.value)
    except ExportError as error:  # a calendar with no dated action left: one clear line
        fail(str(error))
    raise AssertionError("unreachable")  # fail() exits


def _stored_text(data: dict[str, Any], markdown: bool = False) -> str:
    """A walk whose routine cannot be used now, read-only: only what the log stores."""
    from samverkan_tui.export import render
    from samverkan_tui.export.document import document_for_stored_walk

    return str(render(document_for_stored_walk(data), "md" if markdown else "text"))


def _minute(iso: str) -> str:
    """``2026-11-23 10.05`` from ``2026-11-23T10:05:…``."""
    return f"{iso[:10]} {iso[11:13]}.{iso[14:16]}"


# -- commands ---------------------------------------------------------------------------


@command(
    logg,
    "lista",
    short_help="Genomgångarna, den senaste först.",
    epilog=examples("samverkan logg lista", "samverkan logg lista --format json"),
)
def lista(
    format: FormatOption = Format.text,
) -> None:
    """Lista genomgångarna i loggen, den senast påbörjade först."""
    from samverkan_tui.core.walk.status import MODES
    from samverkan_tui.steplog.store import local_iso

    log = _open(reading=True)
    try:
        # Stored rows and cached hour offsets, not datetimes: 10 000 walks stay fast.
        rows = log.list_rows()
        path = log.path
    finally:
        log.close()
    if format is Format.json:
        from samverkan_tui.export.data import walk_row_dict

        print_json([walk_row_dict(r) for r in rows])
        return
    if not rows:
        print(f"Loggen är tom ({path}).")
        return
    width = max(len(r.routine_id) for r in rows)
    mode_width = max(len(m) for m in MODES)
    columns = terminal_width()
    header = f"{'ID':<8}  {'PÅBÖRJAD':<16}  {'RUTIN':<{width}}  {'LÄGE':<{mode_width}}  "
    # A table while its columns fit with room for the status; else one block per walk.
    table = len(header) + 16 <= columns
    lines = [f"{header}STATUS"] if table else []
    for r in rows:
        status = ("avslutad " + _minute(local_iso(r.finished_at))) if r.finished_at else "pågår"
        status += f" · {r.answered} svar · {r.steps_handled} steg"
        started = _minute(local_iso(r.started_at))
        if table:
            first = f"{r.id[:8]}  {started}  {r.routine_id:<{width}}  {r.mode:<{mode_width}}  "
            lines += wrapped(status, columns, " " * len(first), first)
        else:
            lines += [
                f"{r.id[:8]} påbörjad {started}",
                *wrapped(f"{r.routine_id}, {r.mode}", columns, "    ", "  "),
            ]
            lines += wrapped(status, columns, "    ", "  ")
    finished_count = sum(1 for r in rows if r.finished_at)
    walks = count_text(len(rows), "genomgång", "genomgångar")
    lines.append("")
    lines += wrapped(f"{walks} ({finished_count} avslutade) i {path}", columns)
    sys.stdout.write("\n".join(lines) + "\n")


@command(
    logg,
    "visa",
    short_help="En genomgång: steg, tider, avvikelser.",
    epilog=examples("samverkan logg visa 3f2a", "samverkan logg visa 3f2a --format md"),
)
def visa(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="Genomgångens id (början räcker).", show_default=False)
    ],
    format: ShowFormatOption = ShowFormat.text,
    now: NowOption = None,
) -> None:
    """Visa en genomgång: utförda steg med tider, avvikelser, återstående steg med datum.

    Texten går att klistra in i dokumentationssystemet; loggens id tas inte med där.
    """
    from samverkan_tui.export import render
    from samverkan_tui.export.data import stored_walk_dict, walk_dict
    from samverkan_tui.export.document import document_for_summary

    log = _open(reading=True)
    try:
        info = _find(log, ident)
        routine = _routine_for(info)
        if routine is None:  # removed, or a file that no longer loads: show what is stored
            data = stored_walk_dict(info, log.events(info.id))
            if format is ShowFormat.json:
                print_json(data)
            else:
                sys.stdout.write(_stored_text(data, markdown=format is ShowFormat.md))
            return
        summary = _summary(log, info, routine, now)
    finally:
        log.close()
    # The journal note: the same document as the app's summary (s).
    print_as(
        format,
        summary,
        as_json=walk_dict,
        as_md=lambda s: str(render(document_for_summary(s), "md")),
        as_text=lambda s: str(render(document_for_summary(s), "text")),
    )


@command(
    logg,
    "exportera",
    "export",
    short_help="Exportera en genomgång till en fil.",
    epilog=examples(
        "samverkan logg exportera 3f2a -f pdf -o genomgång.pdf", "samverkan logg exportera 3f2a -f json -o -"
    ),
)
def export(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="Genomgångens id (början räcker).", show_default=False)
    ],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", metavar="FORMAT", help="md, html, pdf, json eller ics.")
    ] = ExportFormat.md,
    ut: OutputOption = None,
    now: NowOption = None,
) -> None:
    """Exportera en genomgång som Markdown, HTML, PDF, JSON eller kalender (ics)."""
    from samverkan_tui.export.data import stored_walk_dict, walk_dict

    log = _open(reading=True)
    try:
        info = _find(log, ident)
        routine = _routine_for(info)
        if routine is None:
            if format is ExportFormat.json:
                stored = stored_walk_dict(info, log.events(info.id))
                _write_output(json_text(stored), ut)
                return
            if format is ExportFormat.md:
                _write_output(_stored_text(stored_walk_dict(info, log.events(info.id)), markdown=True), ut)
                return
            fail(
                f"rutinen `{info.routine_id}` kan inte läsas just nu; exportera de sparade "
                "uppgifterna med --format md eller json",
                EXIT_FAILURE,
            )
        summary = _summary(log, info, routine, now)
    finally:
        log.close()
    if format is ExportFormat.json:
        _write_output(json_text(walk_dict(summary)), ut)
    else:
        _write_output(_printout(summary, format), ut, format.value.upper())


@command(
    logg,
    "rensa",
    short_help="Ta bort genomgångar ur loggen.",
    epilog=examples(
        "samverkan logg rensa --äldre-än 30d       (eller --aldre-an 6v, 3m)",
        "samverkan logg rensa --alla --ja",
    ),
)
def rensa(
    aldre_an: Annotated[
        str | None,
        typer.Option(
            "--äldre-än",
            "--aldre-an",
            metavar="ÅLDER",
            help="Ta bort genomgångar som inte ändrats på så länge: 30d, 6v eller 3m.",
        ),
    ] = None,
    alla: Annotated[
        bool, typer.Option("--alla", help="Ta bort alla genomgångar (frågar först i en terminal).")
    ] = False,
    ja: Annotated[bool, typer.Option("--ja", "-j", help="Fråga inte: svara ja på frågan om --alla.")] = False,
) -> None:
    """Ta bort genomgångar ur loggen på riktigt (skrivs över, filen packas om).

    Räknar alltid från dagens datum, även om --now är angivet.
    """
    if aldre_an is None and not alla:
        fail("säg vad som ska rensas: lägg till --äldre-än 30d (eller 6v, 3m) eller --alla")
    if aldre_an is not None and alla:
        fail("ange antingen --äldre-än eller --alla, inte båda")
    from samverkan_tui.core.base.clock import STOCKHOLM, current_time
    from samverkan_tui.steplog.store import StepLogError

    today = current_time().date()
    keep_from = parse_age(aldre_an, today) if aldre_an is not None else None
    log = _open()
    try:
        earlier = log.purged_at_open
        if keep_from is None and not ja:
            _confirm_all(len(log.list_rows()))
        if keep_from is None:
            count = log.purge(everything=True)
        else:
            count = log.purge(before=dt.datetime.combine(keep_from, dt.time(), STOCKHOLM))
    except StepLogError as error:
        fail(error.problem, EXIT_FAILURE)
    finally:
        log.close()
    what = (
        "alla genomgångar"
        if keep_from is None
        else (f"genomgångar som inte ändrats sedan före {keep_from.isoformat()}")
    )
    if count == 0:
        print(f"Inget att rensa ({what}).")
    else:
        print(f"Rensade {count_text(count, 'genomgång', 'genomgångar')} ({what}).")
    if earlier:
        print(f"Dessutom rensades {earlier} genomgångar som var äldre än lagringstiden.")


def _confirm_all(count: int) -> None:
    """`rensa --alla`: ask on a terminal; without one, only with --ja."""
    if count == 0:
        return
    if not sys.stdin.isatty():
        fail(
            f"--alla raderar alla {count} genomgångar; lägg till --ja för att bekräfta "
            "(ingen terminal att fråga i)"
        )
    sys.stderr.write(f"Radera alla {count} genomgångar? [j/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    if answer not in ("j", "ja", "y", "yes"):
        fail("inget raderades", 1)


class StatsFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    pdf = "pdf"


ThresholdOption = Annotated[
    int | None,
    typer.Option(
        "--tröskel",
        "--troskel",
        metavar="N",
        min=2,
        help="Antal under N visas som ”< N” i det som lämnar datorn (standard 5, eller "
        "statistics_threshold i inställningarna).",
    ),
]


def threshold(flag: int | None) -> int:
    """The disclosure threshold: the flag, else the config key, else 5."""
    from samverkan_tui.steplog.report import ReportError, threshold_from_config

    if flag is not None:
        return flag
    config = STATE.config()
    try:
        return threshold_from_config(config.raw, config.path)
    except ReportError as error:
        fail(str(error))


def write_report(aggregate: Aggregate, format: str, ut: Path | None) -> None:
    """The aggregate as JSON, HTML or PDF (shared with `samverkan statistik slå-ihop`)."""
    from samverkan_tui.steplog.report import stockholm_week_start

    if format == "json":
        from samverkan_tui.steplog.report import aggregate_dict

        _write_output(json_text(aggregate_dict(aggregate)), ut)
        return
    from samverkan_tui.export.statistics_report import build_report, report_html, report_pdf

    report = build_report(aggregate, stockholm_week_start(STATE.now()))
    data = report_html(report) if format == "html" else report_pdf(report)
    _write_output(data, ut, format.upper())


@command(
    logg,
    "statistik",
    short_help="Uppföljning per rutin ur din logg.",
    epilog=examples(
        "samverkan logg statistik --från 2026-10-01 --till 2026-10-31",
        "samverkan logg statistik --format json -o min-plats.json",
    ),
)
def statistik(
    fran: Annotated[
        str | None, typer.Option("--från", "--fran", metavar="DATUM", help="Första dagen, ÅÅÅÅ-MM-DD.")
    ] = None,
    till: Annotated[
        str | None, typer.Option("--till", metavar="DATUM", help="Sista dagen, ÅÅÅÅ-MM-DD.")
    ] = None,
    format: Annotated[
        StatsFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (bara för dig), eller json, html, pdf att lämna vidare.",
        ),
    ] = StatsFormat.text,
    ut: OutputOption = None,
    troskel: ThresholdOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="INDELNING",
            help="veckor eller månader: perioden vidgas till hela veckor eller hela kalendermånader "
            "(standard: månader när --från och --till är hela månader, annars veckor).",
        ),
    ] = None,
) -> None:
    """Uppföljning per rutin: antal genomgångar, andel akuta, avvikelser, mediantider.

    Räknar bara ärenden; övningar räknas aldrig. Innehåller inga personuppgifter.
    json, html och pdf är en rapport att lämna vidare: hela veckor eller hela månader,
    antal under tröskeln visas som ”< 5”, inga kommentarer. JSON-filerna från flera
    handläggare slås ihop med samverkan statistik slå-ihop; en månads fil och nästa
    månads fil går att slå ihop, överlappande perioder vägras.
    """
    start, end = _parse_date(fran, "--från"), _parse_date(till, "--till")
    if start and end and start > end:
        fail(f"--från {start.isoformat()} är efter --till {end.isoformat()}")
    routines = {rid: entry.routine for rid, entry in STATE.catalog().entries.items()}
    if format is StatsFormat.text:
        from samverkan_tui.steplog.stats import stats_text, walk_statistics

        log = _open(reading=True)
        try:
            stats = walk_statistics(log.connection(), start, end, routines)
        finally:
            log.close()
        _write_output(stats_text(stats, start, end), ut)
        return
    from samverkan_tui.steplog.report import (
        PERIOD_MONTHS,
        PERIOD_WEEKS,
        ReportError,
        desk_aggregate,
        is_whole_months,
    )

    cut = {"veckor": PERIOD_WEEKS, "vecka": PERIOD_WEEKS, "månader": PERIOD_MONTHS, "månad": PERIOD_MONTHS}
    cut |= {"manader": PERIOD_MONTHS, "manad": PERIOD_MONTHS}
    if period is not None and period.strip().lower() not in cut:
        fail(f"okänd period ”{period}”; välj --period veckor eller --period månader")
    chosen = (
        cut[period.strip().lower()]
        if period is not None
        else (PERIOD_MONTHS if is_whole_months(start, end) else PERIOD_WEEKS)
    )
    limit = threshold(troskel)
    log = _open(reading=True)
    try:
        aggregate = desk_aggregate(log.connection(), start, end, routines, limit, chosen)
    except ReportError as error:
        fail(str(error), EXIT_FAILURE)
    finally:
        log.close()
    write_report(aggregate, format.value, ut)
